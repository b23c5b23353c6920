// `npm run screenshots`: current pictures of the main pages for the README, written to docs/screenshots/.
// Each area's pages add theirs in e2e/<area>.screenshots.ts, with `shoot` from support.ts.
import { named, shoot, signIn, test, expect } from './support';

test.use({ viewport: { width: 1280, height: 860 } });

test('sign-in', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await shoot(page, 'login', false);
});

test('the municipal planner’s dashboard, in Chinese and in English', async ({ page }) => {
  await signIn(page, 'planner');
  await expect(page.getByRole('region', { name: '养老服务人才总数' })).toBeVisible();
  await expect(page.locator('canvas')).toHaveCount(2);
  await shoot(page, 'planning-dashboard');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Elder-care talent headcount' })).toBeVisible();
  await shoot(page, 'planning-dashboard-en');
  await page.getByRole('button', { name: '中文', exact: true }).click();
});

test('the district planner’s dashboard', async ({ page }) => {
  await signIn(page, 'wanzhou-planner');
  await expect(page.getByRole('region', { name: '养老服务人才总数' })).toBeVisible();
  await expect(page.locator('canvas')).toHaveCount(2);
  await shoot(page, 'planning-dashboard-district');
});

test('public verification of a demo certificate', async ({ page, api }) => {
  // The first skill certificate of the demo data: the same on every install.
  const data = await api.gql<{
    people: { edges: { node: { name: string; certificates: { certificateNumber: string; kind: string }[] } }[] };
  }>(
    `{ people(filter: { certificateKind: NURSING_ASSISTANT_SKILL }, first: 1) {
        edges { node { name certificates { certificateNumber kind } } } } }`,
    {},
    await api.token('planner'),
  );
  const person = data.people.edges[0].node;
  const certificate = person.certificates.find((c) => c.kind === 'NURSING_ASSISTANT_SKILL')!;
  await page.goto('/verify');
  await page.getByLabel('证书编号').fill(certificate.certificateNumber);
  await page.getByLabel('姓名').fill(person.name);
  await page.getByRole('button', { name: named('查询') }).click();
  await expect(page.getByRole('status')).toHaveText(/^有效/);
  await shoot(page, 'verify');
});
