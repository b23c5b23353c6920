import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsNumber, IsOptional, IsString, MaxLength } from 'class-validator';
import { DateScalar } from '../common/dates.js';
import { ConnectionType } from '../common/pagination.js';
import { RegionCount } from '../workforce/workforce.model.js';
import { TrainingAudience } from './training.enums.js';

export const MAX_TITLE_LENGTH = 200;
export const MAX_HOURS = 2000;
export const MAX_CAPACITY = 10_000;

@ObjectType('TrainingSession', { description: 'A training session run by a filed body allowed to train.' })
export class TrainingSession {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => TrainingAudience)
  audience: TrainingAudience;

  @Field({ description: 'The district or county where it is held.' })
  regionCode: string;

  @Field(() => DateScalar)
  startDate: string;

  @Field(() => DateScalar, {
    description: 'The last day (inclusive). Its completed attendances count in the year of this date.',
  })
  endDate: string;

  @Field(() => Float, { description: 'Teaching hours, at most one decimal.' })
  hours: number;

  @Field(() => Int, { description: 'Most attendees (completed or not).' })
  capacity: number;

  /** Not a field: the provider is resolved from it. */
  providerId: string;
}

@ObjectType()
export class TrainingSessionConnection extends ConnectionType(TrainingSession, 'TrainingSession') {}

// Formats and ranges are checked by the service so that every bad field is reported at once; the decorators only
// mark the fields for the whitelisting pipe.
@InputType()
export class CreateTrainingSessionInput {
  @Field({ description: `1-${MAX_TITLE_LENGTH} characters.` })
  @IsString()
  title: string;

  @Field(() => TrainingAudience)
  @IsEnum(TrainingAudience)
  audience: TrainingAudience;

  @Field({ description: 'A district or county.' })
  @IsString()
  regionCode: string;

  @Field(() => DateScalar, { description: "Within the provider's filing; 2000-01-01 to two years from today." })
  @IsString()
  startDate: string;

  @Field(() => DateScalar, { description: 'On or after startDate; at most two years from today.' })
  @IsString()
  endDate: string;

  @Field(() => Float, { description: `More than 0, at most ${MAX_HOURS}, at most one decimal.` })
  @IsNumber()
  hours: number;

  @Field(() => Int, { description: `1-${MAX_CAPACITY}.` })
  @IsInt()
  capacity: number;
}

@InputType()
export class TrainingSessionFilter {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(6)
  regionCode?: string;

  @Field(() => Int, { nullable: true, description: 'Sessions ending in this year (as they are counted).' })
  @IsOptional()
  @IsInt()
  year?: number;

  @Field(() => TrainingAudience, { nullable: true })
  @IsOptional()
  @IsEnum(TrainingAudience)
  audience?: TrainingAudience;
}

@InputType({ description: 'One attendee of a session.' })
export class AttendanceInput {
  @Field({ description: 'Resident ID number (GB 11643-1999), 18 characters.' })
  @IsString()
  idNumber: string;

  @Field()
  @IsString()
  name: string;

  @Field({ description: 'Whether the attendee completed the session (only completed attendances count).' })
  @IsBoolean()
  completed: boolean;
}

@ObjectType()
export class AudienceCount {
  @Field(() => TrainingAudience)
  audience: TrainingAudience;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class MonthCount {
  @Field(() => Int, { description: '1-12.' })
  month: number;

  @Field(() => Int)
  count: number;

  @Field(() => Int, { description: 'Person-sessions from January to the end of this month (as they stood on asOf).' })
  cumulativeCount: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'The year’s target pro-rated to the month’s last day: round(target x days from 1 January to that day / days in ' +
      'the year), the expectedToDate rule. Null without a target.',
  })
  expectedByMonthEnd: number | null;
}

@ObjectType({
  description:
    'Training person-sessions in a year as they stood on asOf (DESIGN.md): completed attendances of sessions that ' +
    'end in that year on or before asOf, counted under the session’s region; one person at three sessions is ' +
    'three person-sessions.',
})
export class TrainingProgress {
  @Field(() => Int)
  year: number;

  @Field(() => DateScalar, { description: 'The day the figures stand on (default today, Asia/Shanghai).' })
  asOf: string;

  @Field(() => String, { nullable: true, description: 'The region counted; null for the whole city.' })
  regionCode: string | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'TRAINING_PERSON_SESSIONS target for the year (that year, else the nearest later, else the latest earlier): ' +
      'the city’s for the city, a region’s own for a region. A count target never falls back from the city to a ' +
      'region (DESIGN.md): a region without its own has none (null, with a note).',
  })
  target: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why target or onTrack is null (no target; a year that has not started on asOf).',
  })
  note: string | null;

  @Field(() => Int, { description: 'Completed attendances of sessions ending in the year on or before asOf.' })
  completedPersonSessions: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'round(target x days elapsed / days in the year), days elapsed counted 1 January to asOf inclusive; every ' +
      'day for a year before asOf’s, none for a later one. Null without a target.',
  })
  expectedToDate: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'completedPersonSessions >= expectedToDate; null without a target, and for a year that has not started on ' +
      'asOf (neither on nor off track).',
  })
  onTrack: boolean | null;

  @Field(() => [AudienceCount], { description: 'Every audience, zeros included.' })
  byAudience: AudienceCount[];

  @Field(() => [RegionCount], { description: 'Regions with at least one person-session, by code.' })
  byRegion: RegionCount[];

  @Field(() => [MonthCount], { description: 'Months 1-12 of the sessions’ end dates, zeros included.' })
  byMonth: MonthCount[];
}
