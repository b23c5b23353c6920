import type pg from 'pg';
import { addDays, addYears, todayInShanghai } from '../src/common/dates.js';
import { residentIdCheckChar } from '../src/common/validation/resident-id.js';

/** Rows of one timed submitCertificates call (the most a call takes): half for holders already in the registry. */
export const CERTIFICATE_ROWS = 10_000;
/** Holders new to the registry in one run, and holders already there (those of the previous run). */
const HOLDERS_PER_BLOCK = CERTIFICATE_ROWS / 2;

/**
 * More retired (pre-1997) Chongqing address codes, still valid on ID cards and used by nobody else here: not the
 * ones of bench/batch.ts (registerStaffBatch's staff), nor the 50xxxx of the demo and generated people. So the
 * persons under them are exactly the certificate holders the bench created, and their count tells how many runs
 * were made.
 */
const ADDRESS_CODES = ['510221', '510222', '510223', '510224', '510225', '510226', '510227', '510228'];
/** Birth dates used by one block of holders: 1,000 sequence numbers each. */
const DAYS_PER_BLOCK = HOLDERS_PER_BLOCK / 1000;
const FIRST_BIRTH = '1968-01-01';
/** Blocks per address code before the next one: birth dates from 1968 to about 1993. */
const BLOCKS_PER_CODE = Math.floor((25 * 365) / DAYS_PER_BLOCK);

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林谭冉向邓彭曾唐蒋余袁'];
const GIVEN_F = [...'秀英华玉兰芳红梅丽琴燕霞敏静娟萍艳玲婷雪慧莉春桂凤珍淑云'];
const GIVEN_M = [...'伟强军勇明杰涛斌华平刚辉建国志文波鹏宇浩俊磊鑫超林峰兵东'];

/** Social-work levels drawn in turn: mostly 3 (助理社会工作师), some 2, few 1 (高级社会工作师). */
const SOCIAL_WORK_LEVELS = [3, 3, 2, 3, 2, 1];

/** Issue dates from the start of the bench body's filing to yesterday. */
const FIRST_ISSUE = '2015-01-01';

export interface CertificateRow {
  idNumber: string;
  name: string;
  kind: 'NURSING_ASSISTANT_SKILL' | 'SOCIAL_WORK';
  level: number;
  certificateNumber: string;
  issuedOn: string;
  expiresOn: string | null;
}

/** Holder `i` (0-based) of block `block`: a valid ID number under a retired code, and always the same name. */
function holder(block: number, i: number): { idNumber: string; name: string } {
  const address = ADDRESS_CODES[Math.floor(block / BLOCKS_PER_CODE) % ADDRESS_CODES.length];
  const birth = addDays(FIRST_BIRTH, (block % BLOCKS_PER_CODE) * DAYS_PER_BLOCK + Math.floor(i / 1000));
  const sequence = String(i % 1000).padStart(3, '0');
  const first17 = `${address}${birth.replace(/-/g, '')}${sequence}`;
  // The sequence's last digit gives the sex: odd male, even female.
  const given = (i % 1000) % 2 === 0 ? GIVEN_F : GIVEN_M;
  const k = block * HOLDERS_PER_BLOCK + i;
  return {
    idNumber: first17 + residentIdCheckChar(first17),
    name:
      SURNAMES[(k * 17) % SURNAMES.length] +
      given[(k * 7) % given.length] +
      (k % 10 < 7 ? given[(k * 11 + 3) % given.length] : ''),
  };
}

/**
 * How many blocks of holders earlier submissions created: every written submission creates HOLDERS_PER_BLOCK
 * persons under ADDRESS_CODES (the mask keeps the first six digits), whole or not at all.
 */
export async function blocksWritten(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM person WHERE substr(id_number_masked, 1, 6) = ANY($1)`,
    [ADDRESS_CODES],
  );
  return Math.ceil(rows[0].n / HOLDERS_PER_BLOCK);
}

/** A certificate of holder `i` of `block`, numbered for submission `run`, row `index` (stable inputs, stable row). */
function certificate(
  run: number,
  index: number,
  block: number,
  i: number,
  existing: boolean,
  lastIssue: string,
): CertificateRow {
  const span = Math.max(
    1,
    Math.round((Date.parse(`${lastIssue}T00:00:00Z`) - Date.parse(`${FIRST_ISSUE}T00:00:00Z`)) / 86_400_000),
  );
  const issuedOn = addDays(FIRST_ISSUE, (index * 7919 + run * 104_729) % (span + 1));
  // Holders already certified come back for a higher skill level or a social-work qualification; newcomers mostly
  // take the entry skill levels.
  const socialWork = existing ? index % 5 < 2 : index % 5 === 0;
  const level = socialWork
    ? SOCIAL_WORK_LEVELS[Math.floor(index / 5) % SOCIAL_WORK_LEVELS.length]
    : existing
      ? 1 + ((index * 7) % 4)
      : 3 + ((index * 7) % 3);
  return {
    ...holder(block, i),
    kind: socialWork ? 'SOCIAL_WORK' : 'NURSING_ASSISTANT_SKILL',
    level,
    certificateNumber: `BC${String(run).padStart(4, '0')}-${String(index).padStart(5, '0')}`,
    issuedOn,
    // Some social-work registrations carry an expiry; skill certificates none.
    expiresOn: socialWork && index % 2 === 0 ? addYears(issuedOn, 3) : null,
  };
}

/**
 * The setup submission made once, before the first timed one: one entry skill certificate for each holder of
 * block 0, so that the first timed run has holders already in the registry.
 */
export function setupCertificates(): CertificateRow[] {
  const lastIssue = addDays(todayInShanghai(), -1);
  return Array.from({ length: HOLDERS_PER_BLOCK }, (_, i) => ({
    ...certificate(0, i, 0, i, false, lastIssue),
    kind: 'NURSING_ASSISTANT_SKILL' as const,
    level: 5,
    expiresOn: null,
  }));
}

/**
 * CERTIFICATE_ROWS valid rows for submission number `blocks` (the blocks written so far, at least 1): the first
 * half for the holders of the previous block (in the registry already, same names), the second half for a new block
 * of holders; certificate numbers new (they carry the submission's number), kinds and levels valid.
 */
export function freshCertificates(blocks: number): CertificateRow[] {
  if (blocks < 1) throw new Error('freshCertificates needs a block of holders written before (setupCertificates)');
  const lastIssue = addDays(todayInShanghai(), -1);
  return Array.from({ length: CERTIFICATE_ROWS }, (_, index) => {
    const existing = index < HOLDERS_PER_BLOCK;
    const block = existing ? blocks - 1 : blocks;
    return certificate(blocks, index, block, index % HOLDERS_PER_BLOCK, existing, lastIssue);
  });
}

export const CERTIFICATES_MUTATION =
  'mutation ($rows: [CertificateInput!]!, $dryRun: Boolean) { submitCertificates(rows: $rows, dryRun: $dryRun) { accepted skipped written errors { index field code message } } }';
