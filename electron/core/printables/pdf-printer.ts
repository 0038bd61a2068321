/**
 * The port through which the core turns its printed documents into PDF. The core renders self-contained
 * HTML whose @page rules already fix paper, orientation, margins and page numbers; the shell that hosts
 * the core supplies the printer (Electron's printToPDF in the app, a system Chromium for the CLI, browser
 * mode and tests), so the core never starts a browser itself and needs nothing that the app does not ship.
 */
import { AppError } from '../errors.ts';
import { PRODUCT_NAME } from '../product.ts';
import { callSignal, cancelledError, checkpoint } from '../progress.ts';
import { pageTitle } from './html.ts';
import { withDocumentInfo } from './pdf-info.ts';

export interface PdfPrintOptions {
  /** Stops the print (the printer ends its window or browser process and rejects). */
  signal?: AbortSignal;
}

export interface PdfPrinter {
  /** Prints one self-contained HTML document (no network, no scripts needed) to PDF bytes. */
  print(html: string, opts?: PdfPrintOptions): Promise<Buffer>;
}

/**
 * Documents need no script and load nothing (fonts are the machine's, pictures are data: URLs), so printers
 * print them under a policy that allows neither. It goes into the page itself, right after the doctype
 * (before it the page would fall into quirks mode): Chromium's switch for turning scripts off stops its
 * headless printer from writing anything, and Electron's print window gets it on top of javascript: false.
 */
const LOCKDOWN = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">`;

export function lockedDown(html: string): string {
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  return doctype ? doctype[0] + LOCKDOWN + html.slice(doctype[0].length) : LOCKDOWN + html;
}

/**
 * Prints through the context's printer, and gives the PDF the document's title and the app's name as its
 * properties. A refusal the printer explains itself in Chinese (no Chromium on this PC) keeps its message;
 * any other failure (the printer logs its details) becomes one Chinese message that names the way out.
 */
export async function printPdf(
  ctx: { pdfPrinter: PdfPrinter | null },
  html: string,
  opts?: PdfPrintOptions,
): Promise<Buffer> {
  if (!ctx.pdfPrinter)
    throw new AppError(
      'UNREADABLE',
      '此处无法生成 PDF（没有可用的打印程序）。请先输出 .html 文件，在浏览器中打印为 PDF。',
    );
  // Without a signal of its own, the print stops when the call it serves is cancelled.
  const own = callSignal();
  const signal = opts?.signal ?? own;
  let pdf: Buffer;
  try {
    pdf = await ctx.pdfPrinter.print(html, signal ? { ...opts, signal } : opts);
  } catch (e) {
    if (e instanceof AppError) throw e;
    // A cancelled print ends the way the caller asked for, not as a failure.
    if (signal?.aborted) throw signal === own ? cancelledError() : signal.reason;
    throw new AppError('INTERNAL', '生成PDF失败，请改用“打印”并选择“另存为PDF”');
  }
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-')
    throw new AppError('INTERNAL', '生成PDF失败（打印程序返回的不是 PDF 文件），请改用“打印”并选择“另存为PDF”');
  checkpoint(); // 取消 pressed as the printer finished
  return withAppInfo(pdf, html);
}

/**
 * Whichever printer made it, the PDF's properties (what a reader's 文档属性 shows) name the document by its
 * <title> and the app by its Chinese name, in place of the browser's English.
 */
export function withAppInfo(pdf: Buffer, html: string): Buffer {
  return withDocumentInfo(pdf, { title: pageTitle(html), creator: PRODUCT_NAME, producer: PRODUCT_NAME });
}

/** The number of pages of a PDF the printer made (Chromium's and Electron's Skia write each page object plainly). */
export function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}
