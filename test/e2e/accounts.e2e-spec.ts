import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import {
  auditCount,
  createEvaluationBody,
  createInstitution,
  createUser,
  login,
  PASSWORD,
  signIn,
  type UserSpec,
} from '../helpers/factories.js';
import { codes, type GraphQLResponse, startTestApp, TEST_JWT_SECRET, type TestApp } from '../helpers/test-app.js';

type Role = UserSpec['role'];
const ROLES: Role[] = [
  'ADMIN',
  'MUNICIPAL_PLANNER',
  'DISTRICT_PLANNER',
  'INSTITUTION_ADMIN',
  'EVALUATION_BODY',
  'VOLUNTEER',
];
const NON_ADMIN_ROLES = ROLES.filter((r) => r !== 'ADMIN');

const USER_FIELDS = 'id username role regionCode institutionId evaluationBodyId active mustChangePassword createdAt';
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken user { ${USER_FIELDS} } } }`;
const ME = `{ me { ${USER_FIELDS} } }`;
const CREATE_USER = `mutation($i: CreateUserInput!) { createUser(input: $i) { ${USER_FIELDS} } }`;
const USERS = `query($f: UserFilter, $first: Int, $after: String) {
  users(filter: $f, first: $first, after: $after) {
    totalCount edges { cursor node { id username role active } } pageInfo { hasNextPage endCursor }
  }
}`;
const DEACTIVATE = 'mutation($id: ID!) { deactivateUser(id: $id) { id active } }';
const RESET = 'mutation($id: ID!) { resetPassword(userId: $id) }';
const CHANGE = `mutation($o: String!, $n: String!) {
  changePassword(oldPassword: $o, newPassword: $n) { accessToken user { id mustChangePassword } }
}`;
const AUDIT = `query($first: Int, $after: String, $f: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $f) {
    totalCount
    edges { cursor node { id occurredAt actorId actorRole operation recordType recordId summary } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const REGIONS = '{ regions { code } }';

const NEW_PASSWORD = 'a-brand-new-passphrase';

/** A username no other test uses (lower case, as the portal stores it). */
const uniqueName = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

/** An account of `role` with the scope that role needs. */
async function specFor(t: TestApp, role: Role): Promise<UserSpec> {
  if (role === 'DISTRICT_PLANNER') return { role, regionCode: '500101' };
  if (role === 'INSTITUTION_ADMIN') return { role, institutionId: await createInstitution(t) };
  return { role }; // EVALUATION_BODY: the factory supplies an evaluation body id
}

const signInAs = async (t: TestApp, role: Role) => signIn(t, await specFor(t, role));

const tryLogin = (t: TestApp, username: string, password: string) =>
  t.gql<{ login: { accessToken: string; user: Record<string, unknown> } }>(LOGIN, { u: username, p: password });

/** A token signed the way the portal signs them, with overridable claims, options and secret. */
function mint(
  sub: string,
  { ver = 0, secret = TEST_JWT_SECRET, ...options }: { ver?: number; secret?: string } & jwt.SignOptions = {},
): string {
  return jwt.sign({ ver }, secret, {
    algorithm: 'HS256',
    subject: sub,
    issuer: 'eldercare-portal',
    expiresIn: 3600,
    ...options,
  });
}

interface Counts {
  users: number;
  audit: number;
}

async function counts(t: TestApp): Promise<Counts> {
  const { rows } = await t.db.query('SELECT count(*)::int AS n FROM app_user');
  return { users: rows[0].n, audit: await auditCount(t) };
}

/** The request failed with exactly `code` and no data. */
function expectError(res: GraphQLResponse, code: string): void {
  expect(codes(res)).toEqual([code]);
  expect(res.body.data ?? null).toBeNull();
}

const fieldsOf = (res: GraphQLResponse): string[] => res.body.errors?.[0]?.extensions?.fields ?? [];

async function userRow(t: TestApp, id: string) {
  const { rows } = await t.db.query(
    'SELECT username, password_hash, role, active, token_version, must_change_password FROM app_user WHERE id = $1',
    [id],
  );
  return rows[0];
}

describe('accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('login', () => {
    it('returns a working token and the account, and writes one login audit event', async () => {
      const institutionId = await createInstitution(t);
      const user = await createUser(t, { role: 'INSTITUTION_ADMIN', institutionId });
      const before = await auditCount(t, 'login');

      const res = await tryLogin(t, user.username, PASSWORD);
      expect(res.body.errors).toBeUndefined();
      const { accessToken, user: returned } = res.body.data!.login;
      expect(typeof accessToken).toBe('string');
      expect(returned).toMatchObject({
        id: user.id,
        username: user.username,
        role: 'INSTITUTION_ADMIN',
        regionCode: null,
        institutionId,
        evaluationBodyId: null,
        active: true,
        mustChangePassword: false,
      });

      const me = await t.gql(ME, {}, accessToken);
      expect(me.body.errors).toBeUndefined();
      expect(me.body.data!.me.id).toBe(user.id);
      await expect(auditCount(t, 'login')).resolves.toBe(before + 1);
      const { rows } = await t.db.query(
        `SELECT actor_id, actor_role, record_type, record_id FROM audit_event WHERE operation = 'login'
         ORDER BY id DESC LIMIT 1`,
      );
      expect(rows[0]).toEqual({
        actor_id: user.id,
        actor_role: 'INSTITUTION_ADMIN',
        record_type: 'User',
        record_id: user.id,
      });
    });

    it('answers a wrong password, an unknown user and a deactivated account with the same error', async () => {
      const user = await createUser(t, { role: 'MUNICIPAL_PLANNER' });
      const inactive = await createUser(t, { role: 'MUNICIPAL_PLANNER', active: false });
      const before = await counts(t);

      const wrongPassword = await tryLogin(t, user.username, 'not-the-password');
      const unknownUser = await tryLogin(t, uniqueName('nobody'), PASSWORD);
      const deactivated = await tryLogin(t, inactive.username, PASSWORD);
      for (const res of [wrongPassword, unknownUser, deactivated]) expectError(res, 'UNAUTHENTICATED');
      const shape = (res: GraphQLResponse) => ({
        message: res.body.errors![0].message,
        extensions: res.body.errors![0].extensions,
      });
      expect(shape(unknownUser)).toEqual(shape(wrongPassword));
      expect(shape(deactivated)).toEqual(shape(wrongPassword));
      // A failed sign-in leaves no trace in the audit trail.
      await expect(counts(t)).resolves.toEqual(before);
    });

    it('treats the username case-insensitively', async () => {
      const user = await createUser(t, { role: 'VOLUNTEER' });
      const res = await tryLogin(t, user.username.toUpperCase(), PASSWORD);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.login.user).toMatchObject({ id: user.id, username: user.username });
      // The password, by contrast, is case-sensitive.
      expectError(await tryLogin(t, user.username, PASSWORD.toUpperCase()), 'UNAUTHENTICATED');
    });
  });

  describe('me', () => {
    it.each(ROLES)('returns every field of a %s account', async (role) => {
      const spec = await specFor(t, role);
      const { token, id, username } = await signIn(t, spec);
      const res = await t.gql(ME, {}, token);
      expect(res.body.errors).toBeUndefined();
      const me = res.body.data!.me;
      expect(me).toEqual({
        id,
        username,
        role,
        regionCode: spec.regionCode ?? null,
        institutionId: spec.institutionId ?? null,
        evaluationBodyId: role === 'EVALUATION_BODY' ? expect.any(String) : null,
        active: true,
        mustChangePassword: false,
        createdAt: expect.any(String),
      });
      expect(Number.isNaN(Date.parse(me.createdAt))).toBe(false);
    });

    it('shows an institution admin its own institution through the nested field', async () => {
      const institutionId = await createInstitution(t);
      const { token } = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId });
      const res = await t.gql('{ me { institution { id } } }', {}, token);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.me.institution).toEqual({ id: institutionId });
    });

    it('accepts a token signed with the portal secret (control for the refusals below)', async () => {
      const user = await createUser(t, { role: 'VOLUNTEER' });
      const res = await t.gql(ME, {}, mint(user.id));
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.me.id).toBe(user.id);
    });

    it('refuses a missing, malformed, forged, expired or foreign token with UNAUTHENTICATED', async () => {
      const user = await createUser(t, { role: 'VOLUNTEER' });
      const unsigned = [
        Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'),
        Buffer.from(JSON.stringify({ sub: user.id, ver: 0, iss: 'eldercare-portal' })).toString('base64url'),
        '',
      ].join('.');
      const valid = mint(user.id);
      const tampered = (() => {
        // Same signature, payload naming someone else.
        const [header, , signature] = valid.split('.');
        const payload = Buffer.from(JSON.stringify({ sub: randomUUID(), ver: 0, iss: 'eldercare-portal' }));
        return `${header}.${payload.toString('base64url')}.${signature}`;
      })();
      const badTokens: [string, string | undefined, Record<string, string>?][] = [
        ['no token', undefined],
        ['garbage', 'not-a-token'],
        ['another secret', mint(user.id, { secret: 'some-other-secret-that-is-long-enough-0123456789' })],
        [
          'expired',
          jwt.sign({ ver: 0, exp: Math.floor(Date.now() / 1000) - 60 }, TEST_JWT_SECRET, {
            subject: user.id,
            issuer: 'eldercare-portal',
          }),
        ],
        ['another issuer', mint(user.id, { issuer: 'someone-else' })],
        ['alg none', unsigned],
        ['tampered payload', tampered],
        ['stale token version', mint(user.id, { ver: 1 })],
        ['unknown account', mint(randomUUID())],
        ['subject not an id', mint('not-a-uuid')],
        ['not a bearer header', undefined, { authorization: `Token ${valid}` }],
      ];
      for (const [label, token, headers] of badTokens) {
        const res = await t.gql(ME, {}, token, headers);
        expect({ label, codes: codes(res) }).toEqual({ label, codes: ['UNAUTHENTICATED'] });
        expect(res.body.data ?? null).toBeNull();
      }
    });
  });

  describe('createUser', () => {
    const create = (token: string, input: Record<string, unknown>) => t.gql(CREATE_USER, { i: input }, token);

    it('creates an account that can sign in, hashing the password and auditing without it', async () => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const name = uniqueName('New.Planner');
      const password = 'a-long-enough-password';
      const before = await counts(t);

      const res = await create(admin.token, { username: name, password, role: 'MUNICIPAL_PLANNER' });
      expect(res.body.errors).toBeUndefined();
      const created = res.body.data!.createUser;
      expect(created).toMatchObject({
        username: name.toLowerCase(),
        role: 'MUNICIPAL_PLANNER',
        regionCode: null,
        institutionId: null,
        evaluationBodyId: null,
        active: true,
        // Issue 13: the admin chose the password, so the holder must replace it first (it was false).
        mustChangePassword: true,
      });
      await expect(counts(t)).resolves.toEqual({ users: before.users + 1, audit: before.audit + 1 });

      const row = await userRow(t, created.id);
      expect(row.username).toBe(name.toLowerCase());
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain(password);

      const { rows: events } = await t.db.query(
        `SELECT actor_id, actor_role, record_type, record_id, summary::text AS summary FROM audit_event
         WHERE operation = 'createUser' AND record_id = $1`,
        [created.id],
      );
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor_id: admin.id,
        actor_role: 'ADMIN',
        record_type: 'User',
        record_id: created.id,
      });
      expect(events[0].summary).not.toContain(password);
      expect(events[0].summary).not.toContain(row.password_hash);
      expect(events[0].summary).not.toMatch(/argon2/i);
      expect(events[0].summary).toContain(name.toLowerCase());

      await expect(login(t, name.toUpperCase(), password)).resolves.toEqual(expect.any(String));
    });

    it.each([
      ['DISTRICT_PLANNER (district)', { role: 'DISTRICT_PLANNER', regionCode: '500101' }],
      ['DISTRICT_PLANNER (county)', { role: 'DISTRICT_PLANNER', regionCode: '500229' }],
      ['DISTRICT_PLANNER (autonomous county)', { role: 'DISTRICT_PLANNER', regionCode: '500240' }],
      ['EVALUATION_BODY', { role: 'EVALUATION_BODY', evaluationBodyId: randomUUID() }],
      ['VOLUNTEER', { role: 'VOLUNTEER' }],
      ['ADMIN', { role: 'ADMIN' }],
    ])('creates a %s account with the scope its role needs', async (_, scope) => {
      const admin = await signIn(t, { role: 'ADMIN' });
      if ('evaluationBodyId' in scope) await createEvaluationBody(t, { id: scope.evaluationBodyId });
      const before = await counts(t);
      const input = { username: uniqueName('scoped'), password: 'long-enough-1', ...scope };
      const res = await create(admin.token, input);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.createUser).toMatchObject({
        regionCode: null,
        institutionId: null,
        evaluationBodyId: null,
        ...scope,
      });
      await expect(counts(t)).resolves.toEqual({ users: before.users + 1, audit: before.audit + 1 });
    });

    it('creates an INSTITUTION_ADMIN bound to an existing institution', async () => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const institutionId = await createInstitution(t);
      const before = await counts(t);
      const res = await create(admin.token, {
        username: uniqueName('inst'),
        password: 'long-enough-1',
        role: 'INSTITUTION_ADMIN',
        institutionId,
      });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.createUser).toMatchObject({ role: 'INSTITUTION_ADMIN', institutionId });
      await expect(counts(t)).resolves.toEqual({ users: before.users + 1, audit: before.audit + 1 });
    });

    it('accepts a password of exactly 8 characters', async () => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const username = uniqueName('eight');
      const res = await create(admin.token, { username, password: '12345678', role: 'VOLUNTEER' });
      expect(res.body.errors).toBeUndefined();
      await expect(login(t, username, '12345678')).resolves.toEqual(expect.any(String));
    });

    it.each(NON_ADMIN_ROLES)('refuses %s with FORBIDDEN and writes nothing', async (role) => {
      const caller = await signInAs(t, role);
      const username = uniqueName('by-non-admin');
      const before = await counts(t);
      const res = await create(caller.token, { username, password: 'long-enough-1', role: 'ADMIN' });
      expectError(res, 'FORBIDDEN');
      await expect(counts(t)).resolves.toEqual(before);
      const { rowCount } = await t.db.query('SELECT 1 FROM app_user WHERE username = $1', [username]);
      expect(rowCount).toBe(0);
    });

    it('refuses an anonymous caller with UNAUTHENTICATED and writes nothing', async () => {
      const before = await counts(t);
      const res = await t.gql(CREATE_USER, {
        i: { username: uniqueName('anon'), password: 'long-enough-1', role: 'ADMIN' },
      });
      expectError(res, 'UNAUTHENTICATED');
      await expect(counts(t)).resolves.toEqual(before);
    });

    describe('refuses bad input with BAD_USER_INPUT naming the field, and writes nothing', () => {
      const cases: [string, Record<string, unknown>, string][] = [
        ['a district planner in a functional zone', { role: 'DISTRICT_PLANNER', regionCode: 'Z01' }, 'regionCode'],
        ['a district planner in an unknown region', { role: 'DISTRICT_PLANNER', regionCode: '999999' }, 'regionCode'],
        ['a district planner in a city-level code', { role: 'DISTRICT_PLANNER', regionCode: '500000' }, 'regionCode'],
        ['a district planner without a region', { role: 'DISTRICT_PLANNER' }, 'regionCode'],
        ['a district planner with an empty region', { role: 'DISTRICT_PLANNER', regionCode: '' }, 'regionCode'],
        ['an institution admin without an institution', { role: 'INSTITUTION_ADMIN' }, 'institutionId'],
        ['an evaluation body without a body', { role: 'EVALUATION_BODY' }, 'evaluationBodyId'],
        ['a municipal planner with a region', { role: 'MUNICIPAL_PLANNER', regionCode: '500101' }, 'regionCode'],
        ['a volunteer with an empty region', { role: 'VOLUNTEER', regionCode: '' }, 'regionCode'],
        ['an admin with an evaluation body', { role: 'ADMIN', evaluationBodyId: randomUUID() }, 'evaluationBodyId'],
        [
          'a district planner with an evaluation body too',
          { role: 'DISTRICT_PLANNER', regionCode: '500101', evaluationBodyId: randomUUID() },
          'evaluationBodyId',
        ],
        ['a password of 7 characters', { role: 'VOLUNTEER', password: '1234567' }, 'password'],
        ['a password of 129 characters', { role: 'VOLUNTEER', password: 'x'.repeat(129) }, 'password'],
        ['a username of 2 characters', { role: 'VOLUNTEER', username: 'ab' }, 'username'],
        ['a username with a space', { role: 'VOLUNTEER', username: 'two words' }, 'username'],
      ];
      it.each(cases)('%s', async (_, overrides, field) => {
        const admin = await signIn(t, { role: 'ADMIN' });
        const input = { username: uniqueName('bad'), password: 'long-enough-1', ...overrides };
        const before = await counts(t);
        const res = await create(admin.token, input);
        expectError(res, 'BAD_USER_INPUT');
        expect(fieldsOf(res)).toContain(field);
        await expect(counts(t)).resolves.toEqual(before);
      });

      // Issue 13: an id that is malformed or names nothing is NOT_FOUND (these three were BAD_USER_INPUT).
      it.each([
        ['an institution admin of an unknown institution', { role: 'INSTITUTION_ADMIN', institutionId: randomUUID() }],
        ['an institution admin with a malformed institution id', { role: 'INSTITUTION_ADMIN', institutionId: 'x-1' }],
        ['an evaluation body account for a body that is not filed', { role: 'EVALUATION_BODY', evaluationBodyId: 'x' }],
      ])('%s is NOT_FOUND and writes nothing', async (_, overrides) => {
        const admin = await signIn(t, { role: 'ADMIN' });
        const before = await counts(t);
        const res = await create(admin.token, { username: uniqueName('bad'), password: 'long-enough-1', ...overrides });
        expectError(res, 'NOT_FOUND');
        await expect(counts(t)).resolves.toEqual(before);
      });

      it('an institution admin given to a role that has none (a real institution)', async () => {
        const admin = await signIn(t, { role: 'ADMIN' });
        const institutionId = await createInstitution(t);
        const before = await counts(t);
        const res = await create(admin.token, {
          username: uniqueName('vol'),
          password: 'long-enough-1',
          role: 'VOLUNTEER',
          institutionId,
        });
        expectError(res, 'BAD_USER_INPUT');
        expect(fieldsOf(res)).toContain('institutionId');
        await expect(counts(t)).resolves.toEqual(before);
      });
    });

    it('refuses a taken username, also when it differs only by case, with CONFLICT', async () => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const existing = await createUser(t, { role: 'VOLUNTEER' });
      const { password_hash: hashBefore } = await userRow(t, existing.id);
      for (const username of [existing.username, existing.username.toUpperCase()]) {
        const before = await counts(t);
        const res = await create(admin.token, { username, password: 'long-enough-1', role: 'MUNICIPAL_PLANNER' });
        expectError(res, 'CONFLICT');
        await expect(counts(t)).resolves.toEqual(before);
      }
      // The existing account is untouched.
      const row = await userRow(t, existing.id);
      expect(row).toMatchObject({ role: 'VOLUNTEER', password_hash: hashBefore, active: true });
    });

    it('lets only one of two concurrent requests for the same username through', async () => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const username = uniqueName('race');
      const before = await counts(t);
      const results = await Promise.all(
        [username, username.toUpperCase()].map((name) =>
          create(admin.token, { username: name, password: 'long-enough-1', role: 'VOLUNTEER' }),
        ),
      );
      expect(results.map((r) => codes(r)).sort()).toEqual([[], ['CONFLICT']]);
      await expect(counts(t)).resolves.toEqual({ users: before.users + 1, audit: before.audit + 1 });
    });
  });

  describe('users', () => {
    const list = (token: string, variables: Record<string, unknown>) => t.gql(USERS, variables, token);
    const names = (res: GraphQLResponse) =>
      (res.body.data!.users.edges as { node: { username: string } }[]).map((e) => e.node.username);

    it('pages through accounts by username with cursors and a stable total', async () => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const prefix = uniqueName('page');
      // Inserted out of order: the list is ordered by username, not by creation.
      for (const suffix of ['d', 'b', 'e', 'a', 'c'])
        await createUser(t, { role: 'VOLUNTEER', username: `${prefix}-${suffix}` });
      const f = { usernamePrefix: prefix };

      const seen: string[] = [];
      const expectedPages = [['a', 'b'], ['c', 'd'], ['e']];
      let after: string | null = null;
      for (const [i, expected] of expectedPages.entries()) {
        const res = await list(admin.token, { f, first: 2, after });
        expect(res.body.errors).toBeUndefined();
        const page = res.body.data!.users;
        expect(names(res)).toEqual(expected.map((s) => `${prefix}-${s}`));
        expect(page.totalCount).toBe(5);
        expect(page.pageInfo.hasNextPage).toBe(i < expectedPages.length - 1);
        expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
        seen.push(...names(res));
        after = page.pageInfo.endCursor;
      }
      expect(new Set(seen).size).toBe(5);

      // Past the end: an empty page that still knows the total.
      const end = await list(admin.token, { f, first: 2, after });
      expect(end.body.errors).toBeUndefined();
      expect(end.body.data!.users).toEqual({
        totalCount: 5,
        edges: [],
        pageInfo: { hasNextPage: false, endCursor: null },
      });
    });

    it('filters by role and by active, alone and together', async () => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const prefix = uniqueName('filter');
      const make = (suffix: string, role: Role, active: boolean) =>
        createUser(t, { role, active, username: `${prefix}-${suffix}` });
      await make('a', 'VOLUNTEER', true);
      await make('b', 'MUNICIPAL_PLANNER', false);
      await make('c', 'VOLUNTEER', false);
      await make('d', 'EVALUATION_BODY', true);
      await make('e', 'VOLUNTEER', true);
      const cases: [Record<string, unknown>, string[]][] = [
        [{ role: 'VOLUNTEER' }, ['a', 'c', 'e']],
        [{ active: false }, ['b', 'c']],
        [{ active: true }, ['a', 'd', 'e']],
        [{ role: 'VOLUNTEER', active: true }, ['a', 'e']],
        [{ role: 'ADMIN' }, []],
      ];
      for (const [filter, expected] of cases) {
        const res = await list(admin.token, { f: { usernamePrefix: prefix, ...filter }, first: 100 });
        expect(res.body.errors).toBeUndefined();
        expect({ filter, names: names(res) }).toEqual({ filter, names: expected.map((s) => `${prefix}-${s}`) });
        expect(res.body.data!.users.totalCount).toBe(expected.length);
      }

      // The prefix is matched literally: LIKE wildcards in it match nothing.
      for (const usernamePrefix of [prefix.replace('-', '_'), '%']) {
        const res = await list(admin.token, { f: { usernamePrefix }, first: 100 });
        expect({ usernamePrefix, total: res.body.data!.users.totalCount }).toEqual({ usernamePrefix, total: 0 });
      }

      // Without the prefix, the totals match the whole table.
      const volunteers = await list(admin.token, { f: { role: 'VOLUNTEER' }, first: 100 });
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM app_user WHERE role = 'VOLUNTEER'`);
      expect(volunteers.body.data!.users.totalCount).toBe(rows[0].n);
      expect(
        volunteers.body.data!.users.edges.every((e: { node: { role: string } }) => e.node.role === 'VOLUNTEER'),
      ).toBe(true);
      const inactive = await list(admin.token, { f: { active: false }, first: 100 });
      const { rows: inactiveRows } = await t.db.query('SELECT count(*)::int AS n FROM app_user WHERE NOT active');
      expect(inactive.body.data!.users.totalCount).toBe(inactiveRows[0].n);
      expect(inactive.body.data!.users.edges.every((e: { node: { active: boolean } }) => !e.node.active)).toBe(true);
    });

    it('filters by region and by institution', async () => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const prefix = uniqueName('scope');
      const institutionId = await createInstitution(t);
      const planner = await createUser(t, { role: 'DISTRICT_PLANNER', regionCode: '500229', username: `${prefix}-a` });
      const instAdmin = await createUser(t, { role: 'INSTITUTION_ADMIN', institutionId, username: `${prefix}-b` });
      await createUser(t, { role: 'DISTRICT_PLANNER', regionCode: '500101', username: `${prefix}-c` });
      const ids = async (filter: Record<string, unknown>) => {
        const res = await list(admin.token, { f: { usernamePrefix: prefix, ...filter }, first: 100 });
        expect(res.body.errors).toBeUndefined();
        return res.body.data!.users.edges.map((e: { node: { id: string } }) => e.node.id);
      };
      await expect(ids({ regionCode: '500229' })).resolves.toEqual([planner.id]);
      await expect(ids({ institutionId })).resolves.toEqual([instAdmin.id]);
      await expect(ids({ institutionId: randomUUID() })).resolves.toEqual([]);
    });

    it('accepts first: 100 and refuses first: 101, first: 0 and a foreign cursor with BAD_USER_INPUT', async () => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const ok = await list(admin.token, { first: 100 });
      expect(ok.body.errors).toBeUndefined();
      for (const [variables, field] of [
        [{ first: 101 }, 'first'],
        [{ first: 0 }, 'first'],
        [{ first: 10, after: 'not-a-cursor' }, 'after'],
      ] as const) {
        const res = await list(admin.token, variables);
        expectError(res, 'BAD_USER_INPUT');
        expect(fieldsOf(res)).toContain(field);
      }
    });

    it.each(NON_ADMIN_ROLES)('refuses %s with FORBIDDEN', async (role) => {
      const caller = await signInAs(t, role);
      expectError(await list(caller.token, { first: 10 }), 'FORBIDDEN');
    });

    it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
      expectError(await t.gql(USERS, { first: 10 }), 'UNAUTHENTICATED');
    });
  });

  describe('deactivateUser', () => {
    it('ends the account at once: its tokens stop working and it cannot sign in', async () => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const victim = await signIn(t, { role: 'MUNICIPAL_PLANNER' });
      const secondSession = await login(t, victim.username);
      await expect(t.gql(REGIONS, {}, victim.token)).resolves.toMatchObject({ body: { data: expect.anything() } });
      const before = await counts(t);

      const res = await t.gql(DEACTIVATE, { id: victim.id }, admin.token);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.deactivateUser).toEqual({ id: victim.id, active: false });
      await expect(counts(t)).resolves.toEqual({ users: before.users, audit: before.audit + 1 });
      const { rows } = await t.db.query(
        `SELECT actor_id, record_id FROM audit_event WHERE operation = 'deactivateUser' ORDER BY id DESC LIMIT 1`,
      );
      expect(rows[0]).toEqual({ actor_id: admin.id, record_id: victim.id });
      await expect(userRow(t, victim.id)).resolves.toMatchObject({ active: false });

      for (const token of [victim.token, secondSession]) {
        expectError(await t.gql(ME, {}, token), 'UNAUTHENTICATED');
        expectError(await t.gql(REGIONS, {}, token), 'UNAUTHENTICATED');
      }
      expectError(await tryLogin(t, victim.username, PASSWORD), 'UNAUTHENTICATED');

      // It shows as inactive in the list.
      const listed = await t.gql(USERS, { f: { usernamePrefix: victim.username }, first: 10 }, admin.token);
      expect(listed.body.data!.users.edges.map((e: { node: unknown }) => e.node)).toEqual([
        { id: victim.id, username: victim.username, role: 'MUNICIPAL_PLANNER', active: false },
      ]);
    });

    it('does not let an admin deactivate itself', async () => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const before = await counts(t);
      const res = await t.gql(DEACTIVATE, { id: admin.id }, admin.token);
      expectError(res, 'BAD_USER_INPUT');
      expect(fieldsOf(res)).toContain('id');
      await expect(counts(t)).resolves.toEqual(before);
      await expect(userRow(t, admin.id)).resolves.toMatchObject({ active: true, token_version: 0 });
      const me = await t.gql(ME, {}, admin.token);
      expect(me.body.data!.me).toMatchObject({ id: admin.id, active: true });
    });

    it.each([
      ['an unknown id', randomUUID()],
      ['a malformed id', 'not-an-id'],
      ['an integer id', '42'],
    ])('answers %s with NOT_FOUND and writes nothing', async (_, id) => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const before = await counts(t);
      expectError(await t.gql(DEACTIVATE, { id }, admin.token), 'NOT_FOUND');
      await expect(counts(t)).resolves.toEqual(before);
    });

    it.each(NON_ADMIN_ROLES)('refuses %s with FORBIDDEN and leaves the account active', async (role) => {
      const caller = await signInAs(t, role);
      const victim = await signIn(t, { role: 'VOLUNTEER' });
      const before = await counts(t);
      expectError(await t.gql(DEACTIVATE, { id: victim.id }, caller.token), 'FORBIDDEN');
      await expect(counts(t)).resolves.toEqual(before);
      await expect(userRow(t, victim.id)).resolves.toMatchObject({ active: true, token_version: 0 });
      expect(codes(await t.gql(ME, {}, victim.token))).toEqual([]);
    });
  });

  describe('resetPassword', () => {
    it('gives a one-time password that only allows choosing a new one', async () => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const target = await signIn(t, { role: 'MUNICIPAL_PLANNER' });
      const { password_hash: hashBefore } = await userRow(t, target.id);
      const before = await counts(t);

      const reset = await t.gql(RESET, { id: target.id }, admin.token);
      expect(reset.body.errors).toBeUndefined();
      const temporaryPassword: string = reset.body.data!.resetPassword;
      await expect(userRow(t, target.id)).resolves.toMatchObject({ must_change_password: true });
      expect(typeof temporaryPassword).toBe('string');
      expect(temporaryPassword.length).toBeGreaterThanOrEqual(8);
      expect(temporaryPassword).not.toBe(PASSWORD);
      await expect(counts(t)).resolves.toEqual({ users: before.users, audit: before.audit + 1 });
      const { rows } = await t.db.query(
        `SELECT actor_id, record_id, summary::text AS summary FROM audit_event
         WHERE operation = 'resetPassword' ORDER BY id DESC LIMIT 1`,
      );
      expect(rows[0]).toMatchObject({ actor_id: admin.id, record_id: target.id });
      expect(rows[0].summary).not.toContain(temporaryPassword);
      const afterReset = await userRow(t, target.id);
      expect(afterReset.password_hash).not.toBe(hashBefore);
      expect(afterReset.password_hash).not.toContain(temporaryPassword);

      // The old password and the old token are dead.
      expectError(await tryLogin(t, target.username, PASSWORD), 'UNAUTHENTICATED');
      expectError(await t.gql(ME, {}, target.token), 'UNAUTHENTICATED');

      // The temporary password signs in, but only `me` and `changePassword` work.
      const temp = await tryLogin(t, target.username, temporaryPassword);
      expect(temp.body.errors).toBeUndefined();
      expect(temp.body.data!.login.user).toMatchObject({ id: target.id, mustChangePassword: true });
      const tempToken = temp.body.data!.login.accessToken;
      const me = await t.gql(ME, {}, tempToken);
      expect(me.body.data!.me).toMatchObject({ id: target.id, mustChangePassword: true });
      expectError(await t.gql(REGIONS, {}, tempToken), 'FORBIDDEN');
      expectError(await t.gql('{ targets { id } }', {}, tempToken), 'FORBIDDEN');
      expectError(await t.gql('{ institutions(first: 1) { totalCount } }', {}, tempToken), 'FORBIDDEN');

      const changed = await t.gql(CHANGE, { o: temporaryPassword, n: NEW_PASSWORD }, tempToken);
      expect(changed.body.errors).toBeUndefined();
      expect(changed.body.data!.changePassword.user).toEqual({ id: target.id, mustChangePassword: false });
      const freshToken = changed.body.data!.changePassword.accessToken;
      const regions = await t.gql(REGIONS, {}, freshToken);
      expect(regions.body.errors).toBeUndefined();
      expect(regions.body.data!.regions.length).toBeGreaterThan(0);
      await expect(userRow(t, target.id)).resolves.toMatchObject({ must_change_password: false });

      // The new password works; the temporary one no longer does.
      await expect(login(t, target.username, NEW_PASSWORD)).resolves.toEqual(expect.any(String));
      expectError(await tryLogin(t, target.username, temporaryPassword), 'UNAUTHENTICATED');
    });

    it('keeps a reset admin away from account management until the password is changed', async () => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const other = await createUser(t, { role: 'ADMIN' });
      const reset = await t.gql(RESET, { id: other.id }, admin.token);
      const tempToken = await login(t, other.username, reset.body.data!.resetPassword);
      const victim = await createUser(t, { role: 'VOLUNTEER' });
      const before = await counts(t);

      expectError(await t.gql(USERS, { first: 10 }, tempToken), 'FORBIDDEN');
      expectError(await t.gql(AUDIT, { first: 10 }, tempToken), 'FORBIDDEN');
      expectError(await t.gql(DEACTIVATE, { id: victim.id }, tempToken), 'FORBIDDEN');
      expectError(await t.gql(RESET, { id: victim.id }, tempToken), 'FORBIDDEN');
      expectError(
        await t.gql(
          CREATE_USER,
          { i: { username: uniqueName('via-temp'), password: 'long-enough-1', role: 'ADMIN' } },
          tempToken,
        ),
        'FORBIDDEN',
      );
      await expect(counts(t)).resolves.toEqual(before);
      await expect(userRow(t, victim.id)).resolves.toMatchObject({ active: true, must_change_password: false });
    });

    it.each([
      ['an unknown id', randomUUID()],
      ['a malformed id', 'not-an-id'],
    ])('answers %s with NOT_FOUND and writes nothing', async (_, id) => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const before = await counts(t);
      expectError(await t.gql(RESET, { id }, admin.token), 'NOT_FOUND');
      await expect(counts(t)).resolves.toEqual(before);
    });

    it.each(NON_ADMIN_ROLES)('refuses %s with FORBIDDEN and changes nothing', async (role) => {
      const caller = await signInAs(t, role);
      const target = await signIn(t, { role: 'VOLUNTEER' });
      const rowBefore = await userRow(t, target.id);
      const before = await counts(t);
      expectError(await t.gql(RESET, { id: target.id }, caller.token), 'FORBIDDEN');
      await expect(counts(t)).resolves.toEqual(before);
      await expect(userRow(t, target.id)).resolves.toEqual(rowBefore);
      await expect(login(t, target.username)).resolves.toEqual(expect.any(String));
    });
  });

  describe('changePassword', () => {
    it('refuses a wrong old password with BAD_USER_INPUT and changes nothing', async () => {
      const user = await signIn(t, { role: 'VOLUNTEER' });
      const rowBefore = await userRow(t, user.id);
      const before = await counts(t);
      const res = await t.gql(CHANGE, { o: 'not-the-password', n: NEW_PASSWORD }, user.token);
      expectError(res, 'BAD_USER_INPUT');
      expect(fieldsOf(res)).toContain('oldPassword');
      await expect(counts(t)).resolves.toEqual(before);
      await expect(userRow(t, user.id)).resolves.toEqual(rowBefore);
      expect(codes(await t.gql(ME, {}, user.token))).toEqual([]);
      await expect(login(t, user.username, PASSWORD)).resolves.toEqual(expect.any(String));
      expectError(await tryLogin(t, user.username, NEW_PASSWORD), 'UNAUTHENTICATED');
    });

    it.each([
      ['too short', '1234567'],
      ['the same as the old one', PASSWORD],
    ])('refuses a new password that is %s with BAD_USER_INPUT and changes nothing', async (_, newPassword) => {
      const user = await signIn(t, { role: 'VOLUNTEER' });
      const rowBefore = await userRow(t, user.id);
      const before = await counts(t);
      const res = await t.gql(CHANGE, { o: PASSWORD, n: newPassword }, user.token);
      expectError(res, 'BAD_USER_INPUT');
      expect(fieldsOf(res)).toContain('newPassword');
      await expect(counts(t)).resolves.toEqual(before);
      await expect(userRow(t, user.id)).resolves.toEqual(rowBefore);
      expect(codes(await t.gql(ME, {}, user.token))).toEqual([]);
    });

    it('returns a fresh token; earlier tokens and the old password stop working', async () => {
      const user = await signIn(t, { role: 'DISTRICT_PLANNER', regionCode: '500101' });
      const otherSession = await login(t, user.username);
      const before = await counts(t);

      const res = await t.gql(CHANGE, { o: PASSWORD, n: NEW_PASSWORD }, user.token);
      expect(res.body.errors).toBeUndefined();
      const { accessToken, user: changed } = res.body.data!.changePassword;
      expect(changed).toEqual({ id: user.id, mustChangePassword: false });
      await expect(counts(t)).resolves.toEqual({ users: before.users, audit: before.audit + 1 });
      const { rows } = await t.db.query(
        `SELECT actor_id, record_id, summary::text AS summary FROM audit_event
         WHERE operation = 'changePassword' ORDER BY id DESC LIMIT 1`,
      );
      expect(rows[0]).toMatchObject({ actor_id: user.id, record_id: user.id });
      expect(rows[0].summary).not.toContain(NEW_PASSWORD);
      expect(rows[0].summary).not.toContain(PASSWORD);

      const me = await t.gql(ME, {}, accessToken);
      expect(me.body.data!.me).toMatchObject({ id: user.id });
      expectError(await t.gql(ME, {}, user.token), 'UNAUTHENTICATED');
      expectError(await t.gql(ME, {}, otherSession), 'UNAUTHENTICATED');
      expectError(await tryLogin(t, user.username, PASSWORD), 'UNAUTHENTICATED');
      await expect(login(t, user.username, NEW_PASSWORD)).resolves.toEqual(expect.any(String));
    });

    it.each(ROLES)('is open to %s (and me too)', async (role) => {
      const user = await signInAs(t, role);
      const res = await t.gql(CHANGE, { o: PASSWORD, n: NEW_PASSWORD }, user.token);
      expect(res.body.errors).toBeUndefined();
      const me = await t.gql(ME, {}, res.body.data!.changePassword.accessToken);
      expect(me.body.data!.me).toMatchObject({ id: user.id, role });
    });

    it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
      const before = await counts(t);
      expectError(await t.gql(CHANGE, { o: PASSWORD, n: NEW_PASSWORD }), 'UNAUTHENTICATED');
      await expect(counts(t)).resolves.toEqual(before);
    });
  });

  describe('auditEvents', () => {
    type Event = {
      id: string;
      occurredAt: string;
      actorId: string | null;
      operation: string;
      recordType: string;
      recordId: string | null;
    };
    const events = (res: GraphQLResponse): Event[] =>
      res.body.data!.auditEvents.edges.map((e: { node: Event }) => e.node);

    it('records a successful login and not a failed one', async () => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const user = await createUser(t, { role: 'VOLUNTEER' });

      const before = await auditCount(t);
      expectError(await tryLogin(t, user.username, 'wrong-password'), 'UNAUTHENTICATED');
      await expect(auditCount(t)).resolves.toBe(before);

      await login(t, user.username);
      await expect(auditCount(t)).resolves.toBe(before + 1);
      const res = await t.gql(AUDIT, { first: 10, f: { actorId: user.id } }, admin.token);
      expect(res.body.errors).toBeUndefined();
      expect(events(res)).toEqual([
        expect.objectContaining({ actorId: user.id, operation: 'login', recordType: 'User', recordId: user.id }),
      ]);
      expect(res.body.data!.auditEvents.totalCount).toBe(1);
    });

    it('lists events newest first, across pages', async () => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const users = [];
      for (let i = 0; i < 3; i++) users.push(await createUser(t, { role: 'VOLUNTEER' }));
      for (const user of users) await login(t, user.username);
      const total = await auditCount(t);

      const first = await t.gql(AUDIT, { first: 2 }, admin.token);
      expect(first.body.errors).toBeUndefined();
      const page1 = events(first);
      expect(page1.map((e) => e.recordId)).toEqual([users[2].id, users[1].id]);
      expect(first.body.data!.auditEvents.totalCount).toBe(total);
      expect(first.body.data!.auditEvents.pageInfo.hasNextPage).toBe(true);

      const second = await t.gql(
        AUDIT,
        { first: 2, after: first.body.data!.auditEvents.pageInfo.endCursor },
        admin.token,
      );
      expect(second.body.errors).toBeUndefined();
      const page2 = events(second);
      expect(page2[0].recordId).toBe(users[0].id);
      expect(second.body.data!.auditEvents.totalCount).toBe(total);

      const all = [...page1, ...page2];
      const ids = all.map((e) => BigInt(e.id));
      for (let i = 1; i < ids.length; i++) expect(ids[i] < ids[i - 1]).toBe(true);
      const times = all.map((e) => Date.parse(e.occurredAt));
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeLessThanOrEqual(times[i - 1]);
    });

    it('filters by operation', async () => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const victim = await createUser(t, { role: 'VOLUNTEER' });
      await t.gql(DEACTIVATE, { id: victim.id }, admin.token);
      const res = await t.gql(AUDIT, { first: 100, f: { operation: 'deactivateUser' } }, admin.token);
      expect(res.body.errors).toBeUndefined();
      const list = events(res);
      expect(list.length).toBe(await auditCount(t, 'deactivateUser'));
      expect(list.every((e) => e.operation === 'deactivateUser')).toBe(true);
      expect(list[0]).toMatchObject({ actorId: admin.id, recordType: 'User', recordId: victim.id });
    });

    it('refuses first: 101 with BAD_USER_INPUT', async () => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const res = await t.gql(AUDIT, { first: 101 }, admin.token);
      expectError(res, 'BAD_USER_INPUT');
      expect(fieldsOf(res)).toContain('first');
    });

    it.each(NON_ADMIN_ROLES)('refuses %s with FORBIDDEN', async (role) => {
      const caller = await signInAs(t, role);
      expectError(await t.gql(AUDIT, { first: 10 }, caller.token), 'FORBIDDEN');
    });

    it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
      expectError(await t.gql(AUDIT, { first: 10 }), 'UNAUTHENTICATED');
    });

    it('is append-only: UPDATE and DELETE fail in the database itself', async () => {
      const user = await createUser(t, { role: 'VOLUNTEER' });
      await login(t, user.username);
      const { rows } = await t.db.query(
        `SELECT id, operation, record_id FROM audit_event WHERE record_id = $1 AND operation = 'login'`,
        [user.id],
      );
      expect(rows).toHaveLength(1);
      const before = await auditCount(t);

      await expect(
        t.db.query(`UPDATE audit_event SET operation = 'tampered' WHERE id = $1`, [rows[0].id]),
      ).rejects.toThrow();
      await expect(t.db.query('UPDATE audit_event SET summary = $1', [{}])).rejects.toThrow();
      await expect(t.db.query('DELETE FROM audit_event WHERE id = $1', [rows[0].id])).rejects.toThrow();
      await expect(t.db.query('DELETE FROM audit_event')).rejects.toThrow();

      await expect(auditCount(t)).resolves.toBe(before);
      const { rows: after } = await t.db.query('SELECT id, operation, record_id FROM audit_event WHERE id = $1', [
        rows[0].id,
      ]);
      expect(after).toEqual(rows);
    });
  });

  describe('deny by default', () => {
    const adminOnly: [string, (victimId: string) => [string, Record<string, unknown>]][] = [
      [
        'createUser',
        () => [CREATE_USER, { i: { username: uniqueName('denied'), password: 'long-enough-1', role: 'VOLUNTEER' } }],
      ],
      ['users', () => [USERS, { first: 10 }]],
      ['deactivateUser', (id) => [DEACTIVATE, { id }]],
      ['resetPassword', (id) => [RESET, { id }]],
      ['auditEvents', () => [AUDIT, { first: 10 }]],
    ];

    it.each(adminOnly)('%s: every role but ADMIN gets FORBIDDEN, anonymous UNAUTHENTICATED', async (_, op) => {
      const admin = await signIn(t, { role: 'ADMIN' });
      const victim = await createUser(t, { role: 'VOLUNTEER' });
      const victimBefore = await userRow(t, victim.id);
      const before = await counts(t);
      for (const role of NON_ADMIN_ROLES) {
        const caller = await signInAs(t, role);
        const callerAudit = await auditCount(t);
        const [query, variables] = op(victim.id);
        const res = await t.gql(query, variables, caller.token);
        expect({ role, codes: codes(res) }).toEqual({ role, codes: ['FORBIDDEN'] });
        await expect(auditCount(t)).resolves.toBe(callerAudit);
      }
      const [query, variables] = op(victim.id);
      expectError(await t.gql(query, variables), 'UNAUTHENTICATED');
      // Only the callers' own accounts were written; the victim is untouched.
      await expect(userRow(t, victim.id)).resolves.toEqual(victimBefore);
      await expect(counts(t)).resolves.toMatchObject({ users: before.users + NON_ADMIN_ROLES.length });
      // The same operation works for ADMIN (the refusals are about the role, not the request).
      const [q, v] = op(victim.id);
      const ok = await t.gql(q, v, admin.token);
      expect(ok.body.errors).toBeUndefined();
    });

    it('refuses a VOLUNTEER on operations of other roles', async () => {
      const volunteer = await signIn(t, { role: 'VOLUNTEER' });
      const before = await counts(t);
      for (const query of [
        '{ users(first: 1) { totalCount } }',
        '{ auditEvents(first: 1) { totalCount } }',
        '{ targets { id } }',
        '{ institutions(first: 1) { totalCount } }',
      ]) {
        expect({ query, codes: codes(await t.gql(query, {}, volunteer.token)) }).toEqual({
          query,
          codes: ['FORBIDDEN'],
        });
      }
      const population = await t.gql(
        `mutation { setRegionPopulation(input: { regionCode: "500101", year: 2024, total: 10, olderAdults: 1 }) { year } }`,
        {},
        volunteer.token,
      );
      expectError(population, 'FORBIDDEN');
      await expect(counts(t)).resolves.toEqual(before);
    });

    it('gives ADMIN no rights beyond its own: planner operations are FORBIDDEN', async () => {
      const admin = await signIn(t, { role: 'ADMIN' });
      // It reads institutions and evaluation bodies (issue 13, to scope accounts), but never the staff of one.
      for (const query of ['{ targets { id } }', '{ people(first: 1) { totalCount } }']) {
        expect({ query, codes: codes(await t.gql(query, {}, admin.token)) }).toEqual({ query, codes: ['FORBIDDEN'] });
      }
    });
  });
});

describe('accounts: repeated login failures (LOGIN_MAX_FAILURES=3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a username after 3 failures, even with the right password; others still sign in', async () => {
    const target = await createUser(t, { role: 'MUNICIPAL_PLANNER' });
    const other = await createUser(t, { role: 'MUNICIPAL_PLANNER' });
    const before = await auditCount(t);
    // Failures count per username whatever its case.
    for (const name of [target.username, target.username.toUpperCase(), target.username]) {
      expectError(await tryLogin(t, name, 'wrong-password'), 'UNAUTHENTICATED');
    }
    expectError(await tryLogin(t, target.username, PASSWORD), 'RATE_LIMITED');
    expectError(await tryLogin(t, target.username, 'wrong-password'), 'RATE_LIMITED');
    await expect(auditCount(t)).resolves.toBe(before);

    await expect(login(t, other.username)).resolves.toEqual(expect.any(String));
  });

  it('counts attempts still being checked: a burst of parallel guesses gets no more than 3 tries', async () => {
    const target = await createUser(t, { role: 'VOLUNTEER' });
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) => tryLogin(t, target.username, `wrong-password-${i}`)),
    );
    const seen = burst.map((res) => codes(res)[0]);
    expect(seen.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(3);
    expect(seen.filter((c) => c === 'RATE_LIMITED')).toHaveLength(5);
    expectError(await tryLogin(t, target.username, PASSWORD), 'RATE_LIMITED');
  });

  it('limits unknown usernames the same way, so the limit reveals nothing', async () => {
    const ghost = uniqueName('ghost');
    for (let i = 0; i < 3; i++) expectError(await tryLogin(t, ghost, 'wrong-password'), 'UNAUTHENTICATED');
    expectError(await tryLogin(t, ghost, 'wrong-password'), 'RATE_LIMITED');
  });

  it('starts counting afresh after a successful sign-in', async () => {
    const user = await createUser(t, { role: 'VOLUNTEER' });
    for (let i = 0; i < 2; i++) expectError(await tryLogin(t, user.username, 'wrong-password'), 'UNAUTHENTICATED');
    await login(t, user.username);
    for (let i = 0; i < 2; i++) expectError(await tryLogin(t, user.username, 'wrong-password'), 'UNAUTHENTICATED');
    await expect(login(t, user.username)).resolves.toEqual(expect.any(String));
  });
});

describe('accounts: anonymous requests per client (ANONYMOUS_RATE_LIMIT=5)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ANONYMOUS_RATE_LIMIT: '5' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses the 6th failed-or-pending login request of a client within a minute; successes give theirs back', async () => {
    const user = await createUser(t, { role: 'VOLUNTEER' });
    // A successful sign-in does not use up the budget: it exists to slow guessing.
    const fifth = await tryLogin(t, user.username, PASSWORD);
    expect(fifth.body.errors).toBeUndefined();
    for (let i = 0; i < 5; i++)
      expectError(await tryLogin(t, uniqueName('nobody'), 'wrong-password'), 'UNAUTHENTICATED');
    const before = await auditCount(t);

    expectError(await tryLogin(t, user.username, PASSWORD), 'RATE_LIMITED');
    // A forwarded-for header does not make the client someone else (the app does not trust proxies by default).
    expectError(
      await t.gql(LOGIN, { u: user.username, p: PASSWORD }, undefined, { 'x-forwarded-for': '203.0.113.7' }),
      'RATE_LIMITED',
    );
    await expect(auditCount(t)).resolves.toBe(before);

    // Signed-in requests are not anonymous and are not counted.
    const me = await t.gql(ME, {}, fifth.body.data!.login.accessToken);
    expect(me.body.data!.me).toMatchObject({ id: user.id });
  });
});
