// What every browser test shares: a page that records Content-Security-Policy refusals and script errors (a test
// fails on any), the accessibility check, sign-in through the page and through the API, and test data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { type APIRequestContext, test as base, expect, type Page } from '@playwright/test';

export { expect };
export const PASSWORD = 'demo-password';

/** Accessible names match with optional whitespace between characters: Ant Design writes "登 录". */
export function named(text: string): RegExp {
  const escaped = [...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^\\s*${escaped.join('\\s*')}\\s*$`);
}

/**
 * The <style> elements Ant Design's table creates without the CSP nonce to measure scrollbars (an empty one to
 * find the document's head, then the measuring rule; react-component/util#613, see src/web/pages.ts).
 */
const KNOWN_REFUSAL = /^CSP: style-src-elem refused inline (|\s*#rc-scrollbar-measure-.*)$/s;

let clientSerial = 0;

interface Fixtures {
  /** This test's client address (X-Forwarded-For): its own budget of sign-ins and verifications. */
  clientAddress: string;
  api: Api;
}

export const test = base.extend<Fixtures>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern, even an empty one.
  // eslint-disable-next-line no-empty-pattern
  clientAddress: async ({}, use, testInfo) => {
    // Documentation addresses (TEST-NET-3): only ever a header value, never a destination.
    await use(`203.0.113.${(testInfo.workerIndex * 50 + ++clientSerial) % 250}`);
  },
  extraHTTPHeaders: async ({ clientAddress }, use) => {
    await use({ 'x-forwarded-for': clientAddress });
  },
  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().startsWith('CSP:')) {
        if (!KNOWN_REFUSAL.test(message.text())) problems.push(message.text());
      }
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP: ${e.violatedDirective} refused ${e.blockedURI || 'inline'} ${e.sample}`),
      );
    });
    await use(page);
    expect(problems, 'no Content-Security-Policy refusals or script errors').toEqual([]);
  },
  api: async ({ request, clientAddress }, use) => {
    await use(new Api(request, clientAddress));
  },
});

export interface GraphQLError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

/** The GraphQL API, as the tests' second opinion: the page's figures must equal its answers. */
export class Api {
  private tokens = new Map<string, string>();
  constructor(
    private readonly request: APIRequestContext,
    private readonly clientAddress: string,
  ) {}

  async raw<T>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<{ data?: T; errors?: GraphQLError[] }> {
    const response = await this.request.post('/graphql', {
      data: { query, variables },
      headers: { 'x-forwarded-for': this.clientAddress, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    return (await response.json()) as { data?: T; errors?: GraphQLError[] };
  }

  async gql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<T> {
    const body = await this.raw<T>(query, variables, token);
    if (body.errors?.length) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
    return body.data!;
  }

  async token(username: string, password = PASSWORD): Promise<string> {
    const key = `${username}\n${password}`;
    let token = this.tokens.get(key);
    if (!token) {
      const data = await this.gql<{ login: { accessToken: string } }>(
        'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
        { u: username, p: password },
      );
      token = data.login.accessToken;
      this.tokens.set(key, token);
    }
    return token;
  }

  /**
   * A fresh account (by the demo admin), so that tests that change or end an account touch no demo account. The
   * admin's password is temporary; this one is changed through the API, as its holder would at first sign-in.
   */
  async createAccount(
    role: string,
    extra: Record<string, unknown> = {},
  ): Promise<{ id: string; username: string; password: string }> {
    const username = `pw-${role.toLowerCase().replace(/_/g, '-')}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
    const temporary = 'first-password-123';
    const password = 'own-password-456';
    const data = await this.gql<{ createUser: { id: string } }>(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { username, password: temporary, role, ...extra } },
      await this.token('admin'),
    );
    await this.gql(
      'mutation($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) { accessToken } }',
      { o: temporary, n: password },
      await this.token(username, temporary),
    );
    return { id: data.createUser.id, username, password };
  }
}

/** Signs in through the page and waits to leave /login. */
export async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: named('登录') }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core on the page as it is now: no serious or critical violation. axe is evaluated through the browser's
 * debugging protocol, which the page's Content-Security-Policy does not govern (an injected <script> would be
 * refused, as it should be).
 */
export async function expectAccessible(page: Page): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    type Node = { target: string[]; failureSummary?: string };
    type Result = { violations: { id: string; impact: string; help: string; nodes: Node[] }[] };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<Result> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `accessibility violations on ${page.url()}`).toEqual([]);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
let idSerial = 0;

/** A checksum-valid resident ID number no other call of this run returns (born in 1985, Wanzhou). */
export function residentId(): string {
  const n = (++idSerial + (process.pid % 500) * 7 + Math.floor(Math.random() * 1000)) % 365;
  const birth = new Date(Date.UTC(1985, 0, 1) + n * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const body = `500101${birth}${String(100 + ((idSerial * 37 + Math.floor(Math.random() * 800)) % 800)).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i];
  return body + ID_CHECK[sum % 11];
}

const GIVEN = '安宝昌德恩芳光海红华佳建杰静俊兰丽玲敏明娜宁平强琴秋荣瑞桂淑婷伟文霞香欣秀雪燕英玉云珍志';
/** A Chinese name unlikely to be the demo data's: 测 + two characters. */
export function uniqueName(): string {
  const pick = () => GIVEN[Math.floor(Math.random() * GIVEN.length)];
  return `测${pick()}${pick()}${pick()}`;
}

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

/** `npm run screenshots`: the page as it is now, to docs/screenshots/<name>.png. */
export async function shoot(page: Page, name: string, fullPage = true) {
  await page.waitForTimeout(800); // the charts' first drawing
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}
