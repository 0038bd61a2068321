/**
 * Electron main entry: a thin adapter. It owns process concerns only — single instance, paths, windows,
 * the app:// protocol and IPC wiring — and hands every call to the plain-Node core.
 */
import { app, dialog, Menu, type BrowserWindow } from 'electron';
import type { AppError } from '../core/errors.ts';
import { createCore, resolveDbPath, type Core, type CoreConfig } from '../core/index.ts';
import { createRecoveryCore } from '../core/recovery.ts';
import { PRODUCT_NAME } from '../core/services/app.service.ts';
import { registerAppScheme, serveAppProtocol } from './app-protocol.ts';
import { electronDialogs } from './dialogs.ts';
import { registerIpc } from './ipc.ts';
import { electronPdfPrinter } from './print.ts';
import { createMainWindow, hardenSession, hardenWebContents } from './window.ts';

const APP_USER_MODEL_ID = 'cn.gov.town.ledger'; // = appId in electron-builder.yml

/**
 * Start-up failures where the database file must stay exactly as it is: the window opens on the
 * recovery screen (served by the recovery core), which says what is wrong and offers the safe action
 * (retry for a locked or unreadable file, the newest good backup otherwise).
 */
const RECOVERABLE_DB_CODES = new Set(['DB_FROM_FUTURE', 'DB_DAMAGED', 'DB_LOCKED', 'DB_UNREADABLE', 'DB_EMPTY', 'DB_FOREIGN']);

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

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

/** The normal core, or the recovery core when the database cannot be opened safely. */
async function openCore(cfg: CoreConfig): Promise<Core> {
  try {
    return await createCore(cfg);
  } catch (err) {
    // By code rather than instanceof: the error may come from another copy of the core module (tests).
    const code = (err as { code?: unknown } | null)?.code;
    if (err instanceof Error && typeof code === 'string' && RECOVERABLE_DB_CODES.has(code)) {
      console.error(`[main] 数据库无法打开（${code}），进入恢复模式：${err.message}`);
      return createRecoveryCore(cfg, err as AppError, createCore);
    }
    throw err;
  }
}

async function start(): Promise<void> {
  app.on('second-instance', focusMainWindow);
  // Every WebContents, including ones created later, gets the navigation / window-open / webview guards.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    core?.close();
    core = null;
  });

  await app.whenReady();
  // The installed app has no menu: Electron's default one offers 切换开发者工具 and reload (Ctrl+Shift+I, Ctrl+R).
  if (app.isPackaged) Menu.setApplicationMenu(null);
  hardenSession();
  serveAppProtocol();

  const dbPath = resolveDbPath(app.getPath('userData'));
  try {
    // Every PDF the core makes (documents, the audit log) is printed by Electron's own Chromium.
    core = await openCore({ dbPath, log: (m) => console.error(`[core] ${m}`), dialogs: electronDialogs, pdfPrinter: electronPdfPrinter });
  } catch (err) {
    reportStartupFailure(err, dbPath);
    app.exit(1);
    return;
  }
  registerIpc(core);
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
