import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { personSession, sessionCountsIn } from '../common/counting-rules.js';

/** One count of trainingProgress: the total, by audience, region or month, or (key) the asked region's kind. */
export interface TrainingProgressRow {
  dim: 'total' | 'audience' | 'region' | 'month' | 'regionKind';
  key: string | null;
  n: number;
}

/**
 * The one statement of trainingProgress: completed attendances of sessions ending in the year on or before asOf
 * (DESIGN.md counting rule), in total and by audience, region and month of the end date; and, when a region is asked
 * for, its kind (to tell an unknown one).
 */
// Completed attendances are counted per session first (from the partial index on completed attendances), so the
// grouping works on sessions rather than on every attendance row.
// $1 year, $2 region (null: the city), $3 asOf.
const PROGRESS_SQL = `
  WITH done AS (
    SELECT s.audience, s.region_code, extract(month FROM s.end_date)::int AS month, c.n
      FROM training_session s
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS n FROM attendance a WHERE a.session_id = s.id AND ${personSession('a')}) c
     WHERE ${sessionCountsIn('s', '$1::int', '$3::date')}
       AND ($2::varchar IS NULL OR s.region_code = $2::varchar)
       AND c.n > 0)
  SELECT CASE WHEN GROUPING(audience) = 0 THEN 'audience' WHEN GROUPING(region_code) = 0 THEN 'region'
              WHEN GROUPING(month) = 0 THEN 'month' ELSE 'total' END AS dim,
         coalesce(audience::text, region_code, month::text) AS key,
         coalesce(sum(n), 0)::int AS n
    FROM done
   GROUP BY GROUPING SETS ((), (audience), (region_code), (month))
  UNION ALL
  SELECT 'regionKind', (SELECT kind::text FROM region WHERE code = $2::varchar), 0 WHERE $2::varchar IS NOT NULL`;

/** Training person-sessions: sessions and attendance, with the regions module's region kind, in one statement. */
@Injectable()
export class TrainingProgressReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The year's counts as they stood on asOf, for the city (regionCode null) or one region. */
  counts(year: number, regionCode: string | null, asOf: string): Promise<TrainingProgressRow[]> {
    return this.dataSource.query(PROGRESS_SQL, [year, regionCode, asOf]);
  }
}
