import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { todayInShanghai } from '../src/common/dates.js';
import { ensureCareHomes, ensureSocialWorkCertificates } from './planning-seed.js';
import { BENCH_BODY_USERNAME, ensureBenchBody, ensureInstitutions, ensurePeople, ensureTraining } from './seed.js';
import { BENCH_ADMIN_USERNAME, ensureBenchAdmin, ensureTimeBank } from './timebank-seed.js';
import { type LedgerCheck, ledgerInvariants } from './verify.js';

/** How much synthetic data the bench database holds at least (BENCH_INSTITUTIONS, BENCH_PEOPLE, ...). */
export interface BenchDataSettings {
  institutions: number;
  people: number;
  sessions: number;
  volunteers: number;
  /** The bench service point's admin is needed even without volunteers (the verifyService step). */
  needAdmin: boolean;
}

export interface BenchData {
  body: { id: string; created: boolean };
  admin: { userId: string; institutionId: string; created: boolean } | null;
}

/** A table: the first column left-aligned, the others right-aligned. */
export function grid(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

export function ledgerTable(title: string, checks: LedgerCheck[]): string {
  return grid(
    [title, 'checked', 'wrong'],
    checks.map((c) => [c.label, String(c.checked), String(c.wrong)]),
  );
}

export const ledgerBroken = (checks: LedgerCheck[]) => checks.filter((c) => c.wrong > 0);

/**
 * Makes sure the bench database holds the synthetic data the cases read (see bench/run.ts): institutions, people
 * with their jobs, the bench evaluation body, training sessions, care homes, SOCIAL_WORK certificates, the bench
 * service point's admin and the time bank. Each step adds only what is missing, so a second run adds nothing.
 * Progress goes to stderr. Throws if the seeded ledger breaks an invariant.
 */
export async function ensureBenchData(pool: pg.Pool, s: BenchDataSettings, password: string): Promise<BenchData> {
  const inserted = await ensureInstitutions(pool, s.institutions);
  if (inserted) process.stderr.write(`inserted ${inserted} synthetic institutions\n`);
  const seedStarted = performance.now();
  const people = await ensurePeople(pool, s.people, todayInShanghai(), (done) =>
    process.stderr.write(`\rsynthetic people: ${done} of ${s.people}…`),
  );
  if (people) {
    const seconds = (performance.now() - seedStarted) / 1000;
    process.stderr.write(`\ninserted ${people} synthetic people with their jobs in ${seconds.toFixed(1)} s\n`);
  }
  const body = await ensureBenchBody(pool, password);
  if (body.created) process.stderr.write(`filed the bench evaluation body and its account ${BENCH_BODY_USERNAME}\n`);
  const trainingStarted = performance.now();
  const training = await ensureTraining(pool, body.id, s.sessions, todayInShanghai(), (done) =>
    process.stderr.write(`\rsynthetic training sessions: ${done} of ${s.sessions}…`),
  );
  if (training.sessions) {
    const seconds = (performance.now() - trainingStarted) / 1000;
    process.stderr.write(
      `\ninserted ${training.sessions} synthetic training sessions with ${training.attendances} attendances in ` +
        `${seconds.toFixed(1)} s\n`,
    );
  }
  if (s.institutions > 0) {
    const careHomes = await ensureCareHomes(pool);
    if (careHomes) process.stderr.write(`inserted ${careHomes} synthetic care homes (districts without beds)\n`);
  }
  if (s.people > 0) {
    const certificates = await ensureSocialWorkCertificates(pool, body.id, todayInShanghai());
    if (certificates) process.stderr.write(`inserted ${certificates} SOCIAL_WORK certificates of social workers\n`);
  }
  const admin = s.volunteers > 0 || s.needAdmin ? await ensureBenchAdmin(pool, password) : null;
  if (admin?.created) process.stderr.write(`created the bench service point's account ${BENCH_ADMIN_USERNAME}\n`);
  if (admin) {
    const timeBankStarted = performance.now();
    const timeBank = await ensureTimeBank(pool, s.volunteers, admin.userId, password, todayInShanghai(), (done) =>
      process.stderr.write(`\rsynthetic volunteers: ${done} of ${s.volunteers}…`),
    );
    if (timeBank.volunteers) {
      const seconds = (performance.now() - timeBankStarted) / 1000;
      process.stderr.write(
        `\ninserted ${timeBank.volunteers} synthetic volunteers with ${timeBank.journals} journals and ` +
          `${timeBank.postings} postings in ${seconds.toFixed(1)} s\n`,
      );
      const checks = await ledgerInvariants(pool);
      const broken = ledgerBroken(checks);
      if (broken.length) throw new Error(`the seeded ledger is wrong:\n${ledgerTable('ledger', checks)}`);
      process.stderr.write(`${ledgerTable('seeded ledger', checks)}\n`);
    }
  }
  return { body, admin };
}
