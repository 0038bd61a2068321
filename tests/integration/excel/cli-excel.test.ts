import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import ExcelJS from 'exceljs';
import { cli } from '../../helpers/run-cli.ts';
import { stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { tempDir } from '../../helpers/temp-core.ts';

const tmp = tempDir();
afterAll(async () => {
  tmp.cleanup();
  await stopParseWorker();
});

describe('CLI export / export-template / import', () => {
  const src = join(tmp.dir, 'src.db');
  const dst = join(tmp.dir, 'dst.db');
  const t2 = join(tmp.dir, 't2.xlsx');

  it('exports each template to a file', async () => {
    expect((await cli('seed-demo', '--db', src)).code).toBe(0);
    for (const tpl of ['T1', 'T2', 'T3', 'T4', 'T5']) {
      const out = join(tmp.dir, `${tpl}.xlsx`);
      const r = await cli(
        'export',
        tpl,
        '--period',
        '2017-09',
        '--out',
        tpl === 'T2' ? t2 : out,
        '--db',
        src,
        '--json',
      );
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out).bytes).toBeGreaterThan(4000);
    }
    expect((await cli('export', 'T9', '--period', '2017-09', '--out', 'x.xlsx', '--db', src)).code).toBe(2);
    // an --out named for another kind of file is wrong usage, and nothing is written under that name
    for (const name of ['T1.csv', 'T1.xls', 'T1']) {
      const out = join(tmp.dir, name);
      const r = await cli('export', 'T1', '--period', '2017-09', '--out', out, '--db', src, '--json');
      expect(r.code).toBe(2);
      expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { code: 'USAGE' } });
      expect(r.err).toContain(`输出文件须以 .xlsx 结尾（收到“${name}”）`);
      expect(existsSync(out)).toBe(false);
    }
    const upper = join(tmp.dir, 'T1大写.XLSX');
    expect((await cli('export', 'T1', '--period', '2017-09', '--out', upper, '--db', src)).code).toBe(0);
    const zipAsXlsx = join(tmp.dir, '数据包.xlsx');
    const p = await cli('package', 'export', '--period', '2017-09', '--out', zipAsXlsx, '--db', src);
    expect(p.code).toBe(2);
    expect(p.err).toContain('输出文件须以 .zip 结尾');
    expect(existsSync(zipAsXlsx)).toBe(false);
  });

  it('imports with --dry-run (nothing written), then for real; --json report has created/updated/skipped/errors', async () => {
    const dry = await cli('import', t2, '--dry-run', '--db', dst, '--json');
    expect(dry.code, dry.err).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ written: false, created: 36, errors: [] });
    const real = await cli('import', t2, '--db', dst, '--json');
    expect(real.code, real.err).toBe(0);
    expect(JSON.parse(real.out)).toMatchObject({ written: true, created: 36, updated: 0 });
    const again = await cli('import', t2, '--db', dst, '--json');
    expect(JSON.parse(again.out)).toMatchObject({ created: 0, skipped: 36 });
  });

  it('exits 1 with located errors for a sheet with bad values, 2 for an unreadable file', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['项目名称', '总投资', '建设地点', '建设内容'],
      ['好项目', 'abc', '镇区', '内容'],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '清单');
    const bad = join(tmp.dir, 'bad.xlsx');
    writeFileSync(bad, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const r = await cli('import', bad, '--db', dst, '--json', '--year', '2017');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).errors[0]).toMatchObject({ sheet: '清单', row: 2, column: 'B' });
    const junk = join(tmp.dir, 'junk.xlsx');
    writeFileSync(junk, 'PK\u0003\u0004garbage');
    const u = await cli('import', junk, '--db', dst, '--json');
    expect(u.code).toBe(2);
    expect(u.err).toContain('损坏');
  });

  it('fills a county template keeping its styles, merges, widths and print setup', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('县模板', {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    ws.mergeCells('A1:F1');
    ws.getCell('A1').value = 'XX县重点项目进度表';
    ws.getCell('A1').font = { name: '方正小标宋简体', size: 20, bold: true };
    ws.getRow(2).values = ['序号', '项目名称', '总投资（万元）', '本月完成', '累计完成投资', '备注'];
    ws.getRow(2).eachCell((c) => {
      c.font = { name: '仿宋', size: 12, bold: true };
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
      c.border = {
        top: { style: 'thin' },
        bottom: { style: 'thin' },
        left: { style: 'thin' },
        right: { style: 'thin' },
      };
    });
    ws.getRow(3).getCell(3).numFmt = '#,##0.00';
    ws.getRow(3).getCell(2).font = { name: '仿宋', size: 11 };
    ws.getCell('A5').value = '填报人：';
    [6, 30, 14, 12, 14, 20].forEach((w, i) => (ws.getColumn(i + 1).width = w));
    const tplPath = join(tmp.dir, 'county.xlsx');
    await wb.xlsx.writeFile(tplPath);
    const out = join(tmp.dir, 'filled.xlsx');
    const r = await cli('export-template', tplPath, '--period', '2017-09', '--out', out, '--db', src, '--json');
    expect(r.code, r.err).toBe(0);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    const b = back.worksheets[0]!;
    expect(b.getCell('A1').font).toMatchObject({ name: '方正小标宋简体', size: 20, bold: true });
    expect(b.getCell('B2').fill).toEqual(ws.getCell('B2').fill);
    expect(b.getCell('B2').font).toMatchObject({ name: '仿宋', size: 12, bold: true });
    expect(b.model.merges).toContain('A1:F1');
    expect([1, 2, 3, 4, 5, 6].map((i) => b.getColumn(i).width)).toEqual([6, 30, 14, 12, 14, 20]);
    expect(b.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1 });
    expect(b.getCell('C3').numFmt).toBe('#,##0.00');
    expect(typeof b.getCell('C3').value).toBe('number');
    expect(b.getCell('B3').font).toMatchObject({ name: '仿宋' });
    // The 合计 row under the data, with a SUM formula and its cached result; the 填报人 line moved below.
    let total = 0;
    b.eachRow((row, n) => {
      if (String(row.getCell(2).value ?? '').startsWith('合计')) total = n;
    });
    expect(total).toBeGreaterThan(3);
    const v = b.getCell(`C${total}`).value as { formula: string; result: number };
    expect(v.formula).toMatch(/^SUM\(C3:C\d+\)$/);
    expect(Math.round(v.result * 1e6)).toBe(21_390 * 1e6);
    let footer = 0;
    b.eachRow((row, n) => {
      if (String(row.getCell(1).value ?? '').startsWith('填报人')) footer = n;
    });
    expect(footer).toBeGreaterThan(total);
  });

  it('names the template columns it left blank (no field for them), in --json and in words', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['XX县重点项目调度表'],
      ['序号', '项目名称', '总投资（万元）', '联系人微信号'],
      ['', '', '', ''],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '调度表');
    const tpl = join(tmp.dir, 'wechat.xlsx');
    writeFileSync(tpl, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const out = join(tmp.dir, 'wechat-filled.xlsx');
    const r = await cli('export-template', tpl, '--period', '2017-09', '--out', out, '--db', src, '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).blankColumns).toEqual([{ column: 'D', header: '联系人微信号' }]);
    const words = await cli('export-template', tpl, '--period', '2017-09', '--out', out, '--db', src);
    expect(words.out).toContain('未填的列（保持模板原样，可用 --mapping 指定）：D列“联系人微信号”');
  });

  it('a template that cannot be used is named, in a template’s words (exit 2, nothing written)', async () => {
    const cases: [string, string | Buffer, string][] = [
      ['县里模板.xlsx', 'not a workbook', '模板文件“县里模板.xlsx”不是 .xlsx 工作簿'],
      ['空模板.xlsx', '', '模板文件“空模板.xlsx”是空的（0 字节）'],
      // a CFB container: an old .xls, a WPS .et, or an .xlsx with an open password
      [
        '旧模板.xls',
        Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]),
        '（旧版 .xls、WPS .et，或设置了打开密码）',
      ],
    ];
    for (const [name, body, said] of cases) {
      const tpl = join(tmp.dir, name);
      writeFileSync(tpl, body);
      const out = join(tmp.dir, `填好-${name}.xlsx`);
      const r = await cli('export-template', tpl, '--period', '2017-09', '--out', out, '--db', src, '--json');
      expect(r.code, name).toBe(2);
      const { message } = JSON.parse(r.out).error;
      expect(message).toContain(said);
      // not the import's words: the clerk is filling in a template, not importing it
      expect(message).not.toContain('导入');
      expect(existsSync(out)).toBe(false);
    }
  });
});
