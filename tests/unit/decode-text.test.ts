/**
 * Text files as office PCs write them, decoded (iconv-lite for GB18030/UTF-16, TextDecoder for UTF-8) and split
 * into rows by papaparse: the cases a hand-written splitter got wrong or never met.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, parseDelimited } from '../../electron/core/excel/import/decode-text.ts';
import { parseBytes } from '../../electron/core/excel/import/parse-core.ts';

const realGbkCsv = new URL('../fixtures/real-layouts/2022年乡村振兴项目库（县汇总）.csv', import.meta.url);

describe('decodeText', () => {
  it('reads a real GBK CSV from a county (2022年乡村振兴项目库) as GB18030', () => {
    const bytes = new Uint8Array(readFileSync(realGbkCsv));
    const { text, encoding } = decodeText(bytes);
    expect(encoding).toBe('GB18030');
    expect(text).toContain('华安县小计');
    expect(text).toBe(new TextDecoder('gb18030').decode(bytes));
  });

  it('UTF-8 with and without BOM, UTF-16 with BOM and GB18030 four-byte characters give the same text', () => {
    const text = '项目名称,总投资\r\n𠀀卫生院改造,120.5\r\n';
    const utf8 = new TextEncoder().encode(text);
    expect(decodeText(utf8)).toEqual({ text, encoding: 'UTF-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text, encoding: 'UTF-8 BOM' });
    expect(decodeText(new Uint8Array(iconv.encode(text, 'utf-16le', { addBOM: true })))).toEqual({
      text,
      encoding: 'UTF-16LE',
    });
    expect(decodeText(new Uint8Array(iconv.encode(text, 'utf-16be', { addBOM: true })))).toEqual({
      text,
      encoding: 'UTF-16BE',
    });
    expect(decodeText(new Uint8Array(iconv.encode(text, 'gb18030')))).toEqual({ text, encoding: 'GB18030' });
  });
});

describe('parseDelimited', () => {
  it('keeps a quoted field with line breaks, commas and doubled quotes in one cell', () => {
    const rows = parseDelimited(
      '名称,建设内容,备注\r\n"蒲州镇道路","一期：硬化\r\n二期：亮化，绿化","含""以奖代补"",待定"\r\n下一行,b,c\r\n',
    );
    expect(rows[1]).toEqual(['蒲州镇道路', '一期：硬化\r\n二期：亮化，绿化', '含"以奖代补",待定']);
    expect(rows[2]).toEqual(['下一行', 'b', 'c']);
  });

  it('keeps blank lines as rows so row numbers stay those of the file; CR-only line ends (old Mac Excel) too', () => {
    expect(parseDelimited('a,b\n\nc,d')).toEqual([['a', 'b'], [''], ['c', 'd']]);
    expect(parseDelimited('a,b\rc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('guesses tab and semicolon delimiters, even under a one-cell title row', () => {
    expect(parseDelimited('2022年项目表\n名称\t总投资\t单位\n道路\t1,200\t万元\n')[2]).toEqual([
      '道路',
      '1,200',
      '万元',
    ]);
    expect(parseDelimited('名称;总投资;单位\n道路;1200,5;万元\n桥梁;300;万元\n')[1]).toEqual([
      '道路',
      '1200,5',
      '万元',
    ]);
  });
});

describe('parseBytes on CSV', () => {
  it('a GBK CSV whose quoted 建设内容 spans two lines is one row with that text', async () => {
    const csv =
      '序号,项目名称,建设内容,总投资（万元）\r\n1,蒲州镇污水处理站,"新建管网3公里\r\n日处理500吨",860\r\n2,卫生院改造,门诊楼,120\r\n';
    const out = await parseBytes(new Uint8Array(iconv.encode(csv, 'gbk')));
    if (!out.ok) throw new Error(out.kind);
    expect(out.workbook.format).toBe('csv (GB18030)');
    // a CSV names no sheet: the import shows it under the file's name (sheet-name.ts)
    expect(out.workbook.sheets[0]!.unnamed).toBe(true);
    const rows = out.workbook.sheets[0]!.rows;
    expect(rows.map((r) => r.r)).toEqual([0, 1, 2]);
    expect(rows[1]!.cells).toEqual(['1', '蒲州镇污水处理站', '新建管网3公里\r\n日处理500吨', '860']);
  });
});
