import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { todayInShanghai } from '../../src/common/dates.js';
import { auditCount, createInstitution, creditCode, signIn, signInRoles } from '../helpers/factories.js';
import { codes, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/test-app.js';

// The college pipeline end to end: program years recorded by colleges, summed by educationPipeline. The pipeline
// sums the whole city or a region, so each test uses a year of its own (named where it arranges its data).

const RECORD = `mutation($input: RecordCollegeProgramYearInput!) {
  recordCollegeProgramYear(input: $input) { major year enrolled graduated graduatesEnteringElderCare college { id name } }
}`;
const PIPELINE = `query($year: Int!, $regionCode: String) {
  educationPipeline(year: $year, regionCode: $regionCode) {
    year regionCode enrolled graduated graduatesEnteringElderCare entryRate
    byMajor { major enrolled graduated graduatesEnteringElderCare entryRate }
  }
}`;

const MAJORS = [
  'ELDER_CARE_MANAGEMENT',
  'ELDER_CARE_SERVICES',
  'REHABILITATION_NURSING',
  'ELDER_NUTRITION',
  'ELDER_SOCIAL_WORK',
  'ELDER_PRODUCTS',
];
const currentYear = Number(todayInShanghai().slice(0, 4));

interface Figures {
  enrolled: number;
  graduated: number;
  graduatesEnteringElderCare: number;
}

/** Every major with its figures (zeros for the rest) and entry rate. */
const byMajor = (figures: Record<string, Figures>) =>
  MAJORS.map((major) => {
    const f = figures[major] ?? { enrolled: 0, graduated: 0, graduatesEnteringElderCare: 0 };
    return { major, ...f, entryRate: f.graduated === 0 ? null : f.graduatesEnteringElderCare / f.graduated };
  });

const roundTrips = (res: GraphQLResponse) => Number(res.headers['x-sql-round-trips']);

describe('education pipeline', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let college: { id: string; token: string; name: string };

  beforeAll(async () => {
    // EXPOSE_QUERY_COUNT only adds the x-sql-round-trips header, so one app serves every test here.
    t = await startTestApp({ EXPOSE_QUERY_COUNT: 'true' });
    const institutionId = await createInstitution(t, { regionCode: '500101' });
    Object.assign(
      tokens,
      await signInRoles(t, [
        { role: 'MUNICIPAL_PLANNER' },
        { role: 'DISTRICT_PLANNER', regionCode: '500102' },
        { role: 'INSTITUTION_ADMIN', institutionId },
        { role: 'ADMIN' },
        { role: 'VOLUNTEER' },
      ]),
    );
    college = await bodyAccount({ name: '重庆城市管理职业学院', regionCode: '500106' });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Files a body directly and signs in an account for it. */
  async function bodyAccount(spec: { name?: string; kind?: string; regionCode?: string } = {}) {
    const regionCode = spec.regionCode ?? '500101';
    const name = spec.name ?? `学院${randomBytes(3).toString('hex')}`;
    const { rows } = await t.db.query(
      `INSERT INTO evaluation_body (name, kind, credit_code, region_code, filing_number, filed_from, filed_to,
                                    certificate_kinds, may_train)
       VALUES ($1, $2, $3, $4, $5, '2020-01-01', '2030-12-31', '{}', false) RETURNING id`,
      [
        name,
        spec.kind ?? 'VOCATIONAL_COLLEGE',
        creditCode(regionCode),
        regionCode,
        `渝备-${randomBytes(6).toString('hex')}`,
      ],
    );
    const id = rows[0].id as string;
    const { token } = await signIn(t, { role: 'EVALUATION_BODY', evaluationBodyId: id });
    return { id, token, name };
  }

  const input = (over: Record<string, unknown> = {}) => ({
    major: 'ELDER_CARE_SERVICES',
    year: 2024,
    enrolled: 120,
    graduated: 100,
    graduatesEnteringElderCare: 60,
    ...over,
  });

  async function recordYear(over: Record<string, unknown>, token = college.token) {
    const res = await t.gql<{ recordCollegeProgramYear: any }>(RECORD, { input: input(over) }, token);
    if (!res.body.data?.recordCollegeProgramYear) throw new Error(`record: ${JSON.stringify(res.body)}`);
    return res.body.data.recordCollegeProgramYear;
  }

  async function pipeline(year: number, regionCode?: string | null, token = tokens.MUNICIPAL_PLANNER) {
    const res = await t.gql<{ educationPipeline: any }>(PIPELINE, { year, regionCode }, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.educationPipeline;
  }

  const counts = async () =>
    (
      await t.db.query(`SELECT (SELECT count(*)::int FROM college_program_year) AS years,
                               (SELECT count(*)::int FROM audit_event) AS audits`)
    ).rows[0];

  const storedYears = async (collegeId: string, year: number) =>
    (
      await t.db.query(
        `SELECT major::text, enrolled, graduated, graduates_entering_elder_care AS entering
           FROM college_program_year WHERE college_id = $1 AND year = $2 ORDER BY major`,
        [collegeId, year],
      )
    ).rows;

  async function expectRefused(
    variables: Record<string, unknown>,
    token: string | undefined,
    code: string,
    fields?: string[],
  ) {
    const before = await counts();
    const res = await t.gql(RECORD, variables, token);
    expect(codes(res)).toEqual([code]);
    if (fields) expect([...res.body.errors![0].extensions!.fields].sort()).toEqual([...fields].sort());
    expect(res.body.data ?? null).toBeNull();
    expect(await counts()).toEqual(before);
  }

  describe('recordCollegeProgramYear', () => {
    it('records a college’s figures with one audit event, and replaces them when recorded again', async () => {
      // Year 2001.
      const audits = await auditCount(t, 'recordCollegeProgramYear');
      const first = await recordYear({ year: 2001, major: 'ELDER_SOCIAL_WORK' });
      expect(first).toEqual({
        major: 'ELDER_SOCIAL_WORK',
        year: 2001,
        enrolled: 120,
        graduated: 100,
        graduatesEnteringElderCare: 60,
        college: { id: college.id, name: '重庆城市管理职业学院' },
      });
      const again = await recordYear({
        year: 2001,
        major: 'ELDER_SOCIAL_WORK',
        enrolled: 130,
        graduated: 90,
        graduatesEnteringElderCare: 90,
      });
      expect(again).toMatchObject({ enrolled: 130, graduated: 90, graduatesEnteringElderCare: 90 });
      // The same figures once more change nothing.
      await recordYear({
        year: 2001,
        major: 'ELDER_SOCIAL_WORK',
        enrolled: 130,
        graduated: 90,
        graduatesEnteringElderCare: 90,
      });
      expect(await storedYears(college.id, 2001)).toEqual([
        { major: 'ELDER_SOCIAL_WORK', enrolled: 130, graduated: 90, entering: 90 },
      ]);
      expect(await auditCount(t, 'recordCollegeProgramYear')).toBe(audits + 3);
      const { rows } = await t.db.query(
        `SELECT summary FROM audit_event WHERE operation = 'recordCollegeProgramYear' AND record_id = $1 ORDER BY id`,
        [`${college.id}:ELDER_SOCIAL_WORK:2001`],
      );
      expect(rows.map((r) => [r.summary.before, r.summary.after])).toEqual([
        [null, { enrolled: 120, graduated: 100, graduatesEnteringElderCare: 60 }],
        [
          { enrolled: 120, graduated: 100, graduatesEnteringElderCare: 60 },
          { enrolled: 130, graduated: 90, graduatesEnteringElderCare: 90 },
        ],
        [
          { enrolled: 130, graduated: 90, graduatesEnteringElderCare: 90 },
          { enrolled: 130, graduated: 90, graduatesEnteringElderCare: 90 },
        ],
      ]);
    });

    it('accepts zeros, everyone entering elder care, and years from 2000 to five years ahead', async () => {
      await recordYear({ year: 2000, enrolled: 0, graduated: 0, graduatesEnteringElderCare: 0 });
      await recordYear({ year: currentYear + 5, graduated: 40, graduatesEnteringElderCare: 40 });
      const school = await bodyAccount({ kind: 'TECHNICAL_SCHOOL' });
      expect(await recordYear({ year: 2002 }, school.token)).toMatchObject({ college: { id: school.id } });
    });

    it('reports every bad figure at once and writes nothing', async () => {
      await expectRefused(
        { input: input({ year: 1999, enrolled: -1, graduated: -2, graduatesEnteringElderCare: -3 }) },
        college.token,
        'BAD_USER_INPUT',
        ['year', 'enrolled', 'graduated', 'graduatesEnteringElderCare'],
      );
      await expectRefused(
        { input: input({ year: currentYear + 6, graduated: 10, graduatesEnteringElderCare: 11 }) },
        college.token,
        'BAD_USER_INPUT',
        ['year', 'graduatesEnteringElderCare'],
      );
      await expectRefused({ input: input({ enrolled: 1_000_001 }) }, college.token, 'BAD_USER_INPUT', ['enrolled']);
      // An unknown major is refused by GraphQL itself.
      await expectRefused({ input: input({ major: 'NURSING' }) }, college.token, 'BAD_USER_INPUT');
    });

    it('is for a vocational college or technical school only', async () => {
      for (const kind of ['TRAINING_PROVIDER', 'CARE_INSTITUTION', 'INDUSTRY_ASSOCIATION']) {
        const body = await bodyAccount({ kind });
        await expectRefused({ input: input() }, body.token, 'FORBIDDEN');
      }
      for (const role of ['MUNICIPAL_PLANNER', 'DISTRICT_PLANNER', 'INSTITUTION_ADMIN', 'ADMIN', 'VOLUNTEER']) {
        await expectRefused({ input: input() }, tokens[role], 'FORBIDDEN');
      }
      await expectRefused({ input: input() }, undefined, 'UNAUTHENTICATED');
    });
  });

  describe('educationPipeline', () => {
    it('sums colleges by major, lists every major, and gives entry rates as fractions', async () => {
      // Year 2010 (colleges in 500106, 500101 and 500102).
      const second = await bodyAccount({ regionCode: '500101', kind: 'TECHNICAL_SCHOOL' });
      const third = await bodyAccount({ regionCode: '500102' });
      await recordYear({
        year: 2010,
        major: 'ELDER_CARE_SERVICES',
        enrolled: 100,
        graduated: 80,
        graduatesEnteringElderCare: 40,
      });
      await recordYear({
        year: 2010,
        major: 'ELDER_NUTRITION',
        enrolled: 30,
        graduated: 0,
        graduatesEnteringElderCare: 0,
      });
      await recordYear(
        { year: 2010, major: 'ELDER_CARE_SERVICES', enrolled: 50, graduated: 20, graduatesEnteringElderCare: 20 },
        second.token,
      );
      await recordYear(
        { year: 2010, major: 'REHABILITATION_NURSING', enrolled: 10, graduated: 4, graduatesEnteringElderCare: 1 },
        third.token,
      );
      // Another year does not count.
      await recordYear({
        year: 2011,
        major: 'ELDER_CARE_SERVICES',
        enrolled: 999,
        graduated: 999,
        graduatesEnteringElderCare: 1,
      });

      expect(await pipeline(2010)).toEqual({
        year: 2010,
        regionCode: null,
        enrolled: 190,
        graduated: 104,
        graduatesEnteringElderCare: 61,
        entryRate: 61 / 104,
        byMajor: byMajor({
          ELDER_CARE_SERVICES: { enrolled: 150, graduated: 100, graduatesEnteringElderCare: 60 },
          ELDER_NUTRITION: { enrolled: 30, graduated: 0, graduatesEnteringElderCare: 0 },
          REHABILITATION_NURSING: { enrolled: 10, graduated: 4, graduatesEnteringElderCare: 1 },
        }),
      });
      expect((await pipeline(2010)).byMajor.find((m: any) => m.major === 'ELDER_CARE_SERVICES').entryRate).toBe(0.6);

      // A region: the colleges filed there.
      expect(await pipeline(2010, '500101')).toEqual({
        year: 2010,
        regionCode: '500101',
        enrolled: 50,
        graduated: 20,
        graduatesEnteringElderCare: 20,
        entryRate: 1,
        byMajor: byMajor({ ELDER_CARE_SERVICES: { enrolled: 50, graduated: 20, graduatesEnteringElderCare: 20 } }),
      });
      // A district planner: its region by default.
      const district = await pipeline(2010, undefined, tokens.DISTRICT_PLANNER);
      expect(district).toMatchObject({ regionCode: '500102', enrolled: 10, graduated: 4, entryRate: 0.25 });
      expect(await pipeline(2010, '500102', tokens.DISTRICT_PLANNER)).toEqual(district);
    });

    it('answers zeros and null rates for a year without figures', async () => {
      // Year 2012.
      expect(await pipeline(2012)).toEqual({
        year: 2012,
        regionCode: null,
        enrolled: 0,
        graduated: 0,
        graduatesEnteringElderCare: 0,
        entryRate: null,
        byMajor: byMajor({}),
      });
    });

    it('shows a college its own figures only', async () => {
      // Year 2013 (colleges in 500106 and 500107).
      const other = await bodyAccount({ regionCode: '500107' });
      await recordYear({
        year: 2013,
        major: 'ELDER_PRODUCTS',
        enrolled: 7,
        graduated: 5,
        graduatesEnteringElderCare: 2,
      });
      await recordYear(
        { year: 2013, major: 'ELDER_PRODUCTS', enrolled: 70, graduated: 50, graduatesEnteringElderCare: 20 },
        other.token,
      );
      const own = await pipeline(2013, undefined, college.token);
      expect(own).toMatchObject({ enrolled: 7, graduated: 5, graduatesEnteringElderCare: 2, entryRate: 0.4 });
      expect((await pipeline(2013, undefined, other.token)).enrolled).toBe(70);
      // Asking for the other college's region shows none of its figures.
      expect((await pipeline(2013, '500107', college.token)).enrolled).toBe(0);
      expect((await pipeline(2013)).enrolled).toBe(77);
    });

    it('refuses other roles, a non-college body, another district, a bad year or region', async () => {
      const trainer = await bodyAccount({ kind: 'TRAINING_PROVIDER' });
      for (const token of [trainer.token, tokens.INSTITUTION_ADMIN, tokens.ADMIN, tokens.VOLUNTEER]) {
        const res = await t.gql(PIPELINE, { year: 2014 }, token);
        expect(codes(res)).toEqual(['FORBIDDEN']);
        expect(res.body.data).toBeNull();
      }
      expect(codes(await t.gql(PIPELINE, { year: 2014 }))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await t.gql(PIPELINE, { year: 2014, regionCode: '500101' }, tokens.DISTRICT_PLANNER))).toEqual([
        'FORBIDDEN',
      ]);
      for (const year of [1999, 2101]) {
        const res = await t.gql(PIPELINE, { year }, tokens.MUNICIPAL_PLANNER);
        expect(codes(res)).toEqual(['BAD_USER_INPUT']);
        expect(res.body.errors![0].extensions!.fields).toEqual(['year']);
      }
      for (const regionCode of ['Z02', '999999', '']) {
        const res = await t.gql(PIPELINE, { year: 2014, regionCode }, tokens.MUNICIPAL_PLANNER);
        expect([regionCode, codes(res)]).toEqual([regionCode, ['BAD_USER_INPUT']]);
        expect(res.body.errors![0].extensions!.fields).toEqual(['regionCode']);
      }
    });

    it('costs one statement (the guard none: the caller’s account is kept by the account cache)', async () => {
      for (const [regionCode, token] of [
        [undefined, tokens.MUNICIPAL_PLANNER],
        ['500106', tokens.MUNICIPAL_PLANNER],
        [undefined, tokens.DISTRICT_PLANNER],
        [undefined, college.token],
      ] as const) {
        const res = await t.gql(PIPELINE, { year: 2015, regionCode }, token);
        expect(res.body.errors).toBeUndefined();
        // Before issue 20's account cache, the guard's look-up of the account made it 2.
        expect(roundTrips(res)).toBe(1);
      }
    });
  });
});
