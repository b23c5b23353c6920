import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsNumber, IsOptional, IsString } from 'class-validator';
import { DateScalar } from '../common/dates.js';
import { Team } from '../workforce/workforce.enums.js';

// Ranges are checked by the service so that every bad field is reported at once; the decorators only mark the
// fields for the whitelisting pipe. Every rate and count left out is measured from the registry's last 12 months.

@InputType('WorkforceForecastInput')
export class WorkforceForecastInput {
  @Field(() => Int, { description: 'Forecast month by month to December of this year (this year to 30 years on).' })
  @IsInt()
  horizonYear: number;

  @Field(() => String, { nullable: true, description: 'A district or county; omit for the city.' })
  @IsOptional()
  @IsString()
  regionCode?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of staff leaving per year other than by retirement, 0-1 (default: measured).',
  })
  @IsOptional()
  @IsNumber()
  annualAttritionRate?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'College graduates entering elder care per year (default: the latest program year).',
  })
  @IsOptional()
  @IsInt()
  graduatesEnteringPerYear?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of trainees without a job who take one, 0-1 (default: measured).',
  })
  @IsOptional()
  @IsNumber()
  traineeConversionRate?: number | null;

  @Field(() => Int, { nullable: true, description: 'Hires per month on top of the trend, into the care team.' })
  @IsOptional()
  @IsInt()
  extraHiresPerMonth?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'One retirement age for every man, in whole years (40-80). Default: the statutory age of his birth month, 60 ' +
      'for men born before 1965, then one month more per four-month birth cohort up to 63 from September 1976 on.',
  })
  @IsOptional()
  @IsInt()
  retirementAgeMale?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'One retirement age for every woman, in whole years (40-80). Default: the statutory age of her birth month, ' +
      '55 for women born before 1970, then one month more per four-month birth cohort up to 58 from September 1981 on.',
  })
  @IsOptional()
  @IsInt()
  retirementAgeFemale?: number | null;
}

@ObjectType('ForecastPoint')
export class ForecastPoint {
  @Field({ description: 'YYYY-MM; the first point is this month’s actual headcount.' })
  month: string;

  @Field(() => Team)
  team: Team;

  @Field(() => Int, {
    description:
      'The team’s share of the month’s total shown, rounded by largest remainders so the teams add up to it.',
  })
  headcount: number;
}

@ObjectType('ForecastTotal')
export class ForecastTotal {
  @Field({ description: 'YYYY-MM.' })
  month: string;

  @Field(() => Int, { description: 'The month’s unrounded total (all teams) rounded to a whole person.' })
  headcount: number;
}

@ObjectType('ForecastTarget')
export class ForecastTarget {
  @Field(() => Int)
  year: number;

  @Field(() => Float)
  target: number;

  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM of the first month whose total shown (totals) is at least the target; null if none.',
  })
  reachedInMonth: string | null;

  @Field(() => Int, {
    description:
      'max(0, target - the total shown for December of the target year): the gap a planner reads off totals.',
  })
  gapAtTargetDate: number;
}

@ObjectType('ForecastAssumptions', { description: 'The figures the forecast used, measured or given.' })
export class ForecastAssumptions {
  @Field(() => DateScalar, { description: 'Rates are measured over (measuredFrom, measuredTo].' })
  measuredFrom: string;

  @Field(() => DateScalar)
  measuredTo: string;

  @Field(() => Float)
  annualAttritionRate: number;

  @Field(() => Int, {
    description: 'Given, or the entrants of the latest program year (up to this one) with graduates recorded.',
  })
  graduatesEnteringPerYear: number;

  @Field(() => Int, {
    nullable: true,
    description: 'The program year graduatesEnteringPerYear was measured from; null when none has graduates.',
  })
  graduatesProgramYear: number | null;

  @Field(() => Float)
  traineeConversionRate: number;

  @Field(() => Int, { description: 'Trainees without a job at the end of their training, per year (measured).' })
  traineesPerYear: number;

  @Field(() => Int, { description: 'Other new entrants per year (measured entrants less graduates and trainees).' })
  otherHiresPerYear: number;

  @Field(() => Int)
  extraHiresPerMonth: number;

  @Field(() => Int, {
    description:
      'The age given, or 60: where the statutory schedule starts (men born from 1965 retire later by birth month).',
  })
  retirementAgeMale: number;

  @Field(() => Int, {
    description:
      'The age given, or 55: where the statutory schedule starts (women born from 1970 retire later by birth month).',
  })
  retirementAgeFemale: number;

  @Field(() => Int, {
    description:
      'Staff in the starting stock who had already reached retirement age by the forecast’s first day (today): ' +
      'no retirement is scheduled for them; they leave only through attrition.',
  })
  staffPastRetirementAge: number;

  @Field(() => [String], { description: 'The inputs given rather than measured.' })
  overridden: string[];
}

@ObjectType('WorkforceForecast')
export class WorkforceForecast {
  @Field(() => String, { nullable: true })
  regionCode: string | null;

  @Field(() => [ForecastPoint], { description: 'Per month and team, from this month to December of the horizon.' })
  series: ForecastPoint[];

  @Field(() => [ForecastTotal], { description: 'Per month, the total shown (the teams of series add up to it).' })
  totals: ForecastTotal[];

  @Field(() => [ForecastTarget], {
    description:
      'Each TALENT_HEADCOUNT target year within the horizon: the city’s for the city, a region’s own for a region.',
  })
  targets: ForecastTarget[];

  @Field(() => String, { nullable: true, description: 'Why there is no target, when targets is empty.' })
  note: string | null;

  @Field(() => ForecastAssumptions)
  assumptions: ForecastAssumptions;
}

@ObjectType('ScenarioInput', { description: 'The forecast input a scenario keeps.' })
export class ScenarioInput {
  @Field(() => Int)
  horizonYear: number;

  @Field(() => String, { nullable: true })
  regionCode: string | null;

  @Field(() => Float, { nullable: true })
  annualAttritionRate: number | null;

  @Field(() => Int, { nullable: true })
  graduatesEnteringPerYear: number | null;

  @Field(() => Float, { nullable: true })
  traineeConversionRate: number | null;

  @Field(() => Int, { nullable: true })
  extraHiresPerMonth: number | null;

  @Field(() => Int, { nullable: true })
  retirementAgeMale: number | null;

  @Field(() => Int, { nullable: true })
  retirementAgeFemale: number | null;
}

@ObjectType('Scenario', { description: 'A planner’s saved forecast input; its forecast is run on today’s data.' })
export class Scenario {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => ScenarioInput)
  input: ScenarioInput;

  @Field(() => GraphQLISODateTime)
  savedAt: Date;
}
