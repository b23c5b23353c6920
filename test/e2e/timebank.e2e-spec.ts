import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createInstitution,
  earnCredits,
  registerRelative,
  registerStaff,
  registerVolunteer,
  residentId,
  signInRoles,
  type TestVolunteer,
} from '../helpers/factories.js';
import { codes, startTestApp, type TestApp } from '../helpers/test-app.js';

// The time bank's main journey end to end: sign-up, service, credits, spending, corrections, statements.

const BANK = `query { myTimeBank { timeBalanceMinutes pointsBalance
  entries(first: 50) { totalCount edges { node { journalId kind currency amount balanceAfter note } } }
  relatives { id relationship age hasAccount } } }`;

describe('time bank: the main journey', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  let site: string;
  let otherSite: string;
  let volunteer: TestVolunteer;

  beforeAll(async () => {
    t = await startTestApp({ VOLUNTEER_SIGNUP_RATE_LIMIT: '100000' });
    site = await createInstitution(t, { regionCode: '500101' });
    otherSite = await createInstitution(t, { regionCode: '500103' });
    tokens = await signInRoles(t, [
      { role: 'MUNICIPAL_PLANNER' },
      { role: 'INSTITUTION_ADMIN', institutionId: site },
      { role: 'ADMIN' },
    ]);
    volunteer = await registerVolunteer(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const bank = async (token: string) => {
    const res = await t.gql<{ myTimeBank: any }>(BANK, {}, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.myTimeBank;
  };

  it('credits verified service with points and shows it on the statement', async () => {
    const record = await earnCredits(t, volunteer.token, tokens.INSTITUTION_ADMIN, {
      institutionId: site,
      minutes: 90,
    });
    expect(record).toMatchObject({ creditedMinutes: 90, uncreditedMinutes: 0, pointsAwarded: 15 });
    const b = await bank(volunteer.token);
    expect(b.timeBalanceMinutes).toBe(90);
    expect(b.pointsBalance).toBe(15);
    expect(b.entries.totalCount).toBe(2);
    expect(b.entries.edges.map((e: any) => [e.node.kind, e.node.currency, e.node.amount, e.node.balanceAfter])).toEqual(
      expect.arrayContaining([
        ['EARN', 'TIME', 90, 90],
        ['EARN', 'POINTS', 15, 15],
      ]),
    );
  });

  it('redeems time, refunds a cancelled redemption and keeps a confirmed one', async () => {
    const redeem = (minutes: number, key: string) =>
      t.gql<{ redeemTime: { id: string; status: string; minutes: number } }>(
        'mutation($i: RedeemTimeInput!) { redeemTime(input: $i) { id status minutes beneficiaryName institution { id } } }',
        { i: { minutes, institutionId: site, idempotencyKey: key } },
        volunteer.token,
      );
    const first = await redeem(30, 'r-1');
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.redeemTime.status).toBe('PENDING');
    expect((await bank(volunteer.token)).timeBalanceMinutes).toBe(60);
    const again = await redeem(30, 'r-1');
    expect(again.body.data!.redeemTime.id).toBe(first.body.data!.redeemTime.id);
    expect((await bank(volunteer.token)).timeBalanceMinutes).toBe(60);
    expect(codes(await redeem(31, 'r-1'))).toEqual(['CONFLICT']);
    expect(codes(await redeem(61, 'r-2'))).toEqual(['INSUFFICIENT_BALANCE']);

    const cancelled = await t.gql(
      'mutation($id: ID!) { cancelCareRedemption(id: $id, reason: "not delivered") { id status refundJournalId } }',
      { id: first.body.data!.redeemTime.id },
      tokens.INSTITUTION_ADMIN,
    );
    expect(cancelled.body.errors).toBeUndefined();
    expect((await bank(volunteer.token)).timeBalanceMinutes).toBe(90);

    const second = await redeem(60, 'r-3');
    const confirmed = await t.gql(
      'mutation($id: ID!) { confirmCareRedemption(id: $id) { id status } }',
      { id: second.body.data!.redeemTime.id },
      tokens.INSTITUTION_ADMIN,
    );
    expect(confirmed.body.data).toEqual({
      confirmCareRedemption: { id: second.body.data!.redeemTime.id, status: 'COMPLETED' },
    });
    expect((await bank(volunteer.token)).timeBalanceMinutes).toBe(30);
  });

  it('transfers to a relative with an account and donates to the pool', async () => {
    const relativeId = residentId({ birthDate: '1962-01-01' });
    const spouse = await registerVolunteer(t, { idNumber: relativeId, name: '王秀兰' });
    const rid = await registerRelative(t, volunteer.token, { idNumber: relativeId, name: '王秀兰' });
    const transfer = await t.gql(
      'mutation($i: TransferCreditsInput!) { transferCredits(input: $i) { id kind lines { kind amount currency } } }',
      { i: { toRelativeId: rid, minutes: 10, idempotencyKey: 't-1' } },
      volunteer.token,
    );
    expect(transfer.body.errors).toBeUndefined();
    expect((await bank(spouse.token)).timeBalanceMinutes).toBe(10);
    const donation = await t.gql(
      'mutation($i: TransferCreditsInput!) { transferCredits(input: $i) { id kind } }',
      { i: { toPublicPool: true, minutes: 5, idempotencyKey: 't-2' } },
      volunteer.token,
    );
    expect(donation.body.data).toMatchObject({ transferCredits: { kind: 'DONATION' } });
    expect((await bank(volunteer.token)).timeBalanceMinutes).toBe(15);

    const grant = await t.gql(
      'mutation($i: GrantFromPoolInput!) { grantFromPool(input: $i) { id kind } }',
      { i: { volunteerId: spouse.id, minutes: 5, reason: 'empty-nest elder', idempotencyKey: 'g-1' } },
      tokens.MUNICIPAL_PLANNER,
    );
    expect(grant.body.errors).toBeUndefined();
    expect((await bank(spouse.token)).timeBalanceMinutes).toBe(15);
    const tooMuch = await t.gql(
      'mutation($i: GrantFromPoolInput!) { grantFromPool(input: $i) { id kind } }',
      { i: { volunteerId: spouse.id, minutes: 1, reason: 'more', idempotencyKey: 'g-2' } },
      tokens.MUNICIPAL_PLANNER,
    );
    expect(codes(tooMuch)).toEqual(['INSUFFICIENT_BALANCE']);

    const reversed = await t.gql(
      'mutation($id: ID!) { reverseJournal(id: $id, reason: "mistake") { id kind reversesJournalId } }',
      { id: (transfer.body.data as any).transferCredits.id },
      tokens.ADMIN,
    );
    expect(reversed.body.errors).toBeUndefined();
    expect((await bank(spouse.token)).timeBalanceMinutes).toBe(5);
    expect((await bank(volunteer.token)).timeBalanceMinutes).toBe(25);
  });

  it('links a sign-up to a staff member registered without a phone, stores the phone, and opens the relative', async () => {
    const idNumber = residentId({ birthDate: '1958-05-05' });
    const staff = await registerStaff(t, tokens.INSTITUTION_ADMIN, { institutionId: site, idNumber, name: '李桂英' });
    await registerRelative(t, volunteer.token, { idNumber, name: '李桂英', relationship: 'SIBLING' });
    const before = await t.db.query('SELECT phone_masked FROM person WHERE id = $1', [staff.person.id]);
    expect(before.rows).toEqual([{ phone_masked: null }]);
    const relatives = async () =>
      (await t.gql('{ myTimeBank { relatives { relationship hasAccount } } }', {}, volunteer.token)).body.data!
        .myTimeBank.relatives;
    expect(await relatives()).toContainEqual({ relationship: 'SIBLING', hasAccount: false });

    const sibling = await registerVolunteer(t, { idNumber, name: '李桂英', phone: '13912345678' });
    expect(sibling.personId).toBe(staff.person.id);
    const after = await t.db.query('SELECT phone_masked FROM person WHERE id = $1', [sibling.personId]);
    expect(after.rows[0].phone_masked).toBe('139****5678');
    expect(await relatives()).toContainEqual({ relationship: 'SIBLING', hasAccount: true });
  });

  it('marks a reversed service credit on its record and leaves it out of the monthly statement', async () => {
    const v = await registerVolunteer(t);
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const monthly = async () =>
      (
        await t.gql(`{ myTimeBank { monthly(year: ${year}) { earnedMinutes } } }`, {}, v.token)
      ).body.data!.myTimeBank.monthly.reduce((sum: number, m: { earnedMinutes: number }) => sum + m.earnedMinutes, 0);
    await earnCredits(t, v.token, tokens.INSTITUTION_ADMIN, { institutionId: site, minutes: 60 });
    const record = await earnCredits(t, v.token, tokens.INSTITUTION_ADMIN, { institutionId: site, minutes: 45 });
    expect(await monthly()).toBe(105);
    const list = async () =>
      (
        await t.gql(
          '{ serviceRecords(first: 10) { edges { node { id journalId reversalJournalId creditedMinutes } } } }',
          {},
          v.token,
        )
      ).body.data!.serviceRecords.edges.map((e: { node: unknown }) => e.node);
    const credited = (await list()).find((r: { id: string }) => r.id === record.id);
    const reversal = await t.gql(
      'mutation($id: ID!) { reverseJournal(id: $id, reason: "not done") { id } }',
      { id: credited.journalId },
      tokens.MUNICIPAL_PLANNER,
    );
    expect(reversal.body.errors).toBeUndefined();
    expect((await list()).find((r: { id: string }) => r.id === record.id)).toEqual({
      ...credited,
      reversalJournalId: (reversal.body.data as { reverseJournal: { id: string } }).reverseJournal.id,
    });
    expect((await list()).filter((r: { reversalJournalId: string | null }) => r.reversalJournalId)).toHaveLength(1);
    expect(await monthly()).toBe(60);
  });

  it('sells rewards for points and shows the planners aggregates', async () => {
    const reward = await t.gql<{ createReward: { id: string } }>(
      'mutation($i: CreateRewardInput!) { createReward(input: $i) { id stock } }',
      { i: { name: '毛巾', pointsCost: 5, stock: 2 } },
      tokens.MUNICIPAL_PLANNER,
    );
    const buy = (quantity: number, key: string) =>
      t.gql(
        'mutation($i: RedeemPointsInput!) { redeemPoints(input: $i) { id } }',
        { i: { rewardId: reward.body.data!.createReward.id, quantity, idempotencyKey: key } },
        volunteer.token,
      );
    expect((await buy(2, 'p-1')).body.errors).toBeUndefined();
    expect(codes(await buy(1, 'p-2'))).toEqual(['BAD_USER_INPUT']);
    expect((await bank(volunteer.token)).pointsBalance).toBe(5);

    const summary = await t.gql(
      'query { timeBankSummary { volunteers activeVolunteers shareAged60To69 minutesIssued minutesRedeemed publicPoolMinutes regions { regionCode volunteers } } }',
      {},
      tokens.MUNICIPAL_PLANNER,
    );
    expect(summary.body.errors).toBeUndefined();
    expect(summary.body.data).toMatchObject({
      timeBankSummary: {
        volunteers: 4,
        activeVolunteers: 2,
        shareAged60To69: 1,
        minutesIssued: 150,
        minutesRedeemed: 60,
      },
    });
    const monthly = await t.gql(
      'query { myTimeBank { monthly(year: 2026) { month earnedMinutes spentMinutes } } }',
      {},
      volunteer.token,
    );
    expect(monthly.body.errors).toBeUndefined();
    void otherSite;
  });
});

describe('time bank: relative registrations are rate-limited per account', () => {
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
  });

  it('answers RATE_LIMITED past RELATIVE_REGISTRATION_RATE_LIMIT a day, writing nothing', async () => {
    t = await startTestApp({ RELATIVE_REGISTRATION_RATE_LIMIT: '2' });
    const v = await registerVolunteer(t);
    const register = () =>
      t.gql(
        'mutation($i: RegisterRelativeInput!) { registerRelative(input: $i) { id } }',
        { i: { idNumber: residentId({ birthDate: '1950-01-01' }), name: '某某', relationship: 'PARENT' } },
        v.token,
      );
    expect((await register()).body.errors).toBeUndefined();
    expect((await register()).body.errors).toBeUndefined();
    expect(codes(await register())).toEqual(['RATE_LIMITED']);
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM relative');
    expect(rows[0].n).toBe(2);
    // Another volunteer has its own budget.
    const w = await registerVolunteer(t);
    const res = await t.gql(
      'mutation($i: RegisterRelativeInput!) { registerRelative(input: $i) { id } }',
      { i: { idNumber: residentId({ birthDate: '1950-01-01' }), name: '某某', relationship: 'PARENT' } },
      w.token,
    );
    expect(res.body.errors).toBeUndefined();
  });
});
