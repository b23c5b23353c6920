import type pg from 'pg';
import { makeCreditCode } from '../src/common/validation/credit-code.js';
import { BENCH_PERSON_MARK } from './seed.js';

/** Synthetic care homes added by ensureCareHomes are numbered from here (ensureInstitutions numbers 1..500). */
const CARE_HOME_BASE = 900_000;

/**
 * Makes sure every district and county has care-home beds, so that each has a ratio to beds: the synthetic
 * institutions of ensureInstitutions put care homes in only half of them (every sixth institution, over 38 regions in
 * turn). For each district or county without a care home with beds, one synthetic care home (numbered
 * CARE_HOME_BASE + the region's place among the county-level codes, so its credit code is stable) with 60 to 400 beds.
 * Nobody works there: call after ensurePeople, so that a fresh database gets the same people as this one and these
 * regions' social workers all work elsewhere (their ratio to beds is 0, with a shortfall). ON CONFLICT on the credit
 * code, so a second run adds nothing. Returns how many were inserted.
 */
export async function ensureCareHomes(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ code: string; k: number; bedless: boolean }>(
    `SELECT code, (row_number() OVER (ORDER BY code))::int AS k,
            NOT EXISTS (SELECT 1 FROM institution i
                         WHERE i.region_code = r.code AND i.type = 'CARE_HOME' AND i.beds > 0) AS bedless
       FROM region r WHERE kind IN ('DISTRICT', 'COUNTY', 'AUTONOMOUS_COUNTY')`,
  );
  const missing = rows.filter((r) => r.bedless).map((r) => ({ code: r.code, n: CARE_HOME_BASE + r.k }));
  if (missing.length === 0) return 0;
  const result = await pool.query(
    `INSERT INTO institution (name, credit_code, region_code, type, ownership, beds, has_social_work_department)
     SELECT '基准测试养老院' || n || '号', credit_code, region_code, 'CARE_HOME', 'PUBLIC_INSTITUTION',
            60 + (n * 37) % 341, true
       FROM unnest($1::int[], $2::char(18)[], $3::varchar[]) AS x(n, credit_code, region_code)
     ON CONFLICT (credit_code) DO NOTHING`,
    [
      missing.map((m) => m.n),
      missing.map((m) => makeCreditCode(`52${m.code}BN${String(m.n).padStart(7, '0')}`)),
      missing.map((m) => m.code),
    ],
  );
  await pool.query('ANALYZE institution');
  return result.rowCount ?? 0;
}

const INT64_MAX = '9223372036854775807';
/** A stable draw in [0, m) from the person number `n` and a stream number (as in bench/seed.ts). */
const draw = (stream: number, m: number) => `((hashint8extended(n, ${stream}) & ${INT64_MAX}) % ${m})`;

/**
 * Makes sure about 60 % of the generated people who ever had a SOCIAL_WORKER job hold a SOCIAL_WORK certificate of
 * the bench body ($1), so that qualifiedSocialWorkers means something: level 3, 2 or 1 (mostly 3), issued 0 to 720
 * days after that job started (or 2015, the body's filing) (never after yesterday, $2 today); one in four registered for three years (so some
 * have expired by the bench's dates), three in a hundred revoked a year after issue (or yesterday). Numbered `BSW` + the person's number
 * (unique per kind), ON CONFLICT DO NOTHING: a second run adds nothing. Returns how many were inserted.
 */
export async function ensureSocialWorkCertificates(pool: pg.Pool, bodyId: string, today: string): Promise<number> {
  const result = await pool.query(
    `WITH sw AS (
       SELECT p.id AS person_id, substr(p.id_number_encrypted, ${BENCH_PERSON_MARK.length + 1})::bigint AS n,
              min(e.start_date) AS started
         FROM person p JOIN employment e ON e.person_id = p.id AND e.occupation = 'SOCIAL_WORKER'
        WHERE p.id_number_encrypted LIKE '${BENCH_PERSON_MARK}%'
        GROUP BY p.id),
     drawn AS (
       SELECT person_id, n, least(greatest(started, date '2015-01-01') + ${draw(41, 721)}::int, $2::date - 1) AS issued_on,
              ${draw(42, 100)} AS fate, (ARRAY[3, 3, 2, 3, 2, 1])[1 + ${draw(43, 6)}] AS level
         FROM sw
        WHERE ${draw(40, 100)} < 60)
     INSERT INTO certificate (person_id, kind, level, certificate_number, issuing_body_id, issued_on, expires_on,
                              revoked_on, revocation_reason)
     SELECT person_id, 'SOCIAL_WORK', level, 'BSW' || lpad(n::text, 9, '0'), $1::uuid, issued_on,
            CASE WHEN fate < 25 THEN (issued_on + interval '3 years')::date END,
            CASE WHEN fate >= 25 AND fate < 28 THEN least(issued_on + 365, $2::date - 1) END,
            CASE WHEN fate >= 25 AND fate < 28 THEN '基准测试：登记注销' END
       FROM drawn
     ON CONFLICT (kind, certificate_number) DO NOTHING`,
    [bodyId, today],
  );
  if ((result.rowCount ?? 0) > 0) await pool.query('VACUUM (ANALYZE) certificate');
  return result.rowCount ?? 0;
}
