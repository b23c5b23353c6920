import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  createInstitution,
  earnCredits,
  registerRelative,
  registerVolunteer,
  residentId,
  signIn,
  type TestVolunteer,
} from '../helpers/factories.js';
import { codes, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/test-app.js';

// The time-bank ledger's guarantees, end to end: a property-based test of random operation sequences checked
// against the database after every step, concurrency, what the database itself refuses, and exact reversals.

const STORAGE_CAP = 600;
const DAILY_CAP = 480;
const POINTS_PER_HOUR = 10;

const LOG = 'mutation($i: LogServiceInput!) { logService(input: $i) { id status } }';
const VERIFY = `mutation($id: ID!) { verifyService(id: $id) {
  id status creditedMinutes uncreditedMinutes pointsAwarded journalId } }`;
const TRANSFER = `mutation($i: TransferCreditsInput!) { transferCredits(input: $i) {
  id kind lines { volunteerId systemAccount currency kind amount } } }`;
const REDEEM_TIME = 'mutation($i: RedeemTimeInput!) { redeemTime(input: $i) { id status minutes journalId } }';
const CONFIRM = 'mutation($id: ID!) { confirmCareRedemption(id: $id) { id status } }';
const CANCEL =
  'mutation($id: ID!, $r: String!) { cancelCareRedemption(id: $id, reason: $r) { id status refundJournalId } }';
const REDEEM_POINTS = 'mutation($i: RedeemPointsInput!) { redeemPoints(input: $i) { id kind } }';
const GRANT = 'mutation($i: GrantFromPoolInput!) { grantFromPool(input: $i) { id kind } }';
const REVERSE = 'mutation($id: ID!, $r: String!) { reverseJournal(id: $id, reason: $r) { id kind reversesJournalId } }';
const BANK = 'query { myTimeBank { timeBalanceMinutes pointsBalance } }';
const CREATE_REWARD = 'mutation($i: CreateRewardInput!) { createReward(input: $i) { id stock } }';

/** A date `daysAgo` days before today in Asia/Shanghai (YYYY-MM-DD). */
const shanghaiDate = (daysAgo = 0) =>
  new Date(Date.now() + 8 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);

/** Every way the stored ledger could be wrong, in one round trip: an empty list when it is sound. */
const LEDGER_VIOLATIONS = `
  SELECT 'journal does not sum to zero' AS problem, format('journal %s %s: %s', journal_id, currency, sum(amount)) AS detail
  FROM posting GROUP BY journal_id, currency HAVING sum(amount) <> 0
  UNION ALL
  SELECT 'accounts do not sum to zero', format('%s: %s', currency, sum(balance))
  FROM ledger_account GROUP BY currency HAVING sum(balance) <> 0
  UNION ALL
  SELECT 'stored balance differs from its postings', format('account %s: stored %s, postings %s', a.id, a.balance, coalesce(p.total, 0))
  FROM ledger_account a LEFT JOIN (SELECT account_id, sum(amount) AS total FROM posting GROUP BY account_id) p
    ON p.account_id = a.id
  WHERE a.balance <> coalesce(p.total, 0)
  UNION ALL
  SELECT 'negative balance', format('account %s (%s): %s', id, coalesce(system_account::text, 'volunteer'), balance)
  FROM ledger_account WHERE balance < 0 AND system_account IS DISTINCT FROM 'ISSUANCE'
  UNION ALL
  SELECT 'balance_after chain broken', format('posting %s of account %s: balance_after %s, running sum %s', id, account_id, balance_after, running)
  FROM (SELECT id, account_id, balance_after, sum(amount) OVER (PARTITION BY account_id ORDER BY id) AS running FROM posting) c
  WHERE balance_after <> running
  UNION ALL
  SELECT 'posting in the wrong currency', format('posting %s', p.id)
  FROM posting p JOIN ledger_account a ON a.id = p.account_id WHERE p.currency <> a.currency
  UNION ALL
  SELECT 'journal with fewer than two postings', format('journal %s', j.id)
  FROM journal j WHERE (SELECT count(*) FROM posting p WHERE p.journal_id = j.id) < 2
  UNION ALL
  SELECT 'flow totals differ from the postings', format('account %s: %s vs %s', a.id,
         row(a.earned, a.redeemed, a.transferred_out, a.granted, a.to_pool), row(f.earned, f.redeemed, f.transferred_out, f.granted, f.to_pool))
  FROM ledger_account a
  LEFT JOIN (SELECT p.account_id,
                    coalesce(sum(p.amount) FILTER (WHERE p.kind = 'EARN'), 0) AS earned,
                    coalesce(-sum(p.amount) FILTER (WHERE p.kind IN ('REDEMPTION', 'REDEMPTION_REFUND')), 0) AS redeemed,
                    coalesce(-sum(p.amount) FILTER (WHERE p.kind = 'TRANSFER_OUT'), 0) AS transferred_out,
                    coalesce(sum(p.amount) FILTER (WHERE p.kind = 'POOL_GRANT'), 0) AS granted,
                    coalesce(-sum(p.amount) FILTER (WHERE p.kind IN ('DONATION', 'CAP_OVERFLOW')), 0) AS to_pool
               FROM posting p
              WHERE p.kind <> 'REVERSAL' AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.reverses_journal_id = p.journal_id)
              GROUP BY p.account_id) f ON f.account_id = a.id
  WHERE a.volunteer_id IS NOT NULL AND a.currency = 'TIME'
    AND (a.earned, a.redeemed, a.transferred_out, a.granted, a.to_pool)
        IS DISTINCT FROM (coalesce(f.earned, 0), coalesce(f.redeemed, 0), coalesce(f.transferred_out, 0),
                          coalesce(f.granted, 0), coalesce(f.to_pool, 0))`;

describe('time-bank ledger guarantees', () => {
  let t: TestApp;
  let site: string;
  let siteAdmin: string;
  let planner: { token: string; id: string };
  let admin: string;
  let run = 0;

  beforeAll(async () => {
    t = await startTestApp({
      VOLUNTEER_SIGNUP_RATE_LIMIT: '100000',
      TIMEBANK_STORAGE_CAP_MINUTES: String(STORAGE_CAP),
      TIMEBANK_DAILY_CAP_MINUTES: String(DAILY_CAP),
    });
    site = await createInstitution(t, { regionCode: '500101' });
    siteAdmin = (await signIn(t, { role: 'INSTITUTION_ADMIN', institutionId: site })).token;
    planner = await signIn(t, { role: 'MUNICIPAL_PLANNER' });
    admin = (await signIn(t, { role: 'ADMIN' })).token;
  });
  afterAll(async () => {
    await t?.close();
  });

  const ledgerViolations = async () => (await t.db.query<{ problem: string; detail: string }>(LEDGER_VIOLATIONS)).rows;

  const balances = async (volunteerIds: string[]) => {
    const { rows } = await t.db.query<{ volunteer_id: string; currency: string; balance: string }>(
      'SELECT volunteer_id, currency, balance::text FROM ledger_account WHERE volunteer_id = ANY($1::uuid[])',
      [volunteerIds],
    );
    const out: Record<string, { time: number; points: number }> = {};
    for (const id of volunteerIds) out[id] = { time: NaN, points: NaN };
    for (const r of rows) out[r.volunteer_id][r.currency === 'TIME' ? 'time' : 'points'] = Number(r.balance);
    return out;
  };

  const systemBalance = async (system: string, currency = 'TIME') => {
    const { rows } = await t.db.query<{ b: string }>(
      'SELECT balance::text AS b FROM ledger_account WHERE system_account = $1 AND currency = $2',
      [system, currency],
    );
    return Number(rows[0].b);
  };

  const bank = async (token: string) => {
    const res = await t.gql<{ myTimeBank: { timeBalanceMinutes: number; pointsBalance: number } }>(BANK, {}, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.myTimeBank;
  };

  /** Two volunteers who registered each other as spouses (both with accounts), so credits can move both ways. */
  const couple = async (regionCode = '500101') => {
    const idA = residentId({ birthDate: '1960-05-01' });
    const idB = residentId({ birthDate: '1961-07-09' });
    const a = await registerVolunteer(t, { idNumber: idA, regionCode });
    const b = await registerVolunteer(t, { idNumber: idB, regionCode });
    const aToB = await registerRelative(t, a.token, { idNumber: idB, name: b.name });
    const bToA = await registerRelative(t, b.token, { idNumber: idA, name: a.name });
    return { a, b, aToB, bToA };
  };

  const createReward = async (pointsCost: number, stock: number) => {
    const res = await t.gql<{ createReward: { id: string } }>(
      CREATE_REWARD,
      { i: { name: `奖品-${++run}-${Math.random().toString(36).slice(2, 8)}`, pointsCost, stock } },
      planner.token,
    );
    if (!res.body.data?.createReward) throw new Error(`createReward failed: ${JSON.stringify(res.body.errors)}`);
    return res.body.data.createReward.id;
  };

  const rewardStock = async (rewardId: string) =>
    (await t.db.query<{ stock: number }>('SELECT stock FROM reward WHERE id = $1', [rewardId])).rows[0].stock;

  // ---------------------------------------------------------------------------------------------------------------
  // 1. Random operation sequences
  // ---------------------------------------------------------------------------------------------------------------

  describe('random sequences of operations', () => {
    type Who = 'A' | 'B' | 'C';
    type Op =
      | { k: 'earn'; v: Who; daysAgo: number; minutes: number; byAdmin: boolean }
      | { k: 'transfer'; from: 'A' | 'B'; minutes: number }
      | { k: 'donate'; v: Who; minutes: number }
      | { k: 'redeemTime'; v: Who; minutes: number; forRelative: boolean }
      | { k: 'decide'; pick: number; confirm: boolean }
      | { k: 'redeemPoints'; v: Who; quantity: number }
      | { k: 'grant'; v: Who; minutes: number }
      | { k: 'reverse'; pick: number; byAdmin: boolean }
      | { k: 'retry'; pick: number; same: boolean };

    const who = fc.constantFrom<Who>('A', 'B', 'C');
    const spend = fc.integer({ min: 1, max: 200 });
    const earnArb = fc.record({
      k: fc.constant('earn' as const),
      v: who,
      daysAgo: fc.integer({ min: 0, max: 2 }),
      // Half the time above what one day may credit.
      minutes: fc.oneof(fc.integer({ min: 1, max: 240 }), fc.integer({ min: 241, max: 720 })),
      byAdmin: fc.boolean(),
    });
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      { weight: 4, arbitrary: earnArb },
      {
        weight: 2,
        arbitrary: fc.record({
          k: fc.constant('transfer' as const),
          from: fc.constantFrom<'A' | 'B'>('A', 'B'),
          minutes: spend,
        }),
      },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('donate' as const), v: who, minutes: spend }) },
      {
        weight: 2,
        arbitrary: fc.record({
          k: fc.constant('redeemTime' as const),
          v: who,
          minutes: spend,
          forRelative: fc.boolean(),
        }),
      },
      { weight: 2, arbitrary: fc.record({ k: fc.constant('decide' as const), pick: fc.nat(), confirm: fc.boolean() }) },
      {
        weight: 1,
        arbitrary: fc.record({
          k: fc.constant('redeemPoints' as const),
          v: who,
          quantity: fc.integer({ min: 1, max: 3 }),
        }),
      },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('grant' as const), v: who, minutes: spend }) },
      {
        weight: 2,
        arbitrary: fc.record({ k: fc.constant('reverse' as const), pick: fc.nat(), byAdmin: fc.boolean() }),
      },
      { weight: 2, arbitrary: fc.record({ k: fc.constant('retry' as const), pick: fc.nat(), same: fc.boolean() }) },
    );

    const REWARD_COST = 5;
    const REWARD_STOCK = 4;

    type Account = `${Who}:TIME` | `${Who}:POINTS` | 'POOL';
    interface ModelJournal {
      id: string;
      kind: string;
      deltas: Partial<Record<Account, number>>;
      reversed: boolean;
      /** For a service credit: the record's minutes that counted toward its day's cap. */
      service?: { v: Who; daysAgo: number; counted: number };
      rewardQuantity?: number;
    }
    interface SentRequest {
      describe: string;
      query: string;
      field: string;
      input: Record<string, unknown>;
      token: string;
      resultId: string;
      /** The same key with another request. */
      different: Record<string, unknown>;
    }

    /** Runs one sequence on a fresh world, checking every outcome against a model and the ledger after each step. */
    async function scenario(ops: Op[]): Promise<void> {
      const n = ++run;
      const pair = await couple();
      const c = await registerVolunteer(t, { birthDate: '1958-11-20' });
      const vols: Record<Who, TestVolunteer> = { A: pair.a, B: pair.b, C: c };
      const relativeOf: Record<'A' | 'B', { to: Who; relativeId: string }> = {
        A: { to: 'B', relativeId: pair.aToB },
        B: { to: 'A', relativeId: pair.bToA },
      };
      const rewardId = await createReward(REWARD_COST, REWARD_STOCK);

      const model = {
        bal: { 'A:TIME': 0, 'A:POINTS': 0, 'B:TIME': 0, 'B:POINTS': 0, 'C:TIME': 0, 'C:POINTS': 0 } as Record<
          Account,
          number
        >,
        stock: REWARD_STOCK,
        counted: { A: [0, 0, 0], B: [0, 0, 0], C: [0, 0, 0] } as Record<Who, number[]>,
        journals: [] as ModelJournal[],
        redemptions: [] as { id: string; v: Who; minutes: number; status: string }[],
        requests: [] as SentRequest[],
      };
      model.bal.POOL = await systemBalance('PUBLIC_POOL');
      // Fixed for the run, so that a run crossing midnight (Shanghai) still means the same days.
      const dates = [0, 1, 2].map((d) => shanghaiDate(d));
      const trace: string[] = [`run ${n}: A=${vols.A.id} B=${vols.B.id} C=${vols.C.id} pool=${model.bal.POOL}`];
      let keySerial = 0;
      const key = () => `run${n}-k${++keySerial}`;

      const apply = (deltas: Partial<Record<Account, number>>, sign = 1) => {
        for (const [acc, d] of Object.entries(deltas)) model.bal[acc as Account] += sign * d!;
      };
      const outcome = (res: GraphQLResponse) => (res.body.errors ? String(codes(res)[0]) : 'OK');
      const expectOutcome = (res: GraphQLResponse, expected: string) => {
        const got = outcome(res);
        if (got !== expected || res.status !== 200) {
          throw new Error(`expected ${expected}, got ${got} (HTTP ${res.status}): ${JSON.stringify(res.body)}`);
        }
      };

      const step = async (op: Op): Promise<string> => {
        switch (op.k) {
          case 'earn': {
            const vol = vols[op.v];
            const i: Record<string, unknown> = {
              category: 'COMPANIONSHIP',
              serviceDate: dates[op.daysAgo],
              minutes: op.minutes,
            };
            if (op.byAdmin) i.volunteerId = vol.id;
            else i.institutionId = site;
            const logged = await t.gql<{ logService: { id: string } }>(LOG, { i }, op.byAdmin ? siteAdmin : vol.token);
            expectOutcome(logged, 'OK');
            const res = await t.gql<{ verifyService: Record<string, any> }>(
              VERIFY,
              { id: logged.body.data!.logService.id },
              siteAdmin,
            );
            expectOutcome(res, 'OK');
            const counted = Math.min(op.minutes, Math.max(0, DAILY_CAP - model.counted[op.v][op.daysAgo]));
            const credited = counted;
            const kept = Math.min(credited, Math.max(0, STORAGE_CAP - model.bal[`${op.v}:TIME`]));
            const points = Math.floor((credited * POINTS_PER_HOUR) / 60);
            const got = res.body.data!.verifyService;
            expect({
              creditedMinutes: got.creditedMinutes,
              uncreditedMinutes: got.uncreditedMinutes,
              pointsAwarded: got.pointsAwarded,
              hasJournal: got.journalId !== null,
            }).toEqual({
              creditedMinutes: credited,
              uncreditedMinutes: op.minutes - counted,
              pointsAwarded: points,
              hasJournal: credited > 0,
            });
            if (credited > 0) {
              const deltas: Partial<Record<Account, number>> = {
                [`${op.v}:TIME`]: kept,
                POOL: credited - kept,
                [`${op.v}:POINTS`]: points,
              };
              apply(deltas);
              model.counted[op.v][op.daysAgo] += counted;
              model.journals.push({
                id: got.journalId,
                kind: 'SERVICE_CREDIT',
                deltas,
                reversed: false,
                service: { v: op.v, daysAgo: op.daysAgo, counted },
              });
            }
            return `credited ${credited} (kept ${kept}, overflow ${credited - kept}), points ${points}, journal ${got.journalId}`;
          }
          case 'transfer':
          case 'donate': {
            const from: Who = op.k === 'transfer' ? op.from : op.v;
            const to: Who | 'POOL' = op.k === 'transfer' ? relativeOf[op.from].to : 'POOL';
            const input: Record<string, unknown> =
              op.k === 'transfer'
                ? { toRelativeId: relativeOf[op.from].relativeId, minutes: op.minutes, idempotencyKey: key() }
                : { toPublicPool: true, minutes: op.minutes, idempotencyKey: key() };
            const res = await t.gql<{ transferCredits: { id: string; kind: string } }>(
              TRANSFER,
              { i: input },
              vols[from].token,
            );
            // The storage cap limits what service earns: a transfer is credited in full.
            const expected = model.bal[`${from}:TIME`] < op.minutes ? 'INSUFFICIENT_BALANCE' : 'OK';
            expectOutcome(res, expected);
            if (expected !== 'OK') return expected;
            const deltas: Partial<Record<Account, number>> = {
              [`${from}:TIME`]: -op.minutes,
              [to === 'POOL' ? 'POOL' : `${to}:TIME`]: op.minutes,
            };
            apply(deltas);
            const j = res.body.data!.transferCredits;
            expect(j.kind).toBe(op.k === 'transfer' ? 'TRANSFER' : 'DONATION');
            model.journals.push({ id: j.id, kind: j.kind, deltas, reversed: false });
            model.requests.push({
              describe: `${op.k} ${from} ${op.minutes}`,
              query: TRANSFER,
              field: 'transferCredits',
              input,
              token: vols[from].token,
              resultId: j.id,
              different: { ...input, minutes: op.minutes + 1 },
            });
            return `journal ${j.id}`;
          }
          case 'redeemTime': {
            const forRelative = op.forRelative && op.v !== 'C';
            const input: Record<string, unknown> = {
              minutes: op.minutes,
              institutionId: site,
              idempotencyKey: key(),
              ...(forRelative ? { beneficiaryRelativeId: relativeOf[op.v as 'A' | 'B'].relativeId } : {}),
            };
            const res = await t.gql<{ redeemTime: { id: string; status: string; journalId: string } }>(
              REDEEM_TIME,
              { i: input },
              vols[op.v].token,
            );
            const expected = model.bal[`${op.v}:TIME`] < op.minutes ? 'INSUFFICIENT_BALANCE' : 'OK';
            expectOutcome(res, expected);
            if (expected !== 'OK') return expected;
            const r = res.body.data!.redeemTime;
            expect(r.status).toBe('PENDING');
            const deltas: Partial<Record<Account, number>> = { [`${op.v}:TIME`]: -op.minutes };
            apply(deltas);
            model.journals.push({ id: r.journalId, kind: 'REDEMPTION', deltas, reversed: false });
            model.redemptions.push({ id: r.id, v: op.v, minutes: op.minutes, status: 'PENDING' });
            model.requests.push({
              describe: `redeemTime ${op.v} ${op.minutes}`,
              query: REDEEM_TIME,
              field: 'redeemTime',
              input,
              token: vols[op.v].token,
              resultId: r.id,
              different: { ...input, minutes: op.minutes + 1 },
            });
            return `redemption ${r.id}, journal ${r.journalId}`;
          }
          case 'decide': {
            if (model.redemptions.length === 0) return 'skipped: no redemption yet';
            const r = model.redemptions[op.pick % model.redemptions.length];
            const res = op.confirm
              ? await t.gql(CONFIRM, { id: r.id }, siteAdmin)
              : await t.gql<{ cancelCareRedemption: { status: string; refundJournalId: string } }>(
                  CANCEL,
                  { id: r.id, r: 'not needed' },
                  siteAdmin,
                );
            const expected = r.status === 'PENDING' ? 'OK' : 'CONFLICT';
            expectOutcome(res, expected);
            if (expected !== 'OK') return `${op.confirm ? 'confirm' : 'cancel'} ${r.id}: CONFLICT`;
            if (op.confirm) {
              r.status = 'COMPLETED';
              return `confirmed ${r.id}`;
            }
            r.status = 'CANCELLED';
            // A refund is the volunteer's own time coming back: never capped.
            const deltas: Partial<Record<Account, number>> = { [`${r.v}:TIME`]: r.minutes };
            apply(deltas);
            const refund = (res.body.data as { cancelCareRedemption: { refundJournalId: string } })
              .cancelCareRedemption;
            model.journals.push({ id: refund.refundJournalId, kind: 'REDEMPTION_REFUND', deltas, reversed: false });
            return `cancelled ${r.id}, refund journal ${refund.refundJournalId}`;
          }
          case 'redeemPoints': {
            const input = { rewardId, quantity: op.quantity, idempotencyKey: key() };
            const res = await t.gql<{ redeemPoints: { id: string } }>(REDEEM_POINTS, { i: input }, vols[op.v].token);
            const cost = REWARD_COST * op.quantity;
            const expected =
              model.bal[`${op.v}:POINTS`] < cost
                ? 'INSUFFICIENT_BALANCE'
                : model.stock < op.quantity
                  ? 'BAD_USER_INPUT'
                  : 'OK';
            expectOutcome(res, expected);
            if (expected !== 'OK') return expected;
            const deltas: Partial<Record<Account, number>> = { [`${op.v}:POINTS`]: -cost };
            apply(deltas);
            model.stock -= op.quantity;
            const id = res.body.data!.redeemPoints.id;
            model.journals.push({ id, kind: 'REWARD', deltas, reversed: false, rewardQuantity: op.quantity });
            model.requests.push({
              describe: `redeemPoints ${op.v} ${op.quantity}`,
              query: REDEEM_POINTS,
              field: 'redeemPoints',
              input,
              token: vols[op.v].token,
              resultId: id,
              different: { ...input, quantity: op.quantity + 1 },
            });
            return `journal ${id}`;
          }
          case 'grant': {
            const input = {
              volunteerId: vols[op.v].id,
              minutes: op.minutes,
              reason: 'key empty-nest elder',
              idempotencyKey: key(),
            };
            const res = await t.gql<{ grantFromPool: { id: string } }>(GRANT, { i: input }, planner.token);
            // Like a transfer, a grant is credited in full whatever the storage cap.
            const expected = model.bal.POOL < op.minutes ? 'INSUFFICIENT_BALANCE' : 'OK';
            expectOutcome(res, expected);
            if (expected !== 'OK') return expected;
            const deltas: Partial<Record<Account, number>> = { POOL: -op.minutes, [`${op.v}:TIME`]: op.minutes };
            apply(deltas);
            const id = res.body.data!.grantFromPool.id;
            model.journals.push({ id, kind: 'POOL_GRANT', deltas, reversed: false });
            model.requests.push({
              describe: `grant ${op.v} ${op.minutes}`,
              query: GRANT,
              field: 'grantFromPool',
              input,
              token: planner.token,
              resultId: id,
              different: { ...input, volunteerId: vols[op.v === 'A' ? 'B' : 'A'].id },
            });
            return `journal ${id}`;
          }
          case 'reverse': {
            if (model.journals.length === 0) return 'skipped: no journal yet';
            const j = model.journals[op.pick % model.journals.length];
            const res = await t.gql<{ reverseJournal: { id: string; reversesJournalId: string } }>(
              REVERSE,
              { id: j.id, r: 'correction' },
              op.byAdmin ? admin : planner.token,
            );
            let expected = 'OK';
            if (['REVERSAL', 'REDEMPTION', 'REDEMPTION_REFUND'].includes(j.kind)) expected = 'BAD_USER_INPUT';
            else if (j.reversed) expected = 'CONFLICT';
            else if (Object.entries(j.deltas).some(([acc, d]) => model.bal[acc as Account] - d! < 0)) {
              expected = 'INSUFFICIENT_BALANCE';
            }
            expectOutcome(res, expected);
            if (expected !== 'OK') return `reverse ${j.kind} ${j.id}: ${expected}`;
            const reversal = res.body.data!.reverseJournal;
            expect(reversal.reversesJournalId).toBe(j.id);
            apply(j.deltas, -1);
            j.reversed = true;
            if (j.service) model.counted[j.service.v][j.service.daysAgo] -= j.service.counted;
            if (j.rewardQuantity) model.stock += j.rewardQuantity;
            const mirror = Object.fromEntries(Object.entries(j.deltas).map(([acc, d]) => [acc, -d!]));
            model.journals.push({ id: reversal.id, kind: 'REVERSAL', deltas: mirror, reversed: false });
            return `reversed ${j.kind} ${j.id} by journal ${reversal.id}`;
          }
          case 'retry': {
            if (model.requests.length === 0) return 'skipped: no request yet';
            const r = model.requests[op.pick % model.requests.length];
            const res = await t.gql<Record<string, { id: string }>>(
              r.query,
              { i: op.same ? r.input : r.different },
              r.token,
            );
            if (!op.same) {
              expectOutcome(res, 'CONFLICT');
              return `retry of "${r.describe}" with another request: CONFLICT`;
            }
            expectOutcome(res, 'OK');
            expect(res.body.data![r.field].id).toBe(r.resultId);
            return `retry of "${r.describe}": same result ${r.resultId}`;
          }
        }
      };

      const STATE = `SELECT
          (SELECT json_object_agg(volunteer_id || ':' || currency, balance::float8) FROM ledger_account
           WHERE volunteer_id = ANY($1::uuid[])) AS accounts,
          (SELECT balance::float8 FROM ledger_account WHERE system_account = 'PUBLIC_POOL' AND currency = 'TIME') AS pool,
          (SELECT stock FROM reward WHERE id = $2) AS stock`;
      const ids = [vols.A.id, vols.B.id, vols.C.id];
      try {
        for (const op of ops) {
          trace.push(`${JSON.stringify(op)} -> ...`);
          const what = await step(op);
          trace[trace.length - 1] = `${JSON.stringify(op)} -> ${what}`;

          expect(await ledgerViolations()).toEqual([]);
          const { rows } = await t.db.query<{ accounts: Record<string, number>; pool: number; stock: number }>(STATE, [
            ids,
            rewardId,
          ]);
          const stored: Record<string, number> = { POOL: rows[0].pool, stock: rows[0].stock };
          for (const w of ['A', 'B', 'C'] as Who[]) {
            stored[`${w}:TIME`] = rows[0].accounts[`${vols[w].id}:TIME`];
            stored[`${w}:POINTS`] = rows[0].accounts[`${vols[w].id}:POINTS`];
          }
          expect(stored).toEqual({ ...model.bal, stock: model.stock });
        }
        // What each volunteer sees agrees with the model.
        for (const w of ['A', 'B', 'C'] as Who[]) {
          expect(await bank(vols[w].token)).toEqual({
            timeBalanceMinutes: model.bal[`${w}:TIME`],
            pointsBalance: model.bal[`${w}:POINTS`],
          });
        }
      } catch (error) {
        throw new Error(`${(error as Error).message}\n\nOperations (last one failed):\n  ${trace.join('\n  ')}`, {
          cause: error,
        });
      }
    }

    it('keeps every journal balanced, every stored balance exact and no user balance negative', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(fc.array(earnArb, { minLength: 2, maxLength: 4 }), fc.array(opArb, { minLength: 4, maxLength: 12 })),
          ([earns, ops]) => scenario([...earns, ...ops]),
        ),
        { numRuns: 20, interruptAfterTimeLimit: 90_000 },
      );
    }, 300_000);
  });

  // ---------------------------------------------------------------------------------------------------------------
  // 2. Concurrency
  // ---------------------------------------------------------------------------------------------------------------

  describe('concurrency', () => {
    /** Earns `minutes` of TIME (and the points with them), at most a daily cap per service date. */
    const fund = async (v: TestVolunteer, minutes: number, firstDaysAgo = 10) => {
      for (let left = minutes, day = firstDaysAgo; left > 0; left -= DAILY_CAP, day++) {
        await earnCredits(t, v.token, siteAdmin, {
          institutionId: site,
          minutes: Math.min(left, DAILY_CAP),
          serviceDate: shanghaiDate(day),
        });
      }
    };
    const outcome = (res: GraphQLResponse) =>
      res.status !== 200 ? `HTTP ${res.status}` : res.body.errors ? codes(res).join(',') : 'OK';
    const tally = (results: GraphQLResponse[]) => {
      const out: Record<string, number> = {};
      for (const r of results) out[outcome(r)] = (out[outcome(r)] ?? 0) + 1;
      return out;
    };
    /** Log lines at level error written since `mark` (a deadlock or any other server fault would be one). */
    const errorLogsSince = (mark: number) =>
      t.logs.slice(mark).filter((line) => {
        try {
          return (JSON.parse(line) as { level?: string }).level === 'error';
        } catch {
          return /error|deadlock/i.test(line);
        }
      });

    it('lets exactly the affordable number of 50 simultaneous redemptions through, and no more', async () => {
      const v = await registerVolunteer(t, { birthDate: '1959-02-02' });
      await fund(v, 600);
      expect(await bank(v.token)).toEqual({ timeBalanceMinutes: 600, pointsBalance: 100 });
      const redemptionsBefore = await systemBalance('REDEMPTIONS');
      const mark = t.logs.length;

      // 600 minutes afford 17 redemptions of 35 minutes (595), leaving 5.
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          t.gql(REDEEM_TIME, { i: { minutes: 35, institutionId: site, idempotencyKey: `burst-${i}` } }, v.token),
        ),
      );
      expect(tally(results)).toEqual({ OK: 17, INSUFFICIENT_BALANCE: 33 });
      expect(await bank(v.token)).toEqual({ timeBalanceMinutes: 5, pointsBalance: 100 });
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n, sum(minutes)::int AS minutes, count(DISTINCT journal_id)::int AS journals
         FROM care_redemption WHERE volunteer_id = $1 AND status = 'PENDING'`,
        [v.id],
      );
      expect(rows[0]).toEqual({ n: 17, minutes: 595, journals: 17 });
      expect(await systemBalance('REDEMPTIONS')).toBe(redemptionsBefore + 595);
      expect(await ledgerViolations()).toEqual([]);
      expect(errorLogsSince(mark)).toEqual([]);
    });

    it('answers 20 concurrent retries of one key with one journal, debited once', async () => {
      const { a, b, aToB } = await couple();
      await fund(a, 300);
      const mark = t.logs.length;
      const input = { toRelativeId: aToB, minutes: 40, idempotencyKey: 'one-key' };
      const results = await Promise.all(
        Array.from({ length: 20 }, () => t.gql<{ transferCredits: { id: string } }>(TRANSFER, { i: input }, a.token)),
      );
      expect(tally(results)).toEqual({ OK: 20 });
      const ids = new Set(results.map((r) => r.body.data!.transferCredits.id));
      expect(ids.size).toBe(1);
      const { rows } = await t.db.query(
        `SELECT j.id::text FROM journal j JOIN volunteer v ON v.user_id = j.actor_id
         WHERE v.id = $1 AND j.idempotency_key = 'one-key'`,
        [a.id],
      );
      expect(rows).toEqual([{ id: [...ids][0] }]);
      expect((await balances([a.id, b.id]))[a.id].time).toBe(260);
      expect((await balances([a.id, b.id]))[b.id].time).toBe(40);

      // The same key racing with two different requests: one request wins, every copy of it gets its journal,
      // every copy of the other is a CONFLICT, and the balance moves once.
      const mixed = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t.gql<{ transferCredits: { id: string; lines: { amount: number; volunteerId: string | null }[] } }>(
            TRANSFER,
            { i: { toPublicPool: true, minutes: i % 2 === 0 ? 10 : 11, idempotencyKey: 'mixed-key' } },
            a.token,
          ),
        ),
      );
      expect(tally(mixed)).toEqual({ OK: 10, CONFLICT: 10 });
      const winners = mixed.filter((r) => !r.body.errors);
      expect(new Set(winners.map((r) => r.body.data!.transferCredits.id)).size).toBe(1);
      const debited = -winners[0].body.data!.transferCredits.lines.find((l) => l.volunteerId === a.id)!.amount;
      expect([10, 11]).toContain(debited);
      // Every winner asked for the same amount, and every loser for the other.
      expect(mixed.every((r, i) => (r.body.errors ? 1 : 0) === ((i % 2 === 0 ? 10 : 11) === debited ? 0 : 1))).toBe(
        true,
      );
      expect((await bank(a.token)).timeBalanceMinutes).toBe(260 - debited);

      // And ten concurrent retries of one care redemption: one redemption, one debit.
      const redeem = await Promise.all(
        Array.from({ length: 10 }, () =>
          t.gql<{ redeemTime: { id: string } }>(
            REDEEM_TIME,
            { i: { minutes: 50, institutionId: site, idempotencyKey: 'care-key' } },
            a.token,
          ),
        ),
      );
      expect(tally(redeem)).toEqual({ OK: 10 });
      expect(new Set(redeem.map((r) => r.body.data!.redeemTime.id)).size).toBe(1);
      const count = await t.db.query('SELECT count(*)::int AS n FROM care_redemption WHERE volunteer_id = $1', [a.id]);
      expect(count.rows[0].n).toBe(1);
      expect((await bank(a.token)).timeBalanceMinutes).toBe(210 - debited);
      expect(await ledgerViolations()).toEqual([]);
      expect(errorLogsSince(mark)).toEqual([]);
    });

    it('runs opposing transfers between two relatives in parallel without deadlock, conserving the total', async () => {
      const { a, b, aToB, bToA } = await couple();
      await fund(a, 300);
      await fund(b, 300);
      const mark = t.logs.length;
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          i % 2 === 0
            ? t.gql(TRANSFER, { i: { toRelativeId: aToB, minutes: 7, idempotencyKey: `ab-${i}` } }, a.token)
            : t.gql(TRANSFER, { i: { toRelativeId: bToA, minutes: 5, idempotencyKey: `ba-${i}` } }, b.token),
        ),
      );
      // Neither balance can fall below 160 whatever the order, so every transfer succeeds.
      expect(tally(results)).toEqual({ OK: 40 });
      const after = await balances([a.id, b.id]);
      expect([after[a.id].time, after[b.id].time]).toEqual([300 - 20 * 7 + 20 * 5, 300 + 20 * 7 - 20 * 5]);
      expect(await bank(a.token)).toMatchObject({ timeBalanceMinutes: 260 });
      expect(await bank(b.token)).toMatchObject({ timeBalanceMinutes: 340 });
      expect(await ledgerViolations()).toEqual([]);
      expect(errorLogsSince(mark)).toEqual([]);
    });

    it('holds the daily cap exactly when several records of one date are verified at once', async () => {
      const v = await registerVolunteer(t);
      const date = shanghaiDate(3);
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await t.gql<{ logService: { id: string } }>(
          LOG,
          { i: { institutionId: site, category: 'ERRANDS_AND_ESCORT', serviceDate: date, minutes: 100 } },
          v.token,
        );
        ids.push(res.body.data!.logService.id);
      }
      const mark = t.logs.length;
      const results = await Promise.all(
        ids.map((id) =>
          t.gql<{ verifyService: { creditedMinutes: number; uncreditedMinutes: number; pointsAwarded: number } }>(
            VERIFY,
            { id },
            siteAdmin,
          ),
        ),
      );
      expect(tally(results)).toEqual({ OK: 6 });
      const records = results.map((r) => r.body.data!.verifyService);
      // 600 minutes against a cap of 480: four records whole, one in part, one not at all, whatever the order.
      expect(records.map((r) => r.creditedMinutes).sort((x, y) => x - y)).toEqual([0, 80, 100, 100, 100, 100]);
      expect(records.reduce((s, r) => s + r.uncreditedMinutes, 0)).toBe(120);
      expect(records.reduce((s, r) => s + r.pointsAwarded, 0)).toBe(4 * 16 + 13);
      expect(await bank(v.token)).toEqual({ timeBalanceMinutes: 480, pointsBalance: 77 });
      const { rows } = await t.db.query(
        `SELECT sum(credited_minutes)::int AS credited, count(journal_id)::int AS journals
         FROM service_record WHERE volunteer_id = $1 AND service_date = $2`,
        [v.id, date],
      );
      expect(rows[0]).toEqual({ credited: 480, journals: 5 });
      expect(await ledgerViolations()).toEqual([]);
      expect(errorLogsSince(mark)).toEqual([]);
    });

    it('sells exactly the stock of a reward to simultaneous buyers', async () => {
      const rewardId = await createReward(5, 3);
      const buyers: TestVolunteer[] = [];
      for (let i = 0; i < 4; i++) {
        const v = await registerVolunteer(t);
        await fund(v, 90); // 15 points: enough for three units each
        buyers.push(v);
      }
      const mark = t.logs.length;
      const results = await Promise.all(
        buyers.flatMap((v, i) =>
          [0, 1, 2].map((k) =>
            t.gql(REDEEM_POINTS, { i: { rewardId, quantity: 1, idempotencyKey: `buy-${i}-${k}` } }, v.token),
          ),
        ),
      );
      expect(tally(results)).toEqual({ OK: 3, BAD_USER_INPUT: 9 });
      for (const r of results.filter((x) => x.body.errors))
        expect(r.body.errors![0].extensions!.fields).toEqual(['quantity']);
      expect(await rewardStock(rewardId)).toBe(0);
      const sold = await t.db.query(
        'SELECT count(*)::int AS n, sum(reward_quantity)::int AS units FROM journal WHERE reward_id = $1',
        [rewardId],
      );
      expect(sold.rows[0]).toEqual({ n: 3, units: 3 });
      const left = await balances(buyers.map((v) => v.id));
      expect(Object.values(left).reduce((s, b) => s + b.points, 0)).toBe(4 * 15 - 3 * 5);
      expect(await ledgerViolations()).toEqual([]);
      expect(errorLogsSince(mark)).toEqual([]);
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  // 3. What the database itself refuses
  // ---------------------------------------------------------------------------------------------------------------

  describe('database guarantees', () => {
    let volunteer: TestVolunteer;
    let journalId: string;
    let timeAccount: string;

    beforeAll(async () => {
      volunteer = await registerVolunteer(t);
      const record = await earnCredits(t, volunteer.token, siteAdmin, {
        institutionId: site,
        minutes: 60,
        serviceDate: shanghaiDate(20),
      });
      const { rows } = await t.db.query(
        `SELECT s.journal_id::text AS "journalId", a.id::text AS "timeAccount"
         FROM service_record s JOIN ledger_account a ON a.volunteer_id = s.volunteer_id AND a.currency = 'TIME'
         WHERE s.id = $1`,
        [record.id],
      );
      ({ journalId, timeAccount } = rows[0]);
    });

    const failure = async (sql: string, params: unknown[] = []) => {
      try {
        await t.db.query(sql, params);
      } catch (error) {
        const e = error as { code?: string; message: string; constraint?: string };
        return { code: e.code, message: e.message, constraint: e.constraint };
      }
      throw new Error(`expected the database to refuse: ${sql}`);
    };

    it('refuses to update, delete or truncate journals and postings', async () => {
      const before = (await t.db.query('SELECT count(*)::int AS n FROM posting')).rows[0].n;
      expect((await failure(`UPDATE journal SET note = 'edited' WHERE id = $1`, [journalId])).message).toMatch(
        /journal is append-only/,
      );
      expect((await failure('DELETE FROM journal WHERE id = $1', [journalId])).message).toMatch(/append-only/);
      expect(
        (await failure('UPDATE posting SET amount = amount + 1 WHERE journal_id = $1', [journalId])).message,
      ).toMatch(/posting is append-only/);
      expect((await failure('DELETE FROM posting WHERE journal_id = $1', [journalId])).message).toMatch(
        /posting is append-only/,
      );
      expect((await failure('TRUNCATE posting')).message).toMatch(/posting is append-only/);
      expect((await t.db.query('SELECT count(*)::int AS n FROM posting')).rows[0].n).toBe(before);
      expect((await bank(volunteer.token)).timeBalanceMinutes).toBe(60);
    });

    // Found by this test: a CHECK written `balance >= 0 OR system_account = 'ISSUANCE'` yields NULL on a volunteer
    // account (system_account is NULL), and a NULL CHECK passes. It now reads IS NOT DISTINCT FROM.
    it('refuses a negative balance on a volunteer account or the public pool (CHECK)', async () => {
      /** The statement's error; run in a transaction that is rolled back, so a wrongly accepted write is undone. */
      const refusal = async (sql: string, params: unknown[] = []) => {
        await t.db.query('BEGIN');
        try {
          return await failure(sql, params);
        } finally {
          await t.db.query('ROLLBACK');
        }
      };
      expect(
        await refusal(
          `UPDATE ledger_account SET balance = -1 WHERE system_account = 'PUBLIC_POOL' AND currency = 'TIME'`,
        ),
      ).toMatchObject({ code: '23514', constraint: 'ledger_account_not_negative' });
      expect(await refusal('UPDATE ledger_account SET balance = -1 WHERE id = $1', [timeAccount])).toMatchObject({
        code: '23514',
        constraint: 'ledger_account_not_negative',
      });
      expect((await bank(volunteer.token)).timeBalanceMinutes).toBe(60);
    });

    it('refuses at COMMIT a journal whose postings do not sum to zero (deferred constraint trigger)', async () => {
      const { rows: users } = await t.db.query('SELECT user_id FROM volunteer WHERE id = $1', [volunteer.id]);
      const journalsBefore = (await t.db.query('SELECT count(*)::int AS n FROM journal')).rows[0].n;
      const insertJournal = async () =>
        (
          await t.db.query(
            `INSERT INTO journal (kind, actor_id, note) VALUES ('SERVICE_CREDIT', $1, 'by hand') RETURNING id`,
            [users[0].user_id],
          )
        ).rows[0].id as string;
      const insertPosting = (journal: string, account: string, amount: number) =>
        t.db.query(
          `INSERT INTO posting (journal_id, account_id, currency, kind, amount, balance_after)
           VALUES ($1, $2, 'TIME', 'EARN', $3, $3)`,
          [journal, account, amount],
        );

      await t.db.query('BEGIN');
      try {
        const unbalanced = await insertJournal();
        // Each statement succeeds: the check waits for the end of the transaction...
        await insertPosting(unbalanced, timeAccount, 5);
        // ...where it refuses the whole transaction.
        expect(await failure('COMMIT')).toMatchObject({
          code: '23514',
          message: `journal ${unbalanced} does not balance`,
        });
      } finally {
        await t.db.query('ROLLBACK').catch(() => undefined);
      }

      // A balanced journal passes the same check (made immediate here, then rolled back).
      const { rows: issuance } = await t.db.query(
        `SELECT id FROM ledger_account WHERE system_account = 'ISSUANCE' AND currency = 'TIME'`,
      );
      await t.db.query('BEGIN');
      try {
        const balanced = await insertJournal();
        await insertPosting(balanced, timeAccount, 5);
        await insertPosting(balanced, issuance[0].id, -5);
        await t.db.query('SET CONSTRAINTS posting_journal_balances IMMEDIATE');
        // Immediate now: an unbalanced posting fails at once.
        const unbalanced = await insertJournal();
        await expect(insertPosting(unbalanced, timeAccount, 7)).rejects.toMatchObject({
          code: '23514',
          message: `journal ${unbalanced} does not balance`,
        });
      } finally {
        await t.db.query('ROLLBACK');
      }
      expect((await t.db.query('SELECT count(*)::int AS n FROM journal')).rows[0].n).toBe(journalsBefore);
      expect(await ledgerViolations()).toEqual([]);
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  // 4. Reversals
  // ---------------------------------------------------------------------------------------------------------------

  describe('reversal', () => {
    const summary = async (regionCode: string) => {
      const res = await t.gql<{ timeBankSummary: Record<string, number> }>(
        `query($r: String) { timeBankSummary(regionCode: $r) {
          minutesIssued minutesRedeemed minutesTransferred minutesGranted minutesToPool volunteers } }`,
        { r: regionCode },
        planner.token,
      );
      expect(res.body.errors).toBeUndefined();
      return res.body.data!.timeBankSummary;
    };

    it('restores both balances exactly and leaves the reversed credit out of the summary', async () => {
      const v = await registerVolunteer(t, { regionCode: '500104' });
      await earnCredits(t, v.token, siteAdmin, { institutionId: site, minutes: 60, serviceDate: shanghaiDate(5) });
      const before = await bank(v.token);
      expect(before).toEqual({ timeBalanceMinutes: 60, pointsBalance: 10 });
      expect(await summary('500104')).toMatchObject({ minutesIssued: 60, volunteers: 1 });

      const date = shanghaiDate(4);
      const record = await earnCredits(t, v.token, siteAdmin, { institutionId: site, minutes: 90, serviceDate: date });
      expect(record).toMatchObject({ creditedMinutes: 90, pointsAwarded: 15 });
      expect(await bank(v.token)).toEqual({ timeBalanceMinutes: 150, pointsBalance: 25 });
      expect(await summary('500104')).toMatchObject({ minutesIssued: 150 });
      const { rows } = await t.db.query('SELECT journal_id::text AS id FROM service_record WHERE id = $1', [record.id]);
      const credit = rows[0].id as string;
      const issuanceBefore = [await systemBalance('ISSUANCE'), await systemBalance('ISSUANCE', 'POINTS')];

      const reversed = await t.gql<{ reverseJournal: { id: string; kind: string; reversesJournalId: string } }>(
        `mutation($id: ID!) { reverseJournal(id: $id, reason: "logged twice") {
          id kind reversesJournalId lines { volunteerId systemAccount currency kind amount } } }`,
        { id: credit },
        admin,
      );
      expect(reversed.body.errors).toBeUndefined();
      expect(reversed.body.data!.reverseJournal).toMatchObject({ kind: 'REVERSAL', reversesJournalId: credit });
      expect((reversed.body.data!.reverseJournal as any).lines).toEqual(
        expect.arrayContaining([
          { volunteerId: null, systemAccount: 'ISSUANCE', currency: 'TIME', kind: 'REVERSAL', amount: 90 },
          { volunteerId: v.id, systemAccount: null, currency: 'TIME', kind: 'REVERSAL', amount: -90 },
          { volunteerId: null, systemAccount: 'ISSUANCE', currency: 'POINTS', kind: 'REVERSAL', amount: 15 },
          { volunteerId: v.id, systemAccount: null, currency: 'POINTS', kind: 'REVERSAL', amount: -15 },
        ]),
      );
      expect(await bank(v.token)).toEqual(before);
      expect([await systemBalance('ISSUANCE'), await systemBalance('ISSUANCE', 'POINTS')]).toEqual([
        issuanceBefore[0] + 90,
        issuanceBefore[1] + 15,
      ]);
      expect(await summary('500104')).toMatchObject({ minutesIssued: 60 });

      // The statement keeps both the credit and its mirror image.
      const statement = await t.gql<{ myTimeBank: { entries: { edges: { node: any }[] } } }>(
        'query { myTimeBank { entries(first: 10) { edges { node { journalId kind currency amount balanceAfter } } } } }',
        {},
        v.token,
      );
      expect(statement.body.data!.myTimeBank.entries.edges.map((e) => e.node)).toEqual(
        expect.arrayContaining([
          {
            journalId: reversed.body.data!.reverseJournal.id,
            kind: 'REVERSAL',
            currency: 'TIME',
            amount: -90,
            balanceAfter: 60,
          },
          {
            journalId: reversed.body.data!.reverseJournal.id,
            kind: 'REVERSAL',
            currency: 'POINTS',
            amount: -15,
            balanceAfter: 10,
          },
          { journalId: credit, kind: 'EARN', currency: 'TIME', amount: 90, balanceAfter: 150 },
        ]),
      );

      // Once only, and a reversal is not itself reversed.
      const again = await t.gql(REVERSE, { id: credit, r: 'again' }, planner.token);
      expect(codes(again)).toEqual(['CONFLICT']);
      const back = await t.gql(REVERSE, { id: reversed.body.data!.reverseJournal.id, r: 'undo' }, admin);
      expect(codes(back)).toEqual(['BAD_USER_INPUT']);
      expect(await bank(v.token)).toEqual(before);
      expect(await ledgerViolations()).toEqual([]);
    });

    // Found by this test: mirror postings in the original's order debited the whole credit (EARN mirror) before
    // giving back the overflow (CAP_OVERFLOW mirror), so a statement line dipped below zero. Credits now come first.
    it('never shows a negative running balance when reversing a credit that overflowed the storage cap', async () => {
      const v = await registerVolunteer(t, { birthDate: '1957-09-09' });
      await earnCredits(t, v.token, siteAdmin, { institutionId: site, minutes: 480, serviceDate: shanghaiDate(30) });
      await earnCredits(t, v.token, siteAdmin, { institutionId: site, minutes: 20, serviceDate: shanghaiDate(31) });
      // 500 + 300 credited: 100 kept (the cap is 600), 200 to the public pool.
      const capped = await earnCredits(t, v.token, siteAdmin, {
        institutionId: site,
        minutes: 300,
        serviceDate: shanghaiDate(32),
      });
      expect(capped.creditedMinutes).toBe(300);
      expect((await bank(v.token)).timeBalanceMinutes).toBe(600);
      const spent = await t.gql(
        REDEEM_TIME,
        { i: { minutes: 450, institutionId: site, idempotencyKey: 'before-reversal' } },
        v.token,
      );
      expect(spent.body.errors).toBeUndefined();
      const { rows } = await t.db.query('SELECT journal_id::text AS id FROM service_record WHERE id = $1', [capped.id]);
      // 150 left covers the 100 the credit kept, so the reversal is allowed...
      const reversed = await t.gql<{ reverseJournal: { id: string } }>(REVERSE, { id: rows[0].id, r: 'error' }, admin);
      expect(reversed.body.errors).toBeUndefined();
      expect((await bank(v.token)).timeBalanceMinutes).toBe(50);
      // ...and no line of the volunteer's statement may show a balance below zero.
      const { rows: lines } = await t.db.query(
        `SELECT p.kind, p.amount::int, p.balance_after::int AS "balanceAfter" FROM posting p
         JOIN ledger_account a ON a.id = p.account_id WHERE a.volunteer_id = $1 AND a.currency = 'TIME' ORDER BY p.id`,
        [v.id],
      );
      expect(lines.filter((l) => l.balanceAfter < 0)).toEqual([]);
      expect(await ledgerViolations()).toEqual([]);
    });
  });
});
