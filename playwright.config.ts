import { randomBytes } from 'node:crypto';
import { defineConfig } from '@playwright/test';

// E2E runs the built renderer in Debian's Chromium (no browser download) against the loopback
// harness, which answers with the same handleCall as Electron main over a temp SQLite database.
const basePort = Number(process.env.E2E_PORT ?? 5190);
/**
 * Spec files run in parallel, each worker against a harness of its own (its own temp ledger, which the specs reset
 * freely): worker i talks to the server on E2E_PORT + i. The config is evaluated again in each worker after
 * Playwright has set TEST_PARALLEL_INDEX (0 … workers − 1, kept by a worker that replaces a failed one), so
 * baseURL below is the worker's own server. Set the worker count with E2E_WORKERS, not --workers, so that there
 * are as many servers as workers. Two fit the two cores here: Chromium and the harness of one spec file then
 * run while the other's wait.
 */
const workers = Math.max(1, Number(process.env.E2E_WORKERS ?? 2));
const port = basePort + Number(process.env.TEST_PARALLEL_INDEX ?? 0);
// The harness checks a token like browser mode does. The config is evaluated again in each worker, which
// inherits this process's environment, so the runner's token is the one every worker sends.
process.env.E2E_TOKEN ??= randomBytes(24).toString('hex');
const token = process.env.E2E_TOKEN;
// One clock for the three processes, as on the clerk's PC: the page (Chromium), the harness (the core's "today" for
// 晚于今天, 序时进度) and the spec's own expectations. Left to the machine's zone (UTC here), from 16:00 to midnight
// UTC the page lived in tomorrow and a spec counted 已逾期 one day short. Workers and the harnesses inherit it.
process.env.TZ ??= 'Asia/Shanghai';
const timezoneId = process.env.TZ;

export default defineConfig({
  testDir: 'tests',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  workers,
  // A hang guard, not a speed check: the longest specs take about 30 s on a good day, and this machine has had days
  // twice as slow (the unit tests' 20,000-project paging went from 22 to over 30 s).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results/e2e',
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // Pages, their fetches and page.request all carry it, the way the launch URL's cookie does for a clerk.
    extraHTTPHeaders: { 'X-Town-Ledger-Token': token },
    locale: 'zh-CN',
    timezoneId,
    reducedMotion: 'reduce', // the app then drops antd's dialog animations (see renderer/src/main.tsx)
    headless: true,
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: Array.from({ length: workers }, (_, i) => ({
    command: `node --import tsx tests/harness/core-server.ts --port ${basePort + i}`,
    env: { E2E_TOKEN: token },
    // Without the token every path answers 403, which Playwright counts as "listening".
    url: `http://127.0.0.1:${basePort + i}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    // Stopped as Ctrl+C stops it, not killed: the harness then removes its data folder and ends its kept PDF browser
    // (killed, both stayed behind in the temp folder run after run).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  })),
});
