// A college creates a session, uploads its sign-in sheet (培训签到), and the planners' training figures rise by the
// completed attendances.
import { todayInShanghai } from '../src/format';
import { type Api, expect, expectAccessible, named, residentId, signIn, test, uniqueName } from './support';
import { chooseFile, xlsx } from './upload-support';

// Many steps against the embedded database, which answers one request at a time while other tests run.
test.setTimeout(180_000);

// 城口县: a county the demo data and the other tests leave alone, so that its figure changes only by this test.
const REGION = '500229';

async function completed(api: Api): Promise<number> {
  const year = Number(todayInShanghai().slice(0, 4));
  const data = await api.gql<{ trainingProgress: { completedPersonSessions: number } }>(
    `query($year: Int!, $region: String) { trainingProgress(year: $year, regionCode: $region) { completedPersonSessions } }`,
    { year, region: REGION },
    await api.token('planner'),
  );
  return data.trainingProgress.completedPersonSessions;
}

test('an attendance upload raises the planners’ training figures by its completed rows', async ({ page, api }) => {
  const before = await completed(api);
  const title = `护理员培训${Date.now().toString(36)}`;
  await signIn(page, 'college');
  await page.goto('/body/training');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('培训与招生');
  await expect(page.getByRole('region', { name: '各专业招生与毕业' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: named('新建培训班') }).click();
  const dialog = page.getByRole('dialog', { name: '新建培训班' });
  await dialog.getByLabel('培训班名称').fill(title);
  await dialog.getByLabel('举办地区').fill('城口');
  await page.keyboard.press('Enter');
  await expect(dialog.getByTitle('城口县')).toBeVisible();
  await dialog.getByRole('button', { name: named('确认') }).click();
  await expect(page.getByRole('alert').filter({ hasText: `已新建培训班“${title}”` })).toBeVisible();

  await page
    .getByRole('row')
    .filter({ hasText: title })
    .getByRole('button', { name: named('上传签到表') })
    .click();
  await expect(page.getByRole('heading', { name: `上传签到表：${title}` })).toBeVisible();
  const file = await xlsx(
    ['姓名', '身份证号', '是否结业'],
    [
      [uniqueName(), residentId(), '是'],
      [uniqueName(), residentId(), '是'],
      [uniqueName(), residentId(), '否'],
    ],
  );
  await chooseFile(page, '培训签到.xlsx', file);
  await expect(page.getByRole('status').filter({ hasText: '共 3 行' })).toContainText('全部无误', { timeout: 60_000 });
  await page.getByRole('button', { name: named('提交') }).click();
  await page
    .getByRole('dialog', { name: '确认提交' })
    .getByRole('button', { name: named('确认') })
    .click();
  await expect(page.getByRole('status').filter({ hasText: '已写入' })).toContainText('已写入 3 行', {
    timeout: 60_000,
  });
  await expect(page.getByText(/已签到 3 人（名额 50），其中结业 2 人/)).toBeVisible();

  expect(await completed(api)).toBe(before + 2);
});
