// A county sheet whose 合计 disagrees with its rows (a row missed, typed twice, or a stale 合计) is said as a warning
// of that row — in the window's preview and under the CLI's --json warnings — with both amounts in 万元; the rows
// still import (exit 0). Before, only totalsChecked held the two figures, and --json warnings stayed empty.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { cli } from '../../helpers/run-cli.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore | null = null;
afterEach(() => t?.cleanup());
afterAll(stopParseWorker);

/** 蒲州镇's sheet: two projects (10000 + 11380 万元) under a 合计 row (row 5) stating `label` and `totalWan`. */
function sheet(label: string, totalWan: number): string {
  const ws = XLSX.utils.aoa_to_sheet([
    ['蒲州镇2017年重点项目台账'],
    ['序号', '项目名称', '总投资（万元）'],
    [1, '村道硬化', 10000],
    [2, '文化广场', 11380],
    [label, null, totalWan],
  ]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '台账');
  return XLSX.write(wb, { type: 'base64', bookType: 'xlsx' }) as string;
}

const OFF =
  '第5行“合计（2个）”总投资 21,390.00 万元，与所计 2 个项目之和 21,380.00 万元不符（相差 10.00 万元），请核对是否漏行、重复或合计未更新';

it('a 合计 off by 10万: a warning of its row in the preview, and the projects still import', async () => {
  t = await tempCore({ autoBackup: false });
  const input = { fileName: '台账.xlsx', base64: sheet('合计（2个）', 21390) };
  const p = await t.ok('excel:importPreview', input);
  expect(p.problems).toEqual([
    { sheet: '台账', row: 5, column: 'C', header: '总投资（万元）', level: 'warning', message: OFF },
  ]);
  const r = await t.ok('excel:importApply', input);
  expect(r.created).toBe(2);
  expect(r.problems.map((x) => x.message)).toEqual([OFF]);
});

it('a 合计 that agrees says nothing; a count its label states over the rows does', async () => {
  t = await tempCore({ autoBackup: false });
  const ok = await t.ok('excel:importPreview', { fileName: '台账.xlsx', base64: sheet('合计（2个）', 21380) });
  expect(ok.problems).toEqual([]);
  expect(ok.totalsChecked).toMatchObject([{ row: 5, fileFen: 21_380_000_000, sumFen: 21_380_000_000 }]);
  const counted = await t.ok('excel:importPreview', { fileName: '台账.xlsx', base64: sheet('合计（3个）', 21380) });
  expect(counted.problems).toMatchObject([
    {
      row: 5,
      level: 'warning',
      message: '第5行“合计（3个）”写明 3 个项目，所计实有 2 个项目，请核对是否漏行、重复或合计未更新',
    },
  ]);
});

it('import --json lists it under warnings, exit 0, the projects written; the terminal says it too', async () => {
  t = await tempCore({ autoBackup: false });
  const file = join(t.dir, '台账.xlsx');
  writeFileSync(file, Buffer.from(sheet('合计（2个）', 21390), 'base64'));
  const j = await cli('import', file, '--json', '--db', join(t.dir, 'a.db'));
  expect(j.code, j.err).toBe(0);
  const report = JSON.parse(j.out);
  expect(report).toMatchObject({ written: true, created: 2, errors: [] });
  expect(report.warnings).toEqual([{ sheet: '台账', row: 5, column: 'C', reason: OFF }]);
  const text = await cli('import', file, '--dry-run', '--db', join(t.dir, 'b.db'));
  expect(text.code, text.err).toBe(0);
  expect(text.out).toContain(`合计不符：台账 ${OFF}`);
});

it('a section heading with its ordinal alone in 序号 (一 | 规划设计（3个）) is read whole, its count with it', async () => {
  t = await tempCore({ autoBackup: false });
  const ws = XLSX.utils.aoa_to_sheet([
    ['蒲州镇2017年重点项目台账'],
    ['序号', '项目名称', '总投资（万元）'],
    ['一', '规划设计（3个）', 21380],
    [1, '村道硬化', 10000],
    [2, '文化广场', 11380],
  ]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '台账');
  const base64 = XLSX.write(wb, { type: 'base64', bookType: 'xlsx' }) as string;
  const p = await t.ok('excel:importPreview', { fileName: '台账.xlsx', base64 });
  expect(p.totalsChecked).toMatchObject([{ row: 3, label: '一、规划设计（3个）' }]);
  expect(p.problems.map((x) => x.message)).toEqual([
    '第3行“一、规划设计（3个）”写明 3 个项目，所计实有 2 个项目，请核对是否漏行、重复或合计未更新',
  ]);
});

it('a heading that states a count but no 总投资 (一、工业（3个） over two projects) is checked for its count', async () => {
  t = await tempCore({ autoBackup: false });
  const ws = XLSX.utils.aoa_to_sheet([
    ['蒲州镇2017年重点项目台账'],
    ['序号', '项目名称', '总投资（万元）'],
    ['一、工业（3个）', null, null],
    [1, '村道硬化', 10000],
    [2, '文化广场', 11380],
    ['二、社会事业（1个）', null, null],
    [3, '养老服务中心', 350],
  ]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '台账');
  const base64 = XLSX.write(wb, { type: 'base64', bookType: 'xlsx' }) as string;
  const p = await t.ok('excel:importPreview', { fileName: '台账.xlsx', base64 });
  expect(p.problems).toEqual([
    {
      sheet: '台账',
      row: 3,
      column: 'B',
      header: '项目名称',
      level: 'warning',
      message: '第3行“一、工业（3个）”写明 3 个项目，所计实有 2 个项目，请核对是否漏行、重复或合计未更新',
    },
  ]);
  // no figure of its own to compare on the page
  expect(p.totalsChecked).toEqual([]);
  expect(p.counts.create).toBe(3);
});
