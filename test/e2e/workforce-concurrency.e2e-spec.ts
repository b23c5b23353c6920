import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createInstitution, residentId, signIn, staffInput } from '../helpers/factories.js';
import { codes, startTestApp, type TestApp } from '../helpers/test-app.js';

const REGISTER = `mutation($input: RegisterStaffInput!) { registerStaff(input: $input) { id person { id } } }`;
const BATCH = `mutation($rows: [RegisterStaffInput!]!, $dryRun: Boolean) {
  registerStaffBatch(rows: $rows, dryRun: $dryRun) { accepted skipped written errors { index field code } }
}`;

describe('workforce registry under retries and concurrency', () => {
  let t: TestApp;
  let token: string;
  let institutionId: string;
  let otherInstitutionId: string;

  /** Employments of the people with these (unique, factory-made) names. */
  const jobsOf = async (names: unknown[]) => {
    const { rows } = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM employment e JOIN person p ON p.id = e.person_id WHERE p.name = ANY($1)',
      [names],
    );
    return rows[0].n;
  };

  beforeAll(async () => {
    t = await startTestApp({ EXPOSE_QUERY_COUNT: 'true' });
    token = (await signIn(t, { role: 'MUNICIPAL_PLANNER' })).token;
    institutionId = await createInstitution(t);
    otherInstitutionId = await createInstitution(t, { regionCode: '500103' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers ten simultaneous identical registrations with one person and one employment', async () => {
    const input = staffInput({ institutionId, name: '并发一' });
    const results = await Promise.all(Array.from({ length: 10 }, () => t.gql(REGISTER, { input }, token)));
    for (const res of results) expect(codes(res)).toEqual([]);
    const ids = new Set(results.map((r) => r.body.data!.registerStaff.id));
    const people = new Set(results.map((r) => r.body.data!.registerStaff.person.id));
    expect([ids.size, people.size]).toEqual([1, 1]);
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM employment WHERE person_id = $1', [
      [...people][0],
    ]);
    expect(rows[0].n).toBe(1);
  });

  it('lets one of two simultaneous registrations under different names win, and refuses the other', async () => {
    const idNumber = residentId();
    const results = await Promise.all([
      t.gql(REGISTER, { input: staffInput({ institutionId, idNumber, name: '甲某' }) }, token),
      t.gql(REGISTER, { input: staffInput({ institutionId: otherInstitutionId, idNumber, name: '乙某' }) }, token),
    ]);
    expect(results.map((r) => codes(r)[0] ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    expect(await jobsOf(['甲某', '乙某'])).toBe(1);
  });

  it('writes a batch in the same number of SQL round trips whatever its size', async () => {
    const trips = async (size: number) => {
      const rows = Array.from({ length: size }, (_, i) =>
        staffInput({ institutionId: i % 2 ? institutionId : otherInstitutionId, phone: '13800138000' }),
      );
      const res = await t.gql(BATCH, { rows }, token);
      expect(res.body.data?.registerStaffBatch).toMatchObject({ accepted: size, written: true, errors: [] });
      return Number(res.headers['x-sql-round-trips']);
    };
    const small = await trips(3);
    const large = await trips(400);
    expect(large).toBe(small);
    // Guard, BEGIN, three reads, two inserts, the audit event, COMMIT.
    expect(small).toBeLessThanOrEqual(10);
  });

  it('skips every row of a retried batch, also when retried simultaneously', async () => {
    const rows = Array.from({ length: 30 }, () => staffInput({ institutionId }));
    const first = await t.gql(BATCH, { rows }, token);
    expect(first.body.data?.registerStaffBatch).toMatchObject({ accepted: 30, skipped: 0, written: true });
    const retries = await Promise.all([t.gql(BATCH, { rows }, token), t.gql(BATCH, { rows }, token)]);
    for (const res of retries) {
      expect(res.body.data?.registerStaffBatch).toMatchObject({ accepted: 0, skipped: 30, written: true });
    }
    expect(await jobsOf(rows.map((r) => r.name))).toBe(30);
  });

  it('never duplicates when the same new batch is sent twice at once', async () => {
    const rows = Array.from({ length: 40 }, () => staffInput({ institutionId: otherInstitutionId }));
    const results = await Promise.all([t.gql(BATCH, { rows }, token), t.gql(BATCH, { rows }, token)]);
    const outcomes = results.map((r) => r.body.data?.registerStaffBatch ?? codes(r)[0]);
    // One writes all rows; the other either skips them all (it ran after) or is refused as a concurrent duplicate.
    expect(outcomes).toContainEqual(expect.objectContaining({ accepted: 40, written: true }));
    for (const outcome of outcomes) {
      expect([
        expect.objectContaining({ accepted: 40, written: true }),
        expect.objectContaining({ accepted: 0, skipped: 40, written: true }),
        'CONFLICT',
      ]).toContainEqual(outcome);
    }
    expect(await jobsOf(rows.map((r) => r.name))).toBe(40);
  });
});
