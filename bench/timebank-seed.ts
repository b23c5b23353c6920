import type pg from 'pg';
import { hashPassword } from '../src/auth/passwords.js';
import { RECOMPUTE_FLOWS_SQL } from '../src/timebank/ledger.repository.js';
import { BENCH_PERSON_MARK } from './seed.js';

/** The volunteer the time-bank cases sign in as (volunteer number 1; the demo password). */
export const BENCH_VOLUNTEER_USERNAME = 'bench-volunteer';
/** The other synthetic volunteers: `bench-volunteer-00002` and so on. */
export const BENCH_VOLUNTEER_PREFIX = 'bench-volunteer-';
/** The INSTITUTION_ADMIN account of the bench's service point, which logs and verifies service (the demo password). */
export const BENCH_ADMIN_USERNAME = 'bench-institution-admin';
/** The bench's service point: the first synthetic institution (bench/seed.ts ensureInstitutions). */
export const BENCH_SERVICE_POINT = '基准测试养老机构0001号';

/** Volunteer number k is the generated person number k x PERSON_STRIDE (bench/seed.ts PEOPLE_SQL). */
const PERSON_STRIDE = 10;
const VOLUNTEERS_CHUNK = 2_000;

const INT64_MAX = '9223372036854775807';
/** A stable draw in [0, m) from the volunteer number `k`, and from `k` and the event number `i`. */
const drawK = (stream: number, m: number | string) => `((hashint8extended(k, ${stream}) & ${INT64_MAX}) % ${m})`;
const drawKI = (stream: number, m: number | string) =>
  `((hashint8extended(k * 64 + i, ${stream}) & ${INT64_MAX}) % ${m})`;

/** Categories of historical service, the commoner ones more often. */
const CATEGORIES = [
  'COMPANIONSHIP',
  'COMPANIONSHIP',
  'COMPANIONSHIP',
  'ERRANDS_AND_ESCORT',
  'ERRANDS_AND_ESCORT',
  'RECREATION',
  'HEALTH_EDUCATION',
  'LEGAL_AID',
  'DIGITAL_HELP',
  'DIGITAL_HELP',
  'SAFETY_VISIT',
  'SAFETY_VISIT',
  'OTHER',
];
const sqlArray = (items: string[]) => `ARRAY[${items.map((s) => `'${s}'`).join(',')}]`;

/**
 * Makes sure the bench's service point has an INSTITUTION_ADMIN account `bench-institution-admin` (the demo password)
 * and returns its user id and institution. Needs the synthetic institutions (BENCH_INSTITUTIONS > 0).
 */
export async function ensureBenchAdmin(
  pool: pg.Pool,
  password: string,
): Promise<{ userId: string; institutionId: string; created: boolean }> {
  const { rows: sites } = await pool.query<{ id: string }>(
    'SELECT id FROM institution WHERE name = $1 ORDER BY credit_code LIMIT 1',
    [BENCH_SERVICE_POINT],
  );
  if (sites.length === 0) throw new Error(`the time bank needs the synthetic institutions (${BENCH_SERVICE_POINT})`);
  const institutionId = sites[0].id;
  const found = async () =>
    (
      await pool.query<{ id: string; institution_id: string | null }>(
        'SELECT id, institution_id FROM app_user WHERE username = $1',
        [BENCH_ADMIN_USERNAME],
      )
    ).rows;
  let users = await found();
  let created = false;
  if (users.length === 0) {
    await pool.query(
      `INSERT INTO app_user (username, password_hash, role, institution_id) VALUES ($1, $2, 'INSTITUTION_ADMIN', $3)
       ON CONFLICT (username) DO NOTHING`,
      [BENCH_ADMIN_USERNAME, await hashPassword(password), institutionId],
    );
    users = await found();
    created = true;
  }
  if (users[0].institution_id !== institutionId) {
    throw new Error(`the account ${BENCH_ADMIN_USERNAME} exists but is not the admin of ${BENCH_SERVICE_POINT}`);
  }
  return { userId: users[0].id, institutionId, created };
}

/**
 * Volunteers numbered $1..$2 not stored yet: ids derived from the number (md5 as a uuid), so a second run finds
 * them; each is the generated person k x PERSON_STRIDE, living in the district of its ID number, with 6 to 14 (10 on
 * average) verified services; a quarter of them donate once to the public pool.
 */
const VOLUNTEERS_SQL = `
CREATE TEMP TABLE bench_tb_volunteer ON COMMIT DROP AS
SELECT k, md5('bench-volunteer-user:' || k)::uuid AS user_id, md5('bench-volunteer:' || k)::uuid AS volunteer_id,
       CASE WHEN k = 1 THEN '${BENCH_VOLUNTEER_USERNAME}'
            ELSE '${BENCH_VOLUNTEER_PREFIX}' || lpad(k::text, 5, '0') END AS username,
       p.id AS person_id, substr(p.id_number_masked, 1, 6) AS region_code,
       6 + ${drawK(41, 9)}::int AS services,
       ${drawK(42, 4)} = 0 AS donor,
       ($3::date - 730 + ${drawK(45, 10)}::int + time '10:00') AT TIME ZONE 'Asia/Shanghai' AS registered_at
  FROM generate_series($1::bigint, $2::bigint) AS k
  JOIN person p
    ON p.id_number_hash = encode(sha256(convert_to('bench-person:' || k * ${PERSON_STRIDE}, 'UTF8')), 'hex')
 WHERE NOT EXISTS (SELECT 1 FROM app_user u WHERE u.id = md5('bench-volunteer-user:' || k)::uuid)
   AND NOT EXISTS (SELECT 1 FROM volunteer v WHERE v.person_id = p.id)`;

/**
 * Their history, one row per journal in the order it was posted (journal ids drawn from the sequence in that order):
 * service i on day today - 720 + 50 i + (0..44) (so one a day at most, the last at least 26 days ago), 30 to 240
 * minutes, verified the next day between 09:00 and 18:00 (Asia/Shanghai) and credited in full as the default rules
 * do (60 TIME minutes and 10 points an hour); a donor gives 10-50 % of its balance three days after its fifth service.
 */
const EVENTS_SQL = `
CREATE TEMP TABLE bench_tb_event ON COMMIT DROP AS
WITH cfg AS MATERIALIZED (
  SELECT count(*)::int AS n_inst FROM institution
),
svc AS (
  SELECT v.k, v.volunteer_id, v.user_id, v.donor, i,
         $1::date - 720 + i * 50 + ${drawKI(43, 45)}::int AS service_date,
         (2 + ${drawKI(44, 15)}::int) * 15 AS minutes,
         (${sqlArray(CATEGORIES)})[1 + ${drawKI(46, CATEGORIES.length)}] AS category,
         ${drawKI(47, '(SELECT n_inst FROM cfg)')}::int AS inst_ix,
         ${drawKI(48, 540)}::int AS verified_minute
    FROM bench_tb_volunteer v CROSS JOIN LATERAL generate_series(0, v.services - 1) AS i
),
timed AS (
  SELECT s.*, (s.service_date + 1 + time '09:00' + make_interval(mins => s.verified_minute)) AT TIME ZONE 'Asia/Shanghai' AS at,
         sum(s.minutes) OVER (PARTITION BY s.k ORDER BY s.i) AS balance
    FROM svc s
),
ev AS (
  SELECT k, volunteer_id, user_id, i, 2 * i AS seq, 'SERVICE_CREDIT' AS kind, at, minutes AS time_amount,
         minutes * 10 / 60 AS points, service_date, minutes, category, inst_ix
    FROM timed
  UNION ALL
  SELECT k, volunteer_id, user_id, NULL, 9, 'DONATION', at + interval '3 days',
         -greatest(1, balance * (10 + ${drawKI(49, 41)}) / 100), 0, NULL, NULL, NULL, NULL
    FROM timed
   WHERE donor AND i = 4
)
SELECT nextval(pg_get_serial_sequence('journal', 'id')) AS journal_id, o.*
  FROM (SELECT * FROM ev ORDER BY k, seq) o`;

/** The journals, as the portal writes them (donations by the volunteer with an idempotency key). $1: the admin. */
const JOURNALS_SQL = `
INSERT INTO journal (id, kind, actor_id, idempotency_key, request_hash, note, created_at)
SELECT journal_id, kind::journal_kind,
       CASE WHEN kind = 'SERVICE_CREDIT' THEN $1::uuid ELSE user_id END,
       CASE WHEN kind = 'DONATION' THEN 'bench-donation-' || k END,
       CASE WHEN kind = 'DONATION' THEN encode(sha256(convert_to('bench-donation-' || k, 'UTF8')), 'hex') END,
       CASE WHEN kind = 'SERVICE_CREDIT'
            THEN 'Service on ' || to_char(service_date, 'YYYY-MM-DD') || ' (' || category || ', ' || minutes || ' min)'
            ELSE 'Donation to the public pool' END,
       at
  FROM bench_tb_event
 ORDER BY journal_id`;

/** Each volunteer's TIME and POINTS accounts, opened with the balance their history leaves. */
const ACCOUNTS_SQL = `
INSERT INTO ledger_account (volunteer_id, currency, balance)
SELECT v.volunteer_id, c.currency::currency,
       CASE WHEN c.currency = 'TIME' THEN coalesce(sum(e.time_amount), 0) ELSE coalesce(sum(e.points), 0) END
  FROM bench_tb_volunteer v
 CROSS JOIN (VALUES (1, 'TIME'), (2, 'POINTS')) AS c(n, currency)
  LEFT JOIN bench_tb_event e ON e.k = v.k
 GROUP BY v.k, v.volunteer_id, c.n, c.currency
 ORDER BY v.k, c.n`;

/**
 * The postings, in the order the portal writes a journal's lines (issuance TIME, volunteer TIME, issuance POINTS,
 * volunteer POINTS; a donation: volunteer TIME, public pool), inserted in journal order so that ids follow it, with
 * each account's running balance: from zero for the new accounts, from the stored balance for the system ones
 * (locked by this transaction).
 */
const POSTINGS_SQL = `
WITH lines AS (
  SELECT journal_id, 1 AS line, NULL::uuid AS vol, 'ISSUANCE' AS sys, 'TIME' AS cur, 'EARN' AS kind,
         -time_amount AS amount, at
    FROM bench_tb_event WHERE kind = 'SERVICE_CREDIT'
  UNION ALL
  SELECT journal_id, 2, volunteer_id, NULL, 'TIME', 'EARN', time_amount, at
    FROM bench_tb_event WHERE kind = 'SERVICE_CREDIT'
  UNION ALL
  SELECT journal_id, 3, NULL, 'ISSUANCE', 'POINTS', 'EARN', -points, at
    FROM bench_tb_event WHERE kind = 'SERVICE_CREDIT' AND points > 0
  UNION ALL
  SELECT journal_id, 4, volunteer_id, NULL, 'POINTS', 'EARN', points, at
    FROM bench_tb_event WHERE kind = 'SERVICE_CREDIT' AND points > 0
  UNION ALL
  SELECT journal_id, 1, volunteer_id, NULL, 'TIME', 'DONATION', time_amount, at
    FROM bench_tb_event WHERE kind = 'DONATION'
  UNION ALL
  SELECT journal_id, 2, NULL, 'PUBLIC_POOL', 'TIME', 'DONATION', -time_amount, at
    FROM bench_tb_event WHERE kind = 'DONATION'
),
placed AS (
  SELECT l.*, coalesce(va.id, sa.id) AS account_id, coalesce(sa.balance, 0) AS opening
    FROM lines l
    LEFT JOIN ledger_account va ON va.volunteer_id = l.vol AND va.currency = l.cur::currency
    LEFT JOIN ledger_account sa
           ON l.vol IS NULL AND sa.system_account = l.sys::system_account AND sa.currency = l.cur::currency
)
INSERT INTO posting (journal_id, account_id, currency, kind, amount, balance_after, created_at)
SELECT journal_id, account_id, cur::currency, kind::entry_kind, amount,
       opening + sum(amount) OVER (PARTITION BY account_id ORDER BY journal_id, line), at
  FROM placed
 ORDER BY journal_id, line`;

/** A verified service record behind every credit, at an institution drawn uniformly. $1: the admin. */
const SERVICE_RECORDS_SQL = `
INSERT INTO service_record (id, volunteer_id, institution_id, category, service_date, minutes, status,
                            credited_minutes, uncredited_minutes, points_awarded, journal_id, logged_by, decided_by,
                            decided_at, created_at)
SELECT md5('bench-service:' || e.k || ':' || e.i)::uuid, e.volunteer_id, cfg.inst[1 + e.inst_ix],
       e.category::service_category, e.service_date, e.minutes, 'VERIFIED'::service_status, e.time_amount, 0, e.points, e.journal_id,
       e.user_id, $1::uuid, e.at, (e.service_date + time '19:00') AT TIME ZONE 'Asia/Shanghai'
  FROM bench_tb_event e
 CROSS JOIN (SELECT array_agg(id ORDER BY credit_code) AS inst FROM institution) cfg
 WHERE e.kind = 'SERVICE_CREDIT'
 ORDER BY e.journal_id`;

/** The system accounts' stored balances move by their postings of this chunk. */
const SYSTEM_BALANCES_SQL = `
UPDATE ledger_account a SET balance = a.balance + d.delta
  FROM (SELECT p.account_id, sum(p.amount) AS delta
          FROM posting p JOIN ledger_account s ON s.id = p.account_id AND s.volunteer_id IS NULL
         WHERE p.journal_id IN (SELECT journal_id FROM bench_tb_event)
         GROUP BY p.account_id) d
 WHERE a.id = d.account_id`;

const COUNT_SQL = `SELECT count(*)::int AS n FROM app_user
  WHERE username = '${BENCH_VOLUNTEER_USERNAME}' OR username LIKE '${BENCH_VOLUNTEER_PREFIX}%'`;

/**
 * Makes sure the database holds at least `target` synthetic volunteers (numbered 1..target; number 1 is
 * `bench-volunteer`), each a VOLUNTEER account (the demo password) and a volunteer of a generated person, with TIME
 * and POINTS accounts and about two years of history: about ten verified service records, each with its
 * SERVICE_CREDIT journal, and for a quarter a donation; about 20 postings on each volunteer's accounts and as many on
 * the system accounts. Generated in SQL (`generate_series`), in transactions of 2,000 volunteers that each write
 * whole volunteers: a second run adds nothing and an interrupted one resumes. The system accounts are locked first,
 * so running balances continue from theirs; each journal balances per currency (the deferred check runs at commit),
 * and every stored balance is the sum of its postings. Returns how many volunteers, journals and postings were added.
 */
export async function ensureTimeBank(
  pool: pg.Pool,
  target: number,
  adminUserId: string,
  password: string,
  today: string,
  progress: (done: number) => void = () => undefined,
): Promise<{ volunteers: number; journals: number; postings: number }> {
  const added = { volunteers: 0, journals: 0, postings: 0 };
  if (target <= 0) return added;
  const { rows: counted } = await pool.query<{ n: number }>(COUNT_SQL);
  if (counted[0].n >= target) return added;
  const { rows: people } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM person WHERE id_number_encrypted LIKE '${BENCH_PERSON_MARK}%'`,
  );
  if (people[0].n < target * PERSON_STRIDE) {
    throw new Error(
      `${target} volunteers need ${target * PERSON_STRIDE} generated people (BENCH_PEOPLE), found ${people[0].n}`,
    );
  }
  const passwordHash = await hashPassword(password);
  for (let from = 1; from <= target; from += VOLUNTEERS_CHUNK) {
    const to = Math.min(target, from + VOLUNTEERS_CHUNK - 1);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // The portal's lock order: volunteers first (these are new), then the public pool, then the others.
      await client.query(
        `SELECT id FROM ledger_account WHERE volunteer_id IS NULL
          ORDER BY CASE WHEN system_account = 'PUBLIC_POOL' THEN 1 ELSE 2 END, id FOR UPDATE`,
      );
      const volunteers = await client.query(VOLUNTEERS_SQL, [from, to, today]);
      if (volunteers.rowCount) {
        await client.query(
          `INSERT INTO app_user (id, username, password_hash, role, created_at, updated_at)
           SELECT user_id, username, $1, 'VOLUNTEER'::role, registered_at, registered_at FROM bench_tb_volunteer ORDER BY k`,
          [passwordHash],
        );
        await client.query(
          `INSERT INTO volunteer (id, user_id, person_id, region_code, created_at)
           SELECT volunteer_id, user_id, person_id, region_code, registered_at FROM bench_tb_volunteer ORDER BY k`,
        );
        const events = await client.query(EVENTS_SQL, [today]);
        await client.query(JOURNALS_SQL, [adminUserId]);
        await client.query(ACCOUNTS_SQL);
        const postings = await client.query(POSTINGS_SQL);
        await client.query(SERVICE_RECORDS_SQL, [adminUserId]);
        await client.query(SYSTEM_BALANCES_SQL);
        added.volunteers += volunteers.rowCount ?? 0;
        added.journals += events.rowCount ?? 0;
        added.postings += postings.rowCount ?? 0;
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    progress(to);
  }
  // The postings went in directly: give the accounts the flow totals the portal keeps with each posting.
  await pool.query(RECOMPUTE_FLOWS_SQL);
  await pool.query('VACUUM (ANALYZE) app_user, volunteer, ledger_account, journal, posting, service_record');
  return added;
}
