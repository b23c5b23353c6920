import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { addDays, addYears, todayInShanghai } from '../src/common/dates.js';
import { residentIdCheckChar } from '../src/common/validation/resident-id.js';

export const BATCH_ROWS = 5_000;

/**
 * Retired (pre-1997) Chongqing address codes: still valid on ID cards, used by nobody else here (the demo and the
 * generated people have 50xxxx numbers), so a batch's numbers are new to the registry.
 */
const ADDRESS_CODES = ['510212', '510213', '510214', '510215', '510211', '510202', '510203', '510216'];
/** Birth dates used by one batch: 1,000 sequence numbers each. */
const DAYS_PER_BATCH = BATCH_ROWS / 1000;
const FIRST_BIRTH = '1966-01-01';
/** Batches per address code before the next one: birth dates from 1966 to about 1995. */
const BATCHES_PER_CODE = Math.floor((30 * 365) / DAYS_PER_BATCH);

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林谭冉向邓彭曾唐'];
const GIVEN_F = [...'秀英华玉兰芳红梅丽琴燕霞敏静娟萍艳玲婷雪慧莉春桂'];
const GIVEN_M = [...'伟强军勇明杰涛斌华平刚辉建国志文波鹏宇浩俊磊鑫超'];
const OCCUPATIONS: [string, number][] = [
  ['CAREGIVER', 68],
  ['NURSE', 9],
  ['SOCIAL_WORKER', 4],
  ['REHABILITATION', 4],
  ['CAPABILITY_ASSESSOR', 4],
  ['MEDICAL', 4],
  ['NUTRITION', 2],
  ['PSYCHOLOGICAL_COUNSELOR', 2],
  ['MANAGER', 3],
];
const EDUCATION = ['JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'VOCATIONAL_SECONDARY', 'JUNIOR_COLLEGE', 'BACHELOR', null];

export interface BatchRow {
  institutionId: string;
  idNumber: string;
  name: string;
  phone: string | null;
  occupation: string;
  postType: string;
  startDate: string;
  education: string | null;
}

/**
 * How many batches were written before: every one adds BATCH_ROWS persons under the retired address codes (the mask
 * keeps the first six digits), and a batch is written whole or not at all.
 */
async function batchesWritten(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM person WHERE substr(id_number_masked, 1, 6) = ANY($1)`,
    [ADDRESS_CODES],
  );
  return Math.ceil(rows[0].n / BATCH_ROWS);
}

/** BATCH_ROWS valid rows of people new to the registry (numbers after the last batch's), over the institutions. */
export async function freshBatch(pool: pg.Pool): Promise<BatchRow[]> {
  const k = await batchesWritten(pool);
  const address = ADDRESS_CODES[Math.floor(k / BATCHES_PER_CODE) % ADDRESS_CODES.length];
  const firstDay = addDays(FIRST_BIRTH, (k % BATCHES_PER_CODE) * DAYS_PER_BATCH);
  const { rows: institutions } = await pool.query<{ id: string }>('SELECT id FROM institution ORDER BY credit_code');
  if (institutions.length === 0) throw new Error('no institutions to register staff at');
  const weights = OCCUPATIONS.reduce((s, [, w]) => s + w, 0);
  const lastStart = addDays(todayInShanghai(), -1);
  return Array.from({ length: BATCH_ROWS }, (_, i) => {
    const birth = addDays(firstDay, Math.floor(i / 1000));
    const sequence = String(i % 1000).padStart(3, '0');
    const first17 = `${address}${birth.replace(/-/g, '')}${sequence}`;
    const female = (i % 1000) % 2 === 0;
    const given = female ? GIVEN_F : GIVEN_M;
    let w = (i * 37) % weights;
    const occupation = OCCUPATIONS.find(([, weight]) => (w -= weight) < 0)![0];
    return {
      institutionId: institutions[(i * 7919) % institutions.length].id,
      idNumber: first17 + residentIdCheckChar(first17),
      name: SURNAMES[(i * 13) % SURNAMES.length] + given[(i * 7) % given.length] + given[(i * 11) % given.length],
      phone: i % 10 < 7 ? `13${String(100_000_000 + ((i * 7_654_321) % 900_000_000)).slice(0, 9)}` : null,
      occupation,
      postType: i % 9 === 0 ? 'PART_TIME' : 'FULL_TIME',
      startDate: [addDays(addYears(birth, 22), (i * 101) % 3000), lastStart].sort()[0],
      education: EDUCATION[i % EDUCATION.length],
    };
  });
}

export interface BatchRun {
  label: string;
  seconds: number;
  rowsPerSecond: number;
  /** The X-Sql-Round-Trips header of the answer, when the portal sends it. */
  sqlRoundTrips: string | null;
  result: { accepted: number; skipped: number; written: boolean; errors: unknown[] };
}

export const BATCH_MUTATION =
  'mutation ($rows: [RegisterStaffInput!]!, $dryRun: Boolean) { registerStaffBatch(rows: $rows, dryRun: $dryRun) { accepted skipped written errors { index field code message } } }';

/** One timed registerStaffBatch call (the request body is built before the clock starts). */
export function timeBatch(
  url: string,
  headers: Record<string, string>,
  label: string,
  rows: BatchRow[],
  dryRun: boolean,
  timeoutMs: number,
): Promise<BatchRun> {
  return timeMutation(url, headers, 'registerStaffBatch', BATCH_MUTATION, label, rows, dryRun, timeoutMs);
}

/**
 * One timed call of a batch mutation `field` (its answer a BatchResult) with `rows` and `dryRun` as variables; the
 * request body is built before the clock starts, and the clock stops once the whole answer is read.
 */
export async function timeMutation(
  url: string,
  headers: Record<string, string>,
  field: string,
  mutation: string,
  label: string,
  rows: unknown[],
  dryRun: boolean,
  timeoutMs: number,
): Promise<BatchRun> {
  const body = JSON.stringify({ query: mutation, variables: { rows, dryRun } });
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  const seconds = (performance.now() - started) / 1000;
  let parsed: { data?: Record<string, BatchRun['result'] | null>; errors?: { message: string }[] } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // reported below with the start of the text
  }
  const result = parsed.data?.[field];
  if (!result) {
    throw new Error(
      `${field} (${label}) answered HTTP ${res.status}: ${parsed.errors?.map((e) => e.message).join('; ') ?? text.slice(0, 200)}`,
    );
  }
  return {
    label,
    seconds,
    rowsPerSecond: rows.length / seconds,
    sqlRoundTrips: res.headers.get('x-sql-round-trips'),
    result,
  };
}
