import { Injectable } from '@nestjs/common';
import { isIsoDate, todayInShanghai, dateProblem } from '../common/dates.js';
import { InputProblems } from '../common/errors.js';
import { type Actor, plannerRegion } from '../common/roles.js';
import { RegionsService } from '../regions/regions.service.js';
import type { TimeBankRegionFigures, TimeBankSummary } from './time-bank-overview.model.js';
import { TimeBankOverviewReadModel } from './time-bank-overview.read-model.js';
import { msg } from '../i18n/i18n.js';

export const EARLIEST_SUMMARY_DATE = '2000-01-01';

/** The planners' overview of the time bank (aggregates only, never a volunteer's balance); the dashboard uses it. */
@Injectable()
export class TimeBankOverviewService {
  constructor(
    private readonly overviewReadModel: TimeBankOverviewReadModel,
    private readonly regions: RegionsService,
  ) {}

  /**
   * Planners' figures over volunteers by the region they live in (a district planner: its own), as they stood at the
   * end of `asOf` (Asia/Shanghai; default today), in one statement (DESIGN.md "As of a date D"): volunteers
   * registered by then, those with service (not rejected by then) dated in the 90 days up to asOf, the share of
   * them aged 60-69 on asOf, TIME flows of the journals posted by then (journals reversed by then, and the
   * reversals, left out), care redeemed and still pending then, and the public pool's balance then. For today the
   * flows and the pool come from the totals kept with each account's balance (no postings read); for a past date
   * from the postings.
   */
  async overview(actor: Actor, requested: string | null, asOfArg?: string | null): Promise<TimeBankSummary> {
    const regionCode = plannerRegion(actor, requested);
    const today = todayInShanghai();
    const asOf = asOfArg ?? today;
    new InputProblems()
      .check(isIsoDate(asOf), 'asOf', () => dateProblem(msg('field.asOf'), asOf)!)
      .check(!isIsoDate(asOf) || asOf <= today, 'asOf', msg('certification.asofMustNotBeIn', { today }))
      .check(
        !isIsoDate(asOf) || asOf >= EARLIEST_SUMMARY_DATE,
        'asOf',
        msg('planning.asofMustNotBeBefore', { earliest: EARLIEST_SUMMARY_DATE }),
      )
      .throwIfAny();
    if (regionCode !== null) await this.regions.assertCountyLevel(regionCode);
    const rows = await this.overviewReadModel.figures(regionCode, asOf, asOf === today);
    const figures = (r: (typeof rows)[number], code: string | null): TimeBankRegionFigures => ({
      regionCode: code,
      volunteers: r.volunteers,
      activeVolunteers: r.activeVolunteers,
      shareAged60To69: r.activeVolunteers === 0 ? null : r.aged / r.activeVolunteers,
      minutesIssued: r.minutesIssued,
      minutesRedeemed: r.minutesRedeemed,
      minutesPendingRedemption: r.minutesPendingRedemption,
      minutesTransferred: r.minutesTransferred,
      minutesGranted: r.minutesGranted,
      minutesToPool: r.minutesToPool,
    });
    const total = rows.find((r) => r.total)!;
    return {
      asOf,
      ...figures(total, regionCode),
      publicPoolMinutes: total.pool,
      regions: rows.filter((r) => !r.total).map((r) => figures(r, r.regionCode)),
    };
  }
}
