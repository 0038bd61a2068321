// Row insertion in the county template's own XML follows Excel's rule: every reference to a row at or below the
// insertion point moves down, endpoint by endpoint, in formulas (not inside string literals, not other sheets'),
// merges, conditional formats, validations, print areas and print titles.
import { describe, expect, it } from 'vitest';
import { SheetXml, shiftRefs } from '../../electron/core/excel/template/sheet-xml.ts';

describe('shiftRefs', () => {
  it('moves refs at or below the insertion row, grows ranges spanning it, leaves the rest', () => {
    expect(shiftRefs('SUM(E5:E9)', 9, 3, 'S', true)).toBe('SUM(E5:E12)');
    expect(shiftRefs('SUM(E5:E8)+E10', 9, 3, 'S', true)).toBe('SUM(E5:E8)+E13');
    expect(shiftRefs('$A$12*B$9', 9, 1, 'S', true)).toBe('$A$13*B$10');
  });
  it('never touches string literals, function names or other sheets', () => {
    expect(shiftRefs('IF(A10="A10","B12",LOG10(C11))', 9, 2, 'S', true)).toBe('IF(A12="A10","B12",LOG10(C13))');
    expect(shiftRefs("Other!A10+'重点项目'!A10+A10", 9, 2, '重点项目', true)).toBe("Other!A10+'重点项目'!A12+A12");
  });
  it('in defined names only this sheet’s refs move, whole-row ranges included', () => {
    expect(shiftRefs("'重点项目'!$A$1:$J$12", 9, 19, '重点项目', false)).toBe("'重点项目'!$A$1:$J$31");
    expect(shiftRefs("'重点项目'!$3:$4", 9, 19, '重点项目', false)).toBe("'重点项目'!$3:$4");
    expect(shiftRefs("'重点项目'!$10:$11", 9, 2, '重点项目', false)).toBe("'重点项目'!$12:$13");
    expect(shiftRefs('Sheet2!$A$1:$J$12', 9, 19, '重点项目', false)).toBe('Sheet2!$A$1:$J$12');
  });
});

describe('SheetXml.insertRows', () => {
  const xml =
    '<worksheet><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:C4"/><sheetData>' +
    '<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row>' +
    '<row r="2" ht="30" customHeight="1"><c r="A2" s="3"><v>1</v></c><c r="B2" s="4" t="inlineStr"><is><t>示例</t></is></c></row>' +
    '<row r="3"><c r="A3" s="5"><f>SUM(A1:A2)</f><v>1</v></c></row>' +
    '<row r="4"><c r="A4" s="6" t="inlineStr"><is><t>注：说明</t></is></c></row>' +
    '</sheetData><mergeCells count="2"><mergeCell ref="B2:C2"/><mergeCell ref="A4:C4"/></mergeCells>' +
    '<conditionalFormatting sqref="A1:A2"><cfRule type="expression" priority="1"><formula>A2&gt;A3</formula></cfRule></conditionalFormatting>' +
    '<pageSetup paperSize="9" fitToWidth="1"/></worksheet>';

  it('copies the template row (style, height, merges), moves rows below and grows spanning ranges', () => {
    const s = new SheetXml(xml, 'S', []);
    s.insertRows(2, 2, 2);
    s.freePageHeight();
    const out = s.toXml();
    expect(out).toContain('<row r="2" ht="30" customHeight="1"><c r="A2" s="3"/><c r="B2" s="4"/></row>');
    expect(out).toContain('<row r="4" ht="30" customHeight="1"><c r="A4" s="3"><v>1</v></c>');
    expect(out).toContain('<c r="A5" s="5"><f>SUM(A1:A4)</f>');
    expect(out).toContain('<row r="6"><c r="A6" s="6" t="inlineStr"><is><t>注：说明</t></is></c></row>');
    expect(out).toContain(
      '<mergeCells count="4"><mergeCell ref="B2:C2"/><mergeCell ref="B3:C3"/><mergeCell ref="B4:C4"/><mergeCell ref="A6:C6"/></mergeCells>',
    );
    expect(out).toContain('<dimension ref="A1:C6"/>');
    expect(out).toContain('sqref="A1:A4"');
    expect(out).toContain('<formula>A4&gt;A5</formula>');
    // Fit to one page tall would shrink the filled sheet below the template's scale: the height is freed.
    expect(out).toContain('<pageSetup fitToHeight="0" paperSize="9" fitToWidth="1"/>');
  });

  it('reads shared, inline and rich text, and writes values keeping the style', () => {
    const s = new SheetXml(
      xml.replace('<c r="A1" t="inlineStr"><is><t>标题</t></is></c>', '<c r="A1" t="s"><v>0</v></c>'),
      'S',
      ['合　计'],
    );
    expect(s.text(1, 0)).toBe('合　计');
    expect(s.text(2, 1)).toBe('示例');
    s.set(2, 1, 'A&B <1>');
    s.set(2, 0, null);
    s.set(3, 0, { formula: 'SUM(A2:A2)', result: 0 });
    const out = s.toXml();
    expect(out).toContain('<c r="A2" s="3"/><c r="B2" s="4" t="inlineStr"><is><t>A&amp;B &lt;1&gt;</t></is></c>');
    expect(out).toContain('<c r="A3" s="5"><f>SUM(A2:A2)</f><v>0</v></c>');
  });
});
