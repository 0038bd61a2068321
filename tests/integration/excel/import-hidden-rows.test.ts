// Rows and columns a county sheet hides (hidden by hand, or filtered out with 筛选) are easy to import without
// knowing: the clerk sees twenty projects in Excel and the ledger gets twenty-three. The preview names them; the
// clerk imports them with the others (the default: nothing left out unseen) or skips them, with the sub-projects
// under a hidden project. The files are written by openpyxl, as a county's script would write them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { OPENPYXL_LEDGER_HEAD, PY } from '../../helpers/python.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore | null = null;
afterEach(() => t?.cleanup());

const BUILD = `${OPENPYXL_LEDGER_HEAD}ws.append([3, '旧厂房拆除', '东村', 50])
ws.append([4, '集镇供水', '镇区', 100])
ws.append(['4.1', '供水管网', '镇区', 60])
ws.append([5, '河道绿化', '西村', 80])
ws.append(['合计', None, None, 730])
if sys.argv[2] == 'hidden':
    for r in (5, 6): ws.row_dimensions[r].hidden = True
    ws.column_dimensions['C'].hidden = True
if sys.argv[2] == 'filtered':
    ws.auto_filter.ref = 'A2:D8'
    ws.auto_filter.add_filter_column(2, ['镇区'])
    for r in (5, 8): ws.row_dimensions[r].hidden = True
wb.save(sys.argv[1])
`;

async function build(kind: 'hidden' | 'filtered' | 'plain') {
  t = await tempCore({ autoBackup: false });
  const file = join(t.dir, `${kind}.xlsx`);
  execFileSync(PY, ['-c', BUILD, file, kind]);
  return { fileName: '台账.xlsx', base64: readFileSync(file).toString('base64') };
}

const names = () =>
  (t!.core.ctx.db.sqlite.prepare('SELECT name FROM project ORDER BY id').all() as { name: string }[]).map(
    (r) => r.name,
  );

it('names the hidden rows and columns and imports them by default', async () => {
  const input = await build('hidden');
  const preview = await t!.ok('excel:importPreview', input);
  expect(preview.hiddenRows).toEqual([5, 6]);
  expect(preview.notices).toEqual([
    '第5–6行（共2行）在表格中是隐藏的（隐藏或被筛选掉），仍按项目读入；如这些行不该导入，可选择不导入（其下的子项目第7行一并不导入）。',
    'C列“建设地点”在表格中是隐藏的，仍按表头读入；如这些列不该导入，请在表格中删除后重新选择文件。',
  ]);
  // the file's 合计 counts every row, hidden or not: no difference
  expect(preview.totalsChecked.map((c) => c.fileFen - c.sumFen)).toEqual([0]);
  const r = await t!.ok('excel:importApply', input);
  expect(r.summary.counts).toMatchObject({ create: 6, skip: 0 });
  expect(names()).toEqual(['镇区道路改造', '文化广场', '旧厂房拆除', '集镇供水', '供水管网', '河道绿化']);
});

it('skips the hidden rows, and the sub-projects under a hidden project, when the clerk says so', async () => {
  const input = { ...(await build('hidden')), hiddenRows: 'skip' as const };
  const preview = await t!.ok('excel:importPreview', input);
  expect(preview.rows.filter((r) => r.action === 'skip').map((r) => r.row)).toEqual([5, 6, 7]);
  // the visible sub-project of a hidden project goes with it
  expect(preview.notices[0]).toBe(
    '第5–6行（共2行）在表格中是隐藏的（隐藏或被筛选掉），按您的选择不导入，其下的子项目（第7行）一并不导入。',
  );
  await t!.ok('excel:importApply', input);
  expect(names()).toEqual(['镇区道路改造', '文化广场', '河道绿化']);
});

it('reads rows filtered out by 筛选 as hidden', async () => {
  const input = { ...(await build('filtered')), hiddenRows: 'skip' as const };
  const preview = await t!.ok('excel:importPreview', input);
  expect(preview.hiddenRows).toEqual([5, 8]);
  await t!.ok('excel:importApply', input);
  expect(names()).toEqual(['镇区道路改造', '文化广场', '集镇供水', '供水管网']);
});

it('says nothing of hidden rows in a file that hides none', async () => {
  const input = await build('plain');
  const preview = await t!.ok('excel:importPreview', input);
  expect(preview.hiddenRows).toEqual([]);
  expect(preview.notices).toEqual([]);
});
