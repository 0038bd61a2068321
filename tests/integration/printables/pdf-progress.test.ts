/**
 * A PDF (a printout, the audit log) is long work the clerk can watch and stop (issue 16, deliverable 2): the call
 * reports its stages, and a 取消 stops the printer itself (the Chromium process is ended, not waited for) and ends
 * the call as cancelled — no file written. Before, reports:pdf and audit:export reported nothing and the print ran
 * to its end whatever the clerk pressed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCall } from '../../../electron/core/handle-call.ts';
import type { PdfPrinter } from '../../../electron/core/printables/pdf-printer.ts';
import { CANCELLED_MESSAGE } from '../../../electron/core/progress.ts';
import { chromiumPrinter } from '../../../electron/printing/chromium-printer.ts';
import { hasChromium } from '../../helpers/chromium.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

/** The real printer, telling how each print ended. */
const ends: string[] = [];
const watched: PdfPrinter = {
  async print(html, opts) {
    try {
      const pdf = await chromiumPrinter.print(html, opts);
      ends.push('printed');
      return pdf;
    } catch (e) {
      ends.push(opts?.signal?.aborted ? 'stopped' : 'failed');
      throw e;
    }
  },
};

describe.skipIf(!hasChromium)('PDFs report their stages and stop on 取消', () => {
  let t: TempCore;
  beforeAll(async () => {
    t = await tempCore({ pdfPrinter: watched });
    await t.ok('app:onboard', { mode: 'demo' });
  });
  afterAll(() => t?.cleanup());

  /**
   * One call as the shell makes it: progress to `seen`, and a 取消 (the AbortController) `delayMs` after `cancelAt`
   * is seen (0: at once, before the work of that stage begins).
   */
  const run = (channel: 'reports:pdf' | 'audit:export', input: unknown, cancelAt?: string, delayMs = 0) => {
    const seen: string[] = [];
    const controller = new AbortController();
    const result = handleCall(t.core, channel, input, {
      signal: controller.signal,
      progress: (stage, pct) => {
        seen.push(`${stage} ${pct}`);
        if (stage !== cancelAt) return;
        if (delayMs === 0) controller.abort();
        else setTimeout(() => controller.abort(), delayMs);
      },
    });
    return { seen, result };
  };
  const stagesOf = (seen: string[]) => [...new Set(seen.map((s) => s.slice(0, s.lastIndexOf(' '))))];

  it('reports:pdf: 排版, 生成 PDF, 完成 — and a 取消 while printing stops Chromium and ends as cancelled', async () => {
    const whole = run('reports:pdf', { doc: 'progress', period: '2017-09' });
    expect((await whole.result).ok).toBe(true);
    expect(stagesOf(whole.seen)).toEqual(['排版', '生成 PDF', '完成']);
    // The bar moves while Chromium prints (it stood at 10% for the whole print): from 10, up, never to 90 before done.
    const printing = whole.seen
      .filter((s) => s.startsWith('生成 PDF'))
      .map((s) => Number(s.slice(s.lastIndexOf(' ') + 1)));
    expect(printing[0]).toBe(10);
    expect(printing.length).toBeGreaterThan(2);
    expect(printing.every((p, i) => i === 0 || p > printing[i - 1]!)).toBe(true);
    expect(printing.at(-1)).toBeLessThan(90);
    expect(whole.seen.at(-1)).toBe('完成 100');

    ends.splice(0);
    // 50 ms into the print: Chromium is running.
    const stopped = run('reports:pdf', { doc: 'progress', period: '2017-09' }, '生成 PDF', 50);
    const r = await stopped.result;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ code: 'CANCELLED', message: CANCELLED_MESSAGE });
    expect(ends).toEqual(['stopped']);
    expect(stopped.seen).not.toContain('完成 100');
  });

  it.each(['pdf', 'xlsx'] as const)('audit:export %s: stages, and a 取消 leaves no file', async (format) => {
    const input = (name: string) => ({
      format,
      destToken: t.core.ctx.fileTokens.issue(join(t.dir, name), 'save').token,
      from: null,
      to: null,
      operator: null,
    });
    const whole = run('audit:export', input(`留痕.${format}`));
    expect((await whole.result).ok).toBe(true);
    expect(stagesOf(whole.seen)).toEqual(
      format === 'pdf'
        ? ['读取修改记录', '核对修改留痕', '生成 PDF']
        : ['读取修改记录', '核对修改留痕', '生成表格', '压缩生成文件'],
    );
    expect(existsSync(join(t.dir, `留痕.${format}`))).toBe(true);

    const cancelAt = format === 'pdf' ? '生成 PDF' : '生成表格';
    const stopped = run('audit:export', input(`取消的留痕.${format}`), cancelAt);
    const r = await stopped.result;
    expect(!r.ok && r.error.code).toBe('CANCELLED');
    expect(existsSync(join(t.dir, `取消的留痕.${format}`))).toBe(false);
  });
});
