import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  auditCount,
  changeTemporaryPassword,
  createInstitution,
  createUser,
  earnCredits,
  login,
  OWN_PASSWORD,
  PASSWORD,
  registerVolunteer,
  residentId,
  signIn,
  type TestVolunteer,
} from '../helpers/factories.js';
import { codes, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/test-app.js';

// Issue 13 (second half), accounts, the audit trail, regions and scenarios: passwords someone else set are changed
// at first sign-in; planners and institution admins reset volunteers' passwords in their scope; the trail is read by
// username; the admin sees account institutions; regions are public without populations; scenarios are deleted.

const ME = '{ me { id mustChangePassword } }';
const CREATE_USER = `mutation($i: CreateUserInput!) { createUser(input: $i) { id mustChangePassword } }`;
const RESET = 'mutation($id: ID!) { resetPassword(userId: $id) }';
const DEACTIVATE = 'mutation($id: ID!) { deactivateUser(id: $id) { id active } }';
const AUDIT = `query($f: AuditEventFilter, $first: Int) { auditEvents(filter: $f, first: $first) {
  totalCount edges { node { actorId actorUsername actorRole operation recordId } } } }`;
const USERS = `query($f: UserFilter) { users(filter: $f, first: 50) {
  edges { node { id username institutionId institution { id name } } } } }`;
const SAVE = `mutation($n: String!) { saveScenario(name: $n, input: { horizonYear: 2029 }) { id name } }`;
const DELETE = `mutation($n: String!) { deleteScenario(name: $n) }`;
const SCENARIOS = '{ scenarios { name } }';

const uniqueName = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

async function userRow(t: TestApp, id: string) {
  const { rows } = await t.db.query(
    'SELECT password_hash, token_version, must_change_password, active FROM app_user WHERE id = $1',
    [id],
  );
  return rows[0];
}

/** Accounts, their password hashes and the whole audit trail, to check a refusal wrote nothing. */
async function snapshot(t: TestApp) {
  const { rows } = await t.db.query(
    `SELECT json_object_agg(id, password_hash || ':' || token_version || ':' || active ORDER BY id) AS users,
            (SELECT count(*)::int FROM scenario) AS scenarios
       FROM app_user`,
  );
  return { ...rows[0], audit: await auditCount(t) };
}

async function refused(t: TestApp, code: string, call: () => Promise<GraphQLResponse>): Promise<GraphQLResponse> {
  const before = await snapshot(t);
  const res = await call();
  expect(codes(res)).toEqual([code]);
  expect(res.body.data ?? null).toBeNull();
  expect(await snapshot(t)).toEqual(before);
  return res;
}

describe('accounts, audit trail, regions and scenarios (issue 13)', () => {
  let t: TestApp;
  let admin: { token: string; id: string; username: string };

  beforeAll(async () => {
    t = await startTestApp({ VOLUNTEER_SIGNUP_RATE_LIMIT: '100000' });
    admin = await signIn(t, { role: 'ADMIN' });
  });
  afterAll(async () => {
    await t?.close();
  });

  // ---------------------------------------------------------------------------------------------------------------
  describe('a password someone else set is changed at first sign-in', () => {
    it('for an account the admin creates', async () => {
      const username = uniqueName('new-planner');
      const created = await t.gql(
        CREATE_USER,
        { i: { username, password: 'set-by-the-admin', role: 'MUNICIPAL_PLANNER' } },
        admin.token,
      );
      expect(created.body.data!.createUser.mustChangePassword).toBe(true);
      const token = await login(t, username, 'set-by-the-admin');
      expect((await t.gql(ME, {}, token)).body.data!.me.mustChangePassword).toBe(true);
      expect(codes(await t.gql('{ targets { id } }', {}, token))).toEqual(['FORBIDDEN']);
      const own = await changeTemporaryPassword(t, token, 'set-by-the-admin');
      expect((await t.gql(ME, {}, own)).body.data!.me.mustChangePassword).toBe(false);
      expect((await t.gql('{ targets { id } }', {}, own)).body.errors).toBeUndefined();
    });

    it('for a volunteer an institution admin signs up, not for one who signs up herself', async () => {
      const site = await createInstitution(t);
      const siteAdmin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId: site });
      const username = uniqueName('on-behalf');
      const signedUp = await t.gql(
        `mutation($i: RegisterVolunteerInput!) { registerVolunteer(input: $i) { id userId } }`,
        { i: { idNumber: residentId({ birthDate: '1958-08-08' }), name: '何秀珍', username, password: PASSWORD } },
        siteAdmin.token,
      );
      expect(signedUp.body.errors).toBeUndefined();
      const first = await login(t, username, PASSWORD);
      expect((await t.gql(ME, {}, first)).body.data!.me).toEqual({
        id: signedUp.body.data!.registerVolunteer.userId,
        mustChangePassword: true,
      });
      expect(codes(await t.gql('{ myTimeBank { timeBalanceMinutes } }', {}, first))).toEqual(['FORBIDDEN']);
      const own = await changeTemporaryPassword(t, first, PASSWORD);
      expect((await t.gql('{ myTimeBank { timeBalanceMinutes } }', {}, own)).body.errors).toBeUndefined();
      await expect(login(t, username, OWN_PASSWORD)).resolves.toEqual(expect.any(String));

      const herself = await registerVolunteer(t);
      expect((await t.gql(ME, {}, herself.token)).body.data!.me.mustChangePassword).toBe(false);
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  describe('resetPassword for planners and institution admins, on volunteers in their scope', () => {
    let homeA: string;
    let homeB: string;
    let adminA: { token: string; id: string };
    let wanzhou: { token: string; id: string };
    let municipal: { token: string; id: string };
    let signedUpByA: TestVolunteer; // lives in 500106
    let servedAtA: TestVolunteer; // lives in 500101, service verified at A
    let loggedAtA: TestVolunteer; // lives in 500101, service at A only logged
    let servedAtB: TestVolunteer; // lives in 500103, service verified at B
    const userIdOf = async (v: TestVolunteer) =>
      (await t.db.query('SELECT user_id FROM volunteer WHERE id = $1', [v.id])).rows[0].user_id as string;

    beforeAll(async () => {
      homeA = await createInstitution(t, { regionCode: '500101' });
      homeB = await createInstitution(t, { regionCode: '500103' });
      adminA = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId: homeA });
      const adminB = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId: homeB });
      wanzhou = await signIn(t, { role: 'DISTRICT_PLANNER', regionCode: '500101' });
      municipal = await signIn(t, { role: 'MUNICIPAL_PLANNER' });
      signedUpByA = await registerVolunteer(t, { adminToken: adminA.token, regionCode: '500106' });
      servedAtA = await registerVolunteer(t, { regionCode: '500101' });
      await earnCredits(t, servedAtA.token, adminA.token, { institutionId: homeA, minutes: 30 });
      loggedAtA = await registerVolunteer(t, { regionCode: '500101' });
      const logged = await t.gql(
        'mutation($i: LogServiceInput!) { logService(input: $i) { id } }',
        {
          i: {
            institutionId: homeA,
            category: 'OTHER',
            serviceDate: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
            minutes: 30,
          },
        },
        loggedAtA.token,
      );
      expect(logged.body.errors).toBeUndefined();
      servedAtB = await registerVolunteer(t, { regionCode: '500103' });
      await earnCredits(t, servedAtB.token, adminB.token, { institutionId: homeB, minutes: 30 });
    });

    /** Resets as `caller`, checks the one-time password, the audit event and that old sessions ended. */
    async function resets(caller: { token: string; id: string }, v: TestVolunteer) {
      const userId = await userIdOf(v);
      const before = await auditCount(t, 'resetPassword');
      const res = await t.gql<{ resetPassword: string }>(RESET, { id: userId }, caller.token);
      expect(res.body.errors).toBeUndefined();
      const temporary = res.body.data!.resetPassword;
      expect(temporary).toMatch(/^[A-Za-z2-9]{16}$/);
      expect(await auditCount(t, 'resetPassword')).toBe(before + 1);
      const { rows } = await t.db.query(
        `SELECT actor_id, record_id, summary FROM audit_event WHERE operation = 'resetPassword' ORDER BY id DESC LIMIT 1`,
      );
      expect(rows[0]).toMatchObject({ actor_id: caller.id, record_id: userId });
      expect(JSON.stringify(rows[0].summary)).not.toContain(temporary);
      expect(codes(await t.gql(ME, {}, v.token))).toEqual(['UNAUTHENTICATED']);
      const token = await login(t, v.username, temporary);
      expect((await t.gql(ME, {}, token)).body.data!.me.mustChangePassword).toBe(true);
      expect(codes(await t.gql('{ myTimeBank { timeBalanceMinutes } }', {}, token))).toEqual(['FORBIDDEN']);
      v.token = await changeTemporaryPassword(t, token, temporary);
    }

    it('lets an institution admin reset volunteers it signed up or whose service it verified, and no others', async () => {
      await resets(adminA, signedUpByA);
      await resets(adminA, servedAtA);
      for (const v of [loggedAtA, servedAtB]) {
        await refused(t, 'FORBIDDEN', async () => t.gql(RESET, { id: await userIdOf(v) }, adminA.token));
      }
    });

    it('lets a district planner reset volunteers living in its region, and no others', async () => {
      await resets(wanzhou, loggedAtA);
      for (const v of [signedUpByA, servedAtB]) {
        await refused(t, 'FORBIDDEN', async () => t.gql(RESET, { id: await userIdOf(v) }, wanzhou.token));
      }
    });

    it('lets the municipal planner reset any volunteer’s password', async () => {
      await resets(municipal, servedAtB);
    });

    it('never lets them reset an account that is not a volunteer’s', async () => {
      const others = [
        admin.id,
        municipal.id,
        wanzhou.id,
        adminA.id,
        (await createUser(t, { role: 'EVALUATION_BODY' })).id,
      ];
      for (const caller of [adminA, wanzhou, municipal]) {
        for (const id of others) await refused(t, 'FORBIDDEN', () => t.gql(RESET, { id }, caller.token));
      }
    });

    it('answers NOT_FOUND for an unknown or malformed id, and refuses volunteers and evaluation bodies', async () => {
      for (const id of [randomUUID(), 'not-an-id']) {
        await refused(t, 'NOT_FOUND', () => t.gql(RESET, { id }, municipal.token));
      }
      const target = await userIdOf(servedAtA);
      for (const role of ['VOLUNTEER', 'EVALUATION_BODY'] as const) {
        const caller = await signIn(t, { role });
        await refused(t, 'FORBIDDEN', () => t.gql(RESET, { id: target }, caller.token));
      }
      await refused(t, 'UNAUTHENTICATED', () => t.gql(RESET, { id: target }));
    });

    it('still lets the admin reset any account', async () => {
      const planner = await createUser(t, { role: 'MUNICIPAL_PLANNER' });
      const res = await t.gql(RESET, { id: planner.id }, admin.token);
      expect(res.body.errors).toBeUndefined();
      expect(await userRow(t, planner.id)).toMatchObject({ must_change_password: true });
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  describe('the audit trail by actor username', () => {
    it('shows each event’s actor username and filters by it, in any case', async () => {
      const actor = await signIn(t, { role: 'ADMIN', username: uniqueName('auditor') });
      await t.gql(
        CREATE_USER,
        { i: { username: uniqueName('made'), password: 'long-enough-1', role: 'VOLUNTEER' } },
        actor.token,
      );
      const res = await t.gql(
        AUDIT,
        { f: { actorUsername: `  ${actor.username.toUpperCase()} ` }, first: 10 },
        admin.token,
      );
      expect(res.body.errors).toBeUndefined();
      const events = res.body.data!.auditEvents;
      expect(events.totalCount).toBe(2); // its login and the account it created
      expect(events.edges.map((e: any) => e.node.operation)).toEqual(['createUser', 'login']);
      for (const e of events.edges) {
        expect(e.node).toMatchObject({ actorId: actor.id, actorUsername: actor.username, actorRole: 'ADMIN' });
      }
      const none = await t.gql(AUDIT, { f: { actorUsername: 'nobody-at-all' }, first: 10 }, admin.token);
      expect(none.body.data!.auditEvents.totalCount).toBe(0);
      // Combined with another filter.
      const logins = await t.gql(AUDIT, { f: { actorUsername: actor.username, operation: 'login' } }, admin.token);
      expect(logins.body.data!.auditEvents.totalCount).toBe(1);
    });

    it('shows no username for an anonymous sign-up, answers a malformed actorId NOT_FOUND, and is ADMIN only', async () => {
      const v = await registerVolunteer(t);
      const res = await t.gql(AUDIT, { f: { operation: 'registerVolunteer', recordId: v.id } }, admin.token);
      expect(res.body.data!.auditEvents.edges).toEqual([
        {
          node: { actorId: null, actorUsername: null, actorRole: null, operation: 'registerVolunteer', recordId: v.id },
        },
      ]);
      expect(codes(await t.gql(AUDIT, { f: { actorId: 'not-an-id' } }, admin.token))).toEqual(['NOT_FOUND']);
      const planner = await signIn(t, { role: 'MUNICIPAL_PLANNER' });
      expect(codes(await t.gql(AUDIT, { f: { actorUsername: 'admin' } }, planner.token))).toEqual(['FORBIDDEN']);
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  describe('accounts the admin manages', () => {
    it('resolves an institution admin’s institution in the admin’s users list', async () => {
      const institutionId = await createInstitution(t, { name: uniqueName('敬老院') });
      const user = await createUser(t, { role: 'INSTITUTION_ADMIN', institutionId });
      const res = await t.gql(USERS, { f: { institutionId } }, admin.token);
      expect(res.body.errors).toBeUndefined();
      const { rows } = await t.db.query('SELECT name FROM institution WHERE id = $1', [institutionId]);
      expect(res.body.data!.users.edges).toEqual([
        {
          node: {
            id: user.id,
            username: user.username,
            institutionId,
            institution: { id: institutionId, name: rows[0].name },
          },
        },
      ]);
      expect(codes(await t.gql(USERS, { f: { institutionId: 'nope' } }, admin.token))).toEqual(['NOT_FOUND']);
      const unknown = await t.gql(USERS, { f: { institutionId: randomUUID() } }, admin.token);
      expect(unknown.body.data!.users.edges).toEqual([]);
    });

    it('refuses to deactivate an account that is already inactive, writing no audit event', async () => {
      const user = await createUser(t, { role: 'MUNICIPAL_PLANNER' });
      expect((await t.gql(DEACTIVATE, { id: user.id }, admin.token)).body.data!.deactivateUser.active).toBe(false);
      const res = await refused(t, 'BAD_USER_INPUT', () => t.gql(DEACTIVATE, { id: user.id }, admin.token));
      expect(res.body.errors![0].extensions!.fields).toEqual(['id']);
      const inactive = await createUser(t, { role: 'VOLUNTEER', active: false });
      await refused(t, 'BAD_USER_INPUT', () => t.gql(DEACTIVATE, { id: inactive.id }, admin.token));
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  describe('regions are public; populations are not', () => {
    it('lists codes, names and kinds to an anonymous caller', async () => {
      const res = await t.gql('{ regions { code nameZh nameEn kind } }');
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.regions).toHaveLength(41);
      expect(res.body.data!.regions).toContainEqual({
        code: '500101',
        nameZh: '万州区',
        nameEn: 'Wanzhou District',
        kind: 'DISTRICT',
      });
    });

    it('answers an anonymous caller asking for populations with UNAUTHENTICATED on each, and null', async () => {
      const res = await t.gql('{ regions { code population { year total olderAdults } } }');
      expect(res.body.errors).toHaveLength(41);
      expect(new Set(codes(res))).toEqual(new Set(['UNAUTHENTICATED']));
      expect(res.body.errors![0].path).toEqual(['regions', 0, 'population']);
      expect(res.body.data!.regions.map((r: any) => r.population)).toEqual(Array(41).fill(null));
      // Signed in, the figures are there.
      const planner = await signIn(t, { role: 'DISTRICT_PLANNER', regionCode: '500101' });
      const signedIn = await t.gql('{ regions { code population { year total } } }', {}, planner.token);
      expect(signedIn.body.errors).toBeUndefined();
      expect(signedIn.body.data!.regions.find((r: any) => r.code === '500101').population.total).toBeGreaterThan(0);
    });

    it('still refuses a token that no longer works, and a temporary password', async () => {
      expect(codes(await t.gql('{ regions { code } }', {}, 'not-a-token'))).toEqual(['UNAUTHENTICATED']);
      const user = await createUser(t, { role: 'VOLUNTEER' });
      const reset = await t.gql<{ resetPassword: string }>(RESET, { id: user.id }, admin.token);
      const temp = await login(t, user.username, reset.body.data!.resetPassword);
      expect(codes(await t.gql('{ regions { code } }', {}, temp))).toEqual(['FORBIDDEN']);
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  describe('deleteScenario', () => {
    it('deletes one of the caller’s own scenarios by name, audited; nobody else’s', async () => {
      const planner = await signIn(t, { role: 'MUNICIPAL_PLANNER' });
      const district = await signIn(t, { role: 'DISTRICT_PLANNER', regionCode: '500101' });
      for (const name of ['baseline', 'optimistic']) {
        expect((await t.gql(SAVE, { n: name }, planner.token)).body.errors).toBeUndefined();
      }
      expect((await t.gql(SAVE, { n: 'baseline' }, district.token)).body.errors).toBeUndefined();

      const before = await auditCount(t, 'deleteScenario');
      const res = await t.gql(DELETE, { n: ' baseline ' }, planner.token);
      expect(res.body).toEqual({ data: { deleteScenario: true } });
      expect(await auditCount(t, 'deleteScenario')).toBe(before + 1);
      expect((await t.gql(SCENARIOS, {}, planner.token)).body.data!.scenarios).toEqual([{ name: 'optimistic' }]);
      // The district planner's scenario of the same name is untouched.
      expect((await t.gql(SCENARIOS, {}, district.token)).body.data!.scenarios).toEqual([{ name: 'baseline' }]);

      await refused(t, 'NOT_FOUND', () => t.gql(DELETE, { n: 'baseline' }, planner.token));
      await refused(t, 'NOT_FOUND', () => t.gql(DELETE, { n: 'never-saved' }, district.token));
      expect((await t.gql(DELETE, { n: 'baseline' }, district.token)).body).toEqual({ data: { deleteScenario: true } });
    });

    it('is for planners only', async () => {
      const planner = await signIn(t, { role: 'MUNICIPAL_PLANNER' });
      await t.gql(SAVE, { n: 'kept' }, planner.token);
      for (const role of ['ADMIN', 'VOLUNTEER', 'EVALUATION_BODY'] as const) {
        const caller = await signIn(t, { role });
        await refused(t, 'FORBIDDEN', () => t.gql(DELETE, { n: 'kept' }, caller.token));
      }
      await refused(t, 'UNAUTHENTICATED', () => t.gql(DELETE, { n: 'kept' }));
      expect((await t.gql(SCENARIOS, {}, planner.token)).body.data!.scenarios).toEqual([{ name: 'kept' }]);
    });
  });
});
