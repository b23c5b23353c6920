#!/usr/bin/env node
// Boots the built portal the way a new user does (`npm start` with no DATABASE_URL: embedded PGlite in a fresh
// data folder, migrations, demo data), signs in as the demo planner, queries `regions` over HTTP, then stops it.
// Prints how long the first start took. Used by .ci/run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'eldercare-smoke-'));
const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), NODE_ENV: 'development' };
for (const k of ['DATABASE_URL', 'JWT_SECRET', 'PII_KEY', 'SEED_DEMO']) delete env[k];
const started = Date.now();
const child = spawn(process.execPath, ['dist/src/main.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
let output = '';
child.stdout.on('data', (d) => (output += d));
const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

async function fail(message) {
  console.error(`smoke: ${message}\n--- portal output ---\n${output.slice(-4000)}`);
  child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
}

const base = `http://127.0.0.1:${port}`;
let ready = false;
while (!ready && Date.now() - started < 90_000) {
  if (child.exitCode !== null) await fail(`portal exited with ${child.exitCode} before it was ready`);
  ready = await fetch(`${base}/health/ready`).then(
    (r) => r.ok,
    () => false,
  );
  if (!ready) await new Promise((r) => setTimeout(r, 250));
}
if (!ready) await fail('portal not ready within 90 s');
const firstStart = (Date.now() - started) / 1000;

const gql = async (query, variables, token) => {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
};
const login = await gql('mutation($u:String!,$p:String!){ login(username:$u, password:$p){ accessToken } }', {
  u: 'planner',
  p: 'demo-password',
});
const token = login.data?.login?.accessToken;
if (!token) await fail(`demo login failed: ${JSON.stringify(login)}`);
const regions = await gql('{ regions { code nameZh kind population(year: 2020) { total olderAdults } } }', {}, token);
const count = regions.data?.regions?.length;
if (count !== 41) await fail(`expected 41 regions, got ${JSON.stringify(regions).slice(0, 500)}`);

child.kill('SIGTERM');
const { code } = await exited;
rmSync(dataDir, { recursive: true, force: true });
if (code !== 0) {
  console.error(`smoke: portal exited with ${code} on SIGTERM`);
  process.exit(1);
}
console.log(
  `smoke: first start on embedded PGlite with demo data ready in ${firstStart.toFixed(1)} s; regions: ${count}; clean stop`,
);
