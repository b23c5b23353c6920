// Public certificate verification: the answer in plain words, for a valid, a revoked and an unknown certificate.
import { type Api, expectAccessible, named, residentId, test, expect, uniqueName } from './support';
import type { Page } from '@playwright/test';

/** A certificate issued by the demo college to a new holder, as the API records it. */
async function issue(api: Api): Promise<{ number: string; name: string; id: string }> {
  const name = uniqueName();
  const number = `PW${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const result = await api.gql<{ submitCertificates: { written: boolean; errors: unknown[] } }>(
    `mutation($rows: [CertificateInput!]!) { submitCertificates(rows: $rows) { written errors { index field code message } } }`,
    {
      rows: [
        {
          idNumber: residentId(),
          name,
          kind: 'NURSING_ASSISTANT_SKILL',
          level: 3,
          certificateNumber: number,
          issuedOn: '2025-06-30',
        },
      ],
    },
    await api.token('college'),
  );
  expect(result.submitCertificates).toEqual({ written: true, errors: [] });
  const people = await api.gql<{
    people: { edges: { node: { certificates: { id: string; certificateNumber: string }[] } }[] };
  }>(
    'query($name: String!) { people(filter: { namePrefix: $name }, first: 5) { edges { node { certificates { id certificateNumber } } } } }',
    { name },
    await api.token('planner'),
  );
  const certificate = people.people.edges
    .flatMap((e) => e.node.certificates)
    .find((c) => c.certificateNumber === number)!;
  return { number, name, id: certificate.id };
}

async function verify(page: Page, number: string, name: string) {
  await page.getByLabel('证书编号').fill(number);
  await page.getByLabel('姓名').fill(name);
  await page.getByRole('button', { name: named('查询') }).click();
}

test('a valid certificate reads 有效 with its details, an unknown one 未查到', async ({ page, api }) => {
  const certificate = await issue(api);
  await page.goto('/verify');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('证书查询');
  await expect(page.getByText('每个网络地址每分钟只能查询有限次数')).toBeVisible();
  await expectAccessible(page);

  await verify(page, certificate.number, certificate.name);
  const status = page.getByRole('status');
  await expect(status).toHaveText(/^有效/);
  await expect(status).toContainText('养老护理员职业技能等级证书');
  await expect(status).toContainText('三级/高级工');
  await expect(status).toContainText('重庆城市管理职业学院');
  await expect(status).toContainText('2025年6月30日');
  await expect(status).toContainText('长期有效');
  await expect(status).not.toContainText('由用人单位录入');
  await expect(status).toContainText(`${certificate.name[0]}*`);
  await expect(status).not.toContainText(certificate.name);
  await expectAccessible(page);

  // A wrong name and an unknown number give the same answer.
  await verify(page, certificate.number, '王五');
  await expect(status).toHaveText(/^未查到/);
  await verify(page, 'NO-SUCH-NUMBER-1', certificate.name);
  await expect(status).toHaveText(/^未查到/);
  await expectAccessible(page);
});

test('a revoked certificate reads 已撤销', async ({ page, api }) => {
  const certificate = await issue(api);
  await api.gql(
    'mutation($id: ID!) { revokeCertificate(id: $id, reason: "issued in error (browser test)") { id } }',
    { id: certificate.id },
    await api.token('planner'),
  );
  await page.goto('/verify');
  await verify(page, certificate.number, certificate.name);
  await expect(page.getByRole('status')).toHaveText(/^已撤销：该证书已被撤销/);
});

test('a corrected certificate reads 已撤销 with its replacement, which reads 有效', async ({ page, api }) => {
  const certificate = await issue(api);
  const replacement = `${certificate.number}-C`;
  await api.gql(
    `mutation($id: ID!, $input: CorrectCertificateInput!) {
       correctCertificate(id: $id, input: $input, reason: "等级录入错误") { certificateNumber } }`,
    { id: certificate.id, input: { certificateNumber: replacement, level: 2 } },
    await api.token('college'),
  );
  await page.goto('/verify');
  await verify(page, certificate.number, certificate.name);
  const status = page.getByRole('status');
  await expect(status).toHaveText(new RegExp(`^已撤销：该证书已更正，现由证书 ${replacement} 取代`));
  await expectAccessible(page);

  await status.getByRole('button', { name: named(`查询新证书 ${replacement}`) }).click();
  await expect(page.getByLabel('证书编号')).toHaveValue(replacement);
  await expect(status).toHaveText(/^有效/);
  await expect(status).toContainText('二级/技师');
});

test('an employer-recorded certificate says the issuer has not confirmed it', async ({ page, api }) => {
  // The demo institutions recorded social-work and licence certificates from outside the portal.
  const data = await api.gql<{
    people: {
      edges: {
        node: { name: string; certificates: { certificateNumber: string; external: boolean; status: string }[] };
      }[];
    };
  }>(
    `{ people(filter: { certificateKind: SOCIAL_WORK }, first: 100) {
        edges { node { name certificates { certificateNumber external status } } } } }`,
    {},
    await api.token('planner'),
  );
  const holder = data.people.edges
    .map((e) => ({
      name: e.node.name,
      certificate: e.node.certificates.find((c) => c.external && c.status === 'VALID'),
    }))
    .find((h) => h.certificate)!;
  await page.goto('/verify');
  await verify(page, holder.certificate!.certificateNumber, holder.name);
  const status = page.getByRole('status');
  await expect(status).toHaveText(/^有效：由用人单位录入，未经发证机构确认。/);
  await expect(status).toContainText('发证机构（用人单位填写）');
  await expectAccessible(page);
});

test('past the rate limit the page says when to try again', async ({ page, api }) => {
  // This test's own client address: its budget is used up here, and nowhere else.
  const query = 'query { verifyCertificate(certificateNumber: "X", name: "Y") { matched } }';
  for (let i = 0; i < 40; i++) {
    const body = await api.raw(query);
    if (body.errors?.[0]?.extensions?.code === 'RATE_LIMITED') break;
  }
  await page.goto('/verify');
  await verify(page, 'X', '王五');
  await expect(page.getByRole('alert')).toHaveText(/^操作过于频繁，请在 \d+ 秒后再试。$/);
  await expect(page.getByRole('status')).toHaveText('');
});
