// The public volunteer sign-up on a phone, the API's one generic answer to a mismatch, and the first sign-in.
import { expectAccessible, named, residentId, signIn, test, expect, uniqueName } from './support';
import { expectLargeTargets, expectLargeText, PHONE } from './volunteer-checks';

test.use({ viewport: PHONE });

test('a new volunteer signs up from /signup, then signs in to an empty time bank', async ({ page }) => {
  test.setTimeout(150_000); // several sign-ins and two browsers on a shared machine
  await page.goto('/login');
  await expect(page.getByText('志愿者请带上身份证，找您服务的养老机构，或您居住的区县民政局')).toBeVisible();
  await page.getByRole('link', { name: '还没有账号？志愿者注册' }).click();
  await expect(page).toHaveURL('/signup');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('志愿者注册');
  await expectLargeText(page);
  await expectLargeTargets(page);
  await expectAccessible(page);

  const idNumber = residentId();
  const username = `signup-${Date.now().toString(36)}`;
  const fill = async (name: string, id: string, user: string) => {
    await page.getByLabel('姓名').fill(name);
    await page.getByLabel('身份证号').fill(id);
    await page.getByLabel('手机号').fill('13912345678');
    await page.getByLabel('居住区县').click();
    await page.getByLabel('居住区县').fill('万州');
    await page.keyboard.press('Enter');
    await page.getByLabel('用户名').fill(user);
    await page.getByLabel('密码', { exact: true }).fill('my-own-password-1');
    await page.getByRole('button', { name: named('注册') }).click();
  };
  await fill(uniqueName(), idNumber, username);
  await expect(page.getByRole('status')).toContainText(`注册成功！您的用户名是 ${username}。`);
  await expect(page.getByRole('status')).toContainText('下一步：用这个用户名和您设置的密码登录。');

  // The same ID number again: the API's one generic answer, and what to check.
  await page.goto('/signup');
  await fill(uniqueName(), idNumber, `${username}-2`);
  await expect(page.getByRole('alert')).toContainText('请核对');
  await expect(page).toHaveURL('/signup');

  await signIn(page, username, 'my-own-password-1');
  await expect(page).toHaveURL('/volunteer');
  await expect(page.getByTestId('time-balance')).toHaveText('0 分钟');
});
