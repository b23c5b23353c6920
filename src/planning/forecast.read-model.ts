import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { employmentActiveOn, personSession, primaryJobsOn } from '../common/counting-rules.js';
import type { Team } from '../workforce/workforce.enums.js';
import type { Sex } from './retirement.js';

/** The forecast's measures as the statement returns them (json arrays null when empty). */
export interface MeasuresRow {
  stock: { team: Team; n: number }[] | null;
  entrants: { team: Team; n: number }[] | null;
  headcount_before: number;
  exits: number;
  graduates: number;
  graduates_year: number | null;
  trainees: number;
  trainees_employed: number;
  births: { team: Team; sex: Sex; birthDate: string; n: number }[] | null;
}

/**
 * The forecast's one statement: the workforce's people and employment, training's attendance, education's program
 * years and certification's colleges, read together.
 */
@Injectable()
export class ForecastReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The stock on `today` and the flows of (before, today], in the city (regionCode null) or a district or county:
   * the stock and entrants by team, the headcount on `before`, the exits other than retirements, the graduates
   * entering elder care of the latest program year with graduates (and that year), the trainees of sessions ending
   * in the period who had no job at its end and how many of them have one today, and today's staff by team, sex and
   * birth date.
   */
  async measures(today: string, before: string, regionCode: string | null): Promise<MeasuresRow> {
    const [row]: MeasuresRow[] = await this.dataSource.query(
      `WITH now_job AS (${primaryJobsOn('$1::date')}),
            before_job AS (${primaryJobsOn('$2::date')}),
            stock AS (SELECT n.person_id, n.team FROM now_job n WHERE $3::varchar IS NULL OR n.region_code = $3),
            earlier AS (SELECT b.person_id FROM before_job b WHERE $3::varchar IS NULL OR b.region_code = $3),
            trainee AS (
              SELECT DISTINCT a.person_id FROM attendance a JOIN training_session s ON s.id = a.session_id
               WHERE ${personSession('a')} AND s.end_date > $2::date AND s.end_date <= $1::date
                 AND ($3::varchar IS NULL OR s.region_code = $3)
                 AND NOT EXISTS (SELECT 1 FROM employment e WHERE e.person_id = a.person_id
                                    AND ${employmentActiveOn('e', 's.end_date')})),
            -- The latest program year (up to this one) with graduates recorded: a year still studying has none yet.
            graduates_year AS (
              SELECT max(c.year) AS y FROM college_program_year c JOIN evaluation_body b ON b.id = c.college_id
               WHERE c.year <= extract(year FROM $1::date) AND c.graduated > 0
                 AND ($3::varchar IS NULL OR b.region_code = $3))
       SELECT
         (SELECT json_agg(json_build_object('team', team, 'n', n))
            FROM (SELECT team, count(*)::int AS n FROM stock GROUP BY team) x) AS stock,
         (SELECT json_agg(json_build_object('team', team, 'n', n))
            FROM (SELECT s.team, count(*)::int AS n FROM stock s
                   WHERE NOT EXISTS (SELECT 1 FROM earlier b WHERE b.person_id = s.person_id) GROUP BY s.team) x)
           AS entrants,
         (SELECT count(*)::int FROM earlier) AS headcount_before,
         (SELECT count(*)::int FROM earlier b
           WHERE NOT EXISTS (SELECT 1 FROM stock n WHERE n.person_id = b.person_id)
             AND NOT EXISTS (SELECT 1 FROM employment e WHERE e.person_id = b.person_id AND e.end_reason = 'RETIRED'
                                AND e.end_date > $2::date AND e.end_date <= $1::date)) AS exits,
         (SELECT y FROM graduates_year) AS graduates_year,
         (SELECT coalesce(sum(c.graduates_entering_elder_care), 0)::int
            FROM college_program_year c JOIN evaluation_body b ON b.id = c.college_id
           WHERE ($3::varchar IS NULL OR b.region_code = $3) AND c.year = (SELECT y FROM graduates_year))
           AS graduates,
         (SELECT count(*)::int FROM trainee) AS trainees,
         (SELECT count(*)::int FROM trainee t WHERE EXISTS (SELECT 1 FROM now_job n WHERE n.person_id = t.person_id))
           AS trainees_employed,
         (SELECT json_agg(json_build_object('team', team, 'sex', sex, 'birthDate', birth_date, 'n', n))
            FROM (SELECT s.team, p.sex, p.birth_date::text AS birth_date, count(*)::int AS n
                    FROM stock s JOIN person p ON p.id = s.person_id GROUP BY 1, 2, 3) x) AS births`,
      [today, before, regionCode],
    );
    return row;
  }
}
