/**
 * The Electron shell's security posture, tested without the Electron binary: the pure policy module
 * directly, the Electron-facing modules against a fake `electron` module, and the preload, main sources
 * and electron-builder.yml as text/config.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import Database from 'better-sqlite3';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_CANCEL_CHANNEL, CALL_PROGRESS_CHANNEL, CHANNELS, CORE_EVENT_CHANNEL } from '../../shared/ipc/channels.ts';
import type { CoreHostClient } from '../../electron/core-host/client.ts';
import type { CoreCaller } from '../../electron/main/ipc.ts';
import { PRODUCT_NAME } from '../../electron/core/services/app.service.ts';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  appResponseHeaders,
  isAllowedExternalUrl,
  isTrustedUrl,
  mimeTypeFor,
  resolveAppFile,
  withCsp,
} from '../../electron/main/security-policy.ts';
import { standInFork } from '../helpers/utility-fork.ts';

/** The renderer's lock-down as window.ts must spell it (the preload path aside). */
const LOCKED_DOWN = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  disableBlinkFeatures: 'Auxclick',
} as const;

type Fn = (...args: never[]) => unknown;
type AnyListener = (...args: unknown[]) => unknown;

const h = vi.hoisted(() => {
  const appListeners = new Map<string, AnyListener[]>();
  const app = {
    setName: vi.fn(),
    setAppUserModelId: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    isPackaged: false,
    getPath: vi.fn((name: string) => `/nonexistent/fake-${name}`),
    on: vi.fn((event: string, fn: AnyListener) => {
      appListeners.set(event, [...(appListeners.get(event) ?? []), fn]);
      return app;
    }),
  };

  class FakeWebContents {
    listeners = new Map<string, AnyListener[]>();
    openHandler: ((d: { url: string }) => { action: string }) | null = null;
    on(event: string, fn: AnyListener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
      return this;
    }
    setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
      this.openHandler = fn;
    }
    emit(event: string, ...args: unknown[]) {
      for (const fn of this.listeners.get(event) ?? []) fn(...args);
    }
  }

  const windows: FakeWindow[] = [];
  class FakeWindow {
    static fromWebContents = vi.fn(() => null);
    static getFocusedWindow = vi.fn(() => null);
    static getAllWindows = vi.fn(() => []);
    webContents = new FakeWebContents();
    loadURL = vi.fn(async () => undefined);
    on = vi.fn();
    once = vi.fn();
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = vi.fn(() => false);
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
  }

  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  };

  const electron = {
    app,
    Menu: { setApplicationMenu: vi.fn() },
    BrowserWindow: FakeWindow,
    dialog: {
      showMessageBox: vi.fn(async () => ({ response: 1, checkboxChecked: false })),
      showErrorBox: vi.fn(),
      showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/media/usb/备份'] })),
      showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/home/u/留痕.xlsx' })),
    },
    shell: { openExternal: vi.fn(async () => undefined) },
    session: { defaultSession: session },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(async () => 'answered'), on: vi.fn(), removeListener: vi.fn() },
    // Each test that boots main hands it the stand-in fork (tests/helpers/utility-fork.ts): the real core host in a
    // Node child process, as Electron would run it in a utility process.
    utilityProcess: { fork: vi.fn() },
  };
  return { electron, appListeners, windows, FakeWebContents };
});

vi.mock('electron', () => h.electron);

const ROOT = resolve(import.meta.dirname, '../..');
const src = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const tmpDirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'ledger-shell-'));
  tmpDirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

/** Stands in for the core host where only main's own checks are under test (the host itself: core-host-utility.test.ts). */
function fakeHost(): CoreCaller & Pick<CoreHostClient, 'on' | 'off'> & { call: ReturnType<typeof vi.fn> } {
  return {
    call: vi.fn(async () => ({ ok: true, data: { productName: PRODUCT_NAME } })),
    on: vi.fn(),
    off: vi.fn(),
  } as never;
}

const stand = standInFork();
const running = () => stand.children.filter((c) => c.exitCode === null && c.signalCode === null);
/**
 * A test that booted main quits it the way the app does (will-quit closes the core host for good), so no host is
 * left to be restarted behind the next test; a child still there after that is killed.
 */
afterEach(async () => {
  h.appListeners.get('will-quit')?.[0]?.({ preventDefault: () => {} });
  await vi
    .waitFor(() => expect(running()).toEqual([]), { timeout: 30_000 })
    .catch(() => running().forEach((c) => c.kill('SIGKILL')));
});

beforeEach(() => {
  vi.clearAllMocks();
  h.appListeners.clear();
  h.windows.length = 0;
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

// ───────────────────────────── pure policy ─────────────────────────────

describe('security-policy: trusted URLs (IPC senders, navigation targets)', () => {
  it.each([
    'app://renderer/index.html',
    'app://renderer/',
    'app://renderer/assets/index-Ab12.js',
    'app://renderer/index.html#/projects?q=%2F%E4%B9%A1',
  ])('trusts our own origin: %s', (url) => {
    expect(isTrustedUrl(url)).toBe(true);
  });

  it.each([
    'app://renderer/../x',
    'app://renderer/./index.html',
    'app://renderer/%2e%2e/x',
    'app://renderer/..%2fx',
    'app://renderer\\..\\x',
    'app://evil/index.html',
    'app://renderer.evil/index.html',
    'app://renderer:8080/index.html',
    'app://user@renderer/index.html',
    'file:///index.html',
    'file:///C:/app/dist/renderer/index.html',
    'http://127.0.0.1:5173/',
    'http://localhost/index.html',
    'https://evil.example/',
    'https://renderer/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isTrustedUrl(url)).toBe(false);
  });

  it('refuses non-strings and absurdly long URLs', () => {
    expect(isTrustedUrl(undefined)).toBe(false);
    expect(isTrustedUrl(null)).toBe(false);
    expect(isTrustedUrl({ toString: () => APP_ENTRY_URL })).toBe(false);
    expect(isTrustedUrl(`${APP_ENTRY_URL}#${'a'.repeat(5000)}`)).toBe(false);
  });
});

describe('security-policy: external links', () => {
  it.each(['https://www.gov.cn/', 'https://example.com/a?b=1#c'])('allows https: %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });
  it.each([
    'http://www.gov.cn/',
    'file:///etc/passwd',
    'smb://server/share',
    'javascript:alert(1)',
    'mailto:a@b.cn',
    'app://renderer/index.html',
    'ms-settings:privacy',
    'https://user:pass@evil.example/',
    'https://evil.com\\@gov.cn',
    'https://evil.com\\.gov.cn/',
    'https://evil.com@gov.cn/',
    'https://www.gov.cn /x',
    'https:\\\\evil.com',
    'https:evil.com',
    'https://evil.com\u202e/nc.vog.www',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('security-policy: CSP', () => {
  it('is strict', () => {
    const directives = CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim());
    expect(directives).toContain("default-src 'self'");
    expect(directives).toContain("script-src 'self'");
    expect(directives).toContain("object-src 'none'");
    expect(directives).toContain("base-uri 'none'");
    expect(directives).toContain("frame-ancestors 'none'");
    expect(directives).toContain("form-action 'none'");
    expect(directives).toContain("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*/);
    // 'unsafe-inline' only for styles (antd injects <style>), never for scripts.
    expect(directives.filter((d) => d.includes("'unsafe-inline'"))).toEqual(["style-src 'self' 'unsafe-inline'"]);
  });

  it('withCsp replaces an existing header whatever its casing', () => {
    const out = withCsp({ 'content-security-policy': ['default-src *'], 'Content-Type': 'text/html' });
    expect(out['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(out['content-security-policy']).toBeUndefined();
    expect(out['Content-Type']).toEqual(['text/html']);
  });

  it('app:// responses carry CSP, nosniff and an explicit JS MIME type', () => {
    const headers = appResponseHeaders('/x/assets/index.js');
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(mimeTypeFor('a/b/index.JS')).toMatch(/^text\/javascript/);
    expect(mimeTypeFor('index.html')).toMatch(/^text\/html/);
    expect(mimeTypeFor('evil.exe')).toBe('application/octet-stream');
  });

  it('the scheme is privileged but never bypasses CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
  });
});

describe('security-policy: resolveAppFile (app:// → dist/renderer)', () => {
  const root = join(tmpdir(), 'ledger-root-probe', 'dist', 'renderer');
  it('maps our URLs inside the root', () => {
    expect(resolveAppFile(root, 'app://renderer/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://renderer/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://renderer/assets/a%20b.js')).toBe(join(root, 'assets', 'a b.js'));
    expect(resolveAppFile(root, 'app://renderer/index.html?x=1#/p')).toBe(join(root, 'index.html'));
  });
  it.each([
    'app://renderer/..%2f..%2fsecret.txt',
    'app://renderer/assets%2f..%2f..%2f..%2fsecret.txt',
    'app://renderer/x%00.html',
    'app://renderer/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
    'http://renderer/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });
  it.each(['app://renderer/../../../etc/passwd', 'app://renderer/%2e%2e/%2e%2e/etc/passwd', 'app://renderer/%2e%2e'])(
    'dot segments are removed by URL parsing, so %s cannot leave the root',
    (url) => {
      const file = resolveAppFile(root, url);
      expect(file === null || file.startsWith(root + sep)).toBe(true);
    },
  );
});

describe('window.ts: webPreferences written out literally', () => {
  // electronegativity and other checkers read the BrowserWindow call itself: no helper may build them.
  const windowSrc = readFileSync(resolve(import.meta.dirname, '../../electron/main/window.ts'), 'utf8');
  const prefsSrc = /new BrowserWindow\(\{[\s\S]*?webPreferences: \{([\s\S]*?)\}/.exec(windowSrc)?.[1] ?? '';
  it.each(Object.entries(LOCKED_DOWN))('%s: %s in the BrowserWindow call', (key, value) => {
    const literal = typeof value === 'string' ? `'${value}'` : String(value);
    expect(prefsSrc).toMatch(new RegExp(`\\b${key}: ${literal},`));
  });
});

// ───────────────────────────── Electron-facing modules (fake electron) ─────────────────────────────

describe('ipc.ts', () => {
  async function registered(host: ReturnType<typeof fakeHost>) {
    const { registerIpc } = await import('../../electron/main/ipc.ts');
    registerIpc(host, () => {});
    const calls = h.electron.ipcMain.handle.mock.calls as unknown as [
      string,
      (e: IpcMainInvokeEvent, raw: unknown) => Promise<unknown>,
    ][];
    return new Map(calls);
  }
  const event = (frame: unknown) => ({ senderFrame: frame }) as unknown as IpcMainInvokeEvent;

  it('registers exactly the CHANNELS, and the progress and cancel channels of a tagged call', async () => {
    const handlers = await registered(fakeHost());
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS, CALL_PROGRESS_CHANNEL, CALL_CANCEL_CHANNEL].sort());
  });

  it.each([
    ['an untrusted page', { url: 'https://evil.example/' }],
    ['a file:// page', { url: 'file:///tmp/x.html' }],
    ['a dev server', { url: 'http://127.0.0.1:5173/' }],
    ['a path-traversal URL', { url: 'app://renderer/../x' }],
    ['a destroyed frame', null],
    [
      'a disposed frame that throws',
      {
        get url(): string {
          throw new Error('Render frame was disposed');
        },
      },
    ],
  ])('answers FORBIDDEN to %s without touching the core host', async (_label, frame) => {
    const host = fakeHost();
    const handlers = await registered(host);
    await expect(handlers.get('app:info')!(event(frame), {})).resolves.toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '拒绝来自不受信任页面的调用' },
    });
    expect(handlers.get(CALL_PROGRESS_CHANNEL)!(event(frame), 'c1')).toBeNull();
    expect(handlers.get(CALL_CANCEL_CHANNEL)!(event(frame), 'c1')).toBe(false);
    expect(host.call).not.toHaveBeenCalled();
  });

  it('passes a trusted call to the core host (which validates and dispatches), with progress and a signal when tagged', async () => {
    const host = fakeHost();
    const handlers = await registered(host);
    await expect(handlers.get('app:info')!(event({ url: APP_ENTRY_URL }), undefined)).resolves.toEqual({
      ok: true,
      data: { productName: PRODUCT_NAME },
    });
    expect(host.call).toHaveBeenCalledWith('app:info', undefined, {});
    await (handlers.get('backups:create')! as (e: IpcMainInvokeEvent, raw: unknown, id: string) => Promise<unknown>)(
      event({ url: APP_ENTRY_URL }),
      { target: 'auto' },
      'c1',
    );
    expect(host.call).toHaveBeenLastCalledWith(
      'backups:create',
      { target: 'auto' },
      { signal: expect.any(AbortSignal), onProgress: expect.any(Function) },
    );
    // A call the page made on its own says so (it does not keep the session from its idle sign-out).
    await (
      handlers.get('app:elsewhere')! as (e: IpcMainInvokeEvent, raw: unknown, id: null, bg: boolean) => Promise<unknown>
    )(event({ url: APP_ENTRY_URL }), {}, null, true);
    expect(host.call).toHaveBeenLastCalledWith('app:elsewhere', {}, { background: true });
    // The host's restarts are relayed to the windows.
    expect(host.on).toHaveBeenCalledWith('restarted', expect.any(Function));
    expect(host.on).toHaveBeenCalledWith('failed', expect.any(Function));
  });
});

describe('window.ts guards', () => {
  type Contents = InstanceType<typeof h.FakeWebContents>;
  async function hardened(): Promise<Contents> {
    const { hardenWebContents } = await import('../../electron/main/window.ts');
    const wc = new h.FakeWebContents();
    hardenWebContents(wc as never);
    hardenWebContents(wc as never); // idempotent
    return wc;
  }
  const navEvent = (url: string, extra: Record<string, unknown> = {}) => ({ url, preventDefault: vi.fn(), ...extra });

  it('blocks navigation and redirects away from the app origin', async () => {
    const wc = await hardened();
    expect(wc.listeners.get('will-navigate')).toHaveLength(1);
    for (const event of ['will-navigate', 'will-redirect']) {
      const evil = navEvent('https://example.com/');
      wc.emit(event, evil);
      expect(evil.preventDefault).toHaveBeenCalled();
      const file = navEvent('file:///etc/passwd');
      wc.emit(event, file);
      expect(file.preventDefault).toHaveBeenCalled();
      const own = navEvent(`${APP_ENTRY_URL}#/projects`);
      wc.emit(event, own);
      expect(own.preventDefault).not.toHaveBeenCalled();
    }
    const sub = navEvent('https://example.com/', { isMainFrame: false });
    wc.emit('will-frame-navigate', sub);
    expect(sub.preventDefault).toHaveBeenCalled();
  });

  it('never attaches a <webview>', async () => {
    const wc = await hardened();
    const e = navEvent('');
    wc.emit('will-attach-webview', e);
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('denies every window.open; only https goes to the OS browser, and only after a yes', async () => {
    const wc = await hardened();
    const open = wc.openHandler!;
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', APP_ENTRY_URL]) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    await Promise.resolve();
    expect(h.electron.dialog.showMessageBox).not.toHaveBeenCalled();

    h.electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    expect(open({ url: 'https://www.gov.cn/' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(h.electron.dialog.showMessageBox).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 0));
    expect(h.electron.shell.openExternal).not.toHaveBeenCalled();

    h.electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    expect(open({ url: 'https://www.gov.cn/' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(h.electron.shell.openExternal).toHaveBeenCalledWith('https://www.gov.cn/'));
  });

  it('session: no permissions, CSP on app:// responses', async () => {
    const { hardenSession } = await import('../../electron/main/window.ts');
    const ses = h.electron.session.defaultSession;
    hardenSession(ses as never);

    const request = ses.setPermissionRequestHandler.mock.calls[0]![0] as (
      wc: unknown,
      p: string,
      cb: (ok: boolean) => void,
    ) => void;
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const cb = vi.fn();
      request(null, p, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    const check = ses.setPermissionCheckHandler.mock.calls[0]![0] as (...a: unknown[]) => boolean;
    expect(check(null, 'media', APP_ENTRY_URL, {})).toBe(false);

    const onHeaders = ses.webRequest.onHeadersReceived.mock.calls[0]![0] as (
      d: { url: string; responseHeaders?: Record<string, string[]> },
      cb: (r: { responseHeaders?: Record<string, string[]> }) => void,
    ) => void;
    const cb = vi.fn();
    onHeaders({ url: `${APP_ENTRY_URL}`, responseHeaders: { 'Content-Type': ['text/html'] } }, cb);
    expect(cb.mock.calls[0]![0].responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    const cb2 = vi.fn();
    onHeaders({ url: 'https://example.com/' }, cb2);
    expect(cb2).toHaveBeenCalledWith({});
  });
});

describe('app-protocol.ts (serving dist/renderer)', () => {
  async function handler(root: string) {
    const { serveAppProtocol } = await import('../../electron/main/app-protocol.ts');
    serveAppProtocol(root);
    const [scheme, fn] = h.electron.protocol.handle.mock.calls.at(-1) as unknown as [
      string,
      (r: Request) => Promise<Response>,
    ];
    expect(scheme).toBe('app');
    return (url: string, method = 'GET') => fn({ url, method } as Request);
  }

  it('serves files from the root with CSP, and 404s anything outside it', async () => {
    const base = tmp();
    const root = join(base, 'dist', 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>台账</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(base, 'secret.txt'), 'top secret');
    const get = await handler(root);

    const index = await get('app://renderer/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await index.text()).toContain('台账');
    expect((await get('app://renderer/assets/app.js')).headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await get('app://renderer/')).status).toBe(200);

    for (const url of [
      'app://renderer/%2e%2e/%2e%2e/secret.txt',
      'app://renderer/..%2f..%2fsecret.txt',
      'app://renderer/missing.js',
      'app://renderer/assets',
      'app://elsewhere/index.html',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('top secret');
    }
    expect((await get('app://renderer/index.html', 'POST')).status).toBe(405);
  });
});

describe('main index.ts start-up', () => {
  /** Boots main over a ledger in a temp folder (TOWN_LEDGER_DB), its core host started by the stand-in fork. */
  async function boot(file = join(tmp(), 'ledger.db')) {
    vi.stubEnv('TOWN_LEDGER_DB', file);
    h.electron.utilityProcess.fork.mockImplementation(stand.fork);
    vi.resetModules();
    await import('../../electron/main/index.ts');
    return file;
  }
  const listener = (event: string) => h.appListeners.get(event)?.[0];

  it('a second instance quits at once and never opens the database', async () => {
    h.electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    await boot();
    expect(h.electron.app.quit).toHaveBeenCalled();
    expect(h.electron.app.whenReady).not.toHaveBeenCalled();
    expect(h.electron.utilityProcess.fork).not.toHaveBeenCalled();
  });

  it('wires name, scheme, session, IPC and the window; the core in a utility process; focuses on second-instance; closes the core on will-quit', async () => {
    const file = await boot();
    await vi.waitFor(() => expect(h.windows).toHaveLength(1), { timeout: 60_000 });

    const { app, protocol, ipcMain, session } = h.electron;
    expect(app.setName).toHaveBeenCalledWith(PRODUCT_NAME);
    // The name decides the userData folder, hence the lock: it must be set first.
    expect(app.setName.mock.invocationCallOrder[0]!).toBeLessThan(
      app.requestSingleInstanceLock.mock.invocationCallOrder[0]!,
    );
    expect(protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]!).toBeLessThan(
      app.whenReady.mock.invocationCallOrder[0]!,
    );
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    // The core runs in the utility process forked from the built entry beside main, over the ledger it created.
    expect(h.electron.utilityProcess.fork).toHaveBeenCalledTimes(1);
    expect(h.electron.utilityProcess.fork).toHaveBeenCalledWith(
      expect.stringMatching(/[\\/]core-host\.(js|ts)$/),
      [],
      expect.objectContaining({ serviceName: expect.any(String) }),
    );
    expect(existsSync(file)).toBe(true);
    expect(ipcMain.handle).toHaveBeenCalledTimes(CHANNELS.length + 2);

    const win = h.windows[0]!;
    expect(win.options.title).toBe(PRODUCT_NAME);
    expect(win.options.webPreferences).toEqual({ ...LOCKED_DOWN, preload: expect.any(String), devTools: true });
    expect(h.electron.Menu.setApplicationMenu).not.toHaveBeenCalled(); // a development run keeps the default menu
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    expect(win.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
    expect(win.webContents.openHandler).not.toBeNull();

    listener('second-instance')!();
    expect(win.focus).toHaveBeenCalled();
    expect(listener('web-contents-created')).toBeTypeOf('function');

    // Quitting waits for the core to close its ledger (and its process to end), then quits for real.
    const child = stand.children.at(-1)!;
    const quitEvent = { preventDefault: vi.fn() };
    listener('will-quit')!(quitEvent);
    expect(quitEvent.preventDefault).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(h.electron.app.quit).toHaveBeenCalled(), { timeout: 30_000 });
    expect(child.exitCode !== null || child.signalCode !== null).toBe(true);
    const again = { preventDefault: vi.fn() };
    listener('will-quit')!(again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  }, 90_000);

  it('a packaged build has no DevTools and no default menu', async () => {
    h.electron.app.isPackaged = true;
    try {
      await boot();
      await vi.waitFor(() => expect(h.windows).toHaveLength(1), { timeout: 60_000 });
      expect(h.electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
      expect(h.windows[0]!.options.webPreferences).toMatchObject({
        devTools: false,
        sandbox: true,
        contextIsolation: true,
      });
    } finally {
      h.electron.app.isPackaged = false;
    }
  });

  it('honours TOWN_LEDGER_DB: the core host opens (and so creates) that file', async () => {
    const file = join(tmp(), 'override.db');
    await boot(file);
    await vi.waitFor(() => expect(h.windows).toHaveLength(1), { timeout: 60_000 });
    expect(existsSync(file)).toBe(true);
  }, 90_000);

  it('a core host that cannot start: an error box in Chinese names the file, the app exits, no window, no core process left', async () => {
    const blocker = join(tmp(), '不是文件夹');
    writeFileSync(blocker, 'x');
    const file = join(blocker, 'ledger.db');
    const started = stand.children.length;
    await boot(file);
    await vi.waitFor(() => expect(h.electron.app.exit).toHaveBeenCalledWith(1), { timeout: 60_000 });
    expect(h.electron.dialog.showErrorBox).toHaveBeenCalledWith(
      `${PRODUCT_NAME} 无法启动`,
      expect.stringContaining(`数据库文件：${file}`),
    );
    expect(h.windows).toHaveLength(0);
    expect(stand.children.length).toBe(started + 1);
    const child = stand.children.at(-1)!;
    await vi.waitFor(() => expect(child.exitCode !== null || child.signalCode !== null).toBe(true), {
      timeout: 30_000,
    });
  }, 90_000);

  function fingerprint(file: string) {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  }

  it.each([
    [
      'DB_FROM_FUTURE',
      (file: string) => {
        const db = new Database(file);
        db.exec(`CREATE TABLE schema_migration (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT;
                 INSERT INTO schema_migration VALUES ('9999_from_a_newer_version', '2030-01-01T00:00:00Z');`);
        db.close();
      },
      /更新版本/,
    ],
    [
      'DB_DAMAGED',
      (file: string) => writeFileSync(file, 'definitely not an SQLite database '.repeat(200)),
      /损坏|无法打开/,
    ],
  ])(
    '%s: opens the recovery screen (no crash, no exit) and leaves the file untouched',
    async (code, make, text) => {
      const dir = tmp();
      const file = join(dir, 'ledger.db');
      make(file);
      const before = fingerprint(file);

      await boot(file);
      await vi.waitFor(() => expect(h.windows).toHaveLength(1), { timeout: 60_000 });
      expect(h.electron.app.exit).not.toHaveBeenCalled();
      expect(h.electron.ipcMain.handle).toHaveBeenCalledTimes(CHANNELS.length + 2);
      const handlers = new Map(
        h.electron.ipcMain.handle.mock.calls as unknown as [
          string,
          (e: IpcMainInvokeEvent, raw: unknown) => Promise<unknown>,
        ][],
      );
      const trusted = { senderFrame: { url: APP_ENTRY_URL } } as unknown as IpcMainInvokeEvent;
      const info = (await handlers.get('app:info')!(trusted, {})) as {
        ok: boolean;
        error: { code: string; message: string };
      };
      expect(info.ok).toBe(false);
      expect(info.error.code).toBe(code);
      expect(info.error.message).toMatch(text);
      const status = (await handlers.get('recovery:status')!(trusted, {})) as { ok: boolean; data: { mode: string } };
      expect(status).toMatchObject({ ok: true, data: { mode: 'recovery' } });

      expect(fingerprint(file)).toBe(before);
      expect(existsSync(`${file}-wal`)).toBe(false);
      expect(existsSync(join(dir, 'backups'))).toBe(false);
    },
    90_000,
  );
});

describe('preload', () => {
  it('exposes exactly window.api.invoke (allow-listed to CHANNELS), progressOf, cancel and onCoreEvent', async () => {
    await import('../../electron/preload/index.ts');
    const { contextBridge, ipcRenderer } = h.electron;
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, Record<string, Fn>];
    expect(key).toBe('api');
    expect(Object.keys(api)).toEqual(['invoke', 'progressOf', 'cancel', 'onCoreEvent']);
    const invoke = api.invoke as (c: unknown, i?: unknown, id?: unknown) => Promise<unknown>;

    for (const bad of ['evil:channel', 'projects:list ', '__proto__', 'constructor', 42, undefined]) {
      await expect(invoke(bad, {})).rejects.toThrow(/未知的调用通道/);
    }
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
    await expect(invoke('projects:list', { includeDeleted: false })).resolves.toBe('answered');
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('projects:list', { includeDeleted: false });
    // A call id passes only when it is one (short, no path or markup); a bad one is dropped, not the call.
    await invoke('excel:importApply', { base64: '' }, 'c1a2');
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('excel:importApply', { base64: '' }, 'c1a2');
    await invoke('excel:importApply', { base64: '' }, '../x');
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('excel:importApply', { base64: '' });

    const progressOf = api.progressOf as (id: unknown) => Promise<unknown>;
    const cancel = api.cancel as (id: unknown) => Promise<unknown>;
    await progressOf('c1a2');
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(CALL_PROGRESS_CHANNEL, 'c1a2');
    await cancel('c1a2');
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(CALL_CANCEL_CHANNEL, 'c1a2');
    const before = ipcRenderer.invoke.mock.calls.length;
    await expect(progressOf({ toString: () => 'x' })).resolves.toBeNull();
    await expect(cancel('<script>')).resolves.toBe(false);
    expect(ipcRenderer.invoke.mock.calls.length).toBe(before);

    // The core host's notices reach the page without the IPC event; the page can stop listening.
    const heard: unknown[] = [];
    const stop = (api.onCoreEvent as (l: (e: unknown) => void) => () => void)((e) => heard.push(e));
    const [channel, relay] = ipcRenderer.on.mock.calls[0] as unknown as [string, (event: unknown, e: unknown) => void];
    expect(channel).toBe(CORE_EVENT_CHANNEL);
    relay(
      { sender: 'the IPC event', ports: [] },
      { kind: 'restarted', message: '程序核心已重新启动', extra: 'dropped' },
    );
    expect(heard).toEqual([{ kind: 'restarted', message: '程序核心已重新启动' }]);
    stop();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith(CORE_EVENT_CHANNEL, relay);
  });

  it('source imports nothing but electron and the channel list', () => {
    const text = src('electron/preload/index.ts');
    const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(?\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map(
      (m) => m[1],
    );
    expect(new Set(specifiers)).toEqual(new Set(['electron', '../../shared/ipc/channels.ts']));
    expect(text).not.toMatch(/\brequire\s*\(/);
    expect(text).not.toMatch(/ipcRenderer\.(send|sendSync|once|postMessage)\b/);
    // It listens on one channel only: the core host's notices.
    expect([...text.matchAll(/ipcRenderer\.on\(([^,]+),/g)].map((m) => m[1])).toEqual(['CORE_EVENT_CHANNEL']);
    expect(text.match(/exposeInMainWorld\(/g)).toHaveLength(1);
  });

  const built = join(ROOT, 'out/preload/index.cjs');
  it.skipIf(!existsSync(built))('the built preload is one CJS file requiring only electron', () => {
    const text = readFileSync(built, 'utf8');
    const requires = [...text.matchAll(/\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
    expect(requires.length).toBeGreaterThan(0);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(text).not.toMatch(/\bimport\s*\(|^\s*import\s/m);
    // The channel list is inlined, not loaded (it may be stale relative to the sources; only its presence matters).
    expect(text).toContain('"app:info"');
  });
});

describe('main-process sources (text checks for code that needs the binary)', () => {
  const main = ['index.ts', 'window.ts', 'ipc.ts', 'app-protocol.ts'].map((f) => src(`electron/main/${f}`)).join('\n');

  it.each([
    'requestSingleInstanceLock',
    'second-instance',
    'setWindowOpenHandler',
    "'will-navigate'",
    "'will-redirect'",
    "'will-attach-webview'",
    'setPermissionRequestHandler',
    'setPermissionCheckHandler',
    'onHeadersReceived',
    'registerSchemesAsPrivileged',
    'protocol.handle',
    "'will-quit'",
    // The recovery screen for DB_FROM_FUTURE / DB_DAMAGED is the core host's now (createCoreOrRecovery in the utility
    // process): main's start-up tests below check it by behaviour, not by text.
    'utilityHost',
    'showMessageBox',
    'senderFrame',
  ])('uses %s', (needle) => {
    expect(main).toContain(needle);
  });

  it('never weakens the renderer', () => {
    const all = main + src('electron/main/security-policy.ts') + src('electron/preload/index.ts');
    expect(all).not.toMatch(
      /nodeIntegration\s*:\s*true|sandbox\s*:\s*false|contextIsolation\s*:\s*false|webSecurity\s*:\s*false/,
    );
    expect(all).not.toMatch(/allowRunningInsecureContent\s*:\s*true|webviewTag\s*:\s*true|bypassCSP\s*:\s*true/);
    // The renderer is only ever loaded from app://, never from the file system.
    expect(all).not.toMatch(/loadFile\(|registerFileProtocol|interceptFileProtocol|loadURL\(\s*['"`]file:/);
  });

  it('the policy module stays importable without Electron', () => {
    expect(src('electron/main/security-policy.ts')).not.toMatch(/from\s+['"]electron['"]/);
  });
});

// ───────────────────────────── packaging config ─────────────────────────────

describe('electron-builder.yml', () => {
  const require = createRequire(import.meta.url);
  // js-yaml arrives with electron-builder; no @types needed for one call.
  const yaml = require('js-yaml') as { load(text: string): unknown };
  type Target = { target: string; arch: string[] };
  const cfg = yaml.load(src('electron-builder.yml')) as {
    appId: string;
    productName: string;
    directories: { output: string };
    files: string[];
    asar: boolean;
    asarUnpack: string[];
    npmRebuild: boolean;
    beforePack: string;
    electronFuses: Record<string, boolean>;
    win: { target: Target[] };
    nsis: Record<string, unknown>;
    linux: { target: Target[]; category: string; maintainer: string; synopsis: string };
  };

  it('identifies the app and ships only the builds', () => {
    expect(cfg.appId).toBe('cn.gov.town.ledger');
    expect(cfg.productName).toBe(PRODUCT_NAME);
    expect(cfg.directories.output).toBe('release');
    expect(cfg.files).toEqual(expect.arrayContaining(['dist/renderer/**', 'package.json']));
    expect(cfg.files.some((f) => f.startsWith('out/'))).toBe(true);
    expect(cfg.files.every((f) => /^(out\/|dist\/renderer\/|package\.json$)/.test(f))).toBe(true);
    expect(cfg.asar).toBe(true);
    expect(cfg.asarUnpack).toContain('**/*.node');
  });

  it('never rebuilds natives except in the beforePack hook', () => {
    expect(cfg.npmRebuild).toBe(false);
    expect(cfg.beforePack).toMatch(/^(\.\/)?scripts\/before-pack\.cjs$/);
    const hook = src('scripts/before-pack.cjs');
    expect(hook).toContain("import('@electron/rebuild')");
    expect(hook).toMatch(/onlyModules:\s*\['better-sqlite3'\]/);
    expect(hook).not.toMatch(/require\(['"]electron['"]\)/);
  });

  it('flips the fuses', () => {
    expect(cfg.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('Windows: assisted per-user NSIS x64 in Chinese with shortcuts', () => {
    expect(cfg.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(cfg.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: false,
      allowToChangeInstallationDirectory: true,
      language: '2052',
      installerLanguages: ['zh_CN'],
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
    });
  });

  it('Linux: deb + AppImage for x64 and arm64', () => {
    const byName = new Map(cfg.linux.target.map((t) => [t.target, [...t.arch].sort()]));
    expect(byName.get('deb')).toEqual(['arm64', 'x64']);
    expect(byName.get('AppImage')).toEqual(['arm64', 'x64']);
    expect(cfg.linux.category).toBe('Office');
    expect(cfg.linux.maintainer).toMatch(/<.+@.+>/);
    expect(cfg.linux.synopsis).toMatch(/[\u4e00-\u9fff]/);
  });

  it("passes electron-builder's own schema validation", async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      getConfig(dir: string, path: string | null, fromOptions: null): Promise<unknown>;
      validateConfiguration(cfg: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const loaded = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });
});

// ───────────────────────────── the checklist, item by item ─────────────────────────────
// One named test per item of the Electron security checklist (electronjs.org/docs/latest/tutorial/security),
// runnable without the binary; tests/electron/smoke.spec.ts checks the same items at runtime where one exists.

describe('Electron security checklist', () => {
  const windowSrc = src('electron/main/window.ts');
  const mainSrc = ['index.ts', 'window.ts', 'ipc.ts', 'app-protocol.ts', 'dialogs.ts']
    .map((f) => src(`electron/main/${f}`))
    .join('\n');

  it('1 only local content: the renderer is served from app:// and CSP allows no remote origin', () => {
    expect(APP_ENTRY_URL.startsWith('app://renderer/')).toBe(true);
    for (const d of CONTENT_SECURITY_POLICY.split(';')) expect(d).not.toMatch(/https?:|\*|ws:/);
    expect(mainSrc).not.toMatch(/loadURL\(\s*['"`]https?:/);
  });
  it('2 Content-Security-Policy on every app:// response', () => {
    expect(appResponseHeaders('/x/index.html')['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
  });
  it('3 sandbox on', () => expect(windowSrc).toMatch(/webPreferences: \{[^}]*\bsandbox: true,/));
  it('4 context isolation on, Node integration off everywhere', () => {
    for (const k of [
      'contextIsolation: true',
      'nodeIntegration: false',
      'nodeIntegrationInWorker: false',
      'nodeIntegrationInSubFrames: false',
    ])
      expect(windowSrc).toMatch(new RegExp(`webPreferences: \\{[^}]*\\b${k},`));
  });
  it('5 webSecurity on, no insecure content, no experimental features', () => {
    for (const k of ['webSecurity: true', 'allowRunningInsecureContent: false', 'experimentalFeatures: false'])
      expect(windowSrc).toMatch(new RegExp(`webPreferences: \\{[^}]*\\b${k},`));
  });
  it('6 navigation limited to the app origin', () => {
    expect(isTrustedUrl('https://example.com/')).toBe(false);
    expect(mainSrc).toContain("'will-navigate'");
    expect(mainSrc).toContain("'will-redirect'");
  });
  it('7 window.open denied (setWindowOpenHandler answers deny)', () => {
    expect(mainSrc).toMatch(/setWindowOpenHandler\([\s\S]*?return \{ action: 'deny' \}/);
  });
  it('8 <webview> disabled and never attached', () => {
    expect(windowSrc).toMatch(/webPreferences: \{[^}]*\bwebviewTag: false,/);
    expect(mainSrc).toMatch(/'will-attach-webview', \(event\) => event\.preventDefault\(\)/);
  });
  it('9 every permission request and check refused', () => {
    expect(mainSrc).toMatch(/setPermissionRequestHandler\(\(_contents, _permission, callback\) => callback\(false\)\)/);
    expect(mainSrc).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
  });
  it('10 IPC sender validated on every call', async () => {
    const { createIpcHandler } = await import('../../electron/main/ipc.ts');
    const host = fakeHost();
    for (const channel of CHANNELS) {
      const r = await createIpcHandler(host, channel, undefined, () => {})(
        { senderFrame: { url: 'https://evil.example/' } } as never,
        {},
      );
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(host.call).not.toHaveBeenCalled();
  });
  it('11 shell.openExternal only for https and only after the user confirms', () => {
    expect(isAllowedExternalUrl('http://example.com/')).toBe(false);
    expect(mainSrc).toMatch(/response === 0 && isAllowedExternalUrl\(url\)\) await shell\.openExternal\(url\)/);
    expect(mainSrc.match(/shell\.openExternal\(/g)).toHaveLength(1);
  });
  it('12 fuses flipped at pack time (RunAsNode, NODE_OPTIONS, inspect off; asar integrity and asar-only on)', () => {
    const text = src('electron-builder.yml');
    for (const line of [
      'runAsNode: false',
      'enableNodeOptionsEnvironmentVariable: false',
      'enableNodeCliInspectArguments: false',
      'enableEmbeddedAsarIntegrityValidation: true',
      'onlyLoadAppFromAsar: true',
    ]) {
      expect(text).toContain(line);
    }
  });
  it('13 the renderer gets four functions (invoke, progressOf, cancel, onCoreEvent) and only allow-listed channels', () => {
    expect(src('electron/preload/index.ts')).toMatch(
      /exposeInMainWorld\('api', \{ invoke, progressOf, cancel, onCoreEvent \}\)/,
    );
  });
  it('14 file paths never come from the renderer: no channel input has a path-like field', async () => {
    const { contract } = await import('../../shared/ipc/contract.ts');
    const { z } = await import('zod');
    for (const [channel, spec] of Object.entries(contract)) {
      const js = JSON.stringify(z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }));
      const keys = [...js.matchAll(/"([A-Za-z]+)":\{/g)].map((m) => m[1]!);
      // An upload carries its bytes (base64) and its original name for display only — never a path to open.
      const uploadName = (k: string) => k === 'fileName' && /base64/i.test(js);
      expect(
        keys.filter((k) => /path|file|dir|folder/i.test(k) && !uploadName(k)),
        channel,
      ).toEqual([]);
    }
  });
});

describe('dialogs.ts (main shows the dialog, the core hands out a token)', () => {
  it('returns the chosen folder/file, or null when cancelled', async () => {
    const { electronDialogs } = await import('../../electron/main/dialogs.ts');
    expect(await electronDialogs.pickFolder({ title: '选' })).toBe('/media/usb/备份');
    const opts = h.electron.dialog.showOpenDialog.mock.calls[0]!.at(-1) as unknown as { properties: string[] };
    expect(opts.properties).toContain('openDirectory');
    expect(
      await electronDialogs.saveFile({
        title: '存',
        defaultName: '留痕.xlsx',
        filter: { name: 'Excel', extensions: ['xlsx'] },
      }),
    ).toBe('/home/u/留痕.xlsx');
    h.electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await electronDialogs.openFile({ title: '开', filter: { name: 'Excel', extensions: ['xlsx'] } })).toBeNull();
  });

  it('main passes its dialogs to the core, so dialog:* channels answer tokens, never paths', async () => {
    expect(src('electron/main/index.ts')).toContain('dialogs: electronDialogs');
    const { createCore } = await import('../../electron/core/index.ts');
    const { electronDialogs } = await import('../../electron/main/dialogs.ts');
    const { handleCall } = await import('../../electron/core/handle-call.ts');
    const core = await createCore({
      dbPath: join(tmp(), 'd.db'),
      dialogs: electronDialogs,
      log: () => {},
      role: '录入员',
    }); // signed in: a signed-out session picks no files
    try {
      const r = (await handleCall(core, 'dialog:pickBackupFolder', {})) as {
        ok: true;
        data: { token: string; label: string };
      };
      expect(r.ok).toBe(true);
      expect(r.data.token).toMatch(/^[0-9a-f-]{36}$/);
      expect(core.ctx.fileTokens.resolve(r.data.token, 'folder')).toBe('/media/usb/备份');
    } finally {
      core.close();
    }
  });
});
