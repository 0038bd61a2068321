/**
 * The clipboard formats a spreadsheet exchanges: tab-separated text as Excel and WPS write it (a field holding a
 * tab, a line break or a quote is wrapped in quotes, quotes inside doubled; rows end in CRLF, the last row too),
 * and an HTML table, which Excel and WPS paste as cells keeping the text as typed (a code like 001 or a date
 * like 2017-09 stays text instead of becoming a number or a date).
 */

/** Parses Excel/WPS clipboard text into rows of cells. A trailing line break does not make an empty last row. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  const n = text.length;
  const endCell = () => {
    row.push(cell);
    cell = '';
    atCellStart = true;
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < n) {
    const ch = text[i]!;
    if (atCellStart && ch === '"') {
      // A quoted field: runs to the quote not followed by another quote. Excel only quotes a whole field, so a
      // quote in the middle of an unquoted field is kept as it is.
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < n) {
        const c = text[j]!;
        if (c === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += c;
        j++;
      }
      const next = text[j];
      if (closed && (j >= n || next === '\t' || next === '\n' || next === '\r')) {
        cell = value;
        i = j;
        atCellStart = false;
        continue;
      }
      // not a well-formed quoted field (a cell that merely starts with a quote): read it as plain text
    }
    atCellStart = false;
    if (ch === '\t') endCell();
    else if (ch === '\r' || ch === '\n') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length > 0 || !atCellStart) endRow();
  return rows;
}

const needsQuotes = (v: string) => /[\t\r\n"]/.test(v);

/** Formats cells as Excel writes them to the clipboard (CRLF after every row). */
export function formatTsv(cells: readonly (readonly string[])[]): string {
  return cells
    .map((r) => r.map((v) => (needsQuotes(v) ? `"${v.replace(/"/g, '""')}"` : v)).join('\t') + '\r\n')
    .join('');
}

const escapeHtml = (v: string) =>
  v
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r?\n/g, '<br style="mso-data-placement:same-cell">');

/** An amount or a count as Excel reads a number: 3500, 3,500.00, -0.5, 12.5% (no leading zero, at most 12 digits). */
const PLAIN_NUMBER = /^-?(0|[1-9]\d{0,11}|[1-9]\d{0,2}(,\d{3})+)(\.\d+)?%?$/;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * How Excel and WPS should take a cell pasted from the HTML (the version they paste by default): an amount as a
 * number (a SUM over it counts it), a full date as a date shown 2017-09-30, and everything else as text, so that
 * 001, 2017-09, 1-1 and an 18-digit 身份证号 stay as typed.
 */
function cellStyle(v: string): string {
  if (PLAIN_NUMBER.test(v)) return '';
  if (FULL_DATE.test(v)) return ` style="mso-number-format:'yyyy\\-mm\\-dd'"`;
  return ` style="mso-number-format:'\\@'"`;
}

/** The same block as an HTML table; line breaks stay inside their cell. */
export function formatHtmlTable(cells: readonly (readonly string[])[]): string {
  const body = cells
    .map((r) => `<tr>${r.map((v) => `<td${cellStyle(v)}>${escapeHtml(v)}</td>`).join('')}</tr>`)
    .join('');
  return `<html><head><meta charset="utf-8"></head><body><table>${body}</table></body></html>`;
}
