/**
 * 未落实 of a closed month is 总投资 − 资金计划 of the projects that month holds: a project entered after the close (an
 * import of the county's sheet) is in no figure of that month — not its count, not its 总投资, not T3's 未落实 column —
 * so its unfunded 总投资 is not in figures' investment.unfundedFen either. Nor is a 总投资 changed after the close: the
 * month shows the 总投资 it froze, and its 未落实 is taken from that one, so T3's row still adds up to the 总投资 it shows.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;

const project = (over: Record<string, unknown>) =>
  ({
    planYear: 2018,
    location: '镇区',
    scope: '建设内容',
    planStart: '2018-03-01',
    planEnd: '2018-12-31',
    ...over,
  }) as never;

beforeEach(async () => {
  t = await tempCore({ role: '管理员' });
  const a = await t.ok('projects:create', project({ code: '2017-01', name: '养老服务中心', totalWan: '350' }));
  await t.ok('funding:save', { projectId: a.id, funding: [{ source: '县级资金', amountWan: '200' }] } as never);
  await t.ok('periods:close', { period: '2017-09' });
  await t.ok('projects:create', project({ code: '2017-02', name: '镇区主干道改造工程', totalWan: '1800' }));
});
afterEach(() => t.cleanup());

describe('未落实 of a closed month', () => {
  it('is the month’s 总投资 less its 资金计划, as T3 adds it up', async () => {
    const f = await t.ok('figures:set', { period: '2017-09' });
    expect(f.closed).toBe(true);
    expect(f.projects.top).toBe(1);
    expect(f.investment.totalFen).toBe(350_000_000);
    expect(f.investment.unfundedFen).toBe(150_000_000);

    const file = await t.ok('excel:export', { template: 'T3', period: '2017-09' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const ws = wb.worksheets[0]!;
    let col = 0;
    let totalRow = 0;
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (cell.value === '未落实') col = c;
        if (typeof cell.value === 'string' && cell.value.startsWith('总合计')) totalRow = r;
      }),
    );
    const cell = ws.getCell(totalRow, col).value as { result?: number };
    expect(Math.round((cell.result ?? Number(cell)) * 1_000_000)).toBe(f.investment.unfundedFen);
  });

  it('is taken from the 总投资 the month froze, not one changed after the close', async () => {
    const a = (await t.ok('projects:list', {})).find((p: { name: string }) => p.name === '养老服务中心')!;
    await t.ok('projects:update', { id: a.id, patch: { totalWan: '500' } } as never);
    const f = await t.ok('figures:set', { period: '2017-09' });
    expect(f.investment.totalFen).toBe(350_000_000);
    expect(f.investment.unfundedFen).toBe(f.investment.totalFen - f.funds['计划']!['合计']!.fen);
    expect(f.investment.unfundedFen).toBe(150_000_000);

    const file = await t.ok('excel:export', { template: 'T3', period: '2017-09' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const ws = wb.worksheets[0]!;
    const cols = new Map<string, number>();
    let row = 0;
    ws.eachRow((r, n) =>
      r.eachCell((cell, c) => {
        if (typeof cell.value === 'string') cols.set(cell.value, c);
        if (cell.value === '养老服务中心') row = n;
      }),
    );
    const at = (header: string) => Number(ws.getCell(row, cols.get(header)!).value);
    expect(at('总投资')).toBe(350);
    // the eight 资金构成 columns add up to the 总投资 the row shows
    const parts = ['中央资金', '省级资金', '市级资金', '区县资金', '银行贷款', '企业自筹', '其他来源', '未落实'];
    expect(parts.reduce((a, h) => a + at(h), 0)).toBe(350);
    expect(at('未落实')).toBe(150);
  });
});
