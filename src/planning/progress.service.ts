import { Injectable } from '@nestjs/common';
import { addYears, asOfOrToday } from '../common/dates.js';
import { BadUserInputError, InputProblems } from '../common/errors.js';
import { type Actor, plannerRegion } from '../common/roles.js';
import { RegionKind } from '../regions/region.enums.js';
import { TargetMetric } from '../targets/target.enums.js';
import { byTeamAndOccupation } from '../workforce/team-occupation-counts.js';
import { msg } from '../i18n/i18n.js';
import { t } from '../i18n/i18n.js';
import type { HeadcountTargetProgress, WorkforceProgress } from './progress.model.js';
import { ProgressReadModel } from './progress.read-model.js';

export const EARLIEST_PROGRESS_DATE = '2000-01-01';

/** Rounds half away from zero, so a shrinking workforce is projected as symmetrically as a growing one. */
const roundHalfAway = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

/** Months from the month after asOf to December of `year`, inclusive (0 for asOf in December of that year). */
export function monthsUntilYearEnd(asOf: string, year: number): number {
  const [y, m] = asOf.split('-').map(Number);
  return (year - y) * 12 + (12 - m);
}

/**
 * Progress toward one headcount target (DESIGN.md): gap = max(0, ceil(target - headcount)); required monthly net
 * growth = ceil(gap / months), months counted from the month after asOf to December of the target year (at least
 * 1); projected = headcount + round(last 12 months' net growth x months / 12); on track when projected >= target.
 */
export function targetProgress(
  asOf: string,
  headcount: number,
  netGrowth12: number,
  year: number,
  target: number,
): HeadcountTargetProgress {
  const months = monthsUntilYearEnd(asOf, year);
  const gap = Math.max(0, Math.ceil(target - headcount));
  const projected = headcount + roundHalfAway((netGrowth12 * months) / 12);
  return {
    year,
    target,
    gap,
    requiredMonthlyNetGrowth: gap === 0 ? 0 : Math.ceil(gap / Math.max(1, months)),
    projected,
    onTrack: projected >= target,
  };
}

/** Progress of the headcount toward the plan's targets, with a monthly series from employment history. */
@Injectable()
export class ProgressService {
  constructor(private readonly readModel: ProgressReadModel) {}

  /**
   * One statement: the headcount on asOf by team and occupation (exactly as workforceHeadcount counts it), the
   * headcount on the last day of each of the 12 months ending with asOf's month (asOf itself for its own month) and
   * on the day a year before asOf, and the TALENT_HEADCOUNT targets from asOf's year on: the city's for the city, a
   * region's own for a region (DESIGN.md: a count target never falls back from the city to a region).
   *
   * In a region (a district or county, or a functional zone), a person counts on each day where their primary
   * employment of that day is (DESIGN.md rule, as for the headcount's district breakdown): someone with jobs in two
   * districts counts once, in one of them, and the series ends at `headcount`.
   */
  async workforceProgress(
    actor: Actor,
    asOfArg: string | undefined,
    regionArg: string | undefined,
  ): Promise<WorkforceProgress> {
    const problems = new InputProblems();
    const asOf = asOfOrToday(asOfArg, problems, EARLIEST_PROGRESS_DATE);
    const regionCode = plannerRegion(actor, regionArg);
    problems.throwIfAny();

    const year = Number(asOf.slice(0, 4));
    const yearAgo = addYears(asOf, -1);
    const rows = await this.readModel.rows(asOf, regionCode, yearAgo, year, TargetMetric.TALENT_HEADCOUNT);
    const region = rows.find((r) => r.dim === 'region');
    if (regionCode !== null && !region) {
      throw BadUserInputError.field('regionCode', msg('certification.regioncodeIsNotAKnown'));
    }

    const counts = (dim: string) => new Map(rows.filter((r) => r.dim === dim).map((r) => [r.key!, Number(r.n)]));
    const headcount = Number(rows.find((r) => r.dim === 'total')?.n ?? 0);
    const days = rows.filter((r) => r.dim === 'day');
    const yearAgoCount = Number(days.find((r) => r.label === 'year-ago')?.n ?? 0);
    const monthly = days
      .filter((r) => r.label !== 'year-ago')
      .map((r) => ({ month: r.label!, headcount: Number(r.n) }))
      .sort((a, b) => a.month.localeCompare(b.month));
    const targets = rows
      .filter((r) => r.dim === 'target')
      .map((r) => targetProgress(asOf, headcount, headcount - yearAgoCount, Number(r.key), Number(r.n)))
      .sort((a, b) => a.year - b.year);

    return {
      asOf,
      regionCode,
      headcount,
      ...byTeamAndOccupation(counts('team'), counts('occupation')),
      targets,
      note: targets.length > 0 ? null : noHeadcountTargetNote(year, regionCode, region?.label ?? null),
      monthly,
    };
  }
}

/** Why a workforceProgress has no targets, in words a planner reads (DESIGN.md: count targets stay where set). */
function noHeadcountTargetNote(year: number, regionCode: string | null, kind: string | null): string {
  if (regionCode === null) return t('note.noCityHeadcountTarget', { year });
  if (kind === RegionKind.FUNCTIONAL_ZONE) return t('note.zoneNoHeadcountTarget');
  return t('note.noRegionHeadcountTarget', { year });
}
