import { randomBytes, randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { addDays, todayInShanghai } from '../../src/common/dates.js';
import { PiiCipher } from '../../src/common/pii.js';
import { isValidResidentId } from '../../src/common/validation/resident-id.js';
import { loadConfig } from '../../src/config/config.js';
import {
  createInstitution,
  createUser,
  creditCode,
  login,
  registerStaff,
  residentId,
  type ResidentIdSpec,
  signIn,
  signInRoles,
} from '../helpers/factories.js';
import {
  codes,
  type GraphQLResponse,
  startTestApp,
  TEST_JWT_SECRET,
  TEST_PII_KEY,
  type TestApp,
} from '../helpers/test-app.js';

// Issue 4, parts 1-6, end to end through GraphQL on a real database: evaluation bodies, certificate batches,
// revocation, external certificates, public verification, certificates on persons, the people filters and the skill
// profile. Every response body, log line and audit summary of this file is searched for full ID numbers.

// ---------------------------------------------------------------------------------------------------------------
// GraphQL documents

const BODY_FIELDS = 'id name kind creditCode regionCode filingNumber filedFrom filedTo certificateKinds mayTrain';
const REGISTER_BODY = `mutation($i: RegisterEvaluationBodyInput!) { registerEvaluationBody(input: $i) { ${BODY_FIELDS} } }`;
const BODIES = `query($filter: EvaluationBodyFilter, $first: Int, $after: String) {
  evaluationBodies(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { ${BODY_FIELDS} } } pageInfo { hasNextPage endCursor }
  }
}`;
const SUBMIT = `mutation($rows: [CertificateInput!]!, $dryRun: Boolean) {
  submitCertificates(rows: $rows, dryRun: $dryRun) { accepted skipped written errors { index field code message } }
}`;
const CERT_FIELDS =
  'id kind level levelName profession certificateNumber issuedOn expiresOn status revokedOn issuerName external';
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeCertificate(id: $id, reason: $reason) { ${CERT_FIELDS} } }`;
const EXTERNAL = `mutation($i: RecordExternalCertificateInput!) {
  recordExternalCertificate(input: $i) { ${CERT_FIELDS} }
}`;
const VERIFY = `query($n: String!, $m: String!) {
  verifyCertificate(certificateNumber: $n, name: $m) {
    matched status kind level levelName issuingBodyName issuedOn holderNameMasked
  }
}`;
const PERSON_CERTS = `query($id: ID!, $asOf: Date) {
  person(id: $id) { id name certificates { ${CERT_FIELDS} statusOn: status(asOf: $asOf) } }
}`;
const PEOPLE = `query($filter: PeopleFilter, $first: Int) {
  people(filter: $filter, first: $first) { totalCount edges { node { id name } } }
}`;
const PEOPLE_WITH_CERTS = `query($filter: PeopleFilter) {
  people(filter: $filter, first: 100) { totalCount edges { node { id certificates { certificateNumber issuerName } } } }
}`;
const PROFILE = `query($asOf: Date, $regionCode: String) {
  skillProfile(asOf: $asOf, regionCode: $regionCode) {
    asOf regionCode caregivers caregiversBySkillLevel { level levelName count } uncertifiedCaregivers
    socialWorkers certifiedSocialWorkers
  }
}`;
const END_EMPLOYMENT = `mutation($id: ID!, $endDate: Date!, $reason: EndReason!) {
  endEmployment(id: $id, endDate: $endDate, reason: $reason) { id endDate }
}`;

// ---------------------------------------------------------------------------------------------------------------
// Data helpers

const today = todayInShanghai();
const yesterday = addDays(today, -1);
const tomorrow = addDays(today, 1);

let serial = 0;
const next = () => (++serial).toString(36).toUpperCase();
/** A name no other test of this file uses. */
const uniqueName = (prefix: string) => `${prefix}${next().toLowerCase()}${randomInt(1000, 9999)}`;
/** A certificate number no other test uses (letters, digits and dashes, upper case). */
const certNo = (prefix = 'NA') => `${prefix}-${next()}-${randomBytes(3).toString('hex').toUpperCase()}`;
/** The same ID number with a wrong check character. */
const withWrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

const SKILL_NAMES: Record<number, string> = {
  5: '五级/初级工',
  4: '四级/中级工',
  3: '三级/高级工',
  2: '二级/技师',
  1: '一级/高级技师',
};

interface RowErrorShape {
  index: number;
  field: string | null;
  code: string;
  message?: string;
}
interface BatchResultShape {
  accepted: number;
  skipped: number;
  written: boolean;
  errors: RowErrorShape[];
}
interface Body {
  id: string;
  name: string;
  kind: string;
  creditCode: string;
  regionCode: string;
  filingNumber: string;
  filedFrom: string;
  filedTo: string;
  certificateKinds: string[];
  mayTrain: boolean;
}
interface Staff {
  employmentId: string;
  personId: string;
  idNumber: string;
  name: string;
}
interface Profile {
  asOf: string;
  regionCode: string | null;
  caregivers: number;
  caregiversBySkillLevel: { level: number; levelName: string; count: number }[];
  uncertifiedCaregivers: number;
  socialWorkers: number;
  certifiedSocialWorkers: number;
}

/** A certificate row with defaults: a fresh holder, NURSING_ASSISTANT_SKILL level 3 issued 2024-06-01. */
function certRow(spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idNumber: residentId(),
    name: uniqueName('持证人'),
    kind: 'NURSING_ASSISTANT_SKILL',
    level: 3,
    profession: null,
    certificateNumber: certNo(),
    issuedOn: '2024-06-01',
    expiresOn: null,
    ...spec,
  };
}

/** A row for a person already known to the test. */
const certFor = (p: { idNumber: string; name: string }, spec: Record<string, unknown> = {}) =>
  certRow({ idNumber: p.idNumber, name: p.name, ...spec });

/** A profile in a compact form: totals and the count at each level. */
const shape = (p: Profile) => ({
  caregivers: p.caregivers,
  L5: p.caregiversBySkillLevel.find((l) => l.level === 5)!.count,
  L4: p.caregiversBySkillLevel.find((l) => l.level === 4)!.count,
  L3: p.caregiversBySkillLevel.find((l) => l.level === 3)!.count,
  L2: p.caregiversBySkillLevel.find((l) => l.level === 2)!.count,
  L1: p.caregiversBySkillLevel.find((l) => l.level === 1)!.count,
  uncertified: p.uncertifiedCaregivers,
  socialWorkers: p.socialWorkers,
  certified: p.certifiedSocialWorkers,
});
const zeroShape = { caregivers: 0, L5: 0, L4: 0, L3: 0, L2: 0, L1: 0, uncertified: 0, socialWorkers: 0, certified: 0 };
const minus = (a: ReturnType<typeof shape>, b: ReturnType<typeof shape>) =>
  Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - b[k as keyof typeof b]]));

/** Anything that looks like a full resident ID number: 17 digits and a check character, not inside a longer run. */
const ID_LIKE = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g;

// ---------------------------------------------------------------------------------------------------------------

describe('certification (issue 4, parts 1-6)', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  /** The body most tests issue through: filed 2020-01-01..2030-12-31 for every kind but CAPABILITY_ASSESSOR. */
  let college: { body: Body; token: string };
  let pii: PiiCipher;

  /** Every ID number this file sent (upper case), valid or not. */
  const secrets = new Set<string>();
  /** Response bodies (JSON text) not yet searched. */
  const unchecked: string[] = [];
  let logsChecked = 0;
  let auditChecked = '0';

  beforeAll(async () => {
    // Verification is rate-limited per client, and every request of this file comes from one client; the limit
    // itself is tested on an app of its own below.
    t = await startTestApp({ VERIFY_RATE_LIMIT: '1000000' });
    pii = t.portal.app.get(PiiCipher);
    tokens = await signInRoles(t, [
      { role: 'MUNICIPAL_PLANNER' },
      { role: 'DISTRICT_PLANNER', regionCode: '500102' },
      { role: 'ADMIN' },
      { role: 'VOLUNTEER' },
    ]);
    college = await newBody({
      name: uniqueName('重庆城市管理职业学院'),
      kind: 'VOCATIONAL_COLLEGE',
      certificateKinds: ['NURSING_ASSISTANT_SKILL', 'SOCIAL_WORK', 'PROFESSIONAL_LICENSE'],
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  // Every test: no full ID number in any response body it got, in any log line written meanwhile, or in any audit
  // summary stored meanwhile.
  afterEach(async () => {
    const leaks: string[] = [];
    const search = (text: string, where: string) => {
      for (const m of text.matchAll(ID_LIKE)) {
        const candidate = m[0].toUpperCase();
        if (secrets.has(candidate) || isValidResidentId(candidate)) leaks.push(`${candidate} in ${where}`);
      }
    };
    for (const body of unchecked.splice(0)) search(body, `response ${body.slice(0, 200)}`);
    for (const line of t.logs.slice(logsChecked)) search(line, `log ${line.slice(0, 200)}`);
    logsChecked = t.logs.length;
    const audits = await t.db.query('SELECT id::text, summary::text FROM audit_event WHERE id > $1 ORDER BY id', [
      auditChecked,
    ]);
    for (const row of audits.rows) search(row.summary, `audit summary ${row.summary.slice(0, 200)}`);
    if (audits.rows.length) auditChecked = audits.rows.at(-1).id;
    expect(leaks).toEqual([]);
  });

  const remember = (id: unknown) => {
    if (typeof id === 'string' && id.trim().length >= 15) secrets.add(id.trim().toUpperCase());
  };

  /** t.gql, keeping the raw body for the ID-number search. */
  async function gql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>> {
    const res = await t.gql<T>(query, variables, token, headers);
    unchecked.push(JSON.stringify(res.body));
    return res;
  }

  /** The data of a response that must have no errors. */
  async function ok<T = any>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
    const res = await gql(query, variables, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data as T;
  }

  const counts = async () =>
    (
      await t.db.query(`SELECT (SELECT count(*)::int FROM certificate) AS certificates,
                               (SELECT count(*)::int FROM certificate WHERE revoked_on IS NOT NULL) AS revoked,
                               (SELECT count(*)::int FROM person) AS persons,
                               (SELECT count(*)::int FROM evaluation_body) AS bodies,
                               (SELECT count(*)::int FROM audit_event) AS audits`)
    ).rows[0] as { certificates: number; revoked: number; persons: number; bodies: number; audits: number };

  /** Sends a request that must be refused with `code` (and exactly `fields`), and checks it wrote nothing. */
  async function expectRefused(
    query: string,
    variables: Record<string, unknown>,
    token: string | undefined,
    code: string,
    fields?: string[],
  ) {
    const before = await counts();
    const res = await gql(query, variables, token);
    expect(codes(res)).toEqual([code]);
    if (fields) expect([...(res.body.errors![0].extensions!.fields ?? [])].sort()).toEqual([...fields].sort());
    expect(res.body.data ?? null).toBeNull();
    expect(await counts()).toEqual(before);
    return res;
  }

  // ---- bodies, accounts, staff, certificates ----

  function bodyInput(spec: Partial<Body> = {}): Record<string, unknown> {
    const regionCode = spec.regionCode ?? '500101';
    return {
      name: uniqueName('养老技能评价机构'),
      kind: 'VOCATIONAL_COLLEGE',
      creditCode: creditCode(/^\d{6}$/.test(regionCode) ? regionCode : '500101'),
      regionCode,
      filingNumber: `YLPJ-${next()}-${randomBytes(3).toString('hex')}`,
      filedFrom: '2020-01-01',
      filedTo: '2030-12-31',
      certificateKinds: ['NURSING_ASSISTANT_SKILL', 'SOCIAL_WORK'],
      mayTrain: true,
      ...spec,
    };
  }

  /** Files a body through the API (as a municipal planner) and signs in an EVALUATION_BODY account for it. */
  async function newBody(spec: Partial<Body> = {}): Promise<{ body: Body; token: string }> {
    const input = bodyInput(spec);
    const res = await gql<{ registerEvaluationBody: Body }>(REGISTER_BODY, { i: input }, tokens.MUNICIPAL_PLANNER);
    const body = res.body.data?.registerEvaluationBody;
    if (!body) throw new Error(`registerEvaluationBody failed: ${JSON.stringify(res.body.errors)}`);
    const user = await createUser(t, { role: 'EVALUATION_BODY', evaluationBodyId: body.id });
    return { body, token: await login(t, user.username) };
  }

  async function submitRaw(rows: Record<string, unknown>[], token: string, dryRun?: boolean) {
    rows.forEach((r) => remember(r.idNumber));
    return gql<{ submitCertificates: BatchResultShape }>(SUBMIT, { rows, dryRun }, token);
  }

  async function submit(rows: Record<string, unknown>[], token = college.token, dryRun?: boolean) {
    const res = await submitRaw(rows, token, dryRun);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.submitCertificates;
  }

  /** The stored certificate of a kind and number (normalised), straight from the table. */
  async function certificateRow(kind: string, number: string) {
    const { rows } = await t.db.query(
      `SELECT id, person_id, kind, level, profession, certificate_number, issuing_body_id, issuer_name, external,
              recorded_by_institution_id, issued_on::text, expires_on::text, revoked_on::text, revocation_reason
         FROM certificate WHERE kind = $1 AND certificate_number = $2`,
      [kind, number.trim().toUpperCase()],
    );
    return rows[0];
  }

  /** Submits rows that must all be written; returns the stored certificate ids in row order. */
  async function issue(rows: Record<string, unknown>[], token = college.token): Promise<string[]> {
    const result = await submit(rows, token);
    expect(result).toEqual({ accepted: rows.length, skipped: 0, written: true, errors: [] });
    const ids: string[] = [];
    for (const r of rows) ids.push((await certificateRow(r.kind as string, r.certificateNumber as string)).id);
    return ids;
  }

  /** The stored person with this ID number, found by its look-up hash. */
  async function personByIdNumber(idNumber: string) {
    const { rows } = await t.db.query(
      `SELECT id, name, sex, birth_date::text AS birth_date, id_number_masked FROM person WHERE id_number_hash = $1`,
      [pii.lookupHash(idNumber)],
    );
    return rows[0];
  }

  /** Registers a staff member (as a municipal planner) at an institution. */
  async function hire(
    institutionId: string,
    occupation: string,
    spec: { startDate?: string; idNumber?: string; name?: string; id?: ResidentIdSpec } = {},
  ): Promise<Staff> {
    const idNumber = spec.idNumber ?? residentId(spec.id);
    const name = spec.name ?? uniqueName('员工');
    remember(idNumber);
    const employment = await registerStaff(t, tokens.MUNICIPAL_PLANNER, {
      institutionId,
      idNumber,
      name,
      occupation,
      startDate: spec.startDate ?? '2020-01-01',
    });
    return { employmentId: employment.id, personId: employment.person.id, idNumber, name };
  }

  async function recordExternal(token: string, input: Record<string, unknown>) {
    const data = await ok<{ recordExternalCertificate: any }>(EXTERNAL, { i: input }, token);
    return data.recordExternalCertificate;
  }

  async function revoke(id: string, token: string, reason = '证书信息有误') {
    const data = await ok<{ revokeCertificate: any }>(REVOKE, { id, reason }, token);
    return data.revokeCertificate;
  }

  async function personCertificates(personId: string, token = tokens.MUNICIPAL_PLANNER, asOf?: string) {
    const data = await ok<{ person: { certificates: any[] } }>(PERSON_CERTS, { id: personId, asOf }, token);
    return data.person.certificates;
  }

  async function profile(vars: { asOf?: string; regionCode?: string }, token = tokens.MUNICIPAL_PLANNER) {
    const data = await ok<{ skillProfile: Profile }>(PROFILE, vars, token);
    return data.skillProfile;
  }

  /** The ids of the people a filter finds (all on one page), with the total. */
  async function people(filter: Record<string, unknown>, token = tokens.MUNICIPAL_PLANNER) {
    const data = await ok<{ people: { totalCount: number; edges: { node: { id: string } }[] } }>(
      PEOPLE,
      { filter, first: 100 },
      token,
    );
    expect(data.people.edges.length).toBe(data.people.totalCount);
    return data.people.edges.map((e) => e.node.id).sort();
  }

  async function verify(certificateNumber: string, name: string, token?: string) {
    const res = await gql<{ verifyCertificate: any }>(VERIFY, { n: certificateNumber, m: name }, token);
    expect(res.body.errors).toBeUndefined();
    return res;
  }

  // =============================================================================================================
  describe('registerEvaluationBody', () => {
    it('files a body for a municipal planner: trimmed, credit code upper-cased, kinds de-duplicated, audited', async () => {
      const before = await counts();
      const code = creditCode('500103');
      const input = bodyInput({
        name: '  重庆护理职业学院  ',
        kind: 'TECHNICAL_SCHOOL',
        creditCode: ` ${code.toLowerCase()} `,
        regionCode: '500103',
        filingNumber: '  渝人社评备-2023-017 ',
        filedFrom: '2023-03-01',
        filedTo: '2028-02-29',
        certificateKinds: ['NURSING_ASSISTANT_SKILL', 'CAPABILITY_ASSESSOR', 'NURSING_ASSISTANT_SKILL'],
      });
      delete input.mayTrain;
      // TypeORM reads the defaulted enum-array column back as text after the insert; the answer must be the list.
      const body = (await ok(REGISTER_BODY, { i: input }, tokens.MUNICIPAL_PLANNER)).registerEvaluationBody;
      expect(body).toEqual({
        id: expect.any(String),
        name: '重庆护理职业学院',
        kind: 'TECHNICAL_SCHOOL',
        creditCode: code,
        regionCode: '500103',
        filingNumber: '渝人社评备-2023-017',
        filedFrom: '2023-03-01',
        filedTo: '2028-02-29',
        certificateKinds: ['NURSING_ASSISTANT_SKILL', 'CAPABILITY_ASSESSOR'],
        mayTrain: false,
      });
      expect(await counts()).toEqual({ ...before, bodies: before.bodies + 1, audits: before.audits + 1 });
      const audit = await t.db.query(
        `SELECT operation, record_type, actor_role, summary FROM audit_event WHERE record_id = $1`,
        [body.id],
      );
      expect(audit.rows).toEqual([
        {
          operation: 'registerEvaluationBody',
          record_type: 'EvaluationBody',
          actor_role: 'MUNICIPAL_PLANNER',
          summary: { after: expect.objectContaining({ creditCode: code, filingNumber: '渝人社评备-2023-017' }) },
        },
      ]);

      // A one-day filing (filedTo = filedFrom) is a valid period.
      const oneDay = (
        await ok(
          REGISTER_BODY,
          { i: bodyInput({ filedFrom: '2025-01-01', filedTo: '2025-01-01' }) },
          tokens.MUNICIPAL_PLANNER,
        )
      ).registerEvaluationBody;
      expect(oneDay).toMatchObject({ filedFrom: '2025-01-01', filedTo: '2025-01-01', mayTrain: true });
    });

    it('is for municipal planners only: other roles FORBIDDEN, anonymous UNAUTHENTICATED, nothing written', async () => {
      const institutionId = await createInstitution(t);
      const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId });
      for (const token of [tokens.DISTRICT_PLANNER, tokens.ADMIN, tokens.VOLUNTEER, admin.token, college.token]) {
        await expectRefused(REGISTER_BODY, { i: bodyInput() }, token, 'FORBIDDEN');
      }
      await expectRefused(REGISTER_BODY, { i: bodyInput() }, undefined, 'UNAUTHENTICATED');
    });

    it('reports every bad field at once (BAD_USER_INPUT) and writes nothing', async () => {
      const good = creditCode();
      const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      await expectRefused(
        REGISTER_BODY,
        {
          i: bodyInput({
            name: '   ',
            creditCode: badCheck,
            regionCode: 'Z01', // a functional zone, not a district or county
            filingNumber: '  ',
            filedFrom: '2025-01-01',
            filedTo: '2024-12-31',
          }),
        },
        tokens.MUNICIPAL_PLANNER,
        'BAD_USER_INPUT',
        ['name', 'creditCode', 'regionCode', 'filingNumber', 'filedTo'],
      );
      const single: [Partial<Body>, string][] = [
        [{ name: '院'.repeat(201) }, 'name'],
        [{ creditCode: 'ABC' }, 'creditCode'],
        [{ regionCode: '999999' }, 'regionCode'],
        [{ regionCode: '500000' }, 'regionCode'],
        [{ filingNumber: 'F'.repeat(51) }, 'filingNumber'],
        [{ filedFrom: '2026-01-02', filedTo: '2026-01-01' }, 'filedTo'],
      ];
      for (const [spec, field] of single) {
        await expectRefused(REGISTER_BODY, { i: bodyInput(spec) }, tokens.MUNICIPAL_PLANNER, 'BAD_USER_INPUT', [field]);
      }
      // Values GraphQL itself refuses: a date that is not a calendar date, an unknown enum value.
      await expectRefused(
        REGISTER_BODY,
        { i: bodyInput({ filedFrom: '2025-02-30' }) },
        tokens.MUNICIPAL_PLANNER,
        'BAD_USER_INPUT',
      );
      await expectRefused(
        REGISTER_BODY,
        { i: bodyInput({ kind: 'UNIVERSITY' }) },
        tokens.MUNICIPAL_PLANNER,
        'BAD_USER_INPUT',
      );
      await expectRefused(
        REGISTER_BODY,
        { i: bodyInput({ certificateKinds: ['NURSING_ASSISTANT_SKILL', 'DRIVING_LICENCE'] }) },
        tokens.MUNICIPAL_PLANNER,
        'BAD_USER_INPUT',
      );
    });

    it('refuses a credit code or a filing number already filed with CONFLICT, writing nothing', async () => {
      const first = (await newBody()).body;
      await expectRefused(
        REGISTER_BODY,
        { i: bodyInput({ creditCode: first.creditCode.toLowerCase() }) },
        tokens.MUNICIPAL_PLANNER,
        'CONFLICT',
        ['creditCode'],
      );
      await expectRefused(
        REGISTER_BODY,
        { i: bodyInput({ filingNumber: `  ${first.filingNumber} ` }) },
        tokens.MUNICIPAL_PLANNER,
        'CONFLICT',
        ['filingNumber'],
      );
    });
  });

  // =============================================================================================================
  describe('evaluationBodies', () => {
    const list = async (filter: Record<string, unknown> | undefined, token: string, first = 100, after?: string) =>
      (await ok(BODIES, { filter, first, after }, token)).evaluationBodies as {
        totalCount: number;
        edges: { cursor: string; node: Body }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    const ids = (c: { edges: { node: Body }[] }) => c.edges.map((e) => e.node.id).sort();

    it('shows planners (municipal and district) every body, filtered by region, kind and certificate kind, paged', async () => {
      // Regions 500104 and 500105 hold the bodies of this test only.
      const a = (
        await newBody({ regionCode: '500104', kind: 'TECHNICAL_SCHOOL', certificateKinds: ['CAPABILITY_ASSESSOR'] })
      ).body;
      const b = (
        await newBody({
          regionCode: '500104',
          kind: 'INDUSTRY_ASSOCIATION',
          certificateKinds: ['NURSING_ASSISTANT_SKILL'],
        })
      ).body;
      const c = (
        await newBody({
          regionCode: '500105',
          kind: 'TECHNICAL_SCHOOL',
          certificateKinds: ['NURSING_ASSISTANT_SKILL', 'SOCIAL_WORK'],
        })
      ).body;

      // A district planner (500102) reads the bodies of its region only, and is refused another region's.
      const own = (await newBody({ regionCode: '500102' })).body;
      const district = await list(undefined, tokens.DISTRICT_PLANNER);
      expect(ids(district)).toContain(own.id);
      expect(district.edges.every((e) => e.node.regionCode === '500102')).toBe(true);
      const refused = await gql(BODIES, { filter: { regionCode: '500104' } }, tokens.DISTRICT_PLANNER);
      expect(codes(refused)).toEqual(['FORBIDDEN']);

      for (const token of [tokens.MUNICIPAL_PLANNER]) {
        const all = await list(undefined, token);
        expect(all.totalCount).toBe((await t.db.query('SELECT count(*)::int AS n FROM evaluation_body')).rows[0].n);
        expect(ids(all)).toEqual(expect.arrayContaining([a.id, b.id, c.id, college.body.id]));
        expect(ids(await list({ regionCode: '500104' }, token))).toEqual([a.id, b.id].sort());
        expect(ids(await list({ regionCode: '500104', kind: 'TECHNICAL_SCHOOL' }, token))).toEqual([a.id]);
        expect(ids(await list({ regionCode: '500104', certificateKind: 'NURSING_ASSISTANT_SKILL' }, token))).toEqual([
          b.id,
        ]);
        expect(ids(await list({ regionCode: '500105', certificateKind: 'SOCIAL_WORK' }, token))).toEqual([c.id]);
        expect(ids(await list({ regionCode: '500105', certificateKind: 'CAPABILITY_ASSESSOR' }, token))).toEqual([]);
        const bySocialWork = await list({ certificateKind: 'SOCIAL_WORK' }, token);
        expect(bySocialWork.edges.every((e) => e.node.certificateKinds.includes('SOCIAL_WORK'))).toBe(true);
        expect(ids(bySocialWork)).toEqual(expect.arrayContaining([c.id, college.body.id]));
      }
      expect((await list({ regionCode: '500104' }, tokens.MUNICIPAL_PLANNER)).edges.map((e) => e.node)).toEqual(
        expect.arrayContaining([a, b]),
      );

      // Pages of one: both bodies of 500104, in name order, each once.
      const page1 = await list({ regionCode: '500104' }, tokens.MUNICIPAL_PLANNER, 1);
      expect(page1.totalCount).toBe(2);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const page2 = await list({ regionCode: '500104' }, tokens.MUNICIPAL_PLANNER, 1, page1.pageInfo.endCursor!);
      expect(page2.pageInfo.hasNextPage).toBe(false);
      const names = [page1.edges[0].node.name, page2.edges[0].node.name];
      expect(names).toEqual([a.name, b.name].sort());
    });

    it('shows a body account only its own body, whatever the filter; other roles are FORBIDDEN', async () => {
      const own = await newBody({ regionCode: '500106' });
      const all = await list(undefined, own.token);
      expect(all.totalCount).toBe(1);
      expect(all.edges.map((e) => e.node)).toEqual([own.body]);
      expect((await list({ regionCode: '500106' }, own.token)).edges.map((e) => e.node.id)).toEqual([own.body.id]);
      expect((await list({ regionCode: '500101' }, own.token)).totalCount).toBe(0);
      expect((await list({ certificateKind: 'PROFESSIONAL_LICENSE' }, own.token)).totalCount).toBe(0);

      const institutionId = await createInstitution(t);
      const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId });
      // The admin reads every body since issue 13 (to scope accounts): corrections-workforce.e2e-spec.ts.
      for (const token of [admin.token, tokens.VOLUNTEER]) {
        expect(codes(await gql(BODIES, { first: 10 }, token))).toEqual(['FORBIDDEN']);
      }
      expect(codes(await gql(BODIES, { first: 10 }))).toEqual(['UNAUTHENTICATED']);
    });
  });

  // =============================================================================================================
  describe('submitCertificates', () => {
    it('writes a batch: new holders become persons (sex and birth date from the ID), known ones are linked', async () => {
      const institutionId = await createInstitution(t, { regionCode: '500101' });
      const known = await hire(institutionId, 'CAREGIVER');
      // Birth dates given here lie outside 1970-1999, where residentId() draws its default ones.
      const woman = { idNumber: residentId({ birthDate: '1968-05-17', sex: 'FEMALE' }), name: uniqueName('李秀英') };
      const man = { idNumber: residentId({ birthDate: '1959-11-03', sex: 'MALE' }), name: uniqueName('张伟') };
      const n0 = certNo();
      const rows = [
        certFor(woman, {
          certificateNumber: ` ${n0.toLowerCase()} `,
          level: 3,
          issuedOn: '2024-03-15',
          expiresOn: '2027-03-14',
        }),
        certFor(woman, { kind: 'SOCIAL_WORK', level: 2, certificateNumber: certNo('SW'), issuedOn: '2023-07-01' }),
        certFor({ idNumber: known.idNumber.toLowerCase(), name: `  ${known.name} ` }, { level: 5 }),
        certFor(man, {
          kind: 'PROFESSIONAL_LICENSE',
          level: null,
          profession: 'NURSE',
          certificateNumber: certNo('LIC'),
          issuedOn: '2020-01-01', // the first day of the filing
          expiresOn: '2020-01-01', // valid through its issue day only: allowed
        }),
      ];
      const before = await counts();
      expect(await submit(rows)).toEqual({ accepted: 4, skipped: 0, written: true, errors: [] });
      expect(await counts()).toEqual({
        ...before,
        certificates: before.certificates + 4,
        persons: before.persons + 2,
        audits: before.audits + 1,
      });

      const womanRow = await personByIdNumber(woman.idNumber);
      expect(womanRow).toMatchObject({ name: woman.name, sex: 'FEMALE', birth_date: '1968-05-17' });
      expect(womanRow.id_number_masked).toBe(`${woman.idNumber.slice(0, 6)}********${woman.idNumber.slice(14)}`);
      const manRow = await personByIdNumber(man.idNumber);
      expect(manRow).toMatchObject({ name: man.name, sex: 'MALE', birth_date: '1959-11-03' });

      const common = { issuing_body_id: college.body.id, external: false, issuer_name: null, revoked_on: null };
      expect(await certificateRow('NURSING_ASSISTANT_SKILL', n0)).toMatchObject({
        ...common,
        person_id: womanRow.id,
        level: 3,
        profession: null,
        certificate_number: n0,
        issued_on: '2024-03-15',
        expires_on: '2027-03-14',
      });
      expect(await certificateRow('SOCIAL_WORK', rows[1].certificateNumber as string)).toMatchObject({
        ...common,
        person_id: womanRow.id,
        level: 2,
      });
      expect(await certificateRow('NURSING_ASSISTANT_SKILL', rows[2].certificateNumber as string)).toMatchObject({
        ...common,
        person_id: known.personId,
        level: 5,
        issued_on: '2024-06-01',
        expires_on: null,
      });
      expect(await certificateRow('PROFESSIONAL_LICENSE', rows[3].certificateNumber as string)).toMatchObject({
        ...common,
        person_id: manRow.id,
        level: null,
        profession: 'NURSE',
      });

      const audit = await t.db.query(
        `SELECT record_type, actor_role, summary FROM audit_event WHERE operation = 'submitCertificates'
          ORDER BY id DESC LIMIT 1`,
      );
      expect(audit.rows[0]).toEqual({
        record_type: 'Certificate',
        actor_role: 'EVALUATION_BODY',
        summary: { bodyId: college.body.id, rows: 4, accepted: 4, skipped: 0, newPersons: 2 },
      });

      // The known person now shows the certificate, issued by the body.
      expect(await personCertificates(known.personId)).toEqual([
        {
          id: expect.any(String),
          kind: 'NURSING_ASSISTANT_SKILL',
          level: 5,
          levelName: '五级/初级工',
          profession: null,
          certificateNumber: rows[2].certificateNumber,
          issuedOn: '2024-06-01',
          expiresOn: null,
          status: 'VALID',
          statusOn: 'VALID',
          revokedOn: null,
          issuerName: college.body.name,
          external: false,
        },
      ]);
    });

    it('reports each bad row by index, field and code, and writes nothing (no person; an audit event only for the name conflict)', async () => {
      // A body of its own, filed from 2022-01-01, not for CAPABILITY_ASSESSOR.
      const strict = await newBody({
        filedFrom: '2022-01-01',
        filedTo: '2030-12-31',
        certificateKinds: ['NURSING_ASSISTANT_SKILL', 'SOCIAL_WORK', 'PROFESSIONAL_LICENSE'],
      });
      const institutionId = await createInstitution(t);
      const registered = await hire(institutionId, 'CAREGIVER');
      const registered2 = await hire(institutionId, 'CAREGIVER');
      const used = certNo();
      await issue([certRow({ certificateNumber: used })]); // by the college: a number taken for that kind
      const dup = certNo();
      const same = residentId();
      const goodNumber = certNo();

      const rows = [
        /* 0 */ certRow({ certificateNumber: goodNumber, expiresOn: '2024-06-01' }),
        /* 1 */ certRow({ idNumber: withWrongCheck(residentId()) }),
        /* 2 */ certRow({ idNumber: '500101199001011' }),
        /* 3 */ certRow({ name: '   ' }),
        /* 4 */ certRow({ level: null }),
        /* 5 */ certRow({ level: 6 }),
        /* 6 */ certRow({ kind: 'SOCIAL_WORK', level: 4 }),
        /* 7 */ certRow({ kind: 'PROFESSIONAL_LICENSE', level: 1, profession: 'DOCTOR' }),
        /* 8 */ certRow({ kind: 'PROFESSIONAL_LICENSE', level: null, profession: null }),
        /* 9 */ certRow({ level: 3, profession: 'NURSE' }),
        /* 10 */ certRow({ kind: 'CAPABILITY_ASSESSOR', level: 3 }),
        /* 11 */ certRow({ issuedOn: '2021-12-31' }),
        /* 12 */ certRow({ issuedOn: tomorrow }),
        /* 13 */ certRow({ issuedOn: '2024-05-01', expiresOn: '2024-04-30' }),
        /* 14 */ certRow({ certificateNumber: used.toLowerCase() }),
        /* 15 */ certRow({ certificateNumber: dup }),
        /* 16 */ certRow({ certificateNumber: ` ${dup.toLowerCase()}` }),
        /* 17 */ certRow({ idNumber: same, name: '甲某某' }),
        /* 18 */ certRow({ idNumber: same, name: '乙某某' }),
        /* 19 */ certFor({ idNumber: registered.idNumber, name: `${registered.name}改` }),
        /* 20 */ certRow({ name: '名'.repeat(51) }),
        /* 21 */ certRow({ certificateNumber: '证书#1' }),
        /* 22 */ certRow({ level: 0 }),
        /* 23 */ certRow({ issuedOn: '1979-12-31' }),
        /* 24 */ certRow({ idNumber: 'not-an-id-number', name: '' }),
        /* 25 */ certRow({ kind: 'SOCIAL_WORK', level: 1, certificateNumber: goodNumber }), // another kind: fine
        /* 26 */ certFor(registered2, { kind: 'SOCIAL_WORK', level: 3 }), // the registered name: fine
        /* 27 */ certRow({ kind: 'PROFESSIONAL_LICENSE', level: null, profession: 'THERAPIST' }), // fine
      ];
      const expected: RowErrorShape[] = [
        { index: 1, field: 'idNumber', code: 'BAD_USER_INPUT' },
        { index: 2, field: 'idNumber', code: 'BAD_USER_INPUT' },
        { index: 3, field: 'name', code: 'BAD_USER_INPUT' },
        { index: 4, field: 'level', code: 'BAD_USER_INPUT' },
        { index: 5, field: 'level', code: 'BAD_USER_INPUT' },
        { index: 6, field: 'level', code: 'BAD_USER_INPUT' },
        { index: 7, field: 'level', code: 'BAD_USER_INPUT' },
        { index: 8, field: 'profession', code: 'BAD_USER_INPUT' },
        { index: 9, field: 'profession', code: 'BAD_USER_INPUT' },
        { index: 10, field: 'kind', code: 'FORBIDDEN' },
        { index: 11, field: 'issuedOn', code: 'FORBIDDEN' },
        { index: 12, field: 'issuedOn', code: 'BAD_USER_INPUT' },
        { index: 13, field: 'expiresOn', code: 'BAD_USER_INPUT' },
        { index: 14, field: 'certificateNumber', code: 'CONFLICT' },
        { index: 16, field: 'certificateNumber', code: 'CONFLICT' },
        { index: 18, field: 'name', code: 'CONFLICT' },
        { index: 19, field: 'name', code: 'CONFLICT' },
        { index: 20, field: 'name', code: 'BAD_USER_INPUT' },
        { index: 21, field: 'certificateNumber', code: 'BAD_USER_INPUT' },
        { index: 22, field: 'level', code: 'BAD_USER_INPUT' },
        { index: 23, field: 'issuedOn', code: 'BAD_USER_INPUT' },
        { index: 24, field: 'idNumber', code: 'BAD_USER_INPUT' },
        { index: 24, field: 'name', code: 'BAD_USER_INPUT' },
      ];
      const before = await counts();
      // Nothing is written; each submission's one answer "registered under another name" (row 19) leaves an
      // audit event of its own (issue 11: conflicts are counted and audited).
      let conflictEvents = 0;
      const byIndexAndField = (a: RowErrorShape, b: RowErrorShape) =>
        a.index - b.index || String(a.field).localeCompare(String(b.field));
      for (const dryRun of [false, true]) {
        const result = await submit(rows, strict.token, dryRun);
        conflictEvents++;
        expect({ ...result, errors: [] }).toEqual({ accepted: 0, skipped: 0, written: false, errors: [] });
        expect(result.errors.map(({ index, field, code }) => ({ index, field, code })).sort(byIndexAndField)).toEqual(
          expected,
        );
        // In index order, each with a message that says what is wrong.
        expect(result.errors.map((e) => e.index)).toEqual([...result.errors.map((e) => e.index)].sort((a, b) => a - b));
        for (const e of result.errors) expect(e.message).toMatch(/\S{3}/);
        expect(await counts()).toEqual({ ...before, audits: before.audits + conflictEvents });
      }
      // The messages name the rule.
      const result = await submit(rows, strict.token);
      conflictEvents++;
      const message = (index: number) => result.errors.find((e) => e.index === index)!.message;
      expect(message(16)).toContain('Row 15');
      expect(message(18)).toContain('Row 17');
      expect(message(11)).toContain('2022-01-01');
      expect(await counts()).toEqual({ ...before, audits: before.audits + conflictEvents });

      // Without the bad rows the rest goes through in one piece.
      const good = rows.filter((_, i) => [0, 15, 17, 25, 26, 27].includes(i));
      expect(await submit(good, strict.token)).toEqual({ accepted: 6, skipped: 0, written: true, errors: [] });
      expect((await counts()).certificates).toBe(before.certificates + 6);
      expect((await certificateRow('SOCIAL_WORK', (rows[26] as any).certificateNumber)).person_id).toBe(
        registered2.personId,
      );
    });

    it('checks the filing on the issue date: its first and last days are covered, the days around are not', async () => {
      const body = await newBody({ filedFrom: '2022-03-01', filedTo: '2024-02-29' });
      const rows = ['2022-02-28', '2022-03-01', '2024-02-29', '2024-03-01', today].map((issuedOn) =>
        certRow({ issuedOn }),
      );
      const result = await submit(rows, body.token);
      expect(result).toMatchObject({ accepted: 0, skipped: 0, written: false });
      expect(result.errors.map(({ index, field, code }) => ({ index, field, code }))).toEqual([
        { index: 0, field: 'issuedOn', code: 'FORBIDDEN' },
        { index: 3, field: 'issuedOn', code: 'FORBIDDEN' },
        { index: 4, field: 'issuedOn', code: 'FORBIDDEN' },
      ]);
      expect(await submit([rows[1], rows[2]], body.token)).toEqual({
        accepted: 2,
        skipped: 0,
        written: true,
        errors: [],
      });
      // An issue date of today is fine for a body filed through today.
      expect(await submit([certRow({ issuedOn: today })])).toMatchObject({ accepted: 1, written: true });
    });

    it('refuses a value GraphQL itself rejects (an unknown kind) as a whole request, writing nothing', async () => {
      const before = await counts();
      const res = await submitRaw([certRow(), certRow({ kind: 'FIRST_AID' })], college.token);
      expect(await counts()).toEqual(before);
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.data ?? null).toBeNull();
    });

    it('dryRun checks every row and writes nothing; the same batch then goes through', async () => {
      const rows = [certRow(), certRow({ kind: 'SOCIAL_WORK', level: 1 }), certRow({ level: 1 })];
      const before = await counts();
      expect(await submit(rows, college.token, true)).toEqual({ accepted: 3, skipped: 0, written: false, errors: [] });
      expect(await counts()).toEqual(before);
      expect(await personByIdNumber(rows[0].idNumber as string)).toBeUndefined();

      const withBad = [...rows, certRow({ level: 9 })];
      const bad = await submit(withBad, college.token, true);
      expect(bad).toMatchObject({ accepted: 0, skipped: 0, written: false });
      expect(bad.errors.map((e) => [e.index, e.field, e.code])).toEqual([[3, 'level', 'BAD_USER_INPUT']]);
      expect(await counts()).toEqual(before);

      expect(await submit(rows)).toEqual({ accepted: 3, skipped: 0, written: true, errors: [] });
      expect(await counts()).toMatchObject({ certificates: before.certificates + 3, audits: before.audits + 1 });
      // A dry run of what is now stored: every row would be skipped.
      expect(await submit(rows, college.token, true)).toEqual({ accepted: 0, skipped: 3, written: false, errors: [] });
    });

    it('skips rows identical to stored ones, so a retried batch never duplicates', async () => {
      const holder = { idNumber: residentId(), name: uniqueName('陈静') };
      const rows = [
        certFor(holder, { level: 4, expiresOn: '2029-12-31' }),
        certFor(holder, { kind: 'SOCIAL_WORK', level: 3, certificateNumber: certNo('SW') }),
        certRow({ kind: 'PROFESSIONAL_LICENSE', level: null, profession: 'DIETITIAN', certificateNumber: certNo('L') }),
      ];
      expect(await submit(rows)).toEqual({ accepted: 3, skipped: 0, written: true, errors: [] });
      const stored = await counts();

      expect(await submit(rows)).toEqual({ accepted: 0, skipped: 3, written: true, errors: [] });
      // Written the way a client might type them again: case, spaces.
      const retyped = rows.map((r) => ({
        ...r,
        idNumber: (r.idNumber as string).toLowerCase(),
        name: ` ${r.name as string}  `,
        certificateNumber: ` ${(r.certificateNumber as string).toLowerCase()} `,
      }));
      expect(await submit(retyped)).toEqual({ accepted: 0, skipped: 3, written: true, errors: [] });
      expect(await counts()).toMatchObject({ certificates: stored.certificates, persons: stored.persons });

      // Stored rows plus a new one: only the new one is written.
      const fresh = certFor(holder, { level: 2 });
      expect(await submit([...rows, fresh])).toEqual({ accepted: 1, skipped: 3, written: true, errors: [] });
      expect(await counts()).toMatchObject({ certificates: stored.certificates + 1, persons: stored.persons });

      // A revoked certificate sent again is skipped, and stays revoked.
      const toRevoke = certRow({ level: 5 });
      const [revokedId] = await issue([toRevoke]);
      await revoke(revokedId, college.token);
      expect(await submit([toRevoke])).toEqual({ accepted: 0, skipped: 1, written: true, errors: [] });
      expect((await certificateRow('NURSING_ASSISTANT_SKILL', toRevoke.certificateNumber as string)).revoked_on).toBe(
        today,
      );

      // A stored number with any field changed is not a retry: CONFLICT, and the batch is not written.
      const changed = [{ ...rows[0], expiresOn: '2030-12-31' }, certRow()];
      const before = await counts();
      const result = await submit(changed);
      expect(result).toMatchObject({ accepted: 0, written: false });
      expect(result.errors.map((e) => [e.index, e.field, e.code])).toEqual([[0, 'certificateNumber', 'CONFLICT']]);
      // The same row sent by another body is not that body's certificate: CONFLICT too.
      const other = await newBody();
      const byOther = await submit([rows[0]], other.token);
      expect(byOther.errors.map((e) => [e.index, e.field, e.code])).toEqual([[0, 'certificateNumber', 'CONFLICT']]);
      expect(await counts()).toMatchObject({ certificates: before.certificates, persons: before.persons });
    });

    it('allows the same number under a different kind, in one batch and across batches', async () => {
      const number = certNo('SAME');
      const a = { idNumber: residentId(), name: uniqueName('周') };
      const b = { idNumber: residentId(), name: uniqueName('吴') };
      await issue([
        certFor(a, { certificateNumber: number, kind: 'NURSING_ASSISTANT_SKILL', level: 2 }),
        certFor(b, { certificateNumber: number, kind: 'SOCIAL_WORK', level: 2 }),
      ]);
      await issue([
        certFor(b, { certificateNumber: number, kind: 'PROFESSIONAL_LICENSE', level: null, profession: 'DOCTOR' }),
      ]);
      const { rows } = await t.db.query('SELECT kind FROM certificate WHERE certificate_number = $1 ORDER BY kind', [
        number,
      ]);
      expect(rows.map((r) => r.kind).sort()).toEqual([
        'NURSING_ASSISTANT_SKILL',
        'PROFESSIONAL_LICENSE',
        'SOCIAL_WORK',
      ]);
    });

    it('refuses more than 10,000 rows with BAD_USER_INPUT before checking any, writing nothing', async () => {
      const idNumber = residentId();
      const rows = Array.from({ length: 10_001 }, (_, i) =>
        certRow({ idNumber, name: '王五', certificateNumber: `OVER-${i}` }),
      );
      const before = await counts();
      const res = await submitRaw(rows, college.token);
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors![0].extensions!.fields).toEqual(['rows']);
      expect(res.body.data ?? null).toBeNull();
      expect(await counts()).toEqual(before);
    });

    it('writes a 10,000-row batch in one call (timed) and skips all of it when sent again', async () => {
      const body = await newBody({ certificateKinds: ['NURSING_ASSISTANT_SKILL', 'SOCIAL_WORK'] });
      const rows = Array.from({ length: 10_000 }, (_, i) =>
        i % 5 === 4
          ? certRow({
              kind: 'SOCIAL_WORK',
              level: 1 + (i % 3),
              certificateNumber: `BULK-SW-${i}-${body.body.id.slice(0, 8)}`,
            })
          : certRow({
              level: 1 + (i % 5),
              certificateNumber: `BULK-NA-${i}-${body.body.id.slice(0, 8)}`,
              name: `批量${i}`,
            }),
      );
      const before = await counts();
      const started = performance.now();
      const first = await submit(rows, body.token);
      const firstMs = performance.now() - started;
      expect(first).toEqual({ accepted: 10_000, skipped: 0, written: true, errors: [] });
      expect(await counts()).toEqual({
        ...before,
        certificates: before.certificates + 10_000,
        persons: before.persons + 10_000,
        audits: before.audits + 1,
      });
      const byKind = await t.db.query(
        `SELECT kind, count(*)::int AS n FROM certificate WHERE issuing_body_id = $1 GROUP BY kind ORDER BY kind`,
        [body.body.id],
      );
      expect(byKind.rows).toEqual([
        { kind: 'NURSING_ASSISTANT_SKILL', n: 8_000 },
        { kind: 'SOCIAL_WORK', n: 2_000 },
      ]);

      const again = performance.now();
      expect(await submit(rows, body.token)).toEqual({ accepted: 0, skipped: 10_000, written: true, errors: [] });
      const againMs = performance.now() - again;
      expect(await counts()).toMatchObject({
        certificates: before.certificates + 10_000,
        persons: before.persons + 10_000,
      });
      process.stdout.write(
        `\n[certification bench, ${process.env.TEST_DB_MODE}] submitCertificates 10,000 new rows: ` +
          `${firstMs.toFixed(0)} ms (${Math.round(10_000 / (firstMs / 1000))} rows/s); ` +
          `re-sent, all skipped: ${againMs.toFixed(0)} ms (${Math.round(10_000 / (againMs / 1000))} rows/s)\n`,
      );
    }, 300_000);
  });

  // =============================================================================================================
  describe('revokeCertificate', () => {
    it('lets the issuing body revoke from today with a reason; earlier dates keep VALID; audited', async () => {
      const holder = { idNumber: residentId(), name: uniqueName('赵丽') };
      const [id] = await issue([certFor(holder, { level: 2, issuedOn: '2024-01-10' })]);
      const before = await counts();
      const revoked = await revoke(id, college.token, '  考核材料造假  ');
      expect(revoked).toMatchObject({
        id,
        status: 'REVOKED',
        revokedOn: today,
        issuerName: college.body.name,
        external: false,
        level: 2,
      });
      expect(await counts()).toEqual({ ...before, revoked: before.revoked + 1, audits: before.audits + 1 });
      const row = await certificateRow('NURSING_ASSISTANT_SKILL', revoked.certificateNumber);
      expect(row).toMatchObject({ revoked_on: today, revocation_reason: '考核材料造假', issued_on: '2024-01-10' });
      const audit = await t.db.query(
        `SELECT operation, record_type, actor_role, summary FROM audit_event WHERE record_id = $1`,
        [id],
      );
      expect(audit.rows).toEqual([
        {
          operation: 'revokeCertificate',
          record_type: 'Certificate',
          actor_role: 'EVALUATION_BODY',
          summary: { before: { revokedOn: null }, after: { revokedOn: today, reason: '考核材料造假' } },
        },
      ]);

      const person = await personByIdNumber(holder.idNumber);
      const [onYesterday] = await personCertificates(person.id, tokens.MUNICIPAL_PLANNER, yesterday);
      expect(onYesterday).toMatchObject({ id, status: 'REVOKED', statusOn: 'VALID', revokedOn: today });
      const [onToday] = await personCertificates(person.id, tokens.MUNICIPAL_PLANNER, today);
      expect(onToday.statusOn).toBe('REVOKED');
      expect((await verify(revoked.certificateNumber, holder.name)).body.data!.verifyCertificate).toMatchObject({
        matched: true,
        status: 'REVOKED',
      });
    });

    it('lets a municipal planner revoke any certificate, an external one too (which no body may revoke)', async () => {
      const [id] = await issue([certRow()]);
      expect(await revoke(id, tokens.MUNICIPAL_PLANNER)).toMatchObject({ id, status: 'REVOKED', revokedOn: today });
      const audit = await t.db.query(`SELECT actor_role FROM audit_event WHERE record_id = $1`, [id]);
      expect(audit.rows).toEqual([{ actor_role: 'MUNICIPAL_PLANNER' }]);

      const institutionId = await createInstitution(t);
      const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId });
      const nurse = await hire(institutionId, 'NURSE');
      const external = await recordExternal(admin.token, {
        personId: nurse.personId,
        kind: 'PROFESSIONAL_LICENSE',
        profession: 'NURSE',
        certificateNumber: certNo('RN'),
        issuerName: '重庆市卫生健康委员会',
        issuedOn: '2019-07-01',
      });
      await expectRefused(REVOKE, { id: external.id, reason: 'x' }, college.token, 'FORBIDDEN');
      expect(await revoke(external.id, tokens.MUNICIPAL_PLANNER)).toMatchObject({
        status: 'REVOKED',
        external: true,
        issuerName: '重庆市卫生健康委员会',
      });
    });

    it('refuses another body, a district planner, institution admins, an admin and a volunteer (FORBIDDEN)', async () => {
      const institutionId = await createInstitution(t, { regionCode: '500102' });
      const worker = await hire(institutionId, 'CAREGIVER');
      const [id] = await issue([certFor(worker)]);
      const other = await newBody();
      const employer = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId });
      const district = await signIn(t, { role: 'DISTRICT_PLANNER', regionCode: '500102' });
      for (const token of [other.token, district.token, employer.token, tokens.ADMIN, tokens.VOLUNTEER]) {
        await expectRefused(REVOKE, { id, reason: '不应撤销' }, token, 'FORBIDDEN');
      }
      await expectRefused(REVOKE, { id, reason: '不应撤销' }, undefined, 'UNAUTHENTICATED');
      const row = (await t.db.query('SELECT revoked_on, revocation_reason FROM certificate WHERE id = $1', [id]))
        .rows[0];
      expect(row).toEqual({ revoked_on: null, revocation_reason: null });
      // The issuing body still may.
      expect(await revoke(id, college.token)).toMatchObject({ status: 'REVOKED' });
    });

    it('refuses a blank or overlong reason, revoking twice (BAD_USER_INPUT) and unknown ids (NOT_FOUND)', async () => {
      const [id] = await issue([certRow()]);
      await expectRefused(REVOKE, { id, reason: '   ' }, college.token, 'BAD_USER_INPUT', ['reason']);
      await expectRefused(REVOKE, { id, reason: '因'.repeat(501) }, college.token, 'BAD_USER_INPUT', ['reason']);
      await revoke(id, college.token, '第一次');
      await expectRefused(REVOKE, { id, reason: '第二次' }, college.token, 'BAD_USER_INPUT', ['id']);
      await expectRefused(REVOKE, { id, reason: '第二次' }, tokens.MUNICIPAL_PLANNER, 'BAD_USER_INPUT', ['id']);
      expect(
        (await t.db.query('SELECT revoked_on::text, revocation_reason FROM certificate WHERE id = $1', [id])).rows[0],
      ).toEqual({ revoked_on: today, revocation_reason: '第一次' });
      await expectRefused(
        REVOKE,
        { id: '7d3c8a58-2f5e-4d7a-9c11-0a1b2c3d4e5f', reason: 'x' },
        tokens.MUNICIPAL_PLANNER,
        'NOT_FOUND',
      );
      await expectRefused(REVOKE, { id: 'not-an-id', reason: 'x' }, tokens.MUNICIPAL_PLANNER, 'NOT_FOUND');
    });

    it('counts a revoked certificate as of dates before the revocation, not from it (profile, people, status)', async () => {
      // Region 500238 holds this test's staff only.
      const institutionId = await createInstitution(t, { regionCode: '500238' });
      const carer = await hire(institutionId, 'CAREGIVER');
      const [id] = await issue([certFor(carer, { level: 2, issuedOn: '2024-03-01' })]);
      expect(shape(await profile({ regionCode: '500238' }))).toEqual({ ...zeroShape, caregivers: 1, L2: 1 });

      await revoke(id, college.token, '复核不合格');
      // The API revokes from today. To pin "before" and "after" to dates that do not move with the day the tests
      // run, the revocation is moved back to 2025-05-10, as if it had been made that day (only the date changes;
      // the reason stays, so the row is what a revocation on 2025-05-10 would have written).
      await t.db.query(`UPDATE certificate SET revoked_on = '2025-05-10' WHERE id = $1`, [id]);

      expect(shape(await profile({ asOf: '2025-05-09', regionCode: '500238' }))).toEqual({
        ...zeroShape,
        caregivers: 1,
        L2: 1,
      });
      for (const asOf of ['2025-05-10', today, undefined]) {
        expect(shape(await profile({ asOf, regionCode: '500238' }))).toEqual({
          ...zeroShape,
          caregivers: 1,
          uncertified: 1,
        });
      }
      const [before] = await personCertificates(carer.personId, tokens.MUNICIPAL_PLANNER, '2025-05-09');
      expect(before).toMatchObject({ id, statusOn: 'VALID', status: 'REVOKED', revokedOn: '2025-05-10' });
      const [on] = await personCertificates(carer.personId, tokens.MUNICIPAL_PLANNER, '2025-05-10');
      expect(on.statusOn).toBe('REVOKED');

      const filter = { institutionId, certificateKind: 'NURSING_ASSISTANT_SKILL' };
      expect(await people({ ...filter, activeOn: '2025-05-09' })).toEqual([carer.personId]);
      expect(await people({ institutionId, minSkillLevel: 2, activeOn: '2025-05-09' })).toEqual([carer.personId]);
      expect(await people({ ...filter, activeOn: '2025-05-10' })).toEqual([]);
      expect(await people(filter)).toEqual([]);
    });

    it('expiry: valid through expiresOn, EXPIRED the day after, and counted accordingly', async () => {
      // Region 500237 holds this test's staff only.
      const institutionId = await createInstitution(t, { regionCode: '500237' });
      const carer = await hire(institutionId, 'CAREGIVER', { startDate: '2022-01-01' });
      const number = certNo();
      const [id] = await issue([
        certFor(carer, { certificateNumber: number, level: 4, issuedOn: '2023-01-01', expiresOn: '2025-08-31' }),
      ]);
      const region = { regionCode: '500237' };
      expect(shape(await profile({ ...region, asOf: '2022-12-31' }))).toEqual({
        ...zeroShape,
        caregivers: 1,
        uncertified: 1, // not issued yet
      });
      expect(shape(await profile({ ...region, asOf: '2023-01-01' }))).toEqual({ ...zeroShape, caregivers: 1, L4: 1 });
      expect(shape(await profile({ ...region, asOf: '2025-08-31' }))).toEqual({ ...zeroShape, caregivers: 1, L4: 1 });
      expect(shape(await profile({ ...region, asOf: '2025-09-01' }))).toEqual({
        ...zeroShape,
        caregivers: 1,
        uncertified: 1,
      });
      expect(shape(await profile(region))).toEqual({ ...zeroShape, caregivers: 1, uncertified: 1 });

      expect((await personCertificates(carer.personId, tokens.MUNICIPAL_PLANNER, '2025-08-31'))[0]).toMatchObject({
        id,
        statusOn: 'VALID',
        status: 'EXPIRED',
        expiresOn: '2025-08-31',
        revokedOn: null,
      });
      expect((await personCertificates(carer.personId, tokens.MUNICIPAL_PLANNER, '2025-09-01'))[0].statusOn).toBe(
        'EXPIRED',
      );
      const filter = { institutionId, certificateKind: 'NURSING_ASSISTANT_SKILL' };
      expect(await people({ ...filter, activeOn: '2025-08-31' })).toEqual([carer.personId]);
      expect(await people({ ...filter, activeOn: '2025-09-01' })).toEqual([]);
      expect(await people({ ...filter, activeOn: '2022-12-31' })).toEqual([]);
      expect((await verify(number, carer.name)).body.data!.verifyCertificate).toMatchObject({
        matched: true,
        status: 'EXPIRED',
        level: 4,
        levelName: '四级/中级工',
      });
    });
  });

  // =============================================================================================================
  describe('recordExternalCertificate', () => {
    it('records a qualification one of its staff holds: external, issuer as written, counted like the others', async () => {
      // Region 500240 holds this test's staff only.
      const institutionId = await createInstitution(t, { regionCode: '500240' });
      const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId });
      const social = await hire(institutionId, 'SOCIAL_WORKER');
      const nurse = await hire(institutionId, 'NURSE');
      expect(shape(await profile({ regionCode: '500240' }))).toEqual({ ...zeroShape, socialWorkers: 1 });

      const number = certNo('SW');
      const before = await counts();
      const recorded = await recordExternal(admin.token, {
        personId: social.personId,
        kind: 'SOCIAL_WORK',
        level: 3,
        certificateNumber: ` ${number.toLowerCase()} `,
        issuerName: '  人力资源社会保障部 民政部  ',
        issuedOn: '2023-06-01',
      });
      expect(recorded).toEqual({
        id: expect.any(String),
        kind: 'SOCIAL_WORK',
        level: 3,
        levelName: '助理社会工作师',
        profession: null,
        certificateNumber: number,
        issuedOn: '2023-06-01',
        expiresOn: null,
        status: 'VALID',
        revokedOn: null,
        issuerName: '人力资源社会保障部 民政部',
        external: true,
      });
      expect(await counts()).toEqual({
        ...before,
        certificates: before.certificates + 1,
        audits: before.audits + 1,
      });
      expect(await certificateRow('SOCIAL_WORK', number)).toMatchObject({
        id: recorded.id,
        person_id: social.personId,
        external: true,
        issuing_body_id: null,
        recorded_by_institution_id: institutionId,
        issuer_name: '人力资源社会保障部 民政部',
      });
      const audit = await t.db.query(`SELECT operation, actor_role FROM audit_event WHERE record_id = $1`, [
        recorded.id,
      ]);
      expect(audit.rows).toEqual([{ operation: 'recordExternalCertificate', actor_role: 'INSTITUTION_ADMIN' }]);

      // It counts like a portal-issued one.
      expect(shape(await profile({ regionCode: '500240' }))).toEqual({ ...zeroShape, socialWorkers: 1, certified: 1 });
      expect(shape(await profile({ regionCode: '500240', asOf: '2023-05-31' }))).toEqual({
        ...zeroShape,
        socialWorkers: 1,
      });
      expect(await people({ institutionId, certificateKind: 'SOCIAL_WORK' }, admin.token)).toEqual([social.personId]);
      expect(await personCertificates(social.personId, admin.token)).toEqual([{ ...recorded, statusOn: 'VALID' }]);
      expect((await verify(number, social.name)).body.data!.verifyCertificate).toMatchObject({
        matched: true,
        kind: 'SOCIAL_WORK',
        levelName: '助理社会工作师',
        issuingBodyName: '人力资源社会保障部 民政部',
      });

      // A licence: no level, a profession.
      const licence = await recordExternal(admin.token, {
        personId: nurse.personId,
        kind: 'PROFESSIONAL_LICENSE',
        level: null,
        profession: 'NURSE',
        certificateNumber: certNo('RN'),
        issuerName: '国家卫生健康委员会',
        issuedOn: '2018-09-01',
        expiresOn: '2028-08-31',
      });
      expect(licence).toMatchObject({ level: null, levelName: null, profession: 'NURSE', external: true });
      expect(await people({ institutionId, certificateKind: 'PROFESSIONAL_LICENSE' })).toEqual([nurse.personId]);
    });

    it('is FORBIDDEN for anyone not employed at the institution now, and to every other role', async () => {
      const institutionId = await createInstitution(t);
      const elsewhere = await createInstitution(t);
      const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId });
      const stranger = await hire(elsewhere, 'CAREGIVER');
      const leaver = await hire(institutionId, 'CAREGIVER', { startDate: '2021-01-01' });
      await ok(
        END_EMPLOYMENT,
        { id: leaver.employmentId, endDate: today, reason: 'RESIGNED' },
        tokens.MUNICIPAL_PLANNER,
      );
      const input = (personId: string) => ({
        i: {
          personId,
          kind: 'NURSING_ASSISTANT_SKILL',
          level: 3,
          certificateNumber: certNo('EXT'),
          issuerName: '四川省养老服务协会',
          issuedOn: '2022-01-01',
        },
      });
      await expectRefused(EXTERNAL, input(stranger.personId), admin.token, 'FORBIDDEN');
      await expectRefused(EXTERNAL, input(leaver.personId), admin.token, 'FORBIDDEN');
      // A person who does not exist is NOT_FOUND since issue 13.
      await expectRefused(EXTERNAL, input('7d3c8a58-2f5e-4d7a-9c11-0a1b2c3d4e5f'), admin.token, 'NOT_FOUND');

      const staff = await hire(institutionId, 'CAREGIVER');
      const district = await signIn(t, { role: 'DISTRICT_PLANNER', regionCode: '500101' });
      for (const token of [tokens.MUNICIPAL_PLANNER, district.token, college.token, tokens.ADMIN, tokens.VOLUNTEER]) {
        await expectRefused(EXTERNAL, input(staff.personId), token, 'FORBIDDEN');
      }
      await expectRefused(EXTERNAL, input(staff.personId), undefined, 'UNAUTHENTICATED');
      // Its own staff member: fine.
      expect((await recordExternal(admin.token, input(staff.personId).i)).external).toBe(true);
    });

    it('refuses a number already used for the kind (CONFLICT) and bad fields; an identical repeat returns the same one', async () => {
      const institutionId = await createInstitution(t);
      const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId });
      const carer = await hire(institutionId, 'CAREGIVER');
      const taken = certNo();
      await issue([certRow({ certificateNumber: taken })]);
      const base = {
        personId: carer.personId,
        kind: 'NURSING_ASSISTANT_SKILL',
        level: 4,
        certificateNumber: taken.toLowerCase(),
        issuerName: '贵州省职业技能鉴定中心',
        issuedOn: '2021-05-01',
        expiresOn: null,
      };
      await expectRefused(EXTERNAL, { i: base }, admin.token, 'CONFLICT', ['certificateNumber']);

      const input = { ...base, certificateNumber: certNo('GZ') };
      const first = await recordExternal(admin.token, input);
      const stored = await counts();
      const repeat = await recordExternal(admin.token, { ...input, issuerName: ` ${input.issuerName} ` });
      expect(repeat).toEqual(first);
      expect((await counts()).certificates).toBe(stored.certificates);
      await expectRefused(EXTERNAL, { i: { ...input, issuerName: '另一机构' } }, admin.token, 'CONFLICT', [
        'certificateNumber',
      ]);
      await expectRefused(EXTERNAL, { i: { ...input, level: 3 } }, admin.token, 'CONFLICT', ['certificateNumber']);
      // The same number under another kind is another certificate.
      expect((await recordExternal(admin.token, { ...input, kind: 'CAPABILITY_ASSESSOR', level: 2 })).kind).toBe(
        'CAPABILITY_ASSESSOR',
      );

      const fresh = () => ({ ...base, certificateNumber: certNo('BAD') });
      const bad: [Record<string, unknown>, string[]][] = [
        [{ kind: 'SOCIAL_WORK', level: null }, ['level']],
        [{ kind: 'SOCIAL_WORK', level: 5 }, ['level']],
        [{ kind: 'PROFESSIONAL_LICENSE', level: 1, profession: null }, ['level', 'profession']],
        [{ profession: 'DOCTOR' }, ['profession']],
        [{ issuerName: '   ' }, ['issuerName']],
        [{ issuerName: '机'.repeat(201) }, ['issuerName']],
        [{ issuedOn: tomorrow }, ['issuedOn']],
        [{ issuedOn: '2021-05-01', expiresOn: '2021-04-30' }, ['expiresOn']],
        [{ certificateNumber: '##' }, ['certificateNumber']],
        [
          { level: 0, issuerName: '', issuedOn: tomorrow, certificateNumber: 'x' },
          ['level', 'issuerName', 'issuedOn', 'certificateNumber'],
        ],
      ];
      for (const [change, fields] of bad) {
        await expectRefused(EXTERNAL, { i: { ...fresh(), ...change } }, admin.token, 'BAD_USER_INPUT', fields);
      }
    });
  });

  // =============================================================================================================
  describe('verifyCertificate', () => {
    it('answers anyone, without a token, when number and name match; case and surrounding spaces do not matter', async () => {
      const holder = { idNumber: residentId(), name: '王小明' };
      const number = certNo('CQ');
      await issue([certFor(holder, { certificateNumber: number, level: 3, issuedOn: '2024-04-01' })]);
      const expected = {
        matched: true,
        status: 'VALID',
        kind: 'NURSING_ASSISTANT_SKILL',
        level: 3,
        levelName: '三级/高级工',
        issuingBodyName: college.body.name,
        issuedOn: '2024-04-01',
        holderNameMasked: '王**',
      };
      expect((await verify(number, '王小明')).body).toEqual({ data: { verifyCertificate: expected } });
      expect((await verify(`  ${number.toLowerCase()}  `, ' 王小明 ')).body).toEqual({
        data: { verifyCertificate: expected },
      });
      // Signed in, it says the same.
      expect((await verify(number, '王小明', tokens.VOLUNTEER)).body.data!.verifyCertificate).toEqual(expected);

      // Other kinds and level names.
      const social = { idNumber: residentId(), name: '欧阳娜娜' };
      const licensed = { idNumber: residentId(), name: '李华' };
      const sw = certNo('SW');
      const lic = certNo('LIC');
      await issue([
        certFor(social, { kind: 'SOCIAL_WORK', level: 1, certificateNumber: sw, issuedOn: '2022-10-10' }),
        certFor(licensed, {
          kind: 'PROFESSIONAL_LICENSE',
          level: null,
          profession: 'COUNSELOR',
          certificateNumber: lic,
        }),
      ]);
      expect((await verify(sw, '欧阳娜娜')).body.data!.verifyCertificate).toEqual({
        matched: true,
        status: 'VALID',
        kind: 'SOCIAL_WORK',
        level: 1,
        levelName: '高级社会工作师',
        issuingBodyName: college.body.name,
        issuedOn: '2022-10-10',
        holderNameMasked: '欧***',
      });
      expect((await verify(lic, '李华')).body.data!.verifyCertificate).toMatchObject({
        matched: true,
        kind: 'PROFESSIONAL_LICENSE',
        level: null,
        levelName: null,
        holderNameMasked: '李*',
      });
    });

    it('tells holders of the same number under two kinds apart by name', async () => {
      const number = certNo('TWO');
      const a = { idNumber: residentId(), name: uniqueName('孙') };
      const b = { idNumber: residentId(), name: uniqueName('钱') };
      await issue([
        certFor(a, { certificateNumber: number, level: 5 }),
        certFor(b, { certificateNumber: number, kind: 'SOCIAL_WORK', level: 2 }),
      ]);
      expect((await verify(number, a.name)).body.data!.verifyCertificate).toMatchObject({
        kind: 'NURSING_ASSISTANT_SKILL',
        levelName: '五级/初级工',
      });
      expect((await verify(number, b.name)).body.data!.verifyCertificate).toMatchObject({
        kind: 'SOCIAL_WORK',
        levelName: '社会工作师',
      });
    });

    it('answers an unknown number and a wrong name with byte-identical bodies, every other field null', async () => {
      const holder = { idNumber: residentId(), name: '刘德明' };
      const number = certNo('CQ');
      const revokedNumber = certNo('CQ');
      const [, revokedId] = await issue([
        certFor(holder, { certificateNumber: number }),
        certFor(holder, { certificateNumber: revokedNumber, kind: 'SOCIAL_WORK', level: 3 }),
      ]);
      await revoke(revokedId, college.token);

      const raw = async (n: string, m: string) => {
        const res = await request(t.server)
          .post('/graphql')
          .set('content-type', 'application/json')
          .send({ query: VERIFY, variables: { n, m } });
        unchecked.push(res.text);
        expect(res.status).toBe(200);
        return res.text;
      };
      const unknownNumber = await raw(certNo('NEVER'), '刘德明');
      const wrongName = await raw(number, '刘德民');
      expect(wrongName).toBe(unknownNumber);
      expect(JSON.parse(unknownNumber)).toEqual({
        data: {
          verifyCertificate: {
            matched: false,
            status: null,
            kind: null,
            level: null,
            levelName: null,
            issuingBodyName: null,
            issuedOn: null,
            holderNameMasked: null,
          },
        },
      });
      // The same for a revoked certificate under a wrong name, a near miss of the name, a malformed number and
      // a blank name.
      for (const [n, m] of [
        [revokedNumber, '刘德民'],
        [number, '刘德'],
        [number, '刘德明明'],
        ['#!?', '刘德明'],
        [number, '   '],
        [`${number}0`, '刘德明'],
      ]) {
        expect({ n, m, body: await raw(n, m) }).toEqual({ n, m, body: unknownNumber });
      }
      // Through the test client too: JSON.stringify of the whole body.
      expect(JSON.stringify((await verify(number, '刘德民')).body)).toBe(
        JSON.stringify((await verify(certNo('NEVER'), '刘德明')).body),
      );
      // And the right pair still matches.
      expect(JSON.parse(await raw(number, '刘德明')).data.verifyCertificate.matched).toBe(true);
    });
  });

  // =============================================================================================================
  describe('Person.certificates', () => {
    it('shows a person’s certificates to planners and to an institution employing them, oldest first', async () => {
      const institutionId = await createInstitution(t, { regionCode: '500235' });
      const otherInstitution = await createInstitution(t, { regionCode: '500235' });
      const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId });
      const otherAdmin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId: otherInstitution });
      const district = await signIn(t, { role: 'DISTRICT_PLANNER', regionCode: '500235' });
      const carer = await hire(institutionId, 'CAREGIVER');
      const na = certNo('NA');
      const sw = certNo('SW');
      const rn = certNo('RN');
      const [naId, swId] = await issue([
        certFor(carer, { certificateNumber: na, level: 3, issuedOn: '2024-02-01', expiresOn: '2030-01-31' }),
        certFor(carer, { certificateNumber: sw, kind: 'SOCIAL_WORK', level: 2, issuedOn: '2023-01-01' }),
      ]);
      const licence = await recordExternal(admin.token, {
        personId: carer.personId,
        kind: 'PROFESSIONAL_LICENSE',
        profession: 'NURSE',
        certificateNumber: rn,
        issuerName: '重庆市卫生健康委员会',
        issuedOn: '2022-05-01',
      });
      const expected = [
        {
          id: licence.id,
          kind: 'PROFESSIONAL_LICENSE',
          level: null,
          levelName: null,
          profession: 'NURSE',
          certificateNumber: rn,
          issuedOn: '2022-05-01',
          expiresOn: null,
          status: 'VALID',
          statusOn: 'VALID',
          revokedOn: null,
          issuerName: '重庆市卫生健康委员会',
          external: true,
        },
        {
          id: swId,
          kind: 'SOCIAL_WORK',
          level: 2,
          levelName: '社会工作师',
          profession: null,
          certificateNumber: sw,
          issuedOn: '2023-01-01',
          expiresOn: null,
          status: 'VALID',
          statusOn: 'VALID',
          revokedOn: null,
          issuerName: college.body.name,
          external: false,
        },
        {
          id: naId,
          kind: 'NURSING_ASSISTANT_SKILL',
          level: 3,
          levelName: '三级/高级工',
          profession: null,
          certificateNumber: na,
          issuedOn: '2024-02-01',
          expiresOn: '2030-01-31',
          status: 'VALID',
          statusOn: 'VALID',
          revokedOn: null,
          issuerName: college.body.name,
          external: false,
        },
      ];
      for (const token of [tokens.MUNICIPAL_PLANNER, district.token, admin.token]) {
        expect(await personCertificates(carer.personId, token)).toEqual(expected);
      }
      // Not employed there or outside the district: the person itself is refused, so nothing leaks through it.
      for (const token of [otherAdmin.token, tokens.DISTRICT_PLANNER, college.token, tokens.VOLUNTEER]) {
        const res = await gql(PERSON_CERTS, { id: carer.personId }, token);
        expect(codes(res)).toEqual(['FORBIDDEN']);
        expect(res.body.data ?? null).toBeNull();
      }
      // In a people page, through the loader, the same.
      const page = (await ok(PEOPLE_WITH_CERTS, { filter: { institutionId } }, admin.token)).people;
      expect(page.edges).toEqual([
        {
          node: {
            id: carer.personId,
            certificates: expected.map((c) => ({ certificateNumber: c.certificateNumber, issuerName: c.issuerName })),
          },
        },
      ]);
      // A person without certificates has an empty list.
      const newcomer = await hire(institutionId, 'NURSE');
      expect(await personCertificates(newcomer.personId, admin.token)).toEqual([]);
    });
  });

  // =============================================================================================================
  describe('people filters', () => {
    it('filter by certificate kind and minimum skill level (1 is the highest), valid on activeOn', async () => {
      const institutionId = await createInstitution(t, { regionCode: '500236' });
      const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId });
      const assessorBody = await newBody({ certificateKinds: ['CAPABILITY_ASSESSOR'] });
      const p: Record<string, Staff> = {};
      for (const key of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']) p[key] = await hire(institutionId, 'CAREGIVER');
      const ids = await issue([
        certFor(p.A, { level: 5 }),
        certFor(p.B, { level: 3 }),
        certFor(p.C, { level: 1 }),
        certFor(p.C, { level: 4 }),
        certFor(p.D, { level: 2 }), // revoked below
        certFor(p.E, { level: 3, expiresOn: '2025-06-30' }),
        certFor(p.G, { kind: 'SOCIAL_WORK', level: 2 }),
      ]);
      await issue([certFor(p.H, { kind: 'CAPABILITY_ASSESSOR', level: 1 })], assessorBody.token);
      await revoke(ids[4], college.token);
      const of = (...keys: string[]) => keys.map((k) => p[k].personId).sort();
      const f = (filter: Record<string, unknown>) => people({ institutionId, ...filter });

      expect(await f({})).toEqual(of('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'));
      expect(await f({ certificateKind: 'NURSING_ASSISTANT_SKILL' })).toEqual(of('A', 'B', 'C'));
      expect(await f({ minSkillLevel: 3 })).toEqual(of('B', 'C'));
      expect(await f({ certificateKind: 'NURSING_ASSISTANT_SKILL', minSkillLevel: 3 })).toEqual(of('B', 'C'));
      expect(await f({ minSkillLevel: 5 })).toEqual(of('A', 'B', 'C'));
      expect(await f({ minSkillLevel: 4 })).toEqual(of('B', 'C'));
      expect(await f({ minSkillLevel: 2 })).toEqual(of('C'));
      expect(await f({ minSkillLevel: 1 })).toEqual(of('C'));
      expect(await f({ certificateKind: 'SOCIAL_WORK' })).toEqual(of('G'));
      expect(await f({ certificateKind: 'SOCIAL_WORK', minSkillLevel: 2 })).toEqual(of('G'));
      expect(await f({ certificateKind: 'SOCIAL_WORK', minSkillLevel: 1 })).toEqual([]);
      expect(await f({ certificateKind: 'CAPABILITY_ASSESSOR', minSkillLevel: 3 })).toEqual(of('H'));
      expect(await f({ certificateKind: 'PROFESSIONAL_LICENSE' })).toEqual([]);
      // activeOn moves the validity date: D's revocation (today) and E's expiry (2025-06-30) lie after it.
      expect(await f({ minSkillLevel: 3, activeOn: '2025-06-30' })).toEqual(of('B', 'C', 'D', 'E'));
      expect(await f({ minSkillLevel: 3, activeOn: '2025-07-01' })).toEqual(of('B', 'C', 'D'));
      expect(await f({ minSkillLevel: 3, activeOn: yesterday })).toEqual(of('B', 'C', 'D'));
      // Issued 2024-06-01: not yet on 2024-05-31.
      expect(await f({ certificateKind: 'NURSING_ASSISTANT_SKILL', activeOn: '2024-05-31' })).toEqual([]);

      // An institution admin: the same within its staff; a planner by region (500236 is this test's alone).
      expect(await people({ minSkillLevel: 3 }, admin.token)).toEqual(of('B', 'C'));
      expect(await people({ minSkillLevel: 1, regionCode: '500236' })).toEqual(of('C'));
      expect(await people({ certificateKind: 'NURSING_ASSISTANT_SKILL', regionCode: '500236' })).toEqual(
        of('A', 'B', 'C'),
      );

      for (const minSkillLevel of [0, 6, -1]) {
        const res = await gql(
          PEOPLE,
          { filter: { institutionId, minSkillLevel }, first: 10 },
          tokens.MUNICIPAL_PLANNER,
        );
        expect(codes(res)).toEqual(['BAD_USER_INPUT']);
        expect(res.body.errors![0].extensions!.fields).toEqual(['filter.minSkillLevel']);
      }
    });
  });

  // =============================================================================================================
  describe('skillProfile', () => {
    it('counts primary caregivers by highest valid level (and uncertified), social workers with a valid SOCIAL_WORK', async () => {
      // Region 500243 and zone Z03 hold this test's staff only; 500242 one caregiver outside it.
      const cityBefore = shape(await profile({}));
      const zoned = await createInstitution(t, { regionCode: '500243', zoneCode: 'Z03' });
      const plain = await createInstitution(t, { regionCode: '500243' });
      const outside = await createInstitution(t, { regionCode: '500242' });
      const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId: plain });
      const assessorBody = await newBody({ certificateKinds: ['CAPABILITY_ASSESSOR'] });

      const c = [
        await hire(zoned, 'CAREGIVER'), // c0: levels 4 and 2 -> 2
        await hire(zoned, 'CAREGIVER'), // c1: level 5, level 1 revoked today -> 5 (1 on 2025-06-01)
        await hire(zoned, 'CAREGIVER'), // c2: none
        await hire(zoned, 'CAREGIVER'), // c3: level 3 expired 2025-06-30
        await hire(plain, 'CAREGIVER'), // c4: CAPABILITY_ASSESSOR 1 only
        await hire(plain, 'CAREGIVER'), // c5: SOCIAL_WORK 1 only
        await hire(plain, 'CAREGIVER'), // c6: level 3 issued 2025-09-01
        await hire(plain, 'CAREGIVER'), // c7: level 5; also a later SOCIAL_WORKER job (primary stays CAREGIVER)
      ];
      await hire(zoned, 'SOCIAL_WORKER', { idNumber: c[7].idNumber, name: c[7].name, startDate: '2022-01-01' });
      // Not a primary caregiver: a nurse since 2020 who also works as a caregiver since 2021, level 1.
      const nurse = await hire(plain, 'NURSE', { startDate: '2020-01-01' });
      await hire(zoned, 'CAREGIVER', { idNumber: nurse.idNumber, name: nurse.name, startDate: '2021-01-01' });
      // Not active: a caregiver who left on 2025-03-01, level 1.
      const leaver = await hire(plain, 'CAREGIVER', { startDate: '2024-01-01' });
      await ok(
        END_EMPLOYMENT,
        { id: leaver.employmentId, endDate: '2025-03-01', reason: 'RESIGNED' },
        tokens.MUNICIPAL_PLANNER,
      );
      // Outside the region: level 1.
      const away = await hire(outside, 'CAREGIVER');
      const s = [
        await hire(plain, 'SOCIAL_WORKER'), // s0: SOCIAL_WORK 3
        await hire(plain, 'SOCIAL_WORKER'), // s1: none
        await hire(plain, 'SOCIAL_WORKER'), // s2: SOCIAL_WORK 2 revoked today
        await hire(plain, 'SOCIAL_WORKER'), // s3: external SOCIAL_WORK
        await hire(plain, 'SOCIAL_WORKER'), // s4: NURSING_ASSISTANT_SKILL 1 only
      ];

      const ids = await issue([
        certFor(c[0], { level: 4 }),
        certFor(c[0], { level: 2 }),
        certFor(c[1], { level: 5 }),
        certFor(c[1], { level: 1 }), // [3] revoked below
        certFor(c[3], { level: 3, expiresOn: '2025-06-30' }),
        certFor(c[5], { kind: 'SOCIAL_WORK', level: 1 }),
        certFor(c[6], { level: 3, issuedOn: '2025-09-01' }),
        certFor(c[7], { level: 5 }),
        certFor(nurse, { level: 1 }),
        certFor(leaver, { level: 1 }),
        certFor(away, { level: 1 }),
        certFor(s[0], { kind: 'SOCIAL_WORK', level: 3 }),
        certFor(s[2], { kind: 'SOCIAL_WORK', level: 2 }), // [12] revoked below
        certFor(s[4], { level: 1 }),
      ]);
      await issue([certFor(c[4], { kind: 'CAPABILITY_ASSESSOR', level: 1 })], assessorBody.token);
      await recordExternal(admin.token, {
        personId: s[3].personId,
        kind: 'SOCIAL_WORK',
        level: 2,
        certificateNumber: certNo('SWX'),
        issuerName: '人力资源社会保障部',
        issuedOn: '2023-06-01',
      });
      await revoke(ids[3], college.token);
      await revoke(ids[12], tokens.MUNICIPAL_PLANNER);

      const todayProfile = await profile({ regionCode: '500243' });
      expect(todayProfile.asOf).toBe(today);
      expect(todayProfile.regionCode).toBe('500243');
      expect(todayProfile.caregiversBySkillLevel.map(({ level, levelName }) => ({ level, levelName }))).toEqual(
        [5, 4, 3, 2, 1].map((level) => ({ level, levelName: SKILL_NAMES[level] })),
      );
      const expectedToday = {
        caregivers: 8,
        L5: 2, // c1 (its level 1 is revoked), c7
        L4: 0,
        L3: 1, // c6
        L2: 1, // c0
        L1: 0,
        uncertified: 4, // c2, c3 (expired), c4 (assessor only), c5 (social work only)
        socialWorkers: 5,
        certified: 2, // s0, s3 (external)
      };
      expect(shape(todayProfile)).toEqual(expectedToday);
      expect(shape(await profile({ regionCode: '500243', asOf: today }))).toEqual(expectedToday);
      // On 2025-06-01: c1's level 1 not yet revoked, c3's not yet expired, c6's not yet issued, s2 certified.
      expect(shape(await profile({ regionCode: '500243', asOf: '2025-06-01' }))).toEqual({
        caregivers: 8,
        L5: 1, // c7
        L4: 0,
        L3: 1, // c3
        L2: 1, // c0
        L1: 1, // c1
        uncertified: 4, // c2, c4, c5, c6
        socialWorkers: 5,
        certified: 3, // s0, s2, s3
      });
      // On 2024-12-31 the leaver still worked there (level 1); everyone else as on 2025-06-01.
      expect(shape(await profile({ regionCode: '500243', asOf: '2024-12-31' }))).toMatchObject({
        caregivers: 9,
        L1: 2,
      });
      // The zone: the four caregivers of the zoned institution (the nurse's caregiver job there is not primary).
      expect(shape(await profile({ regionCode: 'Z03' }))).toEqual({
        ...zeroShape,
        caregivers: 4,
        L5: 1,
        L2: 1,
        uncertified: 2,
      });
      // City-wide: this test's region plus the caregiver outside it.
      expect(minus(shape(await profile({})), cityBefore)).toEqual({ ...expectedToday, caregivers: 9, L1: 1 });
      expect((await profile({})).regionCode).toBeNull();
      // A region nobody works in: zeros.
      expect(shape(await profile({ regionCode: '500229' }))).toEqual(zeroShape);
    });

    it('refuses a future date, a date before 2000 and an unknown region (BAD_USER_INPUT)', async () => {
      for (const [vars, field] of [
        [{ asOf: tomorrow }, 'asOf'],
        [{ asOf: '1999-12-31' }, 'asOf'],
        [{ regionCode: '999999' }, 'regionCode'],
      ] as const) {
        const res = await gql(PROFILE, vars, tokens.MUNICIPAL_PLANNER);
        expect(codes(res)).toEqual(['BAD_USER_INPUT']);
        expect(res.body.errors![0].extensions!.fields).toEqual([field]);
      }
      expect(codes(await gql(PROFILE, { asOf: '2025-02-29' }, tokens.MUNICIPAL_PLANNER))).toEqual(['BAD_USER_INPUT']);
    });

    it('gives a district planner its district only; other regions and other roles are FORBIDDEN', async () => {
      // Region 500241 holds this test's staff only.
      const institutionId = await createInstitution(t, { regionCode: '500241' });
      const carer = await hire(institutionId, 'CAREGIVER');
      await issue([certFor(carer, { level: 3 })]);
      const district = await signIn(t, { role: 'DISTRICT_PLANNER', regionCode: '500241' });
      const own = await profile({}, district.token);
      expect(own.regionCode).toBe('500241');
      expect(shape(own)).toEqual({ ...zeroShape, caregivers: 1, L3: 1 });
      expect(shape(await profile({ regionCode: '500241' }, district.token))).toEqual(shape(own));
      for (const regionCode of ['500101', 'Z01']) {
        const res = await gql(PROFILE, { regionCode }, district.token);
        expect(codes(res)).toEqual(['FORBIDDEN']);
      }
      const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId });
      for (const token of [admin.token, college.token, tokens.ADMIN, tokens.VOLUNTEER]) {
        expect(codes(await gql(PROFILE, {}, token))).toEqual(['FORBIDDEN']);
      }
      expect(codes(await gql(PROFILE, {}))).toEqual(['UNAUTHENTICATED']);
    });
  });

  // =============================================================================================================
  describe('scope', () => {
    it('only an evaluation body account may submit: others FORBIDDEN (UNAUTHENTICATED anonymously), nothing written', async () => {
      const institutionId = await createInstitution(t);
      const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId });
      // An EVALUATION_BODY account whose body does not exist (the factory's placeholder id).
      const orphan = await signIn(t, { role: 'EVALUATION_BODY' });
      const rows = [certRow(), certRow({ kind: 'SOCIAL_WORK', level: 2 })];
      for (const token of [
        admin.token,
        tokens.MUNICIPAL_PLANNER,
        tokens.DISTRICT_PLANNER,
        tokens.ADMIN,
        tokens.VOLUNTEER,
        orphan.token,
      ]) {
        await expectRefused(SUBMIT, { rows }, token, 'FORBIDDEN');
        await expectRefused(SUBMIT, { rows, dryRun: true }, token, 'FORBIDDEN');
      }
      await expectRefused(SUBMIT, { rows }, undefined, 'UNAUTHENTICATED');
      rows.forEach((r) => remember(r.idNumber));
    });

    it('a body sees no people or certificates, and cannot revoke another body’s certificate', async () => {
      const institutionId = await createInstitution(t);
      const carer = await hire(institutionId, 'CAREGIVER');
      const [id] = await issue([certFor(carer)]);
      const other = await newBody();
      expect(codes(await gql(PERSON_CERTS, { id: carer.personId }, other.token))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(PEOPLE, { first: 10 }, other.token))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(PERSON_CERTS, { id: carer.personId }, college.token))).toEqual(['FORBIDDEN']);
      const res = await expectRefused(REVOKE, { id, reason: '越权' }, other.token, 'FORBIDDEN');
      // The refusal tells nothing about the certificate.
      expect(JSON.stringify(res.body)).not.toContain(carer.name);
      expect(
        (await t.db.query('SELECT revoked_on FROM certificate WHERE id = $1', [id])).rows[0].revoked_on,
      ).toBeNull();
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('verifyCertificate rate limit (an app of its own)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // TRUST_PROXY lets X-Forwarded-For name the client, so that one test can play several clients.
    t = await startTestApp({ VERIFY_RATE_LIMIT: '20', TRUST_PROXY: '1' });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const ask = (client: string, query = VERIFY, variables: Record<string, unknown> = { n: 'CQ-000001', m: '王小明' }) =>
    t.gql(query, variables, undefined, { 'x-forwarded-for': client });

  it('lets 20 verifications a minute through and refuses the 21st with RATE_LIMITED; other clients go on', async () => {
    for (let i = 1; i <= 20; i++) {
      const res = await ask('203.0.113.7');
      expect({ i, errors: res.body.errors }).toEqual({ i, errors: undefined });
      expect(res.body.data!.verifyCertificate.matched).toBe(false);
    }
    const refused = await ask('203.0.113.7');
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.body.errors![0].extensions!.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(codes(await ask('203.0.113.7'))).toEqual(['RATE_LIMITED']);
    // Another client has its own budget.
    expect((await ask('203.0.113.8')).body.errors).toBeUndefined();
  });

  it('counts every alias: 21 verifications in one request are not let through', async () => {
    const aliases = Array.from(
      { length: 21 },
      (_, i) => `v${i}: verifyCertificate(certificateNumber: "CQ-${i}", name: "王小明") { matched }`,
    );
    const res = await ask('203.0.113.9', `{ ${aliases.join(' ')} }`, {});
    expect(codes(res)).toContain('RATE_LIMITED');
    expect(codes(res).filter((c) => c === 'RATE_LIMITED')).toHaveLength(1);
  });

  it('defaults to 30 a minute and refuses a setting below 20', () => {
    const base = { NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, PII_KEY: TEST_PII_KEY };
    expect(loadConfig(base, () => {}).limits.verificationsPerClientPerMinute).toBe(30);
    expect(loadConfig({ ...base, VERIFY_RATE_LIMIT: '20' }, () => {}).limits.verificationsPerClientPerMinute).toBe(20);
    expect(() => loadConfig({ ...base, VERIFY_RATE_LIMIT: '19' }, () => {})).toThrow(/VERIFY_RATE_LIMIT/);
  });
});
