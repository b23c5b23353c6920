import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { employmentActiveOn } from '../common/counting-rules.js';
import { isUuid } from '../common/ids.js';
import { EmploymentEntity } from './employment.entity.js';
import type { Occupation, PostType, Team } from './workforce.enums.js';

/** A new employment: a person's job at an institution from a start date, open-ended. */
export interface NewEmployment {
  personId: string;
  institutionId: string;
  occupation: Occupation;
  team: Team;
  postType: PostType;
  startDate: string;
}

/** The employment table: people's jobs at institutions, history kept. */
@Injectable()
export class EmploymentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The employment, locked until the transaction ends. */
  lockById(id: string, tx: EntityManager): Promise<EmploymentEntity | null> {
    return tx.findOne(EmploymentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** A person's employments in one occupation at one institution, past and present. */
  findSameJob(
    personId: string,
    institutionId: string,
    occupation: Occupation,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<EmploymentEntity[]> {
    return tx.findBy(EmploymentEntity, { personId, institutionId, occupation });
  }

  /** Every employment of these persons. One query. */
  findByPersonIds(
    personIds: readonly string[],
    tx: EntityManager = this.dataSource.manager,
  ): Promise<EmploymentEntity[]> {
    return tx.createQueryBuilder(EmploymentEntity, 'e').where('e.person_id = ANY(:ids)', { ids: personIds }).getMany();
  }

  /** Whether the person holds an employment at the institution active on the date. */
  isActiveAt(
    personId: string,
    institutionId: string,
    date: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    return tx
      .createQueryBuilder(EmploymentEntity, 'e')
      .where('e.person_id = :personId AND e.institution_id = :institutionId', { personId, institutionId })
      .andWhere(employmentActiveOn('e', ':date'), { date })
      .getExists();
  }

  /** Per institution with any, on the date: distinct active staff and distinct persons in an active SOCIAL_WORKER job. */
  async countActiveStaff(
    institutionIds: readonly string[],
    date: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<{ institution_id: string; staff: number; social_workers: number }[]> {
    return tx.query(
      `SELECT institution_id, count(DISTINCT person_id)::int AS staff,
              count(DISTINCT person_id) FILTER (WHERE occupation = 'SOCIAL_WORKER')::int AS social_workers
         FROM employment
        WHERE institution_id = ANY($1::uuid[]) AND ${employmentActiveOn('employment', '$2::date')}
        GROUP BY institution_id`,
      [institutionIds.filter(isUuid), date],
    );
  }

  /** Inserts one open-ended employment; returns it with its id. */
  async insertOne(fields: NewEmployment, tx: EntityManager): Promise<EmploymentEntity> {
    const employment = tx.create(EmploymentEntity, { ...fields, endDate: null, endReason: null });
    await tx.insert(EmploymentEntity, employment);
    return employment;
  }

  /** Inserts employments in one statement; returns how many were inserted (identical ones stored meanwhile are left). */
  async insertMany(rows: readonly NewEmployment[], tx: EntityManager): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted: unknown[] = await tx.query(
      `INSERT INTO employment (person_id, institution_id, occupation, team, post_type, start_date)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::occupation[], $4::team[], $5::post_type[], $6::date[])
       ON CONFLICT (person_id, institution_id, occupation, start_date) DO NOTHING
       RETURNING id`,
      [
        rows.map((r) => r.personId),
        rows.map((r) => r.institutionId),
        rows.map((r) => r.occupation),
        rows.map((r) => r.team),
        rows.map((r) => r.postType),
        rows.map((r) => r.startDate),
      ],
    );
    return inserted.length;
  }

  async update(id: string, changes: Partial<EmploymentEntity>, tx: EntityManager): Promise<void> {
    await tx.update(EmploymentEntity, { id }, changes);
  }
}
