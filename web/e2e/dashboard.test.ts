// The planners' dashboard shows the API's figures for the chosen date; the export downloads the workbook.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { formatNumber, formatRatio, todayInShanghai } from '../src/format';
import { type Api, expectAccessible, named, signIn, test, expect } from './support';
import type { Page } from '@playwright/test';

const DASHBOARD = `query($asOf: Date) {
  planningDashboard(asOf: $asOf) {
    asOf regionCode
    headcount { headcount targets { year target gap requiredMonthlyNetGrowth } }
    training { year completedPersonSessions target expectedToDate }
    ratios { city { socialWorkers perThousandOlderAdults } worstRegions { regionCode socialWorkers perThousandOlderAdults } }
    timeBank { volunteers activeVolunteers }
  }
}`;

interface Dashboard {
  asOf: string;
  regionCode: string | null;
  headcount: {
    headcount: number;
    targets: { year: number; target: number; gap: number; requiredMonthlyNetGrowth: number }[];
  };
  training: { year: number; completedPersonSessions: number; target: number | null; expectedToDate: number | null };
  ratios: {
    city: { socialWorkers: number; perThousandOlderAdults: number | null } | null;
    worstRegions: { regionCode: string; socialWorkers: number; perThousandOlderAdults: number | null }[];
  };
  timeBank: { volunteers: number; activeVolunteers: number };
}

async function fromApi(api: Api, username: string, asOf: string): Promise<Dashboard> {
  const data = await api.gql<{ planningDashboard: Dashboard }>(DASHBOARD, { asOf }, await api.token(username));
  return data.planningDashboard;
}

const n = (value: number) => formatNumber(value, 'zh-CN');

/** Every figure the test compares, read where a person reads it: in the card named for it. */
async function expectFigures(page: Page, expected: Dashboard) {
  const card = (name: string) => page.getByRole('region', { name });
  await expect(card('养老服务人才总数')).toContainText(`${n(expected.headcount.headcount)} 人`);
  // A district without its own count targets has none: the city's never stand in (DESIGN.md).
  if (expected.headcount.targets.length === 0) await expect(card('人才数量目标')).toContainText('未设定目标');
  for (const target of expected.headcount.targets) {
    const region = card(`${target.year}年目标`);
    await expect(region).toContainText(`目标 ${n(target.target)} 人，尚差 ${n(target.gap)} 人`);
    await expect(region).toContainText(`每月需净增 ${n(target.requiredMonthlyNetGrowth)} 人`);
  }
  const training = card(`${expected.training.year}年已完成培训人次`);
  await expect(training.locator('.figure-value')).toHaveText(n(expected.training.completedPersonSessions));
  if (expected.training.target !== null)
    await expect(training).toContainText(`年度目标 ${n(expected.training.target)} 人次`);
  else await expect(training).toContainText('未设定目标');
  if (expected.training.expectedToDate !== null)
    await expect(training).toContainText(`应完成 ${n(expected.training.expectedToDate)} 人次`);
  const headline = expected.ratios.city ?? expected.ratios.worstRegions[0];
  await expect(card('每千名老年人社会工作者').locator('.figure-value')).toHaveText(
    formatRatio(headline.perThousandOlderAdults!, 'zh-CN'),
  );
  await expect(card('每千名老年人社会工作者')).toContainText(`社会工作者 ${n(headline.socialWorkers)} 名`);
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(expected.ratios.worstRegions.length + 1);
  await expect(card('登记志愿者')).toContainText(`${n(expected.timeBank.volunteers)} 人`);
  await expect(card('近 90 天活跃志愿者')).toContainText(`${n(expected.timeBank.activeVolunteers)} 人`);
}

async function chooseDate(page: Page, asOf: string) {
  const field = page.getByLabel('截至日期');
  // Typed into the date picker and confirmed with Enter; retried if the picker was still opening.
  await expect(async () => {
    await field.click();
    await field.fill(asOf);
    await field.press('Enter');
    await expect(page).toHaveURL(asOf === todayInShanghai() ? '/planning' : `/planning?asOf=${asOf}`, {
      timeout: 3000,
    });
  }).toPass({ timeout: 30_000 });
}

test('the municipal dashboard shows the API’s figures, and a new as-of date changes them', async ({ page, api }) => {
  const today = todayInShanghai();
  const earlier = `${Number(today.slice(0, 4)) - 1}-06-30`;
  const [now, then] = await Promise.all([fromApi(api, 'planner', today), fromApi(api, 'planner', earlier)]);
  expect(now.training.completedPersonSessions).not.toBe(then.training.completedPersonSessions);

  await signIn(page, 'planner');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('全市养老服务人才总览');
  await expect(page.getByLabel('截至日期')).toHaveValue(today);
  await expectFigures(page, now);
  await expect(page.getByRole('heading', { level: 2, name: `${now.training.year}年培训` })).toBeVisible();
  await expectAccessible(page);

  await chooseDate(page, earlier);
  await expect(page.getByRole('heading', { level: 2, name: `${then.training.year}年培训` })).toBeVisible();
  await expectFigures(page, then);

  // The date is kept in the address: a reload shows the same date's figures.
  await page.reload();
  await expect(page.getByLabel('截至日期')).toHaveValue(earlier);
  await expectFigures(page, then);
});

test('the export button downloads the workbook for the chosen date', async ({ page }) => {
  await signIn(page, 'planner');
  const asOf = `${Number(todayInShanghai().slice(0, 4)) - 1}-12-31`;
  await chooseDate(page, asOf);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: named('导出Excel') }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`planning-${asOf}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(await file.path()) as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(
    expect.arrayContaining(['配备比例', '队伍进度', '培训', '预测', '说明']),
  );
});

test('a district planner sees its own district only', async ({ page, api }) => {
  const today = todayInShanghai();
  const own = await fromApi(api, 'wanzhou-planner', today);
  expect(own.regionCode).toBe('500101');
  expect(own.ratios.city).toBeNull();

  await signIn(page, 'wanzhou-planner');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('万州区养老服务人才总览');
  await expectFigures(page, own);
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('万州区');
  await expect(page.getByRole('main')).not.toContainText('全市养老服务人才');
  await expect(page.getByRole('main')).not.toContainText('渝中区');
  await expectAccessible(page);
});

test('while the API answers SERVICE_UNAVAILABLE the page says so and retries by itself', async ({ page }) => {
  let refused = 0;
  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON() as { operationName?: string };
    if (body.operationName === 'PlanningDashboard' && refused < 2) {
      refused += 1;
      await route.fulfill({
        status: 503,
        contentType: 'application/graphql-response+json',
        body: JSON.stringify({
          errors: [
            {
              message: 'The database is unavailable',
              extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 2 },
            },
          ],
        }),
      });
    } else await route.continue();
  });
  await signIn(page, 'planner');
  await expect(page.getByRole('alert').filter({ hasText: '服务暂时不可用，正在自动重试…' })).toBeVisible();
  await expect(page.getByRole('region', { name: '养老服务人才总数' })).toContainText('人');
  await expect(page.getByText('服务暂时不可用')).toHaveCount(0);
  expect(refused).toBe(2);
});
