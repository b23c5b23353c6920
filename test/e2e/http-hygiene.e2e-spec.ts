import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { getIntrospectionQuery } from 'graphql';
import { serverAudits } from 'graphql-http';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  auditCount,
  createInstitution,
  createUser,
  installBoomTrigger,
  PASSWORD,
  signIn,
} from '../helpers/factories.js';
import { codes, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A stack frame, raw or escaped inside JSON text. */
const STACK_FRAME = /(\n|\\n)\s+at /;
const MAX_BODY_BYTES = 16 * 1024 * 1024; // the default of MAX_BODY_BYTES
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }';

/** A JSON body of exactly `bytes` bytes: a login whose password pads it out. */
function loginBody(bytes: number, username = 'nobody'): string {
  const empty = JSON.stringify({ query: LOGIN, variables: { u: username, p: '' } });
  const body = JSON.stringify({ query: LOGIN, variables: { u: username, p: 'p'.repeat(bytes - empty.length) } });
  expect(Buffer.byteLength(body)).toBe(bytes);
  return body;
}

const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');

/** Every error of a response carries a code and nothing that looks like a stack trace. */
function expectNoStack(res: GraphQLResponse | request.Response) {
  const errors = (res.body as GraphQLResponse['body']).errors ?? [];
  for (const e of errors) {
    expect(e.extensions?.stacktrace).toBeUndefined();
    expect(e.extensions?.exception).toBeUndefined();
    expect(typeof e.extensions?.code).toBe('string');
  }
  expect(JSON.stringify(res.body)).not.toMatch(STACK_FRAME);
  expect(JSON.stringify(res.body)).not.toMatch(/\.(ts|js):\d+/);
}

let t: TestApp;
let url = '';

beforeAll(async () => {
  t = await startTestApp();
  await t.portal.app.listen(0, '127.0.0.1');
  const { port } = t.server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}/graphql`;
  await installBoomTrigger(t);
});
afterAll(async () => {
  await t.close();
});

describe('graphql-http audit suite (GraphQL over HTTP)', () => {
  const audits = serverAudits({ url: () => url, fetchFn: fetch });
  const musts = audits.filter((a) => a.name.startsWith('MUST'));

  it('has MUST audits to run', () => {
    expect(musts.length).toBeGreaterThanOrEqual(10);
  });

  it.each(musts.map((a) => [a.id, a.name, a] as const))('%s %s', async (_id, _name, audit) => {
    const result = await audit.fn();
    expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
  });
});

describe('anonymous access to the endpoint', () => {
  it('answers { __typename } without errors', async () => {
    const res = await t.gql('{ __typename }');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers the standard introspection query without errors', async () => {
    const res = await t.gql(getIntrospectionQuery());
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const schema = res.body.data!.__schema;
    expect(schema.queryType.name).toBe('Query');
    expect(schema.mutationType.name).toBe('Mutation');
    expect(schema.types.map((type: { name: string }) => type.name)).toEqual(
      expect.arrayContaining(['Institution', 'User', 'Region', 'AuditEvent']),
    );
  });

  it('answers a GET that carries apollo-require-preflight or x-apollo-operation-name', async () => {
    for (const header of ['apollo-require-preflight', 'x-apollo-operation-name']) {
      const res = await request(t.server).get('/graphql').query({ query: '{ __typename }' }).set(header, 'true');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: { __typename: 'Query' } });
    }
  });
});

describe('CSRF prevention', () => {
  it('refuses a GET without a content-type or preflight header, before running it', async () => {
    const res = await request(t.server).get('/graphql?query={__typename}');
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['BAD_REQUEST']);
    expectNoStack(res);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'refuses a POST sent as %s (a "simple" cross-site request) and runs nothing',
    async (contentType) => {
      const user = await createUser(t, { role: 'MUNICIPAL_PLANNER' });
      const logins = await auditCount(t, 'login');
      const res = await request(t.server)
        .post('/graphql')
        .set('content-type', contentType)
        .send(JSON.stringify({ query: LOGIN, variables: { u: user.username, p: PASSWORD } }));
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['BAD_REQUEST']);
      expect(await auditCount(t, 'login')).toBe(logins);
      // The same login, sent as JSON, does sign in: the refusal above was about the request, not the account.
      const ok = await t.gql(LOGIN, { u: user.username, p: PASSWORD });
      expect(typeof ok.body.data?.login.accessToken).toBe('string');
      expect(await auditCount(t, 'login')).toBe(logins + 1);
    },
  );

  it('refuses a mutation sent by GET, even with the preflight header, and runs nothing', async () => {
    const user = await createUser(t, { role: 'MUNICIPAL_PLANNER' });
    const logins = await auditCount(t, 'login');
    const res = await request(t.server)
      .get('/graphql')
      .query({ query: LOGIN, variables: JSON.stringify({ u: user.username, p: PASSWORD }) })
      .set('apollo-require-preflight', 'true');
    expect(res.status).toBe(405);
    expect(res.body.data).toBeUndefined();
    expect(await auditCount(t, 'login')).toBe(logins);
  });
});

describe('query limits (default settings)', () => {
  it('allows 100 aliases and refuses 101 before running anything', async () => {
    const { token } = await signIn(t, { role: 'VOLUNTEER' });
    const ok = await t.gql(`{ ${aliases(100, 'me { id }')} }`, {}, token);
    expect(ok.body.errors).toBeUndefined();
    expect(Object.keys(ok.body.data!)).toHaveLength(100);

    const refused = await t.gql(`{ ${aliases(101, 'me { id }')} }`, {}, token);
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(codes(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expectNoStack(refused);
  });

  it('counts aliases of introspection fields too (101 aliased __typename are refused)', async () => {
    const ok = await t.gql(`{ ${aliases(100, '__typename')} }`);
    expect(ok.body.errors).toBeUndefined();
    const refused = await t.gql(`{ ${aliases(101, '__typename')} }`);
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(codes(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses a query deeper than 12 levels with an error of its own', async () => {
    // The schema has no cycles, so no valid query is that deep: at 12 levels the only error is the unknown field,
    // at 13 the depth limit adds its own (the small-limits app below checks valid queries).
    const nested = (levels: number) => '{ ' + 'a { '.repeat(levels - 1) + 'b' + ' }'.repeat(levels);
    const atLimit = await t.gql(nested(12));
    expect(atLimit.status).toBe(400);
    expect(codes(atLimit)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const over = await t.gql(nested(13));
    expect(over.status).toBe(400);
    expect(over.body.data).toBeUndefined();
    expect(codes(over)).toEqual(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_VALIDATION_FAILED']);
    expect(over.body.errors).toEqual(expect.arrayContaining(atLimit.body.errors!));
  });

  it('allows a query costing exactly 20000 and refuses one costing 20001', async () => {
    const { token } = await signIn(t, { role: 'ADMIN' });
    // users(first: N) { edges { node { 8 fields } } } costs 1 + N (edges) + N (node) + 8N (fields) = 1 + 10N.
    const fields = 'id username role active createdAt mustChangePassword regionCode institutionId';
    const list = (alias: string, first: number) => `${alias}: users(first: ${first}) { edges { node { ${fields} } } }`;
    const big = Array.from({ length: 19 }, (_, i) => list(`u${i}`, 100)).join(' '); // 19 x 1001 = 19019
    const ok = await t.gql(`{ ${big} ${list('last', 98)} }`, {}, token); // + 981 = 20000
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.last.edges.length).toBeGreaterThan(0);

    const refused = await t.gql(`{ ${big} ${list('last', 98)} __typename }`, {}, token); // + 1
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(codes(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses nested pages whose size is only known at run time as full pages (first: $n costs 100)', async () => {
    const { token } = await signIn(t, { role: 'ADMIN' });
    const fields = 'id username role active createdAt mustChangePassword regionCode institutionId';
    const list = (i: number) => `u${i}: users(first: $n) { edges { node { ${fields} } } }`;
    const query = `query($n: Int) { ${Array.from({ length: 20 }, (_, i) => list(i)).join(' ')} }`;
    const refused = await t.gql(query, { n: 1 }, token); // 20 x 1001 > 20000, whatever $n turns out to be
    expect(refused.status).toBe(400);
    expect(codes(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses a fragment that unfolds exponentially, quickly', async () => {
    // F0 spreads F1 twice, F1 spreads F2 twice...: 2^24 copies of one field once unfolded.
    const levels = 24;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join('\n');
    const query = `query { ...F0 }\n${fragments}\nfragment F${levels} on Query { __typename }`;
    const started = Date.now();
    const res = await t.gql(query);
    // Unfolded, it would take minutes; refused, milliseconds. The bound only has to tell those apart on a busy machine.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('accepts a body of 11 MB in variables: the login fails validation, not the body parser', async () => {
    const logins = await auditCount(t, 'login');
    const res = await request(t.server)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(loginBody(11 * 1024 * 1024));
    expect(res.status).not.toBe(413);
    expect(res.status).toBe(200);
    expect(res.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors[0].extensions.fields).toEqual(['password']);
    expect(await auditCount(t, 'login')).toBe(logins);
  });

  it('accepts a body of exactly MAX_BODY_BYTES and refuses one byte more with 413', async () => {
    const atLimit = await request(t.server)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(loginBody(MAX_BODY_BYTES));
    expect(atLimit.status).toBe(200);
    expect(atLimit.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');

    const over = await request(t.server)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(loginBody(MAX_BODY_BYTES + 1));
    expect(over.status).toBe(413);
    expect(over.headers['x-request-id']).toMatch(UUID);
    expect(over.text).not.toMatch(STACK_FRAME);
    const line = t.logs.map((l) => JSON.parse(l)).find((l) => l.requestId === over.headers['x-request-id']);
    expect(line).toMatchObject({ msg: 'request', method: 'POST', path: '/graphql', status: 413 });
  });
});

describe('query limits (GRAPHQL_MAX_DEPTH=3, GRAPHQL_MAX_COST=100)', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await startTestApp({ GRAPHQL_MAX_DEPTH: '3', GRAPHQL_MAX_COST: '100' });
  });
  afterAll(async () => {
    await small.close();
  });

  it('refuses a mutation one level too deep before running it', async () => {
    const user = await createUser(small, { role: 'INSTITUTION_ADMIN', institutionId: await createInstitution(small) });
    const deep =
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { user { institution { id } } } }';
    const refused = await small.gql(deep, { u: user.username, p: PASSWORD });
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(codes(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(await auditCount(small, 'login')).toBe(0);

    const atLimit = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { user { id } } }';
    const ok = await small.gql(atLimit, { u: user.username, p: PASSWORD });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.login.user.id).toBe(user.id);
    expect(await auditCount(small, 'login')).toBe(1);
  });

  it('/health/ready answers 503 while the database is unreachable; /health/live still answers 200', async () => {
    const dataSource = small.portal.app.get(DataSource);
    await dataSource.destroy();
    try {
      const ready = await request(small.server).get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({ status: 'unavailable', database: 'down' });
      expect(ready.text).not.toMatch(STACK_FRAME);
      const live = await request(small.server).get('/health/live');
      expect(live.status).toBe(200);
    } finally {
      await dataSource.initialize();
    }
    expect((await request(small.server).get('/health/ready')).status).toBe(200);
  });

  it('allows cost 99 and refuses cost 101', async () => {
    const { token } = await signIn(small, { role: 'ADMIN' });
    // users(first: N) { edges { cursor } } costs 1 + N + N.
    const ok = await small.gql('{ users(first: 49) { edges { cursor } } }', {}, token);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.users.edges.length).toBeGreaterThan(0);
    const refused = await small.gql('{ users(first: 50) { edges { cursor } } }', {}, token);
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(codes(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('errors carry a code and never a stack trace', () => {
  it('an internal (database) failure says only "Internal server error" and writes nothing', async () => {
    const { token } = await signIn(t, { role: 'ADMIN' });
    const users = Number((await t.db.query('SELECT count(*) FROM app_user')).rows[0].count);
    const events = await auditCount(t);
    const res = await t.gql(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { username: 'boom-internal', password: 'long-enough-password', role: 'ADMIN' } },
      token,
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0].message).toBe('Internal server error');
    expect(res.body.errors![0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(JSON.stringify(res.body)).not.toContain('refused');
    expect(JSON.stringify(res.body)).not.toContain('boom-internal');
    expectNoStack(res);
    expect(Number((await t.db.query('SELECT count(*) FROM app_user')).rows[0].count)).toBe(users);
    expect(await auditCount(t)).toBe(events);
  });

  it.each([
    ['a parse error', '{ regions {', undefined, 'GRAPHQL_PARSE_FAILED'],
    ['a validation error', '{ noSuchField }', undefined, 'GRAPHQL_VALIDATION_FAILED'],
    ['a bad variable', 'query($y: Int!) { targets(year: $y) { id } }', { y: 'x' }, 'BAD_USER_INPUT'],
    ['no token', '{ me { id } }', undefined, 'UNAUTHENTICATED'],
  ] as const)('%s', async (_label, query, variables, code) => {
    const res = await t.gql(query, variables);
    expect(codes(res)).toEqual([code]);
    expectNoStack(res);
  });

  it('a forged token, a refused role, bad input and a missing record', async () => {
    const { token } = await signIn(t, { role: 'VOLUNTEER' });
    const forged = await t.gql('{ me { id } }', {}, token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA'));
    expect(codes(forged)).toEqual(['UNAUTHENTICATED']);
    expectNoStack(forged);
    const refused = await t.gql('{ users { totalCount } }', {}, token);
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expectNoStack(refused);
    const bad = await t.gql(
      'mutation { changePassword(oldPassword: "wrong-password", newPassword: "short") { accessToken } }',
      {},
      token,
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expectNoStack(bad);
    const planner = await signIn(t, { role: 'MUNICIPAL_PLANNER' });
    const missing = await t.gql(
      '{ institution(id: "00000000-0000-4000-8000-000000000000") { id } }',
      {},
      planner.token,
    );
    expect(codes(missing)).toEqual(['NOT_FOUND']);
    expectNoStack(missing);
  });

  it('a malformed JSON body is a 400 without a stack trace, with a request id', async () => {
    const res = await request(t.server)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send('{"query": "{ __typename }", "variables": {');
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(STACK_FRAME);
    expect(res.headers['x-request-id']).toMatch(UUID);
  });
});

describe('health', () => {
  it('GET /health/live answers 200 without a token', async () => {
    const res = await request(t.server).get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /health/ready answers 200 with the database up, without a token', async () => {
    const res = await request(t.server).get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('ignores a bad Authorization header', async () => {
    for (const path of ['/health/live', '/health/ready']) {
      const res = await request(t.server).get(path).set('authorization', 'Bearer not-a-token');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ok');
    }
  });
});

describe('X-Request-Id', () => {
  it.each(['/health/live', '/graphql?query={__typename}'])(
    'is given on %s when the caller sends none',
    async (path) => {
      const res = await request(t.server).get(path).set('apollo-require-preflight', 'true');
      expect(res.status).toBe(200);
      expect(res.headers['x-request-id']).toMatch(UUID);
    },
  );

  it('logs each request under the id it answers with', async () => {
    const gql = await t.gql('{ __typename }');
    const id = gql.headers['x-request-id'];
    expect(id).toMatch(UUID);
    expect(t.logs.map((l) => JSON.parse(l)).find((l) => l.requestId === id)).toMatchObject({
      msg: 'request',
      method: 'POST',
      path: '/graphql',
      status: 200,
    });
  });

  // An incoming id is client text: adopting it would let a caller put anything (an ID number) in the logs.
  it.each([
    'trace-42.abc_DEF',
    '11010519491231002X',
    'a b',
    'a\tb',
    'x'.repeat(65),
    'id;drop',
    '<script>',
    '../../etc',
    'ä',
  ])('never adopts an incoming id %j', async (given) => {
    const res = await request(t.server).get('/health/live').set('x-request-id', given);
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toMatch(UUID);
    expect(t.logs.some((l) => l.includes(JSON.stringify(given).slice(1, -1)))).toBe(false);
  });
});
