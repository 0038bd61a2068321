/**
 * A sub-project placed before its project in ledger order (a part without a 编号 under a numbered project — 没有编号的
 * 在前 — or a part added in the window under a sample project, which keeps its 排序号) still rolls up into it: its
 * 拨付 is in the project's 资金 line and T4 row, and its 总投资 stands for a project of 0 in stats. The roll-up
 * visited such a part first and then left it out of its project as if it were a cycle.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectInput, tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
let parentId: number;
let emptyParentId: number;

const project = projectInput;

beforeEach(async () => {
  t = await tempCore();
  parentId = (await t.ok('projects:create', project({ code: '2017-21', name: '镇区健身绿道', totalWan: '250' }))).id;
  const part = await t.ok('projects:create', project({ name: '绿道照明配套', parentId, totalWan: '45.675' }));
  await t.ok('funds:saveFlow', {
    projectId: part.id,
    date: '2017-09-12',
    type: '拨付',
    source: '镇政府自筹',
    amountWan: '20.455',
  } as never);
  // a project whose 总投资 is its parts' (0 of its own)
  emptyParentId = (await t.ok('projects:create', project({ code: '2017-30', name: '镇区雨污分流改造', totalWan: '0' })))
    .id;
  await t.ok('projects:create', project({ name: '雨污分流一期', parentId: emptyParentId, totalWan: '111.115' }));
});
afterEach(() => t.cleanup());

describe('a sub-project before its project in ledger order', () => {
  it('rolls its 拨付 into its project on the 资金 page and in T4, as the town total has it', async () => {
    const funds = await t.ok('funds:summary', { asOf: '2017-09-30' });
    const parent = funds.projects.find((p) => p.id === parentId)!;
    expect(parent.allocatedFen).toBe(20_455_000);
    const figures = await t.ok('figures:set', { period: '2017-09' });
    expect(figures.funds['拨付']!['合计']!.fen).toBe(20_455_000);

    const file = await t.ok('excel:export', { template: 'T4', period: '2017-09' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const ws = wb.worksheets[0]!;
    const find = (text: string, col?: number) => {
      for (let r = 1; r <= ws.rowCount; r++)
        for (let c = col ?? 1; c <= (col ?? ws.columnCount); c++) if (ws.getCell(r, c).value === text) return { r, c };
      throw new Error(`T4 has no cell ${text}`);
    };
    const paidCol = find('已拨付').c;
    expect(ws.getCell(find('镇区健身绿道', 2).r, paidCol).value).toBe(20.455);
  });

  it('gives a project of 0 its parts’ 总投资 in stats, as figures does', async () => {
    const stats = await t.ok('stats:summary', {} as never);
    const figures = await t.ok('figures:set', { period: '2017-09' });
    expect(figures.investment.totalFen).toBe(361_115_000);
    expect(stats.totalInvestmentFen).toBe(figures.investment.totalFen);
  });
});
