// The CLI's import as a clerk and a script see it: the terminal summary names the year, the unit, the missing
// columns and each 合计 that disagrees; --json prints one document and nothing on stderr (timings go to the log);
// refusals and bad usage exit 1 and 2 with a Chinese reason and never a stack trace.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { cli } from '../../helpers/run-cli.ts';
import { stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { tempDir } from '../../helpers/temp-core.ts';

const tmp = tempDir();
afterAll(async () => {
  tmp.cleanup();
  await stopParseWorker();
});
const FIX = join(import.meta.dirname, '../../fixtures/real-layouts');

describe('import on the command line', () => {
  it('without --json: a summary a clerk can read', async () => {
    const db = join(tmp.dir, 'a.db');
    const r = await cli('import', join(FIX, '石门镇重点项目进展情况表（2019年1-6月）.xlsx'), '--dry-run', '--db', db);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('项目 5 个（另有子项目 2 个），总投资 5630.00 万元');
    expect(r.out).toContain('年度：2019年6月（第2行“统计截止：2019年6月30日”）');
    expect(r.out).toContain('本文件没有：建设地点，导入后可补录');
    expect(r.out).toContain(
      '合计不符：进展情况 第5行“合计（5个）”总投资 5,680.00 万元，与所计 5 个项目之和 5,630.00 万元不符（相差 50.00 万元），请核对是否漏行、重复或合计未更新',
    );
    expect(r.err).not.toMatch(/慢调用/);
    // the monthly columns the import leaves out are named, with why (they were dropped without a word)
    expect(r.out).toContain('以下 6 列不导入：');
    expect(r.out).toContain('I列“2019年完成投资/本月完成”——本月完成投资：由月报数据计算，导入台账时不读入');
    const j = await cli(
      'import',
      join(FIX, '石门镇重点项目进展情况表（2019年1-6月）.xlsx'),
      '--dry-run',
      '--json',
      '--db',
      db,
    );
    expect(JSON.parse(j.out).notRead).toContainEqual({
      column: 'M',
      header: '形象进度',
      reason: '形象进度：属于月报内容，请在月报填报中录入，导入台账时不读入',
    });
  });

  it('with --json: one document on stdout and nothing on stderr; stats agrees', async () => {
    const dir = tempDir();
    try {
      const db = join(dir.dir, 'b.db');
      const r = await cli('import', join(FIX, '2019年漳州市重点项目进度表.xlsx'), '--json', '--db', db);
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      const report = JSON.parse(r.out);
      expect(report).toMatchObject({
        written: true,
        projects: 6,
        year: 2019,
        unit: '亿元',
        totalInvestmentFen: 509_000_000_000,
      });
      const stats = JSON.parse((await cli('stats', '--json', '--db', db)).out);
      expect(stats).toMatchObject({ projects: 6, totalInvestmentFen: 509_000_000_000 });
    } finally {
      dir.cleanup();
    }
  });

  it('refuses a workbook without any ledger table with exit 1; --json answers with the error envelope', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['姓名', '年龄'],
      ['张三', 30],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '名单');
    const file = join(tmp.dir, '名单.xlsx');
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const r = await cli('import', file, '--json', '--db', join(tmp.dir, 'c.db'));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('没有找到可导入的数据') },
    });
    expect(r.err).toMatch(/^错误：/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('a file with wrong rows, imported for real: exit 1, the rows at fault in the report, nothing written', async () => {
    // The import is asked first (the file read once when it is right); refused, the report still lists every row
    // at fault with the file's description, as a dry run does.
    const ws = XLSX.utils.aoa_to_sheet([
      ['2020年重点项目表'],
      ['序号', '项目名称', '总投资（万元）', '建设年限'],
      [1, '甲村道路', 120, '2020'],
      [2, '乙村水厂', '约三百', '2020'],
      [3, '丙村学校', 300, '二〇二〇年'],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '项目');
    const file = join(tmp.dir, '有错的表.xlsx');
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const db = join(tmp.dir, 'e.db');
    const r = await cli('import', file, '--json', '--db', db);
    expect(r.code, r.err).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ written: false, sheet: '项目', year: 2020, unit: '万元', projects: 3 });
    expect(report.errors).toContainEqual(expect.objectContaining({ sheet: '项目', row: 4, column: 'C' }));
    // a refusal like every other: the envelope in front of the report, the first cell at fault named
    expect(report).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('未导入任何数据；第一处：项目 第4行 C列：') },
    });
    expect(r.err).toMatch(/^错误：文件“有错的表\.xlsx”有 \d+ 处错误/);
    const dry = await cli('import', file, '--dry-run', '--json', '--db', db);
    expect(dry.code).toBe(1);
    expect(JSON.parse(dry.out)).toMatchObject({ ok: false, error: { code: 'VALIDATION' }, written: false });
    // The ledger the refused import was to start is not left behind.
    expect(existsSync(db)).toBe(false);
    const text = await cli('import', file, '--db', db);
    expect(text.code).toBe(1);
    expect(text.out).toContain('有错误，未写入任何数据');
    expect(text.err).toMatch(/项目 第4行 C列：/);
  });

  it('bad usage exits 2; a Word file is named as one', async () => {
    const fixture = join(FIX, '2019年漳州市重点项目进度表.xlsx');
    expect((await cli('import', fixture, '--year', '19', '--db', join(tmp.dir, 'd.db'))).code).toBe(2);
    const word = '/work/shared/corpora/spreadsheets/odd-formats/word_doc.xls';
    if (!existsSync(word)) return;
    const copy = join(tmp.dir, '表.xls');
    writeFileSync(copy, readFileSync(word));
    const r = await cli('import', copy, '--db', join(tmp.dir, 'd.db'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('Word 文档');
  });
});
