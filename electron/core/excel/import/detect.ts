/**
 * Finds the table in a sheet the way a clerk would: skip the title and 填报单位 rows, take the row that reads
 * most like a header, extend it over the merged (or, in CSV, visibly continued) header rows below, join
 * group and sub-header into column paths like "2017年完成投资/本月", and classify the rows under it as
 * data, section (一、基础设施（5个）) or total (合计) rows, ending at the signature footer.
 */
import { headerScore, headerUnit, proposeMapping, type ColumnUnit } from '../../../../shared/domain/excel-synonyms.ts';
import { classifyLedgerRow, type LedgerRowShape, type PeriodHint } from '../../../../shared/domain/import-structure.ts';
import { columnLetter } from '../letters.ts';
import type { CellValue, SheetData } from './sheet-data.ts';

export interface DetectedColumn {
  index: number;
  letter: string;
  path: string;
}

export interface DetectedRow {
  /** 0-based sheet row. */
  r: number;
  cells: CellValue[];
  kind: 'data' | 'section' | 'total' | 'breakdown' | 'note';
  /** Section level and label, total scope (see classifyLedgerRow). */
  shape: LedgerRowShape;
}

export interface DetectedTable {
  sheet: string;
  headerRows: number[];
  columns: DetectedColumn[];
  rows: DetectedRow[];
  /** Unit stated above the table (单位：万元 / 单位：元 / 单位：亿元 / 单位：万美元), default 万元. */
  unit: ColumnUnit;
  /** Where the unit was read: "第2行“单位：万元”", or null when the file does not say (万元 assumed). */
  unitSource: string | null;
  /** Texts that may carry the file's year and month: the lines above the header, a 统计截止 cell. */
  periodHints: PeriodHint[];
}

export const cellText = (v: CellValue | undefined): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'object'
      ? v.date
      : typeof v === 'boolean'
        ? v
          ? '是'
          : '否'
        : String(v).trim();

const SCAN_ROWS = 25;

export function detectTable(sheet: SheetData): DetectedTable | null {
  const rows = sheet.rows;
  let best = -1;
  let bestScore = 1;
  for (let i = 0; i < Math.min(rows.length, SCAN_ROWS); i++) {
    const score = headerScore(rows[i]!.cells.map((c) => (typeof c === 'string' ? c : '')));
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best < 0) return null;
  const top = rows[best]!.r;
  const byRow = new Map(rows.map((x) => [x.r, x.cells]));
  const merges = sheet.merges.filter((m) => m.s.r <= top + 3 && m.e.r >= top);
  let depth = 1;
  for (const m of merges) if (m.s.r === top && m.e.r > top) depth = Math.max(depth, Math.min(3, m.e.r - top + 1));
  if (merges.length === 0) depth = continuationDepth(byRow, top);
  const headerRows = Array.from({ length: depth }, (_, k) => top + k);
  const width = Math.max(0, ...headerRows.map((r) => byRow.get(r)?.length ?? 0));
  const mergeOwner = new Map<string, string>();
  for (const m of merges) {
    const text = cellText(byRow.get(m.s.r)?.[m.s.c]);
    for (let r = Math.max(m.s.r, top); r <= Math.min(m.e.r, top + depth - 1); r++)
      for (let c = m.s.c; c <= Math.min(m.e.c, width - 1); c++) mergeOwner.set(`${r},${c}`, text);
  }
  const grid = headerRows.map((r) =>
    Array.from({ length: width }, (_, c) => mergeOwner.get(`${r},${c}`) ?? cellText(byRow.get(r)?.[c])),
  );
  // CSV has no merges: a group label sits over its first sub-column only, so carry it right while sub-headers continue.
  if (merges.length === 0) {
    for (let h = 0; h < depth - 1; h++)
      for (let c = 1; c < width; c++)
        if (!grid[h]![c] && grid[h]![c - 1] && grid[h + 1]![c] && grid[h + 1]![c - 1]) grid[h]![c] = grid[h]![c - 1]!;
  }
  const columns: DetectedColumn[] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (let h = 0; h < depth; h++) {
      const t = grid[h]![c]!;
      if (t && parts[parts.length - 1] !== t) parts.push(t);
    }
    if (parts.length) columns.push({ index: c, letter: columnLetter(c), path: parts.join('/') });
  }
  const aboveRows = rows.filter((x) => x.r < top);
  let unit: ColumnUnit = '万元';
  let unitSource: string | null = null;
  const periodHints: PeriodHint[] = [];
  aboveRows.forEach((x, k) => {
    for (const t of x.cells.map(cellText)) {
      if (!t) continue;
      const unitText = /单位[:：]\s*(.+)$/.exec(t)?.[1];
      if (unitText && !unitSource && !/填报|编制|报送|责任|建设/.test(unitText)) {
        const u = headerUnit(`(${unitText.trim()})`) ?? (/^元/.test(unitText.trim()) ? '元' : null);
        if (u) {
          unit = u;
          unitSource = `第${x.r + 1}行“${t}”`;
        }
      }
      periodHints.push({
        source: k === 0 && !/单位|截止|截至/.test(t) ? `标题（第${x.r + 1}行）` : `第${x.r + 1}行`,
        text: t,
      });
    }
  });
  const proposed = proposeMapping(columns.map((x) => x.path));
  const colOf = (f: string) => columns.find((_, i) => proposed[i] === f)?.index ?? null;
  const at = { seq: colOf('seq') ?? (columns[0] && /序/.test(columns[0].path) ? 0 : null), name: colOf('name') };
  const out: DetectedRow[] = [];
  let ended = false;
  for (const x of rows) {
    if (x.r <= top + depth - 1) continue;
    const texts = x.cells.map(cellText);
    if (ended) {
      // Below the table: only a 统计截止 line is still read (for the period).
      for (const t of texts) if (/统计截止|截止|截至/.test(t)) periodHints.push({ source: `第${x.r + 1}行`, text: t });
      continue;
    }
    if (
      out.length === 0 &&
      x.cells.every((v) => v === null || typeof v === 'number') &&
      texts.filter(Boolean).length >= 3
    )
      continue; // 栏次 row: 1 2 3 …
    const shape = classifyLedgerRow(texts, at);
    if (shape.kind === 'end') {
      ended = true;
      continue;
    }
    if (shape.kind === 'note') {
      for (const t of texts) if (t) periodHints.push({ source: `第${x.r + 1}行`, text: t });
      continue;
    }
    out.push({ r: x.r, cells: x.cells, kind: shape.kind, shape });
  }
  return { sheet: sheet.name, headerRows, columns, rows: out, unit, unitSource, periodHints };
}

/**
 * Without merges, a header continues while the next row has no numbers (CSV numbers arrive as text) and leaves
 * the first column blank; a 合计 or section row right under the header is data, not a second header row.
 */
function continuationDepth(byRow: Map<number, CellValue[]>, top: number): number {
  let depth = 1;
  while (depth < 3) {
    const next = byRow.get(top + depth);
    if (!next || next.some((v) => typeof v === 'number' || (v !== null && typeof v === 'object'))) break;
    if (cellText(next[0]) !== '' || next.every((v) => v === null)) break;
    const texts = next.map(cellText);
    if (texts.some((t) => /^[-+]?\d[\d,]*(\.\d+)?$/.test(t))) break;
    if (classifyLedgerRow(texts, { seq: 0, name: null }).kind !== 'data') break;
    depth++;
  }
  return depth;
}
