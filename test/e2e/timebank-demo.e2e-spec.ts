import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD } from '../../src/database/seed.service.js';
import { login } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// The demo time bank as a visitor meets it: the `volunteer` account and what the other demo accounts see of it.

describe('demo time bank', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true' });
  });
  afterAll(() => t?.close());

  it('gives the volunteer, aged 62, a realistic history, relatives and balances that match the ledger', async () => {
    const token = await login(t, 'volunteer', DEMO_PASSWORD);
    const res = await t.gql(
      `{ myTimeBank {
           timeBalanceMinutes pointsBalance
           volunteer { username regionCode person { age } }
           relatives { relationship age hasAccount }
           entries(first: 100) { totalCount edges { node { kind currency amount balanceAfter } } }
           monthly(year: ${new Date().getUTCFullYear()}) { month earnedMinutes spentMinutes } } }`,
      {},
      token,
    );
    expect(res.body.errors).toBeUndefined();
    const bank = res.body.data!.myTimeBank;
    expect(bank.volunteer).toEqual({ username: 'volunteer', regionCode: '500101', person: { age: 62 } });
    expect(bank.relatives).toEqual([
      { relationship: 'SPOUSE', age: 65, hasAccount: true },
      { relationship: 'PARENT', age: 88, hasAccount: false },
    ]);
    expect(bank.timeBalanceMinutes).toBeGreaterThan(1000);
    expect(bank.pointsBalance).toBeGreaterThan(100);
    const kinds = new Set(bank.entries.edges.map((e: { node: { kind: string } }) => e.node.kind));
    for (const kind of ['EARN', 'DONATION', 'TRANSFER_OUT', 'REDEMPTION', 'REWARD']) expect(kinds).toContain(kind);
    // The newest TIME line's balance is the stored balance.
    const newestTime = bank.entries.edges.find((e: { node: { currency: string } }) => e.node.currency === 'TIME');
    expect(newestTime.node.balanceAfter).toBe(bank.timeBalanceMinutes);
    expect(bank.monthly).toHaveLength(12);
  });

  it('exempts the demo accounts from changing their published password (issue 13)', async () => {
    for (const username of ['admin', 'planner', 'wanzhou-planner', 'institution-admin', 'college', 'volunteer']) {
      const token = await login(t, username, DEMO_PASSWORD);
      const me = await t.gql('{ me { username mustChangePassword } }', {}, token);
      expect(me.body.data!.me).toEqual({ username, mustChangePassword: false });
    }
  });

  it('gives the demo statement its facts and the demo reward its collection code (issue 13)', async () => {
    const lines = async (username: string) => {
      const res = await t.gql(
        '{ myTimeBank { entries(first: 100) { edges { node { kind counterpartyName siteName category serviceDate } } } } }',
        {},
        await login(t, username, DEMO_PASSWORD),
      );
      expect(res.body.errors).toBeUndefined();
      return res.body.data!.myTimeBank.entries.edges.map((e: { node: Record<string, unknown> }) => e.node);
    };
    const mine = await lines('volunteer');
    expect(mine.find((l: { kind: string }) => l.kind === 'TRANSFER_OUT')).toMatchObject({ counterpartyName: '张建国' });
    expect(mine.find((l: { kind: string }) => l.kind === 'REDEMPTION')).toMatchObject({
      counterpartyName: '陈玉兰',
      siteName: '万州区社会福利院',
    });
    const earned = mine.filter((l: { kind: string }) => l.kind === 'EARN');
    expect(earned.length).toBeGreaterThan(10);
    for (const l of earned) {
      expect(l).toMatchObject({
        siteName: expect.any(String),
        category: expect.any(String),
        serviceDate: expect.any(String),
      });
    }
    // Her husband reads who sent him the credits, not his own name.
    const his = await lines('volunteer-spouse');
    expect(his.find((l: { kind: string }) => l.kind === 'TRANSFER_IN')).toMatchObject({ counterpartyName: '李淑芬' });

    const rewards = await t.gql(
      '{ myRewardRedemptions(first: 5) { totalCount edges { node { code quantity reward { name } } } } }',
      {},
      await login(t, 'volunteer', DEMO_PASSWORD),
    );
    expect(rewards.body.data!.myRewardRedemptions).toMatchObject({
      totalCount: 1,
      edges: [{ node: { code: 'LSF562', quantity: 1, reward: { name: expect.any(String) } } }],
    });
  });

  it('keeps the ledger balanced and every stored balance equal to its postings', async () => {
    const { rows } = await t.db.query<{ unbalanced: number; drift: number; negative: number; journals: number }>(
      `SELECT (SELECT count(*)::int FROM (SELECT 1 FROM posting GROUP BY journal_id, currency HAVING sum(amount) <> 0) x)
                AS unbalanced,
              (SELECT count(*)::int FROM ledger_account a
                WHERE a.balance <> (SELECT coalesce(sum(amount), 0) FROM posting p WHERE p.account_id = a.id)) AS drift,
              (SELECT count(*)::int FROM ledger_account WHERE balance < 0 AND system_account IS DISTINCT FROM 'ISSUANCE')
                AS negative,
              (SELECT count(*)::int FROM journal) AS journals`,
    );
    expect(rows[0]).toMatchObject({ unbalanced: 0, drift: 0, negative: 0 });
    expect(rows[0].journals).toBeGreaterThan(200);
  });

  it('reverses the demo reward purchase with its stock, like any purchase', async () => {
    const { rows } = await t.db.query<{ id: string; reward_id: string; stock: number }>(
      `SELECT j.id, j.reward_id, w.stock FROM journal j JOIN reward w ON w.id = j.reward_id WHERE j.kind = 'REWARD'`,
    );
    expect(rows).toHaveLength(1);
    const admin = await login(t, 'admin', DEMO_PASSWORD);
    const res = await t.gql(
      'mutation($id: ID!) { reverseJournal(id: $id, reason: "returned") { kind } }',
      { id: rows[0].id },
      admin,
    );
    expect(res.body.errors).toBeUndefined();
    const after = await t.db.query('SELECT stock FROM reward WHERE id = $1', [rows[0].reward_id]);
    expect(after.rows[0].stock).toBe(rows[0].stock + 1);
  });

  it('gives the institution admin service to verify and care to confirm, and planners a summary', async () => {
    const admin = await login(t, 'institution-admin', DEMO_PASSWORD);
    const pending = await t.gql(
      `{ serviceRecords(filter: { status: LOGGED }, first: 10) { totalCount }
         careRedemptions(status: PENDING, first: 10) { totalCount edges { node { minutes relationship beneficiaryName } } } }`,
      {},
      admin,
    );
    expect(pending.body.errors).toBeUndefined();
    expect(pending.body.data!.serviceRecords.totalCount).toBeGreaterThanOrEqual(1);
    expect(pending.body.data!.careRedemptions.edges).toEqual([
      { node: { minutes: 120, relationship: 'PARENT', beneficiaryName: '陈玉兰' } },
    ]);

    const planner = await login(t, 'planner', DEMO_PASSWORD);
    const summary = await t.gql(
      '{ timeBankSummary { volunteers activeVolunteers shareAged60To69 minutesIssued publicPoolMinutes regions { regionCode } } rewards(first: 10) { totalCount } }',
      {},
      planner,
    );
    expect(summary.body.errors).toBeUndefined();
    const s = summary.body.data!.timeBankSummary;
    expect(s.volunteers).toBe(122);
    expect(s.activeVolunteers).toBeGreaterThan(50);
    expect(s.shareAged60To69).toBeGreaterThan(0.3);
    expect(s.publicPoolMinutes).toBe(30);
    expect(s.regions.length).toBeGreaterThanOrEqual(5);
    expect(summary.body.data!.rewards.totalCount).toBe(5);
  });
});
