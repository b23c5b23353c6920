/**
 * `npm run bench [-- <case>...]`: each named case (bench/cases.ts) against a running portal and against the raw
 * `pg` SQL that returns the same payload, on the same database, in one run. The two payloads are compared first: a
 * mismatch fails that case, printing where they differ, and the other cases still run; then both sides are measured
 * for the same time with the same concurrency, and a table gives requests/s, p50/p99 latency, SQL round trips per
 * request and the ratio raw pg / portal. The run exits non-zero if any case or step failed.
 *
 * Environment:
 *   BENCH_URL          GraphQL URL of a running portal. Unset: the harness builds nothing but starts
 *                      `node dist/src/main.js` itself (run `npm run build` first) on a free loopback port, with demo
 *                      data and EXPOSE_QUERY_COUNT=true, and stops it at the end.
 *   DATABASE_URL       The portal's database; raw pg uses it too. Default (only when the harness starts the portal,
 *                      which then creates it if missing): postgres://postgres@127.0.0.1:5432/eldercare_bench.
 *   BENCH_DURATION     Seconds measured per case and side (default 10), after a 2 s warm-up (BENCH_WARMUP).
 *   BENCH_CONNECTIONS  Concurrent HTTP connections, and raw pg workers (default 10).
 *   BENCH_INSTITUTIONS Synthetic institutions to make sure exist (default 500; 0 adds none), and then a synthetic care
 *                      home with beds in each district or county without one (unless 0).
 *   BENCH_PEOPLE       Synthetic people (with their jobs) to make sure exist (default 200000; 0 adds none), and then
 *                      SOCIAL_WORK certificates for about 60 % of the synthetic social workers (unless 0).
 *   BENCH_SESSIONS     Synthetic training sessions of the bench body, with attendance drawn from the synthetic
 *                      people, to make sure exist (default 5000; 0 adds none).
 *   BENCH_VOLUNTEERS   Synthetic time-bank volunteers (each a generated person) with about 20 postings of history
 *                      each, to make sure exist (default 20000; 0 adds none). The first is `bench-volunteer`.
 *   BENCH_VERIFY_RECORDS  Service records the verifyService step logs and verifies (default 2000).
 *   BENCH_JSON=1       Also print the results as JSON after the table.
 *   BENCH_DEBUG=1      Stack traces on failure.
 *
 * After the cases, `registerStaffBatch` (also a name to pick) times one 5,000-row batch of people new to the registry
 * through the portal: as a dry run, written, and sent again (every row then skipped), and reports rows/s. Then
 * `submitCertificates` (also a name to pick) does the same with 10,000 certificates of the bench's evaluation body,
 * half of them for holders already in the registry and half for new ones. Then `verifyService` (also a name to pick)
 * logs BENCH_VERIFY_RECORDS service records for as many volunteers at the bench's service point and verifies them
 * with BENCH_CONNECTIONS clients, as its admin `bench-institution-admin`, reports verifications/s, latency and SQL
 * round trips per verification, and checks the ledger invariants afterwards.
 *
 * A case may name the account it runs as (`account` in bench/cases.ts): the time-bank cases run as `bench-volunteer`.
 * A slow case may cap its connections and lengthen its run (`maxConnections`, `minSeconds`): `planningDashboard` does.
 *
 * Note that synthetic institutions, people, the bench body (an EVALUATION_BODY account `bench-body` with the demo
 * password) and its training sessions, the batches' staff and the certificates go into whatever database
 * DATABASE_URL names.
 *
 * `npm run bench -- --peers` compares the portal with PostGraphile and a raw node:http + pg server instead: see
 * bench/peers/run.ts.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type BenchCase, CASES, type Payload } from './cases.js';
import { canonicalJson, differences, preview } from './compare.js';
import {
  countSqlRoundTrips,
  type HttpTarget,
  measurePortal,
  measureSql,
  type PortalStats,
  type Stats,
} from './measure.js';
import { ensureDatabase, redact, type StartedPortal, startPortal } from './portal.js';
import { BATCH_ROWS, type BatchRun, freshBatch, timeBatch, timeMutation } from './batch.js';
import { BENCH_BODY_USERNAME } from './seed.js';
import { BENCH_ADMIN_USERNAME } from './timebank-seed.js';
import { runVerify, type VerifyReport } from './verify.js';
import { ensureBenchData, grid, ledgerBroken, ledgerTable } from './bench-data.js';
import { runPeers } from './peers/run.js';
import {
  blocksWritten,
  CERTIFICATE_ROWS,
  CERTIFICATES_MUTATION,
  type CertificateRow,
  freshCertificates,
  setupCertificates,
} from './certificates.js';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/eldercare_bench';
const DEMO_USERNAME = 'planner';
const DEMO_PASSWORD = 'demo-password';
const ROUND_TRIP_SAMPLES = 3;
/** Differences a failed case prints. */
const MAX_DIFFERENCES = 10;
const REQUEST_TIMEOUT_MS = 15_000;
const BATCH_TIMEOUT_MS = 120_000;
const CERTIFICATES_TIMEOUT_MS = 300_000;
/** Not req/s cases: the batch and verification throughput steps, run after the cases. */
const BATCH_STEP = 'registerStaffBatch';
const CERTIFICATES_STEP = 'submitCertificates';
const VERIFY_STEP = 'verifyService';
const STEPS = [BATCH_STEP, CERTIFICATES_STEP, VERIFY_STEP];

/** The repository root: this file runs as dist/bench/run.js. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

class BenchError extends Error {}

function intSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BenchError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

interface Settings {
  benchUrl?: string;
  databaseUrl: string;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  institutions: number;
  people: number;
  sessions: number;
  volunteers: number;
  verifyRecords: number;
  json: boolean;
  cases: BenchCase[];
  batch: boolean;
  certificates: boolean;
  verify: boolean;
}

function settings(argv: string[]): Settings {
  const names = argv.filter((a) => !a.startsWith('-'));
  if (argv.some((a) => a === '-h' || a === '--help')) {
    console.log(`usage: npm run bench [-- <case>...]   cases: ${[...CASES.map((c) => c.name), ...STEPS].join(', ')}`);
    console.log(
      '       npm run bench -- --peers [--json FILE] [A B C D F]   the portal beside PostGraphile and raw pg',
    );
    process.exit(0);
  }
  const unknown = names.filter((n) => !STEPS.includes(n) && !CASES.some((c) => c.name === n));
  if (unknown.length) {
    throw new BenchError(
      `unknown case ${unknown.join(', ')}; cases: ${[...CASES.map((c) => c.name), ...STEPS].join(', ')}`,
    );
  }
  const benchUrl = process.env.BENCH_URL?.trim() || undefined;
  let databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  if (benchUrl && !databaseUrl) {
    throw new BenchError(
      'BENCH_URL is set, so DATABASE_URL must be too: the same database that portal uses (raw pg runs on it, and ' +
        'the synthetic institutions go into it)',
    );
  }
  databaseUrl ??= DEFAULT_DATABASE_URL;
  return {
    benchUrl,
    databaseUrl,
    seconds: intSetting('BENCH_DURATION', 10, 1, 600),
    warmupSeconds: intSetting('BENCH_WARMUP', 2, 0, 60),
    connections: intSetting('BENCH_CONNECTIONS', 10, 1, 200),
    institutions: intSetting('BENCH_INSTITUTIONS', 500, 0, 100_000),
    people: intSetting('BENCH_PEOPLE', 200_000, 0, 5_000_000),
    sessions: intSetting('BENCH_SESSIONS', 5_000, 0, 1_000_000),
    volunteers: intSetting('BENCH_VOLUNTEERS', 20_000, 0, 1_000_000),
    verifyRecords: intSetting('BENCH_VERIFY_RECORDS', 2_000, 1, 100_000),
    json: process.env.BENCH_JSON === '1',
    cases: names.length ? CASES.filter((c) => names.includes(c.name)) : CASES,
    batch: names.length === 0 || names.includes(BATCH_STEP),
    certificates: names.length === 0 || names.includes(CERTIFICATES_STEP),
    verify: names.length === 0 || names.includes(VERIFY_STEP),
  };
}

interface GraphQLAnswer {
  status: number;
  data?: Payload;
  errors?: { message: string }[];
  roundTrips: string | null;
}

async function graphql(url: string, headers: Record<string, string>, body: string): Promise<GraphQLAnswer> {
  const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await res.text();
  let parsed: { data?: Payload; errors?: { message: string }[] } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new BenchError(`${url} answered ${res.status} with a body that is not JSON: ${preview(text)}`);
  }
  return { status: res.status, ...parsed, roundTrips: res.headers.get('x-sql-round-trips') };
}

async function login(url: string, username = DEMO_USERNAME): Promise<string> {
  const body = JSON.stringify({
    query:
      'mutation ($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken } }',
    variables: { username, password: DEMO_PASSWORD },
  });
  const answer = await graphql(url, { 'content-type': 'application/json' }, body);
  const token = (answer.data?.login as { accessToken?: string } | null | undefined)?.accessToken;
  if (!token) {
    throw new BenchError(
      `login as ${username} failed (HTTP ${answer.status}): ${answer.errors?.map((e) => e.message).join('; ') ?? 'no token'}` +
        (username === DEMO_USERNAME
          ? ' — the portal needs its demo accounts (SEED_DEMO=true on a fresh database)'
          : ' — the bench creates this account in the database itself'),
    );
  }
  return token;
}

async function assertReady(url: string): Promise<void> {
  const health = new URL('/health/ready', url);
  let status: number;
  try {
    const res = await fetch(health, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    await res.arrayBuffer();
    status = res.status;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new BenchError(`cannot reach ${health}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
  if (status !== 200)
    throw new BenchError(`${health} answered ${status}: is the portal up and its database reachable?`);
}

/** "3", or "3-4" when single requests disagree, or "n/a" without the header (EXPOSE_QUERY_COUNT is off). */
function describeRoundTrips(values: (string | null)[]): string {
  if (values.some((v) => v === null)) return 'n/a';
  const numbers = values.map(Number);
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  return min === max ? String(min) : `${min}-${max}`;
}

interface CaseResult {
  name: string;
  /** Concurrent requests (and raw pg workers): BENCH_CONNECTIONS, or fewer for a case with maxConnections. */
  connections: number;
  portal: PortalStats & { sqlPerRequest: string };
  rawPg: Stats & { sqlPerRequest: number };
  /** Raw pg requests/s divided by the portal's. */
  ratio: number;
}

async function runCase(
  c: BenchCase,
  url: string,
  tokenFor: (username?: string) => Promise<string>,
  pool: pg.Pool,
  s: Settings,
): Promise<CaseResult> {
  const token = await tokenFor(c.account);
  const target: HttpTarget = {
    url,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(c.variables ? { query: c.query, variables: c.variables } : { query: c.query }),
  };

  // 1. Same payload on both sides.
  const answer = await graphql(target.url, target.headers, target.body);
  if (answer.status !== 200 || answer.errors?.length || !answer.data) {
    throw new BenchError(
      `case ${c.name}: the portal answered HTTP ${answer.status} ` +
        `${answer.errors ? `with errors: ${answer.errors.map((e) => e.message).join('; ')}` : 'without data'}`,
    );
  }
  const { payload, roundTrips: sqlRoundTrips } = await countSqlRoundTrips(pool, c.sql);
  if (canonicalJson(answer.data) !== canonicalJson(payload)) {
    const diff = differences(answer.data, payload, MAX_DIFFERENCES);
    throw new BenchError(
      `case ${c.name}: the portal and raw pg payloads differ (the first ${diff.length}):\n` +
        diff.map((d) => `  at ${d.path}:\n    portal: ${preview(d.portal)}\n    raw pg: ${preview(d.sql)}`).join('\n'),
    );
  }

  // 2. SQL round trips per portal request, from a few single requests.
  const samples: (string | null)[] = [];
  for (let i = 0; i < ROUND_TRIP_SAMPLES; i++) {
    samples.push((await graphql(target.url, target.headers, target.body)).roundTrips);
  }

  // 3. Throughput and latency, the portal first, then raw pg (never both at once).
  const opts = {
    connections: Math.min(s.connections, c.maxConnections ?? s.connections),
    seconds: Math.max(s.seconds, c.minSeconds ?? 0),
    warmupSeconds: s.warmupSeconds,
  };
  const shape = `${opts.warmupSeconds}+${opts.seconds} s${opts.connections < s.connections ? `, ${opts.connections} connections` : ''}`;
  process.stderr.write(`${c.name}: portal ${shape}…`);
  const portal = await measurePortal(target, opts);
  process.stderr.write(` raw pg ${shape}…`);
  const rawPg = await measureSql(pool, c.sql, opts);
  process.stderr.write(' done\n');

  return {
    name: c.name,
    connections: opts.connections,
    portal: { ...portal, sqlPerRequest: describeRoundTrips(samples) },
    rawPg: { ...rawPg, sqlPerRequest: sqlRoundTrips },
    ratio: rawPg.requestsPerSecond / portal.requestsPerSecond,
  };
}

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
/** Requests/s: whole numbers, but two decimals below 10 (slow cases). */
const rate = (n: number) => fixed(n, n < 10 ? 2 : 0);

function table(results: CaseResult[]): string {
  const header = [
    'case',
    'conns',
    'portal req/s',
    'p50 ms',
    'p99 ms',
    'SQL/req',
    'raw pg req/s',
    'p50 ms',
    'p99 ms',
    'SQL/req',
    'ratio',
  ];
  const rows = results.map((r) => [
    r.name,
    String(r.connections),
    rate(r.portal.requestsPerSecond),
    fixed(r.portal.p50Ms, 2),
    fixed(r.portal.p99Ms, 2),
    r.portal.sqlPerRequest,
    rate(r.rawPg.requestsPerSecond),
    fixed(r.rawPg.p50Ms, 2),
    fixed(r.rawPg.p99Ms, 2),
    String(r.rawPg.sqlPerRequest),
    `${fixed(r.ratio, r.ratio < 10 ? 2 : 1)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

const expectResult = (run: BatchRun, expected: BatchRun['result'], step = BATCH_STEP) => {
  if (canonicalJson(run.result) !== canonicalJson(expected)) {
    throw new BenchError(`${step} (${run.label}) answered ${preview(run.result, 400)}, expected ${preview(expected)}`);
  }
};

async function registryCounts(pool: pg.Pool): Promise<{ persons: number; employments: number }> {
  const { rows } = await pool.query<{ persons: number; employments: number }>(
    'SELECT (SELECT count(*)::int FROM person) AS persons, (SELECT count(*)::int FROM employment) AS employments',
  );
  return rows[0];
}

/**
 * registerStaffBatch throughput: one batch of BATCH_ROWS people new to the registry, checked (dry run), written, and
 * sent again (every row an identical stored one, so skipped). Each answer and what the database holds afterwards are
 * checked, so a batch that quietly skipped or lost rows fails the run.
 */
async function runBatch(url: string, token: string, pool: pg.Pool): Promise<BatchRun[]> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const rows = await freshBatch(pool);
  process.stderr.write(`${BATCH_STEP}: ${rows.length} rows: dry run, write, retry…`);
  const before = await registryCounts(pool);
  const dry = await timeBatch(url, headers, 'dry run', rows, true, BATCH_TIMEOUT_MS);
  expectResult(dry, { accepted: BATCH_ROWS, skipped: 0, written: false, errors: [] });
  const written = await timeBatch(url, headers, 'write', rows, false, BATCH_TIMEOUT_MS);
  expectResult(written, { accepted: BATCH_ROWS, skipped: 0, written: true, errors: [] });
  const after = await registryCounts(pool);
  if (after.persons - before.persons !== BATCH_ROWS || after.employments - before.employments !== BATCH_ROWS) {
    throw new BenchError(
      `registerStaffBatch wrote ${after.persons - before.persons} persons and ` +
        `${after.employments - before.employments} employments, expected ${BATCH_ROWS} of each`,
    );
  }
  const retry = await timeBatch(url, headers, 'retry (all skipped)', rows, false, BATCH_TIMEOUT_MS);
  expectResult(retry, { accepted: 0, skipped: BATCH_ROWS, written: true, errors: [] });
  const final = await registryCounts(pool);
  if (final.persons !== after.persons || final.employments !== after.employments) {
    throw new BenchError('registerStaffBatch wrote rows on a retry of an identical batch');
  }
  process.stderr.write(' done\n');
  return [dry, written, retry];
}

async function certificateCounts(pool: pg.Pool, bodyId: string): Promise<{ persons: number; certificates: number }> {
  const { rows } = await pool.query<{ persons: number; certificates: number }>(
    `SELECT (SELECT count(*)::int FROM person) AS persons,
            (SELECT count(*)::int FROM certificate WHERE issuing_body_id = $1) AS certificates`,
    [bodyId],
  );
  return rows[0];
}

/**
 * submitCertificates throughput, as the bench body: CERTIFICATE_ROWS new certificates, half for holders a previous
 * submission created (so in the registry, same names) and half for holders new to the registry, checked (dry run),
 * written, and sent again (every row then skipped). The first time, an untimed setup submission creates the first
 * holders. Each answer and what the database holds afterwards are checked.
 */
async function runCertificates(url: string, token: string, pool: pg.Pool, bodyId: string): Promise<BatchRun[]> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const submit = (label: string, rows: CertificateRow[], dryRun: boolean) =>
    timeMutation(url, headers, CERTIFICATES_STEP, CERTIFICATES_MUTATION, label, rows, dryRun, CERTIFICATES_TIMEOUT_MS);
  let blocks = await blocksWritten(pool);
  if (blocks === 0) {
    const rows = setupCertificates();
    process.stderr.write(`${CERTIFICATES_STEP}: setup, ${rows.length} certificates of first holders…`);
    const setup = await submit('setup', rows, false);
    expectResult(setup, { accepted: rows.length, skipped: 0, written: true, errors: [] }, CERTIFICATES_STEP);
    process.stderr.write(` ${setup.seconds.toFixed(1)} s\n`);
    blocks = await blocksWritten(pool);
  }
  const rows = freshCertificates(blocks);
  const half = CERTIFICATE_ROWS / 2;
  process.stderr.write(`${CERTIFICATES_STEP}: ${rows.length} rows (submission ${blocks}): dry run, write, retry…`);
  const before = await certificateCounts(pool, bodyId);
  const dry = await submit('dry run', rows, true);
  expectResult(dry, { accepted: CERTIFICATE_ROWS, skipped: 0, written: false, errors: [] }, CERTIFICATES_STEP);
  const written = await submit('write', rows, false);
  expectResult(written, { accepted: CERTIFICATE_ROWS, skipped: 0, written: true, errors: [] }, CERTIFICATES_STEP);
  const after = await certificateCounts(pool, bodyId);
  if (after.persons - before.persons !== half || after.certificates - before.certificates !== CERTIFICATE_ROWS) {
    throw new BenchError(
      `${CERTIFICATES_STEP} wrote ${after.persons - before.persons} persons and ` +
        `${after.certificates - before.certificates} certificates, expected ${half} and ${CERTIFICATE_ROWS}`,
    );
  }
  const retry = await submit('retry (all skipped)', rows, false);
  expectResult(retry, { accepted: 0, skipped: CERTIFICATE_ROWS, written: true, errors: [] }, CERTIFICATES_STEP);
  const final = await certificateCounts(pool, bodyId);
  if (final.persons !== after.persons || final.certificates !== after.certificates) {
    throw new BenchError(`${CERTIFICATES_STEP} wrote rows on a retry of an identical submission`);
  }
  process.stderr.write(' done\n');
  return [dry, written, retry];
}

function verifyTables(report: VerifyReport): string {
  const phases = grid(
    [
      `${VERIFY_STEP} (${report.records} records, ${report.clients} clients)`,
      'seconds',
      'per s',
      'p50 ms',
      'p99 ms',
      'SQL/req',
      'SQL mean',
    ],
    report.phases.map((p) => [
      p.label,
      fixed(p.seconds, 2),
      fixed(p.perSecond, 0),
      fixed(p.p50Ms, 2),
      fixed(p.p99Ms, 2),
      p.sqlRoundTrips,
      p.sqlMean === null ? 'n/a' : fixed(p.sqlMean, 1),
    ]),
  );
  return `${phases}\n\n${ledgerTable(`ledger after ${VERIFY_STEP}`, report.ledger)}`;
}

function batchTable(title: string, runs: BatchRun[]): string {
  const header = [title, 'seconds', 'rows/s', 'SQL round trips'];
  const rows = runs.map((r) => [r.label, fixed(r.seconds, 2), fixed(r.rowsPerSecond, 0), r.sqlRoundTrips ?? 'n/a']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  let s: Settings;
  try {
    s = settings(process.argv.slice(2));
  } catch (error) {
    console.error(`bench: ${(error as Error).message}`);
    return 1;
  }
  let portal: StartedPortal | undefined;
  let pool: pg.Pool | undefined;
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping\n`);
    void (portal?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    let url: string;
    if (s.benchUrl) {
      url = s.benchUrl;
    } else {
      if (await ensureDatabase(s.databaseUrl)) process.stderr.write(`created database ${redact(s.databaseUrl)}\n`);
      process.stderr.write(`starting the portal on ${redact(s.databaseUrl)}…\n`);
      portal = await startPortal(ROOT, s.databaseUrl);
      url = portal.url;
    }
    await assertReady(url);

    pool = new pg.Pool({ connectionString: s.databaseUrl, max: s.connections, connectionTimeoutMillis: 10_000 });
    const { body, admin } = await ensureBenchData(pool, { ...s, needAdmin: s.verify }, DEMO_PASSWORD);

    const tokens = new Map<string, Promise<string>>();
    const tokenFor = (username = DEMO_USERNAME) => {
      if (!tokens.has(username)) tokens.set(username, login(url, username));
      return tokens.get(username)!;
    };
    const token = await tokenFor();
    process.stderr.write(
      `portal ${url}; ${s.connections} connections, ${s.warmupSeconds} s warm-up + ${s.seconds} s per case and side\n`,
    );

    // A case or step that fails (a payload mismatch, an error) is reported with its reason, and the others still
    // run: one broken case does not hide the figures of the rest.
    const failures: { name: string; reason: string }[] = [];
    const attempt = async <T>(name: string, run: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await run();
      } catch (error) {
        if (interrupted) throw error;
        const reason =
          error instanceof BenchError
            ? error.message
            : `${name}: ${process.env.BENCH_DEBUG === '1' ? (error as Error).stack : (error as Error).message}`;
        failures.push({ name, reason });
        process.stderr.write(`\n${name}: FAILED\n${reason}\n`);
        return undefined;
      }
    };
    const results: CaseResult[] = [];
    for (const c of s.cases) {
      const result = await attempt(c.name, () => runCase(c, url, tokenFor, pool!, s));
      if (result) results.push(result);
    }
    const batch = (s.batch ? await attempt(BATCH_STEP, () => runBatch(url, token, pool!)) : undefined) ?? [];
    const certificates =
      (s.certificates
        ? await attempt(CERTIFICATES_STEP, async () =>
            runCertificates(url, await tokenFor(BENCH_BODY_USERNAME), pool!, body.id),
          )
        : undefined) ?? [];
    const verify =
      (s.verify && admin
        ? await attempt(VERIFY_STEP, async () =>
            runVerify(
              url,
              await tokenFor(BENCH_ADMIN_USERNAME),
              pool!,
              admin.institutionId,
              s.verifyRecords,
              s.connections,
              REQUEST_TIMEOUT_MS,
            ),
          )
        : undefined) ?? null;

    const tables = [
      results.length ? table(results) : '',
      batch.length ? batchTable(`${BATCH_STEP} (${BATCH_ROWS} rows)`, batch) : '',
      certificates.length ? batchTable(`${CERTIFICATES_STEP} (${CERTIFICATE_ROWS} rows)`, certificates) : '',
      verify ? verifyTables(verify) : '',
    ];
    console.log(tables.filter(Boolean).join('\n\n'));
    const failed = results.filter((r) => r.portal.errors || r.portal.non2xx || r.portal.badBodies);
    for (const r of failed) {
      console.error(
        `case ${r.name}: ${r.portal.errors} connection errors (${r.portal.timeouts} timeouts), ` +
          `${r.portal.non2xx} non-2xx answers, ${r.portal.badBodies} answers with GraphQL errors during the run`,
      );
    }
    if (s.json) {
      console.log(
        JSON.stringify(
          {
            url,
            connections: s.connections,
            seconds: s.seconds,
            warmupSeconds: s.warmupSeconds,
            results,
            batch,
            certificates,
            verify,
          },
          null,
          2,
        ),
      );
    }
    const broken = verify ? ledgerBroken(verify.ledger) : [];
    for (const c of broken) console.error(`${VERIFY_STEP}: ${c.wrong} of ${c.checked} wrong: ${c.label}`);
    if (failures.length) {
      console.error(`\n${failures.length} failed: ${failures.map((f) => f.name).join(', ')}`);
      for (const f of failures) console.error(`\n--- ${f.name} ---\n${f.reason}`);
    }
    if (portal && (failed.length || failures.length)) {
      console.error(`--- portal log (last lines) ---\n${portal.logTail()}`);
    }
    return failed.length || broken.length || failures.length ? 1 : 0;
  } catch (error) {
    if (interrupted) return 130;
    const detail = error instanceof Error ? (process.env.BENCH_DEBUG === '1' ? error.stack : error.message) : error;
    console.error(`bench failed: ${String(detail)}`);
    return 1;
  } finally {
    await pool?.end().catch(() => undefined);
    await portal?.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

const args = process.argv.slice(2);
process.exitCode = args.includes('--peers') ? await runPeers(args, ROOT) : await main();
