/**
 * What the ledger grid shows. The core filters, searches and sorts (projects:page) and answers with every
 * matching project as ids in display order with their tree depth; the grid keeps row data for the ids it has
 * fetched so far and hides the branches the clerk collapsed.
 */
import type { LedgerFilters } from '../../../../shared/schemas/ledger-grid.ts';
import type { ProjectRow } from '../../../../shared/schemas/project.ts';

export type { LedgerFilters };

export interface LedgerOrder {
  ids: number[];
  depths: number[];
}

export interface FlatRow {
  id: number;
  /** position in the full order (the block the row's data is fetched with) */
  pos: number;
  depth: number;
  hasChildren: boolean;
  /** undefined until its block of rows has been fetched */
  row: ProjectRow | undefined;
}

/** The rows of the order the clerk can see: everything but the descendants of collapsed parents. */
export function visibleRows(order: LedgerOrder, collapsed: ReadonlySet<number>, rows: ReadonlyMap<number, ProjectRow>): FlatRow[] {
  const { ids, depths } = order;
  const out: FlatRow[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const depth = depths[i]!;
    const hasChildren = i + 1 < ids.length && depths[i + 1]! > depth;
    out.push({ id, pos: i, depth, hasChildren, row: rows.get(id) });
    if (hasChildren && collapsed.has(id)) while (i + 1 < ids.length && depths[i + 1]! > depth) i++;
  }
  return out;
}
