// Screenshots of the volunteer pages on a phone (390 x 844) and of the sign-up page, for the README.
import { named, shoot, signIn, test, expect } from './support';
import { PHONE } from './volunteer-checks';

test.use({ viewport: PHONE, deviceScaleFactor: 2 });

test('the volunteer’s time bank on a phone', async ({ page }) => {
  await signIn(page, 'volunteer');
  await expect(page.getByTestId('time-balance')).toBeVisible();
  await shoot(page, 'volunteer-home-phone');
  await page.goto('/volunteer/statement');
  await expect(page.getByRole('listitem').first()).toBeVisible();
  await shoot(page, 'volunteer-statement-phone', false);
  await page.goto('/volunteer/transfer');
  await page.getByText('张建国（配偶）', { exact: true }).click();
  await page.getByLabel('分钟').fill('30');
  await page.getByRole('button', { name: named('下一步') }).click();
  await expect(page.getByRole('button', { name: named('确认') })).toBeVisible();
  await shoot(page, 'volunteer-transfer-confirm-phone', false);
});

test('the volunteer sign-up on a phone', async ({ page }) => {
  await page.goto('/signup');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await shoot(page, 'volunteer-signup-phone', false);
});
