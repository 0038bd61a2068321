/**
 * The main window and the guards every WebContents gets. Decisions live in security-policy.ts; this file
 * only attaches them to Electron events, so what is allowed can be tested without the binary.
 */
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, session, shell, type Session, type WebContents } from 'electron';
import { APP_ENTRY_URL, APP_ORIGIN, isAllowedExternalUrl, isTrustedUrl, withCsp } from './security-policy.ts';

/** Built next to this file by vite.electron.config.ts: out/main/index.js → out/preload/index.cjs. */
export const PRELOAD_PATH = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

const hardened = new WeakSet<WebContents>();

async function confirmAndOpenExternal(owner: BrowserWindow | null, url: string): Promise<void> {
  if (!isAllowedExternalUrl(url)) return;
  const options = {
    type: 'question' as const,
    buttons: ['在浏览器中打开', '取消'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: '打开外部链接',
    message: '是否在系统浏览器中打开以下网址？',
    detail: url,
  };
  const { response } = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options);
  // Re-checked right before the call: openExternal is the one way out of the sandbox. Reviewed (electronegativity
  // OPEN_EXTERNAL_JS_CHECK): only https links that pass isAllowedExternalUrl, after the user said yes.
  if (response === 0 && isAllowedExternalUrl(url)) await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

/**
 * Applied to every WebContents (index.ts also hooks `web-contents-created`), so a window created later
 * — e.g. for printing — cannot forget the guards. Idempotent.
 */
export function hardenWebContents(contents: WebContents): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);

  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) {
      void confirmAndOpenExternal(BrowserWindow.fromWebContents(contents), url).catch((e: unknown) =>
        console.error('[main] 打开外部链接失败', e),
      );
    }
    return { action: 'deny' };
  });

  const blockForeign = (event: { preventDefault(): void }, url: string) => {
    if (!isTrustedUrl(url)) {
      event.preventDefault();
      console.warn(`[main] 已阻止跳转到 ${url.slice(0, 200)}`);
    }
  };
  contents.on('will-navigate', (event) => blockForeign(event, event.url));
  // Sub-frames only: the main frame is already covered by will-navigate.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) blockForeign(event, event.url);
  });
  contents.on('will-redirect', (event) => blockForeign(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Session-wide rules: no permission is ever granted, and app:// responses carry our CSP. */
export function hardenSession(ses: Session = session.defaultSession): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // No URL filter: filters with custom schemes have been rejected by some Electron versions.
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (details.url.startsWith(`${APP_ORIGIN}/`)) {
      callback({ responseHeaders: withCsp(details.responseHeaders) });
    } else {
      callback({});
    }
  });
}

export function createMainWindow(title: string): BrowserWindow {
  const win = new BrowserWindow({
    title,
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    // Written out here, not built by a helper, so that every checker (electronegativity, reviewers) sees
    // the renderer's lock-down literally where the window is created. No DevTools in the installed app: they
    // would read and call everything the window can.
    webPreferences: {
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
      // A middle-click cannot open a link in a new window behind the navigation guards' back.
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
      // Reviewed (electronegativity PRELOAD_JS_CHECK): the preload exposes only invoke/on for the contract's
      // channel names (electron/preload/index.ts), nothing of Node or ipcRenderer itself.
      preload: PRELOAD_PATH, // eng-disable PRELOAD_JS_CHECK
    },
  });
  hardenWebContents(win.webContents);
  // The product name stays in the title bar whatever the page's <title> says.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
