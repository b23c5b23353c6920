import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  auditCount,
  createEvaluationBody,
  createInstitution,
  registerStaff,
  signInRoles,
} from '../helpers/factories.js';
import { codes, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/test-app.js';

// Target editing and the money behind the plan: fund allocations and the cost of a trained person-session.

const SET_TARGET = `mutation($i: SetTargetInput!) { setTarget(input: $i) { id metric regionCode year value } }`;
const TARGETS = `query($metric: TargetMetric, $regionCode: String, $year: Int) {
  targets(metric: $metric, regionCode: $regionCode, year: $year) { metric regionCode year value } }`;
const RECORD = `mutation($i: RecordFundAllocationInput!) {
  recordFundAllocation(input: $i) { id source regionCode year amount purpose note recordedAt } }`;
const LIST = `query($filter: FundAllocationFilter, $first: Int, $after: String) {
  fundAllocations(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { source regionCode year amount purpose } } } }`;
const COST = `query($year: Int!, $regionCode: String) {
  trainingCostPerPersonSession(year: $year, regionCode: $regionCode) {
    year regionCode trainingFunds personSessions costPerPersonSession } }`;

const fields = (res: GraphQLResponse) =>
  (res.body.errors ?? []).flatMap((e) => (e.extensions?.fields as string[]) ?? []);

describe('planning: targets and funding', () => {
  let t: TestApp;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    const institutionId = await createInstitution(t, { regionCode: '500101' });
    tokens = await signInRoles(t, [
      { role: 'MUNICIPAL_PLANNER' },
      { role: 'DISTRICT_PLANNER', regionCode: '500101' },
      { role: 'INSTITUTION_ADMIN', institutionId },
      { role: 'ADMIN' },
    ]);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('setTarget', () => {
    it('sets a region’s target, replaces it on a second setting, and audits both', async () => {
      const before = await auditCount(t, 'setTarget');
      const input = { metric: 'SOCIAL_WORKERS_PER_1000_OLDER_ADULTS', regionCode: '500102', year: 2027, value: 1.2 };
      const first = await t.gql(SET_TARGET, { i: input }, tokens.MUNICIPAL_PLANNER);
      expect(first.body.errors).toBeUndefined();
      expect(first.body.data!.setTarget).toMatchObject({ ...input });
      const second = await t.gql(SET_TARGET, { i: { ...input, value: 1.5 } }, tokens.MUNICIPAL_PLANNER);
      expect(second.body.data!.setTarget).toEqual({ ...first.body.data!.setTarget, value: 1.5 });
      const listed = await t.gql(
        TARGETS,
        { metric: input.metric, regionCode: '500102', year: 2027 },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(listed.body.data!.targets).toEqual([{ ...input, value: 1.5 }]);
      expect(await auditCount(t, 'setTarget')).toBe(before + 2);
    });

    it('replaces a city-wide target (the seeded 2027 headcount) without touching regions', async () => {
      const res = await t.gql(
        SET_TARGET,
        { i: { metric: 'TALENT_HEADCOUNT', year: 2027, value: 26000 } },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(res.body.errors).toBeUndefined();
      const listed = await t.gql(TARGETS, { metric: 'TALENT_HEADCOUNT', year: 2027 }, tokens.MUNICIPAL_PLANNER);
      expect(listed.body.data!.targets).toEqual([
        { metric: 'TALENT_HEADCOUNT', regionCode: null, year: 2027, value: 26000 },
      ]);
    });

    it('refuses bad values, naming every bad field, and writes nothing', async () => {
      const before = await auditCount(t, 'setTarget');
      const cases: [Record<string, unknown>, string[]][] = [
        [{ metric: 'TALENT_HEADCOUNT', year: 2027, value: 0 }, ['value']],
        [{ metric: 'TALENT_HEADCOUNT', year: 2027, value: -5 }, ['value']],
        [{ metric: 'TALENT_HEADCOUNT', year: 2027, value: 100.5 }, ['value']],
        [{ metric: 'SOCIAL_WORKERS_PER_100_BEDS', year: 2027, value: 100.01 }, ['value']],
        [{ metric: 'SOCIAL_WORKERS_PER_100_BEDS', year: 1999, value: 0 }, ['year', 'value']],
        [{ metric: 'TALENT_HEADCOUNT', year: 2027, value: 10, regionCode: 'Z01' }, ['regionCode']],
        [{ metric: 'TALENT_HEADCOUNT', year: 2027, value: 10, regionCode: '999999' }, ['regionCode']],
        // Counts stay far below 2^31 (answered as Ints); ratios keep at most four decimals (stored so).
        [{ metric: 'TALENT_HEADCOUNT', year: 2028, value: 10_000_001 }, ['value']],
        [{ metric: 'SOCIAL_WORKERS_PER_100_BEDS', year: 2027, value: 0.00001 }, ['value']],
        [{ metric: 'SOCIAL_WORKERS_PER_100_BEDS', year: 2027, value: 1.23456 }, ['value']],
      ];
      for (const [input, expected] of cases) {
        const res = await t.gql(SET_TARGET, { i: input }, tokens.MUNICIPAL_PLANNER);
        expect({ input, codes: codes(res), fields: fields(res) }).toEqual({
          input,
          codes: ['BAD_USER_INPUT'],
          fields: expected,
        });
      }
      const fine = await t.gql(
        SET_TARGET,
        { i: { metric: 'SOCIAL_WORKERS_PER_100_BEDS', regionCode: '500103', year: 2028, value: 0.0001 } },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(fine.body.data!.setTarget.value).toBe(0.0001);
      // A ratio target of exactly 100 is allowed.
      const edge = await t.gql(
        SET_TARGET,
        { i: { metric: 'SOCIAL_WORKERS_PER_100_BEDS', regionCode: '500103', year: 2029, value: 100 } },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(edge.body.errors).toBeUndefined();
      expect(await auditCount(t, 'setTarget')).toBe(before + 2);
    });

    it('is for municipal planners only', async () => {
      for (const role of ['DISTRICT_PLANNER', 'INSTITUTION_ADMIN', 'ADMIN']) {
        const res = await t.gql(
          SET_TARGET,
          { i: { metric: 'TALENT_HEADCOUNT', regionCode: '500101', year: 2027, value: 10 } },
          tokens[role],
        );
        expect({ role, codes: codes(res) }).toEqual({ role, codes: ['FORBIDDEN'] });
      }
    });
  });

  describe('fund allocations', () => {
    it('records money as exact fen and shows it as yuan with two decimals', async () => {
      const res = await t.gql(
        RECORD,
        {
          i: {
            source: 'LOTTERY_WELFARE_MUNICIPAL',
            regionCode: '500104',
            year: 2031,
            amount: '1234567.5',
            purpose: 'TRAINING',
            note: '福彩公益金',
          },
        },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.recordFundAllocation).toMatchObject({
        source: 'LOTTERY_WELFARE_MUNICIPAL',
        regionCode: '500104',
        year: 2031,
        amount: '1234567.50',
        purpose: 'TRAINING',
        note: '福彩公益金',
      });
      const { rows } = await t.db.query('SELECT amount_fen::text FROM fund_allocation WHERE id = $1', [
        res.body.data!.recordFundAllocation.id,
      ]);
      expect(rows[0].amount_fen).toBe('123456750');
      // Up to ten trillion yuan, exact to the fen; beyond it is refused.
      const big = await t.gql(
        RECORD,
        { i: { source: 'FISCAL', year: 2031, amount: '9999999999999.99', purpose: 'OTHER' } },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(big.body.data!.recordFundAllocation.amount).toBe('9999999999999.99');
      const tooBig = await t.gql(
        RECORD,
        { i: { source: 'FISCAL', year: 2031, amount: '10000000000000.00', purpose: 'OTHER' } },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(fields(tooBig)).toEqual(['amount']);
    });

    it('refuses bad amounts and other bad fields at once, writing nothing', async () => {
      const before = await auditCount(t, 'recordFundAllocation');
      for (const amount of ['0', '0.00', '-5', '1.234', '1e5', 'abc', '', '1,000', '12.']) {
        const res = await t.gql(
          RECORD,
          { i: { source: 'FISCAL', year: 2031, amount, purpose: 'TRAINING' } },
          tokens.MUNICIPAL_PLANNER,
        );
        expect({ amount, codes: codes(res), fields: fields(res) }).toEqual({
          amount,
          codes: ['BAD_USER_INPUT'],
          fields: ['amount'],
        });
      }
      const many = await t.gql(
        RECORD,
        { i: { source: 'FISCAL', year: 1999, amount: '0', purpose: 'TRAINING', note: 'x'.repeat(501) } },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(fields(many).sort()).toEqual(['amount', 'note', 'year']);
      const zone = await t.gql(
        RECORD,
        { i: { source: 'FISCAL', year: 2031, amount: '10', purpose: 'TRAINING', regionCode: 'Z02' } },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(fields(zone)).toEqual(['regionCode']);
      // A number where Money is a string fails the request as GraphQL itself rejects it.
      const asNumber = await t.gql(
        RECORD,
        { i: { source: 'FISCAL', year: 2031, amount: 10, purpose: 'TRAINING' } },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(codes(asNumber)).toEqual(['BAD_USER_INPUT']);
      expect(await auditCount(t, 'recordFundAllocation')).toBe(before);
    });

    it('lists allocations latest year first, filtered; a district planner sees its region only', async () => {
      for (const [regionCode, year, amount] of [
        ['500101', 2032, '100.00'],
        ['500101', 2033, '200.00'],
        ['500102', 2033, '300.00'],
      ] as const) {
        const res = await t.gql(
          RECORD,
          { i: { source: 'LOTTERY_WELFARE_DISTRICT', regionCode, year, amount, purpose: 'SUBSIDY' } },
          tokens.MUNICIPAL_PLANNER,
        );
        expect(res.body.errors).toBeUndefined();
      }
      const all = await t.gql(LIST, { filter: { purpose: 'SUBSIDY' }, first: 2 }, tokens.MUNICIPAL_PLANNER);
      expect(all.body.data!.fundAllocations.totalCount).toBe(3);
      expect(all.body.data!.fundAllocations.edges.map((e: any) => e.node.year)).toEqual([2033, 2033]);
      const rest = await t.gql(
        LIST,
        { filter: { purpose: 'SUBSIDY' }, first: 2, after: all.body.data!.fundAllocations.pageInfo.endCursor },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(rest.body.data!.fundAllocations.edges.map((e: any) => e.node)).toEqual([
        { source: 'LOTTERY_WELFARE_DISTRICT', regionCode: '500101', year: 2032, amount: '100.00', purpose: 'SUBSIDY' },
      ]);
      // An explicit null filter field means no filter on it.
      const nulls = await t.gql(LIST, { filter: { purpose: 'SUBSIDY', year: null } }, tokens.MUNICIPAL_PLANNER);
      expect(nulls.body.data!.fundAllocations.totalCount).toBe(3);
      const district = await t.gql(LIST, { filter: { purpose: 'SUBSIDY' } }, tokens.DISTRICT_PLANNER);
      expect(district.body.data!.fundAllocations.edges.map((e: any) => e.node.amount)).toEqual(['200.00', '100.00']);
      const other = await t.gql(LIST, { filter: { regionCode: '500102' } }, tokens.DISTRICT_PLANNER);
      expect(codes(other)).toEqual(['FORBIDDEN']);
      expect(codes(await t.gql(LIST, {}, tokens.INSTITUTION_ADMIN))).toEqual(['FORBIDDEN']);
      const write = await t.gql(
        RECORD,
        { i: { source: 'FISCAL', regionCode: '500101', year: 2031, amount: '10', purpose: 'TRAINING' } },
        tokens.DISTRICT_PLANNER,
      );
      expect(codes(write)).toEqual(['FORBIDDEN']);
    });
  });

  describe('trainingCostPerPersonSession', () => {
    it('divides the year’s TRAINING money by its completed person-sessions, per region and city-wide', async () => {
      // 2035: 500101 gets 1,000.00 and a city-wide 500.00 (plus SUBSIDY money, which does not count);
      // sessions ending in 2035: 3 completed person-sessions in 500101, 1 in 500103 (one not completed, and one
      // session ending in 2036 do not count).
      for (const [regionCode, amount, purpose] of [
        ['500101', '1000.00', 'TRAINING'],
        [null, '500.00', 'TRAINING'],
        ['500101', '999.00', 'SUBSIDY'],
      ] as const) {
        const res = await t.gql(
          RECORD,
          { i: { source: 'LOTTERY_WELFARE_MUNICIPAL', regionCode, year: 2035, amount, purpose } },
          tokens.MUNICIPAL_PLANNER,
        );
        expect(res.body.errors).toBeUndefined();
      }
      const institutionId = await createInstitution(t, { regionCode: '500101' });
      const people: string[] = [];
      for (let i = 0; i < 4; i++) {
        people.push((await registerStaff(t, tokens.MUNICIPAL_PLANNER, { institutionId })).person.id);
      }
      const body = await createEvaluationBody(t);
      const session = async (regionCode: string, end: string) =>
        (
          await t.db.query(
            `INSERT INTO training_session (provider_id, title, audience, region_code, start_date, end_date, hours, capacity)
             VALUES ($1, '护理员培训', 'CAREGIVER', $2, $3, $3, 8, 50) RETURNING id`,
            [body, regionCode, end],
          )
        ).rows[0].id as string;
      const attend = (sessionId: string, personId: string, completed: boolean) =>
        t.db.query('INSERT INTO attendance (session_id, person_id, completed) VALUES ($1, $2, $3)', [
          sessionId,
          personId,
          completed,
        ]);
      const a = await session('500101', '2035-03-01');
      const b = await session('500101', '2035-12-31');
      const c = await session('500103', '2035-06-01');
      const later = await session('500101', '2036-01-01');
      await attend(a, people[0], true);
      await attend(a, people[1], true);
      await attend(a, people[2], false);
      await attend(b, people[0], true);
      await attend(c, people[3], true);
      await attend(later, people[1], true);

      const region = await t.gql(COST, { year: 2035, regionCode: '500101' }, tokens.MUNICIPAL_PLANNER);
      expect(region.body.data!.trainingCostPerPersonSession).toEqual({
        year: 2035,
        regionCode: '500101',
        trainingFunds: '1000.00',
        personSessions: 3,
        costPerPersonSession: '333.33',
      });
      const city = await t.gql(COST, { year: 2035 }, tokens.MUNICIPAL_PLANNER);
      expect(city.body.data!.trainingCostPerPersonSession).toEqual({
        year: 2035,
        regionCode: null,
        trainingFunds: '1500.00',
        personSessions: 4,
        costPerPersonSession: '375.00',
      });
      const district = await t.gql(COST, { year: 2035 }, tokens.DISTRICT_PLANNER);
      expect(district.body.data!.trainingCostPerPersonSession.regionCode).toBe('500101');
      expect(codes(await t.gql(COST, { year: 2035, regionCode: '500103' }, tokens.DISTRICT_PLANNER))).toEqual([
        'FORBIDDEN',
      ]);
      const none = await t.gql(COST, { year: 2040 }, tokens.MUNICIPAL_PLANNER);
      expect(none.body.data!.trainingCostPerPersonSession).toMatchObject({
        trainingFunds: '0.00',
        personSessions: 0,
        costPerPersonSession: null,
      });
      expect(codes(await t.gql(COST, { year: 1999 }, tokens.MUNICIPAL_PLANNER))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await t.gql(COST, { year: 2035, regionCode: 'Z01' }, tokens.MUNICIPAL_PLANNER))).toEqual([
        'BAD_USER_INPUT',
      ]);
    });
  });
});
