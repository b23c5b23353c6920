import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** One row of the pipeline statement: a major's sums, or the kind of the region or college asked for. */
export interface PipelineRow {
  dim: 'major' | 'regionKind' | 'bodyKind';
  key: string | null;
  [n: string]: unknown;
}

/**
 * The one statement of educationPipeline: the year's figures summed by major (over the colleges filed in the region,
 * or one college), plus the kind of the region and of the college asked for (to tell unknown or wrong ones).
 */
const PIPELINE_SQL = `
  WITH figures AS (
    SELECT p.major, p.enrolled, p.graduated, p.graduates_entering_elder_care AS entering
      FROM college_program_year p JOIN evaluation_body b ON b.id = p.college_id
     WHERE p.year = $1::int
       AND ($2::varchar IS NULL OR b.region_code = $2::varchar)
       AND ($3::uuid IS NULL OR p.college_id = $3::uuid))
  SELECT 'major' AS dim, major::text AS key, sum(enrolled)::bigint AS enrolled, sum(graduated)::bigint AS graduated,
         sum(entering)::bigint AS entering
    FROM figures GROUP BY major
  UNION ALL
  SELECT 'regionKind', (SELECT kind::text FROM region WHERE code = $2::varchar), 0, 0, 0 WHERE $2::varchar IS NOT NULL
  UNION ALL
  SELECT 'bodyKind', (SELECT kind::text FROM evaluation_body WHERE id = $3::uuid), 0, 0, 0 WHERE $3::uuid IS NOT NULL`;

/**
 * educationPipeline's one statement: education's program years, certification's colleges (evaluation bodies) and
 * the regions, read together.
 */
@Injectable()
export class EducationPipelineReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The year's sums by major, over the colleges filed in `regionCode` or one college (null: all). */
  rows(year: number, regionCode: string | null, collegeId: string | null): Promise<PipelineRow[]> {
    return this.dataSource.query(PIPELINE_SQL, [year, regionCode, collegeId]);
  }
}
