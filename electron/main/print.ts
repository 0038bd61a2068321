/**
 * Printed documents in the desktop app: the core renders a document as self-contained HTML (the same
 * HTML the preview shows); Electron's own Chromium turns it into PDF in a hidden, script-less window.
 * So 另存为PDF needs no browser on the office PC. (The CLI and the browser harness use the core's
 * Chromium-based pdf.ts instead.)
 */
import { BrowserWindow } from 'electron';
import type { Result } from '../../shared/ipc/result.ts';
import { handleCall } from '../core/handle-call.ts';
import type { Core } from '../core/index.ts';

export async function htmlToPdf(html: string): Promise<Buffer> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    // Paper size, orientation and page numbers come from the document's own @page rules.
    return await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true });
  } finally {
    win.destroy();
  }
}

/** Answers `reports:pdf` like the core would, but printing with Electron: render → printToPDF. */
export async function reportPdfViaElectron(core: Core, raw: unknown, toPdf = htmlToPdf): Promise<Result<unknown>> {
  const rendered = await handleCall(core, 'reports:render', raw);
  if (!rendered.ok) return rendered;
  const { html, title } = rendered.data as { html: string; title: string };
  try {
    const pdf = await toPdf(html);
    return { ok: true, data: { fileName: `${title}.pdf`, base64: pdf.toString('base64'), bytes: pdf.length } };
  } catch (e) {
    core.log(`生成PDF失败：${(e as Error).message}`);
    return { ok: false, error: { code: 'INTERNAL', message: '生成PDF失败，请改用“打印”并选择“另存为PDF”' } };
  }
}
