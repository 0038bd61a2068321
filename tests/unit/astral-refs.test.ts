// A character beyond U+FFFF written as a numeric reference (openpyxl writes every non-ASCII character so) must reach
// SheetJS as the references of its two UTF-16 halves, which its decoding (String.fromCharCode) puts together.
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { astralRefsAsPairs, htmlRefsAsText } from '../../electron/core/excel/import/astral-refs.ts';

describe('references above U+FFFF', () => {
  it('decimal and hexadecimal, leading zeros, become the two halves', () => {
    expect(astralRefsAsPairs('<t>&#134071;家村</t>')).toBe('<t>&#55362;&#57271;家村</t>');
    expect(astralRefsAsPairs('&#x20BB7;&#X1f600;&#0065536;')).toBe('&#55362;&#57271;&#55357;&#56832;&#55296;&#56320;');
  });

  it('leaves the text alone when it has none: references of the basic plane, entities, plain text', () => {
    const text = '<t>&#24207;&#65535;&#xFFFF;&amp;&lt;&#x00FFFF;乡村</t>';
    expect(astralRefsAsPairs(text)).toBe(text);
  });

  it('a number past the last code point is no character: kept as written', () => {
    expect(astralRefsAsPairs('&#1114112;&#x110000;&#1114111;')).toBe('&#1114112;&#x110000;&#56319;&#57343;');
  });

  it('what SheetJS then reads of an XML spreadsheet is the character itself', () => {
    const xml = astralRefsAsPairs(
      `<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="表"><Table><Row><Cell><Data ss:Type="String">王&#x2C62D;&#24207;</Data></Cell><Cell><Data ss:Type="String">&#128512;</Data></Cell></Row></Table></Worksheet></Workbook>`,
    );
    const wb = XLSX.read(xml, { type: 'string' });
    const cells = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 })[0];
    expect(cells).toEqual(['王𬘭序', '😀']);
  });
});

describe('an HTML table saved as .xls', () => {
  it('its numeric references become the characters; markup characters stay references', () => {
    expect(htmlRefsAsText('<td>&#39033;&#x76EE;&#134071;&#60;b&#62;&#38;&#34;&#39;</td>')).toBe(
      '<td>项目𠮷&lt;b&gt;&amp;&quot;&#39;</td>',
    );
    expect(htmlRefsAsText('&#0;&#xD800;&#1114112;')).toBe('&#0;&#xD800;&#1114112;');
  });

  it('what SheetJS then reads is the text', () => {
    const html = htmlRefsAsText(
      '<table><tr><td>&#39033;&#30446;&#38;&#20844;&#21496;</td><td>王&#x2C62D;</td></tr></table>',
    );
    const wb = XLSX.read(html, { type: 'string' });
    const cells = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 })[0];
    expect(cells).toEqual(['项目&公司', '王𬘭']);
  });
});
