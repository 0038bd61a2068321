// The county's own template comes back untouched but for the figures (issue 13, deliverable 6). The template is
// tests/fixtures/county-template/county-template.xlsx, built by openpyxl (make_county_template.py beside it):
// merged title, 填报单位 line, 2-row merged header, 5 sample rows, a rich-text 合计 label, a merged 注 row, a
// signature row, Arial 10 default font, A4 landscape fit to width with rows 3:4 repeated, a defined name.
// The filled file is read back by openpyxl (tests/helpers/xlsx_snapshot.py, a second library) and by SheetJS;
// every cell value and style, merge, row height, column width, print setting, defined name and the default
// font must equal the template's, except the data cells (and the rows inserted for extra projects, which
// must carry the template row's style and height). All parts of the package but the sheet stay byte-identical.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { PY } from '../../helpers/python.ts';
import { tempCore, tempDir, type TempCore } from '../../helpers/temp-core.ts';

const FIXTURE = fileURLToPath(new URL('../../fixtures/county-template/county-template.xlsx', import.meta.url));
const SNAPSHOT = fileURLToPath(new URL('../../helpers/xlsx_snapshot.py', import.meta.url));

interface Cell {
  row: number;
  col: number;
  value: unknown;
  style: unknown;
}
interface Sheet {
  maxCol: number;
  maxRow: number;
  merges: string[];
  rowHeights: Record<string, { ht: number; custom: boolean }>;
  colWidths: Record<string, number>;
  freeze: string | null;
  print: Record<string, unknown>;
  cells: Record<string, Cell>;
}
interface Snapshot {
  defaultFont: unknown;
  definedNames: unknown[];
  sheets: Sheet[];
}

const snapshot = (file: string): Snapshot =>
  JSON.parse(execFileSync(PY, [SNAPSHOT, file], { encoding: 'utf8', maxBuffer: 256 << 20 })) as Snapshot;

let t: TempCore | null = null;
const dirs: (() => void)[] = [];
const tmpDir = () => {
  const d = tempDir();
  dirs.push(d.cleanup);
  return d.dir;
};
afterEach(() => {
  t?.cleanup();
  t = null;
  dirs.splice(0).forEach((c) => c());
});

async function fill(core: TempCore): Promise<{ file: string; bytes: Buffer }> {
  const out = await core.ok('excel:templateFill', {
    fileName: 'county-template.xlsx',
    templateBase64: readFileSync(FIXTURE).toString('base64'),
    period: '2017-09',
  });
  const bytes = Buffer.from(out.base64, 'base64');
  const file = join(core.dir, out.fileName);
  writeFileSync(file, bytes);
  return { file, bytes };
}

// The template's layout, as make_county_template.py writes it.
const FIRST = 5;
const TEMPLATE_ROWS = 5;
const TOTAL = 10;
const COLS = 'ABCDEFGHIJ'.split('');
const MONEY = ['E', 'F', 'G'];

/**
 * Asserts the filled sheet equals the template but for the data cells of `n` projects: rows of the template
 * below the data move down by the rows inserted; inserted rows copy the last template row (Excel's rule:
 * inserted before it, so its style, height and a SUM over the template rows extend over them).
 */
function expectOnlyDataDiffers(tpl: Snapshot, out: Snapshot, n: number): { by: number; totalRow: number } {
  const by = Math.max(0, n - TEMPLATE_ROWS);
  const at = FIRST + TEMPLATE_ROWS - 1;
  const regionEnd = FIRST + Math.max(n, TEMPLATE_ROWS) - 1;
  const totalRow = TOTAL + by;
  /** The template row that row r of the filled sheet comes from. */
  const source = (r: number) => (r < at ? r : Math.max(at, r - by));

  expect(out.defaultFont).toEqual({ ...(tpl.defaultFont as object), name: 'Arial', size: 10 });
  expect(out.definedNames).toEqual(tpl.definedNames);
  const [a, b] = [tpl.sheets[0]!, out.sheets[0]!];
  expect(b.maxCol).toBe(a.maxCol);
  expect(b.maxRow).toBe(a.maxRow + by);
  expect(b.colWidths).toEqual(a.colWidths);
  expect(b.print).toEqual(a.print);
  expect(b.freeze).toBe(a.freeze);
  const shiftRange = (ref: string) =>
    ref.replace(/([A-Z]+)(\d+)/g, (_, c: string, r: string) => `${c}${Number(r) >= at ? Number(r) + by : r}`);
  expect(b.merges.sort()).toEqual(a.merges.map(shiftRange).sort());
  for (let r = 1; r <= b.maxRow; r++) expect(b.rowHeights[r], `第${r}行行高`).toEqual(a.rowHeights[source(r)]);

  for (let r = 1; r <= b.maxRow; r++) {
    const src = source(r);
    for (const L of COLS) {
      const got = b.cells[`${L}${r}`]!;
      const want = a.cells[`${L}${src}`]!;
      expect(got.style, `${L}${r} 的格式应同模板 ${L}${src}`).toEqual(want.style);
      if (r >= FIRST && r <= regionEnd) continue; // data cells: checked by the caller
      if (r === totalRow && MONEY.includes(L)) {
        expect(got.value).toBe(n > 0 ? `=SUM(${L}${FIRST}:${L}${FIRST + n - 1})` : '=0');
        continue;
      }
      expect(got.value, `${L}${r} 应同模板 ${L}${src}`).toEqual(want.value);
    }
  }
  return { by, totalRow };
}

/** Every part of the package but the filled sheet is byte-for-byte the template's. */
async function expectOtherPartsIdentical(bytes: Buffer): Promise<void> {
  const [a, b] = await Promise.all([JSZip.loadAsync(readFileSync(FIXTURE)), JSZip.loadAsync(bytes)]);
  const names = (z: JSZip) =>
    Object.keys(z.files)
      .filter((p) => !z.files[p]!.dir)
      .sort();
  expect(names(b)).toEqual(names(a));
  for (const p of names(a)) {
    if (p === 'xl/worksheets/sheet1.xml') continue;
    expect(
      Buffer.from(await b.file(p)!.async('uint8array')).equals(Buffer.from(await a.file(p)!.async('uint8array'))),
      p,
    ).toBe(true);
  }
}

/** Data rows read by SheetJS: [序号, 项目名称, 建设单位, 总投资, 挂点领导] and the cached 合计 values. */
function sheetjs(bytes: Buffer, from: number, to: number, totalRow: number) {
  const ws = XLSX.read(bytes).Sheets['重点项目']!;
  const v = (ref: string) => ws[ref]?.v ?? null;
  const rows = [];
  for (let r = from; r <= to; r++) rows.push([v(`A${r}`), v(`B${r}`), v(`C${r}`), v(`E${r}`), v(`I${r}`)]);
  return {
    rows,
    totals: MONEY.map((L) => v(`${L}${totalRow}`) as number),
    label: v(`A${totalRow}`),
    formula: ws[`E${totalRow}`]?.f,
  };
}

describe('county template fill: untouched but for the figures', () => {
  const tpl = snapshot(FIXTURE);

  it('the fixture is what the generator says (sample values, rich 合计, Arial 10)', async () => {
    const s = tpl.sheets[0]!;
    expect(tpl.defaultFont).toMatchObject({ name: 'Arial', size: 10 });
    expect(s.cells.C5!.value).toBe('XX城投公司');
    expect(s.cells.I9!.value).toBe('钱七');
    expect(s.merges).toEqual(expect.arrayContaining(['A10:B10', 'A11:J11']));
    const sst = await (await JSZip.loadAsync(readFileSync(FIXTURE))).file('xl/sharedStrings.xml')!.async('string');
    expect(sst).toMatch(/<r><rPr>.*黑体.*<\/r><r><rPr>.*Times New Roman/);
  });

  it('more projects than template rows: rows inserted with the template row’s style and height', async () => {
    t = await tempCore({ role: '审核人', operator: '周志强' });
    await t.ok('app:onboard', { mode: 'demo' });
    const { file, bytes } = await fill(t);
    const out = snapshot(file);
    const n = 24; // top-level projects of the 蒲州镇 demo ledger
    const { by, totalRow } = expectOnlyDataDiffers(tpl, out, n);
    expect(by).toBe(n - TEMPLATE_ROWS);
    await expectOtherPartsIdentical(bytes);

    const s = out.sheets[0]!;
    const x = sheetjs(bytes, FIRST, FIRST + n - 1, totalRow);
    const owners = new Map(
      (
        t.core.ctx.db.sqlite
          .prepare(
            'SELECT p.name, o.name AS owner FROM project p JOIN org_unit o ON o.id = p.owner_org_id WHERE p.parent_id IS NULL',
          )
          .all() as { name: string; owner: string }[]
      ).map((p) => [p.name, p.owner]),
    );
    // openpyxl and SheetJS read the same values; 序号 runs 1..n, names are filled, sample 建设单位/挂点领导 gone.
    x.rows.forEach((row, k) => {
      const r = FIRST + k;
      expect(row).toEqual(['A', 'B', 'C', 'E', 'I'].map((L) => s.cells[`${L}${r}`]!.value));
      expect(row[0]).toBe(k + 1);
      expect(typeof row[1]).toBe('string');
      expect(row[1]).not.toMatch(/示例/);
      // 建设单位 is the project's 实施主体 and 挂点领导 its 包联领导 (synonyms the import and the template mapping share):
      // each holds the ledger's unit or person — never the template's sample (XX城投公司, 张三 …).
      expect(row[2], String(row[1])).toBe(owners.get(String(row[1])));
      expect(row[2]).not.toMatch(/^XX/);
      expect(['张三', '李四', '王五', '赵六', '钱七']).not.toContain(row[4]);
    });
    expect(x.rows.some((r) => typeof r[4] === 'string' && r[4].length > 0)).toBe(true);
    expect(new Set(x.rows.map((r) => r[1])).size).toBe(n);
    // 合计: the rich label untouched, the cached value is the Σ of the rows (21,390 万元 in the demo ledger).
    expect(x.label).toBe('合\u3000计 (Total)');
    expect(x.formula).toBe(`SUM(E${FIRST}:E${FIRST + n - 1})`);
    expect(Math.round(x.totals[0]! * 1e6)).toBe(Math.round(x.rows.reduce((a, r) => a + Number(r[3]), 0) * 1e6));
    expect(Math.round(x.totals[0]! * 100)).toBe(2_139_000);
    // The 注 row and the signature row are below the 合计, never written into.
    expect(s.cells[`A${totalRow + 1}`]!.value).toMatch(/^注：/);
    expect(s.cells[`A${totalRow + 2}`]!.value).toBe('单位负责人：');
  });

  it('fewer projects than template rows: unused sample rows keep their style and lose their values', async () => {
    t = await tempCore({ role: '审核人', operator: '周志强' });
    await t.ok('app:onboard', { mode: 'empty' });
    const names = ['村道硬化工程', '文化广场', '污水管网改造'];
    const totals = ['120.5', '80', '300.25'];
    for (let k = 0; k < names.length; k++)
      await t.ok('projects:create', {
        name: names[k]!,
        planYear: 2017,
        location: '镇区',
        scope: '建设内容',
        totalWan: totals[k]!,
      });
    const { file, bytes } = await fill(t);
    const out = snapshot(file);
    const { by, totalRow } = expectOnlyDataDiffers(tpl, out, names.length);
    expect([by, totalRow]).toEqual([0, TOTAL]);
    await expectOtherPartsIdentical(bytes);

    const x = sheetjs(bytes, FIRST, FIRST + TEMPLATE_ROWS - 1, totalRow);
    expect(
      x.rows
        .slice(0, 3)
        .map((r) => r[1])
        .sort(),
    ).toEqual([...names].sort());
    expect(x.rows.slice(0, 3).map((r) => [r[2], r[4]])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
    // Rows 8–9: template rows the ledger does not fill: every sample value cleared (styles checked above).
    const s = out.sheets[0]!;
    for (const r of [8, 9]) for (const L of COLS) expect(s.cells[`${L}${r}`]!.value, `${L}${r}`).toBeNull();
    expect(x.totals[0]).toBeCloseTo(500.75, 9);
    expect(x.formula).toBe('SUM(E5:E7)');
  });

  it('rows inserted: the print area and a picture below the table move with it, a stale calcChain is dropped, fit-to-one-page-tall is freed', async () => {
    // The same template as a county office might keep it: a print area, Excel's calcChain, fit to 1×1 page,
    // a seal shape anchored over the signature row (0-based row 11 = row 12) and a logo on the title.
    const zip = await JSZip.loadAsync(readFileSync(FIXTURE));
    const wbXml = await zip.file('xl/workbook.xml')!.async('string');
    zip.file(
      'xl/workbook.xml',
      wbXml.replace(
        '</definedNames>',
        `<definedName name="_xlnm.Print_Area" localSheetId="0">'重点项目'!$A$1:$J$12</definedName></definedNames>`,
      ),
    );
    zip.file(
      'xl/calcChain.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="E10" i="1"/><c r="F10"/><c r="G10"/></calcChain>',
    );
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    zip.file(
      'xl/_rels/workbook.xml.rels',
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
      ),
    );
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    zip.file(
      'xl/worksheets/sheet1.xml',
      sheet
        .replace('fitToHeight="0"', 'fitToHeight="1"')
        .replace('</worksheet>', `<drawing xmlns:r="${R}" r:id="rIdDr"/></worksheet>`),
    );
    zip.file(
      'xl/worksheets/_rels/sheet1.xml.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdDr" Type="${R}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`,
    );
    zip.file(
      'xl/drawings/drawing1.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:from><xdr:col>7</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>11</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>12</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:sp><xdr:nvSpPr><xdr:cNvPr id="2" name="公章"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr><a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom></xdr:spPr></xdr:sp><xdr:clientData/></xdr:twoCellAnchor><xdr:twoCellAnchor><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>0</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:sp><xdr:nvSpPr><xdr:cNvPr id="3" name="标志"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr/></xdr:sp><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>',
    );
    const types = (await zip.file('[Content_Types].xml')!.async('string')).replace(
      '</Types>',
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>',
    );
    zip.file(
      '[Content_Types].xml',
      types.replace(
        '</Types>',
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
      ),
    );
    const variant = join(tmpDir(), 'variant.xlsx');
    writeFileSync(variant, await zip.generateAsync({ type: 'nodebuffer' }));

    t = await tempCore({ role: '审核人', operator: '周志强' });
    await t.ok('app:onboard', { mode: 'demo' });
    const out = await t.ok('excel:templateFill', {
      fileName: 'variant.xlsx',
      templateBase64: readFileSync(variant).toString('base64'),
      period: '2017-09',
    });
    const bytes = Buffer.from(out.base64, 'base64');
    const file = join(t.dir, 'variant-filled.xlsx');
    writeFileSync(file, bytes);
    const s = snapshot(file).sheets[0]!;
    expect(s.print).toMatchObject({ area: ['$A$1:$J$31'], titleRows: '$3:$4', fitToWidth: 1, fitToHeight: 0 });
    const filled = await JSZip.loadAsync(bytes);
    expect(filled.file('xl/calcChain.xml')).toBeNull();
    expect(await filled.file('[Content_Types].xml')!.async('string')).not.toContain('calcChain');
    expect(await filled.file('xl/_rels/workbook.xml.rels')!.async('string')).not.toContain('calcChain');
    // The seal moved down with the signature row (19 rows inserted); the logo on the title did not.
    const rows = [
      ...(await filled.file('xl/drawings/drawing1.xml')!.async('string')).matchAll(/<xdr:row>(\d+)<\/xdr:row>/g),
    ].map((m) => Number(m[1]));
    expect(rows).toEqual([30, 31, 0, 1]);
  });

  it('a 合计 row right under the header stays there; sample rows below it are filled, one more inserted', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表1');
    ws.getRow(1).values = ['序号', '项目名称', '总投资（万元）'];
    ws.getRow(2).values = ['', '合计', { formula: 'SUM(C3:C4)', result: 30 }];
    ws.getRow(3).values = [1, '示例一', 10];
    ws.getRow(4).values = [2, '示例二', 20];
    ws.getRow(5).values = ['注：金额单位万元'];
    ws.mergeCells('A5:C5');
    for (const r of [2, 3, 4]) {
      ws.getRow(r).height = 25;
      for (const c of [1, 2, 3])
        ws.getRow(r).getCell(c).font = { name: '仿宋', size: r === 2 ? 12 : 11, bold: r === 2 };
      ws.getRow(r).getCell(3).numFmt = '#,##0.00';
    }
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    t = await tempCore({ role: '审核人', operator: '周志强' });
    await t.ok('app:onboard', { mode: 'empty' });
    for (const [name, totalWan] of [
      ['甲工程', '1.5'],
      ['乙工程', '2'],
      ['丙工程', '3.25'],
    ] as const)
      await t.ok('projects:create', { name, planYear: 2017, location: '镇区', scope: '建设内容', totalWan });
    const out = await t.ok('excel:templateFill', {
      fileName: 'top.xlsx',
      templateBase64: bytes.toString('base64'),
      period: '2017-09',
    });
    const file = join(t.dir, 'top-filled.xlsx');
    writeFileSync(file, Buffer.from(out.base64, 'base64'));
    const s = snapshot(file).sheets[0]!;
    const v = (ref: string) => s.cells[ref]?.value ?? null;
    expect([v('B2'), v('C2')]).toEqual(['合计', '=SUM(C3:C5)']);
    expect([3, 4, 5].map((r) => [v(`A${r}`), v(`B${r}`)])).toEqual([
      [1, '甲工程'],
      [2, '乙工程'],
      [3, '丙工程'],
    ]);
    expect(s.cells.C5!.style).toEqual(s.cells.C4!.style);
    expect(s.rowHeights['5']).toEqual(s.rowHeights['4']);
    expect(v('A6')).toBe('注：金额单位万元');
    expect(s.merges).toEqual(['A6:C6']);
    expect(XLSX.read(Buffer.from(out.base64, 'base64')).Sheets['表1']!.C2!.v).toBeCloseTo(6.75, 9);
  });

  it('sample section headings among the sample rows become plain data rows: no project in a merged heading', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表1');
    ws.getRow(1).values = ['序号', '项目名称', '总投资'];
    ws.getRow(2).values = ['一、基础设施'];
    ws.getRow(3).values = [1, '示例一', 10];
    ws.getRow(4).values = ['二、公共服务'];
    ws.getRow(5).values = [1, '示例二', 20];
    ws.getRow(6).values = ['', '合计', { formula: 'SUM(C3,C5)', result: 30 }];
    ws.getRow(7).values = ['注：示例'];
    for (const r of [2, 4, 7]) ws.mergeCells(`A${r}:C${r}`);
    for (const r of [2, 3, 4, 5, 6]) {
      ws.getRow(r).height = r % 2 === 0 ? 22 : 28;
      for (const c of [1, 2, 3]) ws.getRow(r).getCell(c).font = { name: '仿宋', size: 11, bold: r % 2 === 0 };
    }
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    t = await tempCore({ role: '审核人', operator: '周志强' });
    await t.ok('app:onboard', { mode: 'empty' });
    for (const [name, totalWan] of [
      ['甲工程', '1.5'],
      ['乙工程', '2'],
      ['丙工程', '3.25'],
    ] as const)
      await t.ok('projects:create', { name, planYear: 2017, location: '镇区', scope: '建设内容', totalWan });
    const out = await t.ok('excel:templateFill', {
      fileName: 'sections.xlsx',
      templateBase64: bytes.toString('base64'),
      period: '2017-09',
    });
    const file = join(t.dir, 'sections-filled.xlsx');
    writeFileSync(file, Buffer.from(out.base64, 'base64'));
    const s = snapshot(file).sheets[0]!;
    const v = (ref: string) => s.cells[ref]?.value ?? null;
    expect([2, 3, 4, 5].map((r) => [v(`A${r}`), v(`B${r}`)])).toEqual([
      [1, '甲工程'],
      [2, '乙工程'],
      [3, '丙工程'],
      [null, null],
    ]);
    expect(s.merges).toEqual(['A7:C7']);
    for (const r of [2, 4]) {
      expect(s.cells[`B${r}`]!.style).toEqual(s.cells.B3!.style);
      expect(s.rowHeights[r]).toEqual(s.rowHeights['3']);
    }
    expect([v('B6'), v('C6'), v('A7')]).toEqual(['合计', '=SUM(C2:C4)', '注：示例']);
  });
});
