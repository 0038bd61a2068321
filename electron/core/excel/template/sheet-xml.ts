/**
 * Edits one worksheet of an .xlsx in its own XML, leaving every other part of the package as it was.
 *
 * Why not ExcelJS (or any load-model-save library): it rebuilds styles.xml from its own model, so the
 * workbook's default font (font 0, used by every unstyled cell) becomes Calibri 11, and whatever it does not
 * model (rich-text runs it re-encodes, print settings it does not know, theme-bound fonts, calcChain) drifts.
 * A county office compares the file it gets back with the one it sent; here only the sheet part (and, when
 * rows are inserted, the defined names that point below them) is rewritten, and untouched parts are
 * byte-identical. The zip itself is read and written with JSZip, the library ExcelJS already uses.
 *
 * Row insertion follows Excel's own rule: inserting `by` rows before row `at` moves every reference to a row
 * ≥ at down by `by`, endpoint by endpoint, so a range that spans `at` (SUM(E5:E9) when inserting before 9)
 * grows with the table, and merges, conditional formats, validations and print areas below move with it.
 */
import type JSZip from 'jszip';
import { loadJSZip, sheetAddress } from '../libraries.ts';
import { boldStyles, type BoldStyles } from './bold-styles.ts';

export interface XCell {
  /** 0-based column. */
  c: number;
  /** The cell's style index (cellXfs), kept on every write. */
  s: string | null;
  raw: string;
}

export interface XRow {
  r: number;
  /** Attributes of <row> other than r (ht, customHeight, s, customFormat, spans …). */
  attrs: string;
  cells: XCell[];
}

export type XValue = string | number | { formula: string; result: number } | null;

const decodeEntities = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!;
  });

// Characters XML 1.0 cannot carry are dropped rather than making the file unreadable.
// eslint-disable-next-line no-control-regex
const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const escapeText = (s: string): string =>
  s.replace(NOT_IN_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? m[1]! : null;
};

/** Plain text of an <si> or <is> body (all runs joined). */
const runsText = (xml: string): string =>
  [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => decodeEntities(m[1]!)).join('');

// ---------------------------------------------------------------------------------------------------------
// Reference shifting.

/** Shifts one row number by Excel's insertion rule. */
const shiftRow = (row: number, at: number, by: number): number => (row >= at ? row + by : row);

/** Shifts every A1 reference in a formula or range list; `own` says whether an unqualified ref means this sheet. */
export function shiftRefs(text: string, at: number, by: number, sheetName: string, own: boolean): string {
  if (by === 0) return text;
  // Split out string literals so "A1" inside quotes is never touched.
  return text
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      // A cell or a range (the sheet qualifier of Sheet!A1:B2 covers both ends).
      let out = part.replace(
        /((?:'(?:[^']|'')+'|[^\s'!:,()=+\-*/&^<>;"]+)!)?(\$?[A-Z]{1,3}\$?)(\d+)(?::(\$?[A-Z]{1,3}\$?)(\d+))?(?![A-Za-z0-9_(!])/g,
        (
          m,
          prefix: string | undefined,
          c1: string,
          r1: string,
          c2: string | undefined,
          r2: string | undefined,
          offset: number,
          whole: string,
        ) => {
          const before = whole[offset - 1];
          if (before && /[A-Za-z0-9_.:]/.test(before)) return m;
          if (!targets(prefix, sheetName, own)) return m;
          const end = c2 !== undefined ? `:${c2}${shiftRow(Number(r2), at, by)}` : '';
          return `${prefix ?? ''}${c1}${shiftRow(Number(r1), at, by)}${end}`;
        },
      );
      // Whole-row ranges ($3:$4, 12:15), as print titles and print areas use them.
      out = out.replace(
        /((?:'(?:[^']|'')+'|[^\s'!:,()=+\-*/&^<>;"]+)!)?(\$?)(\d+):(\$?)(\d+)(?![A-Za-z0-9_(])/g,
        (
          m,
          prefix: string | undefined,
          d1: string,
          a: string,
          d2: string,
          b: string,
          offset: number,
          whole: string,
        ) => {
          const before = whole[offset - 1];
          if (before && /[A-Za-z0-9_.$]/.test(before)) return m;
          if (!targets(prefix, sheetName, own)) return m;
          return `${prefix ?? ''}${d1}${shiftRow(Number(a), at, by)}:${d2}${shiftRow(Number(b), at, by)}`;
        },
      );
      return out;
    })
    .join('');
}

function targets(prefix: string | undefined, sheetName: string, own: boolean): boolean {
  if (!prefix) return own;
  let name = prefix.slice(0, -1);
  if (name.startsWith("'")) name = name.slice(1, -1).replace(/''/g, "'");
  return name === sheetName;
}

// ---------------------------------------------------------------------------------------------------------
// The worksheet.

export class SheetXml {
  private head: string;
  private tail: string;
  rows: XRow[];
  merges: { s: { r: number; c: number }; e: { r: number; c: number } }[];

  constructor(
    xml: string,
    readonly sheetName: string,
    private readonly sst: string[],
  ) {
    const open = /<sheetData\s*\/>|<sheetData(?:\s[^>]*)?>/.exec(xml);
    if (!open) throw new Error('工作表缺少 sheetData');
    const selfClosing = open[0].endsWith('/>');
    const close = selfClosing ? open.index + open[0].length : xml.indexOf('</sheetData>', open.index);
    this.head = xml.slice(0, open.index);
    this.tail = xml.slice(selfClosing ? close : close + '</sheetData>'.length);
    const body = selfClosing ? '' : xml.slice(open.index + open[0].length, close);
    this.rows = [...body.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)].map((m) => {
      const attrs = m[1]!;
      const r = Number(attr(attrs, 'r'));
      const cells = [...(m[2] ?? '').matchAll(/<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)].map((cm) => {
        const tag = /^<c\b[^>]*/.exec(cm[0])![0];
        return { c: sheetAddress().decode_cell(attr(tag, 'r')!).c, s: attr(tag, 's'), raw: cm[0] };
      });
      return { r, attrs: attrs.replace(/\s+r="\d+"/, ''), cells };
    });
    this.merges = [...this.tail.matchAll(/<mergeCell\s+ref="([^"]+)"/g)].map((m) => sheetAddress().decode_range(m[1]!));
  }

  /** Rows by number, rebuilt after rows are added or moved (a fill of thousands of projects looks up each cell). */
  private byNumber: Map<number, XRow> | null = null;

  row(r: number): XRow | undefined {
    this.byNumber ??= new Map(this.rows.map((x) => [x.r, x]));
    return this.byNumber.get(r);
  }

  cell(r: number, c: number): XCell | undefined {
    return this.row(r)?.cells.find((x) => x.c === c);
  }

  /** Text shown in a cell (shared, inline or a cached formula string); '' when empty. */
  text(r: number, c: number): string {
    const cell = this.cell(r, c);
    if (!cell) return '';
    const t = attr(/^<c\b[^>]*/.exec(cell.raw)![0], 't');
    if (t === 's') {
      const v = /<v>(\d+)<\/v>/.exec(cell.raw);
      return v ? (this.sst[Number(v[1])] ?? '') : '';
    }
    if (t === 'inlineStr') return runsText(/<is>([\s\S]*?)<\/is>/.exec(cell.raw)?.[1] ?? '');
    const v = /<v>([\s\S]*?)<\/v>/.exec(cell.raw);
    return v ? decodeEntities(v[1]!) : '';
  }

  /** The merge that covers a cell, if any. */
  mergeAt(r: number, c: number) {
    return this.merges.find((m) => m.s.r + 1 <= r && r <= m.e.r + 1 && m.s.c <= c && c <= m.e.c);
  }

  /** Writes a value keeping the cell's style; null leaves only the style (or nothing, for an unstyled cell). */
  set(r: number, c: number, value: XValue): void {
    let row = this.row(r);
    if (!row) {
      row = { r, attrs: '', cells: [] };
      this.rows.push(row);
      this.rows.sort((a, b) => a.r - b.r);
      this.byNumber = null;
    }
    const existing = row.cells.find((x) => x.c === c);
    const s = existing?.s ?? null;
    const ref = sheetAddress().encode_cell({ r: r - 1, c });
    const sAttr = s !== null ? ` s="${s}"` : '';
    let raw: string | null;
    if (value === null || value === '') raw = s !== null ? `<c r="${ref}"${sAttr}/>` : null;
    else if (typeof value === 'number') raw = `<c r="${ref}"${sAttr}><v>${value}</v></c>`;
    else if (typeof value === 'string') {
      const space = /^\s|\s$|\n/.test(value) ? ' xml:space="preserve"' : '';
      raw = `<c r="${ref}"${sAttr} t="inlineStr"><is><t${space}>${escapeText(value)}</t></is></c>`;
    } else raw = `<c r="${ref}"${sAttr}><f>${escapeText(value.formula)}</f><v>${value.result}</v></c>`;
    row.cells = row.cells.filter((x) => x.c !== c);
    if (raw) row.cells.push({ c, s, raw });
    row.cells.sort((a, b) => a.c - b.c);
  }

  /**
   * Inserts `by` rows before row `at`, each a copy of row `copyOf`'s cells (style only, no values), height
   * and merges; every reference to rows ≥ at moves down.
   */
  insertRows(at: number, by: number, copyOf: number | null): void {
    if (by <= 0) return;
    const src = copyOf !== null ? this.row(copyOf) : undefined;
    const srcMerges = copyOf !== null ? this.merges.filter((m) => m.s.r + 1 === copyOf && m.e.r + 1 === copyOf) : [];
    for (const row of this.rows) {
      if (row.r < at) continue;
      const r = row.r + by;
      row.r = r;
      row.cells = row.cells.map((cell) => ({ ...cell, raw: this.shiftCell(cell.raw, r, cell.c, at, by) }));
    }
    this.merges = this.merges.map((m) => ({
      s: { r: shiftRow(m.s.r + 1, at, by) - 1, c: m.s.c },
      e: { r: shiftRow(m.e.r + 1, at, by) - 1, c: m.e.c },
    }));
    for (let k = 0; k < by; k++) {
      const r = at + k;
      const cells = (src?.cells ?? [])
        .filter((x) => x.s !== null)
        .map((x) => ({
          c: x.c,
          s: x.s,
          raw: `<c r="${sheetAddress().encode_cell({ r: r - 1, c: x.c })}" s="${x.s}"/>`,
        }));
      this.rows.push({ r, attrs: src?.attrs ?? '', cells });
      for (const m of srcMerges) this.merges.push({ s: { r: r - 1, c: m.s.c }, e: { r: r - 1, c: m.e.c } });
    }
    this.rows.sort((a, b) => a.r - b.r);
    this.byNumber = null;
    this.merges.sort((a, b) => a.s.r - b.s.r || a.s.c - b.s.c);
    // Everything outside sheetData that names cells: dimension, selections, merges (rewritten on output),
    // conditional formats and their formulas, validations, hyperlinks, autofilter, page breaks.
    const shiftAttrs = (xml: string) =>
      xml
        .replace(
          /(\s(?:ref|sqref|activeCell|topLeftCell)=")([^"]*)(")/g,
          (_, a: string, v: string, z: string) => a + shiftRefs(v, at, by, this.sheetName, true) + z,
        )
        .replace(
          /(<formula[12]?>)([\s\S]*?)(<\/formula[12]?>)/g,
          (_, a: string, v: string, z: string) => a + shiftRefs(v, at, by, this.sheetName, true) + z,
        )
        .replace(/<rowBreaks\b[\s\S]*?<\/rowBreaks>/, (rb) =>
          rb.replace(
            /(<brk\b[^>]*\sid=")(\d+)(")/g,
            (_, a: string, v: string, z: string) => a + (Number(v) >= at ? Number(v) + by : Number(v)) + z,
          ),
        );
    this.head = shiftAttrs(this.head);
    this.tail = shiftAttrs(this.tail);
  }

  private shiftCell(raw: string, r: number, c: number, at: number, by: number): string {
    return raw
      .replace(/^<c r="[^"]*"/, `<c r="${sheetAddress().encode_cell({ r: r - 1, c })}"`)
      .replace(
        /(<f\b[^>]*\sref=")([^"]*)(")/,
        (_, a: string, v: string, z: string) => a + shiftRefs(v, at, by, this.sheetName, true) + z,
      )
      .replace(
        /(<f\b[^>]*>)([\s\S]*?)(<\/f>)/,
        (_, a: string, v: string, z: string) => a + shiftRefs(v, at, by, this.sheetName, true) + z,
      );
  }

  /** The cell's style (cellXfs index) set to `s`, its value kept. */
  restyleCell(r: number, c: number, s: string): void {
    const cell = this.cell(r, c);
    if (!cell || cell.s === s) return;
    cell.raw = cell.raw.replace(/^<c\b[^>]*?(?=\/?>)/, (open) =>
      /\ss="\d*"/.test(open) ? open.replace(/\ss="\d*"/, ` s="${s}"`) : `${open} s="${s}"`,
    );
    cell.s = s;
  }

  /** Row r takes row `like`'s styles (values dropped), height and single-row merges instead of its own. */
  restyleRow(r: number, like: number): void {
    const src = this.row(like);
    const row = this.row(r);
    if (!src || !row) return;
    row.attrs = src.attrs;
    row.cells = src.cells
      .filter((x) => x.s !== null)
      .map((x) => ({ c: x.c, s: x.s, raw: `<c r="${sheetAddress().encode_cell({ r: r - 1, c: x.c })}" s="${x.s}"/>` }));
    this.merges = this.merges.filter((m) => !(m.s.r + 1 === r && m.e.r + 1 === r));
    for (const m of this.merges.filter((m) => m.s.r + 1 === like && m.e.r + 1 === like))
      this.merges.push({ s: { r: r - 1, c: m.s.c }, e: { r: r - 1, c: m.e.c } });
    this.merges.sort((a, b) => a.s.r - b.s.r || a.s.c - b.s.c);
  }

  /**
   * A template fit to N pages tall shrinks as rows are added; with rows inserted the height is left free
   * (fitToHeight 0) so the filled sheet prints at the template's width-fitted scale, never smaller.
   */
  freePageHeight(): void {
    if (!/<pageSetUpPr\b[^>]*\sfitToPage="(1|true)"/.test(this.head)) return;
    this.tail = this.tail.replace(/<pageSetup\b[^>]*>/, (tag) => {
      if (attr(tag, 'fitToHeight') === '0') return tag;
      return attr(tag, 'fitToHeight') !== null
        ? tag.replace(/\sfitToHeight="[^"]*"/, ' fitToHeight="0"')
        : tag.replace(/^<pageSetup/, '<pageSetup fitToHeight="0"');
    });
  }

  toXml(): string {
    const rows = this.rows
      .map((row) =>
        row.cells.length
          ? `<row r="${row.r}"${row.attrs}>${row.cells.map((x) => x.raw).join('')}</row>`
          : `<row r="${row.r}"${row.attrs}/>`,
      )
      .join('');
    const merges = this.merges.length
      ? `<mergeCells count="${this.merges.length}">${this.merges.map((m) => `<mergeCell ref="${sheetAddress().encode_range(m)}"/>`).join('')}</mergeCells>`
      : '';
    let tail: string;
    if (/<mergeCells\b/.test(this.tail)) tail = this.tail.replace(/<mergeCells\b[\s\S]*?<\/mergeCells>/, merges);
    else {
      // No merges before: the element goes where the schema puts it, before the first part that follows it.
      const next =
        /<(phoneticPr|conditionalFormatting|dataValidations|hyperlinks|printOptions|pageMargins|pageSetup|headerFooter|rowBreaks|colBreaks|customProperties|cellWatches|ignoredErrors|smartTags|drawing|legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b/.exec(
          this.tail,
        );
      const at = next ? next.index : this.tail.lastIndexOf('</worksheet>');
      tail = this.tail.slice(0, at) + merges + this.tail.slice(at);
    }
    return `${this.usedRangeHead()}<sheetData>${rows}</sheetData>${tail}`;
  }

  /**
   * The head with its <dimension> naming the cells the sheet now has. Rows filled below a template's last row lay
   * outside the range the template declared, and readers that trust it (SheetJS — the county's systems built on it,
   * and this app's own import) saw the header and no project.
   */
  private usedRangeHead(): string {
    let r0 = Infinity;
    let r1 = -Infinity;
    let c0 = Infinity;
    let c1 = -Infinity;
    for (const row of this.rows)
      for (const x of row.cells) {
        r0 = Math.min(r0, row.r - 1);
        r1 = Math.max(r1, row.r - 1);
        c0 = Math.min(c0, x.c);
        c1 = Math.max(c1, x.c);
      }
    for (const m of this.merges) {
      r0 = Math.min(r0, m.s.r);
      r1 = Math.max(r1, m.e.r);
      c0 = Math.min(c0, m.s.c);
      c1 = Math.max(c1, m.e.c);
    }
    if (r0 === Infinity) return this.head;
    const range = sheetAddress().encode_range({ s: { r: r0, c: c0 }, e: { r: r1, c: c1 } });
    return this.head.replace(/(<dimension\b[^>]*\sref=")[^"]*(")/, `$1${range}$2`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The package.

export interface Package {
  zip: JSZip;
  sheetPath: string;
  sheet: SheetXml;
  /** Custom and built-in number format of each cellXfs index: whether it shows a date. */
  dateStyle: (s: string | null) => boolean;
  /** Bold copies of cell styles, written into styles.xml on save if any was asked for. */
  bold: BoldStyles;
}

const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

const isDateCode = (code: string): boolean => {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
};

export async function openPackage(bytes: Uint8Array, sheetName: string): Promise<Package> {
  const zip = await (await loadJSZip()).loadAsync(bytes);
  const read = async (p: string) => (await zip.file(p)?.async('string')) ?? null;
  const wbXml = (await read('xl/workbook.xml')) ?? '';
  const rels = (await read('xl/_rels/workbook.xml.rels')) ?? '';
  const sheetTag = [...wbXml.matchAll(/<sheet\b[^>]*>/g)]
    .map((m) => m[0])
    .find((t) => decodeEntities(attr(t, 'name') ?? '') === sheetName);
  const rid = sheetTag ? /\sr:id="([^"]+)"/.exec(sheetTag)?.[1] : undefined;
  const relTag = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((t) => attr(t, 'Id') === rid);
  const target = relTag ? attr(relTag, 'Target')! : null;
  if (!target) throw new Error(`模板中找不到工作表“${sheetName}”`);
  const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const sstXml = (await read('xl/sharedStrings.xml')) ?? '';
  const sst = [...sstXml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => runsText(m[1] ?? ''));
  const sheet = new SheetXml((await read(sheetPath)) ?? '', sheetName, sst);

  const styles = (await read('xl/styles.xml')) ?? '';
  const custom = new Map(
    [...styles.matchAll(/<numFmt\b[^>]*>/g)].map((m) => [
      Number(attr(m[0], 'numFmtId')),
      decodeEntities(attr(m[0], 'formatCode') ?? ''),
    ]),
  );
  const xfs = /<cellXfs\b[\s\S]*?<\/cellXfs>/.exec(styles)?.[0] ?? '';
  const xfFormat = [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => Number(attr(m[0], 'numFmtId') ?? 0));
  const dateStyle = (s: string | null) => {
    const id = xfFormat[Number(s ?? 0)] ?? 0;
    return BUILTIN_DATE_FORMATS.has(id) || isDateCode(custom.get(id) ?? '');
  };
  return { zip, sheetPath, sheet, dateStyle, bold: boldStyles(styles) };
}

/**
 * Writes the edited sheet back. When rows were inserted, the workbook's defined names (print area, print
 * titles, named cells) that point at moved rows move too. A calcChain lists formula cells by address; after
 * cells move or lose their formulas it would send Excel into "repair", so it is dropped and Excel rebuilds it.
 */
export async function savePackage(pkg: Package, shifts: { at: number; by: number }[]): Promise<Buffer> {
  const { zip } = pkg;
  zip.file(pkg.sheetPath, pkg.sheet.toXml());
  const styles = pkg.bold.changed();
  if (styles !== null) zip.file('xl/styles.xml', styles);
  if (shifts.some((s) => s.by > 0)) {
    const wbXml = await zip.file('xl/workbook.xml')!.async('string');
    const { sheetName } = pkg.sheet;
    const moved = wbXml.replace(
      /(<definedName\b[^>]*>)([\s\S]*?)(<\/definedName>)/g,
      (_, a: string, v: string, z: string) => {
        let text = decodeEntities(v);
        for (const s of shifts) text = shiftRefs(text, s.at, s.by, sheetName, false);
        return text === decodeEntities(v) ? a + v + z : a + escapeText(text) + z;
      },
    );
    if (moved !== wbXml) zip.file('xl/workbook.xml', moved);
  }
  for (const s of shifts) if (s.by > 0) await shiftAnchors(pkg, s.at, s.by);
  if (zip.file('xl/calcChain.xml')) {
    zip.remove('xl/calcChain.xml');
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    zip.file(
      'xl/_rels/workbook.xml.rels',
      rels.replace(/<Relationship\b[^>]*Target="[^"]*calcChain\.xml"[^>]*\/>/, ''),
    );
    const types = await zip.file('[Content_Types].xml')!.async('string');
    zip.file('[Content_Types].xml', types.replace(/<Override\b[^>]*PartName="\/xl\/calcChain\.xml"[^>]*\/>/, ''));
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/**
 * Pictures, shapes and comments anchored at or below the inserted rows (a seal image under the signature,
 * a note on the 合计) move with their rows: drawing anchors and VML rows are 0-based, comment refs A1.
 */
async function shiftAnchors(pkg: Package, at: number, by: number): Promise<void> {
  const { zip, sheetPath } = pkg;
  const dir = sheetPath.slice(0, sheetPath.lastIndexOf('/'));
  const relsPath = `${dir}/_rels/${sheetPath.slice(dir.length + 1)}.rels`;
  const rels = (await zip.file(relsPath)?.async('string')) ?? '';
  const resolve = (target: string) => {
    const parts = `${dir}/${target}`.split('/');
    const out: string[] = [];
    for (const p of parts)
      if (p === '..') out.pop();
      else if (p !== '.') out.push(p);
    return out.join('/');
  };
  const row0 = (v: string) => (Number(v) + 1 >= at ? Number(v) + by : Number(v));
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const type = attr(m[0], 'Type') ?? '';
    const target = attr(m[0], 'Target');
    if (!target || attr(m[0], 'TargetMode') === 'External') continue;
    const path = resolve(target);
    const xml = await zip.file(path)?.async('string');
    if (!xml) continue;
    let moved = xml;
    if (type.endsWith('/drawing'))
      moved = xml.replace(/(<xdr:row>)(\d+)(<\/xdr:row>)/g, (_, a: string, v: string, z: string) => a + row0(v) + z);
    else if (type.endsWith('/comments'))
      moved = xml.replace(
        /(<comment\b[^>]*\sref=")([^"]+)(")/g,
        (_, a: string, v: string, z: string) => a + shiftRefs(v, at, by, pkg.sheet.sheetName, true) + z,
      );
    else if (type.endsWith('/vmlDrawing'))
      moved = xml
        .replace(/(<x:Row>)(\d+)(<\/x:Row>)/g, (_, a: string, v: string, z: string) => a + row0(v) + z)
        .replace(/(<x:Anchor>)([^<]*)(<\/x:Anchor>)/g, (_, a: string, v: string, z: string) => {
          const n = v.split(',').map((x) => x.trim());
          if (n.length === 8) [n[2], n[6]] = [String(row0(n[2]!)), String(row0(n[6]!))];
          return a + n.join(', ') + z;
        });
    if (moved !== xml) zip.file(path, moved);
  }
}
