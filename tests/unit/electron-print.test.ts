/**
 * The app's PdfPrinter (electron/main/print.ts) with Electron's BrowserWindow stood in for (no Electron
 * binary in CI): the window it opens, what it loads and prints, and that main hands it to the core so the
 * documents and the audit PDF go through it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const windows: FakeWindow[] = [];
let printResult: () => Promise<Buffer> = async () => Buffer.from('%PDF-1.7 fake');

class FakeWindow {
  loaded: { path: string; html: string } | null = null;
  printOptions: unknown = null;
  destroyed = false;
  constructor(readonly options: unknown) {
    windows.push(this);
  }
  async loadFile(path: string) {
    this.loaded = { path, html: readFileSync(path, 'utf8') };
  }
  webContents = {
    printToPDF: async (o: unknown) => {
      this.printOptions = o;
      return printResult();
    },
  };
  destroy() {
    this.destroyed = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

vi.mock('electron', () => ({ BrowserWindow: FakeWindow }));

const { electronPdfPrinter } = await import('../../electron/main/print.ts');
const { tempCore } = await import('../helpers/temp-core.ts');
const { lockedDown } = await import('../../electron/core/printables/pdf-printer.ts');

afterEach(() => {
  windows.splice(0);
  printResult = async () => Buffer.from('%PDF-1.7 fake');
});

describe('PDF in the desktop app', () => {
  it("prints in a hidden, sandboxed, script-less window from a temporary file, by the document's own @page rules, and cleans up", async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const html = '<!doctype html><meta charset="utf-8"><style>@page { size: A3 landscape }</style><p>挂图作战图</p>';
    const pdf = await electronPdfPrinter.print(html);
    expect(pdf.toString()).toBe('%PDF-1.7 fake');
    const [win] = windows;
    expect(win!.options).toMatchObject({
      show: false,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    expect(win!.loaded!.html).toBe(lockedDown(html));
    expect(win!.loaded!.html).toMatch(
      /^<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none';/,
    );
    expect(win!.printOptions).toEqual({ preferCSSPageSize: true, printBackground: true });
    expect(win!.destroyed).toBe(true);
    expect(existsSync(win!.loaded!.path)).toBe(false);
  });

  it('a cancelled print closes its window and rejects with the reason', async () => {
    const ac = new AbortController();
    printResult = () => new Promise<Buffer>(() => ac.abort(new Error('用户取消')));
    await expect(electronPdfPrinter.print('<p>取消</p>', { signal: ac.signal })).rejects.toThrow('用户取消');
    expect(windows[0]!.destroyed).toBe(true);
  });

  it('the core given this printer prints the rendered document and the audit log through it; a failed print is refused in Chinese', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const t = await tempCore({ pdfPrinter: electronPdfPrinter });
    try {
      await t.ok('app:onboard', { mode: 'demo' });
      const r = await t.ok('reports:pdf', { doc: 'lagging', period: '2017-09' });
      expect(r).toMatchObject({ bytes: 13, base64: Buffer.from('%PDF-1.7 fake').toString('base64') });
      expect(r.fileName).toMatch(/\.pdf$/);
      const rendered = await t.ok('reports:render', { doc: 'lagging', period: '2017-09' });
      expect(windows.map((w) => w.loaded!.html)).toEqual([lockedDown(rendered.html)]);

      const dest = t.core.ctx.fileTokens.issue(join(t.dir, '留痕.pdf'), 'save').token;
      await t.ok('audit:export', { format: 'pdf', destToken: dest, from: null, to: null, operator: null });
      expect(windows[1]!.loaded!.html).toContain('修改留痕（审计导出）');
      expect(readFileSync(join(t.dir, '留痕.pdf'), 'utf8')).toBe('%PDF-1.7 fake');

      printResult = async () => {
        throw new Error('boom');
      };
      const failed = await t.call('reports:pdf', { doc: 'lagging', period: '2017-09' });
      expect(failed).toMatchObject({
        ok: false,
        error: { code: 'INTERNAL', message: '生成PDF失败，请改用“打印”并选择“另存为PDF”' },
      });
      expect(windows[2]!.destroyed).toBe(true);
    } finally {
      t.cleanup();
    }
  });
});
