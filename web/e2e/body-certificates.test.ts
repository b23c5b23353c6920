// A college submits certificates from its spreadsheet, finds one, corrects its level, and public verification then
// answers 已撤销 for the old number and 有效 for the new one.
import { expect, expectAccessible, named, residentId, signIn, test, uniqueName } from './support';
import { chooseFile, xlsx } from './upload-support';

// Many steps against the embedded database, which answers one request at a time while other tests run.
test.setTimeout(180_000);

test('a college uploads certificates, corrects one’s level, and /verify follows', async ({ page }) => {
  const stamp = `${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 100)}`;
  const holders = [uniqueName(), uniqueName()];
  const numbers = [`UP-${stamp}-1`, `UP-${stamp}-2`];
  const file = await xlsx(
    ['姓名', '身份证号', '证书类别', '等级', '执业类别', '证书编号', '发证日期', '有效期至'],
    [
      [holders[0], residentId(), '养老护理员职业技能等级', '四级/中级工', null, numbers[0], '2025-06-30', null],
      [holders[1], residentId(), '社会工作者职业资格', '助理社会工作师', null, numbers[1], '2025/6/30', '2030-06-29'],
    ],
  );
  await signIn(page, 'college');
  await page.goto('/body/import');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('批量报送证书');
  await chooseFile(page, '证书报送.xlsx', file);
  await expect(page.getByRole('status').filter({ hasText: '共 2 行' })).toContainText('全部无误', { timeout: 60_000 });
  await expectAccessible(page);
  await page.getByRole('button', { name: named('提交') }).click();
  await page
    .getByRole('dialog', { name: '确认提交' })
    .getByRole('button', { name: named('确认') })
    .click();
  await expect(page.getByRole('status')).toContainText('已写入 2 行', { timeout: 60_000 });

  // Found by its number on the home page, then corrected: level 4 was a mistake for level 3.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '已发证书' }).click();
  await page.getByLabel('证书编号或持证人姓名（开头几个字即可）').fill(numbers[0]);
  await page.getByRole('button', { name: named('查找') }).click();
  await expect(page.getByRole('status')).toHaveText('共 1 张');
  const row = page.getByRole('row').filter({ hasText: numbers[0] });
  await expect(row).toContainText('四级/中级工');
  await expectAccessible(page);
  await row.getByRole('button', { name: named('更正') }).click();
  const dialog = page.getByRole('dialog', { name: `更正证书 ${numbers[0]}` });
  const corrected = `${numbers[0]}-C`;
  await dialog.getByLabel('新证书编号').fill(corrected);
  await dialog.getByLabel('等级（1 为最高）').fill('3');
  await dialog.getByLabel('更正原因').fill('等级录入错误');
  await dialog.getByRole('button', { name: named('确认') }).click();
  await expect(page.getByRole('alert').filter({ hasText: `更正后的证书编号为 ${corrected}` })).toBeVisible();

  await page.goto('/verify');
  const verify = async (number: string) => {
    await page.getByLabel('证书编号').fill(number);
    await page.getByLabel('姓名').fill(holders[0]);
    await page.getByRole('button', { name: named('查询') }).click();
  };
  await verify(numbers[0]);
  await expect(page.getByRole('status')).toHaveText(/^已撤销/);
  await expect(page.getByRole('status')).toContainText(corrected);
  await verify(corrected);
  await expect(page.getByRole('status')).toHaveText(/^有效/);
  await expect(page.getByText('三级/高级工')).toBeVisible();
});
