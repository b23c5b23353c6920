import { Field, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../common/dates.js';
import { WorkforceProgress } from '../planning/progress.model.js';
import { RegionRatio } from '../planning/ratios.model.js';
import { TimeBankSummary } from '../timebank/time-bank-overview.model.js';
import { TrainingProgress } from '../training/training.model.js';

@ObjectType('DashboardRatios')
export class DashboardRatios {
  @Field(() => RegionRatio, { nullable: true, description: 'Null for a district planner.' })
  city: RegionRatio | null;

  @Field(() => [RegionRatio], {
    description:
      'The five weakest districts and counties by social workers per 1,000 older adults: the lowest exact ratio ' +
      'first, then the largest shortfall, then region code; regions without a ratio last. A district planner: its ' +
      'own region.',
  })
  worstRegions: RegionRatio[];
}

@ObjectType('PlanningDashboard', {
  description: 'The whole picture in one call, every part as of the same date (asOf).',
})
export class PlanningDashboard {
  @Field(() => DateScalar)
  asOf: string;

  @Field(() => String, { nullable: true, description: 'Null for the city; a district planner’s own region.' })
  regionCode: string | null;

  @Field(() => WorkforceProgress, {
    description: 'workforceProgress on asOf: headcount against the headcount targets (the region’s own for a region).',
  })
  headcount: WorkforceProgress;

  @Field(() => TrainingProgress, {
    description: 'trainingProgress of asOf’s year as of asOf: person-sessions up to asOf against expected to date.',
  })
  training: TrainingProgress;

  @Field(() => DashboardRatios, { description: 'staffingRatios on asOf.' })
  ratios: DashboardRatios;

  @Field(() => TimeBankSummary, { description: 'timeBankSummary as it stood at the end of asOf.' })
  timeBank: TimeBankSummary;
}
