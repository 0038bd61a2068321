/**
 * The dates of the county tables read as every other date people read: 2017年5月1日 (display.ts formatDateCn), not
 * 2017-05-01 — the cells stay real Excel dates (a recipient sorts and filters them), only their number format is
 * the Chinese one, and the column is wide enough for it. Read back with SheetJS, as a recipient's program shows it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;

beforeEach(async () => {
  t = await tempCore();
  await t.ok('projects:create', {
    code: '2017-01',
    name: '文化广场及健身场所',
    planYear: 2017,
    location: '镇区',
    scope: '广场8000㎡',
    totalWan: '380',
    planStart: '2017-05-01',
    planEnd: '2017-10-31',
  } as never);
});
afterEach(() => t.cleanup());

describe('dates in the county tables', () => {
  it.each(['T1', 'T2', 'T3'] as const)('%s shows 计划开工/竣工 as 2017年5月1日, a real date', async (template) => {
    const file = await t.ok('excel:export', { template, period: '2017-09' });
    const wb = XLSX.read(Buffer.from(file.base64, 'base64'), { cellDates: true, cellNF: true, cellStyles: true });
    const ws = wb.Sheets[wb.SheetNames[0]!]!;
    const cells = Object.entries(ws).filter(([k]) => !k.startsWith('!')) as [string, XLSX.CellObject][];
    const dates = cells.filter(([, c]) => c.t === 'd');
    expect(dates.length).toBe(2);
    expect(dates.map(([, c]) => XLSX.SSF.format(c.z as string, c.v as Date)).sort()).toEqual([
      '2017年10月31日',
      '2017年5月1日',
    ]);
    // wide enough for the text (CJK characters count two): Excel shows ##### in a column narrower than the date
    for (const [addr, c] of dates) {
      const shown = XLSX.SSF.format(c.z as string, c.v as Date);
      const need = [...shown].reduce((a, ch) => a + (/[\u4e00-\u9fff]/.test(ch) ? 2 : 1), 0);
      expect(ws['!cols']![XLSX.utils.decode_cell(addr).c]!.width).toBeGreaterThanOrEqual(need);
    }
  });
});
