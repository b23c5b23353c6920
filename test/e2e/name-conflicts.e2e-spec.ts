import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createEvaluationBody,
  createInstitution,
  registerStaff,
  residentId,
  signIn,
  staffInput,
} from '../helpers/factories.js';
import { codes, startTestApp, type TestApp } from '../helpers/test-app.js';

const LIMIT = 5;
const BATCH = `mutation($rows: [RegisterStaffInput!]!, $dryRun: Boolean) {
  registerStaffBatch(rows: $rows, dryRun: $dryRun) { accepted skipped written errors { index field code message } }
}`;
const SINGLE = `mutation($input: RegisterStaffInput!) { registerStaff(input: $input) { id } }`;
const SUBMIT = `mutation($rows: [CertificateInput!]!, $dryRun: Boolean) {
  submitCertificates(rows: $rows, dryRun: $dryRun) { accepted skipped written errors { index field code message } }
}`;

interface RowError {
  index: number;
  field: string | null;
  code: string;
  message: string;
}

let t: TestApp;
let planner: string;

beforeAll(async () => {
  t = await startTestApp({ NAME_CONFLICT_DAILY_LIMIT: String(LIMIT) });
  planner = (await signIn(t, { role: 'MUNICIPAL_PLANNER' })).token;
});
afterAll(async () => {
  await t?.close();
});

const count = async (table: string) => Number((await t.db.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
const counts = async () => ({
  persons: await count('person'),
  employments: await count('employment'),
  certificates: await count('certificate'),
});
const lastAudit = async (operation: string) =>
  (await t.db.query('SELECT summary FROM audit_event WHERE operation = $1 ORDER BY id DESC LIMIT 1', [operation]))
    .rows[0]?.summary;

describe('name-conflict answers per account and day (issue 11, item 5)', () => {
  it('answers the first conflicts of a batch, then withholds every row about a registered person; audited', async () => {
    const home = await createInstitution(t);
    // Nine registered people; the admin of another institution tries a wrong name for eight of them (one row each:
    // a second row for a number is answered from the batch itself), and the right name for the ninth.
    const numbers = Array.from({ length: 9 }, () => residentId());
    for (const [i, idNumber] of numbers.entries()) {
      await registerStaff(t, planner, { institutionId: home, idNumber, name: `王芳${i}` });
    }
    const number = numbers[0];
    const institutionId = await createInstitution(t);
    const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId });
    const rows = [
      ...numbers.slice(0, 8).map((idNumber, i) => staffInput({ institutionId, idNumber, name: `李${i}` })),
      staffInput({ institutionId, idNumber: numbers[8], name: '王芳8' }), // the right name, after the limit
      staffInput({ institutionId }), // someone new
    ];
    const before = await counts();
    const res = await t.gql(BATCH, { rows, dryRun: true }, admin.token);
    expect(res.body.errors).toBeUndefined();
    const result = res.body.data!.registerStaffBatch as { written: boolean; errors: RowError[] };
    expect(result.written).toBe(false);
    const byRow = new Map(result.errors.map((e) => [e.index, e]));
    for (let i = 0; i < LIMIT; i++) expect(byRow.get(i)).toMatchObject({ field: 'name', code: 'CONFLICT' });
    // Past the limit the answer is the same whether the name is wrong or right: it tells nothing.
    const past = [5, 6, 7, 8].map((i) => byRow.get(i)!);
    for (const e of past) expect(e).toMatchObject({ field: null, code: 'RATE_LIMITED' });
    expect(new Set(past.map((e) => e.message)).size).toBe(1);
    expect(past[0].message).not.toMatch(/another name/);
    expect(byRow.has(9)).toBe(false); // the new person is fine
    expect(await counts()).toEqual(before);
    // Nothing was written, but the trail shows the conflicts answered and withheld.
    expect(await lastAudit('registerStaffBatch')).toEqual({
      written: false,
      dryRun: true,
      rows: 10,
      nameConflicts: LIMIT,
      withheld: 4,
    });

    // A single registration counts towards the same budget: withheld too, right name or wrong.
    const right = await t.gql(
      SINGLE,
      { input: staffInput({ institutionId, idNumber: number, name: '王芳0' }) },
      admin.token,
    );
    const wrong = await t.gql(
      SINGLE,
      { input: staffInput({ institutionId, idNumber: number, name: '李四' }) },
      admin.token,
    );
    expect(codes(right)).toEqual(['RATE_LIMITED']);
    expect(codes(wrong)).toEqual(['RATE_LIMITED']);
    expect(right.body.errors![0].message).toBe(wrong.body.errors![0].message);
    expect(right.body.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(3600);
    // New people can still be registered.
    const fresh = await t.gql(SINGLE, { input: staffInput({ institutionId }) }, admin.token);
    expect(fresh.body.errors).toBeUndefined();
    expect(await count('person')).toBe(before.persons + 1);

    // Another account has its own budget.
    const other = await t.gql(
      SINGLE,
      { input: staffInput({ institutionId, idNumber: number, name: '李四' }) },
      planner,
    );
    expect(codes(other)).toEqual(['CONFLICT']);
  });

  it('counts single registerStaff conflicts, then batch rows, against one budget', async () => {
    const home = await createInstitution(t);
    const numbers = Array.from({ length: 4 }, () => residentId());
    for (const idNumber of numbers) await registerStaff(t, planner, { institutionId: home, idNumber, name: '张伟' });
    const institutionId = await createInstitution(t);
    const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId });
    for (let i = 0; i < 3; i++) {
      const input = staffInput({ institutionId, idNumber: numbers[0], name: `张${i}` });
      expect(codes(await t.gql(SINGLE, { input }, admin.token))).toEqual(['CONFLICT']);
    }
    const rows = numbers.slice(1).map((idNumber, i) => staffInput({ institutionId, idNumber, name: `张${i}` }));
    const res = await t.gql(BATCH, { rows }, admin.token);
    const errors = (res.body.data!.registerStaffBatch as { errors: RowError[] }).errors;
    expect(errors.map((e) => e.code)).toEqual(['CONFLICT', 'CONFLICT', 'RATE_LIMITED']);
    expect(await lastAudit('registerStaffBatch')).toEqual({
      written: false,
      dryRun: false,
      rows: 3,
      nameConflicts: 2,
      withheld: 1,
    });
  });

  it('submitCertificates: conflicts counted per row and per one-row submission, then withheld', async () => {
    const home = await createInstitution(t);
    const number = residentId();
    await registerStaff(t, planner, { institutionId: home, idNumber: number, name: '刘洋' });
    const bodyId = await createEvaluationBody(t, { kinds: ['NURSING_ASSISTANT_SKILL'] });
    const body = await signIn(t, { role: 'EVALUATION_BODY', evaluationBodyId: bodyId });
    const cert = (name: string, n: number) => ({
      idNumber: number,
      name,
      kind: 'NURSING_ASSISTANT_SKILL',
      level: 5,
      certificateNumber: `NC-${bodyId.slice(0, 6)}-${n}`,
      issuedOn: '2024-01-01',
    });
    const before = await counts();
    const seen: string[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const res = await t.gql(SUBMIT, { rows: [cert(`刘${i}`, i)] }, body.token);
      seen.push(...(res.body.data!.submitCertificates as { errors: RowError[] }).errors.map((e) => e.code));
    }
    expect(seen).toEqual([...Array(LIMIT).fill('CONFLICT'), 'RATE_LIMITED', 'RATE_LIMITED']);
    // The right name is withheld as well now.
    const right = await t.gql(SUBMIT, { rows: [cert('刘洋', 99)], dryRun: true }, body.token);
    expect((right.body.data!.submitCertificates as { errors: RowError[] }).errors.map((e) => e.code)).toEqual([
      'RATE_LIMITED',
    ]);
    expect(await counts()).toEqual(before);
    expect(await lastAudit('submitCertificates')).toEqual({
      written: false,
      dryRun: true,
      rows: 1,
      nameConflicts: 0,
      withheld: 1,
    });
  });

  it('a batch without conflicts leaves no extra audit event when refused', async () => {
    const institutionId = await createInstitution(t);
    const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId });
    const events = await count('audit_event');
    const res = await t.gql(BATCH, { rows: [staffInput({ institutionId, name: '  ' })] }, admin.token);
    expect((res.body.data!.registerStaffBatch as { errors: RowError[] }).errors).toHaveLength(1);
    expect(await count('audit_event')).toBe(events);
  });
});
