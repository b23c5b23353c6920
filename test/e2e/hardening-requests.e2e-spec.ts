import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { FLOOD_QUERY, floodBody } from '../../bench/flood.js';
import { AccountCache } from '../../src/auth/account-cache.js';
import { auditCount, createEvaluationBody, residentId, signIn } from '../helpers/factories.js';
import { codes, startTestApp, type TestApp } from '../helpers/test-app.js';

const MAX_BODY_BYTES = 16 * 1024 * 1024; // the default of MAX_BODY_BYTES
const SUBMIT = `mutation($rows: [CertificateInput!]!, $dryRun: Boolean) {
  submitCertificates(rows: $rows, dryRun: $dryRun) { accepted skipped written errors { index field code } }
}`;

let t: TestApp;
let base = '';

beforeAll(async () => {
  t = await startTestApp();
  await t.portal.app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t?.close();
});

const targetCount = async () => Number((await t.db.query('SELECT count(*) FROM target')).rows[0].count);

/** GET /health/live back to back while `during` runs: how many answered, and the slowest answer. */
async function whileLivePolled<T>(
  during: () => Promise<T>,
): Promise<{ result: T; answers: number; slowestMs: number }> {
  let running = true;
  let answers = 0;
  let slowestMs = 0;
  const poller = (async () => {
    while (running) {
      const started = performance.now();
      const res = await fetch(`${base}/health/live`);
      await res.arrayBuffer();
      if (res.ok) answers++;
      slowestMs = Math.max(slowestMs, performance.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await new Promise((r) => setTimeout(r, 100));
  try {
    return { result: await during(), answers, slowestMs };
  } finally {
    running = false;
    await poller;
  }
}

// In English, like the test helper: these tests read the wording.
const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers },
    body,
  });

describe('undeclared input fields are refused before graphql-js coerces them (issue 11, item 1)', () => {
  it('answers the largest allowed body of undeclared keys at once with BAD_USER_INPUT; /health/live answers meanwhile', async () => {
    const { body, keys } = floodBody(MAX_BODY_BYTES);
    expect(keys).toBeGreaterThan(900_000);
    const [targets, audits] = [await targetCount(), await auditCount(t)];
    const { result, answers, slowestMs } = await whileLivePolled(async () => {
      const started = performance.now();
      const res = await post(body);
      const json = (await res.json()) as { errors: { extensions: { code: string } }[] };
      return { status: res.status, json, ms: performance.now() - started };
    });
    expect(result.status).toBe(400);
    expect(result.json.errors.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    // Before the guard: 215 s here, and /health/live waited as long (bench/variables-flood.ts); after it, well under
    // a second (the bench measures it). The bounds are a quarter of the unguarded time, so that they fail without the
    // guard but never because a shared machine is busy.
    expect(result.ms).toBeLessThan(60_000);
    expect(answers).toBeGreaterThan(0);
    expect(slowestMs).toBeLessThan(30_000);
    expect(await targetCount()).toBe(targets);
    expect(await auditCount(t)).toBe(audits);
  });

  it('refuses an undeclared field of a smaller input at its first one, naming the place and not the key', async () => {
    const input: Record<string, unknown> = { metric: 'TALENT_HEADCOUNT', year: 2034, value: 5 };
    for (let i = 0; i < 90; i++) input[`secret-${i}-11010519491231002X`] = i;
    const res = await t.gql(FLOOD_QUERY, { i: input });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0].extensions!.fields).toEqual(['i']);
    expect(JSON.stringify(res.body)).not.toContain('secret-');
    expect(JSON.stringify(res.body)).not.toContain('11010519491231002X');
  });

  it('refuses an undeclared field in one row of a list, an object where a scalar belongs, a list too long', async () => {
    const row = (extra: Record<string, unknown> = {}) => ({
      idNumber: residentId(),
      name: '王芳',
      kind: 'NURSING_ASSISTANT_SKILL',
      level: 5,
      certificateNumber: `G-${Math.random().toString(36).slice(2, 10)}`,
      issuedOn: '2024-01-01',
      ...extra,
    });
    const rows = Array.from({ length: 20 }, () => row());
    rows[7] = row({ surplus: 1 });
    const unknown = await t.gql(SUBMIT, { rows });
    expect(codes(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(unknown.body.errors![0].extensions!.fields).toEqual(['rows[7]']);

    const nested = await t.gql(SUBMIT, { rows: [row({ name: { first: '王', last: '芳' } })] });
    expect(codes(nested)).toEqual(['BAD_USER_INPUT']);
    expect(nested.body.errors![0].extensions!.fields).toEqual(['rows[0].name']);

    const long = await t.gql(SUBMIT, { rows: Array.from({ length: 10_001 }, () => ({})) });
    expect(codes(long)).toEqual(['BAD_USER_INPUT']);
    expect(long.body.errors![0].extensions!.fields).toEqual(['rows']);
  });

  it('still takes a 10,000-row batch in variables', async () => {
    const bodyId = await createEvaluationBody(t, { kinds: ['NURSING_ASSISTANT_SKILL'] });
    const { token } = await signIn(t, { role: 'EVALUATION_BODY', evaluationBodyId: bodyId });
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      idNumber: residentId(),
      name: `批量${i}`,
      kind: 'NURSING_ASSISTANT_SKILL',
      level: 1 + (i % 5),
      certificateNumber: `TENK-${bodyId.slice(0, 8)}-${i}`,
      issuedOn: '2024-01-01',
    }));
    const res = await t.gql(SUBMIT, { rows, dryRun: true }, token);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.submitCertificates).toEqual({ accepted: 10_000, skipped: 0, written: false, errors: [] });
  });

  it('answers "too many errors processing variables" with BAD_USER_INPUT, not INTERNAL_SERVER_ERROR', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({
      idNumber: residentId(),
      name: '王芳',
      kind: 'NO_SUCH_KIND',
      level: 5,
      certificateNumber: `E-${i}`,
      issuedOn: '2024-01-01',
    }));
    const res = await t.gql(SUBMIT, { rows });
    expect(res.body.errors!.length).toBeGreaterThan(50);
    expect(new Set(codes(res))).toEqual(new Set(['BAD_USER_INPUT']));
  });
});

describe('other requests graphql-js refuses as it starts executing', () => {
  it('a subscription (the schema has none) is BAD_USER_INPUT, not INTERNAL_SERVER_ERROR', async () => {
    const res = await t.gql('subscription { anything }');
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('bodies refused for their shape before JSON.parse builds them', () => {
  it.each([
    ['nested 65 deep', `{"query":"{ __typename }","variables":{"v":${'['.repeat(65)}${']'.repeat(65)}}}`],
    [
      'an object of 101 fields',
      `{"query":"{ __typename }","variables":{"v":{${Array.from({ length: 101 }, (_, i) => `"k${i}":1`).join(',')}}}}`,
    ],
    ['100,001 objects', `{"query":"{ __typename }","variables":{"v":[${Array(100_001).fill('{}').join(',')}]}}`],
    ['1,000,001 values', `{"query":"{ __typename }","variables":{"v":[${Array(1_000_001).fill('1').join(',')}]}}`],
  ])('%s: 400 BAD_USER_INPUT in the GraphQL error shape', async (_label, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(json.data).toBeUndefined();
    expect(json.errors.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(json.errors[0].message).toMatch(/body/);
  });

  it('lets a body with a hundred fields to an object and 64 levels through to GraphQL', async () => {
    const fields = Array.from({ length: 100 }, (_, i) => `"k${i}":1`).join(',');
    const res = await post(`{"query":"{ __typename }","variables":{"v":{${fields}}},"extensions":{}}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('errors before GraphQL runs answer in the GraphQL error shape', () => {
  it.each([
    ['malformed JSON', '{"query": "{ __typename }", "variables": {', {}, 400, 'BAD_REQUEST'],
    ['a body one byte too large', 'x'.repeat(MAX_BODY_BYTES + 1), {}, 413, 'PAYLOAD_TOO_LARGE'],
    [
      'a charset other than UTF-8',
      '{"query":"{ __typename }"}',
      { 'content-type': 'application/json; charset=latin1' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'an unknown content encoding',
      '{"query":"{ __typename }"}',
      { 'content-encoding': 'x-unknown' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
  ] as const)('%s', async (_label, body, headers, status, code) => {
    const res = await post(body, { ...headers });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const json = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0].extensions).toEqual({ code });
    expect(json.errors[0].message).toEqual(expect.any(String));
  });

  it('reads a gzip-encoded body', async () => {
    const res = await post(gzipSync('{"query":"{ __typename }"}'), { 'content-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('expensive fields carry their own cost', () => {
  const FORECAST = (n: number) =>
    `query($i: WorkforceForecastInput!) { ${Array.from(
      { length: n },
      (_, k) => `f${k}: workforceForecast(input: $i) { regionCode }`,
    ).join(' ')} }`;

  it('refuses 100 aliased workforceForecast before running any; one runs', async () => {
    const { token } = await signIn(t, { role: 'MUNICIPAL_PLANNER' });
    // Refused in validation, so none of the 100 ran (no wall-clock bound: the code says it).
    const refused = await t.gql(FORECAST(100), { i: { horizonYear: 2029 } }, token);
    expect(refused.status).toBe(400);
    expect(codes(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(refused.body.errors![0].message).toMatch(/costs more than 20000/);

    const one = await t.gql(FORECAST(1), { i: { horizonYear: 2029 } }, token);
    expect(one.body.errors).toBeUndefined();
    expect(one.body.data!.f0).toEqual({ regionCode: null });
  });

  it.each(['planningDashboard { asOf }', 'staffingRatios { city { socialWorkers } }'])(
    'refuses 100 aliased %s',
    async (field) => {
      const { token } = await signIn(t, { role: 'MUNICIPAL_PLANNER' });
      const query = `{ ${Array.from({ length: 100 }, (_, k) => `a${k}: ${field}`).join(' ')} }`;
      const res = await t.gql(query, {}, token);
      expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    },
  );
});

describe('a database that is not there answers SERVICE_UNAVAILABLE, retryable', () => {
  /**
   * Points the app's pool at a port nobody listens on (as when PostgreSQL is down), for the length of `during`. The
   * account cache's listening connection is lost too when PostgreSQL goes down: from then on it keeps no account and
   * the guard reads each one (src/auth/account-cache.ts), so its loss is told to the cache here as well.
   */
  async function databaseDown(during: () => Promise<void>) {
    const driver = t.portal.app.get(DataSource).driver as unknown as { master: pg.Pool };
    const cache = t.portal.app.get(AccountCache);
    const real = driver.master;
    const dead = new pg.Pool({
      connectionString: 'postgres://postgres@127.0.0.1:9/none',
      connectionTimeoutMillis: 2000,
    });
    dead.on('error', () => {});
    driver.master = dead;
    cache.listenerDown();
    try {
      await during();
    } finally {
      driver.master = real;
      cache.listenerUp(); // the listener itself never left
      await dead.end();
    }
  }

  it('for GraphQL (anonymous and signed in) and for the export, then recovers', async () => {
    const planner = await signIn(t, { role: 'MUNICIPAL_PLANNER' });
    await databaseDown(async () => {
      const login = await t.gql(
        'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
        { u: planner.username, p: 'whatever-password' },
      );
      expect(codes(login)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(login.body.errors![0].extensions!.retryAfterSeconds).toEqual(expect.any(Number));
      const me = await t.gql('{ me { id } }', {}, planner.token);
      expect(codes(me)).toEqual(['SERVICE_UNAVAILABLE']);
      const exported = await request(t.server)
        .get('/exports/planning.xlsx')
        .set('authorization', `Bearer ${planner.token}`);
      expect(exported.status).toBe(503);
      expect(exported.headers['retry-after']).toMatch(/^\d+$/);
      expect(exported.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    });
    const me = await t.gql('{ me { id } }', {}, planner.token);
    expect(me.body.data!.me).toEqual({ id: planner.id });
  });

  it('also while the data source is closed', async () => {
    const { token, id } = await signIn(t, { role: 'ADMIN' });
    // An account the cache does not hold (signed in on another instance, say): the guard must read it.
    t.portal.app.get(AccountCache).forget(id);
    const dataSource = t.portal.app.get(DataSource);
    await dataSource.destroy();
    try {
      expect(codes(await t.gql('{ me { id } }', {}, token))).toEqual(['SERVICE_UNAVAILABLE']);
    } finally {
      await dataSource.initialize();
    }
  });
});

describe('server-side timeouts', () => {
  it('are set on a PostgreSQL server and never on embedded PGlite', async () => {
    const [{ statement_timeout: statement }] = await t.portal.app.get(DataSource).query('SHOW statement_timeout');
    const [{ idle_in_transaction_session_timeout: idle }] = await t.portal.app
      .get(DataSource)
      .query('SHOW idle_in_transaction_session_timeout');
    if (process.env.TEST_DB_MODE === 'server') expect([statement, idle]).toEqual(['1min', '1min']);
    else expect([statement, idle]).toEqual(['0', '0']);
  });
});

describe('with introspection off, messages suggest no names', () => {
  let closed: TestApp;
  beforeAll(async () => {
    closed = await startTestApp({ GRAPHQL_INTROSPECTION: 'false' });
  });
  afterAll(async () => {
    await closed?.close();
  });

  it('drops "Did you mean" from validation messages; with introspection on they stay', async () => {
    const query = '{ regionz { code } }';
    const open = await t.gql(query);
    expect(open.body.errors![0].message).toContain('Did you mean');
    const res = await closed.gql(query);
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.body.errors![0].message).not.toContain('Did you mean');
    expect(res.body.errors![0].message).not.toContain('regions');

    const variables = await closed.gql('query($m: TargetMetric!) { targets(metric: $m) { id } }', { m: 'TALENT' });
    expect(JSON.stringify(variables.body)).not.toContain('Did you mean');
  });
});
