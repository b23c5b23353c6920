import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { installBoomTrigger, PASSWORD, signIn } from '../helpers/factories.js';
import { codes, startTestApp, TEST_JWT_SECRET, TEST_PII_KEY, type TestApp } from '../helpers/test-app.js';

const ID_NUMBER = '11010519491231002X';
const PHONE = '13812345678';
const FIRST_PASSWORD = 'first-Secret-pw-7f3a9';
const WRONG_PASSWORD = 'wrong-Secret-pw-91b2e';
const NEW_PASSWORD = 'new-Secret-pw-c4d5f0';
const PHONE_PASSWORD = 'phone-Secret-pw-5e6a';
const INLINE_PASSWORD = 'inline-Secret-pw-0d1c';

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }';
const CREATE_USER = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }';

interface LogLine {
  time: string;
  level: string;
  msg?: string;
  requestId?: string;
  method?: string;
  path?: string;
  status?: number;
  [key: string]: unknown;
}

/**
 * One session that handles a password, tokens, a resident ID number and a phone number, in successes and in every
 * kind of failure; then the captured log lines are searched for them.
 */
describe('logs', () => {
  let t: TestApp;
  /** Values that must never appear in a log line. */
  const secrets: string[] = [ID_NUMBER, PHONE, FIRST_PASSWORD, WRONG_PASSWORD, NEW_PASSWORD, PHONE_PASSWORD];
  /** Request ids of requests that failed inside the server, to prove their failures were logged (cleanly). */
  const failedRequestIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await installBoomTrigger(t);

    const admin = await signIn(t, { role: 'ADMIN' });
    secrets.push(PASSWORD, admin.token);

    // An account made through the API, signed in with its password; a wrong password; a forged token.
    const username = `carer-${Date.now().toString(36)}`;
    const created = await t.gql(
      CREATE_USER,
      { input: { username, password: FIRST_PASSWORD, role: 'MUNICIPAL_PLANNER' } },
      admin.token,
    );
    expect(created.body.errors).toBeUndefined();
    const first = await t.gql(LOGIN, { u: username, p: FIRST_PASSWORD });
    const token: string = first.body.data!.login.accessToken;
    secrets.push(token, token.split('.')[2]);
    expect(codes(await t.gql(LOGIN, { u: username, p: WRONG_PASSWORD }))).toEqual(['UNAUTHENTICATED']);
    expect((await t.gql('{ me { username } }', {}, token)).body.data!.me.username).toBe(username);
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    secrets.push(forged.split('.')[2]);
    expect(codes(await t.gql('{ me { id } }', {}, forged))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.gql('{ users { totalCount } }', {}, token))).toEqual(['FORBIDDEN']);

    // Password changes: a wrong old password, a new one too short, then a good one; the old token then fails.
    const change =
      'mutation($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) { accessToken } }';
    expect(codes(await t.gql(change, { o: WRONG_PASSWORD, n: NEW_PASSWORD }, token))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(change, { o: FIRST_PASSWORD, n: 'Sh0rt!q' }, token))).toEqual(['BAD_USER_INPUT']);
    secrets.push('Sh0rt!q');
    const changed = await t.gql(change, { o: FIRST_PASSWORD, n: NEW_PASSWORD }, token);
    const newToken: string = changed.body.data!.changePassword.accessToken;
    secrets.push(newToken, newToken.split('.')[2]);
    expect(codes(await t.gql('{ me { id } }', {}, token))).toEqual(['UNAUTHENTICATED']);

    // The ID number as a username, in variables, until the login is rate-limited; then inline in documents.
    for (let i = 0; i < 5; i++) {
      expect(codes(await t.gql(LOGIN, { u: ID_NUMBER, p: WRONG_PASSWORD }))).toEqual(['UNAUTHENTICATED']);
    }
    expect(codes(await t.gql(LOGIN, { u: ID_NUMBER, p: WRONG_PASSWORD }))).toEqual(['RATE_LIMITED']);
    const inlineLogin = await t.gql(
      `mutation { login(username: "id-${ID_NUMBER}", password: "${INLINE_PASSWORD}") { accessToken } }`,
    );
    expect(codes(inlineLogin)).toEqual(['UNAUTHENTICATED']);
    secrets.push(INLINE_PASSWORD);
    expect(codes(await t.gql(`{ institution(id: "${ID_NUMBER}") { id } }`, {}, newToken))).toEqual(['NOT_FOUND']);
    expect(codes(await t.gql(`{ institution(id: "${ID_NUMBER}") { nope } }`, {}, newToken))).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
    ]);
    const viaGet = await request(t.server)
      .get('/graphql')
      .query({ query: `{ institution(id: "${ID_NUMBER}") { id } }`, variables: JSON.stringify({ p: PHONE }) })
      .set('apollo-require-preflight', 'true')
      .set('authorization', `Bearer ${newToken}`);
    expect(viaGet.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const badInput = await t.gql(
      CREATE_USER,
      { input: { username: `${ID_NUMBER} ${PHONE}`, password: 'short', role: 'ADMIN' } },
      admin.token,
    );
    expect(codes(badInput)).toEqual(['BAD_USER_INPUT']);

    // The phone number as a username: created, signed in, a wrong password, a duplicate (CONFLICT names it).
    const phoneUser = { username: PHONE, password: PHONE_PASSWORD, role: 'MUNICIPAL_PLANNER' };
    expect((await t.gql(CREATE_USER, { input: phoneUser }, admin.token)).body.errors).toBeUndefined();
    expect(codes(await t.gql(CREATE_USER, { input: phoneUser }, admin.token))).toEqual(['CONFLICT']);
    expect(codes(await t.gql(LOGIN, { u: PHONE, p: WRONG_PASSWORD }))).toEqual(['UNAUTHENTICATED']);
    const phoneToken: string = (await t.gql(LOGIN, { u: PHONE, p: PHONE_PASSWORD })).body.data!.login.accessToken;
    secrets.push(phoneToken.split('.')[2]);

    // Database failures whose PostgreSQL messages repeat the values.
    const boom = await t.gql(
      CREATE_USER,
      { input: { username: `boom-${ID_NUMBER}-${PHONE}`, password: PHONE_PASSWORD, role: 'ADMIN' } },
      admin.token,
    );
    expect(codes(boom)).toEqual(['INTERNAL_SERVER_ERROR']);
    failedRequestIds.push(boom.headers['x-request-id']);
    // A cursor holding the ID number where the audit trail keeps a number (an error either way).
    const cursor = Buffer.from(JSON.stringify([ID_NUMBER])).toString('base64url');
    const badCursor = await t.gql(
      'query($a: String) { auditEvents(after: $a) { totalCount } }',
      { a: cursor },
      admin.token,
    );
    expect(badCursor.body.errors).toHaveLength(1);

    // Bodies the parser refuses.
    const malformed = await request(t.server)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(`{"query": "${LOGIN}", "variables": {"u": ${ID_NUMBER}, "p": "${PHONE_PASSWORD}"`);
    expect(malformed.status).toBe(400);
    const tooLarge = await request(t.server)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ query: LOGIN, variables: { u: ID_NUMBER, p: PHONE_PASSWORD.repeat(1_000_000) } }));
    expect(tooLarge.status).toBe(413);
  });

  afterAll(async () => {
    await t.close();
  });

  const lines = () => t.logs.map((raw) => ({ raw, parsed: JSON.parse(raw) as LogLine }));

  it('captured the session', () => {
    const requests = lines().filter((l) => l.parsed.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(30);
    expect(requests.map((l) => l.parsed.status)).toEqual(expect.arrayContaining([200, 400, 413]));
    // The forced database failure was logged, by SQLSTATE only.
    for (const id of failedRequestIds) {
      expect(lines().some((l) => l.parsed.requestId === id && l.parsed.sqlState === 'P0001')).toBe(true);
    }
  });

  it('every line is one JSON object with a time and a level', () => {
    expect(t.logs.length).toBeGreaterThan(0);
    for (const raw of t.logs) {
      expect(raw).not.toContain('\n');
      const line = JSON.parse(raw) as LogLine;
      expect(typeof line).toBe('object');
      expect(new Date(line.time).toISOString()).toBe(line.time);
      expect(['debug', 'info', 'warn', 'error']).toContain(line.level);
    }
  });

  it('every request line has its request id, method, path (without query string) and status', () => {
    for (const { parsed } of lines().filter((l) => l.parsed.msg === 'request')) {
      expect(parsed).toEqual(
        expect.objectContaining({
          requestId: expect.any(String),
          method: expect.stringMatching(/^(GET|POST)$/),
          path: '/graphql',
          status: expect.any(Number),
        }),
      );
    }
  });

  it('no line holds a password, a token, the ID number, the phone number or a configured secret', () => {
    const all = [...secrets, TEST_JWT_SECRET, TEST_PII_KEY];
    expect(all.every((s) => s.length >= 7)).toBe(true);
    const leaks = lines().flatMap(({ raw }) =>
      all.filter((s) => raw.toLowerCase().includes(s.toLowerCase())).map((s) => `${s} in ${raw}`),
    );
    expect(leaks).toEqual([]);
  });

  it('no line holds a stack trace', () => {
    for (const raw of t.logs) expect(raw).not.toMatch(/\\n\s+at |\n\s+at /);
  });
});
