// A county template whose data area is plain blank rows — no borders, no sample projects — between the header and
// the 填报人 line (or a 合计 row) lower down: the projects go into those rows and the line stays where the county put
// it while they fit. The fill inserted a row for every project above the blank rows, so 填报人 moved from row 30 to
// row 55 with 26 blank rows between the 合计 and it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;
let topLevel: number;

beforeAll(async () => {
  t = await tempCore({ role: '审核人', operator: '周志强' });
  await t.ok('app:onboard', { mode: 'demo' });
  topLevel = t.core.ctx.db.sqlite
    .prepare(`SELECT count(*) FROM project WHERE parent_id IS NULL AND deleted_at IS NULL`)
    .pluck()
    .get() as number;
});
afterAll(() => t.cleanup());

/** Title, unit line, header at row 3, blank rows, and `line` (填报人… or 合计) at row `at`. */
async function template(line: string[], at: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表1');
  ws.getRow(1).values = ['永济市小城镇建设重点项目进展情况月报表'];
  ws.mergeCells('A1:F1');
  ws.getRow(2).values = ['填报单位（盖章）：', null, null, null, null, '单位：万元'];
  ws.getRow(3).values = ['序号', '项目名称', '建设地点', '总投资', '年度计划投资', '本月完成投资'];
  ws.getRow(3).font = { bold: true };
  ws.getRow(at).values = line;
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** The filled sheet's rows: number → its cell texts (formulas as their results). */
async function fill(templateBase64: string): Promise<Map<number, string[]>> {
  const out = await t.ok('excel:templateFill', { fileName: '县里模板.xlsx', templateBase64, period: '2017-09' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
  const rows = new Map<number, string[]>();
  wb.worksheets[0]!.eachRow((row, r) => {
    const cells = (row.values as unknown[])
      .slice(1)
      .map((v) => (v && typeof v === 'object' && 'result' in v ? String(v.result) : v == null ? '' : String(v)));
    if (cells.some((c) => c !== '')) rows.set(r, cells);
  });
  return rows;
}

const rowOf = (rows: Map<number, string[]>, text: RegExp) =>
  [...rows].find(([, cells]) => cells.some((c) => text.test(c)))?.[0];

describe('a template with blank rows for its data', () => {
  it('has room for the sample (its 24 projects and the 合计 fit in 26 blank rows)', () => {
    expect(topLevel).toBe(24);
  });

  it('keeps 填报人 at row 30: the projects in rows 4–27, 合计 at 28, row 29 left blank', async () => {
    const rows = await fill(await template(['填报人：', null, null, '联系电话：'] as string[], 30));
    expect(rowOf(rows, /^填报人/)).toBe(30);
    expect(rows.get(4)![0]).toBe('1');
    expect(rows.get(27)![0]).toBe(String(topLevel));
    expect(rowOf(rows, /^合计/)).toBe(28);
    expect(rows.has(29)).toBe(false);
    expect(Math.max(...rows.keys())).toBe(30);
  });

  it('fills up to a 合计 row lower down and keeps it there', async () => {
    const rows = await fill(await template(['', '合计'], 29));
    expect(rowOf(rows, /^合计/)).toBe(29);
    expect(rows.get(4)![0]).toBe('1');
    expect(rows.get(27)![0]).toBe(String(topLevel));
    expect(rows.has(28)).toBe(false);
  });

  it('inserts only the rows that do not fit when the blank room is too small', async () => {
    const rows = await fill(await template(['填报人：'], 15));
    // 11 blank rows (4–14), one kept above 填报人: 10 for 24 projects and the 合计 → 15 more rows
    expect(rowOf(rows, /^合计/)).toBe(28);
    expect(rowOf(rows, /^填报人/)).toBe(30);
  });
});
