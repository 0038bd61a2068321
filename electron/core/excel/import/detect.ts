/**
 * Finds the table in a sheet the way a clerk would: skip the title and 填报单位 rows, take the row that reads
 * most like a header, extend it over the merged (or, in CSV, visibly continued) header rows below, join
 * group and sub-header into column paths like "2017年完成投资/本月", and classify the rows under it as
 * data, section (一、基础设施（5个）) or total (合计) rows, ending at the signature footer.
 */
import { headerScore, headerUnit, isFooterText, isSectionOrTotal, proposeMapping } from '../../../../shared/domain/excel-synonyms.ts';
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
  kind: 'data' | 'section' | 'total';
}

export interface DetectedTable {
  sheet: string;
  headerRows: number[];
  columns: DetectedColumn[];
  rows: DetectedRow[];
  /** Unit stated above the table (单位：万元 / 单位：元), default 万元. */
  unit: '万元' | '元';
}

export const cellText = (v: CellValue | undefined): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? v.date : typeof v === 'boolean' ? (v ? '是' : '否') : String(v).trim();

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
  const grid = headerRows.map((r) => Array.from({ length: width }, (_, c) => mergeOwner.get(`${r},${c}`) ?? cellText(byRow.get(r)?.[c])));
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
  const above = rows.filter((x) => x.r < top).flatMap((x) => x.cells.map(cellText));
  const unitText = above.find((t) => /单位[:：]/.test(t) && /元/.test(t));
  const unit = unitText && headerUnit(unitText.replace(/.*单位[:：]/, '单位：')) === '元' && !/万元/.test(unitText) ? '元' : '万元';
  const seqCol = columns.find((c, i) => proposeMapping(columns.map((x) => x.path))[i] === 'seq')?.index ?? 0;
  const out: DetectedRow[] = [];
  for (const x of rows) {
    if (x.r <= top + depth - 1) continue;
    const texts = x.cells.map(cellText);
    const first = texts.find((t) => t !== '') ?? '';
    if (isFooterText(first)) break;
    if (out.length === 0 && x.cells.every((v) => v === null || typeof v === 'number') && texts.filter(Boolean).length >= 3) continue; // 栏次 row: 1 2 3 …
    const lead = [texts[seqCol], ...texts.slice(0, 3)].find((t) => t && isSectionOrTotal(t));
    const kind = lead ? isSectionOrTotal(lead)! : 'data';
    out.push({ r: x.r, cells: x.cells, kind });
  }
  return { sheet: sheet.name, headerRows, columns, rows: out, unit };
}

/** Without merges, a header continues while the next row has no numbers and leaves the first column blank. */
function continuationDepth(byRow: Map<number, CellValue[]>, top: number): number {
  let depth = 1;
  while (depth < 3) {
    const next = byRow.get(top + depth);
    if (!next || next.some((v) => typeof v === 'number' || (v !== null && typeof v === 'object'))) break;
    if (cellText(next[0]) !== '' || next.every((v) => v === null)) break;
    depth++;
  }
  return depth;
}
