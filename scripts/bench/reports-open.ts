/**
 * Opening 月报填报 on a county ledger: the core's share (reports:batch, the whole batch and the first page the sheet
 * reads) and, in Chromium, the sidebar click → the first 月报 rows painted, measured in the page as the main bench
 * does (browser.ts openPage), from the resting page each time. Needs the built renderer (`npx vite build`).
 *   tsx scripts/bench/reports-open.ts [--db FILE] [--port 5337] [--runs 5] [--shot FILE.png]
 */
import { chromium } from 'playwright-core';
import { flagString, parseArgs } from '../../electron/cli/args.ts';
import { findChromium } from '../../electron/printing/chromium-printer.ts';
import { login, openPage, PAGES, rpc, startBrowserMode } from './browser.ts';

const args = parseArgs(process.argv.slice(2), { values: ['db', 'port', 'runs', 'shot'], switches: [] });
const db = flagString(args, 'db') ?? '/tmp/reportsfast/county-20000-3-100000.db';
const port = Number(flagString(args, 'port') ?? 5337);
const runs = Number(flagString(args, 'runs') ?? 5);
const shot = flagString(args, 'shot');
const spec = PAGES.find((p) => p.label === '月报填报')!;

const web = await startBrowserMode(db, port);
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: ['--no-sandbox', '--disable-gpu'],
  headless: true,
});
try {
  await login(web);
  const { period } = (await rpc(web, 'periods:current', {})) as { period: string };
  let t = Date.now();
  const b = (await rpc(web, 'reports:batch', { period })) as { rows: unknown[] };
  console.log(
    `reports:batch, the whole batch (core + JSON over loopback): ${Date.now() - t} ms, ${b.rows.length} rows`,
  );
  t = Date.now();
  try {
    const p = (await rpc(web, 'reports:batch', { period, page: { offset: 0, limit: 30 }, ids: true })) as {
      ids: number[];
    };
    console.log(`reports:batch, the first page the sheet reads (30 rows + ${p.ids.length} ids): ${Date.now() - t} ms`);
  } catch {
    console.log('reports:batch has no pages in this build');
  }
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.addInitScript('globalThis.__name = (f) => f;'); // tsx's __name helper inside page.evaluate bodies
  await page.goto(`${web.url}#/settings`);
  await page.locator('.ant-layout-sider .ant-menu-item').first().waitFor({ timeout: 60_000 });
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push(Math.round(await openPage(page, spec)));
  const sorted = [...ms].sort((x, y) => x - y);
  console.log(
    `sidebar click → first 月报 rows painted (${period}): ${ms.join(', ')} ms; median ${sorted[Math.floor(sorted.length / 2)]} ms; rows in DOM ${await page.locator('[aria-label="月报填报表格"] .lg-body [role="row"]').count()}`,
  );
  if (shot) {
    await page.waitForTimeout(500);
    await page.screenshot({ path: shot });
  }
} finally {
  await browser.close();
  web.child.kill();
}
