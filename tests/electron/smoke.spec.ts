/**
 * Electron smoke test (release machine only): launches the built shell with a temp database and checks
 * what the unit tests can only check without the binary — the real preload surface, the sandbox, the CSP
 * and the navigation guard. Skipped when the Electron binary is absent (the offline dev box).
 *
 * Prerequisites: `npm run build` (out/ + dist/renderer) and better-sqlite3 rebuilt for Electron
 * (`npm run rebuild:electron`); on Linux a display (e.g. xvfb-run).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY } from '../../electron/main/security-policy.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PRODUCT_NAME = '乡镇建设项目台账';

/** Finds the binary the way node_modules/electron/index.js does, but without loading that module:
 * loading it would start a download when the binary is missing. */
function electronExecutable(): string | null {
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const exe = override ? join(override, relative || 'electron') : relative ? join(pkg, 'dist', relative) : '';
  return exe && existsSync(exe) ? exe : null;
}

const executablePath = electronExecutable();
const MAIN = join(ROOT, 'out', 'main', 'index.js');

test.describe.configure({ mode: 'serial' });
test.skip(!executablePath, 'Electron 可执行文件不可用');

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeAll(async () => {
  for (const file of [MAIN, join(ROOT, 'out', 'preload', 'index.cjs'), join(ROOT, 'dist', 'renderer', 'index.html')]) {
    expect(existsSync(file), `${file} 不存在：请先运行 npm run build`).toBe(true);
  }
  dataDir = mkdtempSync(join(tmpdir(), 'ledger-smoke-'));
  // Chromium refuses to start its sandbox as root (CI containers); the renderer sandbox option still applies.
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  app = await electron.launch({
    executablePath: executablePath!,
    args: [...rootArgs, MAIN],
    cwd: ROOT,
    env: { ...process.env, TOWN_LEDGER_DB: join(dataDir, 'ledger.db'), ELECTRON_ENABLE_LOGGING: '1' },
    timeout: 30_000,
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('loads from app:// with the product name as window title', async () => {
  expect(page.url().startsWith(`${APP_ORIGIN}/`)).toBe(true);
  const title = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle());
  expect(title).toBe(PRODUCT_NAME);
  expect(existsSync(join(dataDir, 'ledger.db'))).toBe(true);
});

test('the page sees only window.api (invoke, progressOf, cancel, onCoreEvent) and no Node', async () => {
  const surface = await page.evaluate(() => {
    const api = (window as unknown as { api?: Record<string, unknown> }).api;
    const g = globalThis as { require?: unknown; process?: unknown; module?: unknown };
    return {
      keys: api ? Object.keys(api) : null,
      invoke: typeof api?.invoke,
      require: typeof g.require,
      process: typeof g.process,
      module: typeof g.module,
    };
  });
  expect(surface).toEqual({
    keys: ['invoke', 'progressOf', 'cancel', 'onCoreEvent'],
    invoke: 'function',
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
  });
});

test('IPC answers allow-listed channels and rejects others', async () => {
  const result = await page.evaluate(async () => {
    const api = (window as unknown as { api: { invoke(c: string, i?: unknown): Promise<unknown> } }).api;
    const info = (await api.invoke('app:info', {})) as { ok: boolean; data?: { productName?: string } };
    const unknown = await api.invoke('evil:channel', {}).then(
      () => 'resolved',
      (e: unknown) => String((e as Error).message),
    );
    return { ok: info.ok, productName: info.data?.productName, unknown };
  });
  expect(result.ok).toBe(true);
  expect(result.productName).toBe(PRODUCT_NAME);
  expect(result.unknown).toContain('未知的调用通道');
});

test('app:// responses carry the strict CSP', async () => {
  const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
  expect(csp).toBe(CONTENT_SECURITY_POLICY);
});

test('navigation away from the app and window.open are blocked', async () => {
  const before = page.url();
  await page.evaluate(() => {
    location.href = 'https://example.com/';
  });
  await page.waitForTimeout(1_000);
  expect(page.url()).toBe(before);

  // http (not https) so no confirm dialog is involved: the open must simply be denied.
  const opened = await page.evaluate(() => window.open('http://example.com/') === null);
  expect(opened).toBe(true);
  await page.waitForTimeout(500);
  expect(app.windows()).toHaveLength(1);
});

test('permission requests are refused and a <webview> never becomes one', async () => {
  const r = await page.evaluate(async () => {
    const notification = typeof Notification === 'undefined' ? 'denied' : await Notification.requestPermission();
    const wv = document.createElement('webview');
    document.body.appendChild(wv);
    const live = typeof (wv as unknown as { loadURL?: unknown }).loadURL === 'function';
    wv.remove();
    return { notification, live };
  });
  expect(r.notification).toBe('denied');
  expect(r.live).toBe(false);
});

test('the data-safety channels answer through the preload', async () => {
  const r = await page.evaluate(async () => {
    const api = (
      window as unknown as { api: { invoke(c: string, i?: unknown): Promise<{ ok: boolean; data?: unknown }> } }
    ).api;
    // Signed out they are refused; the first run sets up the 管理员 and signs in.
    const before = await api.invoke('backups:list', {});
    const first = await api.invoke('app:onboard', {
      mode: 'empty',
      townName: '蒲州镇',
      fiscalYear: 2017,
      adminName: '王管理',
      adminPassword: '王管理2017',
    });
    const list = await api.invoke('backups:list', {});
    const verify = await api.invoke('audit:verify', {});
    return { before: before.ok, first: first.ok, list: list.ok, verify: verify.ok };
  });
  expect(r).toEqual({ before: false, first: true, list: true, verify: true });
});
