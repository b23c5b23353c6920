import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Connection, escapeLike, type PageArgs, paginate } from '../common/pagination.js';
import type { Role } from '../common/roles.js';
import { VolunteerEntity } from './volunteer.entity.js';
import type { Volunteer } from './volunteer.model.js';

/** A volunteer with the person and account facts the API shows. */
export interface VolunteerView extends Volunteer {
  name: string;
  idNumberMasked: string;
  birthDate: string;
}

// The account's username and the person's facts are read in the same statement, by table name: one query per
// batch of volunteers, as the resolvers load them.
const VOLUNTEER_VIEW_SQL = `
  SELECT v.id, v.user_id AS "userId", v.person_id AS "personId", v.region_code AS "regionCode",
         v.created_at AS "registeredAt", u.username, p.name, p.id_number_masked AS "idNumberMasked",
         to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate"
  FROM volunteer v JOIN app_user u ON u.id = v.user_id JOIN person p ON p.id = v.person_id`;

/**
 * Volunteers with what other modules hold about them, each in one statement: the account's username and the
 * person's name, masked ID number and birth date; and which accounts (their registrar's institution) an actor may
 * reset the password of.
 */
@Injectable()
export class VolunteerViewsReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Volunteers with their account and person facts (valid uuids only), in no particular order. One query. */
  views(ids: readonly string[], tx: EntityManager = this.dataSource.manager): Promise<VolunteerView[]> {
    return tx.query(`${VOLUNTEER_VIEW_SQL} WHERE v.id = ANY($1::uuid[])`, [ids]);
  }

  /**
   * Whether the VOLUNTEER account `userId` is within the reach of an actor of this role and scope: a municipal
   * planner any, a district planner those living in its region, an institution admin those it signed up or whose
   * service it verified. One query.
   */
  async isInResetScope(
    userId: string,
    actor: { role: Role; regionCode: string | null; institutionId: string | null },
    tx: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM volunteer v
       WHERE v.user_id = $1 AND CASE $2::role
         WHEN 'MUNICIPAL_PLANNER' THEN true
         WHEN 'DISTRICT_PLANNER' THEN v.region_code = $3
         WHEN 'INSTITUTION_ADMIN' THEN
           EXISTS (SELECT 1 FROM app_user a WHERE a.id = v.registered_by AND a.institution_id = $4)
           OR EXISTS (SELECT 1 FROM service_record s
                      WHERE s.volunteer_id = v.id AND s.institution_id = $4 AND s.status = 'VERIFIED')
         ELSE false END`,
      [userId, actor.role, actor.regionCode, actor.institutionId],
    );
    return rows.length > 0;
  }

  /**
   * Volunteers by name (then id) with their person's name, masked ID number and birth date; in a region and with a
   * name prefix (already normalised) when given.
   */
  listWithPerson(
    filter: { regionCode: string | null; namePrefix: string | null },
    page: PageArgs,
  ): Promise<Connection<VolunteerEntity>> {
    const qb = this.dataSource
      .getRepository(VolunteerEntity)
      .createQueryBuilder('v')
      .innerJoin('v.person', 'p')
      .addSelect(['p.id', 'p.name', 'p.idNumberMasked', 'p.birthDate']);
    if (filter.regionCode !== null) qb.andWhere('v.region_code = :regionCode', { regionCode: filter.regionCode });
    if (filter.namePrefix) qb.andWhere('p.name LIKE :prefix', { prefix: `${escapeLike(filter.namePrefix)}%` });
    return paginate(qb, page, [
      { sql: 'p.name', value: (v) => v.person!.name },
      { sql: 'v.id', value: (v) => v.id, kind: 'uuid' },
    ]);
  }
}
