import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  auditCount,
  createInstitution,
  residentId,
  signIn,
  signInRoles,
  staffInput,
  type StaffSpec,
} from '../helpers/factories.js';
import { codes, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/test-app.js';

// Scope of the workforce reads (people, person, nested fields), the people filters and pagination, the SQL
// round trips of the lists, the headcount counting rules (DESIGN.md "Counting rules") and the staffing fields of
// Institution. Every registration uses past dates, so "today" counts are exact whatever day the tests run.
//
// All tests share one app (and database). Each test works in regions (and under name prefixes) no other test in
// this file uses, so that its counts are exact and no test depends on another.

const PEOPLE = `query($filter: PeopleFilter, $first: Int, $after: String) {
  people(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name employments { id occupation startDate endDate institution { id regionCode } } } }
  }
}`;
/** The same list without nested employments (the resolver then skips the employments subquery). */
const PEOPLE_LEAN = `query($filter: PeopleFilter, $first: Int, $after: String) {
  people(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name } }
  }
}`;
/** The people page of the round-trip budget (as the contract's People operation asks it). */
const PEOPLE_PAGE = `query($filter: PeopleFilter, $first: Int, $after: String) {
  people(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name idNumberMasked employments { id occupation institution { id regionCode } } } }
  }
}`;
const PERSON = `query($id: ID!) {
  person(id: $id) { id name employments { id occupation startDate endDate institution { id regionCode } } }
}`;
const HEADCOUNT = `query($asOf: Date, $regionCode: String) {
  workforceHeadcount(asOf: $asOf, regionCode: $regionCode) {
    asOf regionCode total byTeam { team count } byOccupation { occupation count } byRegion { regionCode count }
  }
}`;
const REGISTER_NESTED = `mutation($input: RegisterStaffInput!) {
  registerStaff(input: $input) {
    id occupation
    institution { id regionCode }
    person { id name employments { id institution { id regionCode } } }
  }
}`;
const REGISTER = `mutation($input: RegisterStaffInput!) { registerStaff(input: $input) { id person { id name } } }`;
const BATCH = `mutation($rows: [RegisterStaffInput!]!) {
  registerStaffBatch(rows: $rows) { accepted skipped written errors { index field code message } }
}`;
const END = `mutation($id: ID!, $endDate: Date!, $reason: EndReason!) {
  endEmployment(id: $id, endDate: $endDate, reason: $reason) { id endDate endReason }
}`;
const CORRECT = `mutation($id: ID!, $input: CorrectPersonInput!, $reason: String!) {
  correctPerson(id: $id, input: $input, reason: $reason) { id name employments { id institution { id regionCode } } }
}`;
const INSTITUTION_COUNTS = `query($id: ID!) {
  institution(id: $id) { id activeStaffCount socialWorkerCount requiredSocialWorkers }
}`;
const INSTITUTIONS_COUNTS = `query($filter: InstitutionFilter, $first: Int) {
  institutions(filter: $filter, first: $first) {
    totalCount
    edges { node { id type beds activeStaffCount socialWorkerCount requiredSocialWorkers } }
  }
}`;

const TEAMS = ['CARE', 'PROFESSIONAL_TECHNICAL', 'MANAGEMENT'];
const OCCUPATIONS = [
  'CAREGIVER',
  'SOCIAL_WORKER',
  'CAPABILITY_ASSESSOR',
  'MEDICAL',
  'NURSE',
  'REHABILITATION',
  'NUTRITION',
  'PSYCHOLOGICAL_COUNSELOR',
  'DIRECTOR',
  'MANAGER',
];

/** Today in Asia/Shanghai, computed here independently of the app. */
const shanghaiToday = (now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
const plusDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

interface EmploymentNode {
  id: string;
  occupation: string;
  startDate: string;
  endDate: string | null;
  institution: { id: string; regionCode: string };
}
interface PersonNode {
  id: string;
  name: string;
  employments?: EmploymentNode[];
}
interface PeoplePage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: PersonNode }[];
}
interface Headcount {
  asOf: string;
  regionCode: string | null;
  total: number;
  byTeam: { team: string; count: number }[];
  byOccupation: { occupation: string; count: number }[];
  byRegion: { regionCode: string; count: number }[];
}

/** Non-zero counts of a breakdown, as a plain object. */
const nonZero = <K extends string>(rows: ({ count: number } & Record<K, string>)[], key: K) =>
  Object.fromEntries(rows.filter((r) => r.count > 0).map((r) => [r[key], r.count]));

/** PostgreSQL orders uuids by their bytes, which for lower-case text is plain string order. */
const lowestUuid = (ids: string[]) => [...ids].map((id) => id.toLowerCase()).sort()[0];

/** Byte order of names (the list's collation is "C"), then id: the order `people` promises. */
const byNameThenId = (a: PersonNode, b: PersonNode) =>
  Buffer.compare(Buffer.from(a.name, 'utf8'), Buffer.from(b.name, 'utf8')) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const roundTrips = (res: GraphQLResponse) => Number(res.headers['x-sql-round-trips']);

describe('workforce: scope, filters, headcount and staffing counts', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    // EXPOSE_QUERY_COUNT only adds the x-sql-round-trips header, so one app serves every test here.
    t = await startTestApp({ EXPOSE_QUERY_COUNT: 'true' });
    Object.assign(
      tokens,
      await signInRoles(t, [
        { role: 'MUNICIPAL_PLANNER' },
        { role: 'ADMIN' },
        { role: 'VOLUNTEER' },
        { role: 'EVALUATION_BODY' },
      ]),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  // ---- arranging data (through the API, as a municipal planner unless told) ----

  interface Job {
    institutionId: string;
    occupation?: string;
    startDate: string;
    /** Ended through endEmployment (exclusive: the first day not worked). */
    endDate?: string;
  }

  /** Registers one person's jobs (same ID number and name each time); returns the person and employment ids. */
  const hire = async (
    name: string,
    jobs: Job[],
    idNumber = residentId(),
    token = tokens.MUNICIPAL_PLANNER,
  ): Promise<{ personId: string; employmentIds: string[] }> => {
    let personId = '';
    const employmentIds: string[] = [];
    for (const job of jobs) {
      const res = await t.gql<{ registerStaff: { id: string; person: { id: string } } }>(
        REGISTER,
        {
          input: staffInput({
            institutionId: job.institutionId,
            idNumber,
            name,
            occupation: job.occupation ?? 'CAREGIVER',
            startDate: job.startDate,
          }),
        },
        token,
      );
      if (!res.body.data?.registerStaff) throw new Error(`registerStaff failed: ${JSON.stringify(res.body.errors)}`);
      personId = res.body.data.registerStaff.person.id;
      employmentIds.push(res.body.data.registerStaff.id);
      if (job.endDate) await endJob(res.body.data.registerStaff.id, job.endDate);
    }
    return { personId, employmentIds };
  };

  const endJob = async (id: string, endDate: string) => {
    const res = await t.gql(END, { id, endDate, reason: 'RESIGNED' }, tokens.MUNICIPAL_PLANNER);
    if (res.body.errors) throw new Error(`endEmployment failed: ${JSON.stringify(res.body.errors)}`);
  };

  /** Registers many rows in one batch (all must be accepted). */
  const registerBatch = async (rows: StaffSpec[]) => {
    const res = await t.gql<{ registerStaffBatch: { accepted: number; written: boolean; errors: unknown[] } }>(
      BATCH,
      { rows: rows.map(staffInput) },
      tokens.MUNICIPAL_PLANNER,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.registerStaffBatch).toMatchObject({ accepted: rows.length, written: true, errors: [] });
  };

  const institutionAdmin = async (institutionId: string) =>
    (await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId })).token;
  const districtPlanner = async (regionCode: string) =>
    (await signIn(t, { role: 'DISTRICT_PLANNER', regionCode })).token;

  // ---- reading ----

  const people = async (token: string, filter: Record<string, unknown> = {}, first = 100, after?: string) => {
    const res = await t.gql<{ people: PeoplePage }>(PEOPLE, { filter, first, after }, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.people;
  };
  const namesOf = (page: PeoplePage) => page.edges.map((e) => e.node.name);
  const nodeNamed = (page: PeoplePage, name: string) => page.edges.find((e) => e.node.name === name)!.node;

  const person = async (token: string, id: string) => {
    const res = await t.gql<{ person: PersonNode }>(PERSON, { id }, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.person;
  };

  const headcount = async (token: string, vars: { asOf?: string; regionCode?: string } = {}) => {
    const res = await t.gql<{ workforceHeadcount: Headcount }>(HEADCOUNT, vars, token);
    expect(res.body.errors).toBeUndefined();
    const h = res.body.data!.workforceHeadcount;
    expectConsistent(h);
    return h;
  };

  /** Every breakdown lists what it promises and adds up to the total. */
  const expectConsistent = (h: Headcount) => {
    expect(h.byTeam.map((r) => r.team).sort()).toEqual([...TEAMS].sort());
    expect(h.byOccupation.map((r) => r.occupation).sort()).toEqual([...OCCUPATIONS].sort());
    const sum = (rows: { count: number }[]) => rows.reduce((s, r) => s + r.count, 0);
    expect(sum(h.byTeam)).toBe(h.total);
    expect(sum(h.byOccupation)).toBe(h.total);
    expect(sum(h.byRegion)).toBe(h.total);
    expect(h.byRegion.every((r) => r.count > 0)).toBe(true);
  };

  const expectRefused = (res: GraphQLResponse, code: string) => {
    expect(codes(res)).toEqual([code]);
    expect(res.body.data ?? null).toBeNull();
  };

  /** Row counts and audit events, to show a refused mutation wrote nothing. */
  const writes = async () => ({
    persons: (await t.db.query('SELECT count(*)::int AS n FROM person')).rows[0].n as number,
    employments: (await t.db.query('SELECT count(*)::int AS n FROM employment')).rows[0].n as number,
    audits: await auditCount(t),
  });
  const storedPerson = async (id: string) =>
    (await t.db.query('SELECT name, phone_masked, education, updated_at FROM person WHERE id = $1', [id])).rows[0];
  const storedEmployment = async (id: string) =>
    (await t.db.query('SELECT end_date::text AS end_date, end_reason FROM employment WHERE id = $1', [id])).rows[0];

  // =====================================================================================================
  describe('scope', () => {
    it('shows an institution admin its own staff only, and only its own employments of shared staff', async () => {
      const own = await createInstitution(t, { regionCode: '500103' });
      const other = await createInstitution(t, { regionCode: '500103' });
      const token = await institutionAdmin(own);

      const onlyHere = await hire('机构甲一', [{ institutionId: own, startDate: '2021-01-01' }]);
      const elsewhere = await hire('机构甲二', [{ institutionId: other, startDate: '2021-01-01' }]);
      const both = await hire('机构甲三', [
        { institutionId: other, occupation: 'CAREGIVER', startDate: '2020-01-01' },
        { institutionId: own, occupation: 'NURSE', startDate: '2021-05-01' },
      ]);
      // A former employee stays in the institution's list (any employment, ended ones included).
      const former = await hire('机构甲四', [{ institutionId: own, startDate: '2020-01-01', endDate: '2022-01-01' }]);

      const page = await people(token);
      expect(namesOf(page)).toEqual(['机构甲一', '机构甲三', '机构甲四']);
      expect(page.totalCount).toBe(3);
      expect(nodeNamed(page, '机构甲三').employments).toEqual([
        {
          id: both.employmentIds[1],
          occupation: 'NURSE',
          startDate: '2021-05-01',
          endDate: null,
          institution: { id: own, regionCode: '500103' },
        },
      ]);
      expect(nodeNamed(page, '机构甲四').employments).toEqual([
        expect.objectContaining({ id: former.employmentIds[0], endDate: '2022-01-01' }),
      ]);
      // The list without nested employments counts the same people.
      const lean = await t.gql<{ people: PeoplePage }>(PEOPLE_LEAN, { first: 100 }, token);
      expect(lean.body.data!.people.totalCount).toBe(3);
      expect(lean.body.data!.people.edges.map((e) => e.node.id)).toEqual(page.edges.map((e) => e.node.id));

      // Its own institution as a filter is fine; another institution's is refused.
      expect((await people(token, { institutionId: own })).totalCount).toBe(3);
      expectRefused(await t.gql(PEOPLE, { filter: { institutionId: other } }, token), 'FORBIDDEN');
      expectRefused(await t.gql(PEOPLE_LEAN, { filter: { institutionId: other } }, token), 'FORBIDDEN');

      // person(id): someone never employed here is refused; a shared person shows only this institution's job.
      expectRefused(await t.gql(PERSON, { id: elsewhere.personId }, token), 'FORBIDDEN');
      expect((await person(token, both.personId)).employments!.map((e) => e.id)).toEqual([both.employmentIds[1]]);
      expect((await person(token, onlyHere.personId)).employments!.map((e) => e.id)).toEqual(onlyHere.employmentIds);
      expectRefused(await t.gql(PERSON, { id: '00000000-0000-4000-8000-00000000abcd' }, token), 'NOT_FOUND');

      // The municipal planner sees both of the shared person's jobs (the filter above is scope, not data).
      expect((await person(tokens.MUNICIPAL_PLANNER, both.personId)).employments!.map((e) => e.id)).toEqual(
        both.employmentIds,
      );
    });

    it('shows a district planner the people employed in its region only, and only their jobs there', async () => {
      const here = await createInstitution(t, { regionCode: '500104' });
      const there = await createInstitution(t, { regionCode: '500105' });
      const token = await districtPlanner('500104');

      await hire('区县乙一', [{ institutionId: here, startDate: '2021-01-01' }]);
      const elsewhere = await hire('区县乙二', [{ institutionId: there, startDate: '2021-01-01' }]);
      const both = await hire('区县乙三', [
        { institutionId: there, occupation: 'NURSE', startDate: '2020-01-01' },
        { institutionId: here, occupation: 'CAREGIVER', startDate: '2022-01-01' },
      ]);
      await hire('区县乙四', [{ institutionId: here, startDate: '2020-01-01', endDate: '2021-01-01' }]);

      const page = await people(token);
      expect(namesOf(page)).toEqual(['区县乙一', '区县乙三', '区县乙四']);
      expect(page.totalCount).toBe(3);
      expect(nodeNamed(page, '区县乙三').employments!.map((e) => [e.id, e.institution.regionCode])).toEqual([
        [both.employmentIds[1], '500104'],
      ]);
      expect(page.edges.flatMap((e) => e.node.employments!.map((j) => j.institution.regionCode))).toEqual([
        '500104',
        '500104',
        '500104',
      ]);

      // Its own region as a filter is fine; another region (a district or a zone) is refused.
      expect(namesOf(await people(token, { regionCode: '500104' }))).toEqual(['区县乙一', '区县乙三', '区县乙四']);
      for (const regionCode of ['500105', 'Z01']) {
        expectRefused(await t.gql(PEOPLE, { filter: { regionCode } }, token), 'FORBIDDEN');
      }
      // Another region's institution as a filter leaks nobody (refused, or an empty list).
      const byInstitution = await t.gql<{ people: PeoplePage }>(PEOPLE, { filter: { institutionId: there } }, token);
      if (byInstitution.body.errors) expectRefused(byInstitution, 'FORBIDDEN');
      else expect(byInstitution.body.data!.people).toMatchObject({ totalCount: 0, edges: [] });

      expectRefused(await t.gql(PERSON, { id: elsewhere.personId }, token), 'FORBIDDEN');
      const shared = await person(token, both.personId);
      expect(shared.employments!.map((e) => [e.id, e.institution.regionCode])).toEqual([
        [both.employmentIds[1], '500104'],
      ]);
    });

    it('scopes the nested person and institution of a registerStaff result', async () => {
      const own = await createInstitution(t, { regionCode: '500119' });
      const other = await createInstitution(t, { regionCode: '500120' });
      const idNumber = residentId();
      const earlier = await hire(
        '嵌套丙一',
        [{ institutionId: other, occupation: 'NURSE', startDate: '2020-01-01' }],
        idNumber,
      );

      // The institution admin registers the same person: the result shows its institution and only its own job.
      const adminToken = await institutionAdmin(own);
      const res = await t.gql<{ registerStaff: Record<string, any> }>(
        REGISTER_NESTED,
        { input: staffInput({ institutionId: own, idNumber, name: '嵌套丙一', startDate: '2022-01-01' }) },
        adminToken,
      );
      expect(res.body.errors).toBeUndefined();
      const created = res.body.data!.registerStaff;
      expect(created.institution).toEqual({ id: own, regionCode: '500119' });
      expect(created.person).toEqual({
        id: earlier.personId,
        name: '嵌套丙一',
        employments: [{ id: created.id, institution: { id: own, regionCode: '500119' } }],
      });

      // A district planner registering there sees the jobs in its region only.
      const plannerToken = await districtPlanner('500119');
      const res2 = await t.gql<{ registerStaff: Record<string, any> }>(
        REGISTER_NESTED,
        {
          input: staffInput({
            institutionId: own,
            idNumber,
            name: '嵌套丙一',
            occupation: 'SOCIAL_WORKER',
            startDate: '2023-01-01',
          }),
        },
        plannerToken,
      );
      expect(res2.body.errors).toBeUndefined();
      const second = res2.body.data!.registerStaff;
      expect(second.institution).toEqual({ id: own, regionCode: '500119' });
      expect(second.person.employments.map((e: { id: string }) => e.id)).toEqual([created.id, second.id]);
      expect(second.person.employments.map((e: EmploymentNode) => e.institution.regionCode)).toEqual([
        '500119',
        '500119',
      ]);
    });

    describe.each(['ADMIN', 'VOLUNTEER', 'EVALUATION_BODY'])('role %s', (role) => {
      it('is refused people, person and workforceHeadcount', async () => {
        const institutionId = await createInstitution(t, { regionCode: '500101' });
        const { personId } = await hire(`角色${role}`, [{ institutionId, startDate: '2021-01-01' }]);
        expectRefused(await t.gql(PEOPLE, {}, tokens[role]), 'FORBIDDEN');
        expectRefused(await t.gql(PEOPLE_LEAN, { filter: { institutionId } }, tokens[role]), 'FORBIDDEN');
        expectRefused(await t.gql(PERSON, { id: personId }, tokens[role]), 'FORBIDDEN');
        expectRefused(await t.gql(HEADCOUNT, {}, tokens[role]), 'FORBIDDEN');
        expectRefused(await t.gql(HEADCOUNT, { asOf: '2022-01-01', regionCode: '500101' }, tokens[role]), 'FORBIDDEN');
      });
    });

    it('refuses anonymous callers', async () => {
      for (const [query, variables] of [
        [PEOPLE, {}],
        [PERSON, { id: '00000000-0000-4000-8000-000000000001' }],
        [HEADCOUNT, {}],
      ] as const) {
        expectRefused(await t.gql(query, variables), 'UNAUTHENTICATED');
      }
    });

    it('refuses an institution admin the headcount and correctPerson, even for its own staff', async () => {
      const own = await createInstitution(t, { regionCode: '500102' });
      const token = await institutionAdmin(own);
      const { personId } = await hire('机构丁一', [{ institutionId: own, startDate: '2021-01-01' }]);

      expectRefused(await t.gql(HEADCOUNT, {}, token), 'FORBIDDEN');
      expectRefused(await t.gql(HEADCOUNT, { asOf: '2022-01-01', regionCode: '500102' }, token), 'FORBIDDEN');

      const before = await writes();
      const row = await storedPerson(personId);
      expectRefused(
        await t.gql(CORRECT, { id: personId, input: { name: '机构丁二' }, reason: 'typo' }, token),
        'FORBIDDEN',
      );
      expect(await writes()).toEqual(before);
      expect(await storedPerson(personId)).toEqual(row);
    });

    it('refuses a district planner corrections and job ends outside its region, and allows them inside', async () => {
      const here = await createInstitution(t, { regionCode: '500151' });
      const there = await createInstitution(t, { regionCode: '500152' });
      const token = await districtPlanner('500151');
      const elsewhere = await hire('更正戊一', [{ institutionId: there, startDate: '2021-01-01' }]);
      const both = await hire('更正戊二', [
        { institutionId: there, startDate: '2020-01-01' },
        { institutionId: here, occupation: 'NURSE', startDate: '2021-01-01' },
      ]);

      // correctPerson: a person employed only in another region is out of reach; nothing is written.
      let before = await writes();
      const row = await storedPerson(elsewhere.personId);
      expectRefused(
        await t.gql(
          CORRECT,
          { id: elsewhere.personId, input: { name: '更正戊九', education: 'BACHELOR' }, reason: 'typo' },
          token,
        ),
        'FORBIDDEN',
      );
      expect(await writes()).toEqual(before);
      expect(await storedPerson(elsewhere.personId)).toEqual(row);

      // endEmployment of a job in another region: refused, even for a person it may otherwise see.
      before = await writes();
      expectRefused(
        await t.gql(END, { id: both.employmentIds[0], endDate: '2023-01-01', reason: 'RESIGNED' }, token),
        'FORBIDDEN',
      );
      expect(await writes()).toEqual(before);
      expect(await storedEmployment(both.employmentIds[0])).toEqual({ end_date: null, end_reason: null });

      // Inside its region both work; the corrected person's result shows only the jobs in its region.
      const corrected = await t.gql<{ correctPerson: PersonNode }>(
        CORRECT,
        { id: both.personId, input: { name: '更正戊三' }, reason: 'typo' },
        token,
      );
      expect(corrected.body.errors).toBeUndefined();
      expect(corrected.body.data!.correctPerson).toEqual({
        id: both.personId,
        name: '更正戊三',
        employments: [{ id: both.employmentIds[1], institution: { id: here, regionCode: '500151' } }],
      });
      const ended = await t.gql(END, { id: both.employmentIds[1], endDate: '2023-01-01', reason: 'RESIGNED' }, token);
      expect(ended.body.errors).toBeUndefined();
      expect(await storedEmployment(both.employmentIds[1])).toEqual({ end_date: '2023-01-01', end_reason: 'RESIGNED' });
    });

    it("refuses an institution admin ending another institution's employment", async () => {
      const own = await createInstitution(t, { regionCode: '500152' });
      const other = await createInstitution(t, { regionCode: '500152' });
      const token = await institutionAdmin(own);
      const theirs = await hire('离职己一', [{ institutionId: other, startDate: '2021-01-01' }]);
      const mine = await hire('离职己二', [{ institutionId: own, startDate: '2021-01-01' }]);

      const before = await writes();
      expectRefused(
        await t.gql(END, { id: theirs.employmentIds[0], endDate: '2023-01-01', reason: 'RESIGNED' }, token),
        'FORBIDDEN',
      );
      expect(await writes()).toEqual(before);
      expect(await storedEmployment(theirs.employmentIds[0])).toEqual({ end_date: null, end_reason: null });

      const ok = await t.gql(END, { id: mine.employmentIds[0], endDate: '2023-01-01', reason: 'RETIRED' }, token);
      expect(ok.body.errors).toBeUndefined();
      expect(await storedEmployment(mine.employmentIds[0])).toEqual({ end_date: '2023-01-01', end_reason: 'RETIRED' });
    });
  });

  // =====================================================================================================
  describe('people filters', () => {
    it('filters by district and by zone (the institution zoneCode)', async () => {
      const plain = await createInstitution(t, { regionCode: '500106' });
      const inZone = await createInstitution(t, { regionCode: '500112', zoneCode: 'Z01' });
      const outOfZone = await createInstitution(t, { regionCode: '500112' });
      await hire('地区A1', [{ institutionId: plain, startDate: '2021-01-01' }]);
      await hire('地区A2', [{ institutionId: inZone, startDate: '2021-01-01' }]);
      await hire('地区A3', [{ institutionId: outOfZone, startDate: '2021-01-01' }]);
      await hire('地区A4', [
        { institutionId: plain, startDate: '2020-01-01' },
        { institutionId: outOfZone, startDate: '2021-01-01' },
      ]);

      const by = async (regionCode: string) =>
        namesOf(await people(tokens.MUNICIPAL_PLANNER, { regionCode, namePrefix: '地区A' }));
      expect(await by('500106')).toEqual(['地区A1', '地区A4']);
      expect(await by('500112')).toEqual(['地区A2', '地区A3', '地区A4']);
      expect(await by('Z01')).toEqual(['地区A2']);
      expect(await by('500113')).toEqual([]);
      expect((await people(tokens.MUNICIPAL_PLANNER, { regionCode: 'Z01', namePrefix: '地区A' })).totalCount).toBe(1);
    });

    it('filters by institution, occupation and team', async () => {
      const x = await createInstitution(t, { regionCode: '500153' });
      const y = await createInstitution(t, { regionCode: '500153' });
      await hire('职业B1', [{ institutionId: x, occupation: 'CAREGIVER', startDate: '2021-01-01' }]);
      await hire('职业B2', [{ institutionId: x, occupation: 'NURSE', startDate: '2021-01-01' }]);
      await hire('职业B3', [{ institutionId: y, occupation: 'DIRECTOR', startDate: '2021-01-01' }]);
      await hire('职业B4', [{ institutionId: y, occupation: 'SOCIAL_WORKER', startDate: '2021-01-01' }]);

      const by = async (filter: Record<string, unknown>) =>
        namesOf(await people(tokens.MUNICIPAL_PLANNER, { namePrefix: '职业B', ...filter }));
      expect(await by({ institutionId: x })).toEqual(['职业B1', '职业B2']);
      expect(await by({ institutionId: y })).toEqual(['职业B3', '职业B4']);
      expect(await by({ occupation: 'NURSE' })).toEqual(['职业B2']);
      expect(await by({ occupation: 'MEDICAL' })).toEqual([]);
      expect(await by({ team: 'PROFESSIONAL_TECHNICAL' })).toEqual(['职业B2', '职业B4']);
      expect(await by({ team: 'MANAGEMENT' })).toEqual(['职业B3']);
      expect(await by({ team: 'CARE' })).toEqual(['职业B1']);
      expect(await by({ institutionId: y, team: 'CARE' })).toEqual([]);
      // The admin of x gets the same answer within its scope.
      const adminToken = await institutionAdmin(x);
      expect(namesOf(await people(adminToken, { occupation: 'NURSE' }))).toEqual(['职业B2']);
    });

    it('filters by the day employed: start inclusive, end exclusive', async () => {
      const home = await createInstitution(t, { regionCode: '500154' });
      await hire('在职C1', [{ institutionId: home, startDate: '2021-03-01', endDate: '2022-06-30' }]);
      await hire('在职C2', [{ institutionId: home, startDate: '2022-06-30' }]);

      const on = async (activeOn: string) =>
        namesOf(await people(tokens.MUNICIPAL_PLANNER, { activeOn, namePrefix: '在职C' }));
      expect(await on('2021-02-28')).toEqual([]);
      expect(await on('2021-03-01')).toEqual(['在职C1']);
      expect(await on('2022-06-29')).toEqual(['在职C1']);
      expect(await on('2022-06-30')).toEqual(['在职C2']);
      expect(await on('2024-01-01')).toEqual(['在职C2']);
      expect(await on(shanghaiToday())).toEqual(['在职C2']);
      // Without activeOn, former staff are listed too.
      expect(namesOf(await people(tokens.MUNICIPAL_PLANNER, { namePrefix: '在职C' }))).toEqual(['在职C1', '在职C2']);
    });

    it('matches namePrefix literally: % and _ (and \\) are no wildcards', async () => {
      const home = await createInstitution(t, { regionCode: '500155' });
      const names = ['前缀D%1', '前缀DX1', '前缀D_2', '前缀DY2', '前缀D\\3', '前缀D张三', '前缀D张四', '前缀E李四'];
      for (const name of names) await hire(name, [{ institutionId: home, startDate: '2021-01-01' }]);

      const by = async (namePrefix: string) => namesOf(await people(tokens.MUNICIPAL_PLANNER, { namePrefix }));
      expect(await by('前缀D%')).toEqual(['前缀D%1']);
      expect(await by('前缀D_')).toEqual(['前缀D_2']);
      expect(await by('前缀D\\')).toEqual(['前缀D\\3']);
      expect(await by('前缀D张')).toEqual(['前缀D张三', '前缀D张四']);
      expect(await by('%')).toEqual([]);
      expect(await by('_')).toEqual([]);
      // Byte order: %, X, Y, \, _ are ASCII and sort before the Chinese ones.
      expect(await by('前缀D')).toEqual([
        '前缀D%1',
        '前缀DX1',
        '前缀DY2',
        '前缀D\\3',
        '前缀D_2',
        '前缀D张三',
        '前缀D张四',
      ]);
      expect((await people(tokens.MUNICIPAL_PLANNER, { namePrefix: '前缀' })).totalCount).toBe(8);
    });

    it('holds every employment condition for one and the same employment', async () => {
      const inA = await createInstitution(t, { regionCode: '500107' });
      const inB = await createInstitution(t, { regionCode: '500108' });
      // P: a caregiver in A and a nurse in B. Q: a nurse in A.
      await hire('组合F-P', [
        { institutionId: inA, occupation: 'CAREGIVER', startDate: '2020-01-01', endDate: '2022-01-01' },
        { institutionId: inB, occupation: 'NURSE', startDate: '2021-01-01' },
      ]);
      await hire('组合F-Q', [{ institutionId: inA, occupation: 'NURSE', startDate: '2021-01-01' }]);

      const by = async (filter: Record<string, unknown>, token = tokens.MUNICIPAL_PLANNER) =>
        namesOf(await people(token, { namePrefix: '组合F', ...filter }));
      expect(await by({ regionCode: '500107', occupation: 'NURSE' })).toEqual(['组合F-Q']);
      expect(await by({ regionCode: '500108', occupation: 'NURSE' })).toEqual(['组合F-P']);
      expect(await by({ regionCode: '500107', occupation: 'CAREGIVER' })).toEqual(['组合F-P']);
      expect(await by({ regionCode: '500107', team: 'CARE' })).toEqual(['组合F-P']);
      expect(await by({ regionCode: '500108', team: 'CARE' })).toEqual([]);
      expect(await by({ institutionId: inA, activeOn: '2023-01-01' })).toEqual(['组合F-Q']);
      expect(await by({ occupation: 'CAREGIVER', activeOn: '2023-01-01' })).toEqual([]);
      expect(await by({ occupation: 'CAREGIVER', activeOn: '2021-06-01' })).toEqual(['组合F-P']);

      // A district planner of A: P's nurse job in B is not its to see, so it cannot make P match.
      const plannerA = await districtPlanner('500107');
      expect(await by({ occupation: 'NURSE' }, plannerA)).toEqual(['组合F-Q']);
      expect(await by({}, plannerA)).toEqual(['组合F-P', '组合F-Q']);
      expect(await by({ activeOn: '2023-01-01' }, plannerA)).toEqual(['组合F-Q']);
    });
  });

  // =====================================================================================================
  describe('pagination', () => {
    it('pages by name then id with a stable order, and rejects a bad cursor', async () => {
      const home = await createInstitution(t, { regionCode: '500156' });
      // Two people with the same name: the id breaks the tie.
      const names = ['翻页G-e', '翻页G-a', '翻页G-c', '翻页G-a', '翻页G-g', '翻页G-b', '翻页G-f', '翻页G-d'];
      for (const name of names) await hire(name, [{ institutionId: home, startDate: '2021-01-01' }]);
      const filter = { namePrefix: '翻页G' };

      const seen: PersonNode[] = [];
      const pages: PeoplePage[] = [];
      let after: string | undefined;
      do {
        const page = await people(tokens.MUNICIPAL_PLANNER, filter, 3, after);
        pages.push(page);
        seen.push(...page.edges.map((e) => e.node));
        after = page.pageInfo.endCursor ?? undefined;
        if (!page.pageInfo.hasNextPage) break;
      } while (pages.length < 10);

      expect(pages.map((p) => p.edges.length)).toEqual([3, 3, 2]);
      expect(pages.map((p) => p.totalCount)).toEqual([8, 8, 8]);
      expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
      expect(pages.every((p) => p.pageInfo.endCursor === p.edges[p.edges.length - 1].cursor)).toBe(true);
      expect(new Set(seen.map((p) => p.id)).size).toBe(8);
      expect(seen).toEqual([...seen].sort(byNameThenId));
      expect(seen.map((p) => p.name)).toEqual([...names].sort());

      // The same query again returns the same order; so does one page of all.
      const all = await people(tokens.MUNICIPAL_PLANNER, filter, 100);
      expect(all.edges.map((e) => e.node.id)).toEqual(seen.map((p) => p.id));
      // Past the end: an empty page that still knows the total.
      const past = await people(tokens.MUNICIPAL_PLANNER, filter, 3, pages[2].pageInfo.endCursor!);
      expect(past).toMatchObject({ totalCount: 8, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });

      const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      for (const bad of ['not-a-cursor', cursor(['翻页G-a']), cursor(['翻页G-a', 'not-a-uuid']), cursor({})]) {
        const res = await t.gql(PEOPLE, { filter, first: 3, after: bad }, tokens.MUNICIPAL_PLANNER);
        expectRefused(res, 'BAD_USER_INPUT');
        expect(res.body.errors![0].extensions!.fields).toEqual(['after']);
      }
    });
  });

  // =====================================================================================================
  describe('SQL round trips', () => {
    it('serves a people page of 50 with employments and institutions in 1 round trip', async () => {
      const region = await createInstitution(t, { regionCode: '500109' });
      const elsewhere = await createInstitution(t, { regionCode: '500110' });
      const rows: StaffSpec[] = [];
      for (let i = 0; i < 60; i++) {
        const idNumber = residentId();
        const name = `批量H${String(i).padStart(2, '0')}`;
        rows.push({ institutionId: region, idNumber, name, occupation: 'CAREGIVER', startDate: '2021-01-01' });
        rows.push({ institutionId: elsewhere, idNumber, name, occupation: 'NURSE', startDate: '2022-01-01' });
      }
      await registerBatch(rows);

      const page = (token: string, filter: Record<string, unknown>, after?: string) =>
        t.gql<{ people: PeoplePage }>(PEOPLE_PAGE, { filter, first: 50, after }, token);
      const check = async (token: string, filter: Record<string, unknown>, jobsEach: number) => {
        const first = await page(token, filter);
        expect(first.body.errors).toBeUndefined();
        const p1 = first.body.data!.people;
        expect(p1.edges).toHaveLength(50);
        expect(p1.totalCount).toBe(60);
        expect(p1.pageInfo.hasNextPage).toBe(true);
        expect(p1.edges.every((e) => e.node.employments!.length === jobsEach)).toBe(true);
        // The page with its total and every nested employment; the caller's account comes from the account cache
        // (kept since sign-in, issue 20), so the guard costs nothing.
        expect(roundTrips(first)).toBe(1);

        const second = await page(token, filter, p1.pageInfo.endCursor!);
        expect(second.body.errors).toBeUndefined();
        const p2 = second.body.data!.people;
        expect(p2.edges).toHaveLength(10);
        expect(p2.pageInfo.hasNextPage).toBe(false);
        expect([...p1.edges, ...p2.edges].map((e) => e.node.name)).toEqual(
          Array.from({ length: 60 }, (_, i) => `批量H${String(i).padStart(2, '0')}`),
        );
        expect(roundTrips(second)).toBe(1);
        return [...p1.edges, ...p2.edges].map((e) => e.node);
      };

      const municipal = await check(tokens.MUNICIPAL_PLANNER, { regionCode: '500109' }, 2);
      expect(municipal[0].employments!.map((e) => [e.occupation, e.institution.regionCode])).toEqual([
        ['CAREGIVER', '500109'],
        ['NURSE', '500110'],
      ]);
      const district = await check(await districtPlanner('500109'), {}, 1);
      expect(district.every((p) => p.employments![0].institution.regionCode === '500109')).toBe(true);

      // The unfiltered list of a municipal planner costs the same.
      const all = await t.gql<{ people: PeoplePage }>(PEOPLE_PAGE, { first: 50 }, tokens.MUNICIPAL_PLANNER);
      expect(all.body.errors).toBeUndefined();
      expect(all.body.data!.people.edges).toHaveLength(50);
      expect(roundTrips(all)).toBe(1);
    });

    it('serves person(id) with employments and institutions in a bounded number of round trips', async () => {
      const regions = ['500229', '500230', '500231', '500233', '500235', '500236'];
      const homes = [];
      for (const regionCode of regions) homes.push(await createInstitution(t, { regionCode }));
      const one = await hire('单人I1', [{ institutionId: homes[0], startDate: '2021-01-01' }]);
      const six = await hire(
        '单人I6',
        homes.map((institutionId, i) => ({ institutionId, startDate: `${2019 + i}-01-01` })),
      );

      const cost = async (token: string, id: string, jobs: number) => {
        const res = await t.gql<{ person: PersonNode }>(PERSON, { id }, token);
        expect(res.body.errors).toBeUndefined();
        expect(res.body.data!.person.employments).toHaveLength(jobs);
        return roundTrips(res);
      };
      // The person with the scope check, its employments with their institutions (the guard's account comes from
      // the account cache, kept since sign-in: issue 20).
      expect(await cost(tokens.MUNICIPAL_PLANNER, one.personId, 1)).toBe(2);
      expect(await cost(tokens.MUNICIPAL_PLANNER, six.personId, 6)).toBe(2);
      const planner = await districtPlanner('500229');
      expect(await cost(planner, one.personId, 1)).toBe(2);
      expect(await cost(planner, six.personId, 1)).toBe(2);
    });

    it('answers workforceHeadcount in 1 round trip (the caller’s account kept by the account cache)', async () => {
      const home = await createInstitution(t, { regionCode: '500237' });
      await hire('人数J1', [{ institutionId: home, startDate: '2021-01-01' }]);
      for (const vars of [{}, { asOf: '2022-01-01' }, { asOf: '2022-01-01', regionCode: '500237' }]) {
        const res = await t.gql(HEADCOUNT, vars, tokens.MUNICIPAL_PLANNER);
        expect(res.body.errors).toBeUndefined();
        expect(roundTrips(res)).toBe(1);
      }
      const res = await t.gql<{ workforceHeadcount: Headcount }>(HEADCOUNT, {}, await districtPlanner('500237'));
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.workforceHeadcount.total).toBe(1);
      expect(roundTrips(res)).toBe(1);
    });

    it('lists 20 institutions with their staffing fields in a constant number of round trips', async () => {
      const ids: string[] = [];
      const rows: StaffSpec[] = [];
      for (let i = 0; i < 20; i++) {
        const id = await createInstitution(t, { regionCode: '500118', beds: i * 30 });
        ids.push(id);
        for (let j = 0; j < i % 3; j++) {
          rows.push({
            institutionId: id,
            occupation: j === 0 ? 'SOCIAL_WORKER' : 'CAREGIVER',
            startDate: '2021-01-01',
          });
        }
      }
      await registerBatch(rows);

      const list = async (first: number) => {
        const res = await t.gql<{ institutions: { edges: { node: Record<string, any> }[] } }>(
          INSTITUTIONS_COUNTS,
          { filter: { regionCode: '500118' }, first },
          tokens.MUNICIPAL_PLANNER,
        );
        expect(res.body.errors).toBeUndefined();
        return res;
      };
      const twenty = await list(20);
      const nodes = twenty.body.data!.institutions.edges.map((e) => e.node);
      expect(nodes).toHaveLength(20);
      for (const node of nodes) {
        const i = ids.indexOf(node.id);
        expect(node).toMatchObject({
          activeStaffCount: i % 3,
          socialWorkerCount: i % 3 > 0 ? 1 : 0,
          requiredSocialWorkers: Math.ceil((i * 30) / 100),
        });
      }
      // The page with its total, and one statement for every institution's staff counts (the guard's account comes
      // from the account cache, kept since sign-in: issue 20).
      expect(roundTrips(twenty)).toBe(2);
      expect(roundTrips(await list(5))).toBe(2);
    });
  });

  // =====================================================================================================
  describe('workforceHeadcount', () => {
    it('counts a job from its start date up to the day before its end date', async () => {
      const home = await createInstitution(t, { regionCode: '500111' });
      await hire('边界K1', [
        { institutionId: home, occupation: 'CAREGIVER', startDate: '2021-03-01', endDate: '2022-06-30' },
      ]);
      await hire('边界K2', [{ institutionId: home, occupation: 'NURSE', startDate: '2022-06-30' }]);

      const on = async (asOf: string) => {
        const h = await headcount(tokens.MUNICIPAL_PLANNER, { asOf, regionCode: '500111' });
        expect(h.asOf).toBe(asOf);
        expect(h.regionCode).toBe('500111');
        return [h.total, nonZero(h.byOccupation, 'occupation'), nonZero(h.byRegion, 'regionCode')];
      };
      expect(await on('2021-02-28')).toEqual([0, {}, {}]);
      expect(await on('2021-03-01')).toEqual([1, { CAREGIVER: 1 }, { 500111: 1 }]);
      expect(await on('2022-06-29')).toEqual([1, { CAREGIVER: 1 }, { 500111: 1 }]);
      expect(await on('2022-06-30')).toEqual([1, { NURSE: 1 }, { 500111: 1 }]);
      expect(await on('2022-07-01')).toEqual([1, { NURSE: 1 }, { 500111: 1 }]);
      expect(await on('2000-01-01')).toEqual([0, {}, {}]);
    });

    it('counts a person with concurrent jobs once, under the primary employment', async () => {
      const inA = await createInstitution(t, { regionCode: '500113' });
      const inB = await createInstitution(t, { regionCode: '500114' });
      // X: caregiver in A since 2020, nurse in B since 2021: primary is A's caregiver job.
      await hire('主职L-X', [
        { institutionId: inA, occupation: 'CAREGIVER', startDate: '2020-01-01' },
        { institutionId: inB, occupation: 'NURSE', startDate: '2021-01-01' },
      ]);
      // Y: manager in B 2020-05-01..2021-06-01, social worker in A since 2021-01-01: the primary moves with the date.
      await hire('主职L-Y', [
        { institutionId: inB, occupation: 'MANAGER', startDate: '2020-05-01', endDate: '2021-06-01' },
        { institutionId: inA, occupation: 'SOCIAL_WORKER', startDate: '2021-01-01' },
      ]);
      // Ties on the start date: the lowest employment id (as PostgreSQL orders uuids) is the primary.
      const tied: { ids: string[]; primary: 'A' | 'B' }[] = [];
      for (let i = 0; i < 4; i++) {
        const { employmentIds } = await hire(`主职L-Z${i}`, [
          { institutionId: inA, occupation: 'DIRECTOR', startDate: '2020-02-01' },
          { institutionId: inB, occupation: 'REHABILITATION', startDate: '2020-02-01' },
        ]);
        tied.push({ ids: employmentIds, primary: lowestUuid(employmentIds) === employmentIds[0] ? 'A' : 'B' });
      }
      const tiedA = tied.filter((z) => z.primary === 'A').length;
      const tiedB = 4 - tiedA;
      // Cross-check the tie-break against PostgreSQL's own uuid order.
      for (const z of tied) {
        const { rows } = await t.db.query('SELECT id FROM employment WHERE id = ANY($1::uuid[]) ORDER BY id LIMIT 1', [
          z.ids,
        ]);
        expect(rows[0].id).toBe(z.primary === 'A' ? z.ids[0] : z.ids[1]);
      }
      const withoutZeros = (a: Record<string, number>) =>
        Object.fromEntries(Object.entries(a).filter(([, n]) => n > 0));

      // 2022-01-01: X in A (caregiver), Y in A (social worker), ties split by id.
      const a2022 = await headcount(tokens.MUNICIPAL_PLANNER, { asOf: '2022-01-01', regionCode: '500113' });
      expect(a2022.total).toBe(2 + tiedA);
      expect(nonZero(a2022.byOccupation, 'occupation')).toEqual(
        withoutZeros({ CAREGIVER: 1, SOCIAL_WORKER: 1, DIRECTOR: tiedA }),
      );
      expect(nonZero(a2022.byTeam, 'team')).toEqual(
        withoutZeros({ CARE: 1, PROFESSIONAL_TECHNICAL: 1, MANAGEMENT: tiedA }),
      );
      expect(a2022.byRegion).toEqual([{ regionCode: '500113', count: 2 + tiedA }]);
      // X's nurse job in B does not count in B.
      const b2022 = await headcount(tokens.MUNICIPAL_PLANNER, { asOf: '2022-01-01', regionCode: '500114' });
      expect(b2022.total).toBe(tiedB);
      expect(nonZero(b2022.byOccupation, 'occupation')).toEqual(withoutZeros({ REHABILITATION: tiedB }));
      expect(b2022.byOccupation.find((r) => r.occupation === 'NURSE')!.count).toBe(0);

      // 2021-03-01: Y's manager job in B (the earlier start) is the primary, so Y counts in B, not in A.
      const a2021 = await headcount(tokens.MUNICIPAL_PLANNER, { asOf: '2021-03-01', regionCode: '500113' });
      expect(a2021.total).toBe(1 + tiedA);
      expect(nonZero(a2021.byOccupation, 'occupation')).toEqual(withoutZeros({ CAREGIVER: 1, DIRECTOR: tiedA }));
      const b2021 = await headcount(tokens.MUNICIPAL_PLANNER, { asOf: '2021-03-01', regionCode: '500114' });
      expect(b2021.total).toBe(1 + tiedB);
      expect(nonZero(b2021.byOccupation, 'occupation')).toEqual(withoutZeros({ MANAGER: 1, REHABILITATION: tiedB }));
      expect(nonZero(b2021.byTeam, 'team')).toEqual(withoutZeros({ MANAGEMENT: 1, PROFESSIONAL_TECHNICAL: tiedB }));

      // City-wide, each of the six persons counts once, so A and B together hold exactly six.
      const city = await headcount(tokens.MUNICIPAL_PLANNER, { asOf: '2022-01-01' });
      expect(city.regionCode).toBeNull();
      const regions = nonZero(city.byRegion, 'regionCode');
      expect([regions['500113'], regions['500114'] ?? 0]).toEqual([2 + tiedA, tiedB]);
      expect(city.byRegion.map((r) => r.regionCode)).toEqual(city.byRegion.map((r) => r.regionCode).sort());
      // A district planner of B counts as the municipal planner does for B.
      const plannerB = await headcount(await districtPlanner('500114'), { asOf: '2021-03-01' });
      expect(plannerB).toEqual(b2021);
    });

    it("filters a zone by the primary employment's institution zone", async () => {
      const inZone = await createInstitution(t, { regionCode: '500115', zoneCode: 'Z02' });
      const outside = await createInstitution(t, { regionCode: '500115' });
      await hire('园区M1', [{ institutionId: inZone, occupation: 'NURSE', startDate: '2021-01-01' }]);
      // Primary outside the zone, a later second job inside it: counts in the district, not in the zone.
      await hire('园区M2', [
        { institutionId: outside, occupation: 'CAREGIVER', startDate: '2020-01-01' },
        { institutionId: inZone, occupation: 'MEDICAL', startDate: '2021-06-01' },
      ]);

      const zone = await headcount(tokens.MUNICIPAL_PLANNER, { asOf: '2023-01-01', regionCode: 'Z02' });
      expect(zone).toMatchObject({ asOf: '2023-01-01', regionCode: 'Z02', total: 1 });
      expect(nonZero(zone.byOccupation, 'occupation')).toEqual({ NURSE: 1 });
      expect(zone.byRegion).toEqual([{ regionCode: '500115', count: 1 }]);

      const district = await headcount(tokens.MUNICIPAL_PLANNER, { asOf: '2023-01-01', regionCode: '500115' });
      expect(district.total).toBe(2);
      expect(nonZero(district.byOccupation, 'occupation')).toEqual({ NURSE: 1, CAREGIVER: 1 });
    });

    it('defaults asOf to today in Asia/Shanghai, and a district planner to its region', async () => {
      const home = await createInstitution(t, { regionCode: '500116' });
      await hire('今日N1', [{ institutionId: home, occupation: 'CAREGIVER', startDate: '2020-01-01' }]);
      await hire('今日N2', [{ institutionId: home, occupation: 'SOCIAL_WORKER', startDate: '2022-03-01' }]);
      await hire('今日N3', [{ institutionId: home, startDate: '2020-01-01', endDate: '2023-01-01' }]);

      const today = shanghaiToday();
      const municipal = await headcount(tokens.MUNICIPAL_PLANNER, { regionCode: '500116' });
      expect(municipal).toMatchObject({ asOf: today, regionCode: '500116', total: 2 });
      expect(nonZero(municipal.byOccupation, 'occupation')).toEqual({ CAREGIVER: 1, SOCIAL_WORKER: 1 });
      // Today given explicitly is the same.
      expect(await headcount(tokens.MUNICIPAL_PLANNER, { asOf: today, regionCode: '500116' })).toEqual(municipal);

      const token = await districtPlanner('500116');
      expect(await headcount(token)).toEqual(municipal);
      expect(await headcount(token, { regionCode: '500116' })).toEqual(municipal);
      expect((await headcount(token, { asOf: '2022-01-01' })).total).toBe(2);
      for (const regionCode of ['500101', 'Z01']) {
        expectRefused(await t.gql(HEADCOUNT, { regionCode }, token), 'FORBIDDEN');
      }
    });

    it('rejects a future asOf, one before 2000 and an unknown region', async () => {
      const tomorrow = plusDays(shanghaiToday(), 1);
      for (const [vars, field] of [
        [{ asOf: tomorrow }, 'asOf'],
        [{ asOf: '2099-01-01', regionCode: '500101' }, 'asOf'],
        [{ asOf: '1999-12-31' }, 'asOf'],
        [{ asOf: '2022-01-01', regionCode: '500199' }, 'regionCode'],
        [{ regionCode: 'Z09' }, 'regionCode'],
      ] as const) {
        const res = await t.gql(HEADCOUNT, vars, tokens.MUNICIPAL_PLANNER);
        expectRefused(res, 'BAD_USER_INPUT');
        expect(res.body.errors![0].extensions!.fields).toEqual([field]);
      }
      // A district planner is refused another region before anything else.
      expectRefused(await t.gql(HEADCOUNT, { regionCode: '500199' }, await districtPlanner('500238')), 'FORBIDDEN');
    });
  });

  // =====================================================================================================
  describe('institution staffing fields', () => {
    it('counts active staff and social workers (primary or not) per institution', async () => {
      const home = await createInstitution(t, { regionCode: '500117', type: 'CARE_HOME', beds: 250 });
      const elsewhere = await createInstitution(t, { regionCode: '500240', type: 'CARE_HOME', beds: 100 });
      const empty = await createInstitution(t, { regionCode: '500117', type: 'CARE_HOME', beds: 0 });
      const centre = await createInstitution(t, { regionCode: '500117', type: 'COMMUNITY_CENTER', beds: null });

      // P1: caregiver and social worker at home (two jobs, one person).
      await hire('机构O1', [
        { institutionId: home, occupation: 'CAREGIVER', startDate: '2020-01-01' },
        { institutionId: home, occupation: 'SOCIAL_WORKER', startDate: '2021-01-01' },
      ]);
      // P2: primary job elsewhere; a social-work job at home counts there all the same.
      const p2 = await hire('机构O2', [
        { institutionId: elsewhere, occupation: 'CAREGIVER', startDate: '2019-01-01' },
        { institutionId: home, occupation: 'SOCIAL_WORKER', startDate: '2022-01-01' },
      ]);
      // P3: a social-work job at home that ended in the past counts nowhere.
      await hire('机构O3', [
        { institutionId: home, occupation: 'SOCIAL_WORKER', startDate: '2020-01-01', endDate: '2023-01-01' },
      ]);
      // P4: a nurse at home.
      await hire('机构O4', [{ institutionId: home, occupation: 'NURSE', startDate: '2021-01-01' }]);
      // P2 also holds a second, overlapping social-work job at home. The API refuses to create that overlap, so it
      // is inserted directly (as data imported from the old spreadsheets could be): still one person.
      await t.db.query(
        `INSERT INTO employment (person_id, institution_id, occupation, team, post_type, start_date)
         VALUES ($1, $2, 'SOCIAL_WORKER', 'PROFESSIONAL_TECHNICAL', 'PART_TIME', '2023-01-01')`,
        [p2.personId, home],
      );

      const expected: Record<string, Record<string, number | null>> = {
        [home]: { activeStaffCount: 3, socialWorkerCount: 2, requiredSocialWorkers: 3 },
        [elsewhere]: { activeStaffCount: 1, socialWorkerCount: 0, requiredSocialWorkers: 1 },
        [empty]: { activeStaffCount: 0, socialWorkerCount: 0, requiredSocialWorkers: 0 },
        [centre]: { activeStaffCount: 0, socialWorkerCount: 0, requiredSocialWorkers: null },
      };
      const adminToken = await institutionAdmin(home);
      const plannerToken = await districtPlanner('500117');
      for (const [id, counts] of Object.entries(expected)) {
        const res = await t.gql<{ institution: Record<string, unknown> }>(
          INSTITUTION_COUNTS,
          { id },
          tokens.MUNICIPAL_PLANNER,
        );
        expect(res.body.errors).toBeUndefined();
        expect(res.body.data!.institution).toEqual({ id, ...counts });
      }
      // Its admin and the district planner read the same figures.
      for (const token of [adminToken, plannerToken]) {
        const res = await t.gql<{ institution: Record<string, unknown> }>(INSTITUTION_COUNTS, { id: home }, token);
        expect(res.body.errors).toBeUndefined();
        expect(res.body.data!.institution).toEqual({ id: home, ...expected[home] });
      }

      // In a list, each institution gets its own figures.
      const listRes = await t.gql<{ institutions: { totalCount: number; edges: { node: Record<string, any> }[] } }>(
        INSTITUTIONS_COUNTS,
        { filter: { regionCode: '500117' }, first: 20 },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(listRes.body.errors).toBeUndefined();
      const listed = listRes.body.data!.institutions;
      expect(listed.totalCount).toBe(3);
      for (const { node } of listed.edges) {
        const { id, activeStaffCount, socialWorkerCount, requiredSocialWorkers } = node;
        expect({ activeStaffCount, socialWorkerCount, requiredSocialWorkers }).toEqual(expected[id]);
      }
      expect(listed.edges.map((e) => e.node.id).sort()).toEqual([home, empty, centre].sort());

      // The nested institution of a job carries the same figures.
      const nested = await t.gql<{
        people: { edges: { node: { employments: { institution: Record<string, any> }[] } }[] };
      }>(
        `query { people(filter: { namePrefix: "机构O4" }) { edges { node { employments {
           institution { id activeStaffCount socialWorkerCount requiredSocialWorkers } } } } } }`,
        {},
        tokens.MUNICIPAL_PLANNER,
      );
      expect(nested.body.errors).toBeUndefined();
      expect(nested.body.data!.people.edges[0].node.employments[0].institution).toEqual({
        id: home,
        ...expected[home],
      });
    });
  });
});
