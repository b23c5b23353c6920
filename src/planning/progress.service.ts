import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addYears, isIsoDate, todayInShanghai, dateProblem } from '../common/dates.js';
import { BadUserInputError, InputProblems } from '../common/errors.js';
import { type Actor, plannerRegion } from '../common/roles.js';
import {
  countTargetOf,
  employmentActiveDuring,
  employmentActiveOn,
  primaryJobOrder,
  primaryJobsOn,
} from '../common/counting-rules.js';
import { RegionKind } from '../regions/region.enums.js';
import { Occupation, Team } from '../workforce/workforce.enums.js';
import type { HeadcountTargetProgress, WorkforceProgress } from './planning.model.js';
import { TargetMetric } from './target.enums.js';
import { msg } from '../i18n/i18n.js';
import { t } from '../i18n/i18n.js';

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

interface ProgressRow {
  dim: 'total' | 'team' | 'occupation' | 'day' | 'target' | 'region';
  key: string | null;
  /**
   * The day's month (YYYY-MM) for a day of the series, 'year-ago' for the day a year before asOf; the region's kind
   * for the region.
   */
  label: string | null;
  n: string;
}

/** Progress of the headcount toward the plan's targets, with a monthly series from employment history. */
@Injectable()
export class ProgressService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    const today = todayInShanghai();
    const asOf = asOfArg ?? today;
    const problems = new InputProblems();
    problems.check(isIsoDate(asOf), 'asOf', () => dateProblem(msg('field.asOf'), asOf)!);
    problems.check(asOf <= today, 'asOf', msg('certification.asofMustNotBeIn', { today }));
    problems.check(
      asOf >= EARLIEST_PROGRESS_DATE,
      'asOf',
      msg('planning.asofMustNotBeBefore', { earliest: EARLIEST_PROGRESS_DATE }),
    );
    const regionCode = plannerRegion(actor, regionArg);
    problems.throwIfAny();

    const year = Number(asOf.slice(0, 4));
    const yearAgo = addYears(asOf, -1);
    const rows: ProgressRow[] = await this.dataSource.query(PROGRESS_SQL(regionCode !== null), [
      asOf,
      regionCode,
      yearAgo,
      year,
      TargetMetric.TALENT_HEADCOUNT,
    ]);
    const region = rows.find((r) => r.dim === 'region');
    if (regionCode !== null && !region) {
      throw BadUserInputError.field('regionCode', msg('certification.regioncodeIsNotAKnown'));
    }

    const counts = (dim: string) => new Map(rows.filter((r) => r.dim === dim).map((r) => [r.key!, Number(r.n)]));
    const teams = counts('team');
    const occupations = counts('occupation');
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
      byTeam: Object.values(Team).map((team) => ({ team, count: teams.get(team) ?? 0 })),
      byOccupation: Object.values(Occupation).map((occupation) => ({
        occupation,
        count: occupations.get(occupation) ?? 0,
      })),
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

/**
 * $1 asOf, $2 region or zone code (null: the city), $3 the day a year before asOf, $4 asOf's year, $5 the headcount
 * metric. Rows (dim, key, label, n) of five kinds; see ProgressService.workforceProgress.
 */
const PROGRESS_SQL = (inRegion: boolean) => `
WITH primary_job AS (${primaryJobsOn('$1::date', { region: inRegion ? '$2::varchar' : undefined })}),
breakdown AS (
  SELECT CASE WHEN GROUPING(team) = 0 THEN 'team' WHEN GROUPING(occupation) = 0 THEN 'occupation' ELSE 'total' END
           AS dim,
         coalesce(team::text, occupation::text) AS key,
         count(*) AS n
    FROM primary_job
   WHERE $2::varchar IS NULL OR region_code = $2::varchar OR zone_code = $2::varchar
   GROUP BY GROUPING SETS ((), (team), (occupation))
),
-- The last day of each of the 12 months ending with asOf's month (asOf itself for its own month), and the day a
-- year before asOf. generate_series over constants, so that the planner knows there are 12 rows.
day AS (
  SELECT least((m + interval '1 month - 1 day')::date, $1::date) AS d, to_char(m, 'YYYY-MM') AS label
    FROM generate_series(0, 11) AS k,
         LATERAL (SELECT date_trunc('month', $1::timestamp) - make_interval(months => k) AS m) AS month
  UNION ALL SELECT $3::date, 'year-ago'
),
${
  inRegion
    ? `-- Each day's primary job of the people with a job in the region at some time from the day a year before asOf
-- to asOf (anyone whose primary job is there on one of the days is among them).
day_job AS (
  SELECT DISTINCT ON (day.d, e.person_id) day.d, i.region_code, i.zone_code
    FROM day
    JOIN employment e ON ${employmentActiveOn('e', 'day.d')}
    JOIN institution i ON i.id = e.institution_id
   WHERE e.person_id IN (
           SELECT r.person_id FROM employment r JOIN institution ri ON ri.id = r.institution_id
            WHERE (ri.region_code = $2::varchar OR ri.zone_code = $2::varchar)
              AND ${employmentActiveDuring('r', '$3::date', '$1::date')})
   ORDER BY day.d, e.person_id, ${primaryJobOrder('e')}
),
day_count AS (
  SELECT d, count(*) AS n FROM day_job
   WHERE region_code = $2::varchar OR zone_code = $2::varchar GROUP BY d
),`
    : `-- One pass over the jobs instead of one per day: with the 13 days sorted, the days a job covers are a run of
-- them, from the first day >= its start to the last day < its end, a run of bits (width_bucket counts the days
-- <= a date). OR the runs per person, then count each day's bit. (The rule is employmentActiveOn, start <= day < end,
-- in bits: the bucket of start - 1 is the first day >= start, the bucket of end - 1 the last day < end.)
day_list AS (SELECT array_agg(DISTINCT d ORDER BY d) AS ds FROM day),
person_days AS (
  SELECT bit_or(CASE WHEN b > a THEN (1::bigint << b) - (1::bigint << a) ELSE 0 END) AS m
    FROM (SELECT e.person_id, width_bucket(e.start_date - 1, dl.ds) AS a,
                 CASE WHEN e.end_date IS NULL THEN cardinality(dl.ds) ELSE width_bucket(e.end_date - 1, dl.ds) END AS b
            FROM employment e CROSS JOIN day_list dl
           WHERE ${employmentActiveDuring('e', '$3::date', '$1::date')}) job
   GROUP BY job.person_id
),
day_sums AS (SELECT ARRAY[${Array.from({ length: 13 }, (_, i) => `sum((m >> ${i}) & 1)`).join(', ')}] AS sums FROM person_days),
day_count AS (
  SELECT dl.ds[i] AS d, coalesce(s.sums[i], 0) AS n
    FROM day_list dl CROSS JOIN day_sums s CROSS JOIN generate_series(1, cardinality(dl.ds)) AS i
),`
}
headcount_target AS (
  SELECT DISTINCT ON (t.year) t.year, t.value
    FROM target t
   WHERE t.metric::text = $5::text AND t.year >= $4::int AND ${countTargetOf('t', '$2::varchar')}
   ORDER BY t.year
)
SELECT dim, key, NULL AS label, n::text FROM breakdown
UNION ALL
SELECT 'day', NULL, day.label, coalesce(day_count.n, 0)::text FROM day LEFT JOIN day_count ON day_count.d = day.d
UNION ALL
SELECT 'target', year::text, NULL, value::text FROM headcount_target
UNION ALL
SELECT 'region', code, kind::text, '1' FROM region WHERE code = $2::varchar`;
