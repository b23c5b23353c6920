import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, todayInShanghai } from '../../src/common/dates.js';
import { DEMO_PASSWORD } from '../../src/database/seed.service.js';
import { login } from '../helpers/factories.js';
import { codes, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/test-app.js';

// The planner's dashboard on the demo data: every part agrees with the query it summarises.

const DASHBOARD = `query($asOf: Date) {
  planningDashboard(asOf: $asOf) {
    asOf regionCode
    headcount { headcount targets { year target gap requiredMonthlyNetGrowth projected onTrack } note }
    training { year asOf completedPersonSessions target expectedToDate onTrack note }
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
         staffingRatios { city { socialWorkers perThousandOlderAdults }
                          regions { regionCode perThousandOlderAdults socialWorkers olderAdults shortfallForOlderAdults } }
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
    // The five weakest: the lowest exact ratio (social workers / older adults, not the rounded figure), then the
    // largest shortfall, then code; those without a ratio last.
    interface R {
      regionCode: string;
      perThousandOlderAdults: number | null;
      socialWorkers: number;
      olderAdults: number | null;
      shortfallForOlderAdults: number | null;
    }
    const ranked = [...(p.staffingRatios.regions as R[])].sort((a, b) => {
      if (!a.olderAdults || !b.olderAdults) {
        if (!a.olderAdults !== !b.olderAdults) return a.olderAdults ? -1 : 1;
        return a.regionCode.localeCompare(b.regionCode);
      }
      return (
        a.socialWorkers * b.olderAdults - b.socialWorkers * a.olderAdults ||
        (b.shortfallForOlderAdults ?? -1) - (a.shortfallForOlderAdults ?? -1) ||
        a.regionCode.localeCompare(b.regionCode)
      );
    });
    expect(d.ratios.worstRegions).toEqual(
      ranked.slice(0, 5).map((r) => ({ regionCode: r.regionCode, perThousandOlderAdults: r.perThousandOlderAdults })),
    );
    // On the demo data many districts have no social worker at all: among those, the largest shortfall comes first.
    const zeros = ranked.filter((r) => r.perThousandOlderAdults === 0);
    if (zeros.length >= 2)
      expect(zeros[0].shortfallForOlderAdults!).toBeGreaterThanOrEqual(zeros[1].shortfallForOlderAdults!);
    expect(roundTrips(res)).toBeLessThanOrEqual(12);
  });

  it('gives every part as of a past date, each equal to the query it summarises at that date', async () => {
    const asOf = addDays(todayInShanghai(), -45);
    const year = Number(asOf.slice(0, 4));
    const PROGRESS_FIELDS = `asOf regionCode headcount byTeam { team count } byOccupation { occupation count }
      targets { year target gap requiredMonthlyNetGrowth projected onTrack } note monthly { month headcount }`;
    const TRAINING_FIELDS = `year asOf regionCode target note completedPersonSessions expectedToDate onTrack
      byAudience { audience count } byRegion { regionCode count } byMonth { month count }`;
    const RATIO_FIELDS = `regionCode olderAdults beds socialWorkers qualifiedSocialWorkers careHomeSocialWorkers
      perThousandOlderAdults perHundredBeds meetsOlderAdultTarget meetsBedTarget shortfallForOlderAdults
      shortfallForBeds populationBasis note`;
    const FIGURES = `regionCode volunteers activeVolunteers shareAged60To69 minutesIssued minutesRedeemed
      minutesPendingRedemption minutesTransferred minutesGranted minutesToPool`;
    const TIME_BANK_FIELDS = `asOf publicPoolMinutes ${FIGURES} regions { ${FIGURES} }`;
    for (const token of [planner, district]) {
      const res = await t.gql(
        `query($asOf: Date) { planningDashboard(asOf: $asOf) {
           asOf headcount { ${PROGRESS_FIELDS} } training { ${TRAINING_FIELDS} }
           ratios { city { ${RATIO_FIELDS} } } timeBank { ${TIME_BANK_FIELDS} } } }`,
        { asOf },
        token,
      );
      expect(res.body.errors).toBeUndefined();
      const d = res.body.data!.planningDashboard;
      const parts = await t.gql(
        `query($asOf: Date, $year: Int!) {
           workforceProgress(asOf: $asOf) { ${PROGRESS_FIELDS} }
           trainingProgress(year: $year, asOf: $asOf) { ${TRAINING_FIELDS} }
           staffingRatios(asOf: $asOf) { city { ${RATIO_FIELDS} } }
           timeBankSummary(asOf: $asOf) { ${TIME_BANK_FIELDS} } }`,
        { asOf, year },
        token,
      );
      expect(parts.body.errors).toBeUndefined();
      const p = parts.body.data!;
      expect(d.asOf).toBe(asOf);
      expect(d.headcount).toEqual(p.workforceProgress);
      expect(d.training).toEqual(p.trainingProgress);
      expect(d.training.asOf).toBe(asOf);
      expect(d.ratios.city).toEqual(p.staffingRatios.city);
      expect(d.timeBank).toEqual(p.timeBankSummary);
      expect(d.timeBank.asOf).toBe(asOf);
      // And they are not today's: the demo time bank credited service after that date.
      const now = await t.gql('{ timeBankSummary { minutesIssued } }', {}, token);
      expect(d.timeBank.minutesIssued).toBeLessThan(now.body.data!.timeBankSummary.minutesIssued);
    }
  });

  it('gives a district planner its own region and no city ratio', async () => {
    const res = await t.gql(DASHBOARD, {}, district);
    expect(res.body.errors).toBeUndefined();
    const d = res.body.data!.planningDashboard;
    expect(d.regionCode).toBe('500101');
    // Wanzhou has no headcount or training target of its own: none, with a note, never the city's.
    expect(d.headcount.targets).toEqual([]);
    expect(d.headcount.note).toMatch(/city-wide target is not a district’s goal/);
    expect(d.training).toMatchObject({ target: null, expectedToDate: null, onTrack: null });
    expect(d.training.note).toMatch(/city-wide target is not a district’s goal/);
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
