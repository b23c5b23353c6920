import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { isUuid, NIL_UUID } from '../common/ids.js';
import type { PiiCipher } from '../common/pii.js';
import type { Education } from './workforce.enums.js';
import { PersonEntity } from './person.entity.js';
import { type NewPersonRow, personColumns } from './persons.js';

/** A person about to be stored, with the stored forms of its ID number and phone. */
export type StoredPersonRow = NewPersonRow & ReturnType<typeof personColumns>;

/** The columns a registration may fill where a stored person has none. */
export interface PersonBlanks {
  id: string;
  phoneEncrypted: string | null;
  phoneMasked: string | null;
  education: Education | null;
}

/**
 * Stores persons in one statement, numbers already stored left alone; returns the ids inserted by look-up hash.
 * A function (not only a method) because the demo seeders in src/database store their persons with it too.
 */
export async function insertPersonRows(
  em: EntityManager,
  pii: PiiCipher,
  rows: readonly NewPersonRow[],
): Promise<Map<string, string>> {
  return insertStoredPersons(
    em,
    rows.map((r) => ({ ...r, ...personColumns(pii, r.idNumber, r.phone) })),
  );
}

async function insertStoredPersons(em: EntityManager, cols: readonly StoredPersonRow[]): Promise<Map<string, string>> {
  if (cols.length === 0) return new Map();
  const inserted: { id: string; id_number_hash: string }[] = await em.query(
    `INSERT INTO person (id_number_hash, id_number_encrypted, id_number_masked, name, sex, birth_date,
                         phone_encrypted, phone_masked, education)
     SELECT * FROM unnest($1::char(64)[], $2::text[], $3::char(18)[], $4::varchar[], $5::sex[], $6::date[],
                          $7::text[], $8::varchar[], $9::education[])
     ON CONFLICT (id_number_hash) DO NOTHING
     RETURNING id, id_number_hash`,
    [
      cols.map((c) => c.idNumberHash),
      cols.map((c) => c.idNumberEncrypted),
      cols.map((c) => c.idNumberMasked),
      cols.map((c) => c.name),
      cols.map((c) => c.sex),
      cols.map((c) => c.birthDate),
      cols.map((c) => c.phoneEncrypted),
      cols.map((c) => c.phoneMasked),
      cols.map((c) => c.education),
    ],
  );
  return new Map(inserted.map((r) => [r.id_number_hash.trim(), r.id]));
}

/** The person table: the registry of humans, by ID number (hashed) and id. */
@Injectable()
export class PersonsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Persons by id (ids that are not uuids match nothing). One query. */
  findByIds(ids: readonly string[], tx: EntityManager = this.dataSource.manager): Promise<PersonEntity[]> {
    const valid = ids.filter(isUuid);
    return tx.findBy(PersonEntity, { id: In(valid.length ? valid : [NIL_UUID]) });
  }

  exists(id: string, tx: EntityManager = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(PersonEntity, { id });
  }

  /** The person's ID-number look-up hash (trimmed) and birth date (YYYY-MM-DD). One query. */
  async identity(
    id: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<{ hash: string; birthDate: string }> {
    const [own]: { hash: string; birthDate: string }[] = await tx.query(
      `SELECT trim(id_number_hash) AS hash, to_char(birth_date, 'YYYY-MM-DD') AS "birthDate" FROM person WHERE id = $1`,
      [id],
    );
    return own;
  }

  /** The person, locked until the transaction ends. */
  lockById(id: string, tx: EntityManager): Promise<PersonEntity | null> {
    return tx.findOne(PersonEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The person with this ID number's look-up hash, locked until the transaction ends. */
  lockByIdNumberHash(idNumberHash: string, tx: EntityManager): Promise<PersonEntity | null> {
    return tx.findOne(PersonEntity, { where: { idNumberHash }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * The stored persons among these look-up hashes (id, hash, name, masked phone, education), locked until the
   * transaction ends. One query.
   */
  lockByIdNumberHashes(hashes: readonly string[], tx: EntityManager): Promise<PersonEntity[]> {
    return tx
      .createQueryBuilder(PersonEntity, 'p')
      .select(['p.id', 'p.idNumberHash', 'p.name', 'p.phoneMasked', 'p.education'])
      .where('p.id_number_hash = ANY(:hashes)', { hashes })
      .setLock('pessimistic_write')
      .getMany();
  }

  /** Inserts persons in one statement; returns the ids of those inserted by hash (numbers stored meanwhile are left). */
  insertMany(rows: readonly StoredPersonRow[], tx: EntityManager): Promise<Map<string, string>> {
    return insertStoredPersons(tx, rows);
  }

  /** Fills a phone or education where the stored person has none; never overwrites one. One statement. */
  async fillBlanks(rows: readonly PersonBlanks[], tx: EntityManager): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `UPDATE person p
          SET phone_encrypted = coalesce(p.phone_encrypted, v.phone_encrypted),
              phone_masked = coalesce(p.phone_masked, v.phone_masked),
              education = coalesce(p.education, v.education),
              updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::varchar[], $4::education[])
              AS v(id, phone_encrypted, phone_masked, education)
        WHERE p.id = v.id
          AND ((p.phone_encrypted IS NULL AND v.phone_encrypted IS NOT NULL)
               OR (p.education IS NULL AND v.education IS NOT NULL))`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.phoneEncrypted),
        rows.map((r) => r.phoneMasked),
        rows.map((r) => r.education),
      ],
    );
  }

  async update(id: string, changes: Partial<PersonEntity>, tx: EntityManager): Promise<void> {
    await tx.update(PersonEntity, { id }, changes);
  }
}
