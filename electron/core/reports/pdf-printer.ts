/**
 * The port through which the core has HTML printed to PDF: the shell provides it (Electron's printToPDF in the
 * app, Chromium in tests and browser mode), so the core itself ships no browser.
 */
export interface PdfPrinter {
  print(html: string, opts?: Record<string, unknown>): Promise<Buffer>;
}
