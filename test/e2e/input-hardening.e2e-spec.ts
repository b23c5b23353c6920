import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditCount, signInRoles } from '../helpers/factories.js';
import { codes, startTestApp, type TestApp } from '../helpers/test-app.js';

/** Client input that must come back as BAD_USER_INPUT, never as a database error (INTERNAL_SERVER_ERROR). */
describe('hostile and malformed input', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    tokens = await signInRoles(t, [{ role: 'ADMIN' }, { role: 'MUNICIPAL_PLANNER' }]);
  });
  afterAll(async () => {
    await t?.close();
  });

  // Issue 13: a malformed id is NOT_FOUND everywhere (DESIGN.md errors), list filters included (it was BAD_USER_INPUT).
  it.each([
    ['users: a malformed institution id', '{ users(first: 5, filter: { institutionId: "x" }) { totalCount } }'],
    ['auditEvents: a malformed actor id', '{ auditEvents(first: 5, filter: { actorId: "x" }) { totalCount } }'],
  ])('answers a malformed id in a list filter with NOT_FOUND (%s)', async (_, query) => {
    const res = await t.gql(query, {}, tokens.ADMIN);
    expect(codes(res)).toEqual(['NOT_FOUND']);
  });

  it.each([
    [
      'auditEvents: a date that is not one',
      '{ auditEvents(first: 5, filter: { from: "garbage" }) { totalCount } }',
      'ADMIN',
    ],
    [
      'auditEvents: 13th month',
      '{ auditEvents(first: 5, filter: { from: "2020-13-45T00:00:00Z" }) { totalCount } }',
      'ADMIN',
    ],
    [
      'institutions: an over-long region filter',
      '{ institutions(first: 5, filter: { regionCode: "5001011" }) { totalCount } }',
      'MUNICIPAL_PLANNER',
    ],
  ])('validates list filters (%s)', async (_, query, role) => {
    const res = await t.gql(query, {}, tokens[role]);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers a NUL byte in any string with BAD_USER_INPUT, anonymously and signed in, and writes nothing', async () => {
    const before = await auditCount(t);
    const nul = 'a\u0000b';
    const cases: [string, Record<string, unknown>, string | undefined][] = [
      [
        'mutation($u: String!) { login(username: $u, password: "whatever-password") { accessToken } }',
        { u: nul },
        undefined,
      ],
      ['query($r: String) { targets(regionCode: $r) { id } }', { r: nul }, tokens.MUNICIPAL_PLANNER],
      [
        'query($p: String) { users(first: 1, filter: { usernamePrefix: $p }) { totalCount } }',
        { p: nul },
        tokens.ADMIN,
      ],
      [
        'mutation($r: String!) { setRegionPopulation(input: { regionCode: $r, year: 2024, total: 10, olderAdults: 1 }) { year } }',
        { r: nul },
        tokens.MUNICIPAL_PLANNER,
      ],
    ];
    for (const [query, variables, token] of cases) {
      const res = await t.gql(query, variables, token);
      expect({ query, codes: codes(res) }).toEqual({ query, codes: ['BAD_USER_INPUT'] });
    }
    await expect(auditCount(t)).resolves.toBe(before);
  });

  it('refuses query text with too many tokens before executing it, while big variables still pass', async () => {
    const huge = `{ ${Array.from({ length: 30_000 }, () => '__typename').join(' ')} }`;
    const res = await t.gql(huge);
    expect(res.status).toBe(400);
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors).toHaveLength(1);

    // Big inputs travel in variables: token limits apply to the query text only.
    const ok = await t.gql(
      'query($r: String) { targets(regionCode: $r) { id } }',
      { r: 'x'.repeat(1_000_000) },
      tokens.MUNICIPAL_PLANNER,
    );
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data).toEqual({ targets: [] });
  });

  it('answers a date that is not a calendar date with BAD_USER_INPUT, in variables and in the query text', async () => {
    const token = tokens.MUNICIPAL_PLANNER;
    for (const bad of ['2025-02-30', '2025-13-01', '20250101', '2025-01-01T00:00:00Z', '']) {
      const inVariables = await t.gql('query($d: Date) { workforceHeadcount(asOf: $d) { total } }', { d: bad }, token);
      expect({ bad, codes: codes(inVariables) }).toEqual({ bad, codes: ['BAD_USER_INPUT'] });
      const inText = await t.gql(`{ workforceHeadcount(asOf: ${JSON.stringify(bad)}) { total } }`, {}, token);
      expect({ bad, codes: codes(inText) }).toEqual({ bad, codes: ['BAD_USER_INPUT'] });
    }
    const number = await t.gql('{ workforceHeadcount(asOf: 20250101) { total } }', {}, token);
    expect(codes(number)).toEqual(['BAD_USER_INPUT']);
  });
});
