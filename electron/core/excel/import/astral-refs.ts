/**
 * Characters beyond U+FFFF written as numeric character references, read right.
 *
 * SheetJS (0.20.3) decodes `&#128512;` and `&#x20000;` with String.fromCharCode, which keeps the low 16 bits: 😀
 * came out as U+F600 and 𠀀 (CJK Extension B, where rare characters of village and people's names live) as NUL,
 * silently, into the ledger and every export after. Excel and WPS store such characters as UTF-8, which SheetJS
 * reads right; openpyxl — a county IT person's script — writes every non-ASCII character as a reference. Each
 * reference above U+FFFF is rewritten as the references of its two UTF-16 halves, which that decoding does put
 * together into the character, before SheetJS reads the text.
 */
import * as XLSX from 'xlsx';

/** A decimal reference ≥ 65536 or a hexadecimal one ≥ 0x10000 (leading zeros allowed). */
const ASTRAL_REF =
  /&#(?:[xX]0*([1-9a-fA-F][\da-fA-F]{4,})|0*(6553[6-9]|655[4-9]\d|65[6-9]\d\d|6[6-9]\d{3}|[7-9]\d{4}|[1-9]\d{5,}));/g;

/** The code point a reference names, from the regular expressions' two groups (hexadecimal, decimal). */
const codePointOf = (hex: string | undefined, dec: string | undefined) =>
  hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10);

/** XML (or HTML) text with each reference above U+FFFF as two references to its UTF-16 halves. */
export function astralRefsAsPairs(text: string): string {
  ASTRAL_REF.lastIndex = 0;
  if (!ASTRAL_REF.test(text)) return text;
  return text.replace(ASTRAL_REF, (ref: string, hex: string | undefined, dec: string | undefined) => {
    const cp = codePointOf(hex, dec);
    if (cp > 0x10ffff) return ref; // not a character: left for the reader to refuse or keep as written
    const pair = String.fromCodePoint(cp);
    return `&#${pair.charCodeAt(0)};&#${pair.charCodeAt(1)};`;
  });
}

/** Any decimal or hexadecimal reference. */
const NUMERIC_REF = /&#(?:[xX]([\da-fA-F]{1,8})|(\d{1,9}));/g;
/** What must stay a reference in markup: the characters that would open a tag, an entity or close an attribute. */
const MARKUP: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' };

/**
 * An HTML table (what many systems save under an .xls name) with its numeric references as the characters: SheetJS's
 * HTML reader decodes &amp; and a few named entities but no numeric reference at all, so a system writing 项目 as
 * &#39033;&#30446; gave cells of digits and ampersands.
 */
export function htmlRefsAsText(html: string): string {
  if (html.indexOf('&#') < 0) return html;
  return html.replace(NUMERIC_REF, (ref: string, hex: string | undefined, dec: string | undefined) => {
    const cp = codePointOf(hex, dec);
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return ref;
    const ch = String.fromCodePoint(cp);
    return MARKUP[ch] ?? ch;
  });
}

interface ZipEntry {
  name: string;
  type: number;
  content?: Uint8Array;
}

/** A row or column a worksheet part marks hidden (hidden="1" or hidden="true" on a row or col element). */
const HIDDEN_ROW_OR_COL = /<(?:\w+:)?(?:row|col)\b[^>]*\shidden="(?:1|true)"/;

/**
 * A zip workbook (xlsx, ods) read as XLSX.read reads it — the container, then SheetJS's own parse_zip — with its XML
 * parts' references above U+FFFF made readable first. The parts are ASCII in their references, so reading them as
 * Latin-1 and writing them back byte for byte leaves every UTF-8 sequence as it was.
 * SheetJS says which rows and columns are hidden only when it reads styles (cellStyles), a quarter more of its time;
 * the worksheet parts are looked at while they are here, and styles are read only for a workbook that hides some.
 */
export function readZipWorkbook(bytes: Uint8Array, opts: XLSX.ParsingOptions): XLSX.WorkBook {
  const zip = XLSX.CFB.read(bytes, { type: 'buffer' });
  let hides = false;
  for (const entry of zip.FileIndex as ZipEntry[]) {
    if (entry.type !== 2 || !entry.content || !/\.(xml|rels)$/i.test(entry.name)) continue;
    const content = Buffer.from(entry.content.buffer, entry.content.byteOffset, entry.content.byteLength);
    const mayHide = !hides && content.indexOf('hidden="') >= 0;
    if (!mayHide && content.indexOf('&#') < 0) continue;
    const text = content.toString('latin1');
    if (mayHide && HIDDEN_ROW_OR_COL.test(text)) hides = true;
    const fixed = astralRefsAsPairs(text);
    if (fixed !== text) entry.content = Buffer.from(fixed, 'latin1');
  }
  return (XLSX as unknown as SheetJsZip).parse_zip(zip, hides ? { ...opts, cellStyles: true } : opts);
}

/** Exported by SheetJS (what XLSX.read calls after opening the zip) but absent from its type declarations. */
interface SheetJsZip {
  parse_zip(zip: ReturnType<typeof XLSX.CFB.read>, opts: XLSX.ParsingOptions): XLSX.WorkBook;
}
