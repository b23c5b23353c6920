import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, todayInShanghai } from '../../src/common/dates.js';
import {
  createEvaluationBody,
  createInstitution,
  createUser,
  login,
  registerStaff,
  residentId,
  signInRoles,
  staffInput,
} from '../helpers/factories.js';
import { codes, startTestApp, type TestApp } from '../helpers/test-app.js';

// Issue 13 (first half): correcting an employment (correctEmployment), the admin reading institutions and evaluation
// bodies, NOT_FOUND for every unknown or malformed id in the registry, certification, education and training
// operations, and `valid` on every batch result. End to end through GraphQL on a real database.

const CORRECT = `mutation($id: ID!, $i: CorrectEmploymentInput!, $reason: String!) {
  correctEmployment(id: $id, input: $i, reason: $reason) { id startDate endDate endReason occupation institution { id } }
}`;
const END = `mutation($id: ID!, $endDate: Date!) {
  endEmployment(id: $id, endDate: $endDate, reason: RESIGNED) { id endDate endReason }
}`;
const HEADCOUNT = `query($asOf: Date) { workforceHeadcount(asOf: $asOf, regionCode: "500101") { total } }`;
const STAFF_BATCH = `mutation($rows: [RegisterStaffInput!]!, $dryRun: Boolean) {
  registerStaffBatch(rows: $rows, dryRun: $dryRun) { accepted skipped valid written errors { index field code } }
}`;
const SUBMIT = `mutation($rows: [CertificateInput!]!, $dryRun: Boolean) {
  submitCertificates(rows: $rows, dryRun: $dryRun) { accepted skipped valid written errors { index field code } }
}`;
const ATTEND = `mutation($s: ID!, $rows: [AttendanceInput!]!, $dryRun: Boolean) {
  recordAttendance(sessionId: $s, rows: $rows, dryRun: $dryRun) { accepted skipped valid written errors { index field code } }
}`;
const INSTITUTIONS = `query($filter: InstitutionFilter, $first: Int) {
  institutions(filter: $filter, first: $first) { totalCount edges { node { id name regionCode activeStaffCount } } }
}`;
const INSTITUTION = `query($id: ID!) { institution(id: $id) { id name regionCode type } }`;
const BODIES = `query($first: Int) { evaluationBodies(first: $first) { totalCount edges { node { id regionCode } } } }`;

const today = todayInShanghai();
let serial = 0;
const uniqueName = (prefix: string) => `${prefix}${(++serial).toString(36)}${randomBytes(2).toString('hex')}`;

describe('corrections: employments, admin look-ups, unknown ids, batch validity (issue 13, first half)', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  /** A care home in Wanzhou (500101), with its admin; another in Fuling (500102). */
  let home: string;
  let elsewhere: string;
  let otherDistrict: string;
  let otherAdmin: string;
  let bodyId: string;
  let bodyToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    home = await createInstitution(t, { regionCode: '500101' });
    elsewhere = await createInstitution(t, { regionCode: '500102' });
    tokens = await signInRoles(t, [
      { role: 'MUNICIPAL_PLANNER' },
      { role: 'DISTRICT_PLANNER', regionCode: '500101' },
      { role: 'INSTITUTION_ADMIN', institutionId: home },
      { role: 'ADMIN' },
      { role: 'VOLUNTEER' },
    ]);
    otherDistrict = (await signInRoles(t, [{ role: 'DISTRICT_PLANNER', regionCode: '500102' }])).DISTRICT_PLANNER;
    otherAdmin = (await signInRoles(t, [{ role: 'INSTITUTION_ADMIN', institutionId: elsewhere }])).INSTITUTION_ADMIN;
    bodyId = await createEvaluationBody(t, { regionCode: '500101' });
    bodyToken = await login(t, (await createUser(t, { role: 'EVALUATION_BODY', evaluationBodyId: bodyId })).username);
    tokens.EVALUATION_BODY = bodyToken;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  async function ok<T = any>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
    const res = await t.gql(query, variables, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data as T;
  }

  /** Everything a refused request must leave as it was. */
  const snapshot = async () =>
    (
      await t.db.query(`SELECT (SELECT count(*)::int FROM person) AS persons,
                               (SELECT count(*)::int FROM employment) AS employments,
                               (SELECT count(*)::int FROM certificate) AS certificates,
                               (SELECT count(*)::int FROM attendance) AS attendances,
                               (SELECT count(*)::int FROM institution) AS institutions,
                               (SELECT count(*)::int FROM audit_event) AS audits,
                               (SELECT md5(coalesce(string_agg(id::text || start_date::text || coalesce(end_date::text, '-') ||
                                               coalesce(end_reason::text, '-'), ',' ORDER BY id), ''))
                                  FROM employment) AS employmentDates`)
    ).rows[0];

  async function expectRefused(
    query: string,
    variables: Record<string, unknown>,
    token: string | undefined,
    code: string,
    fields?: string[],
  ) {
    const before = await snapshot();
    const res = await t.gql(query, variables, token);
    expect(codes(res)).toEqual([code]);
    if (fields) expect([...(res.body.errors![0].extensions!.fields ?? [])].sort()).toEqual([...fields].sort());
    expect(res.body.data ?? null).toBeNull();
    expect(await snapshot()).toEqual(before);
    return res;
  }

  const job = async (spec: Parameters<typeof registerStaff>[2] = { institutionId: home }) =>
    registerStaff(t, tokens.MUNICIPAL_PLANNER, spec) as Promise<{ id: string; person: { id: string } } & any>;
  const correct = (id: string, i: Record<string, unknown>, token: string, reason = '离职日期填错') =>
    t.gql(CORRECT, { id, i, reason }, token);

  // ---------------------------------------------------------------------------------------------------------------

  describe('correctEmployment', () => {
    it('corrects a wrong end date, audited with the dates before and after', async () => {
      const employment = await job();
      const wrongEnd = addDays(today, 60);
      await ok(END, { id: employment.id, endDate: wrongEnd }, tokens.INSTITUTION_ADMIN);
      // Until now every later call said the job had already ended on that date.
      expect(
        codes(await t.gql(END, { id: employment.id, endDate: addDays(today, -3) }, tokens.INSTITUTION_ADMIN)),
      ).toEqual(['BAD_USER_INPUT']);

      const before = await snapshot();
      const rightEnd = addDays(today, -3);
      const res = await correct(employment.id, { endDate: rightEnd }, tokens.INSTITUTION_ADMIN, '  离职日期填错 ');
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.correctEmployment).toMatchObject({
        id: employment.id,
        startDate: '2024-01-01',
        endDate: rightEnd,
        endReason: 'RESIGNED',
        institution: { id: home },
      });
      expect(await snapshot()).toMatchObject({ employments: before.employments, audits: before.audits + 1 });
      const { rows } = await t.db.query(
        `SELECT actor_role, record_type, summary FROM audit_event WHERE operation = 'correctEmployment' AND record_id = $1`,
        [employment.id],
      );
      expect(rows).toEqual([
        {
          actor_role: 'INSTITUTION_ADMIN',
          record_type: 'Employment',
          summary: {
            reason: '离职日期填错',
            before: { startDate: '2024-01-01', endDate: wrongEnd, endReason: 'RESIGNED' },
            after: { startDate: '2024-01-01', endDate: rightEnd, endReason: 'RESIGNED' },
          },
        },
      ]);
    });

    it('an explicit null endDate reopens the employment; a start date and an end reason can be corrected', async () => {
      const employment = await job();
      const headcount = async () => (await ok(HEADCOUNT, {}, tokens.MUNICIPAL_PLANNER)).workforceHeadcount.total;
      await ok(END, { id: employment.id, endDate: addDays(today, -10) }, tokens.MUNICIPAL_PLANNER);
      const ended = await headcount();

      const reopened = await correct(employment.id, { endDate: null }, tokens.DISTRICT_PLANNER, '误操作');
      expect(reopened.body.data!.correctEmployment).toMatchObject({ endDate: null, endReason: null });
      expect(await headcount()).toBe(ended + 1);
      // Open again, it can be ended again.
      await ok(END, { id: employment.id, endDate: addDays(today, -1) }, tokens.INSTITUTION_ADMIN);

      const moved = await correct(
        employment.id,
        { startDate: '2023-06-01', endReason: 'CONTRACT_ENDED' },
        tokens.MUNICIPAL_PLANNER,
        '合同到期',
      );
      expect(moved.body.data!.correctEmployment).toMatchObject({
        startDate: '2023-06-01',
        endDate: addDays(today, -1),
        endReason: 'CONTRACT_ENDED',
      });
      // Ending an open one by correction takes an end reason with it.
      const open = await job();
      const ended2 = await correct(open.id, { endDate: today, endReason: 'RETIRED' }, tokens.INSTITUTION_ADMIN);
      expect(ended2.body.data!.correctEmployment).toMatchObject({ endDate: today, endReason: 'RETIRED' });
    });

    it('refuses bad dates and inconsistent end fields, writing nothing', async () => {
      const idNumber = residentId({ birthDate: '2000-05-10' });
      const ended = await job({ institutionId: home, idNumber, startDate: '2020-01-01' });
      await ok(END, { id: ended.id, endDate: '2024-01-01' }, tokens.MUNICIPAL_PLANNER);
      const open = await job({ institutionId: home, startDate: '2022-01-01' });
      const cases: [string, string, Record<string, unknown>, string[], string?][] = [
        ['nothing to correct', ended.id, {}, ['input']],
        ['a blank reason', ended.id, { endReason: 'OTHER' }, ['reason'], '  '],
        ['a future start', open.id, { startDate: addDays(today, 1) }, ['input.startDate']],
        ['a start before 1950', open.id, { startDate: '1949-12-31' }, ['input.startDate']],
        ['a start before the 16th birthday', ended.id, { startDate: '2016-05-09' }, ['input.startDate']],
        ['no start date', open.id, { startDate: null }, ['input.startDate']],
        ['an impossible end date', ended.id, { endDate: '2023-02-30' }, ['input.endDate']],
        ['an end before the start', ended.id, { endDate: '2019-12-31' }, ['input.endDate']],
        ['a start after the end', ended.id, { startDate: '2024-01-02' }, ['input.endDate']],
        ['an end more than a year ahead', ended.id, { endDate: addDays(today, 367) }, ['input.endDate']],
        ['an end without a reason', open.id, { endDate: today }, ['input.endReason']],
        ['an ended job losing its reason', ended.id, { endReason: null }, ['input.endReason']],
        ['a reason on an open job', open.id, { endReason: 'RESIGNED' }, ['input.endReason']],
        ['a reason while reopening', ended.id, { endDate: null, endReason: 'OTHER' }, ['input.endReason']],
        [
          'several at once',
          open.id,
          { startDate: '1900-01-01', endDate: today },
          ['input.startDate', 'input.endReason', 'reason'],
          '',
        ],
      ];
      for (const [label, id, input, fields, reason] of cases) {
        const before = await snapshot();
        const res = await correct(id, input, tokens.MUNICIPAL_PLANNER, reason ?? '更正');
        expect([label, codes(res)]).toEqual([label, ['BAD_USER_INPUT']]);
        expect([label, [...res.body.errors![0].extensions!.fields].sort()]).toEqual([label, [...fields].sort()]);
        expect(await snapshot()).toEqual(before);
      }
      // The boundaries are accepted: a start on the 16th birthday, an end a year ahead.
      expect(
        (await correct(ended.id, { startDate: '2016-05-10' }, tokens.MUNICIPAL_PLANNER)).body.errors,
      ).toBeUndefined();
      expect(
        (await correct(open.id, { endDate: addDays(today, 366), endReason: 'OTHER' }, tokens.MUNICIPAL_PLANNER)).body
          .errors,
      ).toBeUndefined();
    });

    it('refuses dates that would overlap another job in the same occupation there, as registration does', async () => {
      const idNumber = residentId();
      const first = await job({ institutionId: home, idNumber, name: '重叠甲', startDate: '2020-01-01' });
      await ok(END, { id: first.id, endDate: '2022-01-01' }, tokens.MUNICIPAL_PLANNER);
      const second = await job({ institutionId: home, idNumber, name: '重叠甲', startDate: '2023-01-01' });
      // Reopening the first would overlap the second; so would ending it after the second began, or starting the
      // second before the first ended, or on the first's start day.
      await expectRefused(
        CORRECT,
        { id: first.id, i: { endDate: null }, reason: 'x' },
        tokens.MUNICIPAL_PLANNER,
        'CONFLICT',
        ['input.endDate'],
      );
      await expectRefused(
        CORRECT,
        { id: first.id, i: { endDate: '2023-01-02' }, reason: 'x' },
        tokens.MUNICIPAL_PLANNER,
        'CONFLICT',
      );
      await expectRefused(
        CORRECT,
        { id: second.id, i: { startDate: '2021-12-31' }, reason: 'x' },
        tokens.MUNICIPAL_PLANNER,
        'CONFLICT',
        ['input.startDate'],
      );
      await expectRefused(
        CORRECT,
        { id: second.id, i: { startDate: '2020-01-01' }, reason: 'x' },
        tokens.MUNICIPAL_PLANNER,
        'CONFLICT',
      );
      // Touching is not overlapping (the end date is the first day not worked).
      expect(
        (await correct(first.id, { endDate: '2023-01-01' }, tokens.MUNICIPAL_PLANNER)).body.errors,
      ).toBeUndefined();
      expect(
        (await correct(second.id, { startDate: '2023-01-01' }, tokens.MUNICIPAL_PLANNER)).body.errors,
      ).toBeUndefined();
      // Another occupation at the same place, or the same occupation elsewhere, never overlaps.
      const nurse = await job({
        institutionId: home,
        idNumber,
        name: '重叠甲',
        occupation: 'NURSE',
        startDate: '2024-01-01',
      });
      expect(
        (await correct(nurse.id, { startDate: '2021-01-01' }, tokens.MUNICIPAL_PLANNER)).body.errors,
      ).toBeUndefined();
      const away = await job({ institutionId: elsewhere, idNumber, name: '重叠甲', startDate: '2024-01-01' });
      expect(
        (await correct(away.id, { startDate: '2021-01-01' }, tokens.MUNICIPAL_PLANNER)).body.errors,
      ).toBeUndefined();
    });

    it('is for the institution’s admin and planners in scope only; unknown ids are NOT_FOUND', async () => {
      const employment = await job();
      const variables = { id: employment.id, i: { startDate: '2023-01-01' }, reason: '更正' };
      await expectRefused(CORRECT, variables, otherAdmin, 'FORBIDDEN');
      await expectRefused(CORRECT, variables, otherDistrict, 'FORBIDDEN');
      for (const role of ['ADMIN', 'VOLUNTEER', 'EVALUATION_BODY']) {
        await expectRefused(CORRECT, variables, tokens[role], 'FORBIDDEN');
      }
      await expectRefused(CORRECT, variables, undefined, 'UNAUTHENTICATED');
      for (const id of [randomUUID(), 'not-an-id']) {
        await expectRefused(CORRECT, { ...variables, id }, tokens.MUNICIPAL_PLANNER, 'NOT_FOUND');
        await expectRefused(CORRECT, { ...variables, id }, tokens.INSTITUTION_ADMIN, 'NOT_FOUND');
      }
      for (const role of ['INSTITUTION_ADMIN', 'DISTRICT_PLANNER', 'MUNICIPAL_PLANNER']) {
        const res = await correct(employment.id, { startDate: '2023-01-01' }, tokens[role]);
        expect([role, res.body.errors]).toEqual([role, undefined]);
      }
      // A planner of the other district may correct jobs there.
      const there = await job({ institutionId: elsewhere });
      expect((await correct(there.id, { startDate: '2023-01-01' }, otherDistrict)).body.errors).toBeUndefined();
      expect((await correct(there.id, { startDate: '2023-02-01' }, otherAdmin)).body.errors).toBeUndefined();
    });
  });

  // ---------------------------------------------------------------------------------------------------------------

  describe('the admin reads institutions and evaluation bodies (to scope accounts)', () => {
    it('lists and reads every institution and body, in every region', async () => {
      const list = (await ok(INSTITUTIONS, { first: 100 }, tokens.ADMIN)).institutions;
      const ids = list.edges.map((e: any) => e.node.id);
      expect(ids).toEqual(expect.arrayContaining([home, elsewhere]));
      const { rows } = await t.db.query('SELECT count(*)::int AS n FROM institution');
      expect(list.totalCount).toBe(rows[0].n);
      expect((await ok(INSTITUTIONS, { filter: { regionCode: '500102' } }, tokens.ADMIN)).institutions.edges).toEqual(
        expect.arrayContaining([expect.objectContaining({ node: expect.objectContaining({ id: elsewhere }) })]),
      );
      expect((await ok(INSTITUTION, { id: elsewhere }, tokens.ADMIN)).institution).toMatchObject({
        id: elsewhere,
        regionCode: '500102',
      });
      const bodyThere = await createEvaluationBody(t, { regionCode: '500102' });
      const bodies = (await ok(BODIES, { first: 100 }, tokens.ADMIN)).evaluationBodies;
      expect(bodies.edges.map((e: any) => e.node.id)).toContain(bodyThere);
      const count = await t.db.query('SELECT count(*)::int AS n FROM evaluation_body');
      expect(bodies.totalCount).toBe(count.rows[0].n);
    });

    it('still reads no staff, and the other roles keep their scopes', async () => {
      await expectRefused('{ people { totalCount } }', {}, tokens.ADMIN, 'FORBIDDEN');
      await expectRefused(INSTITUTION, { id: randomUUID() }, tokens.ADMIN, 'NOT_FOUND');
      await expectRefused(INSTITUTION, { id: 'nope' }, tokens.ADMIN, 'NOT_FOUND');
      await expectRefused(INSTITUTIONS, {}, tokens.VOLUNTEER, 'FORBIDDEN');
      await expectRefused(BODIES, {}, tokens.VOLUNTEER, 'FORBIDDEN');
      await expectRefused(BODIES, {}, tokens.INSTITUTION_ADMIN, 'FORBIDDEN');
      const district = (await ok(INSTITUTIONS, { first: 100 }, tokens.DISTRICT_PLANNER)).institutions.edges;
      expect(district.map((e: any) => e.node.regionCode)).not.toContain('500102');
      await expectRefused(INSTITUTION, { id: elsewhere }, tokens.DISTRICT_PLANNER, 'FORBIDDEN');
    });
  });

  // ---------------------------------------------------------------------------------------------------------------

  describe('an id that is malformed or names nothing is NOT_FOUND', () => {
    it('in every operation of the registry, certification and training that takes one', async () => {
      const operations: [string, string, (id: string) => Record<string, unknown>, string][] = [
        ['person', 'query($id: ID!) { person(id: $id) { id } }', (id) => ({ id }), tokens.MUNICIPAL_PLANNER],
        ['institution', INSTITUTION, (id) => ({ id }), tokens.MUNICIPAL_PLANNER],
        [
          'updateInstitution',
          'mutation($id: ID!) { updateInstitution(id: $id, input: { beds: 10 }) { id } }',
          (id) => ({ id }),
          tokens.MUNICIPAL_PLANNER,
        ],
        ['endEmployment', END, (id) => ({ id, endDate: today }), tokens.MUNICIPAL_PLANNER],
        [
          'correctPerson',
          'mutation($id: ID!) { correctPerson(id: $id, input: { name: "甲" }, reason: "x") { id } }',
          (id) => ({ id }),
          tokens.MUNICIPAL_PLANNER,
        ],
        [
          'registerStaff',
          'mutation($i: RegisterStaffInput!) { registerStaff(input: $i) { id } }',
          (id) => ({ i: staffInput({ institutionId: id }) }),
          tokens.MUNICIPAL_PLANNER,
        ],
        [
          'registerStaff (with other bad fields)',
          'mutation($i: RegisterStaffInput!) { registerStaff(input: $i) { id } }',
          (id) => ({ i: { ...staffInput({ institutionId: id }), name: ' ', startDate: 'x' } }),
          tokens.MUNICIPAL_PLANNER,
        ],
        [
          'people (institutionId filter)',
          'query($id: ID) { people(filter: { institutionId: $id }) { totalCount } }',
          (id) => ({ id }),
          tokens.MUNICIPAL_PLANNER,
        ],
        [
          'people (institutionId filter, district planner)',
          'query($id: ID) { people(filter: { institutionId: $id }) { totalCount } }',
          (id) => ({ id }),
          tokens.DISTRICT_PLANNER,
        ],
        [
          'people (institutionId filter, institution admin)',
          'query($id: ID) { people(filter: { institutionId: $id }) { totalCount } }',
          (id) => ({ id }),
          tokens.INSTITUTION_ADMIN,
        ],
        [
          'revokeCertificate',
          'mutation($id: ID!) { revokeCertificate(id: $id, reason: "x") { id } }',
          (id) => ({ id }),
          tokens.MUNICIPAL_PLANNER,
        ],
        [
          'recordExternalCertificate',
          `mutation($id: ID!) { recordExternalCertificate(input: { personId: $id, kind: SOCIAL_WORK, level: 3,
             certificateNumber: "SW-NF-1", issuerName: "人社部", issuedOn: "2024-01-01" }) { id } }`,
          (id) => ({ id }),
          tokens.INSTITUTION_ADMIN,
        ],
        [
          'recordAttendance',
          'mutation($id: ID!) { recordAttendance(sessionId: $id, rows: [{ idNumber: "x", name: "y", completed: true }]) { valid } }',
          (id) => ({ id }),
          bodyToken,
        ],
      ];
      for (const [label, query, variables, token] of operations) {
        for (const id of [randomUUID(), 'not-an-id', '']) {
          const before = await snapshot();
          const res = await t.gql(query, variables(id), token);
          expect([label, id, codes(res)]).toEqual([label, id, ['NOT_FOUND']]);
          expect(await snapshot()).toEqual(before);
        }
      }
    });

    it('a known id outside the caller’s scope stays FORBIDDEN', async () => {
      await expectRefused(
        'query($id: ID) { people(filter: { institutionId: $id }) { totalCount } }',
        { id: elsewhere },
        tokens.INSTITUTION_ADMIN,
        'FORBIDDEN',
      );
      const stranger = await job({ institutionId: elsewhere });
      await expectRefused(
        `mutation($id: ID!) { recordExternalCertificate(input: { personId: $id, kind: SOCIAL_WORK, level: 3,
           certificateNumber: "SW-FB-1", issuerName: "人社部", issuedOn: "2024-01-01" }) { id } }`,
        { id: stranger.person.id },
        tokens.INSTITUTION_ADMIN,
        'FORBIDDEN',
      );
      await expectRefused(
        'mutation($i: RegisterStaffInput!) { registerStaff(input: $i) { id } }',
        { i: staffInput({ institutionId: elsewhere }) },
        tokens.INSTITUTION_ADMIN,
        'FORBIDDEN',
      );
    });

    it('a batch row naming an unknown or malformed institution is row data with code NOT_FOUND', async () => {
      const before = await snapshot();
      const result = (
        await ok(
          STAFF_BATCH,
          {
            rows: [
              staffInput({ institutionId: home }),
              staffInput({ institutionId: randomUUID() }),
              staffInput({ institutionId: 'bad' }),
              staffInput({ institutionId: '' }),
            ],
          },
          tokens.MUNICIPAL_PLANNER,
        )
      ).registerStaffBatch;
      expect(result).toEqual({
        accepted: 0,
        skipped: 0,
        valid: 1,
        written: false,
        errors: [
          { index: 1, field: 'institutionId', code: 'NOT_FOUND' },
          { index: 2, field: 'institutionId', code: 'NOT_FOUND' },
          { index: 3, field: 'institutionId', code: 'NOT_FOUND' },
        ],
      });
      expect(await snapshot()).toEqual(before);
    });
  });

  // ---------------------------------------------------------------------------------------------------------------

  describe('batch results count the valid rows', () => {
    it('registerStaffBatch: a dry run of 5 good rows and 6 bad ones says 5; a row with two errors counts once', async () => {
      const good = Array.from({ length: 5 }, () => staffInput({ institutionId: home }));
      const bad = [
        staffInput({ institutionId: home, idNumber: '123' }),
        staffInput({ institutionId: home, name: ' ', startDate: 'x' }),
        staffInput({ institutionId: randomUUID() }),
        staffInput({ institutionId: elsewhere }),
        staffInput({ institutionId: home, startDate: addDays(today, 5) }),
        staffInput({ institutionId: home, phone: '12' }),
      ];
      const before = await snapshot();
      const dry = (await ok(STAFF_BATCH, { rows: [...good, ...bad], dryRun: true }, tokens.INSTITUTION_ADMIN))
        .registerStaffBatch;
      expect(dry).toMatchObject({ accepted: 0, skipped: 0, valid: 5, written: false });
      expect(new Set(dry.errors.map((e: any) => e.index))).toEqual(new Set([5, 6, 7, 8, 9, 10]));
      expect(dry.errors.length).toBeGreaterThan(6);
      expect(await snapshot()).toEqual(before);
      expect(
        (await ok(STAFF_BATCH, { rows: good, dryRun: true }, tokens.INSTITUTION_ADMIN)).registerStaffBatch,
      ).toEqual({
        accepted: 5,
        skipped: 0,
        valid: 5,
        written: false,
        errors: [],
      });
      expect((await ok(STAFF_BATCH, { rows: good }, tokens.INSTITUTION_ADMIN)).registerStaffBatch).toMatchObject({
        accepted: 5,
        valid: 5,
        written: true,
      });
      // Retried: every row skipped, and still valid.
      expect((await ok(STAFF_BATCH, { rows: good }, tokens.INSTITUTION_ADMIN)).registerStaffBatch).toMatchObject({
        accepted: 0,
        skipped: 5,
        valid: 5,
        written: true,
      });
    });

    it('submitCertificates and recordAttendance say the same', async () => {
      const cert = (over: Record<string, unknown> = {}) => ({
        idNumber: residentId(),
        name: uniqueName('持证'),
        kind: 'NURSING_ASSISTANT_SKILL',
        level: 4,
        certificateNumber: `VC-${randomBytes(4).toString('hex')}`,
        issuedOn: '2024-03-01',
        ...over,
      });
      const good = [cert(), cert(), cert()];
      const rows = [...good, cert({ level: 9 }), cert({ idNumber: 'x', issuedOn: 'y' })];
      expect((await ok(SUBMIT, { rows, dryRun: true }, bodyToken)).submitCertificates).toMatchObject({
        accepted: 0,
        valid: 3,
        written: false,
      });
      expect((await ok(SUBMIT, { rows: good }, bodyToken)).submitCertificates).toMatchObject({
        accepted: 3,
        valid: 3,
        written: true,
      });

      const session = await t.db.query(
        `INSERT INTO training_session (provider_id, title, audience, region_code, start_date, end_date, hours, capacity)
         VALUES ($1, '护理培训', 'CAREGIVER', '500101', '2025-01-01', '2025-01-02', 8, 10) RETURNING id`,
        [bodyId],
      );
      const attendee = () => ({ idNumber: residentId(), name: uniqueName('学员'), completed: true });
      const attendance = [attendee(), attendee(), { idNumber: '1', name: '', completed: true }];
      expect(
        (await ok(ATTEND, { s: session.rows[0].id, rows: attendance, dryRun: true }, bodyToken)).recordAttendance,
      ).toMatchObject({
        accepted: 0,
        valid: 2,
        written: false,
      });
      expect(
        (await ok(ATTEND, { s: session.rows[0].id, rows: attendance.slice(0, 2) }, bodyToken)).recordAttendance,
      ).toEqual({
        accepted: 2,
        skipped: 0,
        valid: 2,
        written: true,
        errors: [],
      });
    });
  });
});
