// The admin's accounts and audit trail: a new account with its scope, its first sign-in with the temporary
// password, its deactivation ending its session, and the audit trail's before and after.
import { expectAccessible, named, signIn, test, expect } from './support';

test('the admin creates an account, its holder must change the password, and deactivation ends the session', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000); // several sign-ins and two browsers on a shared machine
  await signIn(page, 'admin');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('账号管理');
  await expectAccessible(page);

  const username = `acct-${Date.now().toString(36)}`;
  await page.getByRole('button', { name: named('新建账号') }).click();
  const form = page.getByRole('region', { name: '新建账号' });
  await form.getByLabel('用户名').fill(username);
  await form.getByLabel('角色').click();
  await page.locator('.ant-select-item-option', { hasText: '区县规划人员' }).click();
  await form.getByLabel('区县').click();
  await form.getByLabel('区县').fill('万州');
  await page.keyboard.press('Enter');
  await form.getByRole('button', { name: named('创建') }).click();
  await expect(page.getByRole('region', { name: '确认新建账号' })).toContainText(
    `新建账号 ${username}，角色：区县规划人员。`,
  );
  await page.getByRole('button', { name: named('确认') }).click();
  const temporary = (await page.locator('code.secret').textContent())!.trim();
  expect(temporary).toMatch(/^\S{12}$/);

  // The list, filtered, shows it with its scope, waiting for its password change.
  await page.getByRole('textbox', { name: /用户名开头/ }).fill(username);
  const row = page.getByRole('row', { name: new RegExp(username) });
  await expect(row).toContainText('万州区');
  await expect(row).toContainText('待修改密码');

  // Its holder, elsewhere: the temporary password leads to the change first.
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const other = await context.newPage();
  await signIn(other, username, temporary);
  await expect(other).toHaveURL('/change-password');
  await other.getByLabel('原密码').fill(temporary);
  await other.getByLabel('新密码').fill('district-password-1');
  await other.getByRole('button', { name: named('修改密码') }).click();
  await expect(other).toHaveURL('/planning');
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('万州区养老服务人才总览');

  // The admin deactivates it: its session ends at its next request.
  await row.getByRole('button', { name: named('停用') }).click();
  await expect(page.getByRole('region', { name: '确认停用账号' })).toContainText(`停用账号 ${username}`);
  await page.getByRole('button', { name: named('确认') }).click();
  await expect(row).toContainText('已停用');
  await other.reload();
  await expect(other).toHaveURL('/login');
  await expect(other.getByRole('alert')).toHaveText('您的登录已过期或已失效，请重新登录。');
  await context.close();

  // The audit trail: the deactivation by the admin, with its before and after.
  await page.getByRole('link', { name: '审计记录' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('审计记录');
  await page.getByLabel('操作', { exact: true }).click();
  await page.getByLabel('操作', { exact: true }).fill('停用账号');
  await page.keyboard.press('Enter');
  await page.getByRole('textbox', { name: /操作人/ }).fill('admin');
  const event = page.getByRole('row').filter({ hasText: '停用账号' }).first();
  await expect(event).toContainText('admin（系统管理员）');
  await expect(event.getByRole('cell').nth(4)).toContainText('启用：是');
  await expect(event.getByRole('cell').nth(5)).toContainText('启用：否');
  await expect(page.getByRole('row').filter({ hasText: '登录' })).toHaveCount(0);
  await expectAccessible(page);
});
