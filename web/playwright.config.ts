// Browser tests of the pages (`npm run test:pages`) and the README's screenshots (`npm run screenshots`), in
// Debian's Chromium against the built portal on a fresh embedded database with the demo data.
import { createServer } from 'node:net';
import { defineConfig, devices } from '@playwright/test';

/** A free port, chosen once: the workers inherit it through the environment. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

process.env.PAGES_TEST_PORT ??= String(await freePort());
const port = Number(process.env.PAGES_TEST_PORT);
const screenshots = process.env.SCREENSHOTS === '1';

export default defineConfig({
  testDir: 'e2e',
  testMatch: screenshots ? '*screenshots.ts' : '*.test.ts',
  fullyParallel: false,
  workers: Number(process.env.PAGES_TEST_WORKERS ?? 2),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: '../tmp-pages-results',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // Ant Design's animations are off (as for anyone who asks for less motion): nothing waits on a transition.
    reducedMotion: 'reduce',
    viewport: { width: 1366, height: 900 },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: 'node web/e2e/start-portal.mjs',
    cwd: '..',
    url: `http://127.0.0.1:${port}/health/ready`,
    env: { PORT: String(port) },
    timeout: 180_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
