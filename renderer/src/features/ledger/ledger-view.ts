/**
 * What the ledger grid shows. The core filters, searches and sorts (projects:page) and answers with every
 * matching project as ids in display order with their tree depth; the grid hides the branches the clerk
 * collapsed and shows each row's data once its block has been fetched.
 */
import type { LedgerFilters } from '../../../../shared/schemas/ledger-grid.ts';

export type { LedgerFilters };

export interface LedgerOrder {
  ids: number[];
  depths: number[];
}

export interface FlatRow {
  id: number;
  /** position in the full order (with its sub-projects, collapsed or not) */
  pos: number;
  depth: number;
  hasChildren: boolean;
}

/** The rows of the order the clerk can see: everything but the descendants of collapsed parents. */
export function visibleRows(order: LedgerOrder, collapsed: ReadonlySet<number>): FlatRow[] {
  const { ids, depths } = order;
  const out: FlatRow[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const depth = depths[i]!;
    const hasChildren = i + 1 < ids.length && depths[i + 1]! > depth;
    out.push({ id, pos: i, depth, hasChildren });
    if (hasChildren && collapsed.has(id)) while (i + 1 < ids.length && depths[i + 1]! > depth) i++;
  }
  return out;
}
