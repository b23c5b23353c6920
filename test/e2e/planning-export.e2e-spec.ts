import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { addDays, todayInShanghai } from '../../src/common/dates.js';
import { DEMO_PASSWORD } from '../../src/database/seed.service.js';
import { login } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// The planning workbook on the demo data, opened and read back: every figure equals the GraphQL query it comes from.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const RATIO_FIELDS = [
  'regionCode',
  'olderAdults',
  'beds',
  'socialWorkers',
  'qualifiedSocialWorkers',
  'careHomeSocialWorkers',
  'perThousandOlderAdults',
  'perHundredBeds',
  'meetsOlderAdultTarget',
  'meetsBedTarget',
  'shortfallForOlderAdults',
  'shortfallForBeds',
  'populationBasis',
  'note',
] as const;
const NUMERIC_RATIO_FIELDS = [
  'olderAdults',
  'beds',
  'socialWorkers',
  'qualifiedSocialWorkers',
  'careHomeSocialWorkers',
  'perThousandOlderAdults',
  'perHundredBeds',
  'shortfallForOlderAdults',
  'shortfallForBeds',
] as const;

const RATIOS = `query($asOf: Date) { staffingRatios(asOf: $asOf) {
  city { ${RATIO_FIELDS.join(' ')} } regions { ${RATIO_FIELDS.join(' ')} } } }`;
const PROGRESS = `query($asOf: Date, $year: Int!) {
  workforceProgress(asOf: $asOf) {
    headcount byTeam { team count } byOccupation { occupation count }
    targets { year target gap requiredMonthlyNetGrowth projected onTrack } monthly { month headcount } }
  trainingProgress(year: $year, asOf: $asOf) { asOf completedPersonSessions target expectedToDate note byMonth { month count } }
  workforceForecast(input: { horizonYear: 2029 }) {
    series { month team headcount } totals { month headcount } targets { year target reachedInMonth gapAtTargetDate }
    assumptions { staffPastRetirementAge graduatesEnteringPerYear } } }`;

type Row = Record<string, ExcelJS.CellValue>;
interface Section {
  zh: string[];
  en: string[];
  rows: Row[];
  /** The cells of the rows, for number formats. */
  cells: Record<string, ExcelJS.Cell>[];
}

/** A section written by the builder: its title row, a Chinese and an English header row, rows up to a blank row. */
function section(sheet: ExcelJS.Worksheet, title: string): Section {
  let n = 1;
  while (n <= sheet.rowCount && !String(sheet.getRow(n).getCell(1).value ?? '').startsWith(title)) n++;
  if (n > sheet.rowCount) throw new Error(`no section ${title} in ${sheet.name}`);
  const texts = (r: number) => (sheet.getRow(r).values as ExcelJS.CellValue[]).slice(1).map(String);
  const zh = texts(n + 1);
  const en = texts(n + 2);
  const rows: Row[] = [];
  const cells: Record<string, ExcelJS.Cell>[] = [];
  for (let r = n + 3; r <= sheet.rowCount && sheet.getRow(r).hasValues; r++) {
    const row = sheet.getRow(r);
    rows.push(Object.fromEntries(en.map((key, i) => [key, row.getCell(i + 1).value])));
    cells.push(Object.fromEntries(en.map((key, i) => [key, row.getCell(i + 1)])));
  }
  return { zh, en, rows, cells };
}

/** Label-value sections, by English key. */
const pairs = (s: Section) => Object.fromEntries(s.rows.map((r) => [r.key as string, r.value]));

const yesNo = (v: boolean | null) => (v === null ? null : v ? '是' : '否');

describe('planning export (GET /exports/planning.xlsx)', () => {
  let t: TestApp;
  let planner: string;
  let district: string;
  let institutionAdmin: string;
  const today = todayInShanghai();

  const download = (token?: string, query: Record<string, string> = {}) => {
    // English, like the notes these tests compare with the API's (the test helper's default language).
    const req = request(t.server)
      .get('/exports/planning.xlsx')
      .set('accept-language', 'en')
      .query(query)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    if (token) req.set('authorization', `Bearer ${token}`);
    return req;
  };
  const json = (body: Buffer) => JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  const open = async (body: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
    return wb;
  };

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true' });
    planner = await login(t, 'planner', DEMO_PASSWORD);
    district = await login(t, 'wanzhou-planner', DEMO_PASSWORD);
    institutionAdmin = await login(t, 'institution-admin', DEMO_PASSWORD);
  });
  afterAll(() => t?.close());

  it('refuses anonymous callers and bad tokens with 401 UNAUTHENTICATED, and no stack', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const res = await download(token);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      const body = json(res.body);
      expect(body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
      expect(Object.keys(body).sort()).toEqual(['code', 'message', 'statusCode']);
    }
  });

  it('refuses roles other than the planners with 403 FORBIDDEN', async () => {
    const res = await download(institutionAdmin);
    expect(res.status).toBe(403);
    expect(json(res.body)).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });

  it('answers a bad asOf or horizonYear with 400 naming the field', async () => {
    for (const [query, field] of [
      [{ asOf: '2025-02-30' }, 'asOf'],
      [{ asOf: 'yesterday' }, 'asOf'],
      [{ asOf: addDays(today, 1) }, 'asOf'],
      [{ horizonYear: 'soon' }, 'horizonYear'],
      [{ horizonYear: '1999' }, 'horizonYear'],
    ] as const) {
      const res = await download(planner, query);
      expect(res.status).toBe(400);
      expect(json(res.body)).toMatchObject({ statusCode: 400, code: 'BAD_USER_INPUT', fields: [field] });
    }
  });

  it("gives a municipal planner the city and 38 regions, each figure equal to the GraphQL queries'", async () => {
    const asOf = addDays(today, -1);
    const started = Date.now();
    const res = await download(planner, { asOf });
    const ms = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="planning-${asOf}.xlsx"`);
    expect(res.headers['cache-control']).toBe('no-store');
    if (process.env.TEST_LOGS) process.stdout.write(`workbook: ${res.body.length} bytes in ${ms} ms\n`);

    const wb = await open(res.body);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['配备比例', '队伍进度', '培训', '预测', '说明']);

    const q = await t.gql(RATIOS, { asOf }, planner);
    expect(q.body.errors).toBeUndefined();
    const gql = q.body.data!.staffingRatios;
    const ratios = section(wb.getWorksheet('配备比例')!, '社会工作者配备比例');
    expect(ratios.zh.slice(0, 4)).toEqual(['区划代码', '区县名称', '60岁以上老年人口', '养老机构床位']);
    expect(ratios.en).toEqual([RATIO_FIELDS[0], 'regionName', ...RATIO_FIELDS.slice(1)]);
    expect(ratios.rows).toHaveLength(39);
    expect(ratios.rows[0]).toMatchObject({ regionCode: null, regionName: '重庆市（全市）' });
    expect(ratios.rows.find((r) => r.regionCode === '500101')?.regionName).toBe('万州区');

    const expected = [gql.city, ...gql.regions] as Record<string, unknown>[];
    expect(ratios.rows.slice(1).map((r) => r.regionCode)).toEqual(gql.regions.map((r: Row) => r.regionCode));
    expected.forEach((want, i) => {
      const row = ratios.rows[i];
      for (const field of NUMERIC_RATIO_FIELDS) {
        // A figure is a number cell with the same value; a missing one is an empty cell, never 0.
        if (want[field] === null) expect(row[field]).toBeNull();
        else {
          expect(typeof row[field]).toBe('number');
          expect(row[field]).toBe(want[field]);
        }
      }
      expect(row.meetsOlderAdultTarget).toBe(yesNo(want.meetsOlderAdultTarget as boolean | null));
      expect(row.meetsBedTarget).toBe(yesNo(want.meetsBedTarget as boolean | null));
      expect(row.note).toBe(want.note);
    });
    const withRatio = ratios.cells.find((c) => typeof c.perThousandOlderAdults.value === 'number')!;
    // Four decimals, as the API gives them.
    expect(withRatio.perThousandOlderAdults.numFmt).toBe('0.0000');
    expect(ratios.rows.every((r) => r.populationBasis === null || /普查|估算/.test(String(r.populationBasis)))).toBe(
      true,
    );

    const p = await t.gql(PROGRESS, { asOf, year: Number(asOf.slice(0, 4)) }, planner);
    expect(p.body.errors).toBeUndefined();
    const { workforceProgress: progress, trainingProgress: training, workforceForecast: forecast } = p.body.data!;

    const progressSheet = wb.getWorksheet('队伍进度')!;
    expect(pairs(section(progressSheet, '在岗人数'))).toMatchObject({ asOf, headcount: progress.headcount });
    expect(section(progressSheet, '按队伍').rows.map((r) => [r.teamCode, r.count])).toEqual(
      progress.byTeam.map((x: { team: string; count: number }) => [x.team, x.count]),
    );
    expect(section(progressSheet, '按职业').rows.map((r) => [r.occupationCode, r.count])).toEqual(
      progress.byOccupation.map((x: { occupation: string; count: number }) => [x.occupation, x.count]),
    );
    expect(section(progressSheet, '目标进度').rows).toEqual(
      progress.targets.map((x: Row & { onTrack: boolean }) => ({ ...x, onTrack: yesNo(x.onTrack) })),
    );
    expect(section(progressSheet, '月度人数').rows).toEqual(progress.monthly);

    const trainingSheet = wb.getWorksheet('培训')!;
    // Training as of the workbook's asOf, like every other part.
    expect(pairs(section(trainingSheet, '培训概况'))).toMatchObject({
      year: Number(asOf.slice(0, 4)),
      asOf,
      completedPersonSessions: training.completedPersonSessions,
      expectedToDate: training.expectedToDate ?? null,
      target: training.target ?? null,
      note: training.note ?? null,
    });
    expect(section(trainingSheet, '按月份').rows).toEqual(training.byMonth);

    const forecastSheet = wb.getWorksheet('预测')!;
    const series = section(forecastSheet, '月度预测');
    const months = new Set(forecast.series.map((s: { month: string }) => s.month)).size;
    expect(series.rows).toHaveLength(months * 3);
    expect(series.rows.map((r) => ({ month: r.month, team: r.teamCode, headcount: r.headcount }))).toEqual(
      forecast.series,
    );
    expect(series.rows[0].month).toBe(today.slice(0, 7));
    expect(series.rows.at(-1)!.month).toBe('2029-12');
    expect(section(forecastSheet, '目标达成').rows).toEqual(
      forecast.targets.map((x: Row) => ({ ...x, reachedInMonth: x.reachedInMonth ?? '未达到' })),
    );
    expect(pairs(section(forecastSheet, '预测假设'))).toMatchObject({
      horizonYear: 2029,
      staffPastRetirementAge: forecast.assumptions.staffPastRetirementAge,
      graduatesEnteringPerYear: forecast.assumptions.graduatesEnteringPerYear,
    });
    expect(section(forecastSheet, '月度总人数').rows).toEqual(forecast.totals);

    // The notes state the rules as DESIGN.md does: count targets, as of a date, the forecast's formula.
    const rules = pairs(section(wb.getWorksheet('说明')!, '计算规则'));
    expect(rules['count targets']).toMatch(/never fall back from the city to a district/);
    expect(rules['as of a date']).toMatch(/sessions ending in asOf’s year up to asOf/);
    expect(rules.forecast).toMatch(/next = stock × \(1 − a\)\^\(1\/12\) − retirements in the month \+ inflow/);
    expect(rules.forecast).toMatch(/gap = max\(0, target − the December total shown\)/);
  });

  it("limits a district planner's workbook to its region: no city row", async () => {
    const res = await download(district);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="planning-${today}.xlsx"`);
    const wb = await open(res.body);

    const ratios = section(wb.getWorksheet('配备比例')!, '社会工作者配备比例');
    expect(ratios.rows.map((r) => [r.regionCode, r.regionName])).toEqual([['500101', '万州区']]);

    const q = await t.gql(
      `{ workforceProgress { headcount note } trainingProgress(year: ${Number(today.slice(0, 4))}) { completedPersonSessions note }
         workforceForecast(input: { horizonYear: 2029 }) { series { month team headcount } } }`,
      {},
      district,
    );
    expect(q.body.errors).toBeUndefined();
    const d = q.body.data!;
    const progress = pairs(section(wb.getWorksheet('队伍进度')!, '在岗人数'));
    // Wanzhou has no headcount or training target of its own: the notes say so.
    expect(progress).toMatchObject({
      asOf: today,
      scope: '万州区（500101）',
      headcount: d.workforceProgress.headcount,
      note: d.workforceProgress.note,
    });
    expect(d.workforceProgress.note).toMatch(/^No headcount target/);
    const training = pairs(section(wb.getWorksheet('培训')!, '培训概况'));
    expect(training.completedPersonSessions).toBe(d.trainingProgress.completedPersonSessions);
    expect(training.note).toBe(d.trainingProgress.note);
    expect(training.target ?? null).toBeNull();
    const byRegion = section(wb.getWorksheet('培训')!, '按区县').rows.map((r) => r.regionCode);
    expect(byRegion.every((code) => code === '500101')).toBe(true);
    const series = section(wb.getWorksheet('预测')!, '月度预测').rows;
    expect(series.map((r) => r.headcount)).toEqual(d.workforceForecast.series.map((s: Row) => s.headcount));
  });
});
