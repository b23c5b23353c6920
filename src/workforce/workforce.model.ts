import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { CertificateKind } from '../certification/certification.enums.js';
import { DateScalar } from '../common/dates.js';
import { ConnectionType } from '../common/pagination.js';
import { Education, EndReason, Occupation, PostType, Sex, Team } from './workforce.enums.js';

@ObjectType('Person', { description: 'One human, city-wide. The ID number and phone are only ever shown masked.' })
export class Person {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'First 6 and last 4 characters: 500101********123X.' })
  idNumberMasked: string;

  @Field(() => Sex)
  sex: Sex;

  @Field(() => DateScalar)
  birthDate: string;

  @Field(() => String, { nullable: true, description: 'First 3 and last 4 digits: 138****5678.' })
  phoneMasked: string | null;

  @Field(() => Education, { nullable: true })
  education: Education | null;
}

@ObjectType()
export class PersonConnection extends ConnectionType(Person, 'Person') {}

@ObjectType('Employment', { description: 'A job of a person at an institution; history is never overwritten.' })
export class Employment {
  @Field(() => ID)
  id: string;

  @Field(() => Occupation)
  occupation: Occupation;

  @Field(() => Team, { description: 'Derived from the occupation.' })
  team: Team;

  @Field(() => PostType)
  postType: PostType;

  @Field(() => DateScalar)
  startDate: string;

  @Field(() => DateScalar, { nullable: true, description: 'Exclusive: the first day no longer worked.' })
  endDate: string | null;

  @Field(() => EndReason, { nullable: true })
  endReason: EndReason | null;
}

// Formats, checksums, ranges and dates of the inputs below are checked by the service, so that every bad field is
// reported at once (and batch rows as data); the decorators here only mark the fields for the whitelisting pipe.

@InputType()
export class RegisterStaffInput {
  @Field(() => ID)
  @IsString()
  institutionId: string;

  @Field({ description: 'Resident ID number (GB 11643-1999), 18 characters.' })
  @IsString()
  idNumber: string;

  @Field()
  @IsString()
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  phone?: string | null;

  @Field(() => Occupation)
  @IsEnum(Occupation)
  occupation: Occupation;

  @Field(() => PostType)
  @IsEnum(PostType)
  postType: PostType;

  @Field(() => DateScalar, { description: 'Not in the future, nor before the person turned 16.' })
  @IsString()
  startDate: string;

  @Field(() => Education, { nullable: true })
  @IsOptional()
  @IsEnum(Education)
  education?: Education | null;
}

@InputType({ description: 'Fields to correct; a field left out is kept, phone or education null removes it.' })
export class CorrectPersonInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  phone?: string | null;

  @Field(() => Education, { nullable: true })
  @IsOptional()
  @IsEnum(Education)
  education?: Education | null;
}

@InputType({ description: 'Every condition on employments holds for one and the same employment.' })
export class PeopleFilter {
  @Field({ nullable: true, description: 'Employed at an institution in this district or county (or zone).' })
  @IsOptional()
  @IsString()
  @MaxLength(6)
  regionCode?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  institutionId?: string;

  @Field(() => Occupation, { nullable: true })
  @IsOptional()
  @IsEnum(Occupation)
  occupation?: Occupation;

  @Field(() => Team, { nullable: true })
  @IsOptional()
  @IsEnum(Team)
  team?: Team;

  @Field(() => DateScalar, { nullable: true, description: 'Employed on this date (start <= date < end).' })
  @IsOptional()
  @IsString()
  activeOn?: string;

  @Field(() => CertificateKind, {
    nullable: true,
    description: 'Holds a certificate of this kind valid on activeOn (default today).',
  })
  @IsOptional()
  @IsEnum(CertificateKind)
  certificateKind?: CertificateKind;

  @Field(() => Int, {
    nullable: true,
    description:
      'Holds a valid certificate of certificateKind (default NURSING_ASSISTANT_SKILL) at this level or higher ' +
      '(1 is the highest: 3 means levels 3, 2 or 1).',
  })
  @IsOptional()
  @IsInt()
  minSkillLevel?: number;

  @Field({ nullable: true, description: 'The name starts with this.' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  namePrefix?: string;
}

@ObjectType()
export class TeamCount {
  @Field(() => Team)
  team: Team;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class OccupationCount {
  @Field(() => Occupation)
  occupation: Occupation;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class RegionCount {
  @Field()
  regionCode: string;

  @Field(() => Int)
  count: number;
}

@ObjectType('RegionHeadcount')
export class RegionHeadcount {
  @Field()
  regionCode: string;

  @Field(() => Int, { description: 'People whose primary job is here: these add up to the total.' })
  count: number;

  @Field(() => Int, {
    description:
      'People with any active job here, primary or not: someone with jobs in two districts counts in both, so ' +
      'this is at least count and these do not add up to the total.',
  })
  withAnyJob: number;
}

@ObjectType({
  description:
    'Distinct persons employed on asOf. Each is counted once, under the team, occupation and district of their ' +
    'primary employment (the active one that started first), so every breakdown sums to total.',
})
export class Headcount {
  @Field(() => DateScalar)
  asOf: string;

  @Field(() => String, { nullable: true, description: 'The region counted; null for the whole city.' })
  regionCode: string | null;

  @Field(() => Int)
  total: number;

  @Field(() => [TeamCount], { description: 'Every team, zeros included.' })
  byTeam: TeamCount[];

  @Field(() => [OccupationCount], { description: 'Every occupation, zeros included.' })
  byOccupation: OccupationCount[];

  @Field(() => [RegionHeadcount], {
    description: 'Districts and counties where at least one person has their primary job, by code.',
  })
  byRegion: RegionHeadcount[];
}
