import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, addYears, todayInShanghai } from '../../src/common/dates.js';
import {
  auditCount,
  createEvaluationBody,
  createInstitution,
  registerStaff,
  residentId,
  signInRoles,
} from '../helpers/factories.js';
import { codes, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/test-app.js';

// The workforce forecast and saved scenarios, on a small world whose arithmetic can be done by hand.

const FORECAST = `query($i: WorkforceForecastInput!) {
  workforceForecast(input: $i) {
    regionCode series { month team headcount } totals { month headcount }
    targets { year target reachedInMonth gapAtTargetDate } note
    assumptions { measuredFrom measuredTo annualAttritionRate graduatesEnteringPerYear graduatesProgramYear
                  traineeConversionRate traineesPerYear otherHiresPerYear extraHiresPerMonth retirementAgeMale
                  retirementAgeFemale staffPastRetirementAge overridden }
  } }`;
const SAVE = `mutation($name: String!, $i: WorkforceForecastInput!) {
  saveScenario(name: $name, input: $i) { id name savedAt input { horizonYear regionCode extraHiresPerMonth annualAttritionRate } } }`;
const SCENARIOS = `{ scenarios { id name input { horizonYear extraHiresPerMonth } forecast { targets { year reachedInMonth } } } }`;

const TODAY = todayInShanghai();
const YEAR = Number(TODAY.slice(0, 4));
const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const START = monthIndex(TODAY.slice(0, 7));
const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
/** Months from this month to December of next year, inclusive. */
const POINTS = (YEAR + 1) * 12 + 11 - START + 1;

const fields = (res: GraphQLResponse) =>
  (res.body.errors ?? []).flatMap((e) => (e.extensions?.fields as string[]) ?? []);
const care = (res: GraphQLResponse) =>
  res.body.data!.workforceForecast.series.filter((p: { team: string }) => p.team === 'CARE');

describe('planning: workforce forecast and scenarios', () => {
  let t: TestApp;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    tokens = await signInRoles(t, [
      { role: 'MUNICIPAL_PLANNER' },
      { role: 'DISTRICT_PLANNER', regionCode: '500104' },
      { role: 'INSTITUTION_ADMIN', institutionId: await createInstitution(t, { regionCode: '500101' }) },
    ]);
    // 500104: ten caregivers for years, born 1990 (nobody retires within the horizon), and one manager.
    const home = await createInstitution(t, { regionCode: '500104' });
    for (let i = 0; i < 10; i++) {
      await registerStaff(t, tokens.MUNICIPAL_PLANNER, {
        institutionId: home,
        idNumber: residentId({ birthDate: '1990-06-01' }),
        startDate: '2020-01-01',
      });
    }
    await registerStaff(t, tokens.MUNICIPAL_PLANNER, {
      institutionId: home,
      idNumber: residentId({ birthDate: '1985-06-01' }),
      occupation: 'DIRECTOR',
      startDate: '2020-01-01',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const forecast = (input: Record<string, unknown>, token = tokens.MUNICIPAL_PLANNER) =>
    t.gql(FORECAST, { i: input }, token);

  it('with no attrition and fixed hiring is simple arithmetic: 10 caregivers + 2 a month', async () => {
    const res = await forecast({
      horizonYear: YEAR + 1,
      regionCode: '500104',
      annualAttritionRate: 0,
      extraHiresPerMonth: 2,
      graduatesEnteringPerYear: 0,
      traineeConversionRate: 0,
    });
    expect(res.body.errors).toBeUndefined();
    const series = care(res);
    expect(series).toHaveLength(POINTS);
    expect(series.map((p: { month: string; headcount: number }) => [p.month, p.headcount])).toEqual(
      Array.from({ length: POINTS }, (_, k) => [monthOf(START + k), 10 + 2 * k]),
    );
    const managers = res.body.data!.workforceForecast.series.filter((p: { team: string }) => p.team === 'MANAGEMENT');
    expect(new Set(managers.map((p: { headcount: number }) => p.headcount))).toEqual(new Set([1]));
    expect(res.body.data!.workforceForecast.assumptions).toMatchObject({
      annualAttritionRate: 0,
      otherHiresPerYear: 0,
      extraHiresPerMonth: 2,
      retirementAgeMale: 60,
      retirementAgeFemale: 55,
      measuredFrom: addYears(TODAY, -1),
      measuredTo: TODAY,
      overridden: ['annualAttritionRate', 'graduatesEnteringPerYear', 'traineeConversionRate', 'extraHiresPerMonth'],
    });
  });

  it('says when each headcount target is reached and the gap at its date', async () => {
    // Totals are caregivers + the director: 11 + 2k at month k. A target of 31 is reached at k = 10 exactly.
    for (const [year, value] of [
      [YEAR + 1, 31],
      [YEAR, 10_000],
    ] as const) {
      await t.db.query(
        `INSERT INTO target (metric, region_code, year, value) VALUES ('TALENT_HEADCOUNT', '500104', $1, $2)`,
        [year, value],
      );
    }
    const res = await forecast({
      horizonYear: YEAR + 1,
      regionCode: '500104',
      annualAttritionRate: 0,
      extraHiresPerMonth: 2,
    });
    const totalAtDecember = (year: number) => 11 + 2 * (year * 12 + 11 - START);
    expect(res.body.data!.workforceForecast.targets).toEqual([
      { year: YEAR, target: 10_000, reachedInMonth: null, gapAtTargetDate: 10_000 - totalAtDecember(YEAR) },
      { year: YEAR + 1, target: 31, reachedInMonth: monthOf(START + 10), gapAtTargetDate: 0 },
    ]);
  });

  it('applies attrition monthly and retirements at the retirement age, and overrides change them', async () => {
    const base = { horizonYear: YEAR + 1, regionCode: '500104', extraHiresPerMonth: 0, graduatesEnteringPerYear: 0 };
    const attrition = care(await forecast({ ...base, annualAttritionRate: 0.12 }));
    // 12 % a year compounds monthly: 10 x 0.88^(k/12), so 8.8 -> 9 after twelve months.
    expect(attrition.slice(0, 13).map((p: { headcount: number }) => p.headcount)).toEqual(
      Array.from({ length: 13 }, (_, k) => Math.round(10 * 0.88 ** (k / 12))),
    );
    // 500106: one woman who turns 55 in about two and a half months; with the female retirement age given as 55 she
    // retires in that month, or 12 months later with it set to 56.
    const birthDate = addYears(addDays(TODAY, 75), -55);
    await registerStaff(t, tokens.MUNICIPAL_PLANNER, {
      institutionId: await createInstitution(t, { regionCode: '500106' }),
      idNumber: residentId({ birthDate, sex: 'FEMALE' }),
      startDate: '2020-01-01',
    });
    const retireMonth = monthIndex(birthDate.slice(0, 7)) + 55 * 12;
    const none = {
      horizonYear: YEAR + 2,
      regionCode: '500106',
      annualAttritionRate: 0,
      extraHiresPerMonth: 0,
      retirementAgeFemale: 55,
    };
    const headcounts = async (input: Record<string, unknown>) =>
      new Map(care(await forecast(input)).map((p: { month: string; headcount: number }) => [p.month, p.headcount]));
    const at55 = await headcounts(none);
    expect([at55.get(monthOf(retireMonth - 1)), at55.get(monthOf(retireMonth))]).toEqual([1, 0]);
    const later = await headcounts({ ...none, retirementAgeFemale: 56 });
    expect([
      later.get(monthOf(retireMonth)),
      later.get(monthOf(retireMonth + 11)),
      later.get(monthOf(retireMonth + 12)),
    ]).toEqual([1, 1, 0]);
  });

  it('retires in month one only those whose retirement birthday falls after the first day; the rest stay', async () => {
    // 500110 (female age given as 56): one woman reaching 56 tomorrow, one who reached it yesterday, one today.
    const home = await createInstitution(t, { regionCode: '500110' });
    for (const birthDate of [
      addDays(addYears(TODAY, -56), 1),
      addDays(addYears(TODAY, -56), -1),
      addYears(TODAY, -56),
    ]) {
      await registerStaff(t, tokens.MUNICIPAL_PLANNER, {
        institutionId: home,
        idNumber: residentId({ birthDate, sex: 'FEMALE' }),
        startDate: '2020-01-01',
      });
    }
    const res = await forecast({
      horizonYear: YEAR + 1,
      regionCode: '500110',
      annualAttritionRate: 0,
      extraHiresPerMonth: 0,
      retirementAgeFemale: 56,
    });
    expect(res.body.errors).toBeUndefined();
    // Tomorrow's birthday leaves in month one; the two already at the age on the first day stay, leaving only
    // through attrition (none here).
    expect(
      care(res)
        .slice(0, 4)
        .map((p: { headcount: number }) => p.headcount),
    ).toEqual([3, 2, 2, 2]);
    expect(res.body.data!.workforceForecast.assumptions.staffPastRetirementAge).toBe(2);
    // With 12 % attrition the two shrink by 0.88^(1/12) a month: after 12 months 2 x 0.88 = 1.76 -> 2, after 24
    // 2 x 0.7744 = 1.55 -> 2.
    const attrition = care(
      await forecast({
        horizonYear: YEAR + 2,
        regionCode: '500110',
        annualAttritionRate: 0.12,
        extraHiresPerMonth: 0,
        retirementAgeFemale: 56,
      }),
    ).map((p: { headcount: number }) => p.headcount);
    expect(attrition[13]).toBe(Math.round(2 * 0.88 ** (13 / 12)));
  });

  it('retires by the statutory schedule of each birth month by default (the 2025 reform)', async () => {
    // 500114: a man born 1975-01-10 (60 + 31 months = 62y7m: 2037-08-10) and a woman born 1978-05-20 (55 + 26
    // months = 57y2m: 2035-07-20).
    const home = await createInstitution(t, { regionCode: '500114' });
    for (const [birthDate, sex] of [
      ['1975-01-10', 'MALE'],
      ['1978-05-20', 'FEMALE'],
    ] as const) {
      await registerStaff(t, tokens.MUNICIPAL_PLANNER, {
        institutionId: home,
        idNumber: residentId({ birthDate, sex }),
        startDate: '2020-01-01',
      });
    }
    const base = { horizonYear: 2038, regionCode: '500114', annualAttritionRate: 0, extraHiresPerMonth: 0 };
    const totals = async (input: Record<string, unknown>) => {
      const res = await forecast(input);
      expect(res.body.errors).toBeUndefined();
      return new Map(
        res.body.data!.workforceForecast.totals.map((p: { month: string; headcount: number }) => [
          p.month,
          p.headcount,
        ]),
      );
    };
    const statutory = await totals(base);
    expect(['2035-06', '2035-07', '2037-07', '2037-08'].map((m) => statutory.get(m))).toEqual([2, 1, 1, 0]);
    // Flat ages given: 60 and 55, the pre-reform ages (2035-01 and 2033-05).
    const flat = await totals({ ...base, retirementAgeMale: 60, retirementAgeFemale: 55 });
    expect(['2033-04', '2033-05', '2034-12', '2035-01'].map((m) => flat.get(m))).toEqual([2, 1, 1, 0]);
    const shown = (await forecast(base)).body.data!.workforceForecast.assumptions;
    expect(shown).toMatchObject({ retirementAgeMale: 60, retirementAgeFemale: 55, staffPastRetirementAge: 0 });
  });

  it('shows each month’s total rounded once, the teams rounded to add up to it, and judges targets on it', async () => {
    // 500111: one caregiver, one nurse, one director, 30 % attrition: each team is 0.7^(k/12) after k months, so
    // rounded one by one the teams would show 1 + 1 + 1 while the total is 3 x 0.7^(k/12), between 1.5 and 2.1 for
    // k from 12 to 23.
    const home = await createInstitution(t, { regionCode: '500111' });
    for (const occupation of ['CAREGIVER', 'NURSE', 'DIRECTOR']) {
      await registerStaff(t, tokens.MUNICIPAL_PLANNER, {
        institutionId: home,
        idNumber: residentId({ birthDate: '1990-02-02' }),
        occupation,
        startDate: '2020-01-01',
      });
    }
    await t.db.query(
      `INSERT INTO target (metric, region_code, year, value) VALUES ('TALENT_HEADCOUNT', '500111', $1, 3)`,
      [YEAR + 1],
    );
    const res = await forecast({
      horizonYear: YEAR + 1,
      regionCode: '500111',
      annualAttritionRate: 0.3,
      extraHiresPerMonth: 0,
      graduatesEnteringPerYear: 0,
    });
    expect(res.body.errors).toBeUndefined();
    const f = res.body.data!.workforceForecast;
    const december = (YEAR + 1) * 12 + 11 - START;
    const unrounded = (k: number) => 3 * 0.7 ** (k / 12);
    expect(f.totals).toHaveLength(POINTS);
    f.totals.forEach((p: { month: string; headcount: number }, k: number) => {
      expect(p).toEqual({ month: monthOf(START + k), headcount: Math.round(unrounded(k)) });
      // The teams shown add up to the total shown.
      const teams = f.series.filter((x: { month: string }) => x.month === p.month);
      expect(teams.reduce((n: number, x: { headcount: number }) => n + x.headcount, 0)).toBe(p.headcount);
    });
    // December of next year: total 2, shown as caregivers 1, nurses 1, directors 0 (equal remainders: team order).
    expect(f.series.filter((x: { month: string }) => x.month === monthOf(START + december))).toEqual([
      { month: monthOf(START + december), team: 'CARE', headcount: 1 },
      { month: monthOf(START + december), team: 'PROFESSIONAL_TECHNICAL', headcount: 1 },
      { month: monthOf(START + december), team: 'MANAGEMENT', headcount: 0 },
    ]);
    // The gap is the target less the December total shown: 3 - 2 = 1; reached in the first month (3 >= 3).
    expect(f.targets).toEqual([{ year: YEAR + 1, target: 3, reachedInMonth: monthOf(START), gapAtTargetDate: 1 }]);
    expect(f.note).toBeNull();
  });

  it('takes graduates from the latest program year that has graduates, not from one still studying', async () => {
    // A college in 500112: last year 20 graduated, 12 into elder care; this year's class has not graduated yet.
    const college = await createEvaluationBody(t, { regionCode: '500112' });
    await t.db.query(
      `INSERT INTO college_program_year (college_id, major, year, enrolled, graduated, graduates_entering_elder_care)
       VALUES ($1, 'ELDER_CARE_SERVICES', $2, 30, 20, 12), ($1, 'ELDER_CARE_SERVICES', $3, 40, 0, 0),
              ($1, 'ELDER_CARE_MANAGEMENT', $2, 10, 5, 3)`,
      [college, YEAR - 1, YEAR],
    );
    const res = await forecast({ horizonYear: YEAR, regionCode: '500112' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.workforceForecast.assumptions).toMatchObject({
      graduatesEnteringPerYear: 15,
      graduatesProgramYear: YEAR - 1,
    });
    // A region without its own headcount target: no targets, and a note saying why.
    expect(res.body.data!.workforceForecast.targets).toEqual([]);
    expect(res.body.data!.workforceForecast.note).toMatch(/^No headcount target is set for this district or county/);
    // The other tests measure the city without graduates.
    await t.db.query('DELETE FROM college_program_year WHERE college_id = $1', [college]);
  });

  it('never takes the city’s headcount targets for a district', async () => {
    // 500104 has its own targets (YEAR: 10,000; YEAR + 1: 31, set above); the city's 2027 and 2029 are not its.
    const res = await forecast({ horizonYear: 2029, regionCode: '500104', annualAttritionRate: 0 });
    expect(res.body.data!.workforceForecast.targets.map((x: { year: number }) => x.year)).toEqual([YEAR, YEAR + 1]);
    const city = await forecast({ horizonYear: 2029, annualAttritionRate: 0 });
    expect(
      city.body.data!.workforceForecast.targets.map((x: { year: number; target: number }) => [x.year, x.target]),
    ).toEqual(
      [
        [2027, 25000],
        [2029, 30000],
      ].filter(([year]) => year >= YEAR),
    );
  });

  it('measures the last 12 months by default: entrants, exits and the attrition rate', async () => {
    // 500105: 4 caregivers a year ago; one resigned two months ago; one hired three months ago.
    const home = await createInstitution(t, { regionCode: '500105' });
    const jobs = [];
    for (let i = 0; i < 4; i++) {
      jobs.push(
        await registerStaff(t, tokens.MUNICIPAL_PLANNER, {
          institutionId: home,
          idNumber: residentId({ birthDate: '1991-03-03' }),
          startDate: '2021-01-01',
        }),
      );
    }
    const ended = await t.gql(
      'mutation($id: ID!, $d: Date!) { endEmployment(id: $id, endDate: $d, reason: RESIGNED) { id } }',
      { id: jobs[0].id, d: addDays(TODAY, -60) },
      tokens.MUNICIPAL_PLANNER,
    );
    expect(ended.body.errors).toBeUndefined();
    await registerStaff(t, tokens.MUNICIPAL_PLANNER, {
      institutionId: home,
      idNumber: residentId({ birthDate: '1992-03-03' }),
      startDate: addDays(TODAY, -90),
    });
    const res = await forecast({ horizonYear: YEAR, regionCode: '500105' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.workforceForecast.assumptions).toMatchObject({
      annualAttritionRate: 0.25,
      otherHiresPerYear: 1,
      graduatesEnteringPerYear: 0,
      traineesPerYear: 0,
      traineeConversionRate: 0,
      extraHiresPerMonth: 0,
      overridden: [],
    });
    // Month 1: 4 x 0.75^(1/12) + 1 / 12 = 3.99 -> 4.
    const series = care(res);
    expect(series[0].headcount).toBe(4);
    if (series.length > 1) expect(series[1].headcount).toBe(Math.round(4 * 0.75 ** (1 / 12) + 1 / 12));
  });

  it('counts a transfer between districts as an exit from one and an entrant to the other', async () => {
    // 500108: 4 caregivers since 2021; 2 of them moved to 500109 sixty days ago.
    const [from, to] = [
      await createInstitution(t, { regionCode: '500108' }),
      await createInstitution(t, { regionCode: '500109' }),
    ];
    for (let i = 0; i < 4; i++) {
      const idNumber = residentId({ birthDate: '1993-04-04' });
      const name = `调动${i}`;
      const job = await registerStaff(t, tokens.MUNICIPAL_PLANNER, {
        institutionId: from,
        idNumber,
        name,
        startDate: '2021-01-01',
      });
      if (i < 2) {
        const moved = await t.gql(
          'mutation($id: ID!, $d: Date!) { endEmployment(id: $id, endDate: $d, reason: TRANSFERRED) { id } }',
          { id: job.id, d: addDays(TODAY, -60) },
          tokens.MUNICIPAL_PLANNER,
        );
        expect(moved.body.errors).toBeUndefined();
        await registerStaff(t, tokens.MUNICIPAL_PLANNER, {
          institutionId: to,
          idNumber,
          name,
          startDate: addDays(TODAY, -60),
        });
      }
    }
    const left = await forecast({ horizonYear: YEAR, regionCode: '500108' });
    expect(left.body.data!.workforceForecast.assumptions).toMatchObject({
      annualAttritionRate: 0.5,
      otherHiresPerYear: 0,
    });
    const joined = await forecast({ horizonYear: YEAR, regionCode: '500109' });
    expect(joined.body.data!.workforceForecast.assumptions).toMatchObject({
      annualAttritionRate: 0,
      otherHiresPerYear: 2,
    });
    // City-wide nobody left or joined.
    const city = await forecast({ horizonYear: YEAR, annualAttritionRate: null });
    expect(city.body.data!.workforceForecast.assumptions.otherHiresPerYear).toBe(1);
  });

  it('keeps a district planner to its region and refuses bad input, naming every field', async () => {
    const own = await forecast({ horizonYear: YEAR }, tokens.DISTRICT_PLANNER);
    expect(own.body.data!.workforceForecast.regionCode).toBe('500104');
    expect(codes(await forecast({ horizonYear: YEAR, regionCode: '500101' }, tokens.DISTRICT_PLANNER))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await forecast({ horizonYear: YEAR }, tokens.INSTITUTION_ADMIN))).toEqual(['FORBIDDEN']);
    const bad = await forecast({
      horizonYear: YEAR - 1,
      regionCode: 'Z01',
      annualAttritionRate: 1.5,
      traineeConversionRate: -0.1,
      graduatesEnteringPerYear: -1,
      extraHiresPerMonth: -2,
      retirementAgeMale: 30,
      retirementAgeFemale: 90,
    });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(fields(bad).sort()).toEqual(
      [
        'annualAttritionRate',
        'extraHiresPerMonth',
        'graduatesEnteringPerYear',
        'horizonYear',
        'regionCode',
        'retirementAgeFemale',
        'retirementAgeMale',
        'traineeConversionRate',
      ].sort(),
    );
    expect(fields(await forecast({ horizonYear: YEAR + 31 }))).toEqual(['horizonYear']);
  });

  it('saves scenarios per planner, replaces one saved under the same name, and runs them on today’s data', async () => {
    const before = await auditCount(t, 'saveScenario');
    const input = { horizonYear: YEAR + 1, regionCode: '500104', annualAttritionRate: 0, extraHiresPerMonth: 2 };
    const first = await t.gql(SAVE, { name: '基线', i: input }, tokens.MUNICIPAL_PLANNER);
    expect(first.body.errors).toBeUndefined();
    const again = await t.gql(SAVE, { name: '基线', i: { ...input, extraHiresPerMonth: 5 } }, tokens.MUNICIPAL_PLANNER);
    expect(again.body.data!.saveScenario).toMatchObject({
      id: first.body.data!.saveScenario.id,
      input: { horizonYear: YEAR + 1, regionCode: '500104', extraHiresPerMonth: 5, annualAttritionRate: 0 },
    });
    await t.gql(SAVE, { name: '加大招聘', i: { ...input, extraHiresPerMonth: 10 } }, tokens.MUNICIPAL_PLANNER);
    const list = await t.gql(SCENARIOS, {}, tokens.MUNICIPAL_PLANNER);
    expect(list.body.errors).toBeUndefined();
    const scenarios = list.body.data!.scenarios;
    expect(scenarios.map((s: { name: string }) => s.name).sort()).toEqual(['加大招聘', '基线'].sort());
    // More hires reach the target of 31 (set above for next year) sooner: 11 + 5k >= 31 at k = 4; 11 + 10k at k = 2.
    const reached = (name: string) =>
      scenarios
        .find((s: { name: string }) => s.name === name)
        .forecast.targets.find((x: { year: number }) => x.year === YEAR + 1).reachedInMonth;
    expect(reached('基线')).toBe(monthOf(START + 4));
    expect(reached('加大招聘')).toBe(monthOf(START + 2));
    // Another planner sees only its own; a district planner may not save another region's scenario.
    expect((await t.gql(SCENARIOS, {}, tokens.DISTRICT_PLANNER)).body.data!.scenarios).toEqual([]);
    expect(codes(await t.gql(SAVE, { name: 'x', i: input }, tokens.INSTITUTION_ADMIN))).toEqual(['FORBIDDEN']);
    expect(
      codes(await t.gql(SAVE, { name: 'x', i: { ...input, regionCode: '500101' } }, tokens.DISTRICT_PLANNER)),
    ).toEqual(['FORBIDDEN']);
    expect(fields(await t.gql(SAVE, { name: ' ', i: input }, tokens.MUNICIPAL_PLANNER))).toEqual(['name']);
    expect(await auditCount(t, 'saveScenario')).toBe(before + 3);
    // A scenario saved in an earlier year may name a horizon already past: it runs to the end of this year.
    const me = await t.gql('{ me { id } }', {}, tokens.MUNICIPAL_PLANNER);
    await t.db.query(`INSERT INTO scenario (owner_id, name, input) VALUES ($1, '去年的', $2)`, [
      me.body.data!.me.id,
      { horizonYear: YEAR - 1, regionCode: null },
    ]);
    const withOld = await t.gql('{ scenarios { name forecast { series { month } } } }', {}, tokens.MUNICIPAL_PLANNER);
    expect(withOld.body.errors).toBeUndefined();
    const old = withOld.body.data!.scenarios.find((x: { name: string }) => x.name === '去年的');
    expect(old.forecast.series.at(-1).month).toBe(`${YEAR}-12`);
  });
});
