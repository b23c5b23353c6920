import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import {
  auditCount,
  changeTemporaryPassword,
  createInstitution,
  earnCredits,
  login,
  PASSWORD,
  registerRelative,
  registerStaff,
  registerVolunteer,
  residentId,
  signIn,
  type TestVolunteer,
} from '../helpers/factories.js';
import { codes, type GraphQLResponse, startTestApp, TEST_JWT_SECRET, type TestApp } from '../helpers/test-app.js';

// Every rule, cap, bad input and scope refusal of the time bank (issue 5, DESIGN.md "Time-bank rules" and "Access"),
// with expected numbers worked out by hand. Every refused mutation is also checked to have written nothing: ledger
// balances, row counts, decisions, reward stock and the audit trail are the same before and after.

const SIGN_UP_REFUSED = 'Registration could not be completed; visit a service point';

/** "Today" as the portal sees it (Asia/Shanghai, UTC+8, no daylight saving). */
const TODAY = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const THIS_YEAR = Number(TODAY.slice(0, 4));
const THIS_MONTH = Number(TODAY.slice(5, 7));
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** The same calendar day `years` earlier (29 February becomes the 28th): someone born then is `years` old today. */
function yearsBefore(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}${date.slice(4) === '-02-29' && !leap ? '-02-28' : date.slice(4)}`;
}

// ---- operations ----

const REGISTER = `mutation($i: RegisterVolunteerInput!) {
  registerVolunteer(input: $i) { id username regionCode person { id name idNumberMasked birthDate age } } }`;
const RELATIVE = `mutation($i: RegisterRelativeInput!) {
  registerRelative(input: $i) { id relationship name idNumberMasked age hasAccount } }`;
const LOG = `mutation($i: LogServiceInput!) {
  logService(input: $i) { id status minutes serviceDate creditedMinutes uncreditedMinutes pointsAwarded
    institution { id } volunteer { id } } }`;
const VERIFY = `mutation($id: ID!) {
  verifyService(id: $id) { id status minutes creditedMinutes uncreditedMinutes pointsAwarded journalId } }`;
const REJECT = `mutation($id: ID!, $r: String!) {
  rejectService(id: $id, reason: $r) { id status creditedMinutes uncreditedMinutes pointsAwarded journalId rejectReason } }`;
const TRANSFER = `mutation($i: TransferCreditsInput!) {
  transferCredits(input: $i) { id kind reversesJournalId lines { volunteerId systemAccount currency kind amount } } }`;
const REDEEM = `mutation($i: RedeemTimeInput!) {
  redeemTime(input: $i) { id status minutes relationship beneficiaryName journalId refundJournalId institution { id } } }`;
const CONFIRM = `mutation($id: ID!) { confirmCareRedemption(id: $id) { id status refundJournalId } }`;
const CANCEL = `mutation($id: ID!, $r: String!) {
  cancelCareRedemption(id: $id, reason: $r) { id status refundJournalId cancelReason } }`;
const CREATE_REWARD = `mutation($i: CreateRewardInput!) { createReward(input: $i) { id name pointsCost stock active } }`;
const UPDATE_REWARD = `mutation($i: UpdateRewardInput!) { updateReward(input: $i) { id stock active } }`;
const REDEEM_POINTS = `mutation($i: RedeemPointsInput!) {
  redeemPoints(input: $i) { id kind lines { volunteerId systemAccount currency kind amount } } }`;
const GRANT = `mutation($i: GrantFromPoolInput!) {
  grantFromPool(input: $i) { id kind note lines { volunteerId systemAccount currency kind amount } } }`;
const REVERSE = `mutation($id: ID!, $r: String!) {
  reverseJournal(id: $id, reason: $r) { id kind reversesJournalId lines { volunteerId systemAccount currency kind amount } } }`;
const BANK = `query { myTimeBank { timeBalanceMinutes pointsBalance storageCapMinutes
  relatives { id relationship name age hasAccount } } }`;
const ENTRIES = `query($first: Int, $after: String) { myTimeBank { entries(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { journalId kind currency amount balanceAfter } } } } }`;
const MONTHLY = `query($y: Int!) { myTimeBank { monthly(year: $y) { month earnedMinutes spentMinutes } } }`;
const RECORDS = `query($f: ServiceRecordFilter, $first: Int) {
  serviceRecords(filter: $f, first: $first) { totalCount edges { node { id volunteer { id } institution { id } } } } }`;
const REDEMPTIONS = `query { careRedemptions(first: 100) { totalCount edges { node { id volunteer { id } institution { id } } } } }`;
const SITES = `query($r: String, $first: Int, $after: String) { serviceSites(regionCode: $r, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id name regionCode } } } }`;
const FIGURES = `volunteers activeVolunteers shareAged60To69 minutesIssued minutesRedeemed minutesPendingRedemption
  minutesTransferred minutesGranted minutesToPool`;
const SUMMARY = `query($r: String) { timeBankSummary(regionCode: $r) { regionCode ${FIGURES} publicPoolMinutes
  regions { regionCode ${FIGURES} } } }`;

// ---- helpers ----

/** The data of a response that must have succeeded (the errors are shown if it did not). */
function ok<T = any>(res: GraphQLResponse, field: string): T {
  if (res.body.errors || !res.body.data?.[field]) {
    throw new Error(`${field} failed: ${JSON.stringify(res.body.errors ?? res.body)}`);
  }
  return (res.body.data as Record<string, T>)[field];
}

/** Everything a time-bank mutation could write, plus the audit events of one operation. */
async function state(t: TestApp, operation: string): Promise<Record<string, unknown>> {
  const { rows } = await t.db.query(`SELECT
    (SELECT count(*) FROM journal)::int AS journals,
    (SELECT count(*) FROM posting)::int AS postings,
    (SELECT count(*) FROM service_record)::int AS records,
    (SELECT count(*) FROM care_redemption)::int AS redemptions,
    (SELECT count(*) FROM volunteer)::int AS volunteers,
    (SELECT count(*) FROM relative)::int AS relatives,
    (SELECT count(*) FROM person)::int AS persons,
    (SELECT count(*) FROM app_user)::int AS users,
    (SELECT count(*) FROM reward)::int AS rewards,
    (SELECT json_object_agg(id, balance ORDER BY id) FROM ledger_account) AS balances,
    (SELECT json_object_agg(id, status || ':' || coalesce(credited_minutes::text, '-') ORDER BY id)
       FROM service_record) AS decisions,
    (SELECT json_object_agg(id, status ORDER BY id) FROM care_redemption) AS redemption_states,
    (SELECT json_object_agg(id, stock ORDER BY id) FROM reward) AS stock`);
  return { ...rows[0], audit: await auditCount(t, operation), auditAll: await auditCount(t) };
}

/**
 * Runs a mutation that must be refused with `code` (and, if given, exactly these `fields`), and checks that it
 * wrote nothing at all.
 */
async function refused(
  t: TestApp,
  operation: string,
  code: string,
  call: () => Promise<GraphQLResponse>,
  fields?: string[],
): Promise<GraphQLResponse> {
  const before = await state(t, operation);
  const res = await call();
  if (codes(res).length !== 1 || codes(res)[0] !== code) {
    throw new Error(`${operation}: expected ${code}, got ${JSON.stringify(res.body)}`);
  }
  expect(res.body.data ?? null).toBeNull();
  if (fields) expect(res.body.errors![0].extensions!.fields).toEqual(fields);
  expect(await state(t, operation)).toEqual(before);
  return res;
}

async function bank(t: TestApp, token: string) {
  return ok<{ timeBalanceMinutes: number; pointsBalance: number; storageCapMinutes: number; relatives: any[] }>(
    await t.gql(BANK, {}, token),
    'myTimeBank',
  );
}

async function balances(t: TestApp, token: string): Promise<[number, number]> {
  const b = await bank(t, token);
  return [b.timeBalanceMinutes, b.pointsBalance];
}

async function poolBalance(t: TestApp): Promise<number> {
  const { rows } = await t.db.query(
    `SELECT balance::int AS b FROM ledger_account WHERE system_account = 'PUBLIC_POOL' AND currency = 'TIME'`,
  );
  return rows[0].b;
}

const logInput = (over: Record<string, unknown>) => ({
  category: 'COMPANIONSHIP',
  serviceDate: TODAY,
  minutes: 60,
  ...over,
});

async function logService(t: TestApp, token: string, over: Record<string, unknown>) {
  return ok<{ id: string; status: string; institution: { id: string } }>(
    await t.gql(LOG, { i: logInput(over) }, token),
    'logService',
  );
}

async function verify(t: TestApp, adminToken: string, id: string) {
  return ok<{
    id: string;
    status: string;
    creditedMinutes: number;
    uncreditedMinutes: number;
    pointsAwarded: number;
    journalId: string | null;
  }>(await t.gql(VERIFY, { id }, adminToken), 'verifyService');
}

const signUpInput = (over: Record<string, unknown> = {}) => ({
  idNumber: residentId({ birthDate: '1964-03-15' }),
  name: '陈志强',
  phone: '13800138000',
  regionCode: '500101',
  username: `vol-${randomUUID().slice(0, 8)}`,
  password: PASSWORD,
  ...over,
});

/** An institution with its own signed-in admin. */
async function site(t: TestApp, regionCode = '500101', name?: string) {
  const id = await createInstitution(t, { regionCode, name });
  const admin = await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId: id });
  return { id, token: admin.token, userId: admin.id };
}

// ===================================================================================================================

describe('time bank rules (default settings)', () => {
  let t: TestApp;
  let municipal: string;
  let sysAdmin: string;

  beforeAll(async () => {
    t = await startTestApp({ VOLUNTEER_SIGNUP_RATE_LIMIT: '100000' });
    municipal = (await signIn(t, { role: 'MUNICIPAL_PLANNER' })).token;
    sysAdmin = (await signIn(t, { role: 'ADMIN' })).token;
  });
  afterAll(async () => {
    await t?.close();
  });

  // -----------------------------------------------------------------------------------------------------------------
  describe('volunteer sign-up', () => {
    const bodies: unknown[] = [];
    const secrets: string[] = [];
    let a: Awaited<ReturnType<typeof site>>;
    let b: Awaited<ReturnType<typeof site>>;

    /** Public (or on-behalf with a token) sign-up whose response body is kept for the personal-data check. */
    const signUp = async (input: Record<string, unknown>, token?: string) => {
      for (const key of ['idNumber', 'phone'] as const) {
        const value = typeof input[key] === 'number' ? String(input[key]) : input[key];
        // Long enough to be personal data, not a fragment that could occur by chance.
        if (typeof value === 'string' && value.replace(/\D/g, '').length >= 10) {
          secrets.push(value, value.replace(/\D/g, ''));
        }
      }
      const res = await t.gql(REGISTER, { i: input }, token);
      bodies.push(res.body);
      return res;
    };
    const refusedSignUp = (input: Record<string, unknown>, code: string, fields?: string[], token?: string) =>
      refused(t, 'registerVolunteer', code, () => signUp(input, token), fields);

    beforeAll(async () => {
      a = await site(t, '500101');
      b = await site(t, '500103');
    });

    it('links a public sign-up to the person first registered as staff when ID and name match', async () => {
      const idNumber = residentId({ birthDate: '1963-04-02' });
      const staff = await registerStaff(t, a.token, { institutionId: a.id, idNumber, name: '李建国' });
      const before = await state(t, 'registerVolunteer');
      const input = signUpInput({ idNumber, name: '李建国', phone: '139-1234-0001', regionCode: '500101' });
      const v = ok(await signUp(input), 'registerVolunteer');
      expect(v).toMatchObject({
        username: input.username,
        regionCode: '500101',
        person: {
          id: staff.person.id,
          name: '李建国',
          idNumberMasked: `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`,
          birthDate: '1963-04-02',
        },
      });
      const after = await state(t, 'registerVolunteer');
      expect(after).toMatchObject({
        persons: before.persons,
        volunteers: (before.volunteers as number) + 1,
        users: (before.users as number) + 1,
        audit: (before.audit as number) + 1,
      });
      // The new account signs in as a VOLUNTEER with an empty time bank.
      const token = await login(t, input.username as string);
      expect(await bank(t, token)).toMatchObject({ timeBalanceMinutes: 0, pointsBalance: 0, relatives: [] });
    });

    it('gives a relative registered before the sign-up an account once the same ID and name sign up', async () => {
      const sponsor = await registerVolunteer(t);
      const idNumber = residentId({ birthDate: '1958-09-09' });
      const rel = ok(
        await t.gql(RELATIVE, { i: { idNumber, name: '周玉兰', relationship: 'SPOUSE' } }, sponsor.token),
        'registerRelative',
      );
      expect(rel.hasAccount).toBe(false);
      // Registering a relative wrote nothing to the registry: the sign-up creates the person.
      const before = await state(t, 'registerVolunteer');
      ok(await signUp(signUpInput({ idNumber, name: '周玉兰', phone: '13912340002' })), 'registerVolunteer');
      expect((await state(t, 'registerVolunteer')).persons).toBe((before.persons as number) + 1);
      expect((await bank(t, sponsor.token)).relatives).toEqual([
        { id: rel.id, relationship: 'SPOUSE', name: '周玉兰', age: expect.any(Number), hasAccount: true },
      ]);
    });

    it('answers a name mismatch, an existing volunteer and a taken username with one generic message', async () => {
      const existingId = residentId({ birthDate: '1962-02-02' });
      const existing = signUpInput({ idNumber: existingId, name: '张伟', phone: '13912340003' });
      ok(await signUp(existing), 'registerVolunteer');
      const staffId = residentId({ birthDate: '1961-01-01' });
      await registerStaff(t, a.token, { institutionId: a.id, idNumber: staffId, name: '刘芳' });

      const attempts: [string, Record<string, unknown>][] = [
        ['ID stored under another name (a volunteer)', { idNumber: existingId, name: '张卫', phone: '13912340004' }],
        ['ID stored under another name (staff)', { idNumber: staffId, name: '刘方', phone: '13912340005' }],
        ['already a volunteer', { idNumber: existingId, name: '张伟', phone: '13912340006' }],
        ['username taken', { username: existing.username, phone: '13912340007' }],
        ['username taken, other case', { username: (existing.username as string).toUpperCase() }],
        ['all at once', { idNumber: existingId, name: '张卫', username: existing.username }],
      ];
      const answers: unknown[] = [];
      for (const [label, over] of attempts) {
        const res = await refusedSignUp(signUpInput(over), 'BAD_USER_INPUT');
        const [error] = res.body.errors!;
        expect({ label, message: error.message, extensions: error.extensions }).toEqual({
          label,
          message: SIGN_UP_REFUSED,
          extensions: { code: 'BAD_USER_INPUT', fields: [], problems: [] },
        });
        answers.push({ status: res.status, message: error.message, extensions: error.extensions });
      }
      // Word for word the same answer, so that an anonymous caller cannot tell the cases apart.
      expect(new Set(answers.map((x) => JSON.stringify(x))).size).toBe(1);
    });

    it('names the fields of format errors', async () => {
      const valid = residentId({ birthDate: '1960-10-10' });
      const badChecksum = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
      const cases: [Record<string, unknown>, string[]][] = [
        [{ idNumber: badChecksum }, ['idNumber']],
        [{ idNumber: '50010119601010' }, ['idNumber']],
        [{ idNumber: residentId({ birthDate: yearsBefore(TODAY, 15) }) }, ['idNumber']], // under 16
        [{ name: '   ' }, ['name']],
        [{ phone: '12345' }, ['phone']],
        [{ phone: '1381234567' }, ['phone']],
        [{ password: 'short' }, ['password']],
        [{ username: 'ab' }, ['username']],
        [{ username: 'has space' }, ['username']],
        [{ phone: null, regionCode: null }, ['phone', 'regionCode']],
        [{ phone: '', regionCode: '' }, ['phone', 'regionCode']],
        [{ regionCode: 'Z01' }, ['regionCode']], // a functional zone is not where anyone lives
        [{ regionCode: '999999' }, ['regionCode']],
        [{ idNumber: badChecksum, phone: '123', password: 'x' }, ['idNumber', 'phone', 'password']],
      ];
      for (const [over, fields] of cases) {
        const res = await refusedSignUp(signUpInput(over), 'BAD_USER_INPUT', fields);
        expect(res.body.errors![0].message).not.toBe(SIGN_UP_REFUSED);
      }
      // A phone sent as a number fails GraphQL's String type; the error names the field, not the number.
      const numeric = await refusedSignUp(signUpInput({ phone: 13912340099 }), 'BAD_USER_INPUT');
      expect(numeric.body.errors![0].extensions!.fields).toEqual([expect.stringMatching(/phone$/)]);
    });

    it('refuses an expired or invalid token with UNAUTHENTICATED', async () => {
      const expired = jwt.sign({ ver: 0, exp: Math.floor(Date.now() / 1000) - 60 }, TEST_JWT_SECRET, {
        subject: a.userId,
        issuer: 'eldercare-portal',
      });
      const forged = jwt.sign({ ver: 0 }, 'another-secret-that-is-long-enough-0123456789', {
        subject: a.userId,
        issuer: 'eldercare-portal',
        expiresIn: 3600,
      });
      for (const token of [expired, forged, 'not-a-token']) {
        await refusedSignUp(signUpInput({ phone: null, regionCode: null }), 'UNAUTHENTICATED', undefined, token);
      }
    });

    it('lets an institution admin sign someone up without a phone, in its region, with specific errors', async () => {
      const idNumber = residentId({ birthDate: '1955-05-05' });
      const input = signUpInput({ idNumber, name: '黄桂英', phone: null, regionCode: null });
      const v = ok(await signUp(input, b.token), 'registerVolunteer');
      expect(v).toMatchObject({ regionCode: '500103', person: { name: '黄桂英', birthDate: '1955-05-05' } });
      const { rows } = await t.db.query('SELECT registered_by FROM volunteer WHERE id = $1', [v.id]);
      expect(rows[0].registered_by).toBe(b.userId);
      // Issue 13: the password the admin typed in works once, only to choose her own.
      const first = await login(t, input.username as string);
      expect(codes(await t.gql(BANK, {}, first))).toEqual(['FORBIDDEN']);
      const own = await changeTemporaryPassword(t, first, input.password as string);
      expect(await bank(t, own)).toMatchObject({ timeBalanceMinutes: 0 });

      // An explicit region is kept.
      const elsewhere = ok(
        await signUp(signUpInput({ phone: null, regionCode: '500106' }), b.token),
        'registerVolunteer',
      );
      expect(elsewhere.regionCode).toBe('500106');

      const specific: [Record<string, unknown>, string][] = [
        [{ username: input.username }, 'username'],
        [{ idNumber, name: '黄贵英' }, 'name'],
        [{ idNumber, name: '黄桂英' }, 'idNumber'],
      ];
      for (const [over, field] of specific) {
        const res = await refusedSignUp(signUpInput({ phone: null, ...over }), 'CONFLICT', [field], b.token);
        expect(res.body.errors![0].message).not.toBe(SIGN_UP_REFUSED);
      }
      // Formats are still checked.
      await refusedSignUp(signUpInput({ phone: '555' }), 'BAD_USER_INPUT', ['phone'], b.token);
      await refusedSignUp(signUpInput({ regionCode: 'Z02' }), 'BAD_USER_INPUT', ['regionCode'], b.token);
    });

    it('never shows a full ID number or phone number in a response, a log line or the audit trail', async () => {
      expect(bodies.length).toBeGreaterThan(20);
      expect(secrets.length).toBeGreaterThan(20);
      expect(t.logs.length).toBeGreaterThan(bodies.length);
      const responses = JSON.stringify(bodies);
      const logs = t.logs.join('\n');
      const { rows } = await t.db.query(
        `SELECT coalesce(string_agg(summary::text, ' '), '') AS s FROM audit_event WHERE operation = 'registerVolunteer'`,
      );
      for (const secret of new Set(secrets)) {
        expect({ secret, inResponses: responses.includes(secret) }).toEqual({ secret, inResponses: false });
        expect({ secret, inLogs: logs.includes(secret) }).toEqual({ secret, inLogs: false });
        expect({ secret, inAudit: rows[0].s.includes(secret) }).toEqual({ secret, inAudit: false });
      }
    });
  });

  // -----------------------------------------------------------------------------------------------------------------
  describe('relatives', () => {
    let v: TestVolunteer;
    let other: TestVolunteer;

    beforeAll(async () => {
      v = await registerVolunteer(t, { birthDate: yearsBefore(TODAY, 62) });
      other = await registerVolunteer(t, { birthDate: '1959-07-07', name: '赵敏' });
    });

    const register = (token: string, input: Record<string, unknown>) =>
      t.gql(RELATIVE, { i: { relationship: 'SPOUSE', ...input } }, token);

    it('refuses the volunteer itself and bad input, writing nothing; a name the registry holds otherwise stays private', async () => {
      await refused(
        t,
        'registerRelative',
        'BAD_USER_INPUT',
        () => register(v.token, { idNumber: v.idNumber, name: v.name }),
        ['idNumber'],
      );
      // Another name for a registered person is accepted like any other declaration (the registry is not asked,
      // so the answer tells nothing), is not written to the registry, and gives no account to transfer to.
      const u = await registerVolunteer(t);
      const persons = (await state(t, 'registerRelative')).persons;
      const mismatch = ok(await register(u.token, { idNumber: other.idNumber, name: '赵明' }), 'registerRelative');
      expect(mismatch).toMatchObject({ name: '赵明', hasAccount: false });
      expect(JSON.stringify(mismatch)).not.toContain('赵敏');
      expect((await state(t, 'registerRelative')).persons).toBe(persons);
      const badId = v.idNumber.slice(0, 17) + (v.idNumber[17] === '1' ? '2' : '1');
      await refused(t, 'registerRelative', 'BAD_USER_INPUT', () => register(v.token, { idNumber: badId, name: '某' }), [
        'idNumber',
      ]);
      await refused(
        t,
        'registerRelative',
        'BAD_USER_INPUT',
        () => register(v.token, { idNumber: residentId(), name: '' }),
        ['name'],
      );
      const admin = await site(t);
      await refused(t, 'registerRelative', 'FORBIDDEN', () =>
        register(admin.token, { idNumber: residentId(), name: '某人' }),
      );
    });

    it('returns the stored relative for a repeat and refuses another relationship with CONFLICT', async () => {
      const first = ok(
        await register(v.token, { idNumber: other.idNumber, name: '赵敏', relationship: 'SIBLING' }),
        'registerRelative',
      );
      expect(first).toMatchObject({ relationship: 'SIBLING', name: '赵敏', age: expect.any(Number), hasAccount: true });
      const before = await state(t, 'registerRelative');
      const again = ok(
        await register(v.token, { idNumber: other.idNumber, name: '赵敏', relationship: 'SIBLING' }),
        'registerRelative',
      );
      expect(again.id).toBe(first.id);
      expect((await state(t, 'registerRelative')).relatives).toBe(before.relatives);
      await refused(
        t,
        'registerRelative',
        'CONFLICT',
        // SPOUSE, not CHILD: a child of the same age would be refused as implausible before the conflict.
        () => register(v.token, { idNumber: other.idNumber, name: '赵敏', relationship: 'SPOUSE' }),
        ['relationship'],
      );
    });

    it('shows each relative’s age from the ID number and whether it has an account', async () => {
      // Young enough (41) for parents of 60 and 59 and a grandchild of 8 to be plausible.
      const w = await registerVolunteer(t, { name: '钱多多', birthDate: '1985-01-01' });
      const w60 = residentId({ birthDate: yearsBefore(TODAY, 60) });
      const w59 = residentId({ birthDate: addDays(yearsBefore(TODAY, 60), 1) });
      const w8 = residentId({ birthDate: yearsBefore(TODAY, 8) });
      const idOf = async (input: Record<string, unknown>) => ok(await register(w.token, input), 'registerRelative');
      const r60 = await idOf({ idNumber: w60, name: '钱父', relationship: 'PARENT' });
      const r59 = await idOf({ idNumber: w59, name: '钱母', relationship: 'PARENT' });
      const r8 = await idOf({ idNumber: w8, name: '钱孙', relationship: 'GRANDCHILD' });
      const rv = await idOf({ idNumber: v.idNumber, name: v.name, relationship: 'SIBLING' });
      expect([r60.age, r59.age, r8.age]).toEqual([60, 59, 8]);
      expect((await bank(t, w.token)).relatives).toEqual([
        { id: r60.id, relationship: 'PARENT', name: '钱父', age: 60, hasAccount: false },
        { id: r59.id, relationship: 'PARENT', name: '钱母', age: 59, hasAccount: false },
        { id: r8.id, relationship: 'GRANDCHILD', name: '钱孙', age: 8, hasAccount: false },
        { id: rv.id, relationship: 'SIBLING', name: v.name, age: 62, hasAccount: true },
      ]);
      // Once the parent signs up, the same relative has an account.
      await registerVolunteer(t, { idNumber: w60, name: '钱父' });
      expect((await bank(t, w.token)).relatives[0]).toMatchObject({ id: r60.id, hasAccount: true });
    });
  });

  // -----------------------------------------------------------------------------------------------------------------
  describe('logging service', () => {
    let v: TestVolunteer;
    let other: TestVolunteer;
    let a: Awaited<ReturnType<typeof site>>;
    let b: Awaited<ReturnType<typeof site>>;
    const log = (token: string, over: Record<string, unknown>) => t.gql(LOG, { i: logInput(over) }, token);

    beforeAll(async () => {
      v = await registerVolunteer(t);
      other = await registerVolunteer(t);
      a = await site(t, '500101');
      b = await site(t, '500103');
    });

    it('refuses dates in the future or beyond the 90-day window, and accepts the window’s first day', async () => {
      await refused(
        t,
        'logService',
        'BAD_USER_INPUT',
        () => log(v.token, { institutionId: a.id, serviceDate: addDays(TODAY, 1) }),
        ['serviceDate'],
      );
      await refused(
        t,
        'logService',
        'BAD_USER_INPUT',
        () => log(v.token, { institutionId: a.id, serviceDate: addDays(TODAY, -91) }),
        ['serviceDate'],
      );
      const oldest = await logService(t, v.token, { institutionId: a.id, serviceDate: addDays(TODAY, -90) });
      expect(oldest).toMatchObject({ status: 'LOGGED', institution: { id: a.id } });
      const today = ok(await log(v.token, { institutionId: a.id }), 'logService');
      expect(today).toMatchObject({
        status: 'LOGGED',
        serviceDate: TODAY,
        creditedMinutes: null,
        uncreditedMinutes: null,
        pointsAwarded: null,
        volunteer: { id: v.id },
      });
    });

    it('takes whole minutes from 1 to 1440 only', async () => {
      for (const minutes of [0, -5, 1441]) {
        await refused(t, 'logService', 'BAD_USER_INPUT', () => log(v.token, { institutionId: a.id, minutes }), [
          'minutes',
        ]);
      }
      // Not a whole number: GraphQL's Int refuses it before the service runs.
      const fraction = await refused(t, 'logService', 'BAD_USER_INPUT', () =>
        log(v.token, { institutionId: a.id, minutes: 30.5 }),
      );
      expect(fraction.body.errors![0].extensions!.fields).toEqual([expect.stringMatching(/minutes$/)]);
      expect(ok(await log(v.token, { institutionId: a.id, minutes: 1440 }), 'logService').minutes).toBe(1440);
      expect(ok(await log(v.token, { institutionId: a.id, minutes: 1 }), 'logService').minutes).toBe(1);
    });

    it('refuses an unknown or missing institution and an over-long note', async () => {
      // Issue 13: an id that is malformed or names nothing is NOT_FOUND (it was BAD_USER_INPUT "No such service site").
      for (const institutionId of [randomUUID(), 'not-an-id']) {
        await refused(t, 'logService', 'NOT_FOUND', () => log(v.token, { institutionId }));
      }
      await refused(t, 'logService', 'BAD_USER_INPUT', () => log(v.token, {}), ['institutionId']);
      await refused(
        t,
        'logService',
        'BAD_USER_INPUT',
        () => log(v.token, { institutionId: a.id, note: 'x'.repeat(501) }),
        ['note'],
      );
    });

    it('lets a volunteer log only its own service', async () => {
      await refused(t, 'logService', 'FORBIDDEN', () => log(v.token, { institutionId: a.id, volunteerId: other.id }));
      const own = ok(await log(v.token, { institutionId: a.id, volunteerId: v.id }), 'logService');
      expect(own.volunteer.id).toBe(v.id);
    });

    it('lets an institution admin log for a volunteer at its own institution only', async () => {
      const byAdmin = ok(await log(a.token, { volunteerId: v.id }), 'logService');
      expect(byAdmin).toMatchObject({ status: 'LOGGED', institution: { id: a.id }, volunteer: { id: v.id } });
      const { rows } = await t.db.query('SELECT logged_by FROM service_record WHERE id = $1', [byAdmin.id]);
      expect(rows[0].logged_by).toBe(a.userId);
      const named = ok(await log(a.token, { volunteerId: v.id, institutionId: a.id }), 'logService');
      expect(named.institution.id).toBe(a.id);

      await refused(t, 'logService', 'FORBIDDEN', () => log(a.token, { volunteerId: v.id, institutionId: b.id }));
      await refused(t, 'logService', 'BAD_USER_INPUT', () => log(a.token, {}), ['volunteerId']);
      await refused(t, 'logService', 'NOT_FOUND', () => log(a.token, { volunteerId: randomUUID() }));
      await refused(t, 'logService', 'FORBIDDEN', () => log(municipal, { volunteerId: v.id, institutionId: a.id }));
    });
  });

  // -----------------------------------------------------------------------------------------------------------------
  describe('verifying and rejecting service', () => {
    let v: TestVolunteer;
    let a: Awaited<ReturnType<typeof site>>;
    let b: Awaited<ReturnType<typeof site>>;

    beforeAll(async () => {
      v = await registerVolunteer(t);
      a = await site(t, '500101');
      b = await site(t, '500101');
    });

    it('lets only the admin of the institution where it happened decide, and only once', async () => {
      const r = await logService(t, v.token, { institutionId: a.id, serviceDate: addDays(TODAY, -1), minutes: 120 });
      for (const token of [b.token, v.token, municipal, sysAdmin]) {
        await refused(t, 'verifyService', 'FORBIDDEN', () => t.gql(VERIFY, { id: r.id }, token));
        await refused(t, 'rejectService', 'FORBIDDEN', () => t.gql(REJECT, { id: r.id, r: 'no' }, token));
      }
      await refused(t, 'verifyService', 'NOT_FOUND', () => t.gql(VERIFY, { id: randomUUID() }, a.token));
      expect(await verify(t, a.token, r.id)).toMatchObject({
        status: 'VERIFIED',
        creditedMinutes: 120,
        uncreditedMinutes: 0,
        pointsAwarded: 20,
      });
      await refused(t, 'verifyService', 'CONFLICT', () => t.gql(VERIFY, { id: r.id }, a.token), ['id']);
      await refused(t, 'rejectService', 'CONFLICT', () => t.gql(REJECT, { id: r.id, r: 'late' }, a.token), ['id']);
      expect(await balances(t, v.token)).toEqual([120, 20]);
    });

    it('credits nothing for a rejected record, and a rejection is final', async () => {
      const r = await logService(t, v.token, { institutionId: a.id, serviceDate: addDays(TODAY, -2), minutes: 200 });
      await refused(t, 'rejectService', 'BAD_USER_INPUT', () => t.gql(REJECT, { id: r.id, r: '  ' }, a.token), [
        'reason',
      ]);
      const before = await state(t, 'rejectService');
      const rejected = ok(await t.gql(REJECT, { id: r.id, r: 'not seen at the site' }, a.token), 'rejectService');
      expect(rejected).toMatchObject({
        status: 'REJECTED',
        creditedMinutes: null,
        uncreditedMinutes: null,
        pointsAwarded: null,
        journalId: null,
        rejectReason: 'not seen at the site',
      });
      const after = await state(t, 'rejectService');
      expect(after).toMatchObject({
        journals: before.journals,
        postings: before.postings,
        balances: before.balances,
        audit: (before.audit as number) + 1,
      });
      await refused(t, 'verifyService', 'CONFLICT', () => t.gql(VERIFY, { id: r.id }, a.token), ['id']);
      await refused(t, 'rejectService', 'CONFLICT', () => t.gql(REJECT, { id: r.id, r: 'again' }, a.token), ['id']);
      expect(await balances(t, v.token)).toEqual([120, 20]);
    });

    it('caps credit at 480 service minutes per volunteer per service date', async () => {
      const w = await registerVolunteer(t);
      const day = addDays(TODAY, -3);
      const r1 = await logService(t, w.token, { institutionId: a.id, serviceDate: day, minutes: 300 });
      const r2 = await logService(t, w.token, { institutionId: b.id, serviceDate: day, minutes: 300 });
      const r3 = await logService(t, w.token, { institutionId: a.id, serviceDate: day, minutes: 60 });
      // A rejected record on the day takes no room under the cap.
      const rejected = await logService(t, w.token, { institutionId: a.id, serviceDate: day, minutes: 400 });
      ok(await t.gql(REJECT, { id: rejected.id, r: 'duplicate' }, a.token), 'rejectService');

      expect(await verify(t, a.token, r1.id)).toMatchObject({
        creditedMinutes: 300,
        uncreditedMinutes: 0,
        pointsAwarded: 50,
      });
      // 480 - 300 = 180 minutes of room left; 120 not credited; floor(180 x 10 / 60) = 30 points.
      expect(await verify(t, b.token, r2.id)).toMatchObject({
        creditedMinutes: 180,
        uncreditedMinutes: 120,
        pointsAwarded: 30,
      });
      expect(await balances(t, w.token)).toEqual([480, 80]);
      // The day is full: the record is verified, nothing is credited and no journal is posted.
      const before = await state(t, 'verifyService');
      expect(await verify(t, a.token, r3.id)).toEqual({
        id: r3.id,
        status: 'VERIFIED',
        minutes: 60,
        creditedMinutes: 0,
        uncreditedMinutes: 60,
        pointsAwarded: 0,
        journalId: null,
      });
      expect(await state(t, 'verifyService')).toMatchObject({
        journals: before.journals,
        postings: before.postings,
        balances: before.balances,
        audit: (before.audit as number) + 1,
      });
      // Another date has its own cap.
      const r4 = await logService(t, w.token, { institutionId: a.id, serviceDate: addDays(TODAY, -4), minutes: 300 });
      expect(await verify(t, a.token, r4.id)).toMatchObject({ creditedMinutes: 300, uncreditedMinutes: 0 });
      expect(await balances(t, w.token)).toEqual([780, 130]);
    });

    it('rounds points down: 50 minutes earn 8 points, 5 minutes earn none', async () => {
      const w = await registerVolunteer(t);
      const r50 = await logService(t, w.token, { institutionId: a.id, minutes: 50 });
      const r5 = await logService(t, w.token, { institutionId: a.id, minutes: 5, serviceDate: addDays(TODAY, -1) });
      // floor(50 x 10 / 60) = floor(8.33) = 8; floor(5 x 10 / 60) = floor(0.83) = 0.
      expect(await verify(t, a.token, r50.id)).toMatchObject({ creditedMinutes: 50, pointsAwarded: 8 });
      const five = await verify(t, a.token, r5.id);
      expect(five).toMatchObject({ creditedMinutes: 5, uncreditedMinutes: 0, pointsAwarded: 0 });
      expect(await balances(t, w.token)).toEqual([55, 8]);
      // The 5-minute journal has no POINTS line at all (a zero posting is never written).
      const { rows } = await t.db.query(
        `SELECT currency, kind, amount::int AS amount FROM posting WHERE journal_id = $1 ORDER BY id`,
        [five.journalId],
      );
      expect(rows).toEqual([
        { currency: 'TIME', kind: 'EARN', amount: -5 },
        { currency: 'TIME', kind: 'EARN', amount: 5 },
      ]);
    });
  });

  // -----------------------------------------------------------------------------------------------------------------
  describe('spending', () => {
    let a: Awaited<ReturnType<typeof site>>;
    let b: Awaited<ReturnType<typeof site>>;
    let v: TestVolunteer; // 62, 480 minutes, 80 points
    let young: TestVolunteer; // 30, 120 minutes, 20 points
    let spouse: TestVolunteer; // v's spouse, with an account
    let spouseRel: string;
    let noAccountRel: string; // v's sibling without an account
    let parent60: string; // young's parent, 60 today
    let parent59: string; // young's parent, 60 tomorrow
    const redeem = (token: string, input: Record<string, unknown>) =>
      t.gql(REDEEM, { i: { idempotencyKey: randomUUID(), ...input } }, token);
    const transfer = (token: string, input: Record<string, unknown>) =>
      t.gql(TRANSFER, { i: { idempotencyKey: randomUUID(), ...input } }, token);

    beforeAll(async () => {
      a = await site(t, '500101');
      b = await site(t, '500103');
      v = await registerVolunteer(t);
      young = await registerVolunteer(t, { birthDate: yearsBefore(TODAY, 30) });
      spouse = await registerVolunteer(t, { birthDate: '1965-05-05', name: '孙丽' });
      spouseRel = await registerRelative(t, v.token, { idNumber: spouse.idNumber, name: '孙丽' });
      noAccountRel = await registerRelative(t, v.token, {
        idNumber: residentId({ birthDate: '1960-01-01' }),
        name: '孙强',
        relationship: 'SIBLING',
      });
      const p60 = residentId({ birthDate: yearsBefore(TODAY, 60) });
      const p59 = residentId({ birthDate: addDays(yearsBefore(TODAY, 60), 1) });
      parent60 = await registerRelative(t, young.token, { idNumber: p60, name: '吴父', relationship: 'PARENT' });
      parent59 = await registerRelative(t, young.token, { idNumber: p59, name: '吴母', relationship: 'PARENT' });
      await earnCredits(t, v.token, a.token, { institutionId: a.id, minutes: 480, serviceDate: addDays(TODAY, -1) });
      await earnCredits(t, young.token, a.token, { institutionId: a.id, minutes: 120 });
    });

    it('redeems care only for someone aged 60 or over', async () => {
      // The volunteer itself is 30.
      await refused(
        t,
        'redeemTime',
        'BAD_USER_INPUT',
        () => redeem(young.token, { minutes: 30, institutionId: a.id }),
        ['beneficiaryRelativeId'],
      );
      // A relative who turns 60 tomorrow.
      await refused(
        t,
        'redeemTime',
        'BAD_USER_INPUT',
        () => redeem(young.token, { minutes: 30, institutionId: a.id, beneficiaryRelativeId: parent59 }),
        ['beneficiaryRelativeId'],
      );
      // A relative who turns 60 today.
      const forParent = ok(
        await redeem(young.token, { minutes: 30, institutionId: a.id, beneficiaryRelativeId: parent60 }),
        'redeemTime',
      );
      expect(forParent).toMatchObject({
        status: 'PENDING',
        minutes: 30,
        relationship: 'PARENT',
        beneficiaryName: '吴父',
        institution: { id: a.id },
      });
      expect(await balances(t, young.token)).toEqual([90, 20]);
      // Someone else's relative is not the caller's to name (issue 13: NOT_FOUND, it was BAD_USER_INPUT).
      await refused(t, 'redeemTime', 'NOT_FOUND', () =>
        redeem(v.token, { minutes: 30, institutionId: a.id, beneficiaryRelativeId: parent60 }),
      );
      // The volunteer aged 62, for itself.
      const self = ok(await redeem(v.token, { minutes: 60, institutionId: b.id }), 'redeemTime');
      expect(self).toMatchObject({ status: 'PENDING', minutes: 60, relationship: null, beneficiaryName: v.name });
      expect(await balances(t, v.token)).toEqual([420, 80]);
    });

    it('refuses zero or negative minutes, an unknown institution and more than the balance', async () => {
      for (const minutes of [0, -10]) {
        await refused(t, 'redeemTime', 'BAD_USER_INPUT', () => redeem(v.token, { minutes, institutionId: a.id }), [
          'minutes',
        ]);
      }
      // Issue 13: an unknown or malformed site is NOT_FOUND (it was BAD_USER_INPUT).
      for (const institutionId of [randomUUID(), 'nowhere']) {
        await refused(t, 'redeemTime', 'NOT_FOUND', () => redeem(v.token, { minutes: 10, institutionId }));
      }
      await refused(t, 'redeemTime', 'INSUFFICIENT_BALANCE', () =>
        redeem(v.token, { minutes: 421, institutionId: a.id }),
      );
      await refused(t, 'redeemTime', 'BAD_USER_INPUT', () =>
        redeem(v.token, { minutes: 10, institutionId: a.id, idempotencyKey: '' }),
      );
      await refused(t, 'redeemTime', 'FORBIDDEN', () => redeem(a.token, { minutes: 10, institutionId: a.id }));
      expect(await balances(t, v.token)).toEqual([420, 80]);
    });

    it('returns the first result for a repeated key and refuses the key for a different request', async () => {
      const key = `redeem-${randomUUID()}`;
      const first = ok(await redeem(v.token, { minutes: 20, institutionId: a.id, idempotencyKey: key }), 'redeemTime');
      expect(await balances(t, v.token)).toEqual([400, 80]);
      const before = await state(t, 'redeemTime');
      const again = ok(await redeem(v.token, { minutes: 20, institutionId: a.id, idempotencyKey: key }), 'redeemTime');
      expect(again).toEqual(first);
      expect(await state(t, 'redeemTime')).toMatchObject({
        journals: before.journals,
        redemptions: before.redemptions,
        balances: before.balances,
      });
      for (const change of [{ minutes: 21 }, { institutionId: b.id }, { beneficiaryRelativeId: spouseRel }]) {
        await refused(
          t,
          'redeemTime',
          'CONFLICT',
          () => redeem(v.token, { minutes: 20, institutionId: a.id, idempotencyKey: key, ...change }),
          ['idempotencyKey'],
        );
      }
      // Keys belong to the caller: another volunteer may use the same one.
      const other = ok(
        await redeem(young.token, {
          minutes: 1,
          institutionId: a.id,
          beneficiaryRelativeId: parent60,
          idempotencyKey: key,
        }),
        'redeemTime',
      );
      expect(other.id).not.toBe(first.id);
      expect(await balances(t, v.token)).toEqual([400, 80]);
    });

    it('lets only the institution giving the care confirm or cancel it, once', async () => {
      const toConfirm = ok(await redeem(v.token, { minutes: 40, institutionId: a.id }), 'redeemTime');
      const toCancel = ok(await redeem(v.token, { minutes: 25, institutionId: a.id }), 'redeemTime');
      expect(await balances(t, v.token)).toEqual([335, 80]);
      for (const token of [b.token, v.token, municipal]) {
        await refused(t, 'confirmCareRedemption', 'FORBIDDEN', () => t.gql(CONFIRM, { id: toConfirm.id }, token));
        await refused(t, 'cancelCareRedemption', 'FORBIDDEN', () => t.gql(CANCEL, { id: toCancel.id, r: 'no' }, token));
      }
      await refused(t, 'confirmCareRedemption', 'NOT_FOUND', () => t.gql(CONFIRM, { id: randomUUID() }, a.token));
      await refused(t, 'cancelCareRedemption', 'BAD_USER_INPUT', () =>
        t.gql(CANCEL, { id: toCancel.id, r: ' ' }, a.token),
      );

      expect(ok(await t.gql(CONFIRM, { id: toConfirm.id }, a.token), 'confirmCareRedemption')).toMatchObject({
        status: 'COMPLETED',
        refundJournalId: null,
      });
      await refused(t, 'confirmCareRedemption', 'CONFLICT', () => t.gql(CONFIRM, { id: toConfirm.id }, a.token), [
        'id',
      ]);
      await refused(
        t,
        'cancelCareRedemption',
        'CONFLICT',
        () => t.gql(CANCEL, { id: toConfirm.id, r: 'late' }, a.token),
        ['id'],
      );
      expect(await balances(t, v.token)).toEqual([335, 80]);

      const cancelled = ok(
        await t.gql(CANCEL, { id: toCancel.id, r: 'no carer free' }, a.token),
        'cancelCareRedemption',
      );
      expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: 'no carer free' });
      expect(cancelled.refundJournalId).toEqual(expect.any(String));
      expect(await balances(t, v.token)).toEqual([360, 80]);
      await refused(t, 'cancelCareRedemption', 'CONFLICT', () =>
        t.gql(CANCEL, { id: toCancel.id, r: 'again' }, a.token),
      );
      await refused(t, 'confirmCareRedemption', 'CONFLICT', () => t.gql(CONFIRM, { id: toCancel.id }, a.token));
      expect(await balances(t, v.token)).toEqual([360, 80]);
    });

    it('transfers only to one registered relative with an account, or to the pool', async () => {
      // Neither recipient, or both.
      await refused(t, 'transferCredits', 'BAD_USER_INPUT', () => transfer(v.token, { minutes: 10 }), ['toPublicPool']);
      await refused(t, 'donateCredits', 'BAD_USER_INPUT', () =>
        transfer(v.token, { minutes: 10, toPublicPool: false }),
      );
      await refused(
        t,
        'donateCredits',
        'BAD_USER_INPUT',
        () => transfer(v.token, { minutes: 10, toPublicPool: true, toRelativeId: spouseRel }),
        ['toRelativeId'],
      );
      // A relative without an account.
      await refused(
        t,
        'transferCredits',
        'BAD_USER_INPUT',
        () => transfer(v.token, { minutes: 10, toRelativeId: noAccountRel }),
        ['toRelativeId'],
      );
      // Someone else's relative; not a relative at all (issue 13: NOT_FOUND, it was BAD_USER_INPUT).
      for (const toRelativeId of [parent60, randomUUID(), 'nobody']) {
        await refused(t, 'transferCredits', 'NOT_FOUND', () => transfer(v.token, { minutes: 10, toRelativeId }));
      }
      for (const minutes of [0, -1]) {
        await refused(
          t,
          'transferCredits',
          'BAD_USER_INPUT',
          () => transfer(v.token, { minutes, toRelativeId: spouseRel }),
          ['minutes'],
        );
      }
      // More than the balance of 360.
      await refused(t, 'transferCredits', 'INSUFFICIENT_BALANCE', () =>
        transfer(v.token, { minutes: 361, toRelativeId: spouseRel }),
      );
      await refused(t, 'donateCredits', 'INSUFFICIENT_BALANCE', () =>
        transfer(v.token, { minutes: 361, toPublicPool: true }),
      );
      expect(await balances(t, v.token)).toEqual([360, 80]);
      expect(await balances(t, spouse.token)).toEqual([0, 0]);

      const key = `transfer-${randomUUID()}`;
      const done = ok(
        await transfer(v.token, { minutes: 60, toRelativeId: spouseRel, idempotencyKey: key }),
        'transferCredits',
      );
      expect(done.kind).toBe('TRANSFER');
      expect(done.lines).toEqual([
        { volunteerId: v.id, systemAccount: null, currency: 'TIME', kind: 'TRANSFER_OUT', amount: -60 },
        { volunteerId: spouse.id, systemAccount: null, currency: 'TIME', kind: 'TRANSFER_IN', amount: 60 },
      ]);
      expect(
        ok(await transfer(v.token, { minutes: 60, toRelativeId: spouseRel, idempotencyKey: key }), 'transferCredits')
          .id,
      ).toBe(done.id);
      await refused(
        t,
        'transferCredits',
        'CONFLICT',
        () => transfer(v.token, { minutes: 61, toRelativeId: spouseRel, idempotencyKey: key }),
        ['idempotencyKey'],
      );
      await refused(
        t,
        'donateCredits',
        'CONFLICT',
        () => transfer(v.token, { minutes: 60, toPublicPool: true, idempotencyKey: key }),
        ['idempotencyKey'],
      );
      expect(await balances(t, v.token)).toEqual([300, 80]);
      expect(await balances(t, spouse.token)).toEqual([60, 0]);

      const pool = await poolBalance(t);
      const donation = ok(await transfer(v.token, { minutes: 15, toPublicPool: true }), 'transferCredits');
      expect(donation.lines).toEqual([
        { volunteerId: v.id, systemAccount: null, currency: 'TIME', kind: 'DONATION', amount: -15 },
        { volunteerId: null, systemAccount: 'PUBLIC_POOL', currency: 'TIME', kind: 'DONATION', amount: 15 },
      ]);
      expect(await poolBalance(t)).toBe(pool + 15);
      expect(await balances(t, v.token)).toEqual([285, 80]);
    });

    it('sells rewards for points: out of stock, inactive and unaffordable rewards are refused', async () => {
      const reward = async (name: string, pointsCost: number, stock: number) =>
        ok(
          await t.gql(
            CREATE_REWARD,
            { i: { name: `${name}-${randomUUID().slice(0, 6)}`, pointsCost, stock } },
            municipal,
          ),
          'createReward',
        );
      const buy = (rewardId: string, quantity: number, idempotencyKey: string = randomUUID()) =>
        t.gql(REDEEM_POINTS, { i: { rewardId, quantity, idempotencyKey } }, v.token);

      const last = await reward('保温杯', 30, 1);
      const bought = ok(await buy(last.id, 1), 'redeemPoints');
      expect(bought.lines).toEqual([
        { volunteerId: v.id, systemAccount: null, currency: 'POINTS', kind: 'REWARD', amount: -30 },
        { volunteerId: null, systemAccount: 'REWARDS', currency: 'POINTS', kind: 'REWARD', amount: 30 },
      ]);
      expect(await balances(t, v.token)).toEqual([285, 50]);
      await refused(t, 'redeemPoints', 'BAD_USER_INPUT', () => buy(last.id, 1), ['quantity']);

      const few = await reward('毛巾', 5, 3);
      // 4 x 5 = 20 points are affordable, but only 3 are left.
      const short = await refused(t, 'redeemPoints', 'BAD_USER_INPUT', () => buy(few.id, 4), ['quantity']);
      expect(short.body.errors![0].message).toMatch(/stock/i);

      const hidden = await reward('雨伞', 5, 10);
      ok(await t.gql(UPDATE_REWARD, { i: { id: hidden.id, active: false } }, municipal), 'updateReward');
      await refused(t, 'redeemPoints', 'NOT_FOUND', () => buy(hidden.id, 1));
      await refused(t, 'redeemPoints', 'NOT_FOUND', () => buy(randomUUID(), 1));
      const listed = ok(await t.gql('query { rewards(first: 100) { edges { node { id } } } }', {}, v.token), 'rewards');
      expect(listed.edges.map((e: any) => e.node.id)).not.toContain(hidden.id);

      const dear = await reward('按摩椅', 51, 10);
      await refused(t, 'redeemPoints', 'INSUFFICIENT_BALANCE', () => buy(dear.id, 1));
      // 11 x 5 = 55 points > 50 (and more than the stock, which is checked after the balance).
      await refused(t, 'redeemPoints', 'INSUFFICIENT_BALANCE', () => buy(few.id, 11));
      for (const quantity of [0, 101]) {
        await refused(t, 'redeemPoints', 'BAD_USER_INPUT', () => buy(few.id, quantity), ['quantity']);
      }

      const key = `points-${randomUUID()}`;
      const two = ok(await buy(few.id, 2, key), 'redeemPoints');
      expect(ok(await buy(few.id, 2, key), 'redeemPoints').id).toBe(two.id);
      await refused(t, 'redeemPoints', 'CONFLICT', () => buy(few.id, 1, key), ['idempotencyKey']);
      expect(await balances(t, v.token)).toEqual([285, 40]);
      const { rows } = await t.db.query('SELECT stock FROM reward WHERE id = $1', [few.id]);
      expect(rows[0].stock).toBe(1);
    });
  });

  // -----------------------------------------------------------------------------------------------------------------
  describe('the public pool and reversals', () => {
    let a: Awaited<ReturnType<typeof site>>;
    let district: string; // planner of 500106
    let inRegion: TestVolunteer; // lives in 500106
    let outside: TestVolunteer; // lives in 500101
    let donor: TestVolunteer;
    const grant = (token: string, input: Record<string, unknown>) =>
      t.gql(GRANT, { i: { reason: 'empty-nest elder', idempotencyKey: randomUUID(), ...input } }, token);
    const reverse = (token: string, id: string, r = 'entered by mistake') => t.gql(REVERSE, { id, r }, token);

    beforeAll(async () => {
      a = await site(t, '500106');
      district = (await signIn(t, { role: 'DISTRICT_PLANNER', regionCode: '500106' })).token;
      inRegion = await registerVolunteer(t, { regionCode: '500106' });
      outside = await registerVolunteer(t, { regionCode: '500101' });
      donor = await registerVolunteer(t);
      await earnCredits(t, donor.token, a.token, { institutionId: a.id, minutes: 300 });
      ok(
        await t.gql(TRANSFER, { i: { toPublicPool: true, minutes: 200, idempotencyKey: 'fill-pool' } }, donor.token),
        'transferCredits',
      );
    });

    it('lets a district planner grant only to volunteers living in its region, a municipal planner to anyone', async () => {
      const pool = await poolBalance(t);
      expect(pool).toBeGreaterThanOrEqual(200);
      // The volunteer serves in 500106 but lives in 500101.
      await earnCredits(t, outside.token, a.token, { institutionId: a.id, minutes: 10 });
      await refused(t, 'grantFromPool', 'FORBIDDEN', () => grant(district, { volunteerId: outside.id, minutes: 10 }));
      const byDistrict = ok(await grant(district, { volunteerId: inRegion.id, minutes: 30 }), 'grantFromPool');
      expect(byDistrict).toMatchObject({ kind: 'POOL_GRANT', note: 'empty-nest elder' });
      expect(byDistrict.lines).toEqual([
        { volunteerId: null, systemAccount: 'PUBLIC_POOL', currency: 'TIME', kind: 'POOL_GRANT', amount: -30 },
        { volunteerId: inRegion.id, systemAccount: null, currency: 'TIME', kind: 'POOL_GRANT', amount: 30 },
      ]);
      ok(await grant(municipal, { volunteerId: outside.id, minutes: 20 }), 'grantFromPool');
      expect(await poolBalance(t)).toBe(pool - 50);
      expect(await balances(t, inRegion.token)).toEqual([30, 0]);
      expect(await balances(t, outside.token)).toEqual([30, 1]);

      for (const token of [inRegion.token, a.token, sysAdmin]) {
        await refused(t, 'grantFromPool', 'FORBIDDEN', () => grant(token, { volunteerId: inRegion.id, minutes: 1 }));
      }
      await refused(t, 'grantFromPool', 'NOT_FOUND', () => grant(municipal, { volunteerId: randomUUID(), minutes: 1 }));
      await refused(t, 'grantFromPool', 'BAD_USER_INPUT', () =>
        grant(municipal, { volunteerId: inRegion.id, minutes: 1, reason: ' ' }),
      );
      await refused(t, 'grantFromPool', 'BAD_USER_INPUT', () =>
        grant(municipal, { volunteerId: inRegion.id, minutes: 0 }),
      );
      await refused(t, 'grantFromPool', 'INSUFFICIENT_BALANCE', () =>
        grant(municipal, { volunteerId: inRegion.id, minutes: pool - 50 + 1 }),
      );
      const key = `grant-${randomUUID()}`;
      const first = ok(
        await grant(municipal, { volunteerId: inRegion.id, minutes: 5, idempotencyKey: key }),
        'grantFromPool',
      );
      expect(
        ok(await grant(municipal, { volunteerId: inRegion.id, minutes: 5, idempotencyKey: key }), 'grantFromPool').id,
      ).toBe(first.id);
      await refused(
        t,
        'grantFromPool',
        'CONFLICT',
        () => grant(municipal, { volunteerId: inRegion.id, minutes: 6, idempotencyKey: key }),
        ['idempotencyKey'],
      );
      expect(await balances(t, inRegion.token)).toEqual([35, 0]);
      expect(await poolBalance(t)).toBe(pool - 55);
    });

    it('reverses a journal once, by ADMIN or MUNICIPAL_PLANNER only', async () => {
      const pool = await poolBalance(t);
      const granted = ok(await grant(municipal, { volunteerId: inRegion.id, minutes: 40 }), 'grantFromPool');
      expect(await balances(t, inRegion.token)).toEqual([75, 0]);
      for (const token of [a.token, inRegion.token, district]) {
        await refused(t, 'reverseJournal', 'FORBIDDEN', () => reverse(token, granted.id));
      }
      await refused(t, 'reverseJournal', 'BAD_USER_INPUT', () => reverse(sysAdmin, granted.id, ' '), ['reason']);
      const reversal = ok(await reverse(sysAdmin, granted.id), 'reverseJournal');
      expect(reversal).toMatchObject({ kind: 'REVERSAL', reversesJournalId: granted.id });
      expect(reversal.lines).toEqual([
        { volunteerId: null, systemAccount: 'PUBLIC_POOL', currency: 'TIME', kind: 'REVERSAL', amount: 40 },
        { volunteerId: inRegion.id, systemAccount: null, currency: 'TIME', kind: 'REVERSAL', amount: -40 },
      ]);
      expect(await balances(t, inRegion.token)).toEqual([35, 0]);
      expect(await poolBalance(t)).toBe(pool);
      await refused(t, 'reverseJournal', 'CONFLICT', () => reverse(sysAdmin, granted.id), ['id']);
      await refused(t, 'reverseJournal', 'CONFLICT', () => reverse(municipal, granted.id), ['id']);
      // A reversal is not reversed again.
      await refused(t, 'reverseJournal', 'BAD_USER_INPUT', () => reverse(municipal, reversal.id), ['id']);
      for (const id of ['987654321', 'not-a-journal', '-1']) {
        await refused(t, 'reverseJournal', 'NOT_FOUND', () => reverse(sysAdmin, id));
      }
    });

    it('refuses to reverse care redemptions and refunds, and credits already spent', async () => {
      const redemption = ok(
        await t.gql(REDEEM, { i: { minutes: 30, institutionId: a.id, idempotencyKey: randomUUID() } }, donor.token),
        'redeemTime',
      );
      await refused(t, 'reverseJournal', 'BAD_USER_INPUT', () => reverse(sysAdmin, redemption.journalId), ['id']);
      const cancelled = ok(await t.gql(CANCEL, { id: redemption.id, r: 'no carer' }, a.token), 'cancelCareRedemption');
      await refused(t, 'reverseJournal', 'BAD_USER_INPUT', () => reverse(municipal, cancelled.refundJournalId), ['id']);

      // 100 minutes left after the 200-minute donation; a new credit of 60 is spent at once.
      expect(await balances(t, donor.token)).toEqual([100, 50]);
      const record = await earnCredits(t, donor.token, a.token, {
        institutionId: a.id,
        minutes: 60,
        serviceDate: addDays(TODAY, -1),
      });
      const { rows } = await t.db.query('SELECT journal_id::text AS j FROM service_record WHERE id = $1', [record.id]);
      ok(
        await t.gql(TRANSFER, { i: { toPublicPool: true, minutes: 150, idempotencyKey: randomUUID() } }, donor.token),
        'transferCredits',
      );
      expect(await balances(t, donor.token)).toEqual([10, 60]);
      await refused(t, 'reverseJournal', 'INSUFFICIENT_BALANCE', () => reverse(sysAdmin, rows[0].j));
      expect(await balances(t, donor.token)).toEqual([10, 60]);
    });

    it('reverses a service credit in both currencies and a reward with its stock', async () => {
      const w = await registerVolunteer(t);
      const record = await earnCredits(t, w.token, a.token, { institutionId: a.id, minutes: 90 });
      const { rows } = await t.db.query('SELECT journal_id::text AS j FROM service_record WHERE id = $1', [record.id]);
      const reward = ok(
        await t.gql(
          CREATE_REWARD,
          { i: { name: `台灯-${randomUUID().slice(0, 6)}`, pointsCost: 4, stock: 5 } },
          municipal,
        ),
        'createReward',
      );
      const bought = ok(
        await t.gql(REDEEM_POINTS, { i: { rewardId: reward.id, quantity: 2, idempotencyKey: 'lamp' } }, w.token),
        'redeemPoints',
      );
      expect(await balances(t, w.token)).toEqual([90, 7]);
      ok(await reverse(municipal, bought.id), 'reverseJournal');
      expect(await balances(t, w.token)).toEqual([90, 15]);
      const stock = await t.db.query('SELECT stock FROM reward WHERE id = $1', [reward.id]);
      expect(stock.rows[0].stock).toBe(5);
      const reversal = ok(await reverse(sysAdmin, rows[0].j), 'reverseJournal');
      expect(reversal.lines.filter((l: any) => l.volunteerId === w.id)).toEqual([
        { volunteerId: w.id, systemAccount: null, currency: 'TIME', kind: 'REVERSAL', amount: -90 },
        { volunteerId: w.id, systemAccount: null, currency: 'POINTS', kind: 'REVERSAL', amount: -15 },
      ]);
      expect(await balances(t, w.token)).toEqual([0, 0]);
    });
  });

  // -----------------------------------------------------------------------------------------------------------------
  describe('reading and scope', () => {
    let s1: Awaited<ReturnType<typeof site>>;
    let s2: Awaited<ReturnType<typeof site>>;
    let r1: TestVolunteer;
    let r2: TestVolunteer;
    const r1Records: string[] = [];
    const r2Records: string[] = [];
    const idsOf = (conn: any) => conn.edges.map((e: any) => e.node.id).sort();

    beforeAll(async () => {
      s1 = await site(t, '500101');
      s2 = await site(t, '500101');
      r1 = await registerVolunteer(t);
      r2 = await registerVolunteer(t);
      for (const [v, s, list, minutes] of [
        [r1, s1, r1Records, 30],
        [r1, s1, r1Records, 40],
        [r1, s2, r1Records, 50],
        [r2, s1, r2Records, 60],
      ] as const) {
        list.push((await earnCredits(t, v.token, s.token, { institutionId: s.id, minutes })).id);
      }
    });

    it('lets only volunteers read their own time bank', async () => {
      const district = (await signIn(t, { role: 'DISTRICT_PLANNER', regionCode: '500101' })).token;
      for (const token of [municipal, district, s1.token, sysAdmin]) {
        const res = await t.gql(BANK, {}, token);
        expect(codes(res)).toEqual(['FORBIDDEN']);
        expect(res.body.data ?? null).toBeNull();
      }
      // 30, 40 and 50 minutes: 5 + 6 + 8 = 19 points (each record rounded down on its own).
      expect(await balances(t, r1.token)).toEqual([120, 19]);
    });

    it('shows a volunteer only its own service records and redemptions', async () => {
      const own = ok(await t.gql(RECORDS, { first: 100 }, r1.token), 'serviceRecords');
      expect(own.totalCount).toBe(3);
      expect(idsOf(own)).toEqual([...r1Records].sort());
      const other = ok(await t.gql(RECORDS, { first: 100 }, r2.token), 'serviceRecords');
      expect(idsOf(other)).toEqual(r2Records);
      const asked = await t.gql(RECORDS, { f: { volunteerId: r2.id } }, r1.token);
      expect(codes(asked)).toEqual(['BAD_USER_INPUT']);

      const redeem = async (v: TestVolunteer, s: { id: string }) =>
        ok(
          await t.gql(REDEEM, { i: { minutes: 5, institutionId: s.id, idempotencyKey: randomUUID() } }, v.token),
          'redeemTime',
        ).id as string;
      const x1 = await redeem(r1, s1);
      const x2 = await redeem(r1, s2);
      const x3 = await redeem(r2, s1);
      const mine = ok(await t.gql(REDEMPTIONS, {}, r1.token), 'careRedemptions');
      expect(mine.totalCount).toBe(2);
      expect(idsOf(mine)).toEqual([x1, x2].sort());
      expect(idsOf(ok(await t.gql(REDEMPTIONS, {}, r2.token), 'careRedemptions'))).toEqual([x3]);
      // An institution admin sees the care redeemed at its institution only.
      const atS1 = ok(await t.gql(REDEMPTIONS, {}, s1.token), 'careRedemptions');
      expect(atS1.totalCount).toBe(2);
      expect(idsOf(atS1)).toEqual([x1, x3].sort());
      expect(idsOf(ok(await t.gql(REDEMPTIONS, {}, s2.token), 'careRedemptions'))).toEqual([x2]);
      expect(codes(await t.gql(REDEMPTIONS, {}, municipal))).toEqual(['FORBIDDEN']);
    });

    it('shows an institution admin only the service done at its institution', async () => {
      const atS1 = ok(await t.gql(RECORDS, { first: 100 }, s1.token), 'serviceRecords');
      expect(atS1.totalCount).toBe(3);
      expect(idsOf(atS1)).toEqual([r1Records[0], r1Records[1], r2Records[0]].sort());
      expect(atS1.edges.every((e: any) => e.node.institution.id === s1.id)).toBe(true);
      const oneVolunteer = ok(await t.gql(RECORDS, { f: { volunteerId: r2.id } }, s1.token), 'serviceRecords');
      expect(idsOf(oneVolunteer)).toEqual(r2Records);
      const atS2 = ok(await t.gql(RECORDS, { first: 100 }, s2.token), 'serviceRecords');
      expect(idsOf(atS2)).toEqual([r1Records[2]]);
      // Nobody else reads records.
      for (const token of [municipal, sysAdmin]) expect(codes(await t.gql(RECORDS, {}, token))).toEqual(['FORBIDDEN']);
    });

    it('lists every institution as a service site, filtered by region and paged', async () => {
      const names = ['A-黔江社区站', 'B-黔江敬老院', 'C-黔江服务中心'];
      const ids: string[] = [];
      for (const name of names) ids.push(await createInstitution(t, { regionCode: '500114', name }));
      const page1 = ok(await t.gql(SITES, { r: '500114', first: 2 }, r1.token), 'serviceSites');
      expect(page1.totalCount).toBe(3);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      expect(page1.edges.map((e: any) => e.node)).toEqual([
        { id: ids[0], name: names[0], regionCode: '500114' },
        { id: ids[1], name: names[1], regionCode: '500114' },
      ]);
      const page2 = ok(
        await t.gql(SITES, { r: '500114', first: 2, after: page1.pageInfo.endCursor }, r1.token),
        'serviceSites',
      );
      expect(page2.edges.map((e: any) => e.node.id)).toEqual([ids[2]]);
      expect(page2.pageInfo.hasNextPage).toBe(false);
      const all = ok(await t.gql(SITES, { first: 1 }, r1.token), 'serviceSites');
      const { rows } = await t.db.query('SELECT count(*)::int AS n FROM institution');
      expect(all.totalCount).toBe(rows[0].n);
      expect(codes(await t.gql(SITES, { r: 'abc' }, r1.token))).toEqual(['BAD_USER_INPUT']);
    });
  });

  // -----------------------------------------------------------------------------------------------------------------
  describe('statements and planners’ figures', () => {
    const REGION = '500112';
    let y: Awaited<ReturnType<typeof site>>;
    let district: string;
    const vols: Record<string, TestVolunteer> = {};
    let s1Spouse: string;

    beforeAll(async () => {
      y = await site(t, REGION);
      district = (await signIn(t, { role: 'DISTRICT_PLANNER', regionCode: REGION })).token;
      const births: Record<string, string> = {
        s1: yearsBefore(TODAY, 62),
        s2: yearsBefore(TODAY, 65),
        s3: '1950-01-01', // 76
        s4: yearsBefore(TODAY, 40),
        s5: '1963-06-01', // 63, never serves
        s6: yearsBefore(TODAY, 60), // 60 today
        s7: addDays(yearsBefore(TODAY, 70), 1), // 69, 70 tomorrow
        s8: yearsBefore(TODAY, 70), // 70 today
        s9: '1965-01-01', // 61, only rejected service
      };
      for (const [key, birthDate] of Object.entries(births)) {
        vols[key] = await registerVolunteer(t, { birthDate, regionCode: REGION, name: `渝北${key}` });
      }
      const earn = (key: string, minutes: number, serviceDate = TODAY) =>
        earnCredits(t, vols[key].token, y.token, { institutionId: y.id, minutes, serviceDate });
      await earn('s1', 300, addDays(TODAY, -1));
      await logService(t, vols.s2.token, { institutionId: y.id, minutes: 120, serviceDate: addDays(TODAY, -10) });
      await earn('s3', 60, addDays(TODAY, -2));
      const s4 = await earn('s4', 90);
      const { rows } = await t.db.query('SELECT journal_id::text AS j FROM service_record WHERE id = $1', [s4.id]);
      ok(await t.gql(REVERSE, { id: rows[0].j, r: 'not verified properly' }, sysAdmin), 'reverseJournal');
      for (const key of ['s6', 's7', 's8']) await earn(key, 30);
      const r9 = await logService(t, vols.s9.token, { institutionId: y.id, minutes: 45 });
      ok(await t.gql(REJECT, { id: r9.id, r: 'not done' }, y.token), 'rejectService');

      // s1: transfer 40 to its spouse s5, donate 25, redeem 60 (kept) and 30 (cancelled).
      s1Spouse = await registerRelative(t, vols.s1.token, { idNumber: vols.s5.idNumber, name: vols.s5.name });
      const s1 = vols.s1.token;
      ok(
        await t.gql(TRANSFER, { i: { toRelativeId: s1Spouse, minutes: 40, idempotencyKey: 's1-t' } }, s1),
        'transferCredits',
      );
      ok(
        await t.gql(TRANSFER, { i: { toPublicPool: true, minutes: 25, idempotencyKey: 's1-d' } }, s1),
        'transferCredits',
      );
      ok(await t.gql(REDEEM, { i: { minutes: 60, institutionId: y.id, idempotencyKey: 's1-r1' } }, s1), 'redeemTime');
      const r2 = ok(
        await t.gql(REDEEM, { i: { minutes: 30, institutionId: y.id, idempotencyKey: 's1-r2' } }, s1),
        'redeemTime',
      );
      ok(await t.gql(CANCEL, { id: r2.id, r: 'moved' }, y.token), 'cancelCareRedemption');
      // The municipal planner grants 20 from the pool to s3.
      ok(
        await t.gql(
          GRANT,
          { i: { volunteerId: vols.s3.id, minutes: 20, reason: 'lives alone', idempotencyKey: 'g-s3' } },
          municipal,
        ),
        'grantFromPool',
      );
    });

    it('pages the statement newest first with running balances', async () => {
      const s1 = vols.s1.token;
      expect(await balances(t, s1)).toEqual([175, 50]);
      const page = async (after?: string) => ok(await t.gql(ENTRIES, { first: 3, after }, s1), 'myTimeBank').entries;
      const p1 = await page();
      const p2 = await page(p1.pageInfo.endCursor);
      const p3 = await page(p2.pageInfo.endCursor);
      expect([p1.totalCount, p2.totalCount, p3.totalCount]).toEqual([7, 7, 7]);
      expect([p1.pageInfo.hasNextPage, p2.pageInfo.hasNextPage, p3.pageInfo.hasNextPage]).toEqual([true, true, false]);
      const lines = [...p1.edges, ...p2.edges, ...p3.edges].map((e: any) => [
        e.node.kind,
        e.node.currency,
        e.node.amount,
        e.node.balanceAfter,
      ]);
      expect(lines).toEqual([
        ['REDEMPTION_REFUND', 'TIME', 30, 175],
        ['REDEMPTION', 'TIME', -30, 145],
        ['REDEMPTION', 'TIME', -60, 175],
        ['DONATION', 'TIME', -25, 235],
        ['TRANSFER_OUT', 'TIME', -40, 260],
        ['EARN', 'POINTS', 50, 50],
        ['EARN', 'TIME', 300, 300],
      ]);
      // Both EARN lines belong to one journal.
      expect(p3.edges[0].node.journalId).toBe(p2.edges[2].node.journalId);
      // The spouse sees the transfer coming in.
      const spouse = ok(await t.gql(ENTRIES, { first: 10 }, vols.s5.token), 'myTimeBank').entries;
      expect(spouse.edges.map((e: any) => [e.node.kind, e.node.amount, e.node.balanceAfter])).toEqual([
        ['TRANSFER_IN', 40, 40],
      ]);
    });

    it('sums TIME earned and spent per month of the year', async () => {
      const months = ok(await t.gql(MONTHLY, { y: THIS_YEAR }, vols.s1.token), 'myTimeBank').monthly;
      expect(months).toHaveLength(12);
      // Spent: 40 transferred + 25 donated + 60 + 30 redeemed - 30 refunded = 125.
      expect(months).toEqual(
        Array.from({ length: 12 }, (_, i) =>
          i + 1 === THIS_MONTH
            ? { month: i + 1, earnedMinutes: 300, spentMinutes: 125 }
            : { month: i + 1, earnedMinutes: 0, spentMinutes: 0 },
        ),
      );
      const lastYear = ok(await t.gql(MONTHLY, { y: THIS_YEAR - 1 }, vols.s1.token), 'myTimeBank').monthly;
      expect(lastYear.every((m: any) => m.earnedMinutes === 0 && m.spentMinutes === 0)).toBe(true);
      expect(codes(await t.gql(MONTHLY, { y: 1999 }, vols.s1.token))).toEqual(['BAD_USER_INPUT']);
    });

    it('gives a district planner its region’s figures, checked by hand', async () => {
      const expected = {
        regionCode: REGION,
        volunteers: 9,
        // s1 s2 (logged, not yet verified) s3 s4 (reversed, still service) s6 s7 s8; not s5 (none), s9 (rejected).
        activeVolunteers: 7,
        minutesIssued: 300 + 60 + 30 + 30 + 30, // s4's 90 were reversed
        // s1's 60 are debited but the institution has not confirmed the care: pending, not redeemed (issue 12).
        minutesRedeemed: 0,
        minutesPendingRedemption: 60,
        minutesTransferred: 40,
        minutesGranted: 20,
        minutesToPool: 25,
      };
      const check = (figures: any) => {
        expect(figures).toMatchObject(expected);
        // Aged 60-69 among the 7 active: s1 (62), s2 (65), s6 (60 today), s7 (69); not s3 (76), s4 (40), s8 (70).
        expect(figures.shareAged60To69).toBeCloseTo(4 / 7, 12);
      };
      for (const args of [{}, { r: REGION }]) {
        const summary = ok(await t.gql(SUMMARY, args, district), 'timeBankSummary');
        check(summary);
        expect(summary.regions).toHaveLength(1);
        check(summary.regions[0]);
        expect(summary.publicPoolMinutes).toBe(await poolBalance(t));
      }
      check(ok(await t.gql(SUMMARY, { r: REGION }, municipal), 'timeBankSummary'));
      expect(codes(await t.gql(SUMMARY, { r: '500101' }, district))).toEqual(['FORBIDDEN']);
    });

    it('gives the municipal planner the whole city, and refuses everyone else', async () => {
      const city = ok(await t.gql(SUMMARY, {}, municipal), 'timeBankSummary');
      const { rows } = await t.db.query('SELECT count(*)::int AS n FROM volunteer');
      expect(city.regionCode).toBeNull();
      expect(city.volunteers).toBe(rows[0].n);
      expect(city.regions.reduce((n: number, r: any) => n + r.volunteers, 0)).toBe(rows[0].n);
      expect(city.regions.find((r: any) => r.regionCode === REGION)).toMatchObject({
        volunteers: 9,
        minutesIssued: 450,
      });
      expect(city.publicPoolMinutes).toBe(await poolBalance(t));
      const zone = await t.gql(SUMMARY, { r: 'Z01' }, municipal);
      expect(codes(zone)).toEqual(['BAD_USER_INPUT']);
      for (const token of [vols.s1.token, y.token, sysAdmin]) {
        expect(codes(await t.gql(SUMMARY, {}, token))).toEqual(['FORBIDDEN']);
      }
    });
  });
});

// ===================================================================================================================

describe('time bank rules: a small storage cap (TIMEBANK_STORAGE_CAP_MINUTES=600)', () => {
  let t: TestApp;
  let a: Awaited<ReturnType<typeof site>>;
  let municipal: string;
  let v: TestVolunteer;
  let w: TestVolunteer;
  let wRel: string;

  beforeAll(async () => {
    t = await startTestApp({ VOLUNTEER_SIGNUP_RATE_LIMIT: '100000', TIMEBANK_STORAGE_CAP_MINUTES: '600' });
    a = await site(t, '500101');
    municipal = (await signIn(t, { role: 'MUNICIPAL_PLANNER' })).token;
    v = await registerVolunteer(t);
    w = await registerVolunteer(t, { name: '郑红' });
    wRel = await registerRelative(t, v.token, { idNumber: w.idNumber, name: '郑红' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends credit above the cap to the public pool, shown as EARN then CAP_OVERFLOW', async () => {
    expect(await poolBalance(t)).toBe(0);
    const earn = (minutes: number, daysAgo: number) =>
      earnCredits(t, v.token, a.token, { institutionId: a.id, minutes, serviceDate: addDays(TODAY, -daysAgo) });
    expect(await earn(480, 1)).toMatchObject({ creditedMinutes: 480, uncreditedMinutes: 0, pointsAwarded: 80 });
    expect(await poolBalance(t)).toBe(0);
    // 480 + 300 = 780: 120 kept up to the cap of 600, 180 to the pool; points on the whole credit (50).
    expect(await earn(300, 2)).toMatchObject({ creditedMinutes: 300, uncreditedMinutes: 0, pointsAwarded: 50 });
    expect(await balances(t, v.token)).toEqual([600, 130]);
    expect(await poolBalance(t)).toBe(180);
    // At the cap: all 60 go to the pool.
    expect(await earn(60, 3)).toMatchObject({ creditedMinutes: 60, pointsAwarded: 10 });
    expect(await balances(t, v.token)).toEqual([600, 140]);
    expect(await poolBalance(t)).toBe(240);

    const b = ok(
      await t.gql(
        'query { myTimeBank { storageCapMinutes entries(first: 10) { edges { node { kind currency amount balanceAfter } } } } }',
        {},
        v.token,
      ),
      'myTimeBank',
    );
    expect(b.storageCapMinutes).toBe(600);
    expect(b.entries.edges.map((e: any) => [e.node.kind, e.node.currency, e.node.amount, e.node.balanceAfter])).toEqual(
      [
        ['EARN', 'POINTS', 10, 140],
        ['CAP_OVERFLOW', 'TIME', -60, 600],
        ['EARN', 'TIME', 60, 660],
        ['EARN', 'POINTS', 50, 130],
        ['CAP_OVERFLOW', 'TIME', -180, 600],
        ['EARN', 'TIME', 300, 780],
        ['EARN', 'POINTS', 80, 80],
        ['EARN', 'TIME', 480, 480],
      ],
    );
    const summary = ok(await t.gql(SUMMARY, {}, municipal), 'timeBankSummary');
    expect(summary).toMatchObject({ minutesIssued: 840, minutesToPool: 240, publicPoolMinutes: 240 });
  });

  it('credits transfers and grants in full above the cap: the cap limits what service earns', async () => {
    // Refusing them would tell the sender or a planner how much room, hence what balance, the recipient has.
    ok(
      await t.gql(GRANT, { i: { volunteerId: w.id, minutes: 240, reason: 'help', idempotencyKey: 'g1' } }, municipal),
      'grantFromPool',
    );
    expect(await balances(t, w.token)).toEqual([240, 0]);
    expect(await poolBalance(t)).toBe(0);
    // w has room for 360 under the cap; 361 arrive all the same.
    const transfer = await t.gql(TRANSFER, { i: { toRelativeId: wRel, minutes: 361, idempotencyKey: 't1' } }, v.token);
    expect(transfer.body.errors).toBeUndefined();
    expect(JSON.stringify(transfer.body)).not.toMatch(/room|cap/i);
    expect(await balances(t, w.token)).toEqual([601, 0]);
    expect(await balances(t, v.token)).toEqual([239, 140]);
    ok(
      await t.gql(TRANSFER, { i: { toPublicPool: true, minutes: 50, idempotencyKey: 'd1' } }, v.token),
      'transferCredits',
    );
    ok(
      await t.gql(GRANT, { i: { volunteerId: w.id, minutes: 1, reason: 'help', idempotencyKey: 'g2' } }, municipal),
      'grantFromPool',
    );
    expect(await balances(t, w.token)).toEqual([602, 0]);
    expect(await poolBalance(t)).toBe(49);
    // An account above the cap still earns points; all of its new TIME goes to the pool.
    expect(await earnCredits(t, w.token, a.token, { institutionId: a.id, minutes: 30 })).toMatchObject({
      creditedMinutes: 30,
      pointsAwarded: 5,
    });
    expect(await balances(t, w.token)).toEqual([602, 5]);
    expect(await poolBalance(t)).toBe(79);
  });
});

// ===================================================================================================================

describe('time bank rules: changed settings (credit, points, daily cap, log window, age, sign-up rate limit)', () => {
  let t: TestApp;
  let a: Awaited<ReturnType<typeof site>>;
  let v: TestVolunteer;

  beforeAll(async () => {
    // One proxy hop trusted, so that the client address comes from X-Forwarded-For and tests can vary it.
    t = await startTestApp({
      VOLUNTEER_SIGNUP_RATE_LIMIT: '3',
      TRUST_PROXY: '1',
      TIMEBANK_CREDIT_MINUTES_PER_HOUR: '90',
      TIMEBANK_POINTS_PER_HOUR: '12',
      TIMEBANK_DAILY_CAP_MINUTES: '100',
      TIMEBANK_LOG_WINDOW_DAYS: '10',
      TIMEBANK_REDEEM_MIN_AGE: '65',
    });
    a = await site(t, '500101');
    v = await registerVolunteer(t, { birthDate: yearsBefore(TODAY, 62) }); // signed up from the test's own address
  });
  const from = (client: string, input: Record<string, unknown>, token?: string) =>
    t.gql(REGISTER, { i: input }, token, { 'x-forwarded-for': client });
  afterAll(async () => {
    await t?.close();
  });

  it('credits 90 minutes and 12 points per hour under a 100-minute daily cap', async () => {
    const earn = (minutes: number, daysAgo: number) =>
      earnCredits(t, v.token, a.token, { institutionId: a.id, minutes, serviceDate: addDays(TODAY, -daysAgo) });
    // floor(50 x 90 / 60) = 75 minutes; floor(75 x 12 / 60) = 15 points.
    expect(await earn(50, 1)).toMatchObject({ creditedMinutes: 75, uncreditedMinutes: 0, pointsAwarded: 15 });
    // 50 of 70 fit under the cap of 100: 75 minutes, 15 points, 20 not credited.
    expect(await earn(70, 1)).toMatchObject({ creditedMinutes: 75, uncreditedMinutes: 20, pointsAwarded: 15 });
    // floor(7 x 1.5) = floor(10.5) = 10 minutes; floor(10 x 12 / 60) = 2 points.
    expect(await earn(7, 2)).toMatchObject({ creditedMinutes: 10, uncreditedMinutes: 0, pointsAwarded: 2 });
    // floor(1.5) = 1 minute; floor(0.2) = 0 points.
    expect(await earn(1, 3)).toMatchObject({ creditedMinutes: 1, uncreditedMinutes: 0, pointsAwarded: 0 });
    expect(await balances(t, v.token)).toEqual([161, 32]);
  });

  it('applies the log window and the redemption age from the settings', async () => {
    await refused(
      t,
      'logService',
      'BAD_USER_INPUT',
      () => t.gql(LOG, { i: logInput({ institutionId: a.id, serviceDate: addDays(TODAY, -11) }) }, v.token),
      ['serviceDate'],
    );
    await logService(t, v.token, { institutionId: a.id, serviceDate: addDays(TODAY, -10) });
    // 62 is under the configured 65; a relative aged 66 may receive care.
    await refused(
      t,
      'redeemTime',
      'BAD_USER_INPUT',
      () => t.gql(REDEEM, { i: { minutes: 10, institutionId: a.id, idempotencyKey: 'self' } }, v.token),
      ['beneficiaryRelativeId'],
    );
    // A sibling: a parent of 66 would be implausible for a volunteer of 62.
    const rel = await registerRelative(t, v.token, {
      idNumber: residentId({ birthDate: yearsBefore(TODAY, 66) }),
      name: '冯老',
      relationship: 'SIBLING',
    });
    const redeemed = ok(
      await t.gql(
        REDEEM,
        { i: { minutes: 10, institutionId: a.id, beneficiaryRelativeId: rel, idempotencyKey: 'p' } },
        v.token,
      ),
      'redeemTime',
    );
    expect(redeemed).toMatchObject({ status: 'PENDING', minutes: 10, relationship: 'SIBLING' });
    expect(await balances(t, v.token)).toEqual([151, 32]);
  });

  it('answers RATE_LIMITED after 3 sign-ups from one client, writing nothing; others are unaffected', async () => {
    const client = '198.51.100.7';
    const { rows: before } = await t.db.query('SELECT count(*)::int AS n FROM volunteer');
    for (let i = 0; i < 3; i++) ok(await from(client, signUpInput()), 'registerVolunteer');
    const limited = await refused(t, 'registerVolunteer', 'RATE_LIMITED', () => from(client, signUpInput()));
    expect(limited.body.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.body.errors![0].extensions!.retryAfterSeconds).toBeLessThanOrEqual(3600);
    // Probing with bad input gets the same answer: the budget is spent before anything is checked.
    await refused(t, 'registerVolunteer', 'RATE_LIMITED', () => from(client, signUpInput({ phone: 'x' })));
    // Another client has its own budget; an institution admin signing someone up is not limited.
    ok(await from('198.51.100.8', signUpInput()), 'registerVolunteer');
    ok(await from(client, signUpInput({ phone: null, regionCode: null }), a.token), 'registerVolunteer');
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM volunteer');
    expect(rows[0].n).toBe(before[0].n + 5);
  });
});
