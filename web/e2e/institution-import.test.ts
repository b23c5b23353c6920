// An institution admin registers staff from its own spreadsheet: bad rows are shown by spreadsheet row and column
// header and block 提交; the fixed file is written after 提交 and 确认, the staff list and counts change by the
// rows written; the same file again writes nothing; a GB18030 CSV (as Chinese Excel saves it) works too.
import { formatNumber } from '../src/format';
import { type Api, expect, expectAccessible, named, residentId, signIn, test, uniqueName } from './support';
import { chooseFile, freshCareHome, gb18030Csv, type SheetCell, xlsx } from './upload-support';
import type { Page } from '@playwright/test';

// Many steps against the embedded database, which answers one request at a time while other tests run.
test.setTimeout(180_000);

// Column order differs from the template's, and there is an extra column: both are allowed (spreadsheets.md).
const HEADERS = ['姓名', '岗位', '身份证号', '用工形式', '入职日期', '手机号', '学历', '备注'];

interface Figures {
  activeStaffCount: number;
  socialWorkerCount: number;
  requiredSocialWorkers: number;
  listed: number;
}

async function figures(api: Api, username: string, password: string, institutionId: string): Promise<Figures> {
  const data = await api.gql<{
    institution: { activeStaffCount: number; socialWorkerCount: number; requiredSocialWorkers: number };
    people: { totalCount: number };
  }>(
    `query($id: ID!) {
      institution(id: $id) { activeStaffCount socialWorkerCount requiredSocialWorkers }
      people(filter: { institutionId: $id, activeOn: null }, first: 1) { totalCount }
    }`,
    { id: institutionId },
    await api.token(username, password),
  );
  return { ...data.institution, listed: data.people.totalCount };
}

/** The checked table's row of a spreadsheet row number. */
const tableRow = (page: Page, rowNumber: number) =>
  page
    .getByRole('region', { name: '检查结果' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: String(rowNumber), exact: true }) });

async function submitAndConfirm(page: Page) {
  await page.getByRole('button', { name: named('提交') }).click();
  const dialog = page.getByRole('dialog', { name: '确认提交' });
  await dialog.getByRole('button', { name: named('确认') }).click();
}

test('a staff .xlsx with three bad rows is refused row by row; the fixed file is written once', async ({
  page,
  api,
}) => {
  const home = await freshCareHome(api);
  const before = await figures(api, home.username, home.password, home.institutionId);
  const ids = Array.from({ length: 7 }, () => residentId());
  const names = Array.from({ length: 7 }, () => uniqueName());
  const badChecksum = ids[1].slice(0, 17) + (ids[1][17] === '0' ? '1' : '0');
  const row = (i: number, occupation: string, id: SheetCell, start: SheetCell = '2024-03-01'): SheetCell[] => [
    names[i],
    occupation,
    id,
    i % 2 ? '兼职' : '全职',
    start,
    i === 0 ? '13800138000' : null,
    i === 2 ? '中专' : '大专',
    '无',
  ];
  const numericId = Number(ids[4].replace('X', '0'));
  const bad = [
    row(0, '养老护理员', ids[0]),
    row(1, '养老护理员', badChecksum), // row 3: bad checksum
    row(2, '社会工作者', ids[2], '2024/3/1'),
    row(3, '保洁员', ids[3], '2024年3月1日'), // row 5: unknown 岗位
    row(4, '社会工作者', numericId), // row 6: an ID number in a number cell
    row(5, '评估员', ids[5]),
    row(6, 'CAREGIVER', ids[6]),
  ];
  await signIn(page, home.username, home.password);
  await page.goto('/institution/import');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('批量导入人员');
  await chooseFile(page, '人员登记.xlsx', await xlsx(HEADERS, bad));

  await expect(page.getByRole('status').filter({ hasText: '共 7 行' })).toContainText('其中 3 行有问题', {
    timeout: 60_000,
  });
  await expect(tableRow(page, 3)).toContainText('身份证号：校验位不对');
  await expect(tableRow(page, 5)).toContainText('岗位：“保洁员”不是可填的值');
  await expect(tableRow(page, 6)).toContainText('身份证号：存成了数字，Excel 已丢失末尾几位');
  // Only the three bad rows are listed; a good row is shown when the filter is off.
  await expect(page.getByRole('region', { name: '检查结果' }).getByRole('row')).toHaveCount(4);
  await expect(page.getByRole('button', { name: named('提交') })).toBeDisabled();
  await expectAccessible(page);
  await page.getByRole('checkbox', { name: /只看有问题的行/ }).uncheck();
  await expect(tableRow(page, 2)).toContainText('无误');

  // The file with an error column comes back for the clerk to fix in Excel.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: named('下载带错误说明的文件') }).click();
  expect((await download).suggestedFilename()).toBe('人员登记（错误说明）.xlsx');

  // Nothing was written by the check.
  expect(await figures(api, home.username, home.password, home.institutionId)).toEqual(before);

  const fixed = [...bad];
  fixed[1] = row(1, '养老护理员', ids[1]);
  fixed[3] = row(3, '养老护理员', ids[3], '2024年3月1日');
  fixed[4] = row(4, '社会工作者', ids[4]);
  const fixedFile = await xlsx(HEADERS, fixed);
  await chooseFile(page, '人员登记.xlsx', fixedFile);
  await expect(page.getByRole('status').filter({ hasText: '共 7 行' })).toContainText('全部无误', { timeout: 60_000 });
  await submitAndConfirm(page);
  await expect(page.getByRole('status')).toContainText('已写入 7 行；0 行此前已登记', { timeout: 60_000 });

  const after = await figures(api, home.username, home.password, home.institutionId);
  expect(after).toEqual({
    activeStaffCount: before.activeStaffCount + 7,
    socialWorkerCount: before.socialWorkerCount + 2,
    requiredSocialWorkers: 3,
    listed: before.listed + 7,
  });

  // The home page shows the new counts and list.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '本机构人员' }).click();
  const n = (v: number) => formatNumber(v, 'zh-CN');
  await expect(page.getByRole('region', { name: '在岗人员' })).toContainText(`${n(after.activeStaffCount)} 人`);
  await expect(page.getByRole('region', { name: '社会工作者' })).toContainText(`${n(after.socialWorkerCount)} 人`);
  await expect(page.getByRole('region', { name: '社会工作者' })).toContainText('按床位应配 3 名');
  await expect(page.getByText(/在岗 7 人$/)).toBeVisible();
  await expect(page.getByRole('cell', { name: names[3], exact: true })).toBeVisible();
  await expectAccessible(page);

  // The same file again: every row is already there, nothing is written twice.
  await page.goto('/institution/import');
  await chooseFile(page, '人员登记.xlsx', fixedFile);
  await expect(page.getByRole('status')).toContainText('其中 7 行与系统中已有的记录完全相同', { timeout: 60_000 });
  await submitAndConfirm(page);
  await expect(page.getByRole('status')).toContainText('已写入 0 行；7 行此前已登记', { timeout: 60_000 });
  expect(await figures(api, home.username, home.password, home.institutionId)).toEqual(after);
});

test('a GB18030 CSV saved by Chinese Excel is read and written', async ({ page, api }) => {
  const home = await freshCareHome(api);
  const names = [`欧阳${uniqueName().slice(1, 3)}`, uniqueName()];
  const csv = gb18030Csv(
    ['姓名', '身份证号', '岗位', '用工形式', '入职日期', '学历'],
    [
      [names[0], residentId(), '养老护理员', '全职', '2023/9/1', '中专'],
      [names[1], residentId(), '院长', '全职', '2022年1月5日', '本科'],
    ],
  );
  await signIn(page, home.username, home.password);
  await page.goto('/institution/import');
  await chooseFile(page, '人员登记-GB18030.csv', csv);
  await expect(page.getByRole('status').filter({ hasText: '共 2 行' })).toContainText('全部无误', { timeout: 60_000 });
  await expect(page.getByRole('cell', { name: names[0], exact: true })).toBeVisible();
  await submitAndConfirm(page);
  await expect(page.getByRole('status')).toContainText('已写入 2 行', { timeout: 60_000 });

  const data = await api.gql<{ people: { edges: { node: { name: string } }[] } }>(
    `query($id: ID!) { people(filter: { institutionId: $id }, first: 10) { edges { node { name } } } }`,
    { id: home.institutionId },
    await api.token(home.username, home.password),
  );
  expect(data.people.edges.map((e) => e.node.name).sort()).toEqual([...names].sort());
});
