// A county template asks for its figures in its own unit: a unit line (单位：元) or the header (总投资（亿元）,
// 年度计划投资（元）). The fill wrote 万元 figures whatever the template said — 8800 where the county asked for
// 88,000,000 元, off by 10,000 with no warning. Each money column is now filled in its unit, read as the import
// reads a county sheet; a column in a foreign currency is refused, naming it, and nothing is filled.
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;
/** 总投资 of the sample's top-level projects, by name, in 分 (straight from the ledger's rows), and 年度计划 in 分 as
 * the fill writes it into a template that states no unit (万元, the unit every export has always used). */
let fen: Map<string, { total: number; plan: number }>;

beforeAll(async () => {
  t = await tempCore({ role: '审核人', operator: '周志强' });
  await t.ok('app:onboard', { mode: 'demo' });
  const rows = t.core.ctx.db.sqlite
    .prepare(`SELECT name, total_fen AS total FROM project WHERE parent_id IS NULL AND deleted_at IS NULL`)
    .all() as { name: string; total: number }[];
  const inWan = (await filled(await template([['序号', '项目名称', '总投资', '年度计划投资']]))).byName;
  fen = new Map(rows.map((r) => [r.name, { total: r.total, plan: Math.round(num(inWan.get(r.name)![3]) * 1e6) }]));
  expect([...fen.values()].some((f) => f.plan > 0)).toBe(true);
});
afterAll(() => t.cleanup());

async function template(rows: (string | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表1');
  rows.forEach((r, i) => (ws.getRow(i + 1).values = r));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** The filled sheet: name → the row's cells, and the 合计 row's cells. */
async function filled(templateBase64: string) {
  const out = await t.ok('excel:templateFill', { fileName: '县里模板.xlsx', templateBase64, period: '2017-09' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
  const byName = new Map<string, unknown[]>();
  let total: unknown[] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const cells = (row.values as unknown[]).slice(1);
    const name = String(cells[1] ?? '');
    if (typeof cells[0] === 'number') byName.set(name, cells);
    if (/^合计/.test(name)) total = cells;
  });
  return { byName, total };
}
const num = (v: unknown) => (typeof v === 'object' && v !== null && 'result' in v ? Number(v.result) : Number(v));

describe('the template fill writes each money column in its unit', () => {
  it('单位：元 on a line above the header: every figure in 元', async () => {
    const { byName, total } = await filled(
      await template([['永济市重点项目进展表'], ['单位：元'], ['序号', '项目名称', '总投资', '年度计划投资']]),
    );
    expect(byName.size).toBe(fen.size);
    for (const [name, f] of fen) {
      expect(num(byName.get(name)![2]), name).toBeCloseTo(f.total / 100, 2);
      expect(num(byName.get(name)![3]), name).toBeCloseTo(f.plan / 100, 2);
    }
    const sumTotal = [...fen.values()].reduce((a, f) => a + f.total, 0);
    expect(num(total[2])).toBeCloseTo(sumTotal / 100, 2);
  });

  it('units in the headers, one per column: 亿元 beside 元 (the inspection shows them to the clerk)', async () => {
    const base64 = await template([['单位：万元'], ['序号', '项目名称', '总投资（亿元）', '年度计划投资（元）']]);
    const inspect = await t.ok('excel:templateInspect', { fileName: '县里模板.xlsx', base64 });
    expect(inspect.columns.map((c) => c.unit)).toEqual(['万元', '万元', '亿元', '元']);
    const { byName, total } = await filled(base64);
    for (const [name, f] of fen) {
      expect(num(byName.get(name)![2]), name).toBeCloseTo(f.total / 1e10, 10);
      expect(num(byName.get(name)![3]), name).toBeCloseTo(f.plan / 100, 2);
    }
    expect(num(total[2])).toBeCloseTo([...fen.values()].reduce((a, f) => a + f.total, 0) / 1e10, 10);
  });

  it('no unit stated: 万元, as before', async () => {
    const { byName } = await filled(await template([['序号', '项目名称', '总投资']]));
    for (const [name, f] of fen) expect(num(byName.get(name)![2]), name).toBeCloseTo(f.total / 1e6, 6);
  });

  it('a money column in 万美元 is refused, named, and nothing is filled', async () => {
    const mappings = () => t.core.ctx.db.sqlite.prepare(`SELECT count(*) FROM excel_mapping`).pluck().get();
    const before = mappings();
    const r = await t.call('excel:templateFill', {
      fileName: '县里模板.xlsx',
      templateBase64: await template([['序号', '项目名称', '总投资（万美元）']]),
      period: '2017-09',
      saveMappingAs: '县里模板.xlsx',
    });
    // Refused whole: not even the column mapping the window asks to keep is saved.
    expect(mappings()).toBe(before);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toContain('C 列“总投资（万美元）”以万美元计');
    }
  });
});

it('a template with no sample rows: the filled sheet declares the rows it now has (SheetJS, and this import, read them)', async () => {
  // SheetJS trusts a sheet's <dimension>: the template's said A1:C3, and the 24 filled rows below were not read.
  const ws = XLSX.utils.aoa_to_sheet([['永济市重点项目进展表'], ['单位：万元'], ['序号', '项目名称', '总投资']]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '表1');
  const out = await t.ok('excel:templateFill', {
    fileName: '县里模板.xlsx',
    templateBase64: (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64'),
    period: '2017-09',
  });
  const back = XLSX.read(Buffer.from(out.base64, 'base64'), { type: 'buffer' });
  const rows = XLSX.utils.sheet_to_json<unknown[]>(back.Sheets['表1']!, { header: 1 });
  expect(rows.filter((r) => typeof r[0] === 'number')).toHaveLength(fen.size);
  expect(rows.at(-1)?.[1]).toBe(`合计（${fen.size}个）`);
  const preview = await t.ok('excel:importPreview', {
    fileName: '已填.xlsx',
    base64: out.base64,
    duplicates: 'update',
  });
  expect(preview.counts.projects).toBe(fen.size);
});
