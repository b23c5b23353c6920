import { createHistogram, performance } from 'node:perf_hooks';
import type pg from 'pg';
import { addDays, todayInShanghai } from '../src/common/dates.js';
import type { TimeBankRules } from '../src/config/config.js';
import { serviceCredit } from '../src/timebank/timebank-rules.js';
import { BENCH_VOLUNTEER_PREFIX } from './timebank-seed.js';

/** Marks the service records this step logs, so a later run knows how many runs came before. */
const NOTE = 'bench verifyService';
const CATEGORIES = [
  'COMPANIONSHIP',
  'ERRANDS_AND_ESCORT',
  'RECREATION',
  'HEALTH_EDUCATION',
  'LEGAL_AID',
  'DIGITAL_HELP',
  'SAFETY_VISIT',
  'OTHER',
];

const LOG_MUTATION =
  'mutation ($input: LogServiceInput!) { logService(input: $input) { id status serviceDate minutes } }';
const VERIFY_MUTATION =
  'mutation ($id: ID!) { verifyService(id: $id) { id status creditedMinutes uncreditedMinutes pointsAwarded journalId } }';

export interface Phase {
  label: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** X-Sql-Round-Trips over the requests: "12" or "12-14"; "n/a" without the header. */
  sqlRoundTrips: string;
  /** Their mean, or null without the header. */
  sqlMean: number | null;
}

export interface LedgerCheck {
  label: string;
  checked: number;
  wrong: number;
}

export interface VerifyReport {
  records: number;
  clients: number;
  serviceDate: string;
  phases: Phase[];
  ledger: LedgerCheck[];
}

/**
 * The crediting rules the portal runs with when the harness starts it: its defaults, or the TIMEBANK_* settings this
 * process was given (the started portal inherits the environment). With BENCH_URL, start that portal with the same.
 */
function rules(): TimeBankRules {
  const int = (name: string, fallback: number) => {
    const raw = process.env[name]?.trim();
    return raw ? Number(raw) : fallback;
  };
  return {
    creditMinutesPerHour: int('TIMEBANK_CREDIT_MINUTES_PER_HOUR', 60),
    pointsPerHour: int('TIMEBANK_POINTS_PER_HOUR', 10),
    dailyCapMinutes: int('TIMEBANK_DAILY_CAP_MINUTES', 8 * 60),
    storageCapMinutes: int('TIMEBANK_STORAGE_CAP_MINUTES', 1500 * 60),
    redeemMinAge: int('TIMEBANK_REDEEM_MIN_AGE', 60),
    logWindowDays: int('TIMEBANK_LOG_WINDOW_DAYS', 90),
  };
}

interface Answer {
  data: Record<string, unknown> | null;
  roundTrips: string | null;
  ms: number;
}

async function send(
  url: string,
  headers: Record<string, string>,
  query: string,
  variables: Record<string, unknown>,
  timeoutMs: number,
): Promise<Answer> {
  const body = JSON.stringify({ query, variables });
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  const ms = performance.now() - started;
  let parsed: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new Error(`answered HTTP ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  if (res.status !== 200 || parsed.errors?.length || !parsed.data) {
    const errors = parsed.errors?.map((e) => `${e.extensions?.code ?? ''} ${e.message}`.trim()).join('; ');
    throw new Error(`answered HTTP ${res.status}: ${errors ?? 'no data'}`);
  }
  return { data: parsed.data, roundTrips: res.headers.get('x-sql-round-trips'), ms };
}

/**
 * Sends one request per item with `clients` requests in flight (each client takes the next item as soon as its
 * previous answer is in), and times the whole and each request.
 */
async function concurrently<T>(
  label: string,
  items: T[],
  clients: number,
  request: (item: T) => Promise<Answer>,
): Promise<{ phase: Phase; answers: Answer[] }> {
  const latency = createHistogram({ lowest: 1, highest: 60_000_000, figures: 3 });
  const answers: Answer[] = new Array<Answer>(items.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(clients, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        const answer = await request(items[index]);
        latency.record(Math.min(60_000_000, Math.max(1, Math.round(answer.ms * 1000))));
        answers[index] = answer;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const trips = answers.map((a) => a.roundTrips);
  const numbers = trips.every((t) => t !== null) ? trips.map(Number) : null;
  const min = numbers ? Math.min(...numbers) : NaN;
  const max = numbers ? Math.max(...numbers) : NaN;
  return {
    answers,
    phase: {
      label,
      requests: items.length,
      seconds,
      perSecond: items.length / seconds,
      p50Ms: latency.percentile(50) / 1000,
      p99Ms: latency.percentile(99) / 1000,
      sqlRoundTrips: numbers ? (min === max ? String(min) : `${min}-${max}`) : 'n/a',
      sqlMean: numbers ? numbers.reduce((s, n) => s + n, 0) / numbers.length : null,
    },
  };
}

/**
 * The ledger invariants, over the whole ledger: every journal has postings and balances per currency; every stored
 * balance is the sum of its account's postings; every posting's balance_after is the previous one's plus its
 * amount, and an account's last balance_after is its stored balance (all accounts, then those of `touched`
 * volunteers and the system accounts on their own).
 */
export async function ledgerInvariants(pool: pg.Pool, touchedVolunteers: string[] = []): Promise<LedgerCheck[]> {
  const { rows } = await pool.query<{
    journals: number;
    unbalanced: number;
    accounts: number;
    off_sum: number;
    off_last: number;
    touched: number;
    touched_off: number;
    postings: number;
    off_running: number;
  }>(
    `WITH per_account AS (
       SELECT account_id, sum(amount) AS total, count(*) AS n,
              (array_agg(balance_after ORDER BY id DESC))[1] AS last_after
         FROM posting GROUP BY account_id),
     running AS (
       SELECT count(*)::int AS n,
              count(*) FILTER (WHERE balance_after <> previous + amount)::int AS off
         FROM (SELECT balance_after, amount,
                      coalesce(lag(balance_after) OVER (PARTITION BY account_id ORDER BY id), 0) AS previous
                 FROM posting) x),
     accounts AS (
       SELECT a.id, a.volunteer_id, a.balance, coalesce(p.total, 0) AS total, p.last_after,
              a.volunteer_id IS NULL OR a.volunteer_id = ANY($1::uuid[]) AS touched
         FROM ledger_account a LEFT JOIN per_account p ON p.account_id = a.id)
     SELECT (SELECT count(*)::int FROM journal) AS journals,
            (SELECT count(*)::int FROM journal j WHERE NOT EXISTS (SELECT 1 FROM posting p WHERE p.journal_id = j.id))
              + (SELECT count(DISTINCT journal_id)::int
                   FROM (SELECT journal_id FROM posting GROUP BY journal_id, currency HAVING sum(amount) <> 0) u)
              AS unbalanced,
            (SELECT count(*)::int FROM accounts) AS accounts,
            (SELECT count(*)::int FROM accounts WHERE balance <> total) AS off_sum,
            (SELECT count(*)::int FROM accounts WHERE balance <> coalesce(last_after, 0)) AS off_last,
            (SELECT count(*)::int FROM accounts WHERE touched) AS touched,
            (SELECT count(*)::int FROM accounts
              WHERE touched AND (balance <> total OR balance <> coalesce(last_after, 0))) AS touched_off,
            (SELECT n FROM running) AS postings,
            (SELECT off FROM running) AS off_running`,
    [touchedVolunteers],
  );
  const r = rows[0];
  return [
    { label: 'journals with postings, balanced per currency', checked: r.journals, wrong: r.unbalanced },
    { label: 'accounts: stored balance = sum of postings', checked: r.accounts, wrong: r.off_sum },
    { label: 'accounts: stored balance = last balance_after', checked: r.accounts, wrong: r.off_last },
    { label: 'touched accounts (and system): both of the above', checked: r.touched, wrong: r.touched_off },
    { label: 'postings: balance_after = previous + amount', checked: r.postings, wrong: r.off_running },
  ];
}

/** The run number: how many runs of this step logged their records at the bench service point before. */
async function runsBefore(pool: pg.Pool, institutionId: string, records: number): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM service_record WHERE institution_id = $1 AND note = $2',
    [institutionId, NOTE],
  );
  return Math.floor(rows[0].n / records);
}

/**
 * verifyService throughput, as the bench service point's admin: logs `records` service records of yesterday, one
 * for each of `records` different synthetic volunteers (the next ones after the previous run's, so a day's cap is
 * rarely reached), `clients` requests at a time; works out from the database what each verification must credit
 * (the daily cap, points and storage cap, with the portal's own rule); then verifies them all, `clients` at a time,
 * and checks each answer, the postings of each record's journal, and the ledger invariants afterwards.
 */
export async function runVerify(
  url: string,
  token: string,
  pool: pg.Pool,
  institutionId: string,
  records: number,
  clients: number,
  timeoutMs: number,
): Promise<VerifyReport> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const { rows: volunteers } = await pool.query<{ id: string }>(
    `SELECT v.id FROM volunteer v JOIN app_user u ON u.id = v.user_id WHERE u.username LIKE $1 ORDER BY u.username`,
    [`${BENCH_VOLUNTEER_PREFIX}%`],
  );
  if (volunteers.length < records) {
    throw new Error(
      `verifyService needs ${records} synthetic volunteers (BENCH_VOLUNTEERS), found ${volunteers.length}`,
    );
  }
  const run = await runsBefore(pool, institutionId, records);
  const serviceDate = addDays(todayInShanghai(), -1);
  const inputs = Array.from({ length: records }, (_, j) => ({
    volunteerId: volunteers[(run * records + j) % volunteers.length].id,
    category: CATEGORIES[j % CATEGORIES.length],
    serviceDate,
    minutes: 60 + 15 * (j % 13),
    note: NOTE,
  }));

  process.stderr.write(`verifyService: logging ${records} service records (run ${run + 1}), ${clients} clients…`);
  const logged = await concurrently('logService', inputs, clients, (input) =>
    send(url, headers, LOG_MUTATION, { input }, timeoutMs),
  );
  const ids = logged.answers.map((a, j) => {
    const record = a.data?.logService as
      { id: string; status: string; serviceDate: string; minutes: number } | undefined;
    if (record?.status !== 'LOGGED' || record.serviceDate !== serviceDate || record.minutes !== inputs[j].minutes) {
      throw new Error(`logService answered ${JSON.stringify(a.data)}`);
    }
    return record.id;
  });

  // What each verification must credit, from what the database holds now (each volunteer appears once).
  const { rows: before } = await pool.query<{ id: string; minutes: number; counted: number; balance: number }>(
    `SELECT s.id, s.minutes,
            (SELECT coalesce(sum(x.minutes - x.uncredited_minutes), 0)::int
               FROM service_record x
              WHERE x.volunteer_id = s.volunteer_id AND x.service_date = s.service_date AND x.status = 'VERIFIED'
                AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.reverses_journal_id = x.journal_id)) AS counted,
            (SELECT balance::float8 FROM ledger_account a
              WHERE a.volunteer_id = s.volunteer_id AND a.currency = 'TIME') AS balance
       FROM service_record s WHERE s.id = ANY($1::uuid[])`,
    [ids],
  );
  const expected = new Map(before.map((r) => [r.id, serviceCredit(rules(), r.minutes, r.counted, r.balance)]));

  process.stderr.write(' verifying…');
  const verified = await concurrently('verifyService', ids, clients, (id) =>
    send(url, headers, VERIFY_MUTATION, { id }, timeoutMs),
  );
  verified.answers.forEach((a, j) => {
    const got = a.data?.verifyService as
      | { id: string; status: string; creditedMinutes: number; uncreditedMinutes: number; pointsAwarded: number }
      | undefined;
    const want = expected.get(ids[j])!;
    if (
      got?.id !== ids[j] ||
      got.status !== 'VERIFIED' ||
      got.creditedMinutes !== want.creditedMinutes ||
      got.uncreditedMinutes !== want.uncreditedMinutes ||
      got.pointsAwarded !== want.points
    ) {
      throw new Error(`verifyService(${ids[j]}) answered ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    }
  });

  process.stderr.write(' checking the ledger…');
  // Each record's journal moved exactly its credit onto the volunteer's accounts (less any overflow to the pool).
  const { rows: posted } = await pool.query<{ id: string; status: string; time: number; points: number }>(
    `SELECT s.id, s.status,
            coalesce(sum(p.amount) FILTER (WHERE a.volunteer_id = s.volunteer_id AND p.currency = 'TIME'), 0)::float8 AS time,
            coalesce(sum(p.amount) FILTER (WHERE a.volunteer_id = s.volunteer_id AND p.currency = 'POINTS'), 0)::float8
              AS points
       FROM service_record s
       LEFT JOIN posting p ON p.journal_id = s.journal_id
       LEFT JOIN ledger_account a ON a.id = p.account_id
      WHERE s.id = ANY($1::uuid[])
      GROUP BY s.id, s.status`,
    [ids],
  );
  const wrongRecords = posted.filter((r) => {
    const want = expected.get(r.id)!;
    return r.status !== 'VERIFIED' || r.time !== want.keptMinutes || r.points !== want.points;
  }).length;
  const ledger = [
    { label: 'verified records: journal credits = answer', checked: posted.length, wrong: wrongRecords },
    ...(await ledgerInvariants(
      pool,
      inputs.map((i) => i.volunteerId),
    )),
  ];
  process.stderr.write(' done\n');
  return { records, clients, serviceDate, phases: [logged.phase, verified.phase], ledger };
}
