// The window's import is a preview and then 确认导入 with the same file; the CLI's is the import and then, when it is
// refused, the preview of the rows at fault. A county's sheet is read (parsed) once for both: the workbook is kept
// for the same bytes and the same open ledger, frozen, and let go by the import that used it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { keptWorkbook } from '../../../electron/core/excel/import/workbook-reuse.ts';
import { stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;
const sheet = (rows: (string | number)[][]) => {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([['2021年项目表'], ['序号', '项目名称', '总投资（万元）'], ...rows]),
    '项目',
  );
  return (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
};

beforeAll(async () => {
  t = await tempCore({ autoBackup: false });
});
afterAll(async () => {
  t.cleanup();
  await stopParseWorker();
});

it('the preview keeps the workbook read; the import of the same bytes uses it and lets it go', async () => {
  const base64 = sheet([
    [1, '甲村道路', 120],
    [2, '乙村水厂', 80.5],
  ]);
  const preview = await t.ok('excel:importPreview', { fileName: '项目表.xlsx', base64, duplicates: 'skip' });
  expect(preview.counts.create).toBe(2);
  const kept = keptWorkbook(t.core.ctx.db, base64);
  expect(kept?.sheets[0]?.name).toBe('项目');
  // Frozen: a reader that changed a cell would throw here, not carry its change into the import that follows.
  expect(() => {
    (kept!.sheets[0]!.rows[2]!.cells as unknown[])[1] = '改了';
  }).toThrow(TypeError);
  // Other bytes, another ledger: not the same file read.
  expect(keptWorkbook(t.core.ctx.db, sheet([[1, '甲村道路', 120]]))).toBeUndefined();
  expect(keptWorkbook({}, base64)).toBeUndefined();

  const done = await t.ok('excel:importApply', { fileName: '项目表.xlsx', base64, duplicates: 'skip' });
  expect(done).toMatchObject({ created: 2, summary: { sheet: '项目', year: 2021, unit: '万元' } });
  expect(done.summary.counts).toMatchObject({ projects: 2, totalInvestmentFen: 200_500_000 });
  expect(keptWorkbook(t.core.ctx.db, base64)).toBeUndefined();
  const names = t.core.ctx.db.sqlite.prepare(`SELECT name FROM project ORDER BY id`).pluck().all();
  expect(names).toEqual(['甲村道路', '乙村水厂']);
});

it('a refused import keeps the workbook for the preview of its faults', async () => {
  const base64 = sheet([[1, '丙村学校', '约三百']]);
  const refused = await t.call('excel:importApply', { fileName: '有错.xlsx', base64, duplicates: 'skip' });
  expect(refused.ok).toBe(false);
  expect(keptWorkbook(t.core.ctx.db, base64)).toBeDefined();
  const preview = await t.ok('excel:importPreview', { fileName: '有错.xlsx', base64, duplicates: 'skip' });
  expect(preview.problems).toContainEqual(expect.objectContaining({ row: 3, column: 'C', level: 'error' }));
});
