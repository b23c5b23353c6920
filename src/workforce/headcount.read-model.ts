import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { employmentActiveOn, primaryJobsOn } from '../common/counting-rules.js';

/** One count of the headcount: the total, or by team, occupation or district; anyJob counts any active job. */
export interface HeadcountRow {
  dim: 'total' | 'team' | 'occupation' | 'region' | 'anyJob';
  key: string | null;
  n: number;
}

/**
 * Talent headcount on a date by the DESIGN.md rule, in one statement over employments, persons and institutions:
 * distinct persons with an active employment (start <= D < end), each under their primary employment (the active
 * one that started first; ties: lowest id), by team, occupation and district; and per district the people with any
 * active job there.
 */
@Injectable()
export class HeadcountReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The counts on `asOf`, in a district or zone (`regionCode`) or the whole city (null). */
  counts(asOf: string, regionCode: string | null): Promise<HeadcountRow[]> {
    return this.dataSource.query(
      `WITH primary_job AS (${primaryJobsOn('$1::date', { region: regionCode !== null ? '$2::varchar' : undefined })})
       SELECT CASE WHEN GROUPING(team) = 0 THEN 'team' WHEN GROUPING(occupation) = 0 THEN 'occupation'
                   WHEN GROUPING(region_code) = 0 THEN 'region' ELSE 'total' END AS dim,
              coalesce(team::text, occupation::text, region_code) AS key,
              count(*)::int AS n
         FROM primary_job
        WHERE $2::varchar IS NULL OR region_code = $2::varchar OR zone_code = $2::varchar
        GROUP BY GROUPING SETS ((), (team), (occupation), (region_code))
       UNION ALL
       -- People with any active job in each district (in the zone, when a zone is asked for), primary or not.
       SELECT 'anyJob', i.region_code, count(DISTINCT e.person_id)::int
         FROM employment e JOIN institution i ON i.id = e.institution_id
        WHERE ${employmentActiveOn('e', '$1::date')}
          AND ($2::varchar IS NULL OR i.region_code = $2::varchar OR i.zone_code = $2::varchar)
        GROUP BY i.region_code`,
      [asOf, regionCode],
    );
  }
}
