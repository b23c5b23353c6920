import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { todayInShanghai } from '../../src/common/dates.js';
import { DEMO_PASSWORD } from '../../src/database/seed.service.js';
import { login } from '../helpers/factories.js';
import { codes, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/test-app.js';

// The planner's dashboard on the demo data: every part agrees with the query it summarises.

const DASHBOARD = `query($asOf: Date) {
  planningDashboard(asOf: $asOf) {
    asOf regionCode
    headcount { headcount targets { year target gap requiredMonthlyNetGrowth projected onTrack } }
    training { year completedPersonSessions target }
    ratios {
      city { regionCode socialWorkers perThousandOlderAdults }
      worstRegions { regionCode perThousandOlderAdults }
    }
    timeBank { regionCode volunteers minutesIssued publicPoolMinutes }
  } }`;

const roundTrips = (res: GraphQLResponse) => Number(res.headers['x-sql-round-trips']);

describe('planning dashboard', () => {
  let t: TestApp;
  let planner: string;
  let district: string;

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true', EXPOSE_QUERY_COUNT: 'true' });
    planner = await login(t, 'planner', DEMO_PASSWORD);
    district = await login(t, 'wanzhou-planner', DEMO_PASSWORD);
  });
  afterAll(() => t?.close());

  it('gives a municipal planner the city: headcount vs 2027 and 2029, training, ratios, the time bank', async () => {
    const res = await t.gql(DASHBOARD, {}, planner);
    expect(res.body.errors).toBeUndefined();
    const d = res.body.data!.planningDashboard;
    expect(d.asOf).toBe(todayInShanghai());
    expect(d.regionCode).toBeNull();
    expect(d.headcount.targets.map((x: { year: number; target: number }) => [x.year, x.target])).toEqual([
      [2027, 25000],
      [2029, 30000],
    ]);
    // Each part equals the query it comes from.
    const parts = await t.gql(
      `query($year: Int!) {
         workforceProgress { headcount }
         trainingProgress(year: $year) { completedPersonSessions }
         staffingRatios { city { socialWorkers perThousandOlderAdults } regions { regionCode perThousandOlderAdults } }
         timeBankSummary { volunteers minutesIssued } }`,
      { year: Number(d.asOf.slice(0, 4)) },
      planner,
    );
    expect(parts.body.errors).toBeUndefined();
    const p = parts.body.data!;
    expect(d.headcount.headcount).toBe(p.workforceProgress.headcount);
    expect(d.training.completedPersonSessions).toBe(p.trainingProgress.completedPersonSessions);
    expect(d.ratios.city).toEqual({ regionCode: null, ...p.staffingRatios.city });
    expect(d.timeBank).toMatchObject(p.timeBankSummary);
    // The five weakest: the lowest ratios, those without one last.
    const ranked = [...p.staffingRatios.regions].sort(
      (a: { perThousandOlderAdults: number | null; regionCode: string }, b: typeof a) =>
        (a.perThousandOlderAdults ?? Infinity) - (b.perThousandOlderAdults ?? Infinity) ||
        a.regionCode.localeCompare(b.regionCode),
    );
    expect(d.ratios.worstRegions).toEqual(ranked.slice(0, 5));
    expect(roundTrips(res)).toBeLessThanOrEqual(12);
  });

  it('gives a district planner its own region and no city ratio', async () => {
    const res = await t.gql(DASHBOARD, {}, district);
    expect(res.body.errors).toBeUndefined();
    const d = res.body.data!.planningDashboard;
    expect(d.regionCode).toBe('500101');
    expect(d.ratios.city).toBeNull();
    expect(d.ratios.worstRegions.map((r: { regionCode: string }) => r.regionCode)).toEqual(['500101']);
    expect(d.timeBank.regionCode).toBe('500101');
  });

  it('refuses other roles and a bad date', async () => {
    const admin = await login(t, 'institution-admin', DEMO_PASSWORD);
    expect(codes(await t.gql(DASHBOARD, {}, admin))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(DASHBOARD, { asOf: '2025-02-30' }, planner))).toEqual(['BAD_USER_INPUT']);
  });
});
