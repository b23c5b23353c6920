// Screenshots of the admin's pages, for the README.
import { shoot, signIn, test, expect } from './support';

test.use({ viewport: { width: 1280, height: 860 } });

test('the admin’s accounts and audit trail', async ({ page }) => {
  await signIn(page, 'admin');
  await expect(page.getByRole('row')).not.toHaveCount(0);
  await shoot(page, 'admin-accounts', false);
  await page.getByRole('link', { name: '审计记录' }).click();
  await expect(page.getByRole('row')).not.toHaveCount(1);
  await shoot(page, 'admin-audit', false);
});
