/**
 * 未落实 of a closed month is 总投资 − 资金计划 of the projects that month holds: a project entered after the close (an
 * import of the county's sheet) is in no figure of that month — not its count, not its 总投资, not T3's 未落实 column —
 * so its unfunded 总投资 is not in figures' investment.unfundedFen either.
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
});
