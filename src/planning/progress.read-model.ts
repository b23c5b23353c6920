import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  countTargetOf,
  employmentActiveDuring,
  employmentActiveOn,
  primaryJobOrder,
  primaryJobsOn,
} from '../common/counting-rules.js';
import type { TargetMetric } from '../targets/target.enums.js';

/** One row of the progress statement. */
export interface ProgressRow {
  dim: 'total' | 'team' | 'occupation' | 'day' | 'target' | 'region';
  key: string | null;
  /**
   * The day's month (YYYY-MM) for a day of the series, 'year-ago' for the day a year before asOf; the region's kind
   * for the region.
   */
  label: string | null;
  n: string;
}

/**
 * workforceProgress's one statement: the workforce's employment and institutions, the targets and the regions,
 * read together (see ProgressService.workforceProgress for what each row means).
 */
@Injectable()
export class ProgressReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The rows of workforceProgress on asOf, in the city (regionCode null) or a region or zone. */
  rows(
    asOf: string,
    regionCode: string | null,
    yearAgo: string,
    year: number,
    headcountMetric: TargetMetric,
  ): Promise<ProgressRow[]> {
    return this.dataSource.query(PROGRESS_SQL(regionCode !== null), [asOf, regionCode, yearAgo, year, headcountMetric]);
  }
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
