// An institution admin signs a volunteer up on the spot, verifies service logged for them (the volunteer's balance
// rises, checked through the API), and resets the volunteer's password (a temporary password, shown once).
import { todayInShanghai } from '../src/format';
import { expect, expectAccessible, named, residentId, signIn, test, uniqueName } from './support';
import { freshCareHome } from './upload-support';

// Many steps against the embedded database, which answers one request at a time while other tests run.
test.setTimeout(180_000);

test('proxy sign-up, verified service credits the volunteer, and a password reset', async ({ page, api }) => {
  const home = await freshCareHome(api);
  const name = uniqueName();
  const username = `vol-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  await signIn(page, home.username, home.password);
  await page.goto('/institution/volunteer-service');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('志愿服务核实');

  await page.getByRole('button', { name: named('代为注册志愿者') }).click();
  const signUp = page.getByRole('dialog', { name: '代为注册志愿者' });
  await signUp.getByLabel('姓名').fill(name);
  await signUp.getByLabel('身份证号').fill(residentId());
  await signUp.getByLabel('用户名').fill(username);
  await signUp.getByRole('button', { name: named('确认') }).click();
  const secret = page.getByRole('region', { name: `已为 ${name} 注册志愿者账号` });
  const temporary = (await secret.locator('code').textContent())!.trim();
  expect(temporary).toHaveLength(12);
  await expectAccessible(page);

  // The volunteer changes the temporary password, as at first sign-in; the admin logs an hour and a half for them.
  const own = 'volunteer-own-pw-1';
  await api.gql(
    'mutation($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) { accessToken } }',
    { o: temporary, n: own },
    await api.token(username, temporary),
  );
  const bank = async () =>
    (
      await api.gql<{ myTimeBank: { timeBalanceMinutes: number; pointsBalance: number; volunteer: { id: string } } }>(
        '{ myTimeBank { timeBalanceMinutes pointsBalance volunteer { id } } }',
        {},
        await api.token(username, own),
      )
    ).myTimeBank;
  const before = await bank();
  await api.gql(
    'mutation($input: LogServiceInput!) { logService(input: $input) { id } }',
    {
      input: {
        volunteerId: before.volunteer.id,
        minutes: 90,
        category: 'COMPANIONSHIP',
        serviceDate: todayInShanghai(),
      },
    },
    await api.token(home.username, home.password),
  );

  await page.reload();
  const waiting = page.getByRole('region', { name: '待核实的志愿服务（1 条）' });
  await waiting
    .getByRole('row')
    .filter({ hasText: name })
    .getByRole('button', { name: named('核实') })
    .click();
  await expect(page.getByRole('dialog', { name: '核实志愿服务' })).toContainText('1 小时 30 分钟');
  await page
    .getByRole('dialog', { name: '核实志愿服务' })
    .getByRole('button', { name: named('确认') })
    .click();
  await expect(page.getByRole('alert').filter({ hasText: `已核实 ${name} 的服务` })).toBeVisible();
  await expect(page.getByRole('region', { name: '待核实的志愿服务（0 条）' })).toBeVisible();

  const after = await bank();
  expect(after.timeBalanceMinutes).toBe(before.timeBalanceMinutes + 90);
  expect(after.pointsBalance).toBe(before.pointsBalance + 15);

  // The password reset: a new temporary password, shown once, that signs in (to change it).
  const accounts = page.getByRole('region', { name: '志愿者账号' });
  await accounts
    .getByRole('row')
    .filter({ hasText: name })
    .getByRole('button', { name: named('重置密码') })
    .click();
  await page
    .getByRole('dialog', { name: `重置 ${name} 的密码` })
    .getByRole('button', { name: named('确认') })
    .click();
  const reset = page.getByRole('region', { name: `已重置 ${name} 的密码` });
  const fresh = (await reset.locator('code').textContent())!.trim();
  expect(fresh).not.toBe(temporary);
  const login = await api.gql<{ login: { user: { mustChangePassword: boolean } } }>(
    'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { user { mustChangePassword } } }',
    { u: username, p: fresh },
  );
  expect(login.login.user.mustChangePassword).toBe(true);
});
