import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/** Fixed secrets for the bench portal: it only ever holds demo and synthetic data. */
export const BENCH_JWT_SECRET = 'eldercare-bench-jwt-secret-not-for-production-0123456789';
const BENCH_PII_KEY = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;

/** A port nobody listens on right now: bind port 0 on loopback, read it, let it go. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates the database named in `databaseUrl` when it does not exist yet (connecting to `postgres` on the same server). */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new Error(`DATABASE_URL names no database: ${redact(databaseUrl)}`);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 10_000 });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    } catch (error) {
      // Someone else created it meanwhile: just as good.
      if ((error as { code?: string }).code !== '42P04') throw error;
      return false;
    }
    return true;
  } finally {
    await admin.end();
  }
}

/** A connection string without its password, for messages. */
export function redact(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable URL)';
  }
}

export interface StartedPortal {
  /** The GraphQL endpoint. */
  url: string;
  /** The portal's process id (its CPU time is in /proc/<pid>/stat). */
  pid: number;
  /** Last lines of the portal's log, for error messages. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

/**
 * Starts `node dist/src/main.js` from `root` against `databaseUrl` on a free loopback port, with demo data, query
 * counting and fixed bench secrets; resolves once `GET /health/ready` answers 200. Its log goes to a file in a
 * temporary DATA_DIR (not through this process, so reading it costs the benchmark nothing). `options` adds Node
 * flags (before the script) and environment variables.
 */
export async function startPortal(
  root: string,
  databaseUrl: string,
  options: { nodeArgs?: string[]; env?: Record<string, string> } = {},
): Promise<StartedPortal> {
  const main = join(root, 'dist', 'src', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'eldercare-bench-'));
  const logFile = join(dataDir, 'portal.log');
  const logFd = openSync(logFile, 'a');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;

  let child: ChildProcess;
  try {
    child = spawn(process.execPath, [...(options.nodeArgs ?? []), main], {
      cwd: root,
      stdio: ['ignore', logFd, logFd],
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        SEED_DEMO: 'true',
        MIGRATE_ON_START: 'true',
        EXPOSE_QUERY_COUNT: 'true',
        NODE_ENV: 'development',
        JWT_SECRET: BENCH_JWT_SECRET,
        PII_KEY: BENCH_PII_KEY,
        DATA_DIR: dataDir,
        ...options.env,
      },
    });
  } finally {
    closeSync(logFd); // the child has its own copy
  }

  // Set from event handlers (an object, so control-flow narrowing does not assume they stay null).
  const state: { exited: { code: number | null; signal: string | null } | null; spawnError: Error | null } = {
    exited: null,
    spawnError: null,
  };
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      state.exited = { code, signal };
      resolve();
    });
  });
  child.once('error', (error) => (state.spawnError = error));

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
      const killed = await Promise.race([exit.then(() => true), sleep(STOP_TIMEOUT_MS, false, { ref: false })]);
      if (!killed) {
        child.kill('SIGKILL');
        await Promise.race([exit, sleep(STOP_TIMEOUT_MS, undefined, { ref: false })]);
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (state.spawnError) throw state.spawnError;
      if (state.exited) {
        const { code, signal } = state.exited;
        throw new Error(`the portal exited during start-up (code ${code}, signal ${signal})`);
      }
      try {
        const res = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(2_000) });
        await res.arrayBuffer();
        if (res.status === 200) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the portal was not ready within ${START_TIMEOUT_MS / 1000} s`);
      await sleep(250);
    }
  } catch (error) {
    const message = `${(error as Error).message}\n--- portal log (last lines) ---\n${logTail()}`;
    await stop();
    throw new Error(message, { cause: error });
  }

  return { url: `${base}/graphql`, pid: child.pid!, logTail, stop };
}
