import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  auditCount,
  createEvaluationBody,
  createInstitution,
  createUser,
  creditCode,
  PASSWORD,
  registerStaff,
  registerVolunteer,
  residentId,
  signIn,
  staffInput,
} from '../helpers/factories.js';
import { codes, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/test-app.js';

const REFUSED_NAMES: [string, string][] = [
  ['a zero-width space alone', '\u200b'],
  ['a zero-width space inside', '王\u200b芳'],
  ['a right-to-left override', '王\u202e芳'],
  ['a lone surrogate', '王\ud800芳'],
  ['markup', '<script>'],
];

let t: TestApp;
let planner: string;

beforeAll(async () => {
  t = await startTestApp();
  planner = (await signIn(t, { role: 'MUNICIPAL_PLANNER' })).token;
});
afterAll(async () => {
  await t?.close();
});

const count = async (table: string) => Number((await t.db.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
const rowErrors = (res: GraphQLResponse, field: string) =>
  (res.body.data![field] as { errors: { index: number; field: string; code: string }[] }).errors;

describe('names of people: one normaliser wherever a name comes in (issue 11, item 6)', () => {
  it('stores " 王 芳 " as "王芳", and the same name typed either way is the same person', async () => {
    const institutionId = await createInstitution(t);
    const idNumber = residentId();
    const first = await registerStaff(t, planner, { institutionId, idNumber, name: ' 王 芳 ' });
    expect(first.person.name).toBe('王芳');
    const again = await registerStaff(t, planner, {
      institutionId,
      idNumber,
      name: '王\u3000芳',
      occupation: 'NURSE',
    });
    expect(again.person.id).toBe(first.person.id);
    const minority = await registerStaff(t, planner, { institutionId, name: '阿依古丽 • 买买提' });
    expect(minority.person.name).toBe('阿依古丽·买买提');
  });

  it.each(REFUSED_NAMES)('refuses %s everywhere, writing nothing', async (_label, name) => {
    const institutionId = await createInstitution(t);
    const writes = async () =>
      Number((await t.db.query("SELECT count(*) FROM audit_event WHERE operation <> 'login'")).rows[0].count);
    const [persons, relatives, audits] = [await count('person'), await count('relative'), await writes()];

    const single = await t.gql(
      'mutation($input: RegisterStaffInput!) { registerStaff(input: $input) { id } }',
      { input: staffInput({ institutionId, name }) },
      planner,
    );
    expect(codes(single)).toEqual(['BAD_USER_INPUT']);
    expect(single.body.errors![0].extensions!.fields).toEqual(['name']);

    const batch = await t.gql(
      'mutation($rows: [RegisterStaffInput!]!) { registerStaffBatch(rows: $rows) { errors { index field code } } }',
      { rows: [staffInput({ institutionId }), staffInput({ institutionId, name })] },
      planner,
    );
    expect(rowErrors(batch, 'registerStaffBatch')).toEqual([{ index: 1, field: 'name', code: 'BAD_USER_INPUT' }]);

    const bodyId = await createEvaluationBody(t, { kinds: ['NURSING_ASSISTANT_SKILL'] });
    const body = await signIn(t, { role: 'EVALUATION_BODY', evaluationBodyId: bodyId });
    const certificates = await t.gql(
      'mutation($rows: [CertificateInput!]!) { submitCertificates(rows: $rows) { errors { index field code } } }',
      {
        rows: [
          {
            idNumber: residentId(),
            name,
            kind: 'NURSING_ASSISTANT_SKILL',
            level: 5,
            certificateNumber: `HY-${bodyId.slice(0, 8)}`,
            issuedOn: '2024-01-01',
          },
        ],
      },
      body.token,
    );
    expect(rowErrors(certificates, 'submitCertificates')).toEqual([
      { index: 0, field: 'name', code: 'BAD_USER_INPUT' },
    ]);

    const signUp = await t.gql(
      'mutation($i: RegisterVolunteerInput!) { registerVolunteer(input: $i) { id } }',
      {
        i: {
          idNumber: residentId({ birthDate: '1964-03-15' }),
          name,
          phone: '13800138000',
          regionCode: '500101',
          username: `hygiene-${Math.random().toString(36).slice(2, 10)}`,
          password: PASSWORD,
        },
      },
      undefined,
      { 'x-forwarded-for': '198.51.100.1' },
    );
    expect(codes(signUp)).toEqual(['BAD_USER_INPUT']);

    const volunteer = await registerVolunteer(t);
    const relative = await t.gql(
      'mutation($i: RegisterRelativeInput!) { registerRelative(input: $i) { id } }',
      { i: { idNumber: residentId(), name, relationship: 'SPOUSE' } },
      volunteer.token,
    );
    expect(codes(relative)).toEqual(['BAD_USER_INPUT']);

    const someone = await registerStaff(t, planner, { institutionId });
    const correct = await t.gql(
      'mutation($id: ID!, $i: CorrectPersonInput!) { correctPerson(id: $id, input: $i, reason: "typo") { id } }',
      { id: someone.person.id, i: { name } },
      planner,
    );
    expect(codes(correct)).toEqual(['BAD_USER_INPUT']);

    // Only the volunteer and the staff member registered as set-up were written.
    expect(await count('person')).toBe(persons + 2);
    expect(await count('relative')).toBe(relatives);
    expect(await writes()).toBe(audits + 2);
    expect(JSON.stringify((await t.db.query('SELECT name FROM person')).rows)).not.toMatch(/\ufffd|<script>/);
  });
});

describe('a blank region code is a mistake, never "city-wide"', () => {
  it.each([
    [
      'setTarget',
      'mutation($i: SetTargetInput!) { setTarget(input: $i) { id } }',
      { i: { metric: 'TALENT_HEADCOUNT', year: 2031, value: 100, regionCode: '  ' } },
      'target',
    ],
    [
      'recordFundAllocation',
      'mutation($i: RecordFundAllocationInput!) { recordFundAllocation(input: $i) { id } }',
      { i: { source: 'FISCAL', regionCode: '  ', year: 2025, amount: '100.00', purpose: 'TRAINING' } },
      'fund_allocation',
    ],
    [
      'saveScenario',
      'mutation($i: WorkforceForecastInput!) { saveScenario(name: "blank", input: $i) { id } }',
      { i: { horizonYear: 2029, regionCode: '  ' } },
      'scenario',
    ],
    [
      'workforceForecast',
      'query($i: WorkforceForecastInput!) { workforceForecast(input: $i) { regionCode } }',
      { i: { horizonYear: 2029, regionCode: ' ' } },
      'scenario',
    ],
    ['staffingRatios', 'query { staffingRatios(regionCode: " ") { city { socialWorkers } } }', {}, 'scenario'],
  ])('%s: BAD_USER_INPUT on regionCode, nothing written', async (_op, query, variables, table) => {
    const [rows, audits] = [await count(table), await auditCount(t)];
    const res = await t.gql(query, variables, planner);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0].extensions!.fields).toEqual(['regionCode']);
    expect(await count(table)).toBe(rows);
    expect(await auditCount(t)).toBe(audits);
  });

  it('leaving regionCode out still means the city', async () => {
    const res = await t.gql(
      'mutation($i: SetTargetInput!) { setTarget(input: $i) { regionCode year } }',
      { i: { metric: 'TALENT_HEADCOUNT', year: 2032, value: 100 } },
      planner,
    );
    expect(res.body.data!.setTarget).toEqual({ regionCode: null, year: 2032 });
  });
});

describe('registerEvaluationBody refuses filing dates before 1980', () => {
  const register = (filedFrom: string) =>
    t.gql(
      'mutation($i: RegisterEvaluationBodyInput!) { registerEvaluationBody(input: $i) { id filedFrom } }',
      {
        i: {
          name: `评价机构${filedFrom}`,
          kind: 'INDUSTRY_ASSOCIATION',
          creditCode: creditCode(),
          regionCode: '500101',
          filingNumber: `BA-${filedFrom}-${Math.random().toString(36).slice(2, 8)}`,
          filedFrom,
          filedTo: '2030-12-31',
          certificateKinds: ['NURSING_ASSISTANT_SKILL'],
        },
      },
      planner,
    );

  it('1979-12-31 is BAD_USER_INPUT on filedFrom, writing nothing; 1980-01-01 is filed', async () => {
    const [bodies, audits] = [await count('evaluation_body'), await auditCount(t)];
    const early = await register('1979-12-31');
    expect(codes(early)).toEqual(['BAD_USER_INPUT']);
    expect(early.body.errors![0].extensions!.fields).toEqual(['filedFrom']);
    expect(await count('evaluation_body')).toBe(bodies);
    expect(await auditCount(t)).toBe(audits);
    const first = await register('1980-01-01');
    expect(first.body.data!.registerEvaluationBody.filedFrom).toBe('1980-01-01');
  });
});

describe('an empty batch is BAD_USER_INPUT', () => {
  it.each([
    ['registerStaffBatch', 'mutation { registerStaffBatch(rows: []) { written } }', 'MUNICIPAL_PLANNER'],
    ['submitCertificates', 'mutation { submitCertificates(rows: []) { written } }', 'EVALUATION_BODY'],
    [
      'recordAttendance',
      'mutation { recordAttendance(sessionId: "00000000-0000-4000-8000-000000000000", rows: []) { written } }',
      'EVALUATION_BODY',
    ],
  ] as const)('%s', async (_op, query, role) => {
    const evaluationBodyId = role === 'EVALUATION_BODY' ? await createEvaluationBody(t) : undefined;
    const { token } = await signIn(t, { role, evaluationBodyId });
    const audits = await auditCount(t);
    const res = await t.gql(query, {}, token);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0].extensions!.fields).toEqual(['rows']);
    expect(await auditCount(t)).toBe(audits);
  });
});

describe('sign-in limits per (username, address) and per address; the owner is never locked out', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({
      TRUST_PROXY: '1',
      LOGIN_MAX_FAILURES: '3',
      LOGIN_MAX_FAILURES_PER_CLIENT: '6',
      LOGIN_SLOWDOWN_MAX_MS: '400',
    });
  });
  afterAll(async () => {
    await limited?.close();
  });

  const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }';
  const from = (address: string, u: string, p: string) =>
    limited.gql(LOGIN, { u, p }, undefined, { 'x-forwarded-for': address });

  it('guesses from many addresses slow the username down but never refuse its password from a new address', async () => {
    const target = await createUser(limited, { role: 'ADMIN' });
    for (let a = 1; a <= 8; a++) {
      for (let i = 0; i < 2; i++) {
        expect(codes(await from(`203.0.113.${a}`, target.username, `wrong-${i}`))).toEqual(['UNAUTHENTICATED']);
      }
    }
    const started = performance.now();
    const owner = await from('192.0.2.10', target.username, PASSWORD);
    expect(owner.body.errors).toBeUndefined();
    expect(owner.body.data!.login.accessToken).toEqual(expect.any(String));
    // Slowed down: 16 failures against a limit of 3 wait the longest delay (400 ms here).
    expect(performance.now() - started).toBeGreaterThanOrEqual(350);
  });

  it('an address that failed the username too often is refused, even with the right password; others are not', async () => {
    const target = await createUser(limited, { role: 'ADMIN' });
    for (let i = 0; i < 3; i++) {
      expect(codes(await from('203.0.113.50', target.username, 'wrong'))).toEqual(['UNAUTHENTICATED']);
    }
    expect(codes(await from('203.0.113.50', target.username, PASSWORD))).toEqual(['RATE_LIMITED']);
    expect(codes(await from('192.0.2.50', target.username, PASSWORD))).toEqual([]);
  });

  it('an address that failed too often across usernames is refused for any of them', async () => {
    const users = await Promise.all(Array.from({ length: 4 }, () => createUser(limited, { role: 'VOLUNTEER' })));
    for (const [i, user] of users.slice(0, 3).entries()) {
      for (let k = 0; k < 2; k++) {
        expect(codes(await from('203.0.113.99', user.username, `wrong-${i}-${k}`))).toEqual(['UNAUTHENTICATED']);
      }
    }
    expect(codes(await from('203.0.113.99', users[3].username, PASSWORD))).toEqual(['RATE_LIMITED']);
    expect(codes(await from('192.0.2.99', users[3].username, PASSWORD))).toEqual([]);
  });
});
