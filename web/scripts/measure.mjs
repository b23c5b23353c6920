#!/usr/bin/env node
// `npm run pages:measure`: what the README states about the pages, measured (not asserted by any test).
//   1. The JavaScript and CSS of the sign-in page, gzip and brotli (web/scripts/route-size.mjs).
//   2. The planners' dashboard on the demo data: from navigation start to its figures on screen (the page's
//      performance mark `dashboard-figures`), with an empty browser cache and with a warm one, and the API's
//      `planningDashboard` alone for comparison. Starts the built portal on a fresh embedded database itself.
// Run `npm run build` first. MEASURE_RUNS (default 7) sets the runs per case.
/* global localStorage, performance -- the callbacks of page.evaluate and addInitScript run in the browser */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { chromium } from '@playwright/test';

const root = new URL('../..', import.meta.url).pathname;
const runs = Number(process.env.MEASURE_RUNS ?? 7);

const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});
const base = `http://127.0.0.1:${port}`;

function run(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

console.log('Sign-in page (what a browser downloads to show /login):');
await run(process.execPath, ['web/scripts/route-size.mjs', 'src/pages/public/login-page.tsx']);
console.log('Planners’ dashboard page, then with the charts it loads after its figures:');
await run(process.execPath, [
  'web/scripts/route-size.mjs',
  'src/pages/planning/dashboard-page.tsx',
  'src/pages/planning/dashboard-page.tsx+src/components/chart.tsx',
]);

const started = Date.now();
const portal = spawn(process.execPath, ['web/e2e/start-portal.mjs'], {
  cwd: root,
  env: { ...process.env, PORT: String(port) },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stopPortal = () =>
  new Promise((resolve) => {
    if (portal.exitCode !== null) return resolve();
    portal.on('exit', resolve);
    portal.kill('SIGTERM');
  });

try {
  while (
    !(await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (portal.exitCode !== null || Date.now() - started > 180_000) throw new Error('the portal did not start');
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(
    `\nPortal on a fresh embedded database with the demo data, ready after ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  const gql = async (query, variables, token) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const login = await gql(
    'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken user { id username role regionCode institutionId evaluationBodyId mustChangePassword } } }',
    { u: 'planner', p: 'demo-password' },
  );
  const session = { token: login.login.accessToken, user: login.login.user };

  const stats = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `median ${Math.round(sorted[Math.floor(sorted.length / 2)])} ms (min ${Math.round(sorted[0])}, max ${Math.round(sorted[sorted.length - 1])}, ${values.length} runs)`;
  };

  // The API alone: the dashboard query the page sends, as the page sends it.
  const { readFileSync } = await import('node:fs');
  const query = readFileSync(new URL('../src/pages/planning/dashboard.graphql', import.meta.url), 'utf8');
  const api = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await gql(query, {}, session.token);
    api.push(performance.now() - t0);
  }

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const figuresAfter = async (page) => {
    await page.waitForFunction(() => performance.getEntriesByName('dashboard-figures').length > 0, null, {
      timeout: 60_000,
    });
    return page.evaluate(() => performance.getEntriesByName('dashboard-figures')[0].startTime);
  };
  const cold = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addInitScript((value) => localStorage.setItem('eldercare.session', value), JSON.stringify(session));
    const page = await context.newPage();
    await page.goto(`${base}/planning`);
    cold.push(await figuresAfter(page));
    await context.close();
  }
  const warm = [];
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await context.addInitScript((value) => localStorage.setItem('eldercare.session', value), JSON.stringify(session));
  const page = await context.newPage();
  await page.goto(`${base}/planning`);
  await figuresAfter(page);
  for (let i = 0; i < runs; i++) {
    await page.reload();
    warm.push(await figuresAfter(page));
  }
  await browser.close();

  const { loadavg } = await import('node:os');
  console.log(`\nPlanners’ dashboard, municipal planner, today, demo data (load average ${loadavg()[0].toFixed(1)}):`);
  console.log(`  API planningDashboard alone:                 ${stats(api)}`);
  console.log(`  page, empty cache: navigation to figures:    ${stats(cold)}`);
  console.log(`  page, warm cache (reload): navigation to figures: ${stats(warm)}`);
  console.log("  (figures: the page's performance mark once every card shows the API's numbers; charts draw after)");
} finally {
  await stopPortal();
}
