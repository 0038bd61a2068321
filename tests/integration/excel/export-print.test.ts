// Readable on paper (issue 13, deliverable 7): each of T1–T5, exported from the 蒲州镇 demo ledger and read back by
// openpyxl (tests/helpers/xlsx_snapshot.py) and SheetJS, prints its body text at 9 pt or more (the scale worked out
// from the paper, margins and column widths: fit-to-width only where that scale holds, otherwise a fixed scale
// with title rows and columns repeated), gives every wrapped text the row height its lines need, and shows every
// unwrapped value whole within its column or merged span (no clipped 合计, no ### numbers).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { PY } from '../../helpers/python.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

const SNAPSHOT = fileURLToPath(new URL('../../helpers/xlsx_snapshot.py', import.meta.url));

interface Style {
  font: { size: number };
  alignment: { wrap: boolean };
}
interface Sheet {
  merges: string[];
  rowHeights: Record<string, { ht: number }>;
  colWidths: Record<string, number>;
  print: {
    paperSize: number;
    scale: number | null;
    fitToPage: boolean;
    fitToWidth: number;
    fitToHeight: number;
    margins: number[];
    titleRows: string | null;
    titleCols: string | null;
  };
  cells: Record<string, { row: number; col: number; value: unknown; style: Style }>;
}

let t: TempCore;
beforeAll(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
});
afterAll(() => t.cleanup());

// Independent of the app's own measure: CJK and full-width characters print about twice a digit's width.
const wide = (ch: string) =>
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ||
  ch.codePointAt(0)! > 0x1ffff;
const units = (text: string) => [...text].reduce((a, ch) => a + (wide(ch) ? 2 : 1), 0);
/**
 * Printed width of a column in points, the wider of two programs' measure: Excel's width unit is the default font's
 * digit (7 px) plus 5 px padding; LibreOffice without Calibri or Carlito draws 7 pt a unit (its own .ods of these
 * files: width 6 → 42 pt), and fits the page, or chooses its scale, by that.
 */
const colPt = (w: number) => Math.max(((w * 7 + 5) * 72) / 96, w * 7);
const PAPER_MM: Record<number, number> = { 9: 297, 8: 420 };

describe.each(['T1', 'T2', 'T3', 'T4', 'T5'] as const)('%s on paper', (template) => {
  it('prints body text at ≥ 9 pt, rows tall enough for their wrapped lines, nothing clipped', async () => {
    expect(PY, '需要 python3 与 openpyxl').toBeDefined();
    const out = await t.ok('excel:export', { template, period: '2017-09' });
    const file = join(t.dir, `${template}.xlsx`);
    writeFileSync(file, Buffer.from(out.base64, 'base64'));
    const s = (
      JSON.parse(execFileSync(PY!, [SNAPSHOT, file], { encoding: 'utf8', maxBuffer: 256 << 20 })) as { sheets: Sheet[] }
    ).sheets[0]!;
    const cached = XLSX.read(Buffer.from(out.base64, 'base64'), { cellNF: true }).Sheets[
      XLSX.read(Buffer.from(out.base64, 'base64'), { bookSheets: true }).SheetNames[0]!
    ]!;

    const letters = Object.keys(s.colWidths).sort((a, b) => XLSX.utils.decode_col(a) - XLSX.utils.decode_col(b));
    const widthOf = (c: number) => s.colWidths[XLSX.utils.encode_col(c)] ?? 8.43;
    const totalPt = letters.reduce((a, L) => a + colPt(s.colWidths[L]!), 0);
    const p = s.print;
    const printablePt = (PAPER_MM[p.paperSize]! / 25.4) * 72 - (p.margins[0]! + p.margins[1]!) * 72;
    let scale: number;
    if (p.fitToPage) {
      expect([p.fitToWidth, p.fitToHeight]).toEqual([1, 0]);
      scale = Math.min(1, printablePt / totalPt);
    } else {
      scale = (p.scale ?? 100) / 100;
      // Several pages wide: the header rows and at least 序号 repeat on every page.
      expect(totalPt * scale).toBeGreaterThan(printablePt);
      expect(p.titleRows).toMatch(/^\$?\d+:\$?\d+$/);
      expect(p.titleCols).toMatch(/^\$?A:\$?[A-E]$/);
    }
    const bodySizes = Object.values(s.cells)
      .filter((c) => c.row > 4 && c.value !== null)
      .map((c) => c.style.font.size);
    expect(bodySizes.length).toBeGreaterThan(0);
    expect(Math.min(...bodySizes) * scale, `正文打印字号（缩放 ${Math.round(scale * 100)}%）`).toBeGreaterThanOrEqual(
      9,
    );

    // Spans: a merged range's width and height are its columns' and rows' sums.
    const spans = s.merges.map((m) => XLSX.utils.decode_range(m));
    const heightOf = (r: number) => s.rowHeights[r]?.ht ?? 15;
    for (const cell of Object.values(s.cells)) {
      if (cell.value === null || cell.value === '') continue;
      const m = spans.find((x) => x.s.r + 1 === cell.row && x.s.c + 1 === cell.col);
      if (
        spans.some(
          (x) =>
            x !== m && x.s.r + 1 <= cell.row && cell.row <= x.e.r + 1 && x.s.c + 1 <= cell.col && cell.col <= x.e.c + 1,
        )
      )
        continue;
      const c0 = cell.col - 1;
      const c1 = m ? m.e.c : c0;
      const width = Array.from({ length: c1 - c0 + 1 }, (_, k) => widthOf(c0 + k)).reduce((a, w) => a + w, 0);
      const height = Array.from({ length: m ? m.e.r - m.s.r + 1 : 1 }, (_, k) => heightOf(cell.row + k)).reduce(
        (a, h) => a + h,
        0,
      );
      const ref = XLSX.utils.encode_cell({ r: cell.row - 1, c: c0 });
      const shown = (cached[ref] as XLSX.CellObject | undefined)?.w ?? String(cell.value);
      const size = cell.style.font.size;
      const textUnits = (line: string) => (units(line) * size) / 10;
      if (cell.style.alignment.wrap) {
        // Lines at the column's width (one unit of padding), each at least 1.2 × the font size tall.
        const lines = shown
          .split('\n')
          .reduce((a, line) => a + Math.max(1, Math.ceil(textUnits(line) / Math.max(1, width - 1))), 0);
        expect(height, `${template} ${ref}「${shown.slice(0, 20)}」${lines} 行`).toBeGreaterThanOrEqual(
          lines * size * 1.2,
        );
      } else {
        expect(textUnits(shown), `${template} ${ref}「${shown.slice(0, 20)}」宽度`).toBeLessThanOrEqual(width);
      }
    }
  });
});
