import { createHmac } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { UnitOfWork } from './unit-of-work.js';
import { NIL_UUID } from '../common/ids.js';
import type { JsonLogger } from '../common/logger.js';
import { PiiCipher } from '../common/pii.js';
import { type AppConfig, saveGeneratedSecrets } from '../config/config.js';

const FINGERPRINT_TEXT = 'eldercare-portal/pii-key-fingerprint/v1';

/** An HMAC of a fixed text under the key: equal for equal keys, and useless for finding the key. */
export const piiKeyFingerprint = (key: Buffer): string =>
  createHmac('sha256', key).update(FINGERPRINT_TEXT).digest('hex');

/** The configured PII key is not the one the database's personal data is encrypted with: the portal must not start. */
export class PiiKeyMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PiiKeyMismatchError';
  }
}

const ROTATE_HINT = 'to move the data to a new key, use `node dist/src/database/cli.js rotate-pii-key`';

export const KEY_MISMATCH =
  'PII_KEY does not match the data in this database: its ID numbers and phones were encrypted under another key. ' +
  'Start with the key this database was filled with (PII_KEY, or the secrets.json kept with the data); ' +
  ROTATE_HINT +
  '.';

export const KEY_NOT_SET =
  'PII_KEY is not set, and this database already holds personal data encrypted under a key. Set PII_KEY (and ' +
  'JWT_SECRET) to the values it was filled with (the secrets.json kept with the data).';

/**
 * Every stored encrypted personal value: the table, its encrypted ID number (with the look-up hash made from the
 * same number) and its encrypted phone, if it has one. Rotation re-encrypts exactly these.
 */
export const ENCRYPTED_PII = [
  { table: 'person', idNumber: 'id_number_encrypted', hash: 'id_number_hash', phone: 'phone_encrypted' },
  { table: 'relative', idNumber: 'id_number_encrypted', hash: 'id_number_hash', phone: null },
] as const;

/** The oldest encrypted ID number stored (the key the database was first filled with), if any. */
async function oldestCiphertext(em: EntityManager): Promise<string | null> {
  for (const t of ENCRYPTED_PII) {
    const rows: { value: string }[] = await em.query(
      `SELECT ${t.idNumber} AS value FROM ${t.table} WHERE ${t.idNumber} LIKE 'v1.%' ORDER BY created_at, id LIMIT 1`,
    );
    if (rows.length > 0) return rows[0].value;
  }
  return null;
}

const decrypts = (cipher: PiiCipher, token: string) => {
  try {
    cipher.decrypt(token);
    return true;
  } catch {
    return false;
  }
};

/**
 * Makes sure the database's fingerprint is `key`'s, in one transaction (concurrent first starts take turns):
 * - a stored fingerprint must be equal;
 * - without one, a database holding encrypted data gets it only if its oldest stored ID number decrypts under the
 *   key (a database filled before fingerprints existed), and a key made up for this start (`generated`) is never
 *   paired with such data;
 * - an empty database simply records it.
 * Throws PiiKeyMismatchError otherwise. Returns whether the database was new and empty.
 */
export async function checkPiiKey(
  dataSource: DataSource,
  key: Buffer,
  generated = false,
): Promise<'matched' | 'backfilled' | 'new'> {
  const fingerprint = piiKeyFingerprint(key);
  try {
    return await dataSource.transaction(async (em) => {
      await em.query('LOCK TABLE pii_key_fingerprint IN SHARE ROW EXCLUSIVE MODE');
      const rows: { fingerprint: string }[] = await em.query('SELECT fingerprint FROM pii_key_fingerprint');
      if (rows.length > 0) {
        if (rows[0].fingerprint.trim() === fingerprint) return 'matched';
        throw new PiiKeyMismatchError(generated ? KEY_NOT_SET : KEY_MISMATCH);
      }
      const sample = await oldestCiphertext(em);
      if (sample !== null) {
        if (generated) throw new PiiKeyMismatchError(KEY_NOT_SET);
        if (!decrypts(new PiiCipher(key), sample)) throw new PiiKeyMismatchError(KEY_MISMATCH);
      }
      await em.query('INSERT INTO pii_key_fingerprint (id, fingerprint) VALUES (1, $1)', [fingerprint]);
      return sample === null ? 'new' : 'backfilled';
    });
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') {
      throw new Error('The database has no pii_key_fingerprint table: apply the migrations first (migration:run)', {
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * At the portal's start: the PII key must be the one the database was filled with. Development secrets made for
 * this start are saved only when the database proved new and empty; otherwise a generated PII key has already been
 * refused, and a generated JWT secret serves this run only.
 */
export async function checkPiiKeyAndSecrets(dataSource: DataSource, config: AppConfig, logger: JsonLogger) {
  const generated = config.generatedSecrets;
  const state = await checkPiiKey(dataSource, config.piiKey, generated?.missing.includes('PII_KEY'));
  if (!generated) return;
  if (state === 'new') saveGeneratedSecrets(generated, (message) => logger.warn(message, 'Config'));
  else logger.warn('JWT_SECRET not set: using one made for this run only (tokens end at restart)', 'Config');
}

export interface RotationReport {
  idNumbers: number;
  phones: number;
  byTable: Record<string, number>;
}

const PAGE = 2_000;

/**
 * Re-encrypts every stored ID number and phone under `newKey`, recomputes the look-up hashes, and records the new
 * key's fingerprint, in one transaction with its audit event: all of it or nothing. The tables are locked against
 * writes meanwhile (reads go on). The current key must be the database's (its fingerprint, or for a database that
 * has none, its oldest ID number must decrypt), and every stored value must decrypt under it; otherwise nothing
 * changes. Other instances of the portal must be stopped first: they would go on writing with the old key.
 */
export async function rotatePiiKey(dataSource: DataSource, oldKey: Buffer, newKey: Buffer): Promise<RotationReport> {
  if (oldKey.equals(newKey)) throw new PiiKeyMismatchError('NEW_PII_KEY is the key in use already');
  const from = new PiiCipher(oldKey);
  const to = new PiiCipher(newKey);
  return UnitOfWork.of(dataSource).run(null, 'rotatePiiKey', async (em) => {
    await em.query(`LOCK TABLE pii_key_fingerprint, ${ENCRYPTED_PII.map((t) => t.table).join(', ')} IN EXCLUSIVE MODE`);
    const [stored]: { fingerprint: string }[] = await em.query('SELECT fingerprint FROM pii_key_fingerprint');
    if (stored ? stored.fingerprint.trim() !== piiKeyFingerprint(oldKey) : !(await oldKeyFitsUnmarked(em, from))) {
      throw new PiiKeyMismatchError(KEY_MISMATCH);
    }

    const report: RotationReport = { idNumbers: 0, phones: 0, byTable: {} };
    for (const t of ENCRYPTED_PII) {
      let after = NIL_UUID;
      let count = 0;
      for (;;) {
        const rows: { id: string; id_number: string; phone: string | null }[] = await em.query(
          `SELECT id, ${t.idNumber} AS id_number, ${t.phone ?? 'NULL::text'} AS phone
             FROM ${t.table} WHERE id > $1 ORDER BY id LIMIT ${PAGE}`,
          [after],
        );
        if (rows.length === 0) break;
        const reencrypt = (token: string, what: string, id: string) => {
          try {
            return from.decrypt(token);
          } catch {
            throw new PiiKeyMismatchError(
              `The ${what} of ${t.table} ${id} does not decrypt under PII_KEY: nothing was changed`,
            );
          }
        };
        const idNumbers = rows.map((r) => reencrypt(r.id_number, 'ID number', r.id));
        const phones = rows.map((r) => (r.phone === null ? null : reencrypt(r.phone, 'phone', r.id)));
        await em.query(
          `UPDATE ${t.table} AS t
              SET ${t.hash} = v.hash, ${t.idNumber} = v.id_number${t.phone ? `, ${t.phone} = v.phone` : ''}
             FROM unnest($1::uuid[], $2::char(64)[], $3::text[], $4::text[]) AS v(id, hash, id_number, phone)
            WHERE t.id = v.id`,
          [
            rows.map((r) => r.id),
            idNumbers.map((n) => to.lookupHash(n)),
            idNumbers.map((n) => to.encrypt(n)),
            phones.map((p) => (p === null ? null : to.encrypt(p))),
          ],
        );
        count += rows.length;
        report.phones += phones.filter((p) => p !== null).length;
        after = rows[rows.length - 1].id;
      }
      report.byTable[t.table] = count;
      report.idNumbers += count;
    }
    await em.query(
      `INSERT INTO pii_key_fingerprint (id, fingerprint) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, recorded_at = now()`,
      [piiKeyFingerprint(newKey)],
    );
    return { result: report, recordType: 'PiiKey', recordId: null, summary: { ...report } };
  });
}

/** A database without a fingerprint: the old key is its key if its oldest stored ID number decrypts (or it has none). */
async function oldKeyFitsUnmarked(em: EntityManager, from: PiiCipher): Promise<boolean> {
  const sample = await oldestCiphertext(em);
  return sample === null || decrypts(from, sample);
}
