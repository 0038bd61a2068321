// A county report several pages wide breaks its columns only between column groups: LibreOffice, Excel and WPS
// printed T3 of the 蒲州镇 sample with 资金构成 cut in two (中央…区县资金 on page 1, 银行贷款…未落实 on page 3) and
// 项目业主 likewise, where the program chose the breaks by width. Read back with openpyxl (an independent reader):
// manual column breaks are written, no merged heading or label under the title spans one, each page's columns
// (序号 and 项目名称 repeated) fit the page at the print scale however the program measures a column (so none
// adds a break of its own), and the title and 填报单位 sit on page 1 and on the repeated columns whole.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLedger } from '../../helpers/generate-projects.ts';
import { PY } from '../../helpers/python.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

const READ = `
import json, sys, openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
ps = ws.page_setup
widths = {}
for d in ws.column_dimensions.values():
    if d.customWidth:
        for i in range(d.min, d.max + 1): widths[i] = d.width
json.dump({
    'breaks': [{'id': b.id, 'man': bool(b.man), 'max': b.max} for b in ws.col_breaks.brk],
    'merges': [[m.min_row, m.max_row, m.min_col, m.max_col, str(ws.cell(m.min_row, m.min_col).value)] for m in ws.merged_cells.ranges],
    'titleRows': ws.print_title_rows, 'titleCols': ws.print_title_cols,
    'paperSize': ps.paperSize, 'orientation': ps.orientation, 'scale': ps.scale,
    'fitToPage': bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
    'margins': [ws.page_margins.left, ws.page_margins.right],
    'widths': [widths.get(i, 8.43) for i in range(1, ws.max_column + 1)],
    'header': [str(ws.cell(4, c).value or ws.cell(3, c).value) for c in range(1, ws.max_column + 1)],
}, sys.stdout, ensure_ascii=False)
`;

interface Read {
  breaks: { id: number; man: boolean; max: number }[];
  /** [row0, row1, col0, col1, text], 1-based */
  merges: [number, number, number, number, string][];
  titleRows: string | null;
  titleCols: string | null;
  paperSize: number;
  orientation: string;
  scale: number | null;
  fitToPage: boolean;
  margins: number[];
  widths: number[];
  header: string[];
}

/**
 * A column's printed width in points, the wider of the two ways programs measure it: Excel and WPS with Calibri
 * (7 px a unit plus 5 px) and LibreOffice without Calibri or Carlito (7 pt a unit, as its own .ods of these files
 * reads: width 6 → 42 pt, 36 → 252 pt).
 */
const colPt = (w: number) => Math.max(((w * 7 + 5) * 72) / 96, w * 7);
const A3_LANDSCAPE_PT = (420 / 25.4) * 72;

let demo: TempCore;
let larger: TempCore;
beforeAll(async () => {
  demo = await tempCore();
  await demo.ok('app:onboard', { mode: 'demo' });
  // A larger ledger of its own shape: other texts, other widths, other break places.
  larger = await tempCore({ autoBackup: false });
  generateLedger(larger.core.ctx.db, { seed: 5, tops: 40, lastMonth: 9 });
});
afterAll(() => {
  demo.cleanup();
  larger.cleanup();
});

async function read(t: TempCore, template: string): Promise<Read> {
  const out = await t.ok('excel:export', { template: template as 'T1', period: '2017-09' });
  const file = join(t.dir, `${template}-breaks.xlsx`);
  writeFileSync(file, Buffer.from(out.base64, 'base64'));
  return JSON.parse(execFileSync(PY, ['-c', READ, file], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Read;
}

const lastTitleCol = (s: Read) => {
  const m = /^\$?A:\$?([A-Z])$/.exec(s.titleCols ?? '');
  return m ? m[1]!.charCodeAt(0) - 64 : 0;
};

describe.each([
  ['蒲州镇', () => demo],
  ['a larger ledger', () => larger],
] as const)('%s', (_, core) => {
  it.each([
    ['T1', '项目名称', ['2017年完成投资', '建设时间']],
    ['T3', '项目名称', ['资金构成', '项目业主']],
    ['T2', '项目名称', ['资金来源']],
    ['T4', '项目名称', ['计划资金', '到位资金', '以奖代补']],
  ] as const)('%s breaks its pages only between column groups, 序号 to %s repeated', async (template, name, groups) => {
    const s = await read(core(), template);
    const n = s.widths.length;
    // Several pages wide on A3 at 90 %: the text prints at 9 pt, and the page is set by hand, not fitted.
    expect(s).toMatchObject({ paperSize: 8, orientation: 'landscape', scale: 90, fitToPage: false });
    expect(s.titleRows).toMatch(/^\$?3:\$?4$/);
    const lead = lastTitleCol(s);
    expect(s.header.slice(0, lead)).toContain('序号');
    expect(s.header[lead - 1]).toBe(name);

    expect(s.breaks.length, '分页符').toBeGreaterThan(0);
    // <brk id="N"> ends a page after column N (1-based); each a manual break over every row.
    const ids = s.breaks.map((b) => b.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const b of s.breaks) {
      expect(b).toMatchObject({ man: true, max: 1048575 });
      expect(b.id).toBeGreaterThan(lead);
      expect(b.id).toBeLessThan(n);
    }

    // No merged cell under the title rows spans a break: headings (资金构成 over its sources) and labels whole.
    for (const [r0, , c0, c1, text] of s.merges.filter(([r0]) => r0 >= 3))
      for (const id of ids)
        expect(c0 <= id && id < c1, `第${r0}行“${text}”（第${c0}–${c1}列）跨过第${id}列后的分页`).toBe(false);
    for (const g of groups) expect(s.merges.some(([r0, , , , text]) => r0 === 3 && text === g)).toBe(true);

    // Each page's columns (after page 1, the repeated ones and its own) fit the page at the print scale in the
    // wider measure, so no program adds a break of its own inside a group.
    const printable = A3_LANDSCAPE_PT - (s.margins[0]! + s.margins[1]!) * 72;
    const ptOf = (from: number, to: number) => s.widths.slice(from, to).reduce((a, w) => a + colPt(w), 0);
    const leadPt = ptOf(0, lead);
    const starts = [0, ...ids];
    starts.forEach((from, k) => {
      const to = starts[k + 1] ?? n;
      const pagePt = (k === 0 ? 0 : leadPt) + ptOf(from, to);
      expect(pagePt * 0.9, `第${k + 1}页（第${from + 1}–${to}列）`).toBeLessThanOrEqual(printable);
    });
    // Without the breaks it would not fit: they are needed.
    expect(ptOf(0, n) * 0.9).toBeGreaterThan(printable);

    // The title and the info row end with page 1; the 填报单位 takes exactly the repeated columns, so every
    // page's top shows it whole and nothing else of row 2 over them.
    const titleMerge = s.merges.find(([r0, r1, c0]) => r0 === 1 && r1 === 1 && c0 === 1);
    expect(titleMerge?.[3]).toBe(ids[0]);
    const row2 = s.merges.filter(([r0]) => r0 === 2).sort((a, b) => a[2] - b[2]);
    expect(row2[0]!.slice(0, 4)).toEqual([2, 2, 1, lead]);
    expect(row2[0]![4]).toMatch(/^填报单位（盖章）：/);
    expect(Math.max(...row2.map((m) => m[3]))).toBeLessThanOrEqual(ids[0]!);
  });
});
