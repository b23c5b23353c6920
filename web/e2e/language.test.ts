// Chinese by default; the switch turns every page English and back, remembered in the browser; the API hears it.
import { expectAccessible, named, test, expect } from './support';

test('the language switch turns the pages English and back, and is remembered', async ({ page }) => {
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await expect(page.getByLabel('Username')).toBeVisible();
  await expect(page.getByLabel('Password')).toBeVisible();
  await expectAccessible(page);

  // Signed in, the API is asked in English.
  const request = page.waitForRequest((r) => r.url().endsWith('/graphql') && r.method() === 'POST');
  await page.getByLabel('Username').fill('planner');
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  expect((await request).headers()['accept-language']).toBe('en-US');
  await expect(page).toHaveURL('/planning');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('City-wide elder-care workforce overview');
  await expect(page.getByLabel('As of')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export to Excel' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Elder-care talent headcount' })).toContainText('people');
  await expect(page.getByRole('main')).not.toContainText(/[\u4e00-\u9fff]{2}队伍|养老服务人才总数/);
  await expectAccessible(page);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('City-wide elder-care workforce overview');

  const back = page.waitForRequest((r) => r.url().endsWith('/graphql') && r.headers()['accept-language'] === 'zh-CN');
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await back;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('全市养老服务人才总览');
  await expect(page.getByRole('button', { name: named('退出') })).toBeVisible();
  await page.goto('/verify');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('证书查询');
});

test('the public verification page in English', async ({ page }) => {
  await page.goto('/verify');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verify a certificate');
  await page.getByLabel('Certificate number').fill('NO-SUCH-NUMBER-2');
  await page.getByLabel('Name').fill('王五');
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(/^Not found/);
  await expectAccessible(page);
});
