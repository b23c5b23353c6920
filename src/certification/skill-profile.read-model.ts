import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { primaryJobsOn } from '../common/counting-rules.js';
import { validOnSql } from './certificate-status.js';

/** Caregivers and social workers (by primary job) of one certification standing, counted. */
export interface SkillProfileRow {
  occupation: string;
  /** A caregiver's best (lowest) valid nursing-assistant skill level, or null. */
  caregiver_level: number | null;
  /** A social worker holds a valid social-work certificate. */
  certified: boolean;
  n: number;
}

/** The workforce's certificates on a date: primary jobs (workforce's tables) and certificates in one statement. */
@Injectable()
export class SkillProfileReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Grouped by occupation, caregiver level and certified; the region or zone narrows by primary job. */
  rows(asOf: string, regionCode: string | null): Promise<SkillProfileRow[]> {
    return this.dataSource.query(
      `WITH primary_job AS (${primaryJobsOn('$1::date', { region: regionCode !== null ? '$2::varchar' : undefined })}),
       staff AS (
         SELECT j.person_id, j.occupation FROM primary_job j
          WHERE j.occupation IN ('CAREGIVER', 'SOCIAL_WORKER')
            AND ($2::varchar IS NULL OR j.region_code = $2::varchar OR j.zone_code = $2::varchar))
       SELECT s.occupation,
              (SELECT min(c.level) FROM certificate c
                WHERE c.person_id = s.person_id AND c.kind = 'NURSING_ASSISTANT_SKILL' AND ${validOnSql('c', '$1::date')})
                AS caregiver_level,
              EXISTS (SELECT 1 FROM certificate c
                       WHERE c.person_id = s.person_id AND c.kind = 'SOCIAL_WORK' AND ${validOnSql('c', '$1::date')})
                AS certified,
              count(*)::int AS n
         FROM staff s
        GROUP BY 1, 2, 3`,
      [asOf, regionCode],
    );
  }
}
