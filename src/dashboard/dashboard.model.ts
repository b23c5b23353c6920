import { Field, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../common/dates.js';
import { RegionRatio, WorkforceProgress } from '../planning/planning.model.js';
import { TimeBankSummary } from '../timebank/timebank.model.js';
import { TrainingProgress } from '../training/training.model.js';

@ObjectType('DashboardRatios')
export class DashboardRatios {
  @Field(() => RegionRatio, { nullable: true, description: 'Null for a district planner.' })
  city: RegionRatio | null;

  @Field(() => [RegionRatio], {
    description:
      'The five districts and counties furthest below the per-1,000-older-adults target (lowest ratio first; ' +
      'regions without a ratio last). A district planner: its own region.',
  })
  worstRegions: RegionRatio[];
}

@ObjectType('PlanningDashboard', { description: 'The whole picture in one call.' })
export class PlanningDashboard {
  @Field(() => DateScalar)
  asOf: string;

  @Field(() => String, { nullable: true, description: 'Null for the city; a district planner’s own region.' })
  regionCode: string | null;

  @Field(() => WorkforceProgress, { description: 'Headcount against the 2027 and 2029 targets, with its trend.' })
  headcount: WorkforceProgress;

  @Field(() => TrainingProgress, { description: 'This year’s training person-sessions against the target.' })
  training: TrainingProgress;

  @Field(() => DashboardRatios)
  ratios: DashboardRatios;

  @Field(() => TimeBankSummary)
  timeBank: TimeBankSummary;
}
