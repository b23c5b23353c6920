#!/usr/bin/env node
// `npm run pages:measure-upload`: how long a 5,000-row staff spreadsheet takes on /institution/import, measured
// (not asserted by any test). Starts the built portal on a fresh embedded database with the demo data, signs in
// as a new care home's admin, and for each run chooses a new 5,000-row .xlsx (new people: nothing is skipped) and
// reads the page's performance marks: `upload-chosen` (the file chosen) -> `upload-checked` (every row checked in
// the browser and by the API's dry run, the table on screen) -> after 提交 and 确认, `upload-written`.
// Run `npm run build` first. MEASURE_RUNS (default 3) and MEASURE_ROWS (default 5000) set the runs and rows.
/* global localStorage, performance -- the callbacks of page.evaluate run in the browser */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import ExcelJS from 'exceljs';

const root = new URL('../..', import.meta.url).pathname;
const runs = Number(process.env.MEASURE_RUNS ?? 3);
const rows = Number(process.env.MEASURE_ROWS ?? 5000);

const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});
const base = `http://127.0.0.1:${port}`;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
let serial = Math.floor(Math.random() * 1000);
/** Distinct checksum-valid ID numbers (Wanzhou, born 1960-1999), a new one each call. */
function idNumber() {
  serial += 1;
  const day = new Date(Date.UTC(1960, 0, 1) + (serial % 14_600) * 86_400_000).toISOString().slice(0, 10);
  const body = `500101${day.replace(/-/g, '')}${String(Math.floor(serial / 14_600) % 1000).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * WEIGHTS[i];
  return body + '10X98765432'[sum % 11];
}
const GIVEN = '安宝昌德恩芳光海红华佳建杰静俊兰丽玲敏明娜宁平强琴秋荣瑞桂淑婷伟文霞香欣秀雪燕英玉云珍志';
const name = (i) => `量${GIVEN[i % GIVEN.length]}${GIVEN[Math.floor(i / GIVEN.length) % GIVEN.length]}`;
const OCCUPATIONS = ['养老护理员', '养老护理员', '养老护理员', '社会工作者', '护士', '康复治疗人员', '管理人员'];

async function staffFile() {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人员登记');
  sheet.addRow(['姓名', '身份证号', '手机号', '岗位', '用工形式', '入职日期', '学历']);
  for (let i = 0; i < rows; i++) {
    sheet.addRow([
      name(i),
      idNumber(),
      null,
      OCCUPATIONS[i % OCCUPATIONS.length],
      i % 5 ? '全职' : '兼职',
      '2024-03-01',
      '中职',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

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
  const login = async (u, p) =>
    (
      await gql(
        'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken user { id username role regionCode institutionId evaluationBodyId mustChangePassword } } }',
        { u, p },
      )
    ).login;
  const session = await login('institution-admin', 'demo-password');

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await context.addInitScript(
    (value) => localStorage.setItem('eldercare.session', value),
    JSON.stringify({ token: session.accessToken, user: session.user }),
  );
  const page = await context.newPage();
  const mark = (name) =>
    page
      .waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout: 300_000, polling: 50 })
      .then(() => page.evaluate((n) => performance.getEntriesByName(n)[0].startTime, name));
  const checked = [];
  const written = [];
  const stages = [];
  for (let run = 0; run < runs; run++) {
    const file = await staffFile();
    await page.goto(`${base}/institution/import`);
    await page.getByLabel('选择文件').setInputFiles({
      name: `staff-${rows}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    const chosen = await mark('upload-chosen');
    const ready = await mark('upload-checked');
    const read = await mark('upload-read');
    const local = await mark('upload-local');
    const summary = await page.locator('.upload-status').innerText();
    if (!summary.includes('全部无误')) throw new Error(`the check found problems: ${summary}`);
    await page.getByRole('button', { name: /^\s*提\s*交\s*$/ }).click();
    const clicked = await page.evaluate(() => performance.now());
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^\s*确\s*认\s*$/ })
      .click();
    const done = await mark('upload-written');
    checked.push(ready - chosen);
    stages.push([read - chosen, local - read, ready - local]);
    written.push(done - clicked);
    console.log(
      `run ${run + 1}: chosen -> checked table ${Math.round(ready - chosen)} ms; 提交 -> written ${Math.round(done - clicked)} ms`,
    );
  }
  await browser.close();
  const median = (values) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]);
  console.log(`\n${rows}-row staff .xlsx on /institution/import (load average ${loadavg()[0].toFixed(1)}):`);
  console.log(
    `  choosing the file -> the checked table (read, checked here, API dry run): median ${median(checked)} ms`,
  );
  console.log(
    `    of which: reading the file ${median(stages.map((x) => x[0]))} ms, checking rows here ${median(stages.map((x) => x[1]))} ms, the API's dry run and the table ${median(stages.map((x) => x[2]))} ms`,
  );
  console.log(`  提交 -> written (the confirmation dialog's time excluded): median ${median(written)} ms`);
  console.log(
    `  choosing the file -> written, without the clerk's clicks: median ${median(checked.map((c, i) => c + written[i]))} ms`,
  );
} finally {
  await stopPortal();
}
