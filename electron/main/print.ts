/**
 * The app's PdfPrinter: the core renders a document (or the audit log) as self-contained HTML, the same HTML
 * the preview shows, and Electron's own Chromium prints it in a hidden window. So 另存为PDF and the audit PDF
 * need no browser on the office PC. (The CLI, browser mode and tests print with the machine's Chromium,
 * electron/printing/chromium-printer.ts.)
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import { lockedDown, type PdfPrinter, type PdfPrintOptions } from '../core/printables/pdf-printer.ts';

/**
 * The hidden print window: sandboxed, isolated, no Node and no scripts (documents need none), no preload;
 * the session-wide guards (no permissions, no navigation away) reach it through `web-contents-created`.
 */

export async function htmlToPdf(html: string, opts: PdfPrintOptions = {}): Promise<Buffer> {
  const { signal } = opts;
  signal?.throwIfAborted();
  // A file rather than a data: URL: an 一项目一档 with its photos easily passes Chromium's 2 MB limit on URLs.
  const dir = await mkdtemp(join(tmpdir(), 'ledger-print-'));
  // Written out in the call, not taken from a constant, so that every checker (electronegativity) sees the lock-down.
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      spellcheck: false,
      // A middle-click cannot open a link in a new window (the documents have none to follow anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  // A cancel answers at once (whatever a destroyed window's pending print does) and closes the window.
  let onAbort = () => {};
  const cancelled = new Promise<never>((_, reject) => {
    onAbort = () => {
      reject(signal!.reason);
      if (!win.isDestroyed()) win.destroy();
    };
  });
  cancelled.catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  const print = async () => {
    const page = join(dir, 'document.html');
    await writeFile(page, lockedDown(html), 'utf8');
    await win.loadFile(page);
    // Paper size, orientation and page numbers come from the document's own @page rules.
    return win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true });
  };
  try {
    return await Promise.race([print(), cancelled]);
  } catch (e) {
    signal?.throwIfAborted();
    console.error('[main] 生成PDF失败', e);
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!win.isDestroyed()) win.destroy();
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Handed to the core by main (and, once the core runs in its own process, answered for it by main). */
export const electronPdfPrinter: PdfPrinter = { print: htmlToPdf };
