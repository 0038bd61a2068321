import { chromium } from 'playwright-core';
import { startBrowserMode, login, rpc } from './browser.ts';
import { findChromium } from '../../electron/printing/chromium-printer.ts';
const shot = process.argv[2];
const web = await startBrowserMode('/tmp/reportsfast/county-20000-3-100000.db', 5337);
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'], headless: true });
try {
  await login(web);
  const t = Date.now();
  const b = (await rpc(web, 'reports:batch', { period: '2017-12' })) as { rows: unknown[] };
  console.log(`reports:batch alone (core + JSON over loopback): ${Date.now() - t} ms, ${b.rows.length} rows`);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(`${web.url}#/settings`);
  await page.getByRole('menuitem', { name: '月报填报' }).waitFor({ timeout: 60_000 });
  for (let i = 0; i < 2; i++) {
    if (i) { await page.getByRole('menuitem', { name: '系统设置' }).click().catch(() => page.evaluate(() => { location.hash = '#/settings'; })); await page.waitForTimeout(1000); }
    const t0 = Date.now();
    await page.getByRole('menuitem', { name: '月报填报' }).click();
    await page.locator('.ant-table-row').first().waitFor({ timeout: 90_000 });
    const shown = Date.now() - t0;
    console.log(`run ${i}: sidebar click → first row visible ${shown} ms; rows in DOM ${await page.locator('.ant-table-row').count()}`);
  }
  if (shot) { await page.waitForTimeout(500); await page.screenshot({ path: shot }); }
} finally { await browser.close(); web.child.kill(); }
