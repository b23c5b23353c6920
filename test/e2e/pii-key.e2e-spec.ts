import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createPortal, type Portal } from '../../src/bootstrap.js';
import { JsonLogger } from '../../src/common/logger.js';
import { PiiCipher, parsePiiKey } from '../../src/common/pii.js';
import { loadConfig } from '../../src/config/config.js';
import { piiKeyFingerprint } from '../../src/database/pii-key.js';
import { SeedService } from '../../src/database/seed.service.js';
import { auditCount } from '../helpers/factories.js';
import { startTestApp, TEST_JWT_SECRET, TEST_PII_KEY, type TestApp } from '../helpers/test-app.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const NEW_KEY = 'c3'.repeat(32);
const WRONG_KEY = '0a'.repeat(32);
const quiet = new JsonLogger('error', () => {});

let t: TestApp;
let url: string;

beforeAll(async () => {
  t = await startTestApp();
  url = t.portal.config.databaseUrl!;
  // The demo data: about 3,000 people (some with phones), volunteers and their relatives.
  await t.portal.app.get(SeedService).seedDemoIfEmpty();
}, 180_000);
afterAll(async () => {
  await t?.close();
});

/** Another portal on the same database with `env` (the way a restart with other settings would start). */
const portalWith = (env: Record<string, string>): Promise<Portal> =>
  createPortal(
    loadConfig(
      {
        NODE_ENV: 'test',
        DATABASE_URL: url,
        JWT_SECRET: TEST_JWT_SECRET,
        MIGRATE_ON_START: 'false',
        SEED_DEMO: 'false',
        DB_POOL_SIZE: '2',
        LOG_LEVEL: 'error',
        ...(process.env.TEST_DB_MODE === 'pglite'
          ? { DB_STATEMENT_TIMEOUT: '0', DB_IDLE_IN_TRANSACTION_TIMEOUT: '0' }
          : {}),
        ...env,
      },
      () => {},
    ),
    quiet,
  );

const refusal = (env: Record<string, string>) =>
  portalWith(env).then(
    async (portal) => {
      await portal.close();
      return null;
    },
    (error: Error) => error.message,
  );

const fingerprint = async () =>
  (await t.db.query('SELECT fingerprint FROM pii_key_fingerprint')).rows.map((r) => r.fingerprint.trim());

/** Every stored ID number and phone, decrypted with `key`, by table and row id; throws if one does not decrypt. */
async function plaintext(key: string) {
  const cipher = new PiiCipher(parsePiiKey(key));
  const persons = await t.db.query('SELECT id, id_number_hash, id_number_encrypted, phone_encrypted FROM person');
  const relatives = await t.db.query('SELECT id, id_number_hash, id_number_encrypted FROM relative');
  const rows = [
    ...persons.rows.map((r) => ({ table: 'person', ...r })),
    ...relatives.rows.map((r) => ({ table: 'relative', phone_encrypted: null, ...r })),
  ];
  return new Map(
    rows.map((r) => {
      const idNumber = cipher.decrypt(r.id_number_encrypted);
      // The look-up hash is the one this key makes.
      expect(r.id_number_hash.trim()).toBe(cipher.lookupHash(idNumber));
      return [`${r.table}:${r.id}`, { idNumber, phone: r.phone_encrypted ? cipher.decrypt(r.phone_encrypted) : null }];
    }),
  );
}

function rotate(env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/database/cli.ts'), 'rotate-pii-key'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'test',
        NODE_OPTIONS: '--no-warnings',
        DATABASE_URL: url,
        JWT_SECRET: TEST_JWT_SECRET,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('the PII key the database was filled with (issue 11, item 4)', () => {
  it('was recorded at the first start; a wrong key is refused with a message that says so', async () => {
    expect(await fingerprint()).toEqual([piiKeyFingerprint(parsePiiKey(TEST_PII_KEY))]);
    const message = await refusal({ PII_KEY: WRONG_KEY });
    expect(message).toMatch(/PII_KEY does not match the data in this database/);
    expect(message).not.toMatch(/delet/i);
    expect(await refusal({ PII_KEY: TEST_PII_KEY })).toBeNull();
  });

  it('a database filled before fingerprints: recorded only once a stored ID number decrypts under the key', async () => {
    await t.db.query('DELETE FROM pii_key_fingerprint');
    expect(await refusal({ PII_KEY: WRONG_KEY })).toMatch(/does not match the data/);
    expect(await fingerprint()).toEqual([]);
    // A development start without PII_KEY never pairs new secrets with this data.
    expect(
      await refusal({
        NODE_ENV: 'development',
        PII_KEY: '',
        DATA_DIR: join(tmpdir(), `eldercare-no-secrets-${process.pid}`),
      }),
    ).toMatch(/PII_KEY is not set, and this database already holds/);
    expect(await fingerprint()).toEqual([]);
    expect(await refusal({ PII_KEY: TEST_PII_KEY })).toBeNull();
    expect(await fingerprint()).toEqual([piiKeyFingerprint(parsePiiKey(TEST_PII_KEY))]);
  });
});

describe('rotate-pii-key on the demo data', () => {
  it('refuses a wrong current key and changes nothing', async () => {
    const before = await plaintext(TEST_PII_KEY);
    const run = await rotate({ PII_KEY: WRONG_KEY, NEW_PII_KEY: NEW_KEY });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/does not match the data/);
    expect(await plaintext(TEST_PII_KEY)).toEqual(before);
    expect(await fingerprint()).toEqual([piiKeyFingerprint(parsePiiKey(TEST_PII_KEY))]);
  }, 120_000);

  it('re-encrypts every ID number and phone, recomputes the hashes and the fingerprint, in one audited step', async () => {
    const before = await plaintext(TEST_PII_KEY);
    expect(before.size).toBeGreaterThan(2_500);
    expect([...before.keys()].some((k) => k.startsWith('relative:'))).toBe(true);
    expect([...before.values()].filter((v) => v.phone !== null).length).toBeGreaterThan(100);
    const audits = await auditCount(t, 'rotatePiiKey');

    const run = await rotate({ PII_KEY: TEST_PII_KEY, NEW_PII_KEY: NEW_KEY });
    expect(run.code).toBe(0);
    expect(run.output).toContain('PII key rotated');

    // The same numbers and phones, now under the new key (hashes included); nothing reads under the old one.
    expect(await plaintext(NEW_KEY)).toEqual(before);
    await expect(plaintext(TEST_PII_KEY)).rejects.toThrow();
    expect(await fingerprint()).toEqual([piiKeyFingerprint(parsePiiKey(NEW_KEY))]);
    expect(await auditCount(t, 'rotatePiiKey')).toBe(audits + 1);

    // The old key no longer starts the portal; the new one does, and finds the same people by ID number.
    expect(await refusal({ PII_KEY: TEST_PII_KEY })).toMatch(/does not match the data/);
    const portal = await portalWith({ PII_KEY: NEW_KEY });
    try {
      const server = portal.app.getHttpServer();
      const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
        const req = request(server).post('/graphql').set('content-type', 'application/json');
        if (token) req.set('authorization', `Bearer ${token}`);
        return (await req.send({ query, variables })).body;
      };
      const login = await gql(
        'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
        { u: 'planner', p: 'demo-password' },
      );
      const token = login.data.login.accessToken as string;
      const [person] = (
        await t.db.query(
          `SELECT p.id, p.name, e.institution_id FROM person p JOIN employment e ON e.person_id = p.id
            WHERE e.end_date IS NULL
              -- the job registered below must be new: nobody already a nurse at that institution
              AND NOT EXISTS (SELECT 1 FROM employment n WHERE n.person_id = p.id AND n.institution_id = e.institution_id
                                AND n.occupation = 'NURSE')
            ORDER BY p.id LIMIT 1`,
        )
      ).rows;
      const idNumber = before.get(`person:${person.id}`)!.idNumber;
      const persons = Number((await t.db.query('SELECT count(*) FROM person')).rows[0].count);
      const res = await gql(
        `mutation($i: RegisterStaffInput!) { registerStaff(input: $i) { person { id } } }`,
        {
          i: {
            institutionId: person.institution_id,
            idNumber,
            name: person.name,
            occupation: 'NURSE',
            postType: 'PART_TIME',
            startDate: '2025-01-01',
          },
        },
        token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.registerStaff.person.id).toBe(person.id);
      expect(Number((await t.db.query('SELECT count(*) FROM person')).rows[0].count)).toBe(persons);
      // And a wrong name for that number is still a conflict, not a second person.
      const twin = await gql(
        `mutation($i: RegisterStaffInput!) { registerStaff(input: $i) { person { id } } }`,
        {
          i: {
            institutionId: person.institution_id,
            idNumber,
            name: `${person.name}甲`,
            occupation: 'NURSE',
            postType: 'PART_TIME',
            startDate: '2025-02-01',
          },
        },
        token,
      );
      expect(twin.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['CONFLICT']);
    } finally {
      await portal.close();
    }
  }, 180_000);
});
