#!/usr/bin/env node
// Starts the built portal the way a new user does (`npm start` without DATABASE_URL: embedded PGlite in a fresh
// data folder, migrations, demo data) for the browser tests and screenshots, and deletes the folder when stopped.
//   PORT=3190 node web/e2e/start-portal.mjs
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
for (const built of ['dist/src/main.js', 'dist/web/index.html']) {
  if (!existsSync(join(root, built))) {
    console.error(`start-portal: ${built} is missing; run npm run build first`);
    process.exit(1);
  }
}
const dataDir = mkdtempSync(join(process.env.PAGES_DATA_PARENT ?? tmpdir(), 'eldercare-pages-'));
const env = {
  ...process.env,
  NODE_ENV: 'development',
  DATA_DIR: dataDir,
  PORT: process.env.PORT ?? '3190',
  HOST: '127.0.0.1',
  // Each browser test sends its own X-Forwarded-For, so that one test's sign-ins and verifications do not use up
  // another's rate limits.
  TRUST_PROXY: '1',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};
for (const key of ['DATABASE_URL', 'JWT_SECRET', 'PII_KEY', 'SEED_DEMO', 'MIGRATE_ON_START']) delete env[key];

const child = spawn(process.execPath, ['dist/src/main.js'], { cwd: root, env, stdio: 'inherit' });
let stopping = false;
const cleanUp = () => rmSync(dataDir, { recursive: true, force: true });
child.on('exit', (code, signal) => {
  cleanUp();
  process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    stopping = true;
    if (child.exitCode === null) child.kill('SIGTERM');
  });
}
