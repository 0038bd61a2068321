/**
 * The county-style sheet the import tests have used from the start (title, 单位 row, merged two-row header, section
 * and 合计 rows, signature footer), in every format and encoding the import reads, with the test encoders it needs.
 * Shared by import.test.ts and the regression snapshot (import-regression.test.ts).
 */
import * as XLSX from 'xlsx';

export const AOA: (string | number | null)[][] = [
  ['某某镇2017年重点项目清单', null, null, null, null, null, null, null],
  ['填报单位（盖章）：某某镇人民政府', null, null, null, null, null, '单位：万元', null],
  ['序号', '工程名称', '建设地点', '建设内容', '计划总投资', '资金来源', null, '建设起止年限'],
  [null, null, null, null, null, '上级补助', '镇级自筹', null],
  ['一、基础设施（2个）', null, null, null, 1234.5, null, null, null],
  [1, '商业街改造工程', '镇区', '硬化１.８公里', '1,234.5', 1000, '234.5', '2017-2018'],
  [2, '污水管网工程', '镇区东', '管网3.6公里', '600万', null, null, '2017'],
  ['二、公共服务（1个）', null, null, null, 88.88, null, null, null],
  [3, '卫生院改造', '镇区', '门诊楼', '８８．８８', null, null, '2017～2017'],
  ['合计', null, null, null, 1923.38, null, null, null],
  [null, null, null, null, null, null, null, null],
  ['单位负责人：', null, '填报人：', null, null, null, null, null],
];
export const MERGES = [
  'A1:H1',
  'A2:F2',
  'A3:A4',
  'B3:B4',
  'C3:C4',
  'D3:D4',
  'E3:E4',
  'F3:G3',
  'H3:H4',
  'A5:D5',
  'A8:D8',
].map((r) => XLSX.utils.decode_range(r));

export function workbookBytes(bookType: 'xlsx' | 'biff8'): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet(AOA);
  ws['!merges'] = MERGES;
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '项目清单');
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType }) as Buffer);
}

export function csvText(): string {
  return AOA.map((r) =>
    r
      .map((v) => (v === null ? '' : /[,"\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v)))
      .join(','),
  ).join('\r\n');
}

/** GB18030 encoder for tests, built from Node's decoder (2-byte table) plus the 4-byte formula for astral characters. */
let gbTable: Map<string, number[]> | null = null;
export function gb18030(text: string): Uint8Array {
  if (!gbTable) {
    gbTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbTable.has(ch)) gbTable.set(ch, [a, b]);
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (gbTable.has(ch)) out.push(...gbTable.get(ch)!);
    else if (cp >= 0x10000) {
      let n = cp - 0x10000;
      const b4 = 0x30 + (n % 10);
      n = Math.floor(n / 10);
      const b3 = 0x81 + (n % 126);
      n = Math.floor(n / 126);
      const b2 = 0x30 + (n % 10);
      n = Math.floor(n / 10);
      out.push(0x90 + n, b2, b3, b4);
    } else throw new Error(`no GB18030 bytes for ${ch}`);
  }
  return new Uint8Array(out);
}

export const utf16le = (s: string) => {
  const b = Buffer.from(`\uFEFF${s}`, 'utf16le');
  return new Uint8Array(b);
};
export const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');

/** The sheet as each format the import reads: name → bytes. */
export const FORMATS: [string, () => Uint8Array][] = [
  ['台账.xlsx', () => workbookBytes('xlsx')],
  ['台账.xls', () => workbookBytes('biff8')],
  ['台账.et', () => workbookBytes('biff8')],
  ['台账-utf8.csv', () => new TextEncoder().encode(csvText())],
  ['台账-bom.csv', () => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csvText())])],
  ['台账-gbk.csv', () => gb18030(csvText())],
  ['台账-gb18030.txt', () => gb18030(csvText().replace('卫生院改造', '卫生院𠀀改造'))],
  ['台账-utf16.txt', () => utf16le(csvText().replace(/,/g, '\t'))],
];
