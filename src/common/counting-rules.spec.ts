import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../database/embedded.js';
import {
  certificateValidOn,
  countTargetOf,
  employmentActiveDuring,
  employmentActiveOn,
  endOfDay,
  personSession,
  primaryJobsOn,
  ratioTargetOf,
  ratioTargetOwnFirst,
  sessionCountsIn,
  sessionEndsIn,
  targetYearPreference,
} from './counting-rules.js';

// Each counting rule on a tiny table of its own, in real PostgreSQL: a throwaway database on the test server (named
// like the harness's, so that `npm test` drops it if this file crashes), or an in-memory PGlite.

const LOCAL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function connect(): Promise<{ client: pg.Client; drop(): Promise<void> }> {
  if (process.env.TEST_DB_MODE === 'pglite') {
    const embedded: EmbeddedDatabase = await startEmbeddedDatabase({ maxConnections: 2 });
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    return { client, drop: () => embedded.stop() };
  }
  const adminUrl = process.env.TEST_DB_ADMIN_URL ?? LOCAL;
  const name = `eldercare_t_${process.env.TEST_RUN_ID ?? 'unit'}_${process.pid}_rules`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    client,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('counting rules (DESIGN.md), each on a tiny table', () => {
  let client: pg.Client;
  let drop: (() => Promise<void>) | undefined;
  const ids = async (sql: string, values: unknown[] = []) =>
    (await client.query<{ id: string }>(sql, values)).rows.map((r) => r.id);

  beforeAll(async () => {
    ({ client, drop } = await connect());
    await client.query(`
      CREATE TABLE institution (id uuid PRIMARY KEY, region_code varchar(6), zone_code varchar(6), type text);
      CREATE TABLE employment (id uuid PRIMARY KEY, person_id text, institution_id uuid, occupation text,
                                    team text, start_date date, end_date date);
      CREATE TABLE certificate (id text PRIMARY KEY, issued_on date, revoked_on date, expires_on date);
      CREATE TABLE training_session (id text PRIMARY KEY, end_date date);
      CREATE TABLE attendance (id text PRIMARY KEY, completed boolean);
      CREATE TABLE target (id text PRIMARY KEY, region_code varchar(6), year int);
    `);
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    await drop?.();
  });

  it('active on D: start <= D and (no end or end > D)', async () => {
    await client.query(
      `INSERT INTO employment (id, start_date, end_date) VALUES
      ($1, '2025-06-30', NULL), ($2, '2025-07-01', NULL), ($3, '2020-01-01', '2025-06-30'),
      ($4, '2020-01-01', '2025-07-01'), ($5, '2025-06-30', '2025-06-30')`,
      [1, 2, 3, 4, 5].map(uuid),
    );
    const active = await ids(`SELECT id FROM employment e WHERE ${employmentActiveOn('e', '$1::date')} ORDER BY id`, [
      '2025-06-30',
    ]);
    // Started that day: active; starts the next day: not; ended that day: not; ends the next day: active; a job that
    // starts and ends the same day is active on no day.
    expect(active).toEqual([uuid(1), uuid(4)]);
    // Over a span: active on at least one of its days.
    const during = await ids(
      `SELECT id FROM employment e WHERE ${employmentActiveDuring('e', '$1::date', '$2::date')} ORDER BY id`,
      ['2025-06-29', '2025-06-30'],
    );
    expect(during).toEqual([uuid(1), uuid(3), uuid(4)]);
    const later = await ids(
      `SELECT id FROM employment e WHERE ${employmentActiveDuring('e', '$1::date', '$2::date')} ORDER BY id`,
      ['2025-07-01', '2025-07-31'],
    );
    // The job ending on 1 July was last active on 30 June.
    expect(later).toEqual([uuid(1), uuid(2)]);
    await client.query('DELETE FROM employment');
  });

  it('primary job on D: the active one that started first, ties to the lowest id; narrowing ranks fewer people', async () => {
    await client.query(
      `INSERT INTO institution VALUES
      ($1, '500101', NULL, 'CARE_HOME'), ($2, '500102', 'Z01', 'COMMUNITY_CENTER')`,
      [uuid(101), uuid(102)],
    );
    await client.query(
      `INSERT INTO employment (id, person_id, institution_id, occupation, team, start_date, end_date) VALUES
        -- p1: an older job that ended before D, then two active ones; the earlier start is primary.
        ($1, 'p1', $7, 'NURSE', 'PROFESSIONAL_TECHNICAL', '2010-01-01', '2020-01-01'),
        ($2, 'p1', $8, 'SOCIAL_WORKER', 'PROFESSIONAL_TECHNICAL', '2021-01-01', NULL),
        ($3, 'p1', $7, 'CAREGIVER', 'CARE', '2022-01-01', NULL),
        -- p2: two jobs starting the same day: the lower id is primary.
        ($5, 'p2', $7, 'SOCIAL_WORKER', 'PROFESSIONAL_TECHNICAL', '2021-01-01', NULL),
        ($4, 'p2', $8, 'CAREGIVER', 'CARE', '2021-01-01', NULL),
        -- p3: not active on D.
        ($6, 'p3', $7, 'CAREGIVER', 'CARE', '2026-01-01', NULL)`,
      [...[1, 2, 3, 4, 5, 6].map(uuid), uuid(101), uuid(102)],
    );
    const primary = async (narrow = {}) =>
      (
        await client.query<{ person_id: string; occupation: string; region_code: string; zone_code: string | null }>(
          `SELECT person_id, occupation, region_code, zone_code, institution_type FROM (${primaryJobsOn('$1::date', narrow)}) x
            ORDER BY person_id`,
          ['2025-06-30'],
        )
      ).rows;
    expect(await primary()).toEqual([
      {
        person_id: 'p1',
        occupation: 'SOCIAL_WORKER',
        region_code: '500102',
        zone_code: 'Z01',
        institution_type: 'COMMUNITY_CENTER',
      },
      {
        person_id: 'p2',
        occupation: 'CAREGIVER',
        region_code: '500102',
        zone_code: 'Z01',
        institution_type: 'COMMUNITY_CENTER',
      },
    ]);
    // Narrowed to people with an active job in 500101 (both), in the zone (both), with an active SOCIAL_WORKER job
    // (both): their primary job stays where it is.
    expect((await primary({ region: "'500101'" })).map((r) => r.person_id)).toEqual(['p1', 'p2']);
    expect((await primary({ region: "'Z01'" })).map((r) => r.region_code)).toEqual(['500102', '500102']);
    expect((await primary({ occupation: "'NURSE'" })).map((r) => r.person_id)).toEqual([]);
    expect((await primary({ occupation: "'SOCIAL_WORKER'" })).map((r) => r.occupation)).toEqual([
      'SOCIAL_WORKER',
      'CAREGIVER',
    ]);
    await client.query('DELETE FROM employment; DELETE FROM institution');
  });

  it('certificate valid on D: issued by D, not revoked on or before D, not expired before D', async () => {
    await client.query(`INSERT INTO certificate VALUES
      ('issued-that-day', '2025-06-30', NULL, NULL), ('issued-next-day', '2025-07-01', NULL, NULL),
      ('revoked-that-day', '2020-01-01', '2025-06-30', NULL), ('revoked-next-day', '2020-01-01', '2025-07-01', NULL),
      ('expires-that-day', '2020-01-01', NULL, '2025-06-30'), ('expired-day-before', '2020-01-01', NULL, '2025-06-29')`);
    expect(
      await ids(`SELECT id FROM certificate c WHERE ${certificateValidOn('c', '$1::date')} ORDER BY id`, [
        '2025-06-30',
      ]),
    ).toEqual(['expires-that-day', 'issued-that-day', 'revoked-next-day']);
  });

  it('person-sessions in year Y up to D: sessions ending in Y on or before D, completed attendances only', async () => {
    await client.query(`INSERT INTO training_session VALUES
      ('ends-new-year', '2025-01-01'), ('ends-on-D', '2025-06-30'), ('ends-after-D', '2025-07-01'),
      ('ends-year-before', '2024-12-31'), ('ends-year-end', '2025-12-31')`);
    const counted = (year: number, asOf: string) =>
      ids(`SELECT id FROM training_session s WHERE ${sessionCountsIn('s', '$1::int', '$2::date')} ORDER BY id`, [
        year,
        asOf,
      ]);
    expect(await counted(2025, '2025-06-30')).toEqual(['ends-new-year', 'ends-on-D']);
    // A year before asOf's: all of it; a year after: none yet.
    expect(await counted(2024, '2025-06-30')).toEqual(['ends-year-before']);
    expect(await counted(2026, '2025-06-30')).toEqual([]);
    expect(
      await ids(`SELECT id FROM training_session s WHERE ${sessionEndsIn('s', '$1::int')} ORDER BY id`, [2025]),
    ).toEqual(['ends-after-D', 'ends-new-year', 'ends-on-D', 'ends-year-end']);
    await client.query(`INSERT INTO attendance VALUES ('done', true), ('dropped', false)`);
    expect(await ids(`SELECT id FROM attendance a WHERE ${personSession('a')}`)).toEqual(['done']);
  });

  it('as of D: what happened before the end of D in Asia/Shanghai (16:00 UTC)', async () => {
    const { rows } = await client.query<{ before: boolean; at: boolean }>(
      `SELECT '2025-06-30T15:59:59.999Z'::timestamptz < ${endOfDay('$1::date')} AS before,
              '2025-06-30T16:00:00Z'::timestamptz < ${endOfDay('$1::date')} AS at`,
      ['2025-06-30'],
    );
    expect(rows[0]).toEqual({ before: true, at: false });
  });

  it('the target for a year: that year, else the nearest later, else the latest earlier; counts never fall back', async () => {
    await client.query(`INSERT INTO target VALUES
      ('city-2024', NULL, 2024), ('city-2027', NULL, 2027), ('city-2029', NULL, 2029),
      ('own-2023', '500101', 2023), ('own-2026', '500101', 2026), ('own-2027', '500101', 2027)`);
    const chosen = async (scope: string, order: string, year: number, region: string | null) =>
      (await ids(`SELECT id FROM target t WHERE ${scope} ORDER BY ${order} LIMIT 1`, [year, region]))[0] ?? null;
    const count = (year: number, region: string | null) =>
      chosen(countTargetOf('t', '$2::varchar'), targetYearPreference('t', '$1::int'), year, region);
    const ratio = (year: number, region: string) =>
      chosen(
        ratioTargetOf('t', '$2::varchar'),
        `${targetYearPreference('t', '$1::int')}, ${ratioTargetOwnFirst('t')}`,
        year,
        region,
      );
    expect(await count(2027, null)).toBe('city-2027');
    expect(await count(2025, null)).toBe('city-2027');
    expect(await count(2030, null)).toBe('city-2029');
    // A region: its own only, never the city's.
    expect(await count(2025, '500101')).toBe('own-2026');
    expect(await count(2029, '500101')).toBe('own-2027');
    expect(await count(2025, '500102')).toBeNull();
    // Ratios: the year is chosen among the region's and the city's; at that year the region's own wins.
    expect(await ratio(2027, '500101')).toBe('own-2027');
    expect(await ratio(2024, '500101')).toBe('city-2024');
    expect(await ratio(2028, '500101')).toBe('city-2029');
    expect(await ratio(2025, '500102')).toBe('city-2027');
  });
});
