import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Relationship } from './timebank.enums.js';

/** A relative as the statement of relatives reads it, with the volunteer account it has, if any. */
export interface RelativeRow {
  id: string;
  relationship: Relationship;
  name: string;
  idNumberMasked: string;
  birthDate: string;
  relativeVolunteerId: string | null;
}

/**
 * A volunteer's relatives with the volunteer account each has, if any: whether a person with the relative's ID
 * number and name (the persons' table, read in the same statement) volunteers.
 */
@Injectable()
export class RelativeViewsReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A volunteer's current relatives (or only `ids` among them, valid uuids only), in registration order, each with
   * the volunteer whose person has the relative's ID number under the relative's name (read by table name, in the
   * same statement). One query.
   */
  listWithAccounts(
    volunteerId: string,
    ids: readonly string[] | null,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<RelativeRow[]> {
    return tx.query(
      `SELECT r.id, r.relationship, r.name, r.id_number_masked AS "idNumberMasked",
              to_char(r.birth_date, 'YYYY-MM-DD') AS "birthDate", rv.id AS "relativeVolunteerId"
       FROM relative r
       LEFT JOIN person p ON p.id_number_hash = r.id_number_hash AND p.name = r.name
       LEFT JOIN volunteer rv ON rv.person_id = p.id
       WHERE r.volunteer_id = $1 AND r.removed_at IS NULL AND ($2::uuid[] IS NULL OR r.id = ANY($2::uuid[]))
       ORDER BY r.created_at, r.relationship, r.id`,
      [volunteerId, ids],
    );
  }
}
