// A county sheet's 建设单位 (实施主体) cell naming two units — 县住建局、县交通局 — became one new unit of that whole
// name without a word. The preview now says so on the row, before anything is written; the import still does what it
// said (one unit, named whole), and a cell naming one unit, known or new, says nothing.
import { afterAll, afterEach, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore | null = null;
afterEach(() => t?.cleanup());
afterAll(stopParseWorker);

function sheet(rows: (string | number)[][]): string {
  const ws = XLSX.utils.aoa_to_sheet([
    ['蒲州镇2017年重点项目台账'],
    ['序号', '项目名称', '总投资（万元）', '建设单位', '主管部门'],
    ...rows,
  ]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '台账');
  return XLSX.write(wb, { type: 'base64', bookType: 'xlsx' }) as string;
}

it('a 建设单位 cell naming two units is warned of on its row; one unit says nothing', async () => {
  t = await tempCore({ autoBackup: false, role: '管理员' });
  const input = {
    fileName: '台账.xlsx',
    base64: sheet([
      [1, '村道硬化', 1000, '县住建局、县交通局', '县住建局'],
      [2, '文化广场', 1138, '蒲州镇文化站', '县文旅局，县财政局'],
      [3, '养老服务中心', 350, '县民政局', '县民政局'],
    ]),
  };
  const p = await t.ok('excel:importPreview', input);
  expect(p.problems.filter((x) => x.level === 'warning')).toEqual([
    {
      sheet: '台账',
      row: 3,
      column: 'D',
      header: '建设单位',
      level: 'warning',
      message:
        '实施主体只填一个单位，本格写了 2 个（县住建局、县交通局）：将整体新建为一个单位“县住建局、县交通局”；如应为其中一个，请改表后再导入',
    },
    {
      sheet: '台账',
      row: 4,
      column: 'E',
      header: '主管部门',
      level: 'warning',
      message:
        '牵头单位只填一个单位，本格写了 2 个（县文旅局、县财政局）：将整体新建为一个单位“县文旅局，县财政局”；如应为其中一个，请改表后再导入',
    },
  ]);
  const r = await t.ok('excel:importApply', input);
  expect(r.created).toBe(3);
  const orgs = (await t.ok('orgs:list', {})).map((o: { name: string }) => o.name);
  expect(orgs).toContain('县住建局、县交通局');
});
