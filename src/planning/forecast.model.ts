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

  @Field(() => Int, { nullable: true, description: 'Default 60.' })
  @IsOptional()
  @IsInt()
  retirementAgeMale?: number | null;

  @Field(() => Int, { nullable: true, description: 'Default 55.' })
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

  @Field(() => Int)
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
    description: 'YYYY-MM when the total first reaches the target; null if never.',
  })
  reachedInMonth: string | null;

  @Field(() => Int, { description: 'max(0, ceil(target - forecast total in December of the target year)).' })
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

  @Field(() => Int)
  graduatesEnteringPerYear: number;

  @Field(() => Float)
  traineeConversionRate: number;

  @Field(() => Int, { description: 'Trainees without a job at the end of their training, per year (measured).' })
  traineesPerYear: number;

  @Field(() => Int, { description: 'Other new entrants per year (measured entrants less graduates and trainees).' })
  otherHiresPerYear: number;

  @Field(() => Int)
  extraHiresPerMonth: number;

  @Field(() => Int)
  retirementAgeMale: number;

  @Field(() => Int)
  retirementAgeFemale: number;

  @Field(() => [String], { description: 'The inputs given rather than measured.' })
  overridden: string[];
}

@ObjectType('WorkforceForecast')
export class WorkforceForecast {
  @Field(() => String, { nullable: true })
  regionCode: string | null;

  @Field(() => [ForecastPoint], { description: 'Per month and team, from this month to December of the horizon.' })
  series: ForecastPoint[];

  @Field(() => [ForecastTarget], { description: 'Each TALENT_HEADCOUNT target year within the horizon.' })
  targets: ForecastTarget[];

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
