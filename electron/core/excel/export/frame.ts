/**
 * The common frame of a county submission sheet (domain §2): merged title, 填报单位/统计截止/单位 row,
 * one or two header rows with merged groups, sections with subtotals, a 合计 row, the signature footer,
 * widths that fit the content and an A4/A3 landscape print setup. Money arrives in 分 and is written as
 * full-precision 万元 numbers with format 0.00; every total is a SUM formula whose cached result is the
 * Σ分 of its rows, so a viewer that does not recalculate shows the same figure as one that does.
 */
import type ExcelJS from 'exceljs';
import { APPROX_MARK, formatDateCn } from '../../../../shared/domain/display.ts';
import { columnLetter } from '../letters.ts';
import { writeColumnBreaks } from './column-breaks.ts';

export type Kind = 'text' | 'wrap' | 'money' | 'pct' | 'date' | 'seq' | 'int' | 'mu';

export interface Col {
  key: string;
  header: string;
  group?: string;
  kind: Kind;
  /** Summed in subtotal and total rows (money and int columns). */
  sum?: boolean;
}

/** Money values are integer 分; dates ISO strings; pct a number already in percent. */
export type Val = string | number | null;

export interface Item {
  values: Record<string, Val>;
  /** Sub-project rows are shown but not summed (their parent already carries their money). */
  summed: boolean;
  /** Money keys whose amount is approximate ("860余万元"): shown as 860.00余, still a number. */
  approxKeys?: string[];
}

export interface Section {
  title: string;
  items: Item[];
}

export interface Ratio {
  /** pct column = num / den × 100 in total rows. */
  key: string;
  num: string;
  den: string;
}

export interface ReportSpec {
  sheetName: string;
  title: string;
  unitOrg: string;
  asOfText: string;
  unitText: string;
  columns: Col[];
  sections: Section[];
  /**
   * 'inline': the section row carries its subtotals (T1); 'after': title row, items, then a 合计 row (T3);
   * 'titles': a title row over its items, nothing summed (T5).
   */
  sectionStyle: 'inline' | 'after' | 'titles' | 'none';
  totalPosition: 'top' | 'bottom';
  totalLabel: string;
  ratios?: Ratio[];
}

export const FONT_TABLE = '宋体';
export const FONT_TITLE = '黑体';
const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/**
 * A date reads as every date people read (2017年9月30日, display.ts formatDateCn) and stays a real Excel date, which
 * a recipient sorts and filters; its column is measured for that text.
 */
const DATE_FMT = 'yyyy"年"m"月"d"日"';
const NUM_FMT: Partial<Record<Kind, string>> = { money: '0.00', pct: '0.0', date: DATE_FMT, int: '0', mu: '0.00' };

const isWide = (cp: number): boolean =>
  (cp >= 0x1100 && cp <= 0x115f) ||
  (cp >= 0x2e80 && cp <= 0xa4cf) ||
  (cp >= 0xac00 && cp <= 0xd7a3) ||
  (cp >= 0xf900 && cp <= 0xfaff) ||
  (cp >= 0xfe30 && cp <= 0xfe4f) ||
  (cp >= 0xff00 && cp <= 0xff60) ||
  (cp >= 0xffe0 && cp <= 0xffe6) ||
  (cp >= 0x20000 && cp <= 0x3fffd);

/** Display width as Excel counts it: CJK and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return w;
}

export const fenToWan = (fen: number): number => fen / 1_000_000;

// ---------------------------------------------------------------------------------------------------------
// Paper. Body text is 10 pt; printed below 9 pt it is hard to read for the leaders who sign the sheet, so the
// print scale never goes under 90 %. Column widths are in character units of the workbook's default font
// (Calibri 11), which each office program turns into points its own way (columnWidthPt).

export const BODY_FONT_PT = 10;
export const MIN_PRINT_SCALE = 0.9;
/** Left and right page margins, inches (the same on every export). */
const MARGIN_IN = 0.4;
/** Landscape printable widths in points: the long edge minus the side margins. */
const PAPERS = [
  { name: 'A4', code: 9, widthPt: (297 / 25.4) * 72 - 2 * MARGIN_IN * 72 },
  { name: 'A3', code: 8, widthPt: (420 / 25.4) * 72 - 2 * MARGIN_IN * 72 },
] as const;

/** The column width ExcelJS treats as no width at all (lib/doc/column.js DEFAULT_COLUMN_WIDTH). */
const EXCELJS_DEFAULT_WIDTH = 9;

/**
 * The widest a column of `width` units prints among the programs a town uses. Excel and WPS with Calibri draw a
 * unit as Calibri's digit, 7 px at 96 dpi, plus 5 px of padding; LibreOffice where neither Calibri nor its
 * metric twin Carlito is installed (a domestic Linux) measures the unit in its fallback font, 7 pt a unit with
 * no padding (read back from LibreOffice 7's own file: 6 → 42 pt, 36 → 252 pt), up to a third wider. Paper is
 * planned for the wider, so a page's columns fit in either and no program adds a column break of its own.
 */
export const columnWidthPt = (width: number): number => Math.max(((width * 7 + 5) * 72) / 96, width * 7);

export interface PrintPlan {
  paperSize: number;
  /** Fit to one page wide (Excel then prints at `scale`, which is ≥ MIN_PRINT_SCALE); otherwise a fixed scale. */
  fitToWidth: boolean;
  /** Expected print scale, 0–1. */
  scale: number;
  /** Columns repeated on every page when the table runs several pages wide (序号 and 项目名称). */
  titleColumns: number;
  /** How many leading columns print on the first page (the title and signature lines span them). */
  firstPageColumns: number;
  /** 0-based columns that start a new page (manual column breaks); empty when the table fits one page wide. */
  breaks: number[];
}

/**
 * A4 when the table fits one page wide at ≥ 90 %, else A3 when it fits there, else A3 at a fixed 90 % over
 * several pages wide with the leading columns (序号, name) repeated, so a page never shrinks the text. Pages
 * break only where `joined(i)` is false — no merged heading (资金构成 over its six sources) or label spans
 * from column i-1 into column i — as full as such breaks allow: a leader reads each heading whole on one page,
 * as a clerk sets the breaks by hand in WPS (页面布局 → 分隔符).
 */
export function printPlan(widths: number[], titleColumns: number, joined: (i: number) => boolean): PrintPlan {
  const pt = widths.map(columnWidthPt);
  const sumPt = (from: number, to: number) => pt.slice(from, to).reduce((a, w) => a + w, 0);
  const totalPt = sumPt(0, pt.length);
  for (const paper of PAPERS) {
    const scale = Math.min(1, paper.widthPt / totalPt);
    if (scale >= MIN_PRINT_SCALE)
      return {
        paperSize: paper.code,
        fitToWidth: true,
        scale,
        titleColumns: 0,
        firstPageColumns: widths.length,
        breaks: [],
      };
  }
  const pagePt = PAPERS[1].widthPt / MIN_PRINT_SCALE;
  const titlePt = sumPt(0, titleColumns);
  const breaks: number[] = [];
  let used = 0;
  for (let i = 0; i < pt.length; ) {
    // One block: columns no break may come between.
    let j = i + 1;
    while (j < pt.length && joined(j)) j++;
    const w = sumPt(i, j);
    // A block wider than a page on its own still starts one (the program then splits it where it must: no
    // county table has a group that wide). Never a break among the repeated columns, which page 1 holds.
    if (i > titleColumns && used + w > pagePt) {
      breaks.push(i);
      used = titlePt;
    }
    used += w;
    i = j;
  }
  return {
    paperSize: PAPERS[1].code,
    fitToWidth: false,
    scale: MIN_PRINT_SCALE,
    titleColumns,
    firstPageColumns: breaks[0] ?? widths.length,
    breaks,
  };
}

/**
 * Printed lines a text takes in a cell `width` units wide at `sizePt` (CJK characters two units at 10 pt,
 * scaled with the font size; one unit of padding), counting hard line breaks.
 */
export function textLines(text: string, width: number, sizePt = BODY_FONT_PT): number {
  const usable = Math.max(1, width - 1);
  return text
    .split(/\r?\n/)
    .reduce((a, line) => a + Math.max(1, Math.ceil((displayWidth(line) * sizePt) / BODY_FONT_PT / usable)), 0);
}

/** Row height in points that shows `lines` lines of `sizePt` text (line spacing as Excel's 宋体 rows). */
export const linesHeight = (lines: number, sizePt = BODY_FONT_PT): number => Math.ceil(lines * sizePt * 1.35 + 4);

function isoToDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** SUM over rows, with contiguous rows folded into ranges: SUM(F7:F9,F12). */
export function sumFormula(letter: string, rows: number[]): string {
  if (rows.length === 0) return '0';
  const parts: string[] = [];
  let start = rows[0]!;
  let prev = start;
  for (const r of [...rows.slice(1), Number.NaN]) {
    if (r === prev + 1) {
      prev = r;
      continue;
    }
    parts.push(start === prev ? `${letter}${start}` : `${letter}${start}:${letter}${prev}`);
    start = r;
    prev = r;
  }
  return `SUM(${parts.join(',')})`;
}

interface RowRef {
  row: number;
  kind: 'total' | 'section' | 'sectionTotal' | 'item' | 'title';
  section?: number;
}

export function writeReport(wb: ExcelJS.Workbook, spec: ReportSpec): ExcelJS.Worksheet {
  const cols = spec.columns;
  const n = cols.length;
  const twoLevels = cols.some((c) => c.group);
  const headTop = 3;
  const headBottom = twoLevels ? 4 : 3;
  const ws = wb.addWorksheet(spec.sheetName, {
    views: [{ state: 'frozen', ySplit: headBottom, xSplit: 0 }],
    // Paper, scale and repeated columns are decided once the column widths are known (printPlan).
    pageSetup: {
      orientation: 'landscape',
      printTitlesRow: `${headTop}:${headBottom}`,
      horizontalCentered: true,
      margins: { left: MARGIN_IN, right: MARGIN_IN, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第&P页 共&N页', evenFooter: '&C第&P页 共&N页' },
  });
  const font = (size = 10, bold = false, name = FONT_TABLE) => ({ name, size, bold, charset: 134 });
  // Columns a merged heading or label of the table carries over from the column before: no page breaks there.
  const joined = new Uint8Array(n);
  const mergeAcross = (row: number, c0: number, c1: number) => {
    ws.mergeCells(`${columnLetter(c0)}${row}:${columnLetter(c1)}${row}`);
    joined.fill(1, c0 + 1, c1 + 1);
  };
  const widths = cols.map(() => 6);
  // Texts that may wrap, with the columns they span, measured against the final widths to set row heights.
  const wrapped: { row: number; c0: number; c1: number; text: string; sizePt: number }[] = [];
  const wrapAt = (row: number, c0: number, c1: number, text: string, sizePt = BODY_FONT_PT) => {
    if (text) wrapped.push({ row, c0, c1, text, sizePt });
  };
  const fit = (i: number, text: string, wrapAt?: number) => {
    if (text.length * 2 + 2 <= widths[i]!) return; // cannot widen the column: skip measuring
    const w = displayWidth(text) + 2;
    widths[i] = Math.max(widths[i]!, wrapAt ? Math.min(w, wrapAt) : w);
  };

  // Title and info row, over the columns of the first page (all columns when the table fits one page wide),
  // so a table printed several pages wide shows its whole title and 单位 on page 1. Not in `joined`: they are
  // laid over the pages, not the pages over them. There the 填报单位 takes exactly the `lead` columns repeated
  // on every page: each page's top then shows it whole, where a span running on past them printed a cut-off
  // piece of itself or of 统计截止 (“此表统计时间截止20”) over the repeated columns of pages 2, 3 ….
  const writeTitle = (m: number, lead: number) => {
    if (m > 1) ws.mergeCells(`A1:${columnLetter(m - 1)}1`);
    const title = ws.getCell('A1');
    title.value = spec.title;
    title.font = font(18, true, FONT_TITLE);
    title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.getRow(1).height = 36;
    wrapAt(1, 0, m - 1, spec.title, 18);
    const third = Math.max(1, Math.floor(m / 3));
    const left = lead > 0 ? lead : third;
    const right = Math.max(1, Math.min(third, m - left - 1));
    const info: [number, number, string, 'left' | 'center' | 'right'][] = [
      [0, left - 1, spec.unitOrg, 'left'],
      [left, Math.max(left, m - right - 1), spec.asOfText, 'center'],
      [Math.min(m - 1, m - right), m - 1, spec.unitText, 'right'],
    ];
    for (const [a, b, text, align] of info) {
      if (b > a) ws.mergeCells(`${columnLetter(a)}2:${columnLetter(b)}2`);
      const c = ws.getCell(`${columnLetter(a)}2`);
      c.value = text;
      c.font = font(11);
      c.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
      wrapAt(2, a, Math.max(a, b), text, 11);
    }
    ws.getRow(2).height = 22;
  };

  // Header rows: ungrouped columns merge vertically; a group merges across its columns.
  for (let i = 0; i < n; i++) {
    const col = cols[i]!;
    const L = columnLetter(i);
    if (!col.group) {
      if (twoLevels) ws.mergeCells(`${L}${headTop}:${L}${headBottom}`);
      ws.getCell(`${L}${headTop}`).value = col.header;
    } else {
      let j = i;
      while (j + 1 < n && cols[j + 1]!.group === col.group) j++;
      if (i === 0 || cols[i - 1]!.group !== col.group) {
        if (j > i) mergeAcross(headTop, i, j);
        ws.getCell(`${L}${headTop}`).value = col.group;
      }
      ws.getCell(`${L}${headBottom}`).value = col.header;
    }
    // Header cells wrap, so a long header needs about half its length.
    const hw = displayWidth(col.header) + 2;
    widths[i] = Math.max(widths[i]!, hw > 10 ? Math.ceil(hw / 2) + 2 : hw);
  }
  for (let r = headTop; r <= headBottom; r++) {
    const row = ws.getRow(r);
    row.height = twoLevels ? 30 : 40;
    for (let i = 1; i <= n; i++) {
      const c = row.getCell(i);
      c.font = font(10, true);
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = BORDER;
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    }
  }

  // Lay out the body first, so totals can name the rows they sum.
  const refs: RowRef[] = [];
  let r = headBottom + 1;
  if (spec.totalPosition === 'top') refs.push({ row: r++, kind: 'total' });
  spec.sections.forEach((s, si) => {
    if (spec.sectionStyle !== 'none')
      refs.push({ row: r++, kind: spec.sectionStyle === 'inline' ? 'section' : 'title', section: si });
    for (let k = 0; k < s.items.length; k++) refs.push({ row: r++, kind: 'item', section: si });
    if (spec.sectionStyle === 'after') refs.push({ row: r++, kind: 'sectionTotal', section: si });
  });
  if (spec.totalPosition === 'bottom') refs.push({ row: r++, kind: 'total' });
  const lastRow = r - 1;

  // Rows of the summed items per section, and Σ分 per section and column, each worked out once.
  const summedRows: number[][] = spec.sections.map(() => []);
  const seenItems = spec.sections.map(() => 0);
  for (const x of refs)
    if (x.kind === 'item' && spec.sections[x.section!]!.items[seenItems[x.section!]!++]!.summed)
      summedRows[x.section!]!.push(x.row);
  const itemRowsOf = (si: number | null) => (si === null ? summedRows.flat() : summedRows[si]!);
  const sectionSums = new Map<string, number[]>();
  const sumOf = (key: string, si: number | null) => {
    let sums = sectionSums.get(key);
    if (!sums) {
      sums = spec.sections.map((s) =>
        s.items.filter((it) => it.summed).reduce((a, it) => a + (Number(it.values[key]) || 0), 0),
      );
      sectionSums.set(key, sums);
    }
    return si === null ? sums.reduce((a, b) => a + b, 0) : sums[si]!;
  };
  const subtotalRows = refs.filter((x) => x.kind === 'section' || x.kind === 'sectionTotal').map((x) => x.row);

  const writeTotals = (rowNo: number, si: number | null) => {
    const row = ws.getRow(rowNo);
    const sums: Record<string, number> = {};
    cols.forEach((col, i) => {
      if (!col.sum) return;
      const L = columnLetter(i);
      const fen = sumOf(col.key, si);
      sums[col.key] = fen;
      const f = si === null && subtotalRows.length > 0 ? sumFormula(L, subtotalRows) : sumFormula(L, itemRowsOf(si));
      row.getCell(i + 1).value = { formula: f, result: col.kind === 'money' ? fenToWan(fen) : fen };
      fit(i, col.kind === 'money' ? fenToWan(fen).toFixed(2) : String(fen));
    });
    for (const ratio of spec.ratios ?? []) {
      const i = cols.findIndex((c) => c.key === ratio.key);
      const num = columnLetter(cols.findIndex((c) => c.key === ratio.num));
      const den = columnLetter(cols.findIndex((c) => c.key === ratio.den));
      const d = sums[ratio.den] ?? 0;
      const result = d > 0 ? Math.round(((sums[ratio.num] ?? 0) / d) * 1000) / 10 : '';
      row.getCell(i + 1).value = {
        formula: `IF(${den}${rowNo}=0,"",ROUND(${num}${rowNo}/${den}${rowNo}*100,1))`,
        result,
      };
    }
  };
  // A table without summed columns (T5) has the whole row for its 合计 label.
  const firstSumCol = cols.some((c) => c.sum)
    ? Math.max(
        1,
        cols.findIndex((c) => c.sum),
      )
    : n;
  const labelSpan = (rowNo: number, text: string) => {
    const endCol = Math.max(0, firstSumCol - 1);
    if (endCol > 0) mergeAcross(rowNo, 0, endCol);
    ws.getCell(`A${rowNo}`).value = text;
    wrapAt(rowNo, 0, endCol, text);
  };

  // One style object per column and row kind, shared by every cell that uses it: ExcelJS registers a style
  // object once, where a fresh object per cell would be serialised and looked up for each of 200,000 cells.
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  const bodyStyle = (i: number, kind: RowRef['kind'], approx: boolean): Partial<ExcelJS.Style> => {
    const key = `${i}|${kind === 'item' ? 'item' : kind === 'title' ? 'title' : 'bold'}|${approx}`;
    let style = styles.get(key);
    if (!style) {
      const col = cols[i]!;
      const numeric = ['money', 'pct', 'int', 'mu'].includes(col.kind);
      const fmt = approx ? `0.00"${APPROX_MARK}"` : NUM_FMT[col.kind];
      style = {
        font: font(10, kind !== 'item'),
        border: BORDER,
        alignment: {
          vertical: 'middle',
          horizontal: numeric ? 'right' : col.kind === 'seq' || col.kind === 'date' ? 'center' : 'left',
          wrapText: col.kind === 'wrap' || col.kind === 'text' || kind === 'title',
        },
        ...(fmt ? { numFmt: fmt } : {}),
      };
      styles.set(key, style);
    }
    return style;
  };
  const approxCols = new Set<number>();
  const itemIdx = new Map<number, number>();
  for (const ref of refs) {
    const row = ws.getRow(ref.row);
    if (ref.kind === 'total') {
      const count = spec.sections.reduce((a, s) => a + s.items.filter((i) => i.summed).length, 0);
      labelSpan(ref.row, `${spec.totalLabel}（${count}个）`);
      writeTotals(ref.row, null);
    } else if (ref.kind === 'section' || ref.kind === 'title') {
      const s = spec.sections[ref.section!]!;
      if (ref.kind === 'section') {
        labelSpan(ref.row, s.title);
        writeTotals(ref.row, ref.section!);
      } else {
        const end = Math.min(n - 1, Math.max(6, firstSumCol - 1));
        mergeAcross(ref.row, 0, end);
        ws.getCell(`A${ref.row}`).value = s.title;
        wrapAt(ref.row, 0, end, s.title);
      }
    } else if (ref.kind === 'sectionTotal') {
      const s = spec.sections[ref.section!]!;
      const seqIdx = cols.findIndex((c) => c.kind === 'seq');
      // The label goes in the name column, or (T5: 重点工作) the first text column after 序号.
      const named = cols.findIndex((c) => c.key === 'name');
      const nameIdx =
        named >= 0 ? named : cols.findIndex((c, i) => i !== seqIdx && (c.kind === 'text' || c.kind === 'wrap'));
      if (seqIdx >= 0) row.getCell(seqIdx + 1).value = s.items.filter((i) => i.summed).length;
      if (nameIdx >= 0) row.getCell(nameIdx + 1).value = '合计';
      writeTotals(ref.row, ref.section!);
    } else {
      const k = itemIdx.get(ref.section!) ?? 0;
      itemIdx.set(ref.section!, k + 1);
      const item = spec.sections[ref.section!]!.items[k]!;
      cols.forEach((col, i) => {
        const v = item.values[col.key];
        const cell = row.getCell(i + 1);
        if (v === null || v === undefined || v === '') return;
        if (col.kind === 'money') {
          cell.value = fenToWan(Number(v));
          if (item.approxKeys?.includes(col.key)) approxCols.add(i);
          fit(i, fenToWan(Number(v)).toFixed(2));
        } else if (col.kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
          cell.value = isoToDate(v);
          fit(i, formatDateCn(v));
        } else {
          cell.value = v;
          fit(
            i,
            typeof v === 'number' && col.kind === 'pct' ? v.toFixed(1) : String(v),
            col.kind === 'wrap' ? 36 : col.kind === 'text' ? 24 : undefined,
          );
          if (typeof v === 'string' && (col.kind === 'wrap' || col.kind === 'text')) wrapAt(ref.row, i, i, v);
        }
      });
    }
    // The cells of a merged span share one style (ExcelJS gives them the master's object): the last cell's
    // font, border and alignment, and the number format of the last cell that has one.
    const spanStyle = new Map<string, Partial<ExcelJS.Style>>();
    for (let i = n; i >= 1; i--) {
      const c = row.getCell(i);
      const style = bodyStyle(i - 1, ref.kind, approxCols.has(i - 1));
      if (!c.isMerged) {
        c.style = style;
        continue;
      }
      const acc = spanStyle.get(c.master.address);
      if (!acc) spanStyle.set(c.master.address, style);
      else if (!acc.numFmt && style.numFmt) spanStyle.set(c.master.address, { ...acc, numFmt: style.numFmt });
    }
    for (let i = 1; i <= n && spanStyle.size > 0; i++) {
      const c = row.getCell(i);
      if (c.isMerged) c.style = spanStyle.get(c.master.address)!;
    }
    approxCols.clear();
    if (ref.kind === 'title') row.height = 30;
  }

  const finalWidths = widths.map((w) => Math.min(Math.max(w, 5), 40));
  // ExcelJS takes a width of exactly 9 for its default and leaves the column out of the file, which Excel then
  // draws at its own default (8.43): a hair wider keeps the width the text was measured for
  finalWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w === EXCELJS_DEFAULT_WIDTH ? w + 0.01 : w));

  // Columns repeated on each page when the table runs several pages wide: up to the project name, unless
  // those take more than a third of the page (then only 序号).
  const nameCol = cols.findIndex((c) => c.key === 'name' || c.key === 'title');
  const leadPt = finalWidths.slice(0, nameCol + 1).reduce((a, w) => a + columnWidthPt(w), 0);
  const plan = printPlan(
    finalWidths,
    nameCol >= 0 && leadPt * MIN_PRINT_SCALE <= PAPERS[1].widthPt / 3 ? nameCol + 1 : 1,
    (i) => joined[i] === 1,
  );
  writeTitle(plan.firstPageColumns, plan.titleColumns);
  // Footer: signatures two rows under the table, over the first page's columns like the title.
  const footRow = lastRow + 2;
  if (plan.firstPageColumns > 1) ws.mergeCells(`A${footRow}:${columnLetter(plan.firstPageColumns - 1)}${footRow}`);
  const foot = ws.getCell(`A${footRow}`);
  foot.value =
    '单位负责人：　　　　　　审核人：　　　　　　填报人：　　　　　　联系电话：　　　　　　　　填报日期：　　　　年　　月　　日';
  foot.font = font(11);
  foot.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  ws.getRow(footRow).height = 24;
  wrapAt(footRow, 0, plan.firstPageColumns - 1, String(foot.value), 11);

  // Row heights that show every wrapped line (a row keeps its own height when that is already enough).
  const spanWidth = (c0: number, c1: number) => finalWidths.slice(c0, c1 + 1).reduce((a, w) => a + w, 0);
  const needed = new Map<number, number>();
  for (const x of wrapped) {
    const lines = textLines(x.text, spanWidth(x.c0, x.c1), x.sizePt);
    if (lines < 2) continue;
    needed.set(x.row, Math.max(needed.get(x.row) ?? 0, linesHeight(lines, x.sizePt)));
  }
  // Header: a column merged over both header rows shares their height; a group's label sits over its leaves.
  let headNeed = 0;
  cols.forEach((col, i) => {
    const own = textLines(col.header, finalWidths[i]!);
    const group = col.group
      ? textLines(
          col.group,
          spanWidth(
            cols.findIndex((c) => c.group === col.group),
            cols.findLastIndex((c) => c.group === col.group),
          ),
        )
      : 0;
    headNeed = Math.max(headNeed, linesHeight(own + group));
  });
  for (let r = headTop; r <= headBottom; r++) needed.set(r, Math.ceil(headNeed / (headBottom - headTop + 1)));
  for (const [r, h] of needed) {
    const row = ws.getRow(r);
    if (!row.height || row.height < h) row.height = h;
  }

  ws.pageSetup.paperSize = plan.paperSize as never; // 8 = A3, 9 = A4 (ExcelJS types list no A3)
  if (plan.fitToWidth) Object.assign(ws.pageSetup, { fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  else {
    Object.assign(ws.pageSetup, { fitToPage: false, scale: Math.round(plan.scale * 100) });
    ws.pageSetup.printTitlesColumn = `A:${columnLetter(plan.titleColumns - 1)}`;
    columnBreaks.set(ws, plan.breaks);
  }
  return ws;
}

/** Each report sheet's manual column breaks (printPlan), written with the workbook (column-breaks.ts). */
const columnBreaks = new WeakMap<ExcelJS.Worksheet, number[]>();

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  writeColumnBreaks(wb, new Map(wb.worksheets.map((ws) => [ws.id, columnBreaks.get(ws) ?? []])));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
