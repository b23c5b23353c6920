import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccountCache } from '../../src/auth/account-cache.js';
import { TokenService } from '../../src/auth/token.service.js';
import { LISTENER_APPLICATION_NAME } from '../../src/database/notifications.js';
import { PASSWORD, signIn } from '../helpers/factories.js';
import {
  codes,
  type GraphQLResponse,
  type PeerApp,
  startPeerApp,
  startTestApp,
  type TestApp,
} from '../helpers/test-app.js';

// Issue 20: the guard keeps the accounts it read (src/auth/account-cache.ts) and every instance forgets one as soon
// as its app_user row changes, through the app_user_changed notification. Two portals share one database here, as
// two instances behind a load balancer would; the changes are made on the first (or by hand) and the second must
// refuse the ended session.

const ME = '{ me { id } }';
const CHANGE = `mutation($o: String!, $n: String!) {
  changePassword(oldPassword: $o, newPassword: $n) { accessToken }
}`;
const DEACTIVATE = 'mutation($id: ID!) { deactivateUser(id: $id) { id active } }';
const RESET = 'mutation($id: ID!) { resetPassword(userId: $id) }';

const roundTrips = (res: GraphQLResponse) => Number(res.headers['x-sql-round-trips']);
const server = process.env.TEST_DB_MODE === 'server';

describe('the account cache, on two instances sharing a database', () => {
  let one: TestApp;
  let two: PeerApp;
  let cacheOf: (app: { portal: TestApp['portal'] }) => AccountCache;

  beforeAll(async () => {
    one = await startTestApp({ EXPOSE_QUERY_COUNT: 'true' });
    two = await startPeerApp(one);
    cacheOf = (app) => app.portal.app.get(AccountCache);
  });
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  /**
   * Waits until `app` has forgotten the account (the notification has arrived): a few milliseconds on a server,
   * at once on PGlite. Returns how long it took.
   */
  async function forgotten(app: PeerApp | TestApp, id: string): Promise<number> {
    const started = Date.now();
    while (cacheOf(app).get(id)) {
      if (Date.now() - started > 2_000) throw new Error(`the account ${id} was not forgotten within 2 s`);
      await sleep(2);
    }
    return Date.now() - started;
  }

  /** Signs in on the first instance and warms the second: its next request needs no SQL for the account. */
  async function warmOnBoth() {
    const account = await signIn(one, { role: 'MUNICIPAL_PLANNER' });
    const first = await two.gql(ME, {}, account.token);
    expect(first.body.data!.me).toEqual({ id: account.id });
    return account;
  }

  it('reads the account once: the same account’s next requests cost one SQL round trip less', async () => {
    const { token, id } = await signIn(one, { role: 'MUNICIPAL_PLANNER' });
    // Signing in on the first instance keeps the row it read there: its next request needs no SQL at all.
    expect(roundTrips(await one.gql(ME, {}, token))).toBe(0);
    // The second instance has not seen the account yet: it reads it once, then keeps it.
    const cold = await two.gql(ME, {}, token);
    expect(cold.body.data!.me).toEqual({ id });
    expect(roundTrips(cold)).toBe(1);
    const warm = await two.gql(ME, {}, token);
    expect(warm.body.data!.me).toEqual({ id });
    expect(roundTrips(warm)).toBe(0);
  });

  it('ends the other sessions on the second instance when the password is changed on the first', async () => {
    const { token, id } = await warmOnBoth();
    const change = await one.gql(CHANGE, { o: PASSWORD, n: 'a-brand-new-password' }, token);
    expect(change.body.errors).toBeUndefined();
    const fresh: string = change.body.data!.changePassword.accessToken;
    // The first instance forgot it as the change committed: the caller's next request is served from the new row.
    expect(codes(await one.gql(ME, {}, token))).toEqual(['UNAUTHENTICATED']);
    expect((await one.gql(ME, {}, fresh)).body.data!.me).toEqual({ id });
    await forgotten(two, id);
    expect(codes(await two.gql(ME, {}, token))).toEqual(['UNAUTHENTICATED']);
    expect((await two.gql(ME, {}, fresh)).body.data!.me).toEqual({ id });
  });

  it('ends the session on the second instance when an admin deactivates the account on the first', async () => {
    const admin = await signIn(one, { role: 'ADMIN' });
    const { token, id } = await warmOnBoth();
    const res = await one.gql(DEACTIVATE, { id }, admin.token);
    expect(res.body.data!.deactivateUser).toEqual({ id, active: false });
    expect(codes(await one.gql(ME, {}, token))).toEqual(['UNAUTHENTICATED']);
    await forgotten(two, id);
    expect(codes(await two.gql(ME, {}, token))).toEqual(['UNAUTHENTICATED']);
  });

  it('ends the session on the second instance when an admin resets the password on the first', async () => {
    const admin = await signIn(one, { role: 'ADMIN' });
    const { token, id } = await warmOnBoth();
    const res = await one.gql(RESET, { id }, admin.token);
    expect(typeof res.body.data!.resetPassword).toBe('string');
    expect(codes(await one.gql(ME, {}, token))).toEqual(['UNAUTHENTICATED']);
    await forgotten(two, id);
    expect(codes(await two.gql(ME, {}, token))).toEqual(['UNAUTHENTICATED']);
  });

  it('ends the session on both instances when the row is changed by hand', async () => {
    const { token, id } = await warmOnBoth();
    expect(roundTrips(await two.gql(ME, {}, token))).toBe(0); // kept
    await one.db.query('UPDATE app_user SET active = false WHERE id = $1', [id]);
    const waited = Math.max(await forgotten(one, id), await forgotten(two, id));
    expect(waited).toBeLessThan(1_000);
    expect(codes(await one.gql(ME, {}, token))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await two.gql(ME, {}, token))).toEqual(['UNAUTHENTICATED']);
  });

  it('ends nothing for a change that rolled back (no notification is sent)', async () => {
    const { token, id } = await warmOnBoth();
    await one.db.query('BEGIN');
    await one.db.query('UPDATE app_user SET active = false WHERE id = $1', [id]);
    await one.db.query('ROLLBACK');
    expect((await two.gql(ME, {}, token)).body.data!.me).toEqual({ id });
  });

  it('reads the account afresh for a token newer than the one kept (issued by a change not yet heard of)', async () => {
    const { token, id } = await warmOnBoth();
    // A change whose notification has not arrived yet, made by turning this session's triggers off.
    await one.db.query('BEGIN');
    await one.db.query('SET LOCAL session_replication_role = replica');
    const { rows } = await one.db.query<{ token_version: number }>(
      'UPDATE app_user SET token_version = token_version + 1 WHERE id = $1 RETURNING token_version',
      [id],
    );
    await one.db.query('COMMIT');
    const newer = one.portal.app.get(TokenService).issue(id, rows[0].token_version);
    expect(cacheOf(two).get(id)?.tokenVersion).toBe(rows[0].token_version - 1); // still the old row
    const res = await two.gql(ME, {}, newer);
    expect(res.body.data!.me).toEqual({ id });
    expect(roundTrips(res)).toBe(1);
    // What is kept now is the new row: the old token is refused without another look.
    const old = await two.gql(ME, {}, token);
    expect(codes(old)).toEqual(['UNAUTHENTICATED']);
    expect(roundTrips(old)).toBe(0);
  });

  (server ? it : it.skip)(
    'reads every account while the listening connection is down, and keeps them again once it is back',
    async () => {
      const { token, id } = await warmOnBoth();
      expect(roundTrips(await two.gql(ME, {}, token))).toBe(0);
      const { rowCount } = await one.db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = $1`,
        [LISTENER_APPLICATION_NAME],
      );
      expect(rowCount).toBe(2); // one per instance
      // The instances learn of it from the closed connection (and retry after a second).
      for (const app of [one, two]) {
        const started = Date.now();
        while (cacheOf(app).active) {
          if (Date.now() - started > 2_000) throw new Error('the lost connection went unnoticed for 2 s');
          await sleep(2);
        }
      }
      // Nothing is kept: the account is read on every request, so a change made now is seen at once.
      const bypassed = await two.gql(ME, {}, token);
      expect(bypassed.body.data!.me).toEqual({ id });
      expect(roundTrips(bypassed)).toBe(1);
      expect(roundTrips(await two.gql(ME, {}, token))).toBe(1);
      await one.db.query('UPDATE app_user SET active = false WHERE id = $1', [id]);
      expect(codes(await two.gql(ME, {}, token))).toEqual(['UNAUTHENTICATED']);
      expect(two.logs.some((l) => l.includes('listening connection lost'))).toBe(true);

      // Back after the retry: accounts are kept again.
      const started = Date.now();
      while (!cacheOf(one).active || !cacheOf(two).active) {
        if (Date.now() - started > 5_000) throw new Error('the listener did not come back within 5 s');
        await sleep(20);
      }
      expect(two.logs.some((l) => l.includes('listening again'))).toBe(true);
      const other = await warmOnBoth();
      expect(roundTrips(await two.gql(ME, {}, other.token))).toBe(0);
    },
  );
});
