import type pg from 'pg';
import { hashPassword } from '../src/auth/passwords.js';
import { makeCreditCode } from '../src/common/validation/credit-code.js';

const TYPES = ['CARE_HOME', 'COMMUNITY_CENTER', 'HOME_CARE_PROVIDER', 'SOCIAL_WORK_ORG', 'HOSPITAL_CARE_UNIT', 'OTHER'];
const OWNERSHIPS = ['PUBLIC_INSTITUTION', 'PUBLIC_BUILT_PRIVATE_RUN', 'PRIVATE_NON_PROFIT', 'PRIVATE_FOR_PROFIT'];

/**
 * Makes sure the database holds at least `target` institutions, so a page of `institutions` is a real page of a
 * real total. Adds synthetic ones numbered 1..target straight in SQL: civil-affairs private non-enterprise credit
 * codes (`52` + region + `BN` + 7 digits, valid check character), spread over the county-level regions, beds only
 * for care homes. The codes are stable, so a second run adds nothing (ON CONFLICT DO NOTHING). Returns how many
 * rows were inserted.
 */
export async function ensureInstitutions(pool: pg.Pool, target: number): Promise<number> {
  const { rows: counted } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM institution');
  if (counted[0].n >= target) return 0;

  const { rows: regions } = await pool.query<{ code: string }>(
    `SELECT code FROM region WHERE kind <> 'FUNCTIONAL_ZONE' ORDER BY code`,
  );
  const { rows: zones } = await pool.query<{ code: string }>(
    `SELECT code FROM region WHERE kind = 'FUNCTIONAL_ZONE' ORDER BY code`,
  );
  if (regions.length === 0) throw new Error('the region table has no districts or counties: are migrations applied?');

  const cols = {
    name: [] as string[],
    creditCode: [] as string[],
    regionCode: [] as string[],
    zoneCode: [] as (string | null)[],
    type: [] as string[],
    ownership: [] as string[],
    beds: [] as (number | null)[],
    socialWork: [] as boolean[],
  };
  for (let n = 1; n <= target; n++) {
    const region = regions[n % regions.length].code;
    const type = TYPES[n % TYPES.length];
    cols.name.push(`基准测试养老机构${String(n).padStart(4, '0')}号`);
    cols.creditCode.push(makeCreditCode(`52${region}BN${String(n).padStart(7, '0')}`));
    cols.regionCode.push(region);
    cols.zoneCode.push(zones.length && n % 10 === 0 ? zones[(n / 10) % zones.length].code : null);
    cols.type.push(type);
    cols.ownership.push(OWNERSHIPS[n % OWNERSHIPS.length]);
    cols.beds.push(type === 'CARE_HOME' ? 20 + ((n * 37) % 480) : null);
    cols.socialWork.push(n % 3 === 0);
  }
  const result = await pool.query(
    `INSERT INTO institution (name, credit_code, region_code, zone_code, type, ownership, beds,
                              has_social_work_department)
     SELECT * FROM unnest($1::varchar[], $2::char(18)[], $3::varchar[], $4::varchar[], $5::institution_type[],
                          $6::ownership[], $7::int[], $8::boolean[])
     ON CONFLICT (credit_code) DO NOTHING`,
    [cols.name, cols.creditCode, cols.regionCode, cols.zoneCode, cols.type, cols.ownership, cols.beds, cols.socialWork],
  );
  return result.rowCount ?? 0;
}

/** Persons made by `ensurePeople` carry this in place of a ciphertext (never decrypted: reads show masked forms). */
export const BENCH_PERSON_MARK = 'bench.';
const PEOPLE_CHUNK = 50_000;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林谭冉向邓彭曾唐蒋余袁秦蒲熊谢';
/** The commonest surnames appear several times, so they are drawn more often. */
const SURNAME_POOL = [...'王王王李李李张张张刘刘陈陈杨杨黄赵吴周何罗谭', ...SURNAMES];
const FEMALE_GIVEN = [...'秀英华玉兰芳红梅丽琴燕霞敏静娟萍艳玲婷雪慧莉春桂凤珍淑云琳洁晓丹颖倩佳欣悦雯蓉琼翠会菊'];
const MALE_GIVEN = [...'伟强军勇明杰涛斌华平刚辉建国志文波鹏宇浩俊磊鑫超林峰兵东成海德福良洪川江'];
const MOBILE_PREFIXES = '130 133 135 136 138 139 151 155 158 177 180 186 189 199'.split(' ');

const sqlArray = (items: string[]) => `ARRAY[${items.map((s) => `'${s}'`).join(',')}]`;

const INT64_MAX = '9223372036854775807';
/** A stable draw in [0, m) from the person number `n` and a stream number. */
const draw = (stream: number, m: number | string) => `((hashint8extended(n, ${stream}) & ${INT64_MAX}) % ${m})`;
const given = (stream: number) =>
  `CASE WHEN sex = 'FEMALE' THEN (${sqlArray(FEMALE_GIVEN)})[1 + ${draw(stream, FEMALE_GIVEN.length)}]
        ELSE (${sqlArray(MALE_GIVEN)})[1 + ${draw(stream, MALE_GIVEN.length)}] END`;
const hasPhone = `${draw(8, 100)} < 75`;

/**
 * One statement for the people numbered $1..$2 and their jobs, generated in SQL. Every random choice is a `draw` from
 * the person's number, so a number always gives the same person. Each person has a valid resident ID number (checksum
 * included) of a Chongqing district, though the stored hash and ciphertext are synthetic (unique per number; the
 * portal's key is not needed); the masks are the real masks of that number.
 *
 * Jobs: one per person at an institution drawn uniformly (caregivers about 68 %, caregivers aged 40-60, others
 * younger), started 2015 to three months ago; a tenth of them ended; one person in twenty also has a part-time job at
 * another institution started later; one in fifty first worked at a third institution and transferred.
 */
const PEOPLE_SQL = `
WITH cfg AS MATERIALIZED (
  SELECT (SELECT array_agg(id ORDER BY credit_code) FROM institution) AS inst,
         (SELECT array_agg(code ORDER BY code) FROM region WHERE kind <> 'FUNCTIONAL_ZONE') AS codes
),
base AS (
  SELECT n, ${draw(11, 1000)} AS occ_draw, ${draw(14, 100)} AS fate,
         (SELECT codes[1 + ${draw(2, 'array_length(codes, 1)')}] FROM cfg) AS address,
         lpad(${draw(3, 1000)}::text, 3, '0') AS seq,
         (SELECT array_length(inst, 1) FROM cfg) AS n_inst,
         ${draw(15, 1_000_000)} AS d15, ${draw(16, 1_000_000)} AS d16
    FROM generate_series($1::bigint, $2::bigint) AS n
),
typed AS (
  SELECT b.*,
         CASE WHEN occ_draw < 680 THEN 'CAREGIVER' WHEN occ_draw < 715 THEN 'SOCIAL_WORKER'
              WHEN occ_draw < 755 THEN 'CAPABILITY_ASSESSOR' WHEN occ_draw < 785 THEN 'MEDICAL'
              WHEN occ_draw < 875 THEN 'NURSE' WHEN occ_draw < 915 THEN 'REHABILITATION'
              WHEN occ_draw < 935 THEN 'NUTRITION' WHEN occ_draw < 950 THEN 'PSYCHOLOGICAL_COUNSELOR'
              WHEN occ_draw < 965 THEN 'DIRECTOR' ELSE 'MANAGER' END AS occupation,
         ${draw(10, 'n_inst')} AS inst_ix,
         CASE WHEN substr(seq, 3, 1)::int % 2 = 1 THEN 'MALE' ELSE 'FEMALE' END AS sex
    FROM base b
),
born AS (
  -- Caregivers 40-60 years old, the others 25-55.
  SELECT t.*,
         CASE WHEN occupation = 'CAREGIVER' THEN date '1966-06-01' + ${draw(1, 7300)}::int
              ELSE date '1971-06-01' + ${draw(1, 10950)}::int END AS birth
    FROM typed t
),
src AS MATERIALIZED (
  SELECT b.*,
         encode(sha256(convert_to('bench-person:' || n, 'UTF8')), 'hex') AS hash,
         address || to_char(birth, 'YYYYMMDD') || seq AS id17,
         greatest(date '2015-01-01' + ${draw(12, "greatest(1, ($3::date - 90) - date '2015-01-01')")}::int,
                  (birth + interval '18 years')::date) AS start_date
    FROM born b
),
ins AS (
  INSERT INTO person (id_number_hash, id_number_encrypted, id_number_masked, name, sex, birth_date,
                      phone_encrypted, phone_masked, education)
  SELECT hash, '${BENCH_PERSON_MARK}' || n,
         -- The real mask of a valid number: address, 8 stars, sequence and the ISO 7064 MOD 11-2 check character.
         address || '********' || seq || substr('10X98765432', 1 + (
           SELECT sum(substr(id17, k::int, 1)::int * w)::int % 11
             FROM unnest(ARRAY[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]) WITH ORDINALITY AS t(w, k)), 1),
         (${sqlArray(SURNAME_POOL)})[1 + ${draw(4, SURNAME_POOL.length)}] || ${given(5)}
           || CASE WHEN ${draw(6, 100)} < 70 THEN ${given(7)} ELSE '' END,
         sex::sex, birth,
         CASE WHEN ${hasPhone} THEN '${BENCH_PERSON_MARK}phone.' || n END,
         CASE WHEN ${hasPhone}
              THEN (${sqlArray(MOBILE_PREFIXES)})[1 + ${draw(9, MOBILE_PREFIXES.length)}] || '****'
                   || lpad(${draw(13, 10_000)}::text, 4, '0') END,
         (enum_range(NULL::education))[1 + CASE WHEN occupation = 'CAREGIVER' THEN d15 % 4 ELSE 4 + d15 % 3 END]
    FROM src
  ON CONFLICT (id_number_hash) DO NOTHING
  RETURNING id, id_number_encrypted
),
mine AS (
  SELECT ins.id AS person_id, s.*
    FROM ins JOIN src s ON s.n = substr(ins.id_number_encrypted, ${BENCH_PERSON_MARK.length + 1})::bigint
),
jobs AS (
  -- The job held now (or that ended, for a tenth of people).
  SELECT person_id, (SELECT inst[1 + inst_ix] FROM cfg) AS institution_id, occupation,
         CASE WHEN fate % 13 = 0 THEN 'PART_TIME' ELSE 'FULL_TIME' END AS post_type, start_date,
         CASE WHEN fate < 10 THEN start_date + 30 + (d16 % greatest(1, $3::date - start_date - 30))::int END AS end_date,
         CASE WHEN fate < 10
              THEN (ARRAY['RESIGNED','RESIGNED','RESIGNED','CONTRACT_ENDED','CONTRACT_ENDED','RETIRED','DISMISSED','OTHER'])[1 + d16 % 8] END
           AS end_reason
    FROM mine
  UNION ALL
  -- One in twenty: a part-time job elsewhere at the same time, started later (caregivers may assess there).
  SELECT person_id, (SELECT inst[1 + (inst_ix + 1 + d15 % (n_inst - 1)) % n_inst] FROM cfg),
         CASE WHEN occupation = 'CAREGIVER' AND d15 % 4 = 0 THEN 'CAPABILITY_ASSESSOR' ELSE occupation END,
         'PART_TIME', least(start_date + 30 + (d16 % 700)::int, $3::date - 30), NULL, NULL
    FROM mine
   WHERE fate BETWEEN 10 AND 14 AND n_inst > 1
  UNION ALL
  -- One in fifty: an earlier job at another institution, ended by a transfer shortly before this one started.
  SELECT person_id, (SELECT inst[1 + (inst_ix + 1 + d16 % (n_inst - 1)) % n_inst] FROM cfg), occupation, 'FULL_TIME',
         start_date - 400 - (d15 % 1000)::int, start_date - 1 - (d15 % 30)::int, 'TRANSFERRED'
    FROM mine
   WHERE fate BETWEEN 15 AND 16 AND n_inst > 1
     AND start_date - 400 - (d15 % 1000)::int >= (birth + interval '18 years')::date
)
INSERT INTO employment (person_id, institution_id, occupation, team, post_type, start_date, end_date, end_reason)
SELECT person_id, institution_id, occupation::occupation,
       (CASE WHEN occupation = 'CAREGIVER' THEN 'CARE' WHEN occupation IN ('DIRECTOR', 'MANAGER') THEN 'MANAGEMENT'
             ELSE 'PROFESSIONAL_TECHNICAL' END)::team,
       post_type::post_type, start_date, end_date, end_reason::end_reason
  FROM jobs`;

/**
 * Makes sure the database holds at least `target` generated people (numbered 1..target) with their jobs over the
 * institutions there, generated in SQL in statements of 50,000 people. Numbers already stored are skipped (ON
 * CONFLICT on the hash), and a person's jobs are inserted in the same statement as the person, so a second run adds
 * nothing and an interrupted one resumes. Returns how many people were inserted.
 */
export async function ensurePeople(
  pool: pg.Pool,
  target: number,
  today: string,
  progress: (done: number) => void = () => undefined,
): Promise<number> {
  if (target <= 0) return 0;
  const { rows: counted } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM person WHERE id_number_encrypted LIKE '${BENCH_PERSON_MARK}%'`,
  );
  if (counted[0].n >= target) return 0;
  let inserted = 0;
  for (let from = 1; from <= target; from += PEOPLE_CHUNK) {
    const to = Math.min(target, from + PEOPLE_CHUNK - 1);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(PEOPLE_SQL, [from, to, today]);
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM person WHERE id_number_encrypted LIKE '${BENCH_PERSON_MARK}%'`,
      );
      await client.query('COMMIT');
      inserted = rows[0].n - counted[0].n;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    progress(to);
  }
  // Fresh statistics and visibility maps, as autovacuum would leave them: else the first measured queries are planned
  // for near-empty tables and index-only scans visit the heap.
  await pool.query('VACUUM (ANALYZE) institution, person, employment');
  return inserted;
}

/** The evaluation body the bench submits certificates and runs training as (DESIGN.md issue 4). */
export const BENCH_BODY = {
  name: '基准测试职业技能评价与培训中心',
  creditCode: makeCreditCode('52500103BE0000001'),
  regionCode: '500103',
  filingNumber: 'BENCH-PJ-500103-2015-001',
  filedFrom: '2015-01-01',
  filedTo: '2035-12-31',
  certificateKinds: ['NURSING_ASSISTANT_SKILL', 'SOCIAL_WORK'],
};
/** Its EVALUATION_BODY account (the demo password, like the demo accounts the bench signs in with). */
export const BENCH_BODY_USERNAME = 'bench-body';

/**
 * Makes sure the bench's evaluation body is filed (as above, allowed to train) and that an EVALUATION_BODY account
 * `bench-body` acts for it, with password `password`. Straight in SQL: the body by its credit code (ON CONFLICT DO
 * NOTHING), the account by its username; the password is hashed only when the account is created. Returns the
 * body's id and whether anything was created.
 */
export async function ensureBenchBody(pool: pg.Pool, password: string): Promise<{ id: string; created: boolean }> {
  const b = BENCH_BODY;
  const inserted = await pool.query(
    `INSERT INTO evaluation_body (name, kind, credit_code, region_code, filing_number, filed_from, filed_to,
                                  certificate_kinds, may_train)
     VALUES ($1, 'VOCATIONAL_COLLEGE', $2, $3, $4, $5, $6, $7::certificate_kind[], true)
     ON CONFLICT (credit_code) DO NOTHING`,
    [b.name, b.creditCode, b.regionCode, b.filingNumber, b.filedFrom, b.filedTo, b.certificateKinds],
  );
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM evaluation_body WHERE credit_code = $1', [
    b.creditCode,
  ]);
  const id = rows[0].id;
  const { rows: users } = await pool.query<{ evaluation_body_id: string | null }>(
    'SELECT evaluation_body_id FROM app_user WHERE username = $1',
    [BENCH_BODY_USERNAME],
  );
  let created = (inserted.rowCount ?? 0) > 0;
  if (users.length === 0) {
    await pool.query(
      `INSERT INTO app_user (username, password_hash, role, evaluation_body_id) VALUES ($1, $2, 'EVALUATION_BODY', $3)
       ON CONFLICT (username) DO NOTHING`,
      [BENCH_BODY_USERNAME, await hashPassword(password), id],
    );
    created = true;
  } else if (users[0].evaluation_body_id !== id) {
    throw new Error(`the account ${BENCH_BODY_USERNAME} exists but does not act for the bench body`);
  }
  return { id, created };
}

const SESSION_TITLES: Record<string, string[]> = {
  CAREGIVER: ['养老护理员初级技能培训', '养老护理员中级技能提升班', '失能老年人照护专项培训', '认知障碍照护实务培训'],
  DIRECTOR: ['养老院院长管理能力培训', '养老机构运营管理研修班'],
  SOCIAL_WORKER: ['养老服务社会工作实务培训', '老年社会工作个案管理培训'],
  CAPABILITY_ASSESSOR: ['老年人能力评估员培训', '老年人能力评估标准实操培训'],
  OTHER: ['养老机构消防安全与应急处置培训', '养老服务质量标准化培训'],
};
/** Of 100 sessions: caregivers 60, directors 8, social workers 12, capability assessors 12, other 8. */
const AUDIENCE_SHARES: [string, number][] = [
  ['CAREGIVER', 60],
  ['DIRECTOR', 8],
  ['SOCIAL_WORKER', 12],
  ['CAPABILITY_ASSESSOR', 12],
  ['OTHER', 8],
];
const audienceCase = () => {
  let upTo = 0;
  const arms = AUDIENCE_SHARES.map(
    ([audience, share]) => `WHEN ${draw(21, 100)} < ${(upTo += share)} THEN '${audience}'`,
  );
  return `CASE ${arms.join(' ')} END`;
};
const titleCase = `CASE audience ${Object.entries(SESSION_TITLES)
  .map(([audience, titles]) => `WHEN '${audience}' THEN (${sqlArray(titles)})[1 + ${draw(22, titles.length)}]`)
  .join(' ')} END`;

/** First and last start dates of the synthetic sessions. */
const FIRST_SESSION = '2024-01-01';
const LAST_SESSION = '2026-12-31';
/** Attendees per session: 20 to 40 (30 on average); 90 % of them complete it. */
const MIN_ATTENDEES = 20;
const MAX_ATTENDEES = 40;

/**
 * Sessions numbered $2..$3 of the bench body ($1), generated in SQL, and their attendance. Ids are derived from
 * the number (md5 as a uuid) so that a second run inserts nothing (ON CONFLICT). Sessions start uniformly from
 * FIRST_SESSION to LAST_SESSION, last 1 to 5 days, in a county-level region drawn uniformly, with 8 to 40 hours
 * (in half hours) and room for 40 to 60. Sessions that ended before today ($5) have 20 to 40 attendees (about 30),
 * 90 % completed, drawn from the generated people numbered 1..$4 (found by their synthetic hash, see PEOPLE_SQL):
 * attendee j is person 1 + (h + j x stride) mod $4, distinct within a session; later sessions have none yet. A
 * session's attendance is stored together, as recordAttendance stores it.
 */
const TRAINING_SQL = `
WITH cfg AS MATERIALIZED (
  SELECT (SELECT array_agg(code ORDER BY code) FROM region WHERE kind <> 'FUNCTIONAL_ZONE') AS codes
),
base AS (
  SELECT n, ${audienceCase()} AS audience,
         date '${FIRST_SESSION}' + ${draw(23, `(date '${LAST_SESSION}' - date '${FIRST_SESSION}' + 1)`)}::int AS start_date,
         ${draw(24, 100)} AS length_draw
    FROM generate_series($2::bigint, $3::bigint) AS n
),
sessions AS (
  SELECT md5('bench-session:' || n)::uuid AS id, n, audience, start_date,
         start_date + CASE WHEN length_draw < 40 THEN 0 WHEN length_draw < 70 THEN 1 WHEN length_draw < 88 THEN 2
                           WHEN length_draw < 96 THEN 3 ELSE 4 END AS end_date,
         (SELECT codes[1 + ${draw(25, 'array_length(codes, 1)')}] FROM cfg) AS region_code,
         (16 + ${draw(26, 65)})::numeric / 2 AS hours,
         40 + ${draw(27, 21)}::int AS capacity,
         ${MIN_ATTENDEES} + ${draw(28, MAX_ATTENDEES - MIN_ATTENDEES + 1)}::int AS attendees,
         ${draw(29, '$4::bigint')} AS first_person
    FROM base
),
ins AS (
  INSERT INTO training_session (id, provider_id, title, audience, region_code, start_date, end_date, hours, capacity)
  SELECT id, $1::uuid, ${titleCase}, audience::training_audience, region_code, start_date, end_date,
         hours, capacity
    FROM sessions
  ON CONFLICT (id) DO NOTHING
  RETURNING id
)
INSERT INTO attendance (session_id, person_id, completed)
SELECT s.id, p.id, (hashint8extended(s.n * ${MAX_ATTENDEES} + j, 30) & ${INT64_MAX}) % 100 < 90
  FROM sessions s
  JOIN ins ON ins.id = s.id
  CROSS JOIN LATERAL generate_series(0, s.attendees - 1) AS j
  JOIN person p ON p.id_number_hash =
       encode(sha256(convert_to('bench-person:' || (1 + (s.first_person + j * greatest(1, $4::bigint / ${MAX_ATTENDEES + 1})) % $4::bigint), 'UTF8')), 'hex')
 WHERE s.end_date < $5::date
 ORDER BY s.n, j
ON CONFLICT DO NOTHING`;
const SESSIONS_CHUNK = 1_000;

/**
 * Makes sure the bench body ran at least `target` synthetic training sessions (numbered 1..target) with their
 * attendance drawn from the generated people (call after ensurePeople). In statements of 1,000 sessions, each in a
 * transaction with its attendance, so a second run adds nothing and an interrupted one resumes. Returns how many
 * sessions and attendances were inserted.
 */
export async function ensureTraining(
  pool: pg.Pool,
  bodyId: string,
  target: number,
  today: string,
  progress: (done: number) => void = () => undefined,
): Promise<{ sessions: number; attendances: number }> {
  if (target <= 0) return { sessions: 0, attendances: 0 };
  const { rows: counted } = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM training_session WHERE provider_id = $1',
    [bodyId],
  );
  if (counted[0].n >= target) return { sessions: 0, attendances: 0 };
  const { rows: generated } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM person WHERE id_number_encrypted LIKE '${BENCH_PERSON_MARK}%'`,
  );
  const people = generated[0].n;
  if (people < MAX_ATTENDEES) throw new Error('training attendance needs the generated people (BENCH_PEOPLE)');
  let sessions = 0;
  let attendances = 0;
  for (let from = 1; from <= target; from += SESSIONS_CHUNK) {
    const to = Math.min(target, from + SESSIONS_CHUNK - 1);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await client.query(TRAINING_SQL, [bodyId, from, to, people, today]);
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM training_session WHERE provider_id = $1',
        [bodyId],
      );
      await client.query('COMMIT');
      sessions = rows[0].n - counted[0].n;
      attendances += result.rowCount ?? 0;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    progress(to);
  }
  await pool.query('VACUUM (ANALYZE) training_session, attendance');
  return { sessions, attendances };
}
