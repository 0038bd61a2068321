/**
 * Every PDF the core produces — the six documents and the audit log — goes through the PdfPrinter its shell
 * gave it. A recording printer wraps the real Chromium printer: it keeps each HTML it was handed and still
 * prints the real PDF, which poppler then reads.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAppInfo, type PdfPrinter } from '../../../electron/core/printables/pdf-printer.ts';
import { chromiumPrinter } from '../../../electron/printing/chromium-printer.ts';
import { hasChromium } from '../../helpers/chromium.ts';
import { DOC_KINDS } from '../../../shared/schemas/printables.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';
import { puzhouWithOrders } from './fixture.ts';

const hasPoppler = existsSync('/usr/bin/pdfinfo');

const printed: { html: string; pdf: Buffer }[] = [];
const recording: PdfPrinter = {
  async print(html, opts) {
    const pdf = await chromiumPrinter.print(html, opts);
    printed.push({ html, pdf });
    return pdf;
  },
};

const pages = (pdf: Buffer, dir: string) => {
  const file = join(dir, 'check.pdf');
  writeFileSync(file, pdf);
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
};

describe.skipIf(!hasChromium || !hasPoppler)('the core prints through the PdfPrinter it was given', () => {
  let t: TempCore;
  let extra: Record<string, Record<string, number>>;
  beforeAll(async () => {
    const { t: base, projectId, redOrderId } = await puzhouWithOrders();
    t = base;
    extra = { card: { projectId }, supervision: { supervisionId: redOrderId } };
    await t.reopen({ pdfPrinter: recording });
  });
  afterAll(() => t?.cleanup());

  it.each(DOC_KINDS.map((d) => [d]))(
    '%s: reports:pdf hands the rendered HTML to the printer and returns its PDF',
    async (doc) => {
      printed.splice(0);
      const input = { doc, period: '2017-09', ...(extra[doc] ?? {}) };
      const r = await t.ok('reports:pdf', input);
      const rendered = await t.ok('reports:render', input);
      expect(printed).toHaveLength(1);
      // The chart's SVG class names count echarts instances in the process (zr0-cls-0, zr2-cls-11…): not content.
      const sameDoc = (html: string) => html.replace(/zr\d+-cls-\d+/g, 'zr-cls');
      expect(sameDoc(printed[0]!.html)).toBe(sameDoc(rendered.html));
      const pdf = Buffer.from(r.base64, 'base64');
      // The printer's PDF, with the document's title and the app's name as its properties.
      expect(pdf.equals(withAppInfo(printed[0]!.pdf, printed[0]!.html))).toBe(true);
      expect(r.bytes).toBe(pdf.length);
      expect(pages(pdf, t.dir)).toBeGreaterThanOrEqual(1);
    },
    60_000,
  );

  it('the audit PDF: the audit-log HTML goes to the printer, and the file written is its PDF', async () => {
    printed.splice(0);
    const dest = join(t.dir, '留痕.pdf');
    const r = await t.ok('audit:export', {
      format: 'pdf',
      destToken: t.core.ctx.fileTokens.issue(dest, 'save').token,
      from: null,
      to: null,
      operator: null,
    });
    expect(printed).toHaveLength(1);
    expect(printed[0]!.html).toContain('修改留痕（审计导出）');
    expect(readFileSync(dest).equals(withAppInfo(printed[0]!.pdf, printed[0]!.html))).toBe(true);
    expect(r.rows).toBeGreaterThan(0);
    expect(pages(printed[0]!.pdf, t.dir)).toBeGreaterThanOrEqual(1);
  }, 60_000);
});

describe('a core without a printer', () => {
  it('refuses every PDF in Chinese and writes no file', async () => {
    const t = await tempCore({ pdfPrinter: null });
    try {
      await t.ok('app:onboard', { mode: 'demo' });
      const doc = await t.call('reports:pdf', { doc: 'lagging', period: '2017-09' });
      expect(doc).toMatchObject({
        ok: false,
        error: { code: 'UNREADABLE', message: expect.stringContaining('无法生成 PDF') },
      });
      const dest = join(t.dir, '留痕.pdf');
      const audit = await t.call('audit:export', {
        format: 'pdf',
        destToken: t.core.ctx.fileTokens.issue(dest, 'save').token,
        from: null,
        to: null,
        operator: null,
      });
      expect(audit).toMatchObject({ ok: false, error: { code: 'UNREADABLE' } });
      expect(existsSync(dest)).toBe(false);
    } finally {
      t.cleanup();
    }
  });

  it('a printer that returns something other than a PDF is refused, not saved', async () => {
    const t = await tempCore({ pdfPrinter: { print: async () => Buffer.from('<html>not a pdf</html>') } });
    try {
      await t.ok('app:onboard', { mode: 'demo' });
      const dest = join(t.dir, '留痕.pdf');
      const audit = await t.call('audit:export', {
        format: 'pdf',
        destToken: t.core.ctx.fileTokens.issue(dest, 'save').token,
        from: null,
        to: null,
        operator: null,
      });
      expect(audit).toMatchObject({
        ok: false,
        error: { code: 'INTERNAL', message: expect.stringContaining('不是 PDF') },
      });
      expect(existsSync(dest)).toBe(false);
    } finally {
      t.cleanup();
    }
  });
});
