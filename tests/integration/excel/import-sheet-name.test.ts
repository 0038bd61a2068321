// A CSV (or an HTML table saved as .xls) names no sheet: the clerk sees its one sheet under the file's own name, as
// Excel and WPS show it (项目清单.csv → 项目清单), never the reader's stand-in "Sheet1" — in the window's preview and
// its problems, when a sheet is asked for by name, in 修改记录 and in the command line's report.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { fileStem } from '../../../electron/core/excel/import/sheet-name.ts';
import { cli } from '../../helpers/run-cli.ts';
import { tempCore, tempDir, type TempCore } from '../../helpers/temp-core.ts';

const CSV = [
  '序号,项目名称,建设地点,总投资（万元）',
  '1,蒲州镇商业街改造,镇区,2700',
  '2,蒲州镇污水处理站,镇区,不详',
].join('\r\n');
const b64 = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString('base64');
const ENCODINGS: [string, Uint8Array][] = [
  ['UTF-8', new TextEncoder().encode(CSV)],
  ['GBK', new Uint8Array(iconv.encode(CSV, 'gbk'))],
];

let t: TempCore;
const tmp = tempDir();
beforeAll(async () => {
  t = await tempCore({ autoBackup: false });
});
afterAll(async () => {
  t.cleanup();
  tmp.cleanup();
  await stopParseWorker();
});

describe('a CSV’s sheet goes by the file’s name', () => {
  for (const [encoding, bytes] of ENCODINGS) {
    it(`${encoding}: the preview, its problems and a sheet asked for by name say 项目清单`, async () => {
      const input = { fileName: '项目清单.csv', base64: b64(bytes), year: 2017 };
      const p = await t.ok('excel:importPreview', input);
      expect(p.sheet).toBe('项目清单');
      expect(p.sheets).toEqual(['项目清单']);
      expect(p.problems.map((x) => x.sheet)).toEqual(['项目清单']);
      expect(JSON.stringify(p)).not.toContain('Sheet');
      expect((await t.ok('excel:importPreview', { ...input, sheet: '项目清单' })).sheet).toBe('项目清单');
      const asked = await t.call('excel:importPreview', { ...input, sheet: 'Sheet1' });
      expect(asked.ok).toBe(false);
      expect(asked.ok ? '' : asked.error.message).toBe(
        '文件中没有名为“Sheet1”的工作表（有：项目清单）。未导入任何数据。',
      );
    });
  }

  it('the same bytes under another name go by that name (the kept workbook is not renamed)', async () => {
    const base64 = b64(ENCODINGS[0]![1]);
    expect((await t.ok('excel:importPreview', { fileName: '甲.csv', base64, year: 2017 })).sheet).toBe('甲');
    expect((await t.ok('excel:importPreview', { fileName: 'D:\\台账\\乙.csv', base64, year: 2017 })).sheet).toBe('乙');
  });

  it('修改记录 names the sheet as the preview did', async () => {
    const csv = CSV.replace(',不详', ',120');
    await t.ok('excel:importApply', { fileName: '项目清单.csv', base64: b64(Buffer.from(csv)), year: 2017 });
    const reason = t.core.ctx.db.sqlite
      .prepare("SELECT reason FROM change_log WHERE entity = 'import' ORDER BY id DESC LIMIT 1")
      .pluck()
      .get();
    expect(reason).toMatch(/^项目清单\.csv（项目清单）：/);
  });

  it('an HTML table saved as .xls (a web system’s “Excel”) goes by the file’s name; an .xlsx keeps its own', async () => {
    const rows = [
      ['序号', '项目名称', '总投资（万元）'],
      [1, '蒲州镇商业街改造', 2700],
    ];
    const html = XLSX.write(
      { SheetNames: ['Sheet1'], Sheets: { Sheet1: XLSX.utils.aoa_to_sheet(rows) } },
      { type: 'string', bookType: 'html' },
    ) as string;
    const p = await t.ok('excel:importPreview', {
      fileName: '县平台导出.xls',
      base64: b64(Buffer.from(html)),
      year: 2017,
    });
    expect(p.sheet).toBe('县平台导出');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Sheet1');
    const xlsx = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    // the clerk's own Excel shows this name on the sheet's tab: it is the file's, so it stays
    expect(
      (await t.ok('excel:importPreview', { fileName: '项目清单.xlsx', base64: b64(xlsx), year: 2017 })).sheet,
    ).toBe('Sheet1');
  });

  it('the command line’s report, in words and as JSON', async () => {
    for (const [encoding, bytes] of ENCODINGS) {
      const file = join(tmp.dir, '项目清单.csv');
      writeFileSync(file, bytes);
      const db = join(tmp.dir, `${encoding}.db`);
      const words = await cli('import', file, '--dry-run', '--year', '2017', '--db', db);
      expect(words.out).toContain('工作表“项目清单”');
      expect(words.out + words.err).not.toContain('Sheet');
      const json = await cli('import', file, '--dry-run', '--year', '2017', '--json', '--db', db);
      const report = JSON.parse(json.out);
      expect(report.sheet).toBe('项目清单');
      expect(report.errors.map((e: { sheet: string }) => e.sheet)).toEqual(['项目清单']);
    }
  });
});

describe('fileStem', () => {
  it('drops the folder (either slash) and the extension', () => {
    expect(fileStem('/tmp/项目清单.csv')).toBe('项目清单');
    expect(fileStem('C:\\Users\\镇政府\\2022年项目库（县汇总）.CSV')).toBe('2022年项目库（县汇总）');
    expect(fileStem('台账.v2.csv')).toBe('台账.v2');
    expect(fileStem('.csv')).toBe('');
  });
});
