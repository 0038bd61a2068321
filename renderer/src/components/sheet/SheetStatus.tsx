/**
 * The status line of a sheet, as WPS and Excel keep one under theirs: with a block of cells selected it reads
 * 求和, 平均值 and 计数 of the block (a clerk checks a column of 总投资 against the county's total this way, or adds up
 * the 本月完成投资 of a 包联领导's projects); otherwise it shows the sheet's own hint (`children`), so the page does
 * not grow a line.
 *
 * A cell counts when it holds anything; it is added up when its text is a number as the sheet shows it or a clerk
 * types it (1,234.50, ８６０, 860.00余), read by the money reader (shared/domain/money.ts) in whole millionths, so
 * the sum of amounts in 万元 is exact to the 分. Dates, codes (2017-01-02) and percentages are counted, not added.
 */
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatWan, parseMoney } from '../../../../shared/domain/money.ts';
import { cellsOf, type Block } from './block.ts';

export interface BlockSummary {
  /** cells holding anything */
  count: number;
  /** cells holding a number */
  numbers: number;
  /** the numbers' sum, in millionths (a 万元 amount's 分) */
  sumMillionths: number;
  /** the most decimals a number was written with (the sum is shown with as many, at most 6) */
  decimals: number;
}

/** The counts and sum of a block; null for a single cell, or when a row of it is not read yet. */
export function summarize(
  b: Block,
  text: (row: number, col: number) => string,
  has?: (row: number) => boolean,
): BlockSummary | null {
  if (b.top === b.bottom && b.left === b.right) return null;
  const out: BlockSummary = { count: 0, numbers: 0, sumMillionths: 0, decimals: 0 };
  for (let row = b.top; row <= b.bottom; row++) if (has && !has(row)) return null;
  for (const p of cellsOf(b)) {
    const t = text(p.row, p.col).trim();
    if (t === '') continue;
    out.count++;
    // a number as written: digits, thousands commas, a point; 余/多 (an approximate amount) allowed after it
    if (!/^[\d０-９,，.．]+(余|多)?$/.test(t)) continue;
    const n = parseMoney(t, '万元');
    if (!n.ok) continue;
    out.numbers++;
    out.sumMillionths += n.fen;
    out.decimals = Math.max(out.decimals, /[.．](\d+|[０-９]+)/.exec(t)?.[1]?.length ?? 0);
  }
  return out;
}

/** 求和 1,234.50, 平均值 617.25, 计数 2 (WPS's words, in its order), set apart by an ideographic space. */
export function summaryText(s: BlockSummary): string {
  const decimals = Math.min(6, s.decimals);
  const parts: string[] = [];
  if (s.numbers > 0) {
    parts.push(`求和 ${formatWan(s.sumMillionths, { decimals, grouping: true })}`);
    const avg = formatWan(Math.round(s.sumMillionths / s.numbers), { decimals: Math.max(2, decimals), grouping: true });
    parts.push(`平均值 ${avg}`);
  }
  parts.push(`计数 ${s.count}`);
  return parts.join('\u3000');
}

export interface SheetStatusProps {
  block: Block | null;
  text: (row: number, col: number) => string;
  has?: (row: number) => boolean;
  /** what the line says when no block is selected (the sheet's hint); nothing when absent */
  children?: ReactNode;
}

export function SheetStatus({ block, text, has, children }: SheetStatusProps) {
  const s = block ? summarize(block, text, has) : null;
  if (!s || s.count === 0) return children ?? null;
  return (
    <Typography.Text className="sheet-status" role="status" aria-label="所选区域" style={{ fontSize: 13 }}>
      所选区域：{summaryText(s)}
    </Typography.Text>
  );
}
