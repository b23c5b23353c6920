import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signIn } from '../helpers/factories.js';
import { codes, startTestApp, type TestApp } from '../helpers/test-app.js';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ EXPOSE_QUERY_COUNT: 'true' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves regions with populations to a signed-in user, and without them to anonymous callers', async () => {
    const { token } = await signIn(t, { role: 'MUNICIPAL_PLANNER' });
    const res = await t.gql('{ regions { code kind population(year: 2020) { total } } }', {}, token);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.regions).toHaveLength(41);
    // Issue 13: codes and names are public; population figures are not.
    const anonymous = await t.gql('{ regions { code } }');
    expect(anonymous.body.data!.regions).toHaveLength(41);
    expect(new Set(codes(await t.gql('{ regions { population { total } } }')))).toEqual(new Set(['UNAUTHENTICATED']));
  });

  it('answers `me` from the account the guard read: no SQL once the account is kept', async () => {
    const { token, id } = await signIn(t, { role: 'ADMIN' });
    // The account cache (issue 20) keeps the row read at sign-in: the guard needs no statement, and `me` none either.
    const res = await t.gql('{ me { id role active } }', {}, token);
    expect(res.body.data!.me).toEqual({ id, role: 'ADMIN', active: true });
    expect(res.headers['x-sql-round-trips']).toBe('0');
  });
});
