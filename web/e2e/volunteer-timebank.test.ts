// The volunteer's time bank on a phone (390 x 844): her balance as the API reports it, in hours and minutes; a
// service she logs and the institution verifies; a transfer her husband sees with her name; care for her mother;
// a double tap that moves minutes once; and on every page: text >= 18 px, targets >= 44 px, usable at 200 %, axe.
// The tests share the demo volunteer's account, so they run one after another.
import { formatMinutes, todayInShanghai } from '../src/format';
import { type Api, expectAccessible, named, signIn, test, expect } from './support';
import { expectLargeTargets, expectLargeText, expectUsableEnlarged, PHONE, settled } from './volunteer-checks';

test.use({ viewport: PHONE });
test.describe.configure({ mode: 'serial' });

const PAGES = [
  '/volunteer',
  '/volunteer/statement',
  '/volunteer/service',
  '/volunteer/transfer',
  '/volunteer/care',
  '/volunteer/relatives',
  '/volunteer/rewards',
];

interface Bank {
  timeBalanceMinutes: number;
  pointsBalance: number;
  entries: { edges: { node: { kind: string; amount: number; at: string; counterpartyName: string | null } }[] };
}
async function bankOf(api: Api, username: string): Promise<Bank> {
  const data = await api.gql<{ myTimeBank: Bank }>(
    '{ myTimeBank { timeBalanceMinutes pointsBalance entries(first: 20) { edges { node { kind amount at counterpartyName } } } } }',
    {},
    await api.token(username),
  );
  return data.myTimeBank;
}
const hm = (minutes: number) => formatMinutes(minutes, 'zh-CN');

test('home shows the API’s balance in hours and minutes; every page has large text and targets, works at 200 %, passes axe', async ({
  page,
  api,
}) => {
  test.setTimeout(180_000); // seven pages, each checked four ways
  await signIn(page, 'volunteer');
  await expect(page).toHaveURL('/volunteer');
  const bank = await bankOf(api, 'volunteer');
  await expect(page.getByTestId('time-balance')).toHaveText(hm(bank.timeBalanceMinutes));
  expect(hm(bank.timeBalanceMinutes)).toMatch(/^[\d,]+ 小时( \d+ 分钟)?$|^\d+ 分钟$/);
  await expect(page.getByTestId('points-balance')).toHaveText(bank.pointsBalance.toLocaleString('zh-CN'));

  for (const path of PAGES) {
    await page.goto(path);
    await settled(page);
    await expectLargeText(page);
    await expectLargeTargets(page);
    await expectUsableEnlarged(page);
    await expectAccessible(page);
  }
});

test('a logged service, once the institution verifies it, changes the balance and the statement', async ({
  page,
  api,
}) => {
  await signIn(page, 'volunteer');
  await page.goto('/volunteer/service');
  await settled(page);
  await page.getByLabel('服务地点').click();
  await page.getByLabel('服务地点').fill('万州区社会福利');
  await page.keyboard.press('Enter');
  await page.getByText('健康教育', { exact: true }).click();
  await page.getByLabel('小时').fill('1');
  await page.getByLabel('分钟').fill('15');
  await page.getByRole('button', { name: named('下一步') }).click();
  await expect(page.getByRole('region', { name: '请核对服务记录' })).toContainText(
    '在万州区社会福利院提供健康教育服务，时长 1 小时 15 分钟',
  );
  await expectLargeText(page);
  await page.getByRole('button', { name: named('确认') }).click();
  await expect(page.getByRole('status')).toContainText('服务记录已提交，正在等待机构确认。');
  const records = page.getByRole('list', { name: '我的服务记录' });
  await expect(records.getByRole('listitem').first()).toContainText('等待机构确认');

  // The institution admin verifies it (through the API: the institution's page is another issue's).
  const before = await bankOf(api, 'volunteer');
  const admin = await api.token('institution-admin');
  const logged = await api.gql<{
    serviceRecords: { edges: { node: { id: string; minutes: number; category: string } }[] };
  }>(
    '{ serviceRecords(filter: { status: LOGGED }, first: 100) { edges { node { id minutes category } } } }',
    {},
    admin,
  );
  const mine = logged.serviceRecords.edges.find((e) => e.node.minutes === 75 && e.node.category === 'HEALTH_EDUCATION');
  expect(mine).toBeDefined();
  const verified = await api.gql<{ verifyService: { creditedMinutes: number; pointsAwarded: number } }>(
    'mutation($id: ID!) { verifyService(id: $id) { creditedMinutes pointsAwarded } }',
    { id: mine!.node.id },
    admin,
  );
  const credited = verified.verifyService.creditedMinutes;
  expect(credited).toBeGreaterThan(0);
  const after = await bankOf(api, 'volunteer');
  expect(after.timeBalanceMinutes - before.timeBalanceMinutes).toBe(credited);

  await page.reload();
  await expect(records.getByRole('listitem').first()).toContainText('已确认');
  await page.goto('/volunteer');
  await expect(page.getByTestId('time-balance')).toHaveText(hm(after.timeBalanceMinutes));
  await page.goto('/volunteer/statement');
  const line = page.getByRole('listitem').first();
  await expect(line).toContainText(
    `在万州区社会福利院提供健康教育服务（${todayInShanghai().replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}）`,
  );
  await expect(line).toContainText(`+${hm(credited)}`);
  await expect(line).toContainText(`余额 ${hm(after.timeBalanceMinutes)}`);
});

test('a transfer to her husband, confirmed with its effect on the balance, names her on his statement', async ({
  page,
  api,
  browser,
}) => {
  await signIn(page, 'volunteer');
  await page.goto('/volunteer/transfer');
  await settled(page);
  const before = await bankOf(api, 'volunteer');
  await page.getByText('张建国（配偶）', { exact: true }).click();
  await page.getByLabel('分钟').fill('30');
  await page.getByRole('button', { name: named('下一步') }).click();
  const confirm = page.getByRole('region', { name: '请确认转出' });
  await expect(confirm).toContainText('把 30 分钟 转给张建国（配偶）。');
  await expect(confirm).toContainText(
    `您的时间余额将从 ${hm(before.timeBalanceMinutes)} 变为 ${hm(before.timeBalanceMinutes - 30)}`,
  );
  await page.getByRole('button', { name: named('确认') }).click();
  await expect(page.getByRole('status')).toContainText('已把 30 分钟 转给张建国（配偶）。');
  const after = await bankOf(api, 'volunteer');
  expect(after.timeBalanceMinutes).toBe(before.timeBalanceMinutes - 30);
  await expect(page.getByRole('status')).toContainText(`您现在的时间余额：${hm(after.timeBalanceMinutes)}`);

  // Her husband, on his own phone.
  const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const husband = await context.newPage();
  await signIn(husband, 'volunteer-spouse');
  await husband.goto('/volunteer/statement');
  await expect(husband.getByRole('listitem').first()).toContainText('来自李淑芬的转入');
  await expect(husband.getByRole('listitem').first()).toContainText('+30 分钟');
  await context.close();
});

test('care redeemed for her mother, with the balance effect stated first', async ({ page, api }) => {
  await signIn(page, 'volunteer');
  await page.goto('/volunteer/care');
  await settled(page);
  const before = await bankOf(api, 'volunteer');
  await page.getByText('陈玉兰（父母）', { exact: true }).click();
  await page.getByLabel('提供服务的机构').click();
  await page.getByLabel('提供服务的机构').fill('万州区社会福利');
  await page.keyboard.press('Enter');
  await page.getByLabel('小时').fill('1');
  await page.getByRole('button', { name: named('下一步') }).click();
  const confirm = page.getByRole('region', { name: '请确认兑换' });
  await expect(confirm).toContainText('为陈玉兰（父母）兑换 1 小时 养老服务，由万州区社会福利院提供。');
  await expect(confirm).toContainText(`从 ${hm(before.timeBalanceMinutes)} 变为 ${hm(before.timeBalanceMinutes - 60)}`);
  await page.getByRole('button', { name: named('确认') }).click();
  await expect(page.getByRole('status')).toContainText('已为陈玉兰（父母）兑换 1 小时 养老服务');
  const list = page.getByRole('list', { name: '我的兑换记录' });
  await expect(list.getByRole('listitem').first()).toContainText('为陈玉兰（父母）兑换 · 万州区社会福利院');
  await expect(list.getByRole('listitem').first()).toContainText('等待机构确认');

  const data = await api.gql<{
    careRedemptions: { edges: { node: { beneficiaryName: string; minutes: number; status: string } }[] };
  }>(
    '{ careRedemptions(first: 1) { edges { node { beneficiaryName minutes status } } } }',
    {},
    await api.token('volunteer'),
  );
  expect(data.careRedemptions.edges[0].node).toEqual({ beneficiaryName: '陈玉兰', minutes: 60, status: 'PENDING' });
  expect((await bankOf(api, 'volunteer')).timeBalanceMinutes).toBe(before.timeBalanceMinutes - 60);
});

test('a double-tapped 确认 moves the minutes once', async ({ page, api }) => {
  await signIn(page, 'volunteer');
  await page.goto('/volunteer/transfer');
  await settled(page);
  const before = await bankOf(api, 'volunteer');
  const started = Date.now();
  await page.getByText('张建国（配偶）', { exact: true }).click();
  await page.getByLabel('分钟').fill('17');
  await page.getByRole('button', { name: named('下一步') }).click();
  const button = page.getByRole('button', { name: named('确认') });
  await expect(button).toBeVisible();
  // Two taps in the same instant, before the page can react to the first.
  await button.evaluate((element: HTMLElement) => {
    element.click();
    element.click();
  });
  await expect(page.getByRole('status')).toContainText('已把 17 分钟 转给张建国（配偶）。');
  await page.waitForTimeout(500);
  const after = await bankOf(api, 'volunteer');
  expect(after.timeBalanceMinutes).toBe(before.timeBalanceMinutes - 17);
  const sent = after.entries.edges.filter(
    (e) => e.node.kind === 'TRANSFER_OUT' && e.node.amount === -17 && Date.parse(e.node.at) >= started - 1000,
  );
  expect(sent).toHaveLength(1);
});
