import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { GraphQLFastPath } from '../../src/common/graphql-fast-path.js';
import { createInstitution, signInRoles } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * A query text Apollo has accepted once is answered by the fast path after that (src/common/graphql-fast-path.ts).
 * Each case sends the same request twice, the first time through Apollo, and the answers must be the same bytes,
 * status and content type; the spy tells which requests the fast path answered itself.
 */
let t: TestApp;
let tokens: Record<string, string>;
let answered: Array<Promise<unknown> | null>;
let n = 0;

beforeAll(async () => {
  t = await startTestApp();
  tokens = await signInRoles(t, [{ role: 'MUNICIPAL_PLANNER' }, { role: 'VOLUNTEER' }]);
  await createInstitution(t, { name: '快速路径养老院' });
  await createInstitution(t, { name: '另一家养老院' });
  const fastPath = t.portal.app.get(GraphQLFastPath);
  const answer = fastPath.answer.bind(fastPath);
  jest.spyOn(fastPath, 'answer').mockImplementation((...args) => {
    const result = answer(...args);
    answered.push(result);
    return result;
  });
});
afterAll(async () => {
  await t.close();
});

interface Sent {
  status: number;
  contentType: string;
  text: string;
  /** Whether the fast path answered it (rather than leaving it to Apollo). */
  fast: boolean;
}

/** Sends one request; the text gets a comment of its own so that no other case has made it known before. */
async function send(
  query: string,
  options: { variables?: unknown; token?: string; headers?: Record<string, string>; tag?: number } = {},
): Promise<Sent> {
  answered = [];
  const req = request(t.server)
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('accept-language', options.headers?.['accept-language'] ?? 'en');
  if (options.token) req.set('authorization', `Bearer ${options.token}`);
  for (const [k, v] of Object.entries(options.headers ?? {})) req.set(k, v);
  const res = await req.send(JSON.stringify({ query: `${query} # ${options.tag}`, variables: options.variables }));
  const answers = await Promise.all(answered);
  return {
    status: res.status,
    contentType: String(res.headers['content-type']),
    text: res.text,
    fast: answers.some((a) => a !== null),
  };
}

/** The same request twice: Apollo's answer, then the fast path's (or Apollo's again, where it must decline). */
async function twice(query: string, options: Parameters<typeof send>[1] = {}): Promise<[Sent, Sent]> {
  const tag = ++n;
  const first = await send(query, { ...options, tag });
  const second = await send(query, { ...options, tag });
  expect(first.fast).toBe(false);
  expect({ ...second, fast: undefined }).toEqual({ ...first, fast: undefined });
  return [first, second];
}

const INSTITUTIONS = '{ institutions(first: 1) { totalCount edges { node { name type } } pageInfo { hasNextPage } } }';

describe('the fast path for queries Apollo has accepted', () => {
  it('answers a repeated query itself, with the same bytes as Apollo', async () => {
    const [first, second] = await twice(INSTITUTIONS, { token: tokens.MUNICIPAL_PLANNER });
    expect(second.fast).toBe(true);
    expect(first.status).toBe(200);
    expect(first.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(first.text).data.institutions.totalCount).toBe(2);
  });

  it('answers with variables, and again with other values of them', async () => {
    const query = 'query ($n: Int) { institutions(first: $n) { edges { node { name } } } }';
    const [, second] = await twice(query, { token: tokens.MUNICIPAL_PLANNER, variables: { n: 2 } });
    expect(second.fast).toBe(true);
    expect(JSON.parse(second.text).data.institutions.edges).toHaveLength(2);
    const other = await send(query, { token: tokens.MUNICIPAL_PLANNER, variables: { n: 1 }, tag: n });
    expect(other.fast).toBe(true);
    expect(JSON.parse(other.text).data.institutions.edges).toHaveLength(1);
  });

  it('words and codes errors as Apollo does: not signed in, not allowed, bad input in a resolver', async () => {
    const [anonymous] = await twice(INSTITUTIONS);
    expect(JSON.parse(anonymous.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const [forbidden, again] = await twice(INSTITUTIONS, { token: tokens.VOLUNTEER });
    expect(again.fast).toBe(true);
    expect(JSON.parse(forbidden.text).errors[0].extensions.code).toBe('FORBIDDEN');
    const [bad] = await twice('{ institutions(first: 1000) { totalCount } }', { token: tokens.MUNICIPAL_PLANNER });
    expect(JSON.parse(bad.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const [chinese] = await twice(INSTITUTIONS, { token: tokens.VOLUNTEER, headers: { 'accept-language': 'zh-CN' } });
    expect(JSON.parse(chinese.text).errors[0].message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('leaves variables that do not coerce to Apollo (HTTP 400, BAD_USER_INPUT), nothing having run', async () => {
    const query = 'query ($n: Int) { institutions(first: $n) { totalCount } }';
    const [first, second] = await twice(query, { token: tokens.MUNICIPAL_PLANNER, variables: { n: 'many' } });
    expect(second.fast).toBe(false);
    expect(first.status).toBe(400);
    expect(JSON.parse(first.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('leaves what the variables guard refuses to Apollo', async () => {
    const query = 'query ($f: InstitutionFilter) { institutions(filter: $f) { totalCount } }';
    const [first, second] = await twice(query, {
      token: tokens.MUNICIPAL_PLANNER,
      variables: { f: { regionCode: '500101', notAField: 1 } },
    });
    expect(second.fast).toBe(false);
    expect(first.status).toBe(400);
  });

  it('negotiates the content type as Apollo does, and leaves an unacceptable Accept to it (406)', async () => {
    const [json, fast] = await twice(INSTITUTIONS, {
      token: tokens.MUNICIPAL_PLANNER,
      headers: { accept: 'application/graphql-response+json, application/json;q=0.9' },
    });
    expect(fast.fast).toBe(true);
    expect(json.contentType).toBe('application/graphql-response+json; charset=utf-8');
    const [html, refused] = await twice(INSTITUTIONS, {
      token: tokens.MUNICIPAL_PLANNER,
      headers: { accept: 'text/html' },
    });
    expect(refused.fast).toBe(false);
    expect(html.status).toBe(406);
  });

  it('never answers a mutation', async () => {
    const mutation = 'mutation { login(username: "nobody", password: "wrong-password") { accessToken } }';
    const first = await send(mutation, { tag: ++n });
    const second = await send(mutation, { tag: n });
    expect([first.fast, second.fast]).toEqual([false, false]);
    expect(JSON.parse(second.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
