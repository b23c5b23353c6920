import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditCount, createInstitution, signInRoles } from '../helpers/factories.js';
import { codes, startTestApp, type TestApp } from '../helpers/test-app.js';

const SET_POPULATION = `mutation($input: SetRegionPopulationInput!) {
  setRegionPopulation(input: $input) { year total olderAdults totalBasis olderAdultsBasis }
}`;

const TARGETS = `query($metric: TargetMetric, $regionCode: String, $year: Int) {
  targets(metric: $metric, regionCode: $regionCode, year: $year) { id metric regionCode year value }
}`;

interface TargetRow {
  id: string;
  metric: string;
  regionCode: string | null;
  year: number;
  value: number;
}

/** The plan's city-wide targets, as seeded by the reference-data migration. */
const SEEDED_TARGETS = [
  { metric: 'SOCIAL_WORKERS_PER_1000_OLDER_ADULTS', year: 2027, value: 1 },
  { metric: 'SOCIAL_WORKERS_PER_100_BEDS', year: 2027, value: 1 },
  { metric: 'TALENT_HEADCOUNT', year: 2027, value: 25000 },
  { metric: 'TALENT_HEADCOUNT', year: 2029, value: 30000 },
  ...[2025, 2026, 2027, 2028, 2029].map((year) => ({ metric: 'TRAINING_PERSON_SESSIONS', year, value: 20000 })),
];

const byMetricYear = (a: { metric: string; year: number }, b: { metric: string; year: number }) =>
  a.metric.localeCompare(b.metric) || a.year - b.year;

describe('regions, populations and targets', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    // EXPOSE_QUERY_COUNT only adds the x-sql-round-trips header, so one app serves every test here.
    t = await startTestApp({ EXPOSE_QUERY_COUNT: 'true' });
    const institutionId = await createInstitution(t, { regionCode: '500101' });
    Object.assign(
      tokens,
      await signInRoles(t, [
        { role: 'MUNICIPAL_PLANNER' },
        { role: 'DISTRICT_PLANNER', regionCode: '500101' },
        { role: 'INSTITUTION_ADMIN', institutionId },
        { role: 'ADMIN' },
        { role: 'VOLUNTEER' },
        { role: 'EVALUATION_BODY' },
      ]),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Every stored population figure, to prove a refused mutation changed nothing. */
  const populationTable = async () =>
    (await t.db.query('SELECT * FROM region_population ORDER BY region_code, year')).rows;

  const populationRows = async (regionCode: string) =>
    (
      await t.db.query(
        `SELECT year, total, older_adults AS "olderAdults", total_basis AS "totalBasis",
                older_adults_basis AS "olderAdultsBasis"
           FROM region_population WHERE region_code = $1 ORDER BY year`,
        [regionCode],
      )
    ).rows;

  describe('regions', () => {
    it('lists the 38 divisions and the 3 functional zones with their kinds', async () => {
      const res = await t.gql<{ regions: { code: string; nameZh: string; nameEn: string; kind: string }[] }>(
        '{ regions { code nameZh nameEn kind } }',
        {},
        tokens.VOLUNTEER,
      );
      expect(res.body.errors).toBeUndefined();
      const regions = res.body.data!.regions;
      expect(regions).toHaveLength(41);
      expect(new Set(regions.map((r) => r.code)).size).toBe(41);

      const kinds: Record<string, number> = {};
      for (const r of regions) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
      expect(kinds).toEqual({ DISTRICT: 26, COUNTY: 8, AUTONOMOUS_COUNTY: 4, FUNCTIONAL_ZONE: 3 });

      const zones = regions.filter((r) => r.kind === 'FUNCTIONAL_ZONE');
      expect(zones.map((z) => [z.code, z.nameZh, z.nameEn])).toEqual([
        ['Z01', '两江新区', 'Liangjiang New Area'],
        ['Z02', '重庆高新区', 'Chongqing High-tech Zone'],
        ['Z03', '万盛经开区', 'Wansheng Economic Development Zone'],
      ]);
      // Every division has a six-digit GB/T 2260 code under Chongqing (50).
      expect(regions.filter((r) => r.kind !== 'FUNCTIONAL_ZONE').every((r) => /^50\d{4}$/.test(r.code))).toBe(true);
      expect(regions.find((r) => r.code === '500101')).toEqual({
        code: '500101',
        nameZh: '万州区',
        nameEn: 'Wanzhou District',
        kind: 'DISTRICT',
      });
      expect(regions.find((r) => r.code === '500242')).toMatchObject({
        nameZh: '酉阳土家族苗族自治县',
        kind: 'AUTONOMOUS_COUNTY',
      });
      expect(regions.find((r) => r.code === '500229')).toMatchObject({ nameZh: '城口县', kind: 'COUNTY' });
    });

    it('carries the 2020 census figures and their basis from the reference data', async () => {
      const res = await t.gql<{
        regions: {
          code: string;
          kind: string;
          population: {
            year: number;
            total: number;
            olderAdults: number;
            totalBasis: string;
            olderAdultsBasis: string;
          } | null;
        }[];
      }>(
        '{ regions { code kind population(year: 2020) { year total olderAdults totalBasis olderAdultsBasis } } }',
        {},
        tokens.MUNICIPAL_PLANNER,
      );
      expect(res.body.errors).toBeUndefined();
      const regions = res.body.data!.regions;
      const divisions = regions.filter((r) => r.kind !== 'FUNCTIONAL_ZONE');
      expect(divisions).toHaveLength(38);
      expect(divisions.every((r) => r.population?.year === 2020)).toBe(true);

      // The reference data's columns add up exactly to the city-wide 2020 census (README of the data set).
      expect(divisions.reduce((s, r) => s + r.population!.total, 0)).toBe(32_054_159);
      expect(divisions.reduce((s, r) => s + r.population!.olderAdults, 0)).toBe(7_010_400);

      // census-2020 -> CENSUS, estimate -> DEMO_ESTIMATE; never OFFICIAL_ESTIMATE for seeded figures.
      const basisOf = (field: 'totalBasis' | 'olderAdultsBasis') =>
        divisions
          .filter((r) => r.population![field] === 'CENSUS')
          .map((r) => r.code)
          .sort();
      const estimates = (field: 'totalBasis' | 'olderAdultsBasis') =>
        divisions.filter((r) => r.population![field] === 'DEMO_ESTIMATE').length;
      expect(estimates('totalBasis')).toBe(10);
      expect(basisOf('totalBasis')).toHaveLength(28);
      expect(
        divisions
          .filter((r) => r.population!.totalBasis === 'DEMO_ESTIMATE')
          .map((r) => r.code)
          .sort(),
      ).toEqual(['500229', '500230', '500231', '500233', '500235', '500236', '500237', '500238', '500240', '500243']);
      expect(basisOf('olderAdultsBasis')).toEqual(['500115', '500151', '500155', '500242']);
      expect(estimates('olderAdultsBasis')).toBe(34);

      // A few rows exactly as in chongqing-regions.csv.
      const row = (code: string) => divisions.find((r) => r.code === code)!.population;
      expect(row('500101')).toEqual({
        year: 2020,
        total: 1564449,
        olderAdults: 338679,
        totalBasis: 'CENSUS',
        olderAdultsBasis: 'DEMO_ESTIMATE',
      });
      expect(row('500242')).toEqual({
        year: 2020,
        total: 607338,
        olderAdults: 125185,
        totalBasis: 'CENSUS',
        olderAdultsBasis: 'CENSUS',
      });
      expect(row('500243')).toEqual({
        year: 2020,
        total: 493468,
        olderAdults: 106830,
        totalBasis: 'DEMO_ESTIMATE',
        olderAdultsBasis: 'DEMO_ESTIMATE',
      });

      // Functional zones are counted in their host districts: no figure of their own.
      expect(regions.filter((r) => r.kind === 'FUNCTIONAL_ZONE').map((r) => r.population)).toEqual([null, null, null]);
    });

    it('gives the latest figure at or before the asked year, and the latest of all without a year', async () => {
      const set = await t.gql(
        SET_POPULATION,
        { input: { regionCode: '500103', year: 2023, total: 600000, olderAdults: 150000 } },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(set.body.errors).toBeUndefined();

      const res = await t.gql<{ regions: Record<string, any>[] }>(
        `{ regions {
             code
             y2019: population(year: 2019) { year total }
             y2020: population(year: 2020) { year total }
             y2021: population(year: 2021) { year total }
             y2023: population(year: 2023) { year total olderAdults }
             y2024: population(year: 2024) { year total olderAdults }
             latest: population { year total olderAdults }
           } }`,
        {},
        tokens.DISTRICT_PLANNER,
      );
      expect(res.body.errors).toBeUndefined();
      const yuzhong = res.body.data!.regions.find((r) => r.code === '500103')!;
      expect(yuzhong.y2019).toBeNull();
      expect(yuzhong.y2020).toEqual({ year: 2020, total: 588717 });
      expect(yuzhong.y2021).toEqual({ year: 2020, total: 588717 });
      expect(yuzhong.y2023).toEqual({ year: 2023, total: 600000, olderAdults: 150000 });
      expect(yuzhong.y2024).toEqual({ year: 2023, total: 600000, olderAdults: 150000 });
      expect(yuzhong.latest).toEqual({ year: 2023, total: 600000, olderAdults: 150000 });
      // A region without a newer figure still answers its 2020 one for later years.
      const fuling = res.body.data!.regions.find((r) => r.code === '500102')!;
      expect(fuling.y2024).toEqual({ year: 2020, total: 1115016, olderAdults: 241384 });
    });

    it('loads every population of the regions list in a bounded number of SQL round trips', async () => {
      const res = await t.gql<{ regions: { population: { total: number } | null }[] }>(
        '{ regions { code population { total } at2020: population(year: 2020) { total } } }',
        {},
        tokens.MUNICIPAL_PLANNER,
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.regions).toHaveLength(41);
      expect(res.body.data!.regions.filter((r) => r.population !== null)).toHaveLength(38);
      // 1 for the regions with all 82 (region, year) figures (issue 20: read in the regions' statement; before, a
      // DataLoader batch of its own made it one more), and none for the caller's account: the account cache keeps it
      // since sign-in (issue 20; before, the guard's look-up was one more). Without batching this would be 80+.
      const roundTrips = Number(res.headers['x-sql-round-trips']);
      expect(roundTrips).toBeLessThanOrEqual(4);
      expect(roundTrips).toBe(1);
    });

    it('reads the figures asked through fragments, aliases and variables with the regions', async () => {
      type Figure = { year: number; total: number } | null;
      const res = await t.gql<{ regions: { code: string; a: Figure; b: Figure; c: Figure; d: Figure }[] }>(
        `query ($y: Int) { regions { code ...F ... on Region { b: population { year total } } } }
         fragment F on Region { a: population(year: $y) { year total } c: population(year: 2021) { year total }
           d: population { year total } }`,
        { y: 2021 },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(res.body.errors).toBeUndefined();
      const regions = res.body.data!.regions;
      expect(regions.filter((r) => r.a !== null)).toHaveLength(38);
      for (const r of regions) {
        expect(r.a).toEqual(r.c);
        expect(r.b).toEqual(r.d);
      }
      expect(Number(res.headers['x-sql-round-trips'])).toBe(1);
    });

    it('is reference data for any signed-in role and, since issue 13, for anonymous callers (without populations)', async () => {
      for (const role of Object.keys(tokens)) {
        const res = await t.gql('{ regions { code } }', {}, tokens[role]);
        expect([role, res.body.errors]).toEqual([role, undefined]);
        expect(res.body.data!.regions).toHaveLength(41);
      }
      // Issue 13: codes and names are public (the sign-up page needs them); populations stay for signed-in callers.
      const anonymous = await t.gql('{ regions { code } }');
      expect(anonymous.body.errors).toBeUndefined();
      expect(anonymous.body.data!.regions).toHaveLength(41);
      const figures = await t.gql('{ regions { code population { total } } }');
      expect(new Set(codes(figures))).toEqual(new Set(['UNAUTHENTICATED']));
      expect(figures.body.data!.regions.every((r: { population: unknown }) => r.population === null)).toBe(true);
    });
  });

  describe('setRegionPopulation', () => {
    it('stores a figure (default basis OFFICIAL_ESTIMATE) with one audit event, and replaces it for the same year', async () => {
      const audits = await auditCount(t);
      const first = await t.gql(
        SET_POPULATION,
        { input: { regionCode: '500105', year: 2022, total: 930000, olderAdults: 210000 } },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(first.body.errors).toBeUndefined();
      expect(first.body.data!.setRegionPopulation).toEqual({
        year: 2022,
        total: 930000,
        olderAdults: 210000,
        totalBasis: 'OFFICIAL_ESTIMATE',
        olderAdultsBasis: 'OFFICIAL_ESTIMATE',
      });
      expect(await populationRows('500105')).toEqual([
        { year: 2020, total: 925800, olderAdults: 200422, totalBasis: 'CENSUS', olderAdultsBasis: 'DEMO_ESTIMATE' },
        {
          year: 2022,
          total: 930000,
          olderAdults: 210000,
          totalBasis: 'OFFICIAL_ESTIMATE',
          olderAdultsBasis: 'OFFICIAL_ESTIMATE',
        },
      ]);
      expect(await auditCount(t)).toBe(audits + 1);

      const second = await t.gql(
        SET_POPULATION,
        {
          input: {
            regionCode: '500105',
            year: 2022,
            total: 940000,
            olderAdults: 215000,
            totalBasis: 'CENSUS',
            olderAdultsBasis: 'DEMO_ESTIMATE',
          },
        },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(second.body.errors).toBeUndefined();
      expect(second.body.data!.setRegionPopulation).toEqual({
        year: 2022,
        total: 940000,
        olderAdults: 215000,
        totalBasis: 'CENSUS',
        olderAdultsBasis: 'DEMO_ESTIMATE',
      });
      // Replaced, not added: still one row for 2022.
      expect(await populationRows('500105')).toEqual([
        { year: 2020, total: 925800, olderAdults: 200422, totalBasis: 'CENSUS', olderAdultsBasis: 'DEMO_ESTIMATE' },
        { year: 2022, total: 940000, olderAdults: 215000, totalBasis: 'CENSUS', olderAdultsBasis: 'DEMO_ESTIMATE' },
      ]);
      expect(await auditCount(t)).toBe(audits + 2);

      const { rows: events } = await t.db.query(
        `SELECT operation, record_type, record_id, actor_role, summary FROM audit_event
          WHERE operation = 'setRegionPopulation' AND record_id = '500105:2022' ORDER BY id`,
      );
      expect(events).toHaveLength(2);
      expect(events[0]).toMatchObject({ record_type: 'RegionPopulation', actor_role: 'MUNICIPAL_PLANNER' });
      expect(events[0].summary.before).toBeNull();
      expect(events[0].summary.after).toMatchObject({ total: 930000, olderAdults: 210000 });
      expect(events[1].summary.before).toMatchObject({ total: 930000, olderAdults: 210000 });
      expect(events[1].summary.after).toMatchObject({ total: 940000, olderAdults: 215000, totalBasis: 'CENSUS' });

      const read = await t.gql<{ regions: { code: string; population: { year: number; total: number } }[] }>(
        '{ regions { code population(year: 2022) { year total } } }',
        {},
        tokens.MUNICIPAL_PLANNER,
      );
      expect(read.body.data!.regions.find((r) => r.code === '500105')!.population).toEqual({
        year: 2022,
        total: 940000,
      });
    });

    it('accepts the boundaries: years 2000 and 2100, zero, and 60+ equal to the total', async () => {
      const audits = await auditCount(t);
      for (const input of [
        { regionCode: '500104', year: 2000, total: 0, olderAdults: 0 },
        { regionCode: '500104', year: 2100, total: 500000, olderAdults: 500000 },
      ]) {
        const res = await t.gql(SET_POPULATION, { input }, tokens.MUNICIPAL_PLANNER);
        expect(res.body.errors).toBeUndefined();
        expect(res.body.data!.setRegionPopulation).toMatchObject({
          year: input.year,
          total: input.total,
          olderAdults: input.olderAdults,
        });
      }
      expect((await populationRows('500104')).map((r) => r.year)).toEqual([2000, 2020, 2100]);
      expect(await auditCount(t)).toBe(audits + 2);
    });

    const valid = { regionCode: '500106', year: 2023, total: 1500000, olderAdults: 330000 };
    it.each([
      ['a negative total', { total: -1, olderAdults: 0 }, 'total'],
      ['a negative 60+ count', { olderAdults: -5 }, 'olderAdults'],
      ['60+ above the total', { total: 1000, olderAdults: 1001 }, 'olderAdults'],
      ['an unknown region', { regionCode: '500199' }, 'regionCode'],
      ['a functional zone', { regionCode: 'Z01' }, 'regionCode'],
      ['the year 1999', { year: 1999 }, 'year'],
      ['the year 2101', { year: 2101 }, 'year'],
    ])('refuses %s with BAD_USER_INPUT naming the field, changing nothing', async (_, change, field) => {
      const table = await populationTable();
      const audits = await auditCount(t);
      const res = await t.gql(SET_POPULATION, { input: { ...valid, ...change } }, tokens.MUNICIPAL_PLANNER);
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors![0].extensions!.fields).toEqual([field]);
      expect(res.body.data ?? null).toBeNull();
      expect(await populationTable()).toEqual(table);
      expect(await auditCount(t)).toBe(audits);
    });

    it.each([
      [{ regionCode: 'Z02', year: 1999, total: -1, olderAdults: -2 }, ['regionCode', 'year', 'total', 'olderAdults']],
      [{ regionCode: '500106', year: 2101, total: 10, olderAdults: 20 }, ['year', 'olderAdults']],
      [{ regionCode: '', year: 2023, total: -10, olderAdults: 5 }, ['regionCode', 'total']],
    ])('reports every bad field of %j at once', async (input, fields) => {
      const table = await populationTable();
      const audits = await auditCount(t);
      const res = await t.gql(SET_POPULATION, { input }, tokens.MUNICIPAL_PLANNER);
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect([...res.body.errors![0].extensions!.fields].sort()).toEqual([...fields].sort());
      expect(await populationTable()).toEqual(table);
      expect(await auditCount(t)).toBe(audits);
    });

    it('also refuses replacing an existing figure with a bad one, keeping the old one', async () => {
      const ok = await t.gql(
        SET_POPULATION,
        { input: { regionCode: '500107', year: 2021, total: 1530000, olderAdults: 340000 } },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(ok.body.errors).toBeUndefined();
      const table = await populationTable();
      const audits = await auditCount(t);
      const bad = await t.gql(
        SET_POPULATION,
        { input: { regionCode: '500107', year: 2021, total: 100, olderAdults: 200 } },
        tokens.MUNICIPAL_PLANNER,
      );
      expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
      expect(bad.body.errors![0].extensions!.fields).toEqual(['olderAdults']);
      expect(await populationTable()).toEqual(table);
      expect((await populationRows('500107')).find((r) => r.year === 2021)).toMatchObject({
        total: 1530000,
        olderAdults: 340000,
      });
      expect(await auditCount(t)).toBe(audits);
    });

    it.each(['DISTRICT_PLANNER', 'INSTITUTION_ADMIN', 'ADMIN', 'VOLUNTEER', 'EVALUATION_BODY'])(
      'is refused to %s (FORBIDDEN), changing nothing',
      async (role) => {
        const table = await populationTable();
        const audits = await auditCount(t);
        // 500101 is the district planner's own region: municipal planners alone set populations.
        const res = await t.gql(
          SET_POPULATION,
          { input: { regionCode: '500101', year: 2023, total: 1600000, olderAdults: 350000 } },
          tokens[role],
        );
        expect(codes(res)).toEqual(['FORBIDDEN']);
        expect(await populationTable()).toEqual(table);
        expect(await auditCount(t)).toBe(audits);
      },
    );

    it('is refused to anonymous callers (UNAUTHENTICATED), changing nothing', async () => {
      const table = await populationTable();
      const audits = await auditCount(t);
      const res = await t.gql(SET_POPULATION, {
        input: { regionCode: '500101', year: 2023, total: 1600000, olderAdults: 350000 },
      });
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
      expect(await populationTable()).toEqual(table);
      expect(await auditCount(t)).toBe(audits);
    });
  });

  describe('targets', () => {
    const insertTarget = async (metric: string, regionCode: string | null, year: number, value: number) =>
      (
        await t.db.query('INSERT INTO target (metric, region_code, year, value) VALUES ($1, $2, $3, $4) RETURNING id', [
          metric,
          regionCode,
          year,
          value,
        ])
      ).rows[0].id as string;

    const targets = async (variables: Record<string, unknown>, token: string) => {
      const res = await t.gql<{ targets: TargetRow[] }>(TARGETS, variables, token);
      expect(res.body.errors).toBeUndefined();
      return res.body.data!.targets;
    };

    it("holds the plan's seeded city-wide values", async () => {
      const all = await targets({}, tokens.MUNICIPAL_PLANNER);
      const cityWide = all.filter((row) => row.regionCode === null);
      expect(cityWide.map(({ metric, year, value }) => ({ metric, year, value })).sort(byMetricYear)).toEqual(
        [...SEEDED_TARGETS].sort(byMetricYear),
      );
      expect(cityWide.every((row) => typeof row.value === 'number' && /^[0-9a-f-]{36}$/.test(row.id))).toBe(true);
      const { rows } = await t.db.query('SELECT id FROM target WHERE region_code IS NULL');
      expect(cityWide.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
    });

    it('filters by metric, year and both', async () => {
      const headcount = await targets({ metric: 'TALENT_HEADCOUNT' }, tokens.MUNICIPAL_PLANNER);
      expect(headcount.filter((r) => r.regionCode === null).map((r) => [r.year, r.value])).toEqual([
        [2027, 25000],
        [2029, 30000],
      ]);
      expect(headcount.every((r) => r.metric === 'TALENT_HEADCOUNT')).toBe(true);

      const in2027 = await targets({ year: 2027 }, tokens.MUNICIPAL_PLANNER);
      expect(in2027.every((r) => r.year === 2027)).toBe(true);
      expect(
        in2027
          .filter((r) => r.regionCode === null)
          .map((r) => [r.metric, r.value])
          .sort(),
      ).toEqual([
        ['SOCIAL_WORKERS_PER_1000_OLDER_ADULTS', 1],
        ['SOCIAL_WORKERS_PER_100_BEDS', 1],
        ['TALENT_HEADCOUNT', 25000],
        ['TRAINING_PERSON_SESSIONS', 20000],
      ]);

      const training2026 = await targets({ metric: 'TRAINING_PERSON_SESSIONS', year: 2026 }, tokens.MUNICIPAL_PLANNER);
      expect(training2026.map(({ metric, regionCode, year, value }) => ({ metric, regionCode, year, value }))).toEqual([
        { metric: 'TRAINING_PERSON_SESSIONS', regionCode: null, year: 2026, value: 20000 },
      ]);

      expect(await targets({ metric: 'TALENT_HEADCOUNT', year: 2028 }, tokens.MUNICIPAL_PLANNER)).toEqual([]);
    });

    it('filters by region and returns fractional values as Float', async () => {
      const id = await insertTarget('SOCIAL_WORKERS_PER_1000_OLDER_ADULTS', '500110', 2028, 0.85);
      const rows = await targets({ regionCode: '500110' }, tokens.MUNICIPAL_PLANNER);
      expect(rows).toEqual([
        { id, metric: 'SOCIAL_WORKERS_PER_1000_OLDER_ADULTS', regionCode: '500110', year: 2028, value: 0.85 },
      ]);
      // The city-wide list includes the regional row too.
      const all = await targets({ year: 2028 }, tokens.MUNICIPAL_PLANNER);
      expect(all.find((r) => r.id === id)).toMatchObject({ value: 0.85, regionCode: '500110' });
    });

    it("shows a district planner the city's targets and its own region's, never another region's", async () => {
      const own = await insertTarget('TALENT_HEADCOUNT', '500101', 2030, 1200);
      const other = await insertTarget('TALENT_HEADCOUNT', '500102', 2030, 900.5);

      const municipal = await targets({ year: 2030 }, tokens.MUNICIPAL_PLANNER);
      expect(municipal.map((r) => r.id).sort()).toEqual([own, other].sort());

      const district = await targets({}, tokens.DISTRICT_PLANNER);
      expect(district.some((r) => r.id === own)).toBe(true);
      expect(district.some((r) => r.id === other)).toBe(false);
      expect(district.every((r) => r.regionCode === null || r.regionCode === '500101')).toBe(true);
      expect(district.filter((r) => r.regionCode === null)).toHaveLength(SEEDED_TARGETS.length);

      expect(await targets({ year: 2030 }, tokens.DISTRICT_PLANNER)).toEqual([
        { id: own, metric: 'TALENT_HEADCOUNT', regionCode: '500101', year: 2030, value: 1200 },
      ]);
      expect((await targets({ regionCode: '500101' }, tokens.DISTRICT_PLANNER)).map((r) => r.id)).toContain(own);

      const refused = await t.gql(TARGETS, { regionCode: '500102' }, tokens.DISTRICT_PLANNER);
      expect(codes(refused)).toEqual(['FORBIDDEN']);
      expect(refused.body.data ?? null).toBeNull();
    });

    it.each(['ADMIN', 'INSTITUTION_ADMIN', 'EVALUATION_BODY', 'VOLUNTEER'])('is refused to %s', async (role) => {
      const res = await t.gql(TARGETS, {}, tokens[role]);
      expect(codes(res)).toEqual(['FORBIDDEN']);
      expect(res.body.data ?? null).toBeNull();
    });

    it('is refused to anonymous callers', async () => {
      const res = await t.gql(TARGETS, {});
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    });
  });
});
