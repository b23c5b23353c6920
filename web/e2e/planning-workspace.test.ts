// The planners' workspace: the map and table of ratios, an institution's panel, the forecast and its scenarios,
// training by month, and apportioning a city target. Every figure on a page is compared with the API's answer.
import type { Locator, Page } from '@playwright/test';
import { formatNumber, formatRatio, todayInShanghai } from '../src/format';
import { type Api, expectAccessible, named, signIn, test, expect } from './support';

const n = (value: number) => formatNumber(value, 'zh-CN');
const r4 = (value: number | null) => (value === null ? '无法计算' : formatRatio(value, 'zh-CN'));
const dash = (value: number | null) => (value === null ? '—' : n(value));

interface Ratio {
  regionCode: string;
  olderAdults: number | null;
  beds: number;
  socialWorkers: number;
  careHomeSocialWorkers: number;
  perThousandOlderAdults: number | null;
  perHundredBeds: number | null;
  targetPerThousandOlderAdults: number | null;
  targetPerHundredBeds: number | null;
  shortfallForOlderAdults: number | null;
  shortfallForBeds: number | null;
}
const RATIOS = `query($asOf: Date) { staffingRatios(asOf: $asOf) {
  regions { regionCode olderAdults beds socialWorkers careHomeSocialWorkers perThousandOlderAdults perHundredBeds
    targetPerThousandOlderAdults targetPerHundredBeds shortfallForOlderAdults shortfallForBeds }
  institutionsBelowRequirement(first: 1) { totalCount edges { node {
    institution { id name regionCode type beds activeStaffCount socialWorkerCount requiredSocialWorkers creditCode }
    beds socialWorkers requiredSocialWorkers } } } } }`;
const REGIONS = '{ regions { code nameZh kind } }';

async function regionNames(api: Api): Promise<Map<string, string>> {
  const data = await api.gql<{ regions: { code: string; nameZh: string }[] }>(REGIONS);
  return new Map(data.regions.map((r) => [r.code, r.nameZh]));
}

/** Opens a select by its label and chooses the option with exactly this text. */
async function choose(page: Page, field: Locator, option: string) {
  await field.click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${option}$`) })
    .click();
}

/** The page's figures are current (not the previous date's, dimmed while the new ones are asked). */
async function settled(page: Page) {
  await expect(page.getByRole('main').locator('[aria-busy="true"]')).toHaveCount(0);
}

/** The cells of each body row of a table, as text. */
async function rowsOf(page: Page, selector: string): Promise<string[][]> {
  return page
    .locator(`${selector} tbody tr.ant-table-row`)
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
    );
}

test('the ratios page maps all 38 districts and counties and its table shows the API’s figures for the as-of date', async ({
  page,
  api,
}) => {
  const asOf = `${Number(todayInShanghai().slice(0, 4)) - 1}-06-30`;
  const [data, names] = await Promise.all([
    api.gql<{ staffingRatios: { regions: Ratio[] } }>(RATIOS, { asOf }, await api.token('planner')),
    regionNames(api),
  ]);
  const regions = data.staffingRatios.regions;
  expect(regions).toHaveLength(38);

  await signIn(page, 'planner');
  await page.goto(`/planning/ratios?asOf=${asOf}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('全市社会工作者配备');
  await expect(page.getByLabel('截至日期')).toHaveValue(asOf);

  // Every region code has its shape on the map, the two renamed divisions through their old names.
  const map = page.locator('[data-matched]');
  await expect(map).toHaveAttribute('data-features', '38');
  await expect(map).toHaveAttribute('data-unmatched', '');
  const matched = new Map(
    ((await map.getAttribute('data-matched')) ?? '').split(' ').map((pair) => pair.split('=') as [string, string]),
  );
  expect([...matched.keys()].sort()).toEqual(regions.map((r) => r.regionCode).sort());
  expect(matched.get('500155')).toBe('梁平县');
  expect(matched.get('500156')).toBe('武隆县');
  expect(new Set(matched.values()).size).toBe(38);

  // The table: all 38, each row the API's figures of that date, in the API's order until sorted.
  const expected = regions.map((r) => [
    names.get(r.regionCode)!,
    expect.stringMatching(new RegExp(`^${dash(r.olderAdults).replace(/[,—]/g, '\\$&')}`)),
    n(r.socialWorkers),
    expect.stringMatching(new RegExp(`^${r4(r.perThousandOlderAdults).replace('.', '\\.')}`)),
    r.targetPerThousandOlderAdults === null ? '—' : formatRatio(r.targetPerThousandOlderAdults, 'zh-CN'),
    dash(r.shortfallForOlderAdults),
    n(r.beds),
    n(r.careHomeSocialWorkers),
    expect.stringMatching(new RegExp(`^${r4(r.perHundredBeds).replace('.', '\\.')}`)),
    r.targetPerHundredBeds === null ? '—' : formatRatio(r.targetPerHundredBeds, 'zh-CN'),
    dash(r.shortfallForBeds),
    expect.any(String),
  ]);
  await expect.poll(() => rowsOf(page, '.ratio-table')).toEqual(expected);
  await settled(page);
  await expectAccessible(page);
});

test('an institution below requirement opens its panel with the API’s figures', async ({ page, api }) => {
  test.setTimeout(120_000); // the ratios page asks for all 38 districts before the list; slow on a busy machine
  const asOf = todayInShanghai();
  const data = await api.gql<{
    staffingRatios: {
      institutionsBelowRequirement: {
        totalCount: number;
        edges: {
          node: {
            institution: Record<string, string | number | null> & { id: string; name: string };
            beds: number;
            socialWorkers: number;
            requiredSocialWorkers: number;
          };
        }[];
      };
    };
  }>(RATIOS, { asOf }, await api.token('planner'));
  const below = data.staffingRatios.institutionsBelowRequirement;
  expect(below.totalCount).toBeGreaterThan(0);
  const first = below.edges[0].node;

  await signIn(page, 'planner');
  await page.goto('/planning/ratios');
  // The ratios of 38 districts come first; on a busy machine they may take a while.
  await expect(page.getByText(`共 ${n(below.totalCount)} 家`)).toBeVisible({ timeout: 45_000 });
  await page.getByRole('button', { name: first.institution.name, exact: true }).first().click();
  const panel = page.getByRole('dialog', { name: first.institution.name });
  await expect(panel).toBeVisible();
  const row = (label: string) =>
    panel.locator('tr', { has: page.locator('th', { hasText: new RegExp(`^${label}$`) }) }).locator('td');
  await expect(row('核定床位（张）')).toHaveText(n(first.beds));
  await expect(row('应配社会工作者（名）')).toHaveText(n(first.requiredSocialWorkers));
  await expect(row('在岗社会工作者（名）')).toHaveText(n(first.socialWorkers));
  await expect(row('统一社会信用代码')).toHaveText(String(first.institution.creditCode));
  await expect(row('当前在岗人员（人）')).toHaveText(n(Number(first.institution.activeStaffCount)));
  await expect(row('当前社会工作者（名）')).toHaveText(n(Number(first.institution.socialWorkerCount)));
  await expect(row('机构类型')).toHaveText('养老机构');
  await expectAccessible(page);
});

interface Forecast {
  totals: { month: string; headcount: number }[];
  targets: { year: number; target: number; gapAtTargetDate: number; reachedInMonth: string | null }[];
}
const FORECAST = `query($input: WorkforceForecastInput!) { workforceForecast(input: $input) {
  totals { month headcount } targets { year target gapAtTargetDate reachedInMonth } } }`;

async function setAssumption(page: Page, label: string, value: string) {
  const field = page.getByRole('spinbutton', { name: label, exact: true });
  await field.fill(value);
  await field.press('Tab');
}

async function expectForecast(page: Page, forecast: Forecast) {
  for (const target of forecast.targets) {
    const card = page.getByRole('region', { name: `${target.year}年目标` });
    await expect(card).toContainText(`预计缺口 ${n(target.gapAtTargetDate)} 人`);
    await expect(card).toContainText(`目标 ${n(target.target)} 人`);
    const december = forecast.totals.find((p) => p.month === `${target.year}-12`)!;
    await expect(card).toContainText(`预计${target.year}年12月 ${n(december.headcount)} 人`);
  }
  const decembers = forecast.totals.filter((p, i) => i === 0 || p.month.endsWith('-12'));
  await expect
    .poll(async () => (await rowsOf(page, '.forecast-table')).map((cells) => cells[cells.length - 1]))
    .toEqual(decembers.map((p) => n(p.headcount)));
}

test('a forecast with changed assumptions matches the API’s, is saved, reopened and compared with another', async ({
  page,
  api,
}) => {
  test.setTimeout(150_000); // two scenarios saved, one reopened, one compared: many round trips on a busy machine
  const horizonYear = Math.max(2029, Number(todayInShanghai().slice(0, 4)));
  const token = await api.token('planner');
  const suffix = Date.now().toString(36);
  const [first, second] = [`高流失-${suffix}`, `多招聘-${suffix}`];
  const inputA = { horizonYear, annualAttritionRate: 0.18, extraHiresPerMonth: 25 };
  const inputB = { horizonYear, annualAttritionRate: 0.06, extraHiresPerMonth: 60, retirementAgeFemale: 58 };
  const [a, b] = await Promise.all(
    [inputA, inputB].map(
      async (input) => (await api.gql<{ workforceForecast: Forecast }>(FORECAST, { input }, token)).workforceForecast,
    ),
  );
  expect(a.targets.map((x) => x.year)).toEqual(expect.arrayContaining([2027, 2029]));

  await signIn(page, 'planner');
  await page.goto('/planning/forecast');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('全市养老服务人才队伍预测');
  await expect(page.getByRole('region', { name: '2027年目标' })).toBeVisible();
  await expectAccessible(page);

  // Scenario A: changed assumptions, the API's figures for the same input; saved.
  await setAssumption(page, '年流失率（不含退休）', '18');
  await setAssumption(page, '每月额外招聘护理员（人）', '25');
  await page.getByRole('button', { name: named('按此假设预测') }).click();
  await expectForecast(page, a);
  const save = async (name: string) => {
    await page.getByRole('button', { name: named('保存方案') }).click();
    const dialog = page.getByRole('dialog', { name: '保存方案' });
    await dialog.getByLabel('方案名称').fill(name);
    await dialog.getByRole('button', { name: named('确认') }).click();
    await expect(dialog).toBeHidden();
  };
  await save(first);

  // Scenario B: other assumptions, saved too.
  await setAssumption(page, '年流失率（不含退休）', '6');
  await setAssumption(page, '每月额外招聘护理员（人）', '60');
  await setAssumption(page, '女性退休年龄（岁）', '58');
  await page.getByRole('button', { name: named('按此假设预测') }).click();
  await expectForecast(page, b);
  await save(second);

  // Reopened: A's assumptions back in the form, A's figures again.
  await page.reload();
  await choose(page, page.getByLabel('方案', { exact: true }), first);
  await expect(page.getByRole('spinbutton', { name: '年流失率（不含退休）', exact: true })).toHaveValue('18.0');
  await expect(page.getByRole('spinbutton', { name: '每月额外招聘护理员（人）', exact: true })).toHaveValue('25');
  await expectForecast(page, a);

  // Compared with B on one chart: both lines, each with the API's December figures.
  await choose(page, page.getByLabel('对比方案'), second);
  const chart = page.locator('.chart-card div[role="img"]');
  const december = (f: Forecast) =>
    `${horizonYear}年12月 ${n(f.totals.find((p) => p.month === `${horizonYear}-12`)!.headcount)}`;
  await expect(chart).toHaveAttribute(
    'aria-label',
    new RegExp(`${first}：.*${december(a)}.*；${second}：.*${december(b)}`),
  );
  await expectAccessible(page);
});

test('the training page’s monthly figures equal the API’s', async ({ page, api }) => {
  const asOf = todayInShanghai();
  const year = Number(asOf.slice(0, 4));
  const data = await api.gql<{
    trainingProgress: {
      completedPersonSessions: number;
      byMonth: { month: number; count: number; cumulativeCount: number; expectedByMonthEnd: number | null }[];
      byRegion: { regionCode: string; count: number }[];
    };
  }>(
    `query($year: Int!, $asOf: Date) { trainingProgress(year: $year, asOf: $asOf) { completedPersonSessions
      byMonth { month count cumulativeCount expectedByMonthEnd } byRegion { regionCode count } } }`,
    { year, asOf },
    await api.token('planner'),
  );
  const progress = data.trainingProgress;
  expect(progress.completedPersonSessions).toBeGreaterThan(0);

  await signIn(page, 'planner');
  await page.goto('/planning/training');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('全市养老服务人才培训进度');
  await expect(page.getByRole('region', { name: `${year}年已完成培训人次` }).locator('.figure-value')).toHaveText(
    n(progress.completedPersonSessions),
  );
  await expect
    .poll(() => rowsOf(page, '.month-table'))
    .toEqual(
      progress.byMonth.map((m) => [`${m.month}月`, n(m.count), n(m.cumulativeCount), dash(m.expectedByMonthEnd)]),
    );
  const districts = await rowsOf(page, '.district-table');
  expect(districts).toHaveLength(38);
  const names = await regionNames(api);
  for (const r of progress.byRegion)
    expect(districts).toContainEqual([names.get(r.regionCode), n(r.count), expect.any(String)]);
  await expectAccessible(page);
});

test('apportioning previews the district figures, saves them, and the district targets add up to the city’s', async ({
  page,
  api,
}) => {
  // A year no other test reads: its city target is set on the page first, then shared out.
  const year = 2031;
  const cityTarget = 24_000 + Math.floor(Math.random() * 1000);
  await signIn(page, 'planner');
  await page.goto('/planning/targets');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('目标管理');
  await expectAccessible(page);

  const set = page.getByRole('region', { name: '设定目标' });
  await choose(page, set.getByLabel('指标'), '年度培训人次');
  await set.getByLabel('年份').fill(String(year));
  await set.getByLabel('目标值').fill(String(cityTarget));
  await set.getByRole('button', { name: named('设定') }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: named('确认') })
    .click();
  await expect(set.getByRole('alert')).toContainText(`${n(cityTarget)}`);

  const form = page.getByRole('region', { name: '分解全市目标到区县' });
  await choose(page, form.getByLabel('指标'), '年度培训人次');
  await form.getByLabel('年份').fill(String(year));
  await choose(page, form.getByLabel('分解依据'), '按养老机构床位');
  await form.getByRole('button', { name: named('预览') }).click();

  // The preview is the API's dry run for the same input, and nothing is written yet.
  const token = await api.token('planner');
  const preview = await api.gql<{
    apportionTarget: { cityTarget: number; targets: { regionCode: string; value: number }[] };
  }>(
    `mutation($input: ApportionTargetInput!) { apportionTarget(input: $input) { cityTarget targets { regionCode value } } }`,
    { input: { metric: 'TRAINING_PERSON_SESSIONS', year, basis: 'CARE_HOME_BEDS', dryRun: true } },
    token,
  );
  expect(preview.apportionTarget.cityTarget).toBe(cityTarget);
  const names = await regionNames(api);
  await expect(form.locator('.apportion-table caption')).toContainText('预览（尚未保存）');
  await expect
    .poll(() => rowsOf(page, '.apportion-table'))
    .toEqual(preview.apportionTarget.targets.map((t) => [names.get(t.regionCode), n(t.value)]));
  const stored = async () =>
    (
      await api.gql<{ targets: { regionCode: string | null; value: number }[] }>(
        `query($year: Int) { targets(metric: TRAINING_PERSON_SESSIONS, year: $year) { regionCode value } }`,
        { year },
        token,
      )
    ).targets;
  expect((await stored()).filter((t) => t.regionCode !== null)).toEqual([]);

  await form.getByRole('button', { name: named('保存') }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: named('确认') })
    .click();
  await expect(form.getByRole('status')).toContainText(`${n(preview.apportionTarget.targets.length)} 个区县`);
  const after = await stored();
  const districts = after.filter((t) => t.regionCode !== null);
  expect(districts.length).toBe(preview.apportionTarget.targets.length);
  expect(districts.reduce((sum, t) => sum + t.value, 0)).toBe(after.find((t) => t.regionCode === null)!.value);
  expect(districts.reduce((sum, t) => sum + t.value, 0)).toBe(cityTarget);
});

test('a district planner sees only its own district on every page', async ({ page, api }) => {
  test.setTimeout(120_000); // four pages, each checked with axe
  const token = await api.token('wanzhou-planner');
  const own = await api.gql<{ staffingRatios: { regions: Ratio[] } }>(RATIOS, { asOf: todayInShanghai() }, token);
  expect(own.staffingRatios.regions.map((r) => r.regionCode)).toEqual(['500101']);

  await signIn(page, 'wanzhou-planner');
  const main = page.getByRole('main');
  const others = /渝中区|江北区|涪陵区|全市社会工作者|全市养老服务/;
  const firstColumn = async (selector: string) => (await rowsOf(page, selector)).map((cells) => cells[0]);
  const pages: [string, string, () => Promise<void>][] = [
    [
      '/planning/ratios',
      '万州区社会工作者配备',
      async () => {
        await expect.poll(() => firstColumn('.ratio-table')).toEqual(['万州区']);
        await expect(page.locator('[data-matched]')).toHaveAttribute('data-matched', '500101=万州区');
      },
    ],
    ['/planning/forecast', '万州区养老服务人才队伍预测', async () => {}],
    [
      '/planning/training',
      '万州区养老服务人才培训进度',
      async () => {
        await expect.poll(() => firstColumn('.district-table')).toEqual(['万州区']);
      },
    ],
    [
      '/planning/targets',
      '万州区的目标',
      async () => {
        await expect(page.getByRole('button', { name: named('预览') })).toHaveCount(0);
      },
    ],
  ];
  for (const [path, heading, check] of pages) {
    // Through the menu, as a planner moves between the pages.
    await page.locator(`nav a[href="${path}"]`).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(main.locator('.loading')).toHaveCount(0, { timeout: 30_000 });
    await expect(main.locator('.ant-spin-spinning')).toHaveCount(0);
    await settled(page);
    await check();
    await expect(main).not.toContainText(others);
    await expectAccessible(page);
  }
});
