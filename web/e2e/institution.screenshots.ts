// `npm run screenshots`: the institution admin's pages for the README (docs/screenshots/institution-*.png).
import { expect, shoot, signIn, test } from './support';
import { chooseFile, xlsx } from './upload-support';

test.use({ viewport: { width: 1280, height: 860 } });

test('the staff upload with the problems of a clerk’s file', async ({ page }) => {
  await signIn(page, 'institution-admin');
  await page.goto('/institution/import');
  const file = await xlsx(
    ['姓名', '身份证号', '手机号', '岗位', '用工形式', '入职日期', '学历'],
    [
      ['周玉兰', '500101198503150024', '13800138000', '养老护理员', '全职', '2024-03-01', '中专'],
      ['陈建华', '500101197911230037', null, '保洁员', '全职', '2024/3/1', '初中'],
      ['刘秀英', Number('500101196807120028'), null, '养老护理员', '兼职', '2024年3月1日', '初中'],
      ['王海燕', '500101199001010026', '1380013', '社会工作者', '全职', '2024-02-30', '本科'],
      ['李佳宁', '500101199204180017', null, '护士', '全职', '2023-11-15', '大专'],
    ],
  );
  await chooseFile(page, '人员登记表.xlsx', file);
  await expect(page.getByRole('status').filter({ hasText: '共 5 行' })).toBeVisible();
  await page.getByRole('checkbox', { name: /只看有问题的行/ }).uncheck();
  await shoot(page, 'institution-import');
});

test('the institution admin’s home and volunteer service', async ({ page }) => {
  await signIn(page, 'institution-admin');
  await expect(page.getByRole('region', { name: '在岗人员' })).toBeVisible();
  await expect(page.getByRole('table').getByRole('row').nth(5)).toBeVisible();
  await shoot(page, 'institution-home', false);
  await page.goto('/institution/volunteer-service');
  await expect(
    page
      .getByRole('region', { name: /待核实的志愿服务/ })
      .getByRole('row')
      .nth(1),
  ).toBeVisible();
  await shoot(page, 'institution-volunteer-service');
});
