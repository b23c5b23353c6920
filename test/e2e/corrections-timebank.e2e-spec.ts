import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  auditCount,
  createInstitution,
  earnCredits,
  registerRelative,
  registerVolunteer,
  residentId,
  signIn,
  type TestVolunteer,
} from '../helpers/factories.js';
import { codes, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/test-app.js';

// Issue 13 (second half), the time bank: what planners and volunteers could not do. Planners find volunteers;
// statement lines carry their facts; volunteers remove relatives and are held to plausible relationships; rewards are
// collected against a code; unknown ids are NOT_FOUND. Every refusal is checked to have written nothing.

/** "Today" as the portal sees it (Asia/Shanghai). */
const TODAY = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** The same calendar day `years` earlier (29 February becomes the 28th). */
function yearsBefore(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}${date.slice(4) === '-02-29' && !leap ? '-02-28' : date.slice(4)}`;
}
const MASKED = /^\d{6}\*{8}\d{3}[\dX]$/;
const CODE = /^[A-HJ-NP-Z2-9]{6}$/;

const VOLUNTEERS = `query($f: VolunteerFilter, $first: Int, $after: String) {
  volunteers(filter: $f, first: $first, after: $after) {
    totalCount edges { cursor node { id userId regionCode registeredAt person { name idNumberMasked age } } }
    pageInfo { hasNextPage endCursor } } }`;
const ENTRIES = `{ myTimeBank { entries(first: 100) { edges { node {
  journalId kind currency amount note counterpartyName siteName category serviceDate } } } } }`;
const RELATIVE = `mutation($i: RegisterRelativeInput!) { registerRelative(input: $i) { id relationship name age } }`;
const REMOVE = `mutation($id: ID!) { removeRelative(id: $id) { __typename id relationship name } }`;
const RELATIVES = '{ myTimeBank { relatives { id name relationship } } }';
const REDEEM = `mutation($i: RedeemTimeInput!) { redeemTime(input: $i) { id status beneficiaryName relationship } }`;
const CANCEL = `mutation($id: ID!) { cancelCareRedemption(id: $id, reason: "not needed") { id status } }`;
const CONFIRM = `mutation($id: ID!) { confirmCareRedemption(id: $id) { id status } }`;
const TRANSFER = `mutation($i: TransferCreditsInput!) { transferCredits(input: $i) { id kind } }`;
const REVERSE = `mutation($id: ID!) { reverseJournal(id: $id, reason: "entered by mistake") { id kind } }`;
const CREATE_REWARD = `mutation($i: CreateRewardInput!) { createReward(input: $i) { id name pointsCost stock } }`;
const BUY = `mutation($i: RedeemPointsInput!) { redeemPoints(input: $i) { id kind } }`;
const MY_REWARDS = `query($first: Int, $after: String) { myRewardRedemptions(first: $first, after: $after) {
  totalCount edges { cursor node { id code status quantity points journalId volunteerName redeemedAt collectedAt
    reward { id name } } } pageInfo { hasNextPage endCursor } } }`;
const COLLECT = `mutation($c: String!) { collectReward(code: $c) { id code status quantity collectedAt volunteerName
  reward { name } } }`;

interface Entry {
  journalId: string;
  kind: string;
  currency: string;
  amount: number;
  note: string | null;
  counterpartyName: string | null;
  siteName: string | null;
  category: string | null;
  serviceDate: string | null;
}

function ok<T = any>(res: GraphQLResponse, field: string): T {
  if (res.body.errors || !res.body.data?.[field]) {
    throw new Error(`${field} failed: ${JSON.stringify(res.body.errors ?? res.body)}`);
  }
  return (res.body.data as Record<string, T>)[field];
}

/** Everything these operations could write, plus the audit events of one operation and of all. */
async function state(t: TestApp, operation: string): Promise<Record<string, unknown>> {
  const { rows } = await t.db.query(`SELECT
    (SELECT count(*) FROM journal)::int AS journals,
    (SELECT count(*) FROM posting)::int AS postings,
    (SELECT count(*) FROM care_redemption)::int AS redemptions,
    (SELECT json_object_agg(id, status ORDER BY id) FROM care_redemption) AS redemption_states,
    (SELECT json_object_agg(id, coalesce(removed_at::text, '-') || ':' || relationship ORDER BY id) FROM relative)
      AS relatives,
    (SELECT json_object_agg(id, status || ':' || coalesce(collected_by::text, '-') ORDER BY id) FROM reward_redemption)
      AS reward_redemptions,
    (SELECT json_object_agg(id, stock ORDER BY id) FROM reward) AS stock,
    (SELECT json_object_agg(id, balance ORDER BY id) FROM ledger_account) AS balances`);
  return { ...rows[0], audit: await auditCount(t, operation), auditAll: await auditCount(t) };
}

/** Runs a call that must be refused with exactly `code` (and these `fields`), and checks it wrote nothing. */
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

describe('corrections and look-ups in the time bank (issue 13)', () => {
  let t: TestApp;
  let site: string;
  let otherSite: string;
  let municipal: string;
  let wanzhou: string;
  let siteAdmin: string;
  let otherAdmin: string;
  let admin: string;
  let body: string;

  beforeAll(async () => {
    t = await startTestApp({ VOLUNTEER_SIGNUP_RATE_LIMIT: '100000', RELATIVE_REGISTRATION_RATE_LIMIT: '1000' });
    site = await createInstitution(t, { regionCode: '500101', name: '万州区幸福养老院' });
    otherSite = await createInstitution(t, { regionCode: '500103', name: '渝中区长者之家' });
    municipal = (await signIn(t, { role: 'MUNICIPAL_PLANNER' })).token;
    wanzhou = (await signIn(t, { role: 'DISTRICT_PLANNER', regionCode: '500101' })).token;
    siteAdmin = (await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId: site })).token;
    otherAdmin = (await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId: otherSite })).token;
    admin = (await signIn(t, { role: 'ADMIN' })).token;
    body = (await signIn(t, { role: 'EVALUATION_BODY' })).token;
  });
  afterAll(async () => {
    await t?.close();
  });

  const entries = async (token: string): Promise<Entry[]> =>
    ok<{ entries: { edges: { node: Entry }[] } }>(await t.gql(ENTRIES, {}, token), 'myTimeBank').entries.edges.map(
      (e) => e.node,
    );

  // ---------------------------------------------------------------------------------------------------------------
  describe('volunteers, for planners', () => {
    let li1: TestVolunteer;
    let li2: TestVolunteer;
    let wang: TestVolunteer;
    const list = (token: string, f: Record<string, unknown> | null, first?: number, after?: string) =>
      t.gql(VOLUNTEERS, { f, first, after }, token);

    beforeAll(async () => {
      li1 = await registerVolunteer(t, { name: '李一秀', regionCode: '500101', birthDate: '1960-01-02' });
      li2 = await registerVolunteer(t, { name: '李二秀', regionCode: '500103' });
      wang = await registerVolunteer(t, { name: '王三秀', regionCode: '500101' });
    });

    it('lets the municipal planner find volunteers by region and name prefix: who they are, never balances', async () => {
      const res = ok(await list(municipal, { regionCode: '500101', namePrefix: '李一' }), 'volunteers');
      expect(res.totalCount).toBe(1);
      const node = res.edges[0].node;
      expect(node).toEqual({
        id: li1.id,
        userId: expect.any(String),
        regionCode: '500101',
        registeredAt: expect.any(String),
        person: { name: '李一秀', idNumberMasked: expect.stringMatching(MASKED), age: expect.any(Number) },
      });
      const { rows } = await t.db.query('SELECT user_id FROM volunteer WHERE id = $1', [li1.id]);
      expect(node.userId).toBe(rows[0].user_id);
      expect(node.person.age).toBeGreaterThanOrEqual(66);
      expect(node.person.idNumberMasked.slice(0, 6)).toBe(li1.idNumber.slice(0, 6));
      expect(node.person.idNumberMasked.slice(-4)).toBe(li1.idNumber.slice(-4));

      // The whole city: both 李 across two districts, by name.
      const li = ok(await list(municipal, { namePrefix: '李' }), 'volunteers');
      expect(li.edges.map((e: any) => e.node.person.name)).toEqual(['李一秀', '李二秀']);
      // The prefix is a name, normalised like any name, and its LIKE characters match themselves.
      expect(ok(await list(municipal, { namePrefix: ' 李一 ' }), 'volunteers').totalCount).toBe(1);
      expect(ok(await list(municipal, { namePrefix: '%' }), 'volunteers').totalCount).toBe(0);
      expect(ok(await list(municipal, null), 'volunteers').totalCount).toBeGreaterThanOrEqual(3);
    });

    it('has no field that reaches a balance, a birth date, a phone or a username', async () => {
      const schema = await t.gql(
        `{ s: __type(name: "VolunteerSummary") { fields { name } } p: __type(name: "VolunteerIdentity") { fields { name } } }`,
      );
      expect(schema.body.data!.s.fields.map((f: any) => f.name).sort()).toEqual(
        ['id', 'person', 'regionCode', 'registeredAt', 'userId'].sort(),
      );
      expect(schema.body.data!.p.fields.map((f: any) => f.name).sort()).toEqual(['age', 'idNumberMasked', 'name']);
      const res = await t.gql('{ volunteers(first: 1) { edges { node { person { birthDate } } } } }', {}, municipal);
      expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    });

    it('pages by name with cursors', async () => {
      const first = ok(await list(municipal, { namePrefix: '李' }, 1), 'volunteers');
      expect(first.edges.map((e: any) => e.node.id)).toEqual([li1.id]);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = ok(await list(municipal, { namePrefix: '李' }, 1, first.pageInfo.endCursor), 'volunteers');
      expect(second.edges.map((e: any) => e.node.id)).toEqual([li2.id]);
      expect(second.pageInfo.hasNextPage).toBe(false);
      expect(second.totalCount).toBe(2);
      expect(codes(await list(municipal, null, 1, 'not-a-cursor'))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await list(municipal, null, 101))).toEqual(['BAD_USER_INPUT']);
    });

    it('gives a district planner those living in its region only', async () => {
      const own = ok(await list(wanzhou, null), 'volunteers');
      expect(own.edges.every((e: any) => e.node.regionCode === '500101')).toBe(true);
      expect(own.edges.map((e: any) => e.node.id)).toEqual(expect.arrayContaining([li1.id, wang.id]));
      expect(own.edges.map((e: any) => e.node.id)).not.toContain(li2.id);
      expect(ok(await list(wanzhou, { regionCode: '500101', namePrefix: '李' }), 'volunteers').totalCount).toBe(1);
      expect(codes(await list(wanzhou, { regionCode: '500103' }))).toEqual(['FORBIDDEN']);
    });

    it('refuses a region that is not a district or county, a blank region or prefix, and other roles', async () => {
      for (const f of [{ regionCode: '999999' }, { regionCode: 'Z01' }, { regionCode: '  ' }, { namePrefix: '  ' }]) {
        const res = await list(municipal, f);
        expect({ f, codes: codes(res) }).toEqual({ f, codes: ['BAD_USER_INPUT'] });
        expect(res.body.errors![0].extensions!.fields).toEqual([Object.keys(f)[0]]);
      }
      expect(codes(await list(municipal, { namePrefix: 'x'.repeat(51) }))).toEqual(['BAD_USER_INPUT']);
      for (const token of [siteAdmin, admin, body, li1.token])
        expect(codes(await list(token, null))).toEqual(['FORBIDDEN']);
      expect(codes(await t.gql(VOLUNTEERS, { f: null }))).toEqual(['UNAUTHENTICATED']);
    });

    it('gives the id grantFromPool takes', async () => {
      await earnCredits(t, wang.token, siteAdmin, { institutionId: site, minutes: 60 });
      ok(
        await t.gql(TRANSFER, { i: { toPublicPool: true, minutes: 30, idempotencyKey: 'pool' } }, wang.token),
        'transferCredits',
      );
      const found = ok(await list(wanzhou, { namePrefix: '李一' }), 'volunteers').edges[0].node;
      const grant = await t.gql(
        'mutation($i: GrantFromPoolInput!) { grantFromPool(input: $i) { kind lines { volunteerId amount } } }',
        { i: { volunteerId: found.id, minutes: 10, reason: '空巢老人', idempotencyKey: 'g-1' } },
        wanzhou,
      );
      expect(grant.body.errors).toBeUndefined();
      expect(grant.body.data!.grantFromPool.lines).toContainEqual({ volunteerId: li1.id, amount: 10 });
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  describe('statement lines carry their facts', () => {
    let sender: TestVolunteer;
    let husband: TestVolunteer;
    let motherId: string;

    beforeAll(async () => {
      sender = await registerVolunteer(t, { name: '赵淑华' });
      const husbandId = residentId({ birthDate: '1961-05-05' });
      husband = await registerVolunteer(t, { idNumber: husbandId, name: '钱建国' });
      const spouse = await registerRelative(t, sender.token, { idNumber: husbandId, name: '钱建国' });
      motherId = await registerRelative(t, sender.token, {
        idNumber: residentId({ birthDate: '1938-02-02' }),
        name: '孙玉兰',
        relationship: 'PARENT',
      });
      const yesterday = addDays(TODAY, -1);
      await earnCredits(t, sender.token, siteAdmin, {
        institutionId: site,
        minutes: 120,
        serviceDate: yesterday,
        category: 'HEALTH_EDUCATION',
      });
      ok(
        await t.gql(TRANSFER, { i: { toRelativeId: spouse, minutes: 15, idempotencyKey: 't' } }, sender.token),
        'transferCredits',
      );
      ok(
        await t.gql(TRANSFER, { i: { toPublicPool: true, minutes: 5, idempotencyKey: 'd' } }, sender.token),
        'transferCredits',
      );
    });

    it('shows the site, category and date of credited service', async () => {
      const earned = (await entries(sender.token)).filter((e) => e.kind === 'EARN');
      expect(earned).toHaveLength(2);
      for (const e of earned) {
        expect(e).toMatchObject({
          siteName: '万州区幸福养老院',
          category: 'HEALTH_EDUCATION',
          serviceDate: addDays(TODAY, -1),
          counterpartyName: null,
        });
        // Worded from these facts (English: the test helper's language).
        expect(e.note).toMatch(
          new RegExp(
            `^${addDays(TODAY, -1)} at 万州区幸福养老院: health education, (\\d+ h|\\d+ min|\\d+ h \\d+ min)$`,
          ),
        );
      }
    });

    it('names the other party of a transfer on both sides: the recipient sees the sender', async () => {
      const out = (await entries(sender.token)).find((e) => e.kind === 'TRANSFER_OUT')!;
      expect(out).toMatchObject({ counterpartyName: '钱建国', siteName: null, category: null, serviceDate: null });
      const received = (await entries(husband.token)).find((e) => e.kind === 'TRANSFER_IN')!;
      expect(received).toMatchObject({ journalId: out.journalId, amount: 15, counterpartyName: '赵淑华' });
      // The note keeps working (a later issue rewords it from these facts).
      expect(received.note).toEqual(expect.any(String));
      const donation = (await entries(sender.token)).find((e) => e.kind === 'DONATION')!;
      expect(donation).toMatchObject({ counterpartyName: null, siteName: null, category: null, serviceDate: null });
    });

    it('shows where care is given and for whom, on the redemption and on its refund', async () => {
      const forMother = ok(
        await t.gql(
          REDEEM,
          { i: { minutes: 20, institutionId: otherSite, beneficiaryRelativeId: motherId, idempotencyKey: 'm' } },
          sender.token,
        ),
        'redeemTime',
      );
      ok(await t.gql(CANCEL, { id: forMother.id }, otherAdmin), 'cancelCareRedemption');
      ok(
        await t.gql(REDEEM, { i: { minutes: 10, institutionId: site, idempotencyKey: 's' } }, sender.token),
        'redeemTime',
      );
      const lines = await entries(sender.token);
      const [self, refund, forHer] = ['REDEMPTION', 'REDEMPTION_REFUND', 'REDEMPTION'].map((kind, i) =>
        lines.filter((e) => e.kind === kind).at(i === 2 ? -1 : 0),
      );
      expect(forHer).toMatchObject({
        amount: -20,
        siteName: '渝中区长者之家',
        counterpartyName: '孙玉兰',
        category: null,
      });
      expect(refund).toMatchObject({ amount: 20, siteName: '渝中区长者之家', counterpartyName: '孙玉兰' });
      expect(self).toMatchObject({ amount: -10, siteName: '万州区幸福养老院', counterpartyName: null });
    });

    it('gives a reversal line the facts of the journal it reverses', async () => {
      const earn = (await entries(husband.token)).find((e) => e.kind === 'TRANSFER_IN')!;
      ok(await t.gql(REVERSE, { id: earn.journalId }, admin), 'reverseJournal');
      const reversal = (await entries(husband.token)).find((e) => e.kind === 'REVERSAL')!;
      expect(reversal).toMatchObject({ amount: -15, counterpartyName: '赵淑华' });

      const credit = await earnCredits(t, husband.token, siteAdmin, {
        institutionId: site,
        minutes: 60,
        category: 'LEGAL_AID',
      });
      expect(credit.creditedMinutes).toBe(60);
      const journalId = (await entries(husband.token)).find((e) => e.kind === 'EARN')!.journalId;
      ok(await t.gql(REVERSE, { id: journalId }, admin), 'reverseJournal');
      const undone = (await entries(husband.token)).filter(
        (e) => e.kind === 'REVERSAL' && e.journalId !== reversal.journalId,
      );
      expect(undone).toHaveLength(2); // TIME and POINTS
      for (const line of undone) {
        expect(line).toMatchObject({ siteName: '万州区幸福养老院', category: 'LEGAL_AID', serviceDate: TODAY });
      }
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  describe('removeRelative', () => {
    let v: TestVolunteer;
    let other: TestVolunteer;
    let parent: string;
    let parentIdNumber: string;

    beforeAll(async () => {
      v = await registerVolunteer(t, { name: '周慧敏' });
      other = await registerVolunteer(t, { name: '吴晓明' });
      parentIdNumber = residentId({ birthDate: '1940-07-07' });
      parent = await registerRelative(t, v.token, { idNumber: parentIdNumber, name: '周父', relationship: 'PARENT' });
      await earnCredits(t, v.token, siteAdmin, { institutionId: site, minutes: 240 });
    });

    const redeemFor = (relativeId: string, key: string) =>
      t.gql(
        REDEEM,
        { i: { minutes: 30, institutionId: site, beneficiaryRelativeId: relativeId, idempotencyKey: key } },
        v.token,
      );

    it('is refused while care for the relative is pending, and allowed once it is decided; history keeps the name', async () => {
      const pending = ok(await redeemFor(parent, 'p-1'), 'redeemTime');
      await refused(t, 'removeRelative', 'BAD_USER_INPUT', () => t.gql(REMOVE, { id: parent }, v.token), ['id']);
      ok(await t.gql(CONFIRM, { id: pending.id }, siteAdmin), 'confirmCareRedemption');

      const before = await auditCount(t, 'removeRelative');
      const removed = ok(await t.gql(REMOVE, { id: parent }, v.token), 'removeRelative');
      expect(removed).toEqual({ __typename: 'Relative', id: parent, relationship: 'PARENT', name: '周父' });
      expect(await auditCount(t, 'removeRelative')).toBe(before + 1);
      const { rows } = await t.db.query('SELECT name, removed_at FROM relative WHERE id = $1', [parent]);
      expect(rows[0].name).toBe('周父');
      expect(rows[0].removed_at).not.toBeNull();
      expect(ok(await t.gql(RELATIVES, {}, v.token), 'myTimeBank').relatives.map((r: any) => r.id)).not.toContain(
        parent,
      );

      // The redemption and the statement still name the relative.
      const redemptions = await t.gql(
        '{ careRedemptions(first: 10) { edges { node { id beneficiaryName } } } }',
        {},
        v.token,
      );
      expect(redemptions.body.data!.careRedemptions.edges).toContainEqual({
        node: { id: pending.id, beneficiaryName: '周父' },
      });
      expect((await entries(v.token)).find((e) => e.kind === 'REDEMPTION')!.counterpartyName).toBe('周父');
    });

    it('leaves a removed relative out of transfers and care, and lets the same person be registered again', async () => {
      const again = ok(
        await t.gql(RELATIVE, { i: { idNumber: parentIdNumber, name: '周父', relationship: 'PARENT' } }, v.token),
        'registerRelative',
      );
      expect(again.id).not.toBe(parent);
      ok(await t.gql(REMOVE, { id: again.id }, v.token), 'removeRelative');
      await refused(t, 'redeemTime', 'NOT_FOUND', () => redeemFor(again.id, 'p-2'));
      await refused(t, 'transferCredits', 'NOT_FOUND', () =>
        t.gql(TRANSFER, { i: { toRelativeId: again.id, minutes: 5, idempotencyKey: 'x-1' } }, v.token),
      );
    });

    it('answers NOT_FOUND for another volunteer’s relative, an unknown or malformed id, one already removed', async () => {
      const mine = await registerRelative(t, v.token, {
        idNumber: residentId({ birthDate: '1966-06-06' }),
        name: '周妹',
        relationship: 'SIBLING',
      });
      for (const id of [randomUUID(), 'not-an-id', parent]) {
        await refused(t, 'removeRelative', 'NOT_FOUND', () => t.gql(REMOVE, { id }, v.token));
      }
      await refused(t, 'removeRelative', 'NOT_FOUND', () => t.gql(REMOVE, { id: mine }, other.token));
      for (const token of [siteAdmin, municipal, admin]) {
        await refused(t, 'removeRelative', 'FORBIDDEN', () => t.gql(REMOVE, { id: mine }, token));
      }
      await refused(t, 'removeRelative', 'UNAUTHENTICATED', () => t.gql(REMOVE, { id: mine }));
      expect(ok(await t.gql(RELATIVES, {}, v.token), 'myTimeBank').relatives.map((r: any) => r.id)).toContain(mine);
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  describe('a relative’s relationship must be plausible against both birth dates', () => {
    let v: TestVolunteer; // 62 today
    const register = (relationship: string, birthDate: string) =>
      t.gql(RELATIVE, { i: { idNumber: residentId({ birthDate }), name: '某亲属', relationship } }, v.token);

    beforeAll(async () => {
      v = await registerVolunteer(t, { name: '郑秀英', birthDate: yearsBefore(TODAY, 62) });
    });

    it('refuses a grandparent of 36 for a volunteer of 62, and every other implausible relationship', async () => {
      const cases: [string, string][] = [
        ['GRANDPARENT', yearsBefore(TODAY, 36)],
        ['GRANDPARENT', addDays(yearsBefore(TODAY, 90), 1)], // 27 years and 364 days older
        ['PARENT', addDays(yearsBefore(TODAY, 76), 1)], // a day short of 14 years older
        ['CHILD', yearsBefore(TODAY, 49)], // 13 years younger
        ['GRANDCHILD', yearsBefore(TODAY, 35)], // 27 years younger
        ['SPOUSE', addDays(yearsBefore(TODAY, 18), 1)], // 18 tomorrow
      ];
      for (const [relationship, birthDate] of cases) {
        await refused(t, 'registerRelative', 'BAD_USER_INPUT', () => register(relationship, birthDate), [
          'relationship',
        ]);
      }
    });

    it('accepts the limits themselves and a sibling of any age', async () => {
      const cases: [string, string][] = [
        ['PARENT', yearsBefore(TODAY, 76)],
        ['GRANDPARENT', yearsBefore(TODAY, 90)],
        ['CHILD', yearsBefore(TODAY, 48)],
        ['GRANDCHILD', yearsBefore(TODAY, 34)],
        ['SPOUSE', yearsBefore(TODAY, 18)],
        ['SIBLING', yearsBefore(TODAY, 20)],
        ['SIBLING', yearsBefore(TODAY, 95)],
      ];
      for (const [relationship, birthDate] of cases) {
        const res = await register(relationship, birthDate);
        expect({ relationship, birthDate, errors: res.body.errors }).toEqual({
          relationship,
          birthDate,
          errors: undefined,
        });
      }
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  describe('reward redemptions and their collection codes', () => {
    let v: TestVolunteer;
    let other: TestVolunteer;
    let reward: { id: string; name: string };
    const buy = (token: string, quantity: number, key: string) =>
      t.gql(BUY, { i: { rewardId: reward.id, quantity, idempotencyKey: key } }, token);
    const mine = async (token: string) => ok(await t.gql(MY_REWARDS, { first: 10 }, token), 'myRewardRedemptions');

    beforeAll(async () => {
      v = await registerVolunteer(t, { name: '冯桂芳' });
      other = await registerVolunteer(t, { name: '陈秋菊' });
      await earnCredits(t, v.token, siteAdmin, { institutionId: site, minutes: 240 }); // 40 points
      await earnCredits(t, other.token, siteAdmin, { institutionId: site, minutes: 60 }); // 10 points
      reward = ok(
        await t.gql(CREATE_REWARD, { i: { name: '理发券', pointsCost: 5, stock: 10 } }, municipal),
        'createReward',
      );
    });

    it('opens a PENDING redemption with a code when points are spent, once per request', async () => {
      const journal = ok(await buy(v.token, 2, 'buy-1'), 'redeemPoints');
      ok(await buy(v.token, 2, 'buy-1'), 'redeemPoints'); // a retry
      const list = await mine(v.token);
      expect(list.totalCount).toBe(1);
      expect(list.edges[0].node).toEqual({
        id: expect.any(String),
        code: expect.stringMatching(CODE),
        status: 'PENDING',
        quantity: 2,
        points: 10,
        journalId: journal.id,
        volunteerName: '冯桂芳',
        redeemedAt: expect.any(String),
        collectedAt: null,
        reward: { id: reward.id, name: '理发券' },
      });
      expect((await mine(other.token)).totalCount).toBe(0);
    });

    it('gives every redemption its own code, newest first, in pages', async () => {
      for (let i = 0; i < 3; i++) ok(await buy(v.token, 1, `more-${i}`), 'redeemPoints');
      const all = await mine(v.token);
      const codesSeen = all.edges.map((e: any) => e.node.code);
      expect(new Set(codesSeen).size).toBe(codesSeen.length);
      const journals = all.edges.map((e: any) => Number(e.node.journalId));
      expect(journals).toEqual([...journals].sort((a, b) => b - a));
      const page = ok(await t.gql(MY_REWARDS, { first: 2 }, v.token), 'myRewardRedemptions');
      const next = ok(
        await t.gql(MY_REWARDS, { first: 2, after: page.pageInfo.endCursor }, v.token),
        'myRewardRedemptions',
      );
      expect([...page.edges, ...next.edges].map((e: any) => e.node.id)).toEqual(all.edges.map((e: any) => e.node.id));
    });

    it('lets an institution admin hand it over against the code, once, as typed by a person', async () => {
      const [pending] = (await mine(v.token)).edges.map((e: any) => e.node).filter((n: any) => n.status === 'PENDING');
      const typed = ` ${pending.code.slice(0, 3).toLowerCase()} ${pending.code.slice(3)} `;
      const before = await auditCount(t, 'collectReward');
      const collected = ok(await t.gql(COLLECT, { c: typed }, otherAdmin), 'collectReward');
      expect(collected).toMatchObject({
        id: pending.id,
        code: pending.code,
        status: 'COLLECTED',
        collectedAt: expect.any(String),
        volunteerName: '冯桂芳',
        reward: { name: '理发券' },
      });
      expect(await auditCount(t, 'collectReward')).toBe(before + 1);
      const { rows } = await t.db.query('SELECT institution_id, collected_by FROM reward_redemption WHERE id = $1', [
        pending.id,
      ]);
      expect(rows[0].institution_id).toBe(otherSite);
      expect(rows[0].collected_by).not.toBeNull();
      await refused(t, 'collectReward', 'CONFLICT', () => t.gql(COLLECT, { c: pending.code }, siteAdmin), ['code']);
      const after = (await mine(v.token)).edges.find((e: any) => e.node.id === pending.id).node;
      expect(after).toMatchObject({ status: 'COLLECTED', collectedAt: expect.any(String) });
    });

    it('answers NOT_FOUND for an unknown or malformed code, and refuses other roles', async () => {
      const { rows } = await t.db.query(`SELECT code FROM reward_redemption WHERE status = 'PENDING' LIMIT 1`);
      const code: string = rows[0].code;
      const unknown = code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
      for (const c of [unknown, 'abc', '', `${code}1`, 'O0O0O0']) {
        await refused(t, 'collectReward', 'NOT_FOUND', () => t.gql(COLLECT, { c }, siteAdmin));
      }
      for (const token of [v.token, municipal, wanzhou, admin, body]) {
        await refused(t, 'collectReward', 'FORBIDDEN', () => t.gql(COLLECT, { c: code }, token));
      }
      await refused(t, 'collectReward', 'UNAUTHENTICATED', () => t.gql(COLLECT, { c: code }));
      for (const token of [siteAdmin, municipal, admin]) {
        expect(codes(await t.gql(MY_REWARDS, { first: 1 }, token))).toEqual(['FORBIDDEN']);
      }
      expect(codes(await t.gql(MY_REWARDS, { first: 1 }))).toEqual(['UNAUTHENTICATED']);
    });

    it('cancels a pending redemption when its purchase is reversed, and refuses to reverse a collected one', async () => {
      const nodes = (await mine(v.token)).edges.map((e: any) => e.node);
      const pending = nodes.find((n: any) => n.status === 'PENDING');
      const collected = nodes.find((n: any) => n.status === 'COLLECTED');
      ok(await t.gql(REVERSE, { id: pending.journalId }, admin), 'reverseJournal');
      expect((await mine(v.token)).edges.find((e: any) => e.node.id === pending.id).node.status).toBe('CANCELLED');
      await refused(t, 'collectReward', 'CONFLICT', () => t.gql(COLLECT, { c: pending.code }, siteAdmin));
      await refused(t, 'reverseJournal', 'BAD_USER_INPUT', () => t.gql(REVERSE, { id: collected.journalId }, admin), [
        'id',
      ]);
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  describe('unknown ids are NOT_FOUND', () => {
    let v: TestVolunteer;

    beforeAll(async () => {
      v = await registerVolunteer(t, { name: '韩梅' });
      await earnCredits(t, v.token, siteAdmin, { institutionId: site, minutes: 60 });
    });

    it('in every time-bank operation that takes one, and nothing is written', async () => {
      const log = (institutionId: string) =>
        t.gql(
          'mutation($i: LogServiceInput!) { logService(input: $i) { id } }',
          { i: { institutionId, category: 'OTHER', serviceDate: TODAY, minutes: 30 } },
          v.token,
        );
      for (const id of [randomUUID(), 'nowhere']) {
        await refused(t, 'logService', 'NOT_FOUND', () => log(id));
        await refused(t, 'redeemTime', 'NOT_FOUND', () =>
          t.gql(REDEEM, { i: { minutes: 5, institutionId: id, idempotencyKey: `r-${id}` } }, v.token),
        );
        await refused(t, 'redeemTime', 'NOT_FOUND', () =>
          t.gql(
            REDEEM,
            { i: { minutes: 5, institutionId: site, beneficiaryRelativeId: id, idempotencyKey: `b-${id}` } },
            v.token,
          ),
        );
        await refused(t, 'transferCredits', 'NOT_FOUND', () =>
          t.gql(TRANSFER, { i: { toRelativeId: id, minutes: 5, idempotencyKey: `t-${id}` } }, v.token),
        );
        await refused(t, 'verifyService', 'NOT_FOUND', () =>
          t.gql('mutation($id: ID!) { verifyService(id: $id) { id } }', { id }, siteAdmin),
        );
        await refused(t, 'grantFromPool', 'NOT_FOUND', () =>
          t.gql(
            'mutation($i: GrantFromPoolInput!) { grantFromPool(input: $i) { id } }',
            { i: { volunteerId: id, minutes: 1, reason: 'x', idempotencyKey: `g-${id}` } },
            municipal,
          ),
        );
        const records = await t.gql(
          'query($v: ID) { serviceRecords(filter: { volunteerId: $v }, first: 5) { totalCount } }',
          { v: id },
          siteAdmin,
        );
        // A well-formed id that names nobody filters to nothing; a malformed one cannot name anyone.
        if (id === 'nowhere') expect(codes(records)).toEqual(['NOT_FOUND']);
        else expect(records.body.data!.serviceRecords.totalCount).toBe(0);
      }
      for (const id of ['999999999', 'nope']) {
        await refused(t, 'reverseJournal', 'NOT_FOUND', () => t.gql(REVERSE, { id }, admin));
      }
    });
  });
});
