/**
 * Bytes → plain sheet data, run inside the parse worker. Everything a hostile file can throw (TypeErrors,
 * bare strings) is caught here and becomes a failure kind with a Chinese message on the main side.
 * Formulas are never evaluated: the cached value is taken; styles, images, macros and links are not read.
 */
import * as XLSX from 'xlsx';
import * as cptable from 'xlsx/dist/cpexcel.full.mjs';
import { astralRefsAsPairs, htmlRefsAsText, readZipWorkbook } from './astral-refs.ts';
import { decodeText, parseDelimited } from './decode-text.ts';
import { LIMITS, type CellValue, type ParseFailureKind, type ParseOutcome, type SheetData } from './sheet-data.ts';
import { sniff } from './sniff.ts';

XLSX.set_cptable(cptable);

class TooLarge extends Error {}

export async function parseBytes(bytes: Uint8Array): Promise<ParseOutcome> {
  const s = await sniff(bytes);
  if (s.kind === 'fail') return { ok: false, kind: s.failure, ...(s.detail ? { detail: s.detail } : {}) };
  try {
    if (s.kind === 'cfb') {
      const refusal = inspectCfb(bytes);
      if (refusal) return { ok: false, kind: refusal };
      return fromWorkbook(XLSX.read(bytes, readOptions('buffer')), 'xls');
    }
    if (s.kind === 'zip')
      return fromWorkbook(
        readZipWorkbook(bytes, readOptions('buffer')),
        s.entries.some((e) => e === 'content.xml') ? 'ods' : 'xlsx',
      );
    const { text, encoding } = decodeText(bytes);
    const head = text.trimStart().slice(0, 200);
    if (/^(<|ID;|TABLE\r?\n)/i.test(head)) {
      if (/<w:document|<w:wordDocument/i.test(head)) return { ok: false, kind: 'WORD_DOCUMENT' };
      // SheetJS reads an XML spreadsheet's references (but not those above U+FFFF) and none of an HTML table's.
      const readable =
        /<table/i.test(head) || !/<\?xml|<Workbook/i.test(head) ? htmlRefsAsText(text) : astralRefsAsPairs(text);
      // An XML workbook (SpreadsheetML, flat ODS) names its sheets; an HTML table, SYLK and DIF do not.
      const named = /<(ss:)?Workbook[\s>]|<office:document[\s>]/i.test(text.slice(0, 4000));
      return fromWorkbook(XLSX.read(readable, readOptions('string')), `text (${encoding})`, !named);
    }
    return fromRows([{ name: 'Sheet1', rows: parseDelimited(text) }], `csv (${encoding})`);
  } catch (e) {
    if (e instanceof TooLarge) return { ok: false, kind: 'TOO_LARGE', detail: e.message };
    return { ok: false, kind: classify(e), detail: errorText(e) };
  }
}

/**
 * Only what the import reads: values and number formats (dates, 余). No formatted text (cellText: false):
 * formatting every number to text is a third of SheetJS's time and the import never shows it.
 */
function readOptions(type: 'buffer' | 'string'): XLSX.ParsingOptions {
  return {
    type,
    dense: true,
    cellText: false,
    cellDates: false,
    cellNF: true,
    cellFormula: false,
    cellHTML: false,
    cellStyles: false,
    bookVBA: false,
    WTF: false,
  };
}

/** Excel's error codes (what SheetJS keeps in v for an error cell) → the text Excel shows. */
const ERROR_TEXT: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

/**
 * A CFB container may be an encrypted xlsx, a Word file under an .xls name, or a real .xls/.et. Only the
 * streams at the container's root decide: an .xls with an embedded Word object (or a Word file with an
 * embedded sheet) carries the other kind's stream one storage down, and is still what its root says.
 */
function inspectCfb(bytes: Uint8Array): ParseFailureKind | null {
  const cfb = XLSX.CFB.read(bytes, { type: 'buffer' });
  const paths: string[] = cfb.FullPaths ?? [];
  // CFB names compare case-insensitively (WPS writes "WorkBook" in some versions).
  const root = new Set(
    paths.map((p) => /^[^/]*\/([^/]+)$/.exec(p)?.[1]?.toLowerCase()).filter((n): n is string => !!n),
  );
  const names: string[] = (cfb.FileIndex as { name: string }[]).map((f) => f.name);
  if (names.some((n) => n === 'EncryptedPackage' || n === 'EncryptionInfo')) return 'ENCRYPTED';
  if (root.has('workbook') || root.has('book')) return null;
  if (root.has('worddocument')) return 'WORD_DOCUMENT';
  if (root.has('powerpoint document')) return 'NOT_SPREADSHEET';
  return 'DAMAGED';
}

function classify(e: unknown): ParseFailureKind {
  const text = errorText(e);
  if (/password|encrypt|decrypt|RC4|XOR|FILEPASS/i.test(text)) return 'ENCRYPTED';
  if (/unsupported|not supported|cannot find|unrecognized/i.test(text) && !/zip|cfb|sector|header/i.test(text))
    return 'UNSUPPORTED';
  return 'DAMAGED';
}

function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : typeof e === 'string' ? e : String(e)).slice(0, 200);
}

function fromWorkbook(wb: XLSX.WorkBook, format: string, unnamed = false): ParseOutcome {
  const date1904 = !!wb.Workbook?.WBProps?.date1904;
  const sheets: SheetData[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const rows: SheetData['rows'] = [];
    const data = (ws as { '!data'?: XLSX.CellObject[][] })['!data'] ?? [];
    data.forEach((row, r) => {
      if (!row) return;
      const cells: CellValue[] = [];
      row.forEach((cell, c) => {
        if (c >= LIMITS.cols || !cell) return;
        const v = cellValue(cell, date1904);
        if (v !== null) cells[c] = v;
      });
      if (cells.length === 0) return;
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      rows.push({ r, cells });
      if (rows.length > LIMITS.rows) throw new TooLarge(`工作表“${name}”超过 ${LIMITS.rows} 行`);
    });
    const merges = (ws['!merges'] ?? []).map((m) => ({ s: { r: m.s.r, c: m.s.c }, e: { r: m.e.r, c: m.e.c } }));
    const hidden = hiddenOf(ws);
    sheets.push({ name, rows, merges, ...(hidden ? { hidden } : {}), ...(unnamed ? { unnamed: true as const } : {}) });
  }
  return { ok: true, workbook: { sheets, date1904, format } };
}

/** The rows and columns a sheet hides, as SheetJS reads them (.xls always; .xlsx when styles are read). */
function hiddenOf(ws: XLSX.WorkSheet): SheetData['hidden'] | null {
  const indexes = (info: ({ hidden?: boolean } | undefined)[] | undefined) => {
    const out: number[] = [];
    (info ?? []).forEach((x, i) => x?.hidden && out.push(i));
    return out;
  };
  const rows = indexes(ws['!rows']);
  const cols = indexes(ws['!cols']);
  return rows.length || cols.length ? { rows, cols } : null;
}

/** A sheet has a handful of number formats and thousands of numbers: classify each format once. */
const dateFormats = new Map<string, boolean>();
function isDateFormat(z: string): boolean {
  const known = dateFormats.get(z);
  if (known !== undefined) return known;
  const d = XLSX.SSF.is_date(z);
  if (dateFormats.size < 1000) dateFormats.set(z, d);
  return d;
}

function cellValue(cell: XLSX.CellObject, date1904: boolean): CellValue {
  switch (cell.t) {
    case 'n': {
      const v = cell.v as number;
      if (typeof v !== 'number' || !Number.isFinite(v)) return null;
      // 0.00"余" marks an approximate amount (860余万元); keep the mark for the money parser.
      if (typeof cell.z === 'string' && cell.z.includes('余')) return `${v}余`;
      if (cell.z && isDateFormat(cell.z as string)) {
        const d = XLSX.SSF.parse_date_code(v, { date1904 });
        if (d && d.y >= 1900 && d.y <= 2099) return { date: `${d.y}-${pad(d.m)}-${pad(d.d)}` };
      }
      return v;
    }
    case 'd': {
      const d = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      return Number.isNaN(d.getTime()) ? null : { date: d.toISOString().slice(0, 10) };
    }
    case 'b':
      return !!cell.v;
    case 's': {
      const text = String(cell.v ?? '');
      if (text.length > LIMITS.cellChars) throw new TooLarge(`单元格内容超过 ${LIMITS.cellChars} 个字符`);
      return text.trim() === '' ? null : text;
    }
    case 'e':
      return cell.w ?? ERROR_TEXT[cell.v as number] ?? '#错误';
    default:
      return null;
  }
}

function fromRows(sheets: { name: string; rows: string[][] }[], format: string): ParseOutcome {
  const out: SheetData[] = sheets.map(({ name, rows }) => {
    const kept: SheetData['rows'] = [];
    rows.forEach((cells, r) => {
      if (cells.some((c) => c.length > LIMITS.cellChars))
        throw new TooLarge(`单元格内容超过 ${LIMITS.cellChars} 个字符`);
      const trimmed = cells.slice(0, LIMITS.cols).map((c) => (c.trim() === '' ? null : c));
      while (trimmed.length && trimmed[trimmed.length - 1] === null) trimmed.pop();
      if (trimmed.length) kept.push({ r, cells: trimmed });
      if (kept.length > LIMITS.rows) throw new TooLarge(`超过 ${LIMITS.rows} 行`);
    });
    return { name, rows: kept, merges: [], unnamed: true as const };
  });
  return { ok: true, workbook: { sheets: out, date1904: false, format } };
}

const pad = (n: number) => String(n).padStart(2, '0');
