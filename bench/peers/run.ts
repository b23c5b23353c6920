/**
 * `npm run bench -- --peers [--json FILE] [A B C D F]`: the portal side by side with PostGraphile and a raw
 * `node:http` + `pg` server, on the same bench database, the same machine, in one run (issue 20).
 *
 * 1. Installs what PostGraphile needs into a cache outside the source tree if missing (bench/peers/install.ts),
 *    while it starts the built portal (as `npm run bench` does) and seeds the bench database as `npm run bench`
 *    does, except that training sessions (BENCH_SESSIONS) default to 0 and time-bank volunteers (BENCH_VOLUNTEERS)
 *    to 2,000 here: no case reads sessions, and D reads one volunteer's balances. What is there already stays.
 * 2. Starts the raw server (bench/peers/raw-server.ts) and PostGraphile 5 (bench/peers/postgraphile-server.mjs),
 *    each with the same pool size (BENCH_PEERS_POOL, default 10, the portal's default) and each with
 *    bench/peers/sql-counter.mjs preloaded, which counts pg's `Client.query` calls in that process.
 * 3. For each case (bench/peers/cases.ts) checks that the three answers, mapped to the case's common shape, are
 *    equal; a case that differs fails (printing where) and is not measured. Then counts SQL round trips per request
 *    on each side from BENCH_PEERS_SQL_SAMPLES requests sent one at a time.
 * 4. Warms each case, connection count and side up once (BENCH_PEERS_WARMUP seconds), then runs BENCH_PEERS_ROUNDS
 *    interleaved rounds: in each, every case at every connection count (BENCH_PEERS_CONNECTIONS, default 10,50) on
 *    every side for BENCH_PEERS_SECONDS, the sides' order rotating from round to round. Each server's CPU time is
 *    read from /proc/<pid>/stat around each measurement.
 * 5. Prints medians over the rounds of req/s, p50 and p99, SQL round trips and CPU ms per request (all the CPU
 *    time over all the requests of the rounds), and portal/PostGraphile req/s; `--json FILE` writes the same as a
 *    list of { case, connections, side, reqPerSec, p50, p99, sqlPerRequest, cpuMsPerRequest }.
 *
 * PostGraphile does no auth. The portal checks a real token on every request (the municipal planner's; the
 * volunteer's for D). The raw server verifies the token where the answer depends on it (D) and reads no account.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { ensureBenchData, grid } from '../bench-data.js';
import { canonicalJson, differences, preview } from '../compare.js';
import { type HttpTarget, measurePortal, type PortalStats } from '../measure.js';
import { BENCH_JWT_SECRET, ensureDatabase, freePort, redact, type StartedPortal, startPortal } from '../portal.js';
import { BENCH_VOLUNTEER_USERNAME } from '../timebank-seed.js';
import { CASE_NAMES, type CaseName, PEER_CASES, type PeerCase } from './cases.js';
import { ensurePeerRuntime, peersCache, POSTGRAPHILE_PACKAGES } from './install.js';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/eldercare_bench';
const PLANNER = 'planner';
const DEMO_PASSWORD = 'demo-password';
const REQUEST_TIMEOUT_MS = 15_000;
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;
const MAX_DIFFERENCES = 10;

export const SIDES = ['portal', 'postgraphile', 'raw'] as const;
export type Side = (typeof SIDES)[number];

class PeersError extends Error {}

function intSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new PeersError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

interface Settings {
  databaseUrl: string;
  jsonFile: string | null;
  cases: PeerCase[];
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number[];
  poolSize: number;
  sqlSamples: number;
  institutions: number;
  people: number;
  sessions: number;
  volunteers: number;
}

function settings(argv: string[]): Settings {
  if (process.env.BENCH_URL?.trim()) {
    throw new PeersError('--peers starts its own portal (it reads its CPU time): unset BENCH_URL');
  }
  let jsonFile: string | null = null;
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--peers') continue;
    if (arg === '--json') {
      jsonFile = argv[++i] ?? null;
      if (!jsonFile || jsonFile.startsWith('-')) throw new PeersError('--json needs a file name');
    } else if (arg.startsWith('--json=')) {
      jsonFile = arg.slice('--json='.length);
    } else if (arg.startsWith('-')) {
      throw new PeersError(`unknown option ${arg}`);
    } else {
      names.push(arg);
    }
  }
  const unknown = names.filter((n) => !CASE_NAMES.includes(n as CaseName));
  if (unknown.length) throw new PeersError(`unknown case ${unknown.join(', ')}; cases: ${CASE_NAMES.join(', ')}`);
  const connections = (process.env.BENCH_PEERS_CONNECTIONS?.trim() || '10,50').split(',').map((c) => Number(c));
  if (connections.some((c) => !Number.isInteger(c) || c < 1 || c > 200)) {
    throw new PeersError('BENCH_PEERS_CONNECTIONS must be whole numbers from 1 to 200, separated by commas');
  }
  return {
    databaseUrl: process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL,
    jsonFile,
    cases: names.length ? PEER_CASES.filter((c) => names.includes(c.name)) : PEER_CASES,
    rounds: intSetting('BENCH_PEERS_ROUNDS', 5, 1, 100),
    seconds: intSetting('BENCH_PEERS_SECONDS', 2, 1, 600),
    warmupSeconds: intSetting('BENCH_PEERS_WARMUP', 1, 0, 60),
    connections,
    poolSize: intSetting('BENCH_PEERS_POOL', 10, 1, 50),
    sqlSamples: intSetting('BENCH_PEERS_SQL_SAMPLES', 10, 1, 1000),
    institutions: intSetting('BENCH_INSTITUTIONS', 500, 0, 100_000),
    people: intSetting('BENCH_PEOPLE', 200_000, 0, 5_000_000),
    sessions: intSetting('BENCH_SESSIONS', 0, 0, 1_000_000),
    volunteers: intSetting('BENCH_VOLUNTEERS', 2_000, 1, 1_000_000),
  };
}

interface Server {
  side: Side;
  url: string;
  pid: number;
  counterPort: number;
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

/** Spawns a server process, its output into a log file; resolves once `ready()` says so. */
async function startServer(
  side: Side,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  url: string,
  counterPort: number,
  ready: () => Promise<boolean>,
): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), `eldercare-bench-${side}-`));
  const logFile = join(dir, `${side}.log`);
  const fd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, { cwd, env, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  const state: { exited: boolean; error: Error | null } = { exited: false, error: null };
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      state.exited = true;
      resolve();
    }),
  );
  child.once('error', (error) => (state.error = error));
  const logTail = (lines = 30) => {
    try {
      return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!state.exited && child.pid !== undefined) {
      child.kill('SIGTERM');
      const done = await Promise.race([exit.then(() => true), sleep(STOP_TIMEOUT_MS, false, { ref: false })]);
      if (!done) {
        child.kill('SIGKILL');
        await Promise.race([exit, sleep(STOP_TIMEOUT_MS, undefined, { ref: false })]);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  try {
    for (;;) {
      if (state.error) throw state.error;
      if (state.exited) throw new Error(`${side} exited during start-up`);
      if (await ready().catch(() => false)) break;
      if (Date.now() > deadline) throw new Error(`${side} was not ready within ${START_TIMEOUT_MS / 1000} s`);
      await sleep(250);
    }
  } catch (error) {
    const message = `${(error as Error).message}\n--- ${side} log (last lines) ---\n${logTail()}`;
    await stop();
    throw new PeersError(message);
  }
  return { side, url, pid: child.pid!, counterPort, logTail, stop };
}

interface Answer {
  status: number;
  data?: Record<string, unknown>;
  errors?: { message: string }[];
}

async function post(target: HttpTarget): Promise<Answer> {
  const res = await fetch(target.url, {
    method: 'POST',
    headers: target.headers,
    body: target.body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  try {
    return { status: res.status, ...(JSON.parse(text) as Omit<Answer, 'status'>) };
  } catch {
    throw new PeersError(`${target.url} answered ${res.status} with a body that is not JSON: ${preview(text)}`);
  }
}

async function login(url: string, username: string): Promise<string> {
  const answer = await post({
    url,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation ($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken } }',
      variables: { username, password: DEMO_PASSWORD },
    }),
  });
  const token = (answer.data?.login as { accessToken?: string } | null | undefined)?.accessToken;
  if (!token) {
    throw new PeersError(
      `login as ${username} failed (HTTP ${answer.status}): ${answer.errors?.map((e) => e.message).join('; ') ?? 'no token'}`,
    );
  }
  return token;
}

/** The user id a portal token carries (its `sub`), for PostGraphile's variables. */
function subjectOf(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sub?: string };
  if (!payload.sub) throw new PeersError('the portal token carries no subject');
  return payload.sub;
}

/** The same request for the portal and the raw server; PostGraphile's own operation, without a token. */
function targetFor(c: PeerCase, server: Server, tokens: Record<PeerCase['account'], string>): HttpTarget {
  if (server.side === 'postgraphile') {
    const variables = c.postgraphile.variables(subjectOf(tokens.volunteer));
    return {
      url: server.url,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(variables ? { query: c.postgraphile.query, variables } : { query: c.postgraphile.query }),
    };
  }
  return {
    url: server.url,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[c.account]}` },
    body: JSON.stringify(
      c.portal.variables ? { query: c.portal.query, variables: c.portal.variables } : { query: c.portal.query },
    ),
  };
}

function shapeOf(c: PeerCase, side: Side, data: Record<string, unknown>): unknown {
  if (side === 'portal') return c.portal.shape(data);
  if (side === 'postgraphile') return c.postgraphile.shape(data);
  return data;
}

async function sqlCalls(server: Server): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${server.counterPort}/`, { signal: AbortSignal.timeout(5_000) });
  return Number(await res.text());
}

/** SQL round trips per request: the server's pg query calls over `samples` requests sent one at a time. */
async function sqlPerRequest(target: HttpTarget, server: Server, samples: number): Promise<number> {
  const before = await sqlCalls(server);
  for (let i = 0; i < samples; i++) await post(target);
  // Work a request leaves behind (an audit line, say) is counted too.
  await sleep(50);
  return ((await sqlCalls(server)) - before) / samples;
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU time of a process (all its threads) so far, in ms, from /proc/<pid>/stat. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

interface Run {
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  cpuMs: number;
  failures: number;
}

async function measure(target: HttpTarget, server: Server, connections: number, seconds: number): Promise<Run> {
  const cpuBefore = cpuMs(server.pid);
  const stats: PortalStats = await measurePortal(target, { connections, seconds, warmupSeconds: 0 });
  const cpu = cpuMs(server.pid) - cpuBefore;
  return {
    reqPerSec: stats.requestsPerSecond,
    p50: stats.p50Ms,
    p99: stats.p99Ms,
    requests: stats.requests,
    cpuMs: cpu,
    failures: stats.errors + stats.non2xx + stats.badBodies,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export interface PeerResult {
  case: CaseName;
  connections: number;
  side: Side;
  reqPerSec: number;
  p50: number;
  p99: number;
  sqlPerRequest: number;
  cpuMsPerRequest: number;
}

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const rate = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');

function table(results: PeerResult[], cases: PeerCase[], connections: number[]): string {
  const find = (c: CaseName, n: number, side: Side) =>
    results.find((r) => r.case === c && r.connections === n && r.side === side);
  const header = ['case', 'conns'];
  for (const side of SIDES) {
    const name = side === 'postgraphile' ? 'PostGraphile' : side;
    header.push(`${name} req/s`, 'p50 ms', 'p99 ms', 'SQL/req', 'CPU ms/req');
  }
  header.push('portal/PG');
  const rows: string[][] = [];
  for (const c of cases) {
    for (const n of connections) {
      const row = [c.name, String(n)];
      for (const side of SIDES) {
        const r = find(c.name, n, side);
        if (!r) row.push('–', '–', '–', '–', '–');
        else
          row.push(
            rate(r.reqPerSec),
            fixed(r.p50, 2),
            fixed(r.p99, 2),
            fixed(r.sqlPerRequest, r.sqlPerRequest % 1 ? 1 : 0),
            fixed(r.cpuMsPerRequest, 2),
          );
      }
      const portal = find(c.name, n, 'portal');
      const peer = find(c.name, n, 'postgraphile');
      row.push(portal && peer ? `${fixed(portal.reqPerSec / peer.reqPerSec, 2)}x` : '–');
      if (row.slice(2).some((cell) => cell !== '–')) rows.push(row);
    }
  }
  return grid(header, rows);
}

function machine(): string {
  const list = cpus();
  return `${list.length} × ${list[0]?.model.trim() ?? 'unknown CPU'}, ${process.platform}-${process.arch}`;
}

export async function runPeers(argv: string[], root: string): Promise<number> {
  let s: Settings;
  try {
    s = settings(argv);
  } catch (error) {
    console.error(`bench --peers: ${(error as Error).message}`);
    return 1;
  }
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const log = (line: string) => process.stderr.write(`[${elapsed()}] ${line}\n`);
  const servers: Server[] = [];
  let portal: StartedPortal | undefined;
  let pool: pg.Pool | undefined;
  let interrupted = false;
  const stopAll = () => Promise.all([portal?.stop(), ...servers.map((x) => x.stop())]);
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping\n`);
    void stopAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const counter = pathToFileURL(join(root, 'bench', 'peers', 'sql-counter.mjs')).href;
  try {
    const cache = peersCache();
    log(`cache ${cache}; database ${redact(s.databaseUrl)}`);
    // Installing (network) runs while the portal starts and the database is seeded (this machine's PostgreSQL).
    const runtime = ensurePeerRuntime(cache, log);
    runtime.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile

    if (await ensureDatabase(s.databaseUrl)) log(`created database ${redact(s.databaseUrl)}`);
    const portalCounter = await freePort();
    portal = await startPortal(root, s.databaseUrl, {
      nodeArgs: ['--import', counter],
      env: { BENCH_SQL_COUNTER_PORT: String(portalCounter), DB_POOL_SIZE: String(s.poolSize) },
    });
    servers.push({
      side: 'portal',
      url: portal.url,
      pid: portal.pid,
      counterPort: portalCounter,
      logTail: portal.logTail,
      stop: portal.stop,
    });
    log(`portal ${portal.url} (pid ${portal.pid})`);

    pool = new pg.Pool({ connectionString: s.databaseUrl, max: 4, connectionTimeoutMillis: 10_000 });
    await ensureBenchData(pool, { ...s, needAdmin: false }, DEMO_PASSWORD);
    log('bench data in place');
    await pool.end();
    pool = undefined;

    const { node, modules, installSeconds } = await runtime;
    if (installSeconds > 1) log(`installed in ${installSeconds.toFixed(0)} s, alongside the start-up and seeding`);
    const common = { ...process.env, DATABASE_URL: s.databaseUrl, DB_POOL_SIZE: String(s.poolSize) };

    const rawPort = await freePort();
    const rawCounter = await freePort();
    servers.push(
      await startServer(
        'raw',
        process.execPath,
        ['--import', counter, join(root, 'dist', 'bench', 'peers', 'raw-server.js')],
        { ...common, PORT: String(rawPort), JWT_SECRET: BENCH_JWT_SECRET, BENCH_SQL_COUNTER_PORT: String(rawCounter) },
        root,
        `http://127.0.0.1:${rawPort}/graphql`,
        rawCounter,
        async () => (await fetch(`http://127.0.0.1:${rawPort}/health`)).status === 200,
      ),
    );
    const pglPort = await freePort();
    const pglCounter = await freePort();
    const pglUrl = `http://127.0.0.1:${pglPort}/graphql`;
    servers.push(
      await startServer(
        'postgraphile',
        node,
        ['--import', counter, join(root, 'bench', 'peers', 'postgraphile-server.mjs')],
        {
          ...common,
          NODE_ENV: 'production',
          GRAPHILE_ENV: 'production',
          PORT: String(pglPort),
          POSTGRAPHILE_MODULES: modules,
          BENCH_SQL_COUNTER_PORT: String(pglCounter),
          BENCH_SQL_COUNTER_FROM: modules,
        },
        modules,
        pglUrl,
        pglCounter,
        async () =>
          (
            await post({
              url: pglUrl,
              headers: { 'content-type': 'application/json' },
              body: '{"query":"{ __typename }"}',
            })
          ).status === 200,
      ),
    );
    const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
    log(`raw server and PostGraphile ${POSTGRAPHILE_PACKAGES.postgraphile} (Node ${nodeVersion}) up`);

    const tokens = {
      planner: await login(portal.url, PLANNER),
      volunteer: await login(portal.url, BENCH_VOLUNTEER_USERNAME),
    };

    // 1. Same answers on every side, and SQL round trips per request.
    const failures: { name: string; reason: string }[] = [];
    const sql = new Map<string, number>();
    const measured: PeerCase[] = [];
    for (const c of s.cases) {
      try {
        const sides = servers.filter((x) => x.side !== 'raw' || c.raw);
        const shapes = new Map<Side, unknown>();
        for (const server of sides) {
          const target = targetFor(c, server, tokens);
          const answer = await post(target);
          if (answer.status !== 200 || answer.errors?.length || !answer.data) {
            throw new PeersError(
              `${server.side} answered HTTP ${answer.status} ` +
                (answer.errors ? `with errors: ${answer.errors.map((e) => e.message).join('; ')}` : 'without data'),
            );
          }
          shapes.set(server.side, shapeOf(c, server.side, answer.data));
        }
        const reference = shapes.get('portal');
        for (const [side, shape] of shapes) {
          if (side === 'portal' || canonicalJson(shape) === canonicalJson(reference)) continue;
          const diff = differences(reference, shape, MAX_DIFFERENCES);
          throw new PeersError(
            `the portal and ${side} answers differ (the first ${diff.length}):\n` +
              diff
                .map((d) => `  at ${d.path}:\n    portal: ${preview(d.portal)}\n    ${side}: ${preview(d.sql)}`)
                .join('\n'),
          );
        }
        for (const server of sides) {
          sql.set(`${c.name}/${server.side}`, await sqlPerRequest(targetFor(c, server, tokens), server, s.sqlSamples));
        }
        measured.push(c);
        log(`case ${c.name}: the answers are equal on ${sides.map((x) => x.side).join(', ')}`);
      } catch (error) {
        if (interrupted) throw error;
        const reason = error instanceof PeersError ? error.message : String((error as Error).stack ?? error);
        failures.push({ name: c.name, reason });
        log(`case ${c.name}: FAILED\n${reason}`);
      }
    }

    // 2. Warm-up, then interleaved rounds.
    const plan: { c: PeerCase; connections: number; server: Server; target: HttpTarget }[] = [];
    for (const c of measured) {
      for (const connections of s.connections) {
        for (const server of servers) {
          if (server.side === 'raw' && !c.raw) continue;
          plan.push({ c, connections, server, target: targetFor(c, server, tokens) });
        }
      }
    }
    if (s.warmupSeconds > 0 && plan.length) {
      log(`warm-up: ${plan.length} × ${s.warmupSeconds} s`);
      for (const p of plan) await measure(p.target, p.server, p.connections, s.warmupSeconds);
    }
    const runs = new Map<string, Run[]>();
    const key = (c: CaseName, n: number, side: Side) => `${c}/${n}/${side}`;
    for (let round = 0; round < s.rounds && plan.length; round++) {
      log(`round ${round + 1} of ${s.rounds}: ${plan.length} × ${s.seconds} s`);
      for (const c of measured) {
        for (const connections of s.connections) {
          const group = plan.filter((p) => p.c === c && p.connections === connections);
          // The sides' order rotates from round to round, so that none always runs first (or after another).
          const order = group.map((_, i) => group[(i + round) % group.length]);
          for (const p of order) {
            const run = await measure(p.target, p.server, p.connections, s.seconds);
            const k = key(c.name, connections, p.server.side);
            runs.set(k, [...(runs.get(k) ?? []), run]);
          }
        }
      }
    }

    const results: PeerResult[] = [];
    const broken: string[] = [];
    for (const p of plan) {
      const k = key(p.c.name, p.connections, p.server.side);
      if (results.some((r) => key(r.case, r.connections, r.side) === k)) continue;
      const list = runs.get(k) ?? [];
      const requests = list.reduce((sum, r) => sum + r.requests, 0);
      const failed = list.reduce((sum, r) => sum + r.failures, 0);
      if (failed) broken.push(`${k}: ${failed} failed requests (errors, non-2xx or GraphQL errors)`);
      results.push({
        case: p.c.name,
        connections: p.connections,
        side: p.server.side,
        reqPerSec: median(list.map((r) => r.reqPerSec)),
        p50: median(list.map((r) => r.p50)),
        p99: median(list.map((r) => r.p99)),
        sqlPerRequest: sql.get(`${p.c.name}/${p.server.side}`) ?? NaN,
        cpuMsPerRequest: requests ? list.reduce((sum, r) => sum + r.cpuMs, 0) / requests : NaN,
      });
    }

    console.log(
      `portal (Node ${process.version}) vs PostGraphile ${POSTGRAPHILE_PACKAGES.postgraphile} (Node ${nodeVersion}, ` +
        `amber + connection filter ${POSTGRAPHILE_PACKAGES['postgraphile-plugin-connection-filter']}) vs raw node:http + pg; ` +
        `${new Date().toISOString().slice(0, 10)}, ${machine()}; medians of ${s.rounds} interleaved rounds of ` +
        `${s.seconds} s; pools of ${s.poolSize}\n`,
    );
    for (const c of s.cases) console.log(`${c.name}: ${c.title}`);
    console.log(`\n${table(results, measured, s.connections)}`);
    if (s.jsonFile) {
      writeFileSync(s.jsonFile, `${JSON.stringify(results, null, 2)}\n`);
      log(`wrote ${s.jsonFile}`);
    }
    for (const b of broken) console.error(b);
    if (failures.length) {
      console.error(`\n${failures.length} failed: ${failures.map((f) => f.name).join(', ')}`);
      for (const f of failures) console.error(`\n--- ${f.name} ---\n${f.reason}`);
    }
    if (broken.length || failures.length) {
      for (const server of servers) console.error(`--- ${server.side} log (last lines) ---\n${server.logTail(15)}`);
    }
    log('done');
    return broken.length || failures.length ? 1 : 0;
  } catch (error) {
    if (interrupted) return 130;
    const detail = error instanceof Error ? (process.env.BENCH_DEBUG === '1' ? error.stack : error.message) : error;
    console.error(`bench --peers failed: ${String(detail)}`);
    return 1;
  } finally {
    await pool?.end().catch(() => undefined);
    await stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
