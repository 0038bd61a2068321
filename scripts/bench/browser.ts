/**
 * The pages in Chromium over a real database: starts browser mode on a copy of the file, logs in an operator,
 * opens #/ledger and reads the renderer's own performance marks (ledger:open = mount → first rows painted),
 * then times a keystroke in the search box to the filtered rows painted, and the frame times while scrolling;
 * then, for each main page, the sidebar click → the page's first meaningful content painted (PAGES).
 * Needs the built renderer (`npx vite build`).
 *   tsx scripts/bench/browser.ts --db FILE [--port 5208] [--runs 3] [--page-runs 3] [--pages 资金到位与拨付,打印]
 * --pages measures only those pages (sidebar labels); --runs 0 skips the ledger's reopenings and keystrokes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { flagString, parseArgs } from '../../electron/cli/args.ts';
import { findChromium } from '../../electron/printing/chromium-printer.ts';

export interface BrowserSample {
  /** The route change to the ledger (sidebar click) → first rows painted, per run. */
  firstRowsFromNavMs: number[];
  /** The renderer's ledger:open measure (page mounted → first rows painted), per run. */
  openMs: number[];
  /** keydown in the search box → filtered rows painted, per run. */
  keystrokeMs: number[];
  /** requestAnimationFrame intervals while scrolling the virtual grid. */
  frameMs: number[];
  rowsShown: number;
  /** The very first open, which also loads the app (scripts, styles, the operator check). */
  firstLoad?: { fromNav: number; open: number };
  /** Each page of PAGES: sidebar click → its content painted. */
  pages: PageSample[];
}

export interface PageSample {
  label: string;
  content: string;
  /** The first open of the page since browser mode started (the core may compute its figures then). */
  firstMs: number;
  /** The opens after it, each from another page through the sidebar. */
  ms: number[];
  /** The page showed nothing within PAGE_TIMEOUT_MS: the open given up on (its figure is the time waited). */
  timedOut: boolean;
}

/** How long one open is waited for; a page still rendering then is given up on, its tab closed and a new one opened. */
export const PAGE_TIMEOUT_MS = 30_000;

/**
 * The main pages and what counts as each one's first meaningful content: the data the clerk came for, drawn
 * (not the page's frame, a spinner or a skeleton). The ledger has its own marks (ledger:open) and is measured
 * above. A table's data rows are antd's `tr.ant-table-row` (the empty placeholder and the measure row are not), or
 * `tr.pt-row` in the plain tables (components/PlainTable.tsx: 红黄绿灯, 资金).
 */
export interface PageSpec {
  /** The sidebar label (nav.tsx). */
  label: string;
  /** What is waited for, in words (the row's name). */
  content: string;
  selector: string;
  /** The selector matches an iframe whose document must have been loaded with content (the print preview). */
  frame?: boolean;
}

export const PAGES: PageSpec[] = [
  { label: '总览', content: '总览数字', selector: '.ant-layout-content .ant-statistic-content-value' },
  // The 月报 sheet is windowed (components/sheet/WindowedGrid.tsx): a row counts once its project's name is drawn
  // (rows not read yet show 读取中…).
  {
    label: '月报填报',
    content: '首批月报行',
    selector: '.ant-layout-content [aria-label="月报填报表格"] .lg-body [role="row"] .cell-name',
  },
  { label: '红黄绿灯', content: '首批灯色行', selector: '.ant-layout-content tbody tr.pt-row' },
  { label: '资金到位与拨付', content: '分项目资金行', selector: '[data-testid="funds-projects"] tbody tr.pt-row' },
  // The county database has no 督办单: the list's answer is then its empty text, shown once the list stopped loading.
  {
    label: '督办',
    content: '督办单列表',
    selector:
      '.ant-layout-content .ant-table-wrapper:not(:has(.ant-spin-spinning)) :is(.ant-table-tbody tr.ant-table-row, .ant-table-placeholder)',
  },
  { label: '打印', content: '预览文档', selector: '.ant-layout-content iframe[title="打印预览"]', frame: true },
  { label: '报表导出', content: '报表选择框', selector: '.ant-layout-content .ant-card .ant-select-selection-item' },
];
/** Where each page is left for before it is opened again: a page without tables, figures or a preview. */
const RESTING_PAGE = '导入台账';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Running {
  child: ChildProcess;
  port: number;
  token: string;
  url: string;
  dataDir: string;
}

/**
 * Browser mode as a clerk starts it, over a copy of the database in a temp folder (browser mode keeps its
 * ledger as DIR/town-ledger.db and writes its daily backup beside it). The one stdout line gives the URL.
 */
export async function startBrowserMode(dbFile: string, port: number): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'town-ledger-bench-web-'));
  // With its anchor (the seals' key, row-seal.ts), as the app finds its own file: without it every row is sealed
  // afresh at start-up, which on the county database takes longer than the wait below.
  for (const suffix of ['', '-wal', '.anchor'])
    if (existsSync(dbFile + suffix)) copyFileSync(dbFile + suffix, join(dataDir, `town-ledger.db${suffix}`));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/web/index.ts', '--data', dataDir, '--port', String(port), '--no-open'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (err += String(d)));
  // Five minutes: opening the county database checks it and its seals, slow on a busy machine.
  for (let i = 0; i < 3000; i++) {
    if (child.exitCode !== null) throw new Error(`浏览器方式未能启动：${err}`);
    const m = /^URL: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))$/m.exec(out);
    if (m) return { child, url: m[1]!, port: Number(m[2]), token: m[3]!, dataDir };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`浏览器方式 5 分钟内未就绪：${err}`);
}

export async function rpc(web: Running, channel: string, input: unknown): Promise<unknown> {
  const r = (await (
    await fetch(`http://127.0.0.1:${web.port}/rpc/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-town-ledger-token': web.token },
      body: JSON.stringify(input),
    })
  ).json()) as { ok: boolean; data: unknown; error?: unknown };
  if (!r.ok) throw new Error(`${channel}：${JSON.stringify(r.error)}`);
  return r.data;
}

/**
 * Every launch starts signed out: a ledger without a 管理员 gets the bench one through the first run (which
 * signs it in), otherwise the bench operator signs in with its password.
 */
export async function login(web: Running): Promise<void> {
  const password = '性能测试2017';
  const info = (await rpc(web, 'app:info', {})) as { needsAdmin: boolean; townName: string | null };
  if (info.needsAdmin) {
    await rpc(web, 'app:onboard', {
      mode: 'empty',
      townName: info.townName ?? '性能测试镇',
      fiscalYear: 2017,
      adminName: '性能测试员',
      adminPassword: password,
    });
    return;
  }
  const list = (await rpc(web, 'operators:list', {})) as { id: number; name: string }[];
  const op = list.find((o) => o.name === '性能测试员');
  if (!op) throw new Error('台账已有管理员，但没有“性能测试员”：请用临时副本测量');
  await rpc(web, 'session:login', { operatorId: op.id, password });
}

const bodyRows = (page: Page) => page.locator('.ledger-grid .lg-body > [role=row]');

/** The launch URL (it sets the session cookie and redirects, keeping the #/ledger route) loads the app. */
async function openLedger(page: Page, launchUrl: string): Promise<{ fromNav: number; open: number }> {
  await page.goto(`${launchUrl}#/ledger`);
  return ledgerMarks(page);
}

/** The clerk's way in once the app is running: from another page through the sidebar (a route change, no reload). */
async function reopenLedger(page: Page): Promise<{ fromNav: number; open: number }> {
  await page.evaluate(() => {
    location.hash = '#/settings';
  });
  await page.waitForFunction(() => !document.querySelector('input[aria-label="搜索项目"]'));
  const t0 = await page.evaluate(() => {
    performance.clearMarks();
    performance.clearMeasures();
    const now = performance.now();
    location.hash = '#/ledger';
    return now;
  });
  const t = await ledgerMarks(page);
  return { ...t, fromNav: t.fromNav - t0 };
}

async function ledgerMarks(page: Page): Promise<{ fromNav: number; open: number }> {
  await page.waitForFunction(() => performance.getEntriesByName('ledger:open').length > 0, null, { timeout: 180_000 });
  return page.evaluate(() => ({
    fromNav: performance.getEntriesByName('ledger:first-rows')[0]!.startTime,
    open: performance.getEntriesByName('ledger:open')[0]!.duration,
  }));
}

/** keydown (captured in the page) → the grid's rows change → the next frame is painted. */
async function keystroke(page: Page, prefix: string, last: string): Promise<number> {
  const box = page.getByLabel('搜索项目');
  await box.fill('');
  await box.fill(prefix);
  await page.waitForTimeout(500);
  const watch = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const input = document.querySelector('input[aria-label="搜索项目"]')!;
        const grid = document.querySelector('.ledger-grid .lg-body')!;
        const before = grid.textContent;
        let t0 = 0;
        input.addEventListener(
          'keydown',
          () => {
            t0 = performance.now();
          },
          { capture: true, once: true },
        );
        const obs = new MutationObserver(() => {
          if (!t0 || grid.textContent === before) return;
          obs.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0)));
        });
        obs.observe(grid, { subtree: true, childList: true, characterData: true });
      }),
  );
  await page.waitForTimeout(50);
  await box.press(last);
  return watch;
}

/** A click on the sidebar item with this label, as the clerk's mouse does (antd's Menu handles click). */
export async function clickNav(page: Page, label: string): Promise<void> {
  await page.locator('.ant-layout-sider .ant-menu-item', { hasText: label }).first().click();
}

/**
 * From the resting page: the sidebar click → the page's content is in the document → the next frame painted.
 * Detected in the page (a MutationObserver, and every animation frame for what it cannot see, such as the
 * preview iframe's own document), so no round trip to Playwright is in the figure.
 */
export async function openPage(page: Page, p: PageSpec): Promise<number> {
  await clickNav(page, RESTING_PAGE);
  await page.waitForFunction((sel) => !document.querySelector(sel), p.selector, { timeout: 120_000 });
  await page.waitForTimeout(300);
  return page.evaluate(
    ({ label, selector, frame }) =>
      new Promise<number>((resolve, reject) => {
        const item = [...document.querySelectorAll<HTMLElement>('.ant-layout-sider .ant-menu-item')].find(
          (li) => li.textContent?.trim() === label,
        );
        if (!item) return reject(new Error(`侧栏中没有“${label}”`));
        const ready = () => {
          const el = document.querySelector(selector);
          if (!el) return false;
          if (!frame) return true;
          const doc = (el as HTMLIFrameElement).contentDocument;
          return !!doc && doc.readyState === 'complete' && (doc.body?.childElementCount ?? 0) > 0;
        };
        let t0 = 0;
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          obs.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0)));
        };
        const obs = new MutationObserver(() => {
          if (ready()) finish();
        });
        const poll = () => {
          if (done) return;
          if (ready()) finish();
          else requestAnimationFrame(poll);
        };
        obs.observe(document.body, { subtree: true, childList: true });
        setTimeout(() => {
          if (!done) {
            done = true;
            obs.disconnect();
            reject(new Error(`“${label}”两分钟内未显示内容`));
          }
        }, 120_000);
        t0 = performance.now();
        item.click();
        requestAnimationFrame(poll);
      }),
    { label: p.label, selector: p.selector, frame: p.frame ?? false },
  );
}

/** Scrolls the virtual grid one step per frame and returns the frame intervals. */
function scrollFrames(page: Page, frames: number): Promise<number[]> {
  return page.evaluate(
    (n) =>
      new Promise<number[]>((resolve) => {
        const holder = document.querySelector<HTMLElement>('.ledger-grid .lg-scroller')!;
        const out: number[] = [];
        let last = performance.now();
        const tick = (now: number) => {
          out.push(now - last);
          last = now;
          holder.scrollTop += 240;
          holder.dispatchEvent(new WheelEvent('wheel', { deltaY: 240, bubbles: true }));
          if (out.length < n) requestAnimationFrame(tick);
          else resolve(out.slice(1));
        };
        requestAnimationFrame((t) => {
          last = t;
          requestAnimationFrame(tick);
        });
      }),
    frames,
  );
}

export async function measureInBrowser(o: {
  dbFile: string;
  port: number;
  runs: number;
  pageRuns: number;
  pages?: string[];
}): Promise<BrowserSample> {
  if (!existsSync(new URL('../../dist/renderer/index.html', import.meta.url)))
    throw new Error('缺少 dist/renderer：请先运行 npx vite build');
  const web = await startBrowserMode(o.dbFile, o.port);
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    headless: true,
  });
  try {
    await login(web);
    const newPage = async () => {
      const p = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      // tsx keeps function names with a __name helper that page.evaluate bodies do not carry into the page.
      await p.addInitScript('globalThis.__name = (f) => f;');
      return p;
    };
    let page = await newPage();
    const out: BrowserSample = {
      firstRowsFromNavMs: [],
      openMs: [],
      keystrokeMs: [],
      frameMs: [],
      rowsShown: 0,
      pages: [],
    };
    // The first open loads the app itself (its own row: from navigation start); then the page is opened again
    // the way a clerk does, from another page, with the marks cleared so each run measures its own mount.
    const first = await openLedger(page, web.url);
    out.firstLoad = first;
    for (let i = 0; i < o.runs; i++) {
      const t = await reopenLedger(page);
      out.firstRowsFromNavMs.push(t.fromNav);
      out.openMs.push(t.open);
    }
    out.rowsShown = await bodyRows(page).count();
    out.frameMs = await scrollFrames(page, 120);
    for (let i = 0; i < o.runs; i++) out.keystrokeMs.push(await keystroke(page, String(12 + i), String(3 + i)));
    await page.getByLabel('搜索项目').fill('');
    // One open, or null when the page had nothing drawn in time: then its tab (whose main thread may be busy for
    // minutes) is closed and the app loaded afresh in a new one, on the resting page, for the next page.
    const timedOpen = async (p: PageSpec): Promise<number | null> => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), PAGE_TIMEOUT_MS);
      });
      const opened = openPage(page, p);
      const t = await Promise.race([
        opened.catch((e: Error) => {
          if (!page.isClosed()) throw e;
          return null;
        }),
        late,
      ]);
      clearTimeout(timer);
      if (t !== null) return t;
      const stuck = page;
      page = await newPage();
      await stuck.close({ runBeforeUnload: false });
      await opened.catch(() => undefined);
      await page.goto(`${web.url}#/excel-import`);
      await page.locator('.ant-layout-sider .ant-menu-item').first().waitFor({ timeout: 60_000 });
      return null;
    };
    for (const p of PAGES.filter((x) => !o.pages || o.pages.includes(x.label))) {
      const first = await timedOpen(p);
      const ms: number[] = [];
      // A page that timed out is not opened again: each attempt would cost the whole wait once more.
      for (let i = 0; first !== null && i < o.pageRuns; i++) {
        const t = await timedOpen(p);
        if (t === null) break;
        ms.push(t);
      }
      const timedOut = first === null || ms.length < o.pageRuns;
      out.pages.push({
        label: p.label,
        content: p.content,
        firstMs: first ?? PAGE_TIMEOUT_MS,
        ms: timedOut ? [...ms, PAGE_TIMEOUT_MS] : ms,
        timedOut,
      });
    }
    if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT });
    return out;
  } finally {
    await browser.close();
    web.child.kill();
    await new Promise((r) => (web.child.exitCode === null ? web.child.once('exit', r) : r(null)));
    rmSync(web.dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = parseArgs(process.argv.slice(2), { values: ['db', 'port', 'runs', 'page-runs', 'pages'], switches: [] });
  const dbFile = flagString(args, 'db');
  if (!dbFile)
    throw new Error(
      '用法：tsx scripts/bench/browser.ts --db FILE [--port 5208] [--runs 3] [--page-runs 3] [--pages 资金到位与拨付,打印]',
    );
  const s = await measureInBrowser({
    dbFile,
    port: Number(flagString(args, 'port') ?? 5208),
    runs: Number(flagString(args, 'runs') ?? 3),
    pageRuns: Number(flagString(args, 'page-runs') ?? 3),
    pages: flagString(args, 'pages')?.split(','),
  });
  console.log(JSON.stringify(s, null, 2));
}
