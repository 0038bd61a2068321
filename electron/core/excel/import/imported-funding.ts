/**
 * The funding plan (资金来源) an imported row leaves on its project.
 *
 * A county form's 资金来源 columns are coarser than the ledger's sources: T2 folds 中央、省级 and 市级资金 into
 * 上级补助, and 企业自筹、银行贷款、PPP into 社会资本 (funds.ts t2FundColumn, as the ledger's own T2 export does). A column
 * is booked under one source (FUND_COLUMN_SOURCE), which is right for a new project; but when the sheet updated a
 * project the ledger already had, every plan was replaced by the column's source: importing the town's own T2 again
 * turned each project's 市级资金 into 省级资金 and its 企业自筹 into 社会资本, rewrote every plan, and with it recomputed
 * the 总览's figures of every project.
 *
 * So for an existing project each column speaks only for the ledger sources it folds: where its amount equals what
 * the ledger holds under those sources, they stay as they are; where it differs, they are replaced by the column's
 * amount under the column's source (a 0 removes them). An empty cell says nothing, and a source that no column of
 * the sheet folds is kept: the sheet cannot have meant to remove it.
 */
import { t2FundColumn } from '../../../../shared/domain/funds.ts';

export interface PlanRow {
  source: string;
  fen: number;
  /** written as approximate (460余): shown 460.00余, summed as 460 */
  approx: boolean;
  note: string | null;
}

/** One 资金来源 column of a row: its label (the `fund:` field's name) and amount; null: the cell is empty. */
export interface FundCell {
  label: string;
  fen: number | null;
  approx: boolean;
}

/** A county column → the funding source an imported amount is booked under. */
export const FUND_COLUMN_SOURCE: Record<string, string> = {
  上级补助: '省级资金',
  县级配套: '县级资金',
  镇级自筹: '镇政府自筹',
  '村(户)自筹': '村集体自筹',
  债券: '一般债券',
  社会资本: '社会资本',
  中央资金: '中央资金',
  省级资金: '省级资金',
  市级资金: '市级资金',
  县级资金: '县级资金',
  银行贷款: '银行贷款',
  企业自筹: '企业自筹',
  其他: '其他',
};

/** The plan row a column's amount becomes (the column's name in the note where it is not the source's). */
function rowOf(cell: FundCell & { fen: number }): PlanRow {
  const source = FUND_COLUMN_SOURCE[cell.label] ?? '其他';
  return { source, fen: cell.fen, approx: cell.approx, note: source === cell.label ? null : `导入：${cell.label}` };
}

/** A new project's plan: a row per column with an amount. */
export function newProjectFunding(cells: readonly FundCell[]): PlanRow[] {
  return cells.filter((c): c is FundCell & { fen: number } => !!c.fen).map(rowOf);
}

/**
 * An existing project's plan after the row (see above); `current` itself when the row changes nothing, so the
 * caller writes nothing. A source is spoken for by the sheet's column of that very source (资金构成·市级资金) if it
 * has one, else by the T2 column that folds it (上级补助), else by none.
 */
export function updatedFunding(current: readonly PlanRow[], cells: readonly FundCell[]): readonly PlanRow[] {
  const labels = new Set(cells.map((c) => c.label));
  // T3's 其他来源 (label 其他) speaks for every source no other column of the sheet does (funds.ts t3OtherFen).
  const columnOf = (source: string): string | null => {
    if (labels.has(source)) return source;
    const folded = t2FundColumn(source);
    if (labels.has(folded)) return folded;
    return labels.has('其他') ? '其他' : null;
  };
  const held = new Map<string, number>();
  for (const r of current) {
    const c = columnOf(r.source);
    if (c !== null) held.set(c, (held.get(c) ?? 0) + r.fen);
  }
  const changed = cells.filter((c) => c.fen !== null && c.fen !== (held.get(c.label) ?? 0));
  // The same amount, now (or no longer) written as approximate: the ledger's sources stay, their mark follows the sheet.
  const marked = new Map(cells.filter((c) => c.fen !== null && !changed.includes(c)).map((c) => [c.label, c.approx]));
  const remarked = current.map((r) => {
    const approx = marked.get(columnOf(r.source) ?? '');
    return approx === undefined || approx === r.approx ? r : { ...r, approx };
  });
  const moved = remarked.some((r, i) => r !== current[i]);
  if (changed.length === 0) return moved ? remarked : current;
  const replaced = new Set(changed.map((c) => c.label));
  return [...remarked.filter((r) => !replaced.has(columnOf(r.source) ?? '')), ...newProjectFunding(changed)];
}
