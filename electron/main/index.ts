/**
 * Electron main entry: a thin adapter. It owns process concerns only — single instance, paths, windows, menus,
 * dialogs, printing, the app:// protocol and IPC wiring. The core never runs here: it runs in an Electron utility
 * process (core-process.ts), which main starts, restarts when it dies, and answers when the core needs a dialog
 * or a PDF printed. A ledger file that cannot be opened safely (DB_FROM_FUTURE, DB_DAMAGED, DB_LOCKED…) opens the
 * core host in recovery mode (createCoreOrRecovery), and the window shows the recovery screen.
 */
import { app, dialog, Menu, type BrowserWindow } from 'electron';
import type { CoreHostClient } from '../core-host/client.ts';
import { resolveDbPath } from '../core/paths.ts';
import { PRODUCT_NAME } from '../core/product.ts';
import { registerAppScheme, serveAppProtocol } from './app-protocol.ts';
import { utilityHost } from './core-process.ts';
import { electronDialogs } from './dialogs.ts';
import { registerIpc } from './ipc.ts';
import { electronPdfPrinter } from './print.ts';
import { createMainWindow, hardenSession, hardenWebContents } from './window.ts';

const APP_USER_MODEL_ID = 'cn.gov.town.ledger'; // = appId in electron-builder.yml

let mainWindow: BrowserWindow | null = null;
let host: CoreHostClient | null = null;

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function reportStartupFailure(err: unknown, dbPath: string): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error('[main] 启动失败', err);
  dialog.showErrorBox(`${PRODUCT_NAME} 无法启动`, `${message}\n\n数据库文件：${dbPath}`);
}

async function start(): Promise<void> {
  app.on('second-instance', focusMainWindow);
  // Every WebContents, including ones created later, gets the navigation / window-open / webview guards.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    const closing = host;
    if (!closing) return;
    // The core seals its last write and closes the ledger before the app goes; then quit again for real.
    event.preventDefault();
    host = null;
    void closing.close().finally(() => app.quit());
  });

  await app.whenReady();
  // The installed app has no menu: Electron's default one offers 切换开发者工具 and reload (Ctrl+Shift+I, Ctrl+R).
  if (app.isPackaged) Menu.setApplicationMenu(null);
  hardenSession();
  serveAppProtocol();

  const dbPath = resolveDbPath(app.getPath('userData'));
  // Every PDF the core makes (documents, the audit log) is printed by Electron's own Chromium, in main.
  const client = utilityHost(dbPath, { dialogs: electronDialogs, pdfPrinter: electronPdfPrinter });
  client.on('log', (m: string) => console.error(`[core] ${m}`));
  client.on('restarted', (mode: string) => console.error(`[main] 程序核心已重新启动（${mode}）`));
  client.on('failed', (m: string) => console.error(`[main] ${m}`));
  try {
    const mode = await client.start();
    if (mode === 'recovery') console.error('[main] 数据库无法正常打开，进入恢复模式');
  } catch (err) {
    await client.close().catch(() => undefined);
    reportStartupFailure(err, dbPath);
    app.exit(1);
    return;
  }
  host = client;
  registerIpc(client);
  mainWindow = createMainWindow(PRODUCT_NAME);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

// Both must happen before anything reads userData / before 'ready': the name decides the userData folder
// (and so the single-instance lock), and scheme privileges are only accepted before ready.
app.setName(PRODUCT_NAME);
if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the database; it gets focused through its 'second-instance' event.
  app.quit();
} else {
  start().catch((err: unknown) => {
    console.error('[main] 启动失败', err);
    dialog.showErrorBox(`${PRODUCT_NAME} 无法启动`, err instanceof Error ? err.message : String(err));
    app.exit(1);
  });
}
