import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { RelativeEntity } from './relative.entity.js';
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

export type NewRelative = Pick<
  RelativeEntity,
  'volunteerId' | 'idNumberHash' | 'idNumberEncrypted' | 'idNumberMasked' | 'name' | 'birthDate' | 'relationship'
>;

/** The only place the relative table is read or written. */
@Injectable()
export class RelativesRepository {
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

  /** The volunteer's current relative with this ID number, if any. */
  findCurrentByIdNumberHash(
    volunteerId: string,
    idNumberHash: string,
    tx: EntityManager,
  ): Promise<RelativeEntity | null> {
    return tx.findOneBy(RelativeEntity, { volunteerId, idNumberHash, removedAt: IsNull() });
  }

  countCurrent(volunteerId: string, tx: EntityManager): Promise<number> {
    return tx.countBy(RelativeEntity, { volunteerId, removedAt: IsNull() });
  }

  /** Inserts the relative and returns it with its generated id. */
  async insert(relative: NewRelative, tx: EntityManager): Promise<RelativeEntity> {
    const row = tx.create(RelativeEntity, relative);
    await tx.insert(RelativeEntity, row);
    return row;
  }

  /** One of the volunteer's current relatives, locked against other changes (FOR UPDATE). */
  lockCurrent(id: string, volunteerId: string, tx: EntityManager): Promise<RelativeEntity | null> {
    return tx.findOne(RelativeEntity, {
      where: { id, volunteerId, removedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * A share lock on one of the volunteer's current relatives (other spending for it goes on; removing it waits);
   * false when it is not (or no longer) one of theirs.
   */
  async shareLockCurrent(id: string, volunteerId: string, tx: EntityManager): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      'SELECT 1 FROM relative WHERE id = $1 AND volunteer_id = $2 AND removed_at IS NULL FOR SHARE',
      [id, volunteerId],
    );
    return rows.length > 0;
  }

  async markRemoved(id: string, at: Date, tx: EntityManager): Promise<void> {
    await tx.update(RelativeEntity, { id }, { removedAt: at });
  }

  /**
   * The ID-number hash and birth date of a volunteer's own person, to compare a relative with. Read by table name;
   * the workforce module has no method for it yet.
   */
  async personIdentity(personId: string, tx: EntityManager): Promise<{ hash: string; birthDate: string }> {
    const [own]: { hash: string; birthDate: string }[] = await tx.query(
      `SELECT trim(id_number_hash) AS hash, to_char(birth_date, 'YYYY-MM-DD') AS "birthDate" FROM person WHERE id = $1`,
      [personId],
    );
    return own;
  }
}
