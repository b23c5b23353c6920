// `npm run screenshots`: the planners' workspace pages for the README (docs/screenshots/planning-*.png).
import { named, shoot, signIn, test, expect } from './support';

test.use({ viewport: { width: 1280, height: 860 } });

test('the ratios page: map, table and a care home’s panel', async ({ page }) => {
  await signIn(page, 'planner');
  await page.goto('/planning/ratios');
  await expect(page.locator('[data-matched] canvas')).toHaveCount(1);
  await expect(page.locator('.ratio-table tbody tr.ant-table-row')).toHaveCount(38);
  await shoot(page, 'planning-ratios');
  await page.locator('.link-button').first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.waitForTimeout(300);
  await shoot(page, 'planning-ratios-institution', false);
});

test('the forecast page with a scenario compared', async ({ page }) => {
  await signIn(page, 'planner');
  await page.goto('/planning/forecast');
  await expect(page.getByRole('region', { name: '2027年目标' })).toBeVisible();
  const field = page.getByRole('spinbutton', { name: '每月额外招聘护理员（人）', exact: true });
  await field.fill('80');
  await field.press('Tab');
  await page.getByRole('button', { name: named('按此假设预测') }).click();
  await page.getByRole('button', { name: named('保存方案') }).click();
  await page.getByLabel('方案名称').fill('每月多招 80 名护理员');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: named('确认') })
    .click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.getByRole('button', { name: named('恢复实测值') }).click();
  await page.getByRole('button', { name: named('按此假设预测') }).click();
  await page.getByLabel('对比方案').click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: '每月多招 80 名护理员' })
    .click();
  await expect(page.locator('.chart-card div[role="img"]')).toHaveAttribute('aria-label', /每月多招 80 名护理员/);
  await shoot(page, 'planning-forecast');
});

test('the training and targets pages', async ({ page }) => {
  await signIn(page, 'planner');
  await page.goto('/planning/training');
  await expect(page.locator('.month-table tbody tr.ant-table-row')).toHaveCount(12);
  await shoot(page, 'planning-training');
  await page.goto('/planning/targets');
  const form = page.getByRole('region', { name: '分解全市目标到区县' });
  await form.getByRole('button', { name: named('预览') }).click();
  await expect(form.locator('.apportion-table')).toBeVisible();
  await shoot(page, 'planning-targets');
});

test('the district planner’s ratios page', async ({ page }) => {
  await signIn(page, 'wanzhou-planner');
  await page.goto('/planning/ratios');
  await expect(page.locator('.ratio-table tbody tr.ant-table-row')).toHaveCount(1);
  await shoot(page, 'planning-ratios-district');
});
