// /planning/volunteers: a district planner finds a volunteer, grants time from the public pool and resets a
// forgotten password; the volunteer signs in with the temporary one on a phone and must change it first.
import { expectAccessible, named, residentId, signIn, test, expect, uniqueName } from './support';
import { PHONE } from './volunteer-checks';

test('a district planner grants from the pool and resets a password; the volunteer changes it on a phone', async ({
  page,
  api,
  browser,
}) => {
  test.setTimeout(150_000); // several sign-ins and two browsers on a shared machine
  const name = uniqueName();
  const username = `vp-${Date.now().toString(36)}`;
  await api.gql('mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }', {
    input: {
      name,
      idNumber: residentId(),
      phone: '13912345678',
      regionCode: '500101',
      username,
      password: 'first-password-1',
    },
  });

  await signIn(page, 'wanzhou-planner');
  await page.getByRole('link', { name: '志愿者' }).click();
  await expect(page).toHaveURL('/planning/volunteers');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('时间银行志愿者');
  await page.getByLabel('姓名开头').fill(name);
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toHaveCount(1);
  await expectAccessible(page);

  // A grant from the public pool, confirmed first.
  await row.getByRole('button', { name: named('公益池赠予') }).click();
  await page.getByLabel('分钟').fill('10');
  await page.getByLabel('赠予理由').fill('重点帮扶');
  await page.getByRole('button', { name: named('下一步') }).click();
  await expect(page.getByRole('region', { name: '确认赠予' })).toContainText(
    `从公益时间池赠予${name} 10 分钟，理由：重点帮扶。`,
  );
  await page.getByRole('button', { name: named('确认') }).click();
  await expect(page.getByRole('status')).toContainText(`已从公益时间池赠予${name} 10 分钟。`);

  // The password reset: the temporary password is shown once.
  await row.getByRole('button', { name: named('重置密码') }).click();
  await page.getByRole('button', { name: named('确认') }).click();
  const temporary = (await page.locator('code.secret').textContent())!.trim();
  expect(temporary.length).toBeGreaterThanOrEqual(8);

  // The volunteer, on her phone: the temporary password leads to the password change first.
  const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const phone = await context.newPage();
  await signIn(phone, username, temporary);
  await expect(phone).toHaveURL('/change-password');
  await phone.getByLabel('原密码').fill(temporary);
  await phone.getByLabel('新密码').fill('a-new-password-2');
  const submit = phone.getByRole('button', { name: named('修改密码') });
  const box = (await submit.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(40);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  await submit.click();
  await expect(phone).toHaveURL('/volunteer');
  // The grant is on her balance.
  await expect(phone.getByTestId('time-balance')).toHaveText('10 分钟');
  await context.close();
});
