import { Injectable } from '@nestjs/common';
import { isIsoDate, todayInShanghai } from '../common/dates.js';
import { BadUserInputError } from '../common/errors.js';
import { type Actor, plannerRegion } from '../common/roles.js';
import type { RegionRatio } from '../planning/planning.model.js';
import { ProgressService } from '../planning/progress.service.js';
import { RatiosService } from '../planning/ratios.service.js';
import { StatementsService } from '../timebank/statements.service.js';
import { TrainingService } from '../training/training.service.js';
import type { PlanningDashboard } from './dashboard.model.js';

const WORST = 5;

/** Lowest exact ratio first; regions without a ratio after them, by code. */
function byWeakest(a: RegionRatio, b: RegionRatio): number {
  if (a.perThousandOlderAdults === null || b.perThousandOlderAdults === null) {
    if (a.perThousandOlderAdults !== b.perThousandOlderAdults) return a.perThousandOlderAdults === null ? 1 : -1;
  } else if (a.perThousandOlderAdults !== b.perThousandOlderAdults) {
    return a.perThousandOlderAdults - b.perThousandOlderAdults;
  }
  return (a.regionCode ?? '').localeCompare(b.regionCode ?? '');
}

/**
 * The planner's dashboard: headcount against the targets, this year's training, the ratios with the weakest
 * districts, and the time bank, each from its own module's aggregate (a district planner: its region).
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly progress: ProgressService,
    private readonly ratios: RatiosService,
    private readonly training: TrainingService,
    private readonly timeBank: StatementsService,
  ) {}

  async dashboard(actor: Actor, asOfArg: string | null): Promise<PlanningDashboard> {
    const asOf = asOfArg ?? todayInShanghai();
    if (!isIsoDate(asOf)) throw BadUserInputError.field('asOf', 'asOf must be a date written YYYY-MM-DD');
    const regionCode = plannerRegion(actor, null);
    const region = regionCode ?? undefined;
    const [headcount, ratios, training, timeBank] = await Promise.all([
      this.progress.workforceProgress(actor, asOf, region),
      this.ratios.staffingRatios(actor, asOf, region),
      this.training.progress(actor, Number(asOf.slice(0, 4)), regionCode),
      this.timeBank.summary(actor, regionCode),
    ]);
    return {
      asOf,
      regionCode,
      headcount,
      training,
      ratios: { city: ratios.city, worstRegions: [...ratios.regions].sort(byWeakest).slice(0, WORST) },
      timeBank,
    };
  }
}
