import { Injectable } from '@nestjs/common';
import { isIsoDate, todayInShanghai, dateProblem } from '../common/dates.js';
import { BadUserInputError } from '../common/errors.js';
import { type Actor, plannerRegion } from '../common/roles.js';
import { ProgressService } from '../planning/progress.service.js';
import { RatiosService, weakestFirst } from '../planning/ratios.service.js';
import { TimeBankOverviewService } from '../timebank/time-bank-overview.service.js';
import { TrainingService } from '../training/training.service.js';
import type { PlanningDashboard } from './dashboard.model.js';
import { msg } from '../i18n/i18n.js';

const WORST = 5;

/**
 * The planner's dashboard: headcount against the targets, asOf's year's training, the ratios with the weakest
 * districts, and the time bank, all as of one date, each from its own module's aggregate (a district planner: its region).
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly progress: ProgressService,
    private readonly ratios: RatiosService,
    private readonly training: TrainingService,
    private readonly timeBank: TimeBankOverviewService,
  ) {}

  /** Every part as it stood on asOf (default today): each is the query it summarises, given the same asOf. */
  async dashboard(actor: Actor, asOfArg: string | null): Promise<PlanningDashboard> {
    const asOf = asOfArg ?? todayInShanghai();
    if (!isIsoDate(asOf)) throw BadUserInputError.field('asOf', dateProblem(msg('field.asOf'), asOf)!);
    const regionCode = plannerRegion(actor, null);
    const region = regionCode ?? undefined;
    const [headcount, ratios, training, timeBank] = await Promise.all([
      this.progress.workforceProgress(actor, asOf, region),
      this.ratios.staffingRatios(actor, asOf, region),
      this.training.progress(actor, Number(asOf.slice(0, 4)), regionCode, asOf),
      this.timeBank.overview(actor, regionCode, asOf),
    ]);
    return {
      asOf,
      regionCode,
      headcount,
      training,
      ratios: { city: ratios.city, worstRegions: [...ratios.regions].sort(weakestFirst).slice(0, WORST) },
      timeBank,
    };
  }
}
