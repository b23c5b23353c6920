import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString } from 'class-validator';
import { DateScalar } from '../common/dates.js';
import { ConnectionType } from '../common/pagination.js';

// Formats and ranges are checked by the services so that every bad field is reported at once; the decorators only
// mark the fields for the whitelisting pipe.

@ObjectType('Volunteer', { description: 'A VOLUNTEER account tied to one person.' })
export class Volunteer {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'The volunteer’s account (the id `resetPassword` takes).' })
  userId: string;

  @Field()
  username: string;

  @Field({ description: 'The district or county where the volunteer lives.' })
  regionCode: string;

  @Field(() => GraphQLISODateTime)
  registeredAt: Date;

  /** Not a field: resolved from it. */
  personId: string;
}

@ObjectType('VolunteerPerson', { description: 'The person behind a volunteer account, as the time bank shows it.' })
export class VolunteerPerson {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'First 6 and last 4 characters of the ID number.' })
  idNumberMasked: string;

  @Field(() => DateScalar)
  birthDate: string;

  @Field(() => Int, { description: 'Age today.' })
  age: number;
}

@ObjectType('VolunteerIdentity', {
  description: 'Who a volunteer is, as planners see it: no birth date, phone or balances.',
})
export class VolunteerIdentity {
  @Field()
  name: string;

  @Field({ description: 'First 6 and last 4 characters of the ID number.' })
  idNumberMasked: string;

  @Field(() => Int, { description: 'Age today.' })
  age: number;
}

@ObjectType('VolunteerSummary', {
  description: 'A volunteer in a planner’s list (to grant from the pool or reset a password); never balances.',
})
export class VolunteerSummary {
  @Field(() => ID, { description: 'The volunteer (the id `grantFromPool` takes).' })
  id: string;

  @Field(() => ID, { description: 'The volunteer’s account (the id `resetPassword` takes).' })
  userId: string;

  @Field({ description: 'The district or county where the volunteer lives.' })
  regionCode: string;

  @Field(() => GraphQLISODateTime)
  registeredAt: Date;

  @Field(() => VolunteerIdentity)
  person: VolunteerIdentity;
}

@ObjectType()
export class VolunteerSummaryConnection extends ConnectionType(VolunteerSummary, 'VolunteerSummary') {}

@InputType()
export class VolunteerFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Volunteers living in this district or county (a district planner: its own, the default).',
  })
  @IsOptional()
  @IsString()
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Names starting with this (1-50 characters).' })
  @IsOptional()
  @IsString()
  namePrefix?: string | null;
}

@InputType()
export class RegisterVolunteerInput {
  @Field({ description: 'Resident ID number (18 characters).' })
  @IsString()
  idNumber: string;

  @Field({ description: 'The name on the ID card.' })
  @IsString()
  name: string;

  @Field(() => String, {
    nullable: true,
    description: 'Mobile number; required for a public sign-up, optional when an institution admin signs someone up.',
  })
  @IsOptional()
  @IsString()
  phone?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'District or county of residence; an institution admin may omit it (their institution’s region).',
  })
  @IsOptional()
  @IsString()
  regionCode?: string | null;

  @Field({ description: '3-64 characters: letters, digits, dot, dash, underscore.' })
  @IsString()
  username: string;

  @Field({ description: '8-128 characters.' })
  @IsString()
  password: string;
}
