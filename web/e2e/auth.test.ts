// Sign-in, homes, redirects, the forced password change and the end of a session.
import { expectAccessible, named, PASSWORD, signIn, test, expect } from './support';

const HOMES = [
  { username: 'planner', path: '/planning', h1: '全市养老服务人才总览' },
  { username: 'wanzhou-planner', path: '/planning', h1: '万州区养老服务人才总览' },
  { username: 'institution-admin', path: '/institution', h1: '养老机构工作台' },
  { username: 'college', path: '/body', h1: '评价机构与院校工作台' },
  { username: 'volunteer', path: '/volunteer', h1: '我的时间银行' },
  { username: 'admin', path: '/admin', h1: '账号管理' },
];

for (const home of HOMES) {
  test(`${home.username} signs in, lands on ${home.path}, and signs out`, async ({ page }) => {
    await signIn(page, home.username);
    await expect(page).toHaveURL(home.path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(home.h1);
    await expect(page.locator('h1')).toHaveCount(1);
    await expectAccessible(page);

    // The session survives a reload and an address typed in.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(home.h1);
    await page.goto('/');
    await expect(page).toHaveURL(home.path);

    await page.getByRole('button', { name: named('退出') }).click();
    await expect(page).toHaveURL('/login');
    await expect(page.getByText('您已安全退出。')).toBeVisible();
    await page.goto(home.path);
    await expect(page).toHaveURL('/login');
  });
}

test('the sign-in page is accessible, refuses a wrong password beside the form, and says when to retry', async ({
  page,
}) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('用户登录');
  await expectAccessible(page);

  await page.getByRole('button', { name: named('登录') }).click();
  await expect(page.getByText('请填写用户名')).toBeVisible();
  await expect(page.getByText('请填写密码')).toBeVisible();

  // An unknown username: five failures, then the API refuses for a while and the page says how long.
  const username = `nobody-${Date.now().toString(36)}`;
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('wrong-password');
  for (let i = 0; i < 5; i++) {
    await page.getByRole('button', { name: named('登录') }).click();
    await expect(page.getByRole('alert')).toHaveText('用户名或密码不正确。');
  }
  await page.getByRole('button', { name: named('登录') }).click();
  await expect(page.getByRole('alert')).toHaveText(/^操作过于频繁，请在 \d+ (秒|分钟)后再试。$/);
  await expect(page).toHaveURL('/login');
});

test('another role’s page sends a signed-in user home, and an anonymous one to sign-in and back', async ({ page }) => {
  await page.goto('/planning?asOf=2025-06-30');
  await expect(page).toHaveURL('/login');
  await page.getByLabel('用户名').fill('planner');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: named('登录') }).click();
  await expect(page).toHaveURL('/planning?asOf=2025-06-30');

  await page.getByRole('button', { name: named('退出') }).click();
  await signIn(page, 'volunteer');
  for (const path of ['/planning', '/institution', '/body', '/admin']) {
    await page.goto(path);
    await expect(page).toHaveURL('/volunteer');
  }
  // An address the portal serves pages under, but no page has (others are the API's 404).
  await page.goto('/volunteer/no-such-page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
  await expectAccessible(page);
});

test('a reset password must be changed before anything else', async ({ page, api }) => {
  const account = await api.createAccount('MUNICIPAL_PLANNER');
  const reset = await api.gql<{ resetPassword: string }>(
    'mutation($id: ID!) { resetPassword(userId: $id) }',
    { id: account.id },
    await api.token('admin'),
  );
  await signIn(page, account.username, reset.resetPassword);
  await expect(page).toHaveURL('/change-password');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('修改密码');
  await expect(page.getByText('您正在使用管理员设置的临时密码')).toBeVisible();
  await expectAccessible(page);

  await page.goto('/planning');
  await expect(page).toHaveURL('/change-password');

  // A wrong current password is named beside its field, from the API's extensions.fields.
  await page.getByLabel('原密码').fill('not-the-password');
  await page.getByLabel('新密码').fill('a-new-password-1');
  await page.getByRole('button', { name: named('修改密码') }).click();
  await expect(page.locator('#oldPassword_help')).toBeVisible();
  await expect(page).toHaveURL('/change-password');

  await page.getByLabel('原密码').fill(reset.resetPassword);
  await page.getByRole('button', { name: named('修改密码') }).click();
  await expect(page).toHaveURL('/planning');
  await expect(page.getByText('密码已修改。')).toBeVisible();

  // The new password is the one that signs in now.
  await page.getByRole('button', { name: named('退出') }).click();
  await signIn(page, account.username, 'a-new-password-1');
  await expect(page).toHaveURL('/planning');
});

test('an expired token returns to sign-in with a message', async ({ page }) => {
  await page.goto('/login');
  await page.evaluate(() =>
    localStorage.setItem(
      'eldercare.session',
      JSON.stringify({
        token: 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.expired',
        user: { id: 'x', username: 'planner', role: 'MUNICIPAL_PLANNER', mustChangePassword: false },
      }),
    ),
  );
  await page.goto('/planning');
  await expect(page).toHaveURL('/login');
  await expect(page.getByRole('alert')).toHaveText('您的登录已过期或已失效，请重新登录。');
});

test('a session ended elsewhere (account deactivated) returns to sign-in with a message', async ({ page, api }) => {
  const account = await api.createAccount('MUNICIPAL_PLANNER');
  await signIn(page, account.username, account.password);
  await expect(page).toHaveURL('/planning');
  await expect(page.getByRole('region', { name: '养老服务人才总数' })).toBeVisible();

  await api.gql('mutation($id: ID!) { deactivateUser(id: $id) { id } }', { id: account.id }, await api.token('admin'));
  // The next question the page asks is refused: a new as-of date.
  await expect(async () => {
    await page.getByLabel('截至日期').click();
    await page.getByLabel('截至日期').fill('2025-06-30');
    await page.getByLabel('截至日期').press('Enter');
    await expect(page).toHaveURL('/login', { timeout: 3000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole('alert')).toHaveText('您的登录已过期或已失效，请重新登录。');
});
