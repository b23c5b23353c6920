#!/usr/bin/env node
// `npm test`: picks the database, prepares a migrated copy to clone, runs jest, cleans up.
//   TEST_DATABASE_URL set        -> that PostgreSQL server (an admin URL: the tests create and drop databases)
//   else 127.0.0.1:5432 answers  -> the local PostgreSQL server as postgres
//   else                         -> embedded PGlite, one instance per test file, restored from a migrated dump
// TEST_DB=pglite or TEST_DB=server forces a choice. Extra arguments go to jest (e.g. a path filter).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const root = new URL('..', import.meta.url).pathname;
const LOCAL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function answers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const migrationsHash = createHash('sha1');
for (const f of readdirSync(join(root, 'migrations'))
  .filter((f) => f.endsWith('.ts'))
  .sort())
  migrationsHash.update(f).update(readFileSync(join(root, 'migrations', f)));
const hash = migrationsHash.digest('hex').slice(0, 10);

let mode = process.env.TEST_DB;
let adminUrl = process.env.TEST_DATABASE_URL;
if (!mode) mode = adminUrl || (await answers(LOCAL)) ? 'server' : 'pglite';
if (mode === 'server') adminUrl ??= LOCAL;
else if (mode !== 'pglite') {
  console.error(`TEST_DB must be "server" or "pglite", got "${mode}"`);
  process.exit(2);
}

const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
const env = { TEST_DB_MODE: mode, TEST_RUN_ID: runId };
let prepared;
if (mode === 'server') {
  const safe = new URL(adminUrl);
  safe.password = safe.password ? '***' : '';
  console.log(`tests use: PostgreSQL server at ${safe.host} (${safe.toString()}), a database per test file`);
  const template = `eldercare_tpl_${hash}`;
  Object.assign(env, { TEST_DB_ADMIN_URL: adminUrl, TEST_DB_TEMPLATE: template });
  prepared = await run(process.execPath, ['--import', 'tsx', 'test/setup/prepare.ts', 'server', adminUrl, template]);
} else {
  console.log('tests use: embedded PostgreSQL (PGlite), one instance per test file restored from a migrated dump');
  const dump = join(root, 'node_modules', '.cache', 'eldercare-tests', `pglite-${hash}.tar`);
  Object.assign(env, { TEST_PGLITE_DUMP: dump });
  prepared = await run(process.execPath, ['--import', 'tsx', 'test/setup/prepare.ts', 'pglite', dump]);
}
if (prepared !== 0) {
  console.error('could not prepare the test database');
  process.exit(prepared);
}

const jestArgs = ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--config', 'jest.config.mjs'];
// Two workers suit a 2-core machine; flags that run in band (or set workers) win.
const extra = process.argv.slice(2);
if (!extra.some((a) => /^(-i|--runInBand|--detectOpenHandles|--maxWorkers|-w)/.test(a)))
  jestArgs.push('--maxWorkers=2');
const code = await run(process.execPath, [...jestArgs, ...extra], {
  ...env,
  NODE_OPTIONS: '--no-warnings',
});

if (mode === 'server') {
  // Each file drops its own database; this catches the ones a crashed worker left behind.
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
    `eldercare_t_${runId}_%`,
  ]);
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.end();
}
console.log(`tests used: ${mode === 'server' ? 'PostgreSQL server' : 'embedded PGlite'}`);
process.exit(code);
