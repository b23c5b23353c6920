import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString } from 'class-validator';
import { DateScalar } from '../common/dates.js';
import { ConnectionType } from '../common/pagination.js';
import { ServiceCategory, ServiceStatus } from './timebank.enums.js';

// Formats and ranges are checked by the services so that every bad field is reported at once; the decorators only
// mark the fields for the whitelisting pipe.

@ObjectType('ServiceRecord', { description: 'Service done by a volunteer at an institution.' })
export class ServiceRecord {
  @Field(() => ID)
  id: string;

  @Field(() => ServiceStatus)
  status: ServiceStatus;

  @Field(() => ServiceCategory)
  category: ServiceCategory;

  @Field(() => DateScalar)
  serviceDate: string;

  @Field(() => Int, { description: 'Service minutes as logged.' })
  minutes: number;

  @Field(() => Int, { nullable: true, description: 'TIME credited when verified (null until then).' })
  creditedMinutes: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Service minutes above the daily cap for that date, not credited (null until verified).',
  })
  uncreditedMinutes: number | null;

  @Field(() => Int, { nullable: true })
  pointsAwarded: number | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => String, { nullable: true })
  rejectReason: string | null;

  @Field(() => ID, { nullable: true, description: 'The crediting journal, if anything was credited.' })
  journalId: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The journal that reversed the credit (an ADMIN or MUNICIPAL_PLANNER correction), if any.',
  })
  reversalJournalId?: string | null;

  @Field(() => GraphQLISODateTime)
  loggedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  decidedAt: Date | null;

  /** Not fields: resolved from them. */
  volunteerId: string;
  institutionId: string;
}

@ObjectType()
export class ServiceRecordConnection extends ConnectionType(ServiceRecord, 'ServiceRecord') {}

@InputType()
export class LogServiceInput {
  @Field(() => ID, { nullable: true, description: 'Required for an institution admin; a volunteer omits it.' })
  @IsOptional()
  @IsString()
  volunteerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Where the service happened; an institution admin may omit it.' })
  @IsOptional()
  @IsString()
  institutionId?: string | null;

  @Field(() => ServiceCategory)
  @IsEnum(ServiceCategory)
  category: ServiceCategory;

  @Field(() => DateScalar, { description: 'Not in the future, nor older than the log window (90 days by default).' })
  @IsString()
  serviceDate: string;

  @Field(() => Int, { description: '1-1440.' })
  @IsInt()
  minutes: number;

  @Field(() => String, { nullable: true, description: 'At most 500 characters.' })
  @IsOptional()
  @IsString()
  note?: string | null;
}

@InputType()
export class ServiceRecordFilter {
  @Field(() => ServiceStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ServiceStatus)
  status?: ServiceStatus;

  @Field(() => ID, { nullable: true, description: 'For an institution admin: one volunteer.' })
  @IsOptional()
  @IsString()
  volunteerId?: string;
}
