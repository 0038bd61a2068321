/**
 * A project whose parts add up to a hair less than its 总投资 (333.333333 vs 111.115 + 222.215 万元) says by how much
 * in T1's 备注: “相差0.003333万元”, not “相差0.00万元” — a note that there is a difference must not print it as none.
 * A difference of whole 万元 still reads with two decimals (相差582.00万元).
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectInput, tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;

const project = projectInput;

async function notes(): Promise<string[]> {
  const file = await t.ok('excel:export', { template: 'T1', period: '2017-09' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
  const out: string[] = [];
  wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && out.push(c.value)));
  return out.filter((s) => s.includes('子项目合计'));
}

beforeEach(async () => {
  t = await tempCore();
});
afterEach(() => t.cleanup());

describe('子项目合计 and 总投资 differing', () => {
  it('by less than 0.005万元 says the exact difference', async () => {
    const p = await t.ok(
      'projects:create',
      project({ code: '2017-25', name: '镇区雨污分流改造', totalWan: '333.333333' }),
    );
    await t.ok(
      'projects:create',
      project({ name: '雨污分流一期', parentId: p.id, code: '2017-25-01', totalWan: '111.115' }),
    );
    await t.ok(
      'projects:create',
      project({ name: '雨污分流二期', parentId: p.id, code: '2017-25-02', totalWan: '222.215' }),
    );
    const found = await notes();
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('子项目合计333.33万元，与总投资相差0.003333万元');
  });

  it('by whole 万元 reads with two decimals', async () => {
    const p = await t.ok('projects:create', project({ code: '2017-03', name: '蒲州商业街工程', totalWan: '2700' }));
    await t.ok(
      'projects:create',
      project({ name: '商业街硬化工程', parentId: p.id, code: '2017-03-01', totalWan: '2118' }),
    );
    expect((await notes())[0]).toContain('子项目合计2118.00万元，与总投资相差582.00万元');
  });
});
