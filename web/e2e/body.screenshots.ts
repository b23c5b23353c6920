// `npm run screenshots`: the evaluation body's (college's) pages for the README (docs/screenshots/body-*.png).
import { expect, shoot, signIn, test } from './support';
import { chooseFile, xlsx } from './upload-support';

test.use({ viewport: { width: 1280, height: 860 } });

test('the certificate upload, checked and ready to submit', async ({ page }) => {
  await signIn(page, 'college');
  await page.goto('/body/import');
  const stamp = Date.now().toString(36).toUpperCase();
  const file = await xlsx(
    ['姓名', '身份证号', '证书类别', '等级', '执业类别', '证书编号', '发证日期', '有效期至'],
    [
      [
        '周玉兰',
        '500101198503150024',
        '养老护理员职业技能等级',
        '四级/中级工',
        null,
        `CQ${stamp}-01`,
        '2025-06-30',
        null,
      ],
      ['陈建华', '500101197911230037', '养老护理员职业技能等级', 3, null, `CQ${stamp}-02`, '2025/6/30', null],
      [
        '王海燕',
        '500101199001010026',
        '社会工作者职业资格',
        '助理社会工作师',
        null,
        `CQ${stamp}-03`,
        '2025年6月30日',
        null,
      ],
    ],
  );
  await chooseFile(page, '证书报送.xlsx', file);
  await expect(page.getByRole('status').filter({ hasText: '共 3 行' })).toBeVisible();
  await shoot(page, 'body-import');
});

test('the college’s certificates and training', async ({ page }) => {
  await signIn(page, 'college');
  await expect(page.getByRole('table').getByRole('row').nth(5)).toBeVisible();
  await shoot(page, 'body-home', false);
  await page.goto('/body/training');
  await page
    .getByRole('button', { name: /上传签到表/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: /上传签到表：/ })).toBeVisible();
  await shoot(page, 'body-training');
});
