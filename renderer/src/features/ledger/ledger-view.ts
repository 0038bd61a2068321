/**
 * What the ledger grid shows: filter → sort (Chinese collation, per tree level) → flatten the expanded tree.
 * Pure functions over the loaded rows (20,000 rows are cheap in memory); the grid renders the flat list virtually.
 */
import { matchesQuery, normaliseQuery, searchKey, type SearchKey } from '../../../../shared/domain/search.ts';
import type { ProjectRow } from '../../../../shared/schemas/project.ts';

export interface LedgerFilters {
  year?: number | null;
  category?: string | null;
  subcategory?: string | null;
  status?: string | null;
  nature?: string | null;
  stageGroup?: string | null;
  villageOrgId?: number | null;
  leadOrgId?: number | null;
  responsibleOrgId?: number | null;
  leaderStaffId?: number | null;
  tag?: string | null;
  query?: string;
}

export interface FlatRow {
  row: ProjectRow;
  depth: number;
  hasChildren: boolean;
}

export type SortValue = string | number | null;
export interface SortSpec {
  value: (r: ProjectRow) => SortValue;
  desc: boolean;
}

const zh = new Intl.Collator('zh-CN', { numeric: true });

/** Search keys cost a pinyin conversion each, so they are built once per row text and reused. */
export class SearchIndex {
  private keys = new Map<number, { src: string; key: SearchKey }>();
  keyOf(r: ProjectRow): SearchKey {
    const src = `${r.name}\u0001${r.code ?? ''}\u0001${r.location}`;
    const hit = this.keys.get(r.id);
    if (hit && hit.src === src) return hit.key;
    const key = searchKey(r);
    this.keys.set(r.id, { src, key });
    return key;
  }
  /** Fills the index a slice at a time while the clerk reads the first screen. */
  warm(rows: ProjectRow[], slice = 500): () => void {
    let i = 0;
    let handle = 0;
    const step = () => {
      const end = Math.min(rows.length, i + slice);
      for (; i < end; i++) this.keyOf(rows[i]!);
      if (i < rows.length) handle = window.setTimeout(step, 0);
    };
    handle = window.setTimeout(step, 50);
    return () => window.clearTimeout(handle);
  }
}

export function filterRows(rows: ProjectRow[], f: LedgerFilters, index: SearchIndex): ProjectRow[] {
  const q = normaliseQuery(f.query ?? '');
  return rows.filter(
    (r) =>
      (f.year == null || r.planYear === f.year) &&
      (f.category == null || r.category === f.category) &&
      (f.subcategory == null || r.subcategory === f.subcategory) &&
      (f.status == null || r.status === f.status) &&
      (f.nature == null || r.nature === f.nature) &&
      (f.stageGroup == null || r.stageGroup === f.stageGroup) &&
      (f.villageOrgId == null || r.villageOrgId === f.villageOrgId) &&
      (f.leadOrgId == null || r.leadOrgId === f.leadOrgId) &&
      (f.responsibleOrgId == null || r.responsibleOrgIds.includes(f.responsibleOrgId)) &&
      (f.leaderStaffId == null || r.leaderStaffId === f.leaderStaffId) &&
      (f.tag == null || r.tags.includes(f.tag)) &&
      (q === '' || matchesQuery(index.keyOf(r), q)),
  );
}

export function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null || a === '') return 1; // blanks last, whichever the direction
  if (b === null || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return zh.compare(String(a), String(b));
}

/**
 * Nests sub-projects under their parent (a child whose parent is filtered out stays at the top level),
 * sorts each level, and flattens the expanded branches in display order.
 */
export function flattenTree(rows: ProjectRow[], sort: SortSpec | null, collapsed: ReadonlySet<number>): FlatRow[] {
  const present = new Set(rows.map((r) => r.id));
  const children = new Map<number, ProjectRow[]>();
  const roots: ProjectRow[] = [];
  for (const r of rows) {
    if (r.parentId !== null && present.has(r.parentId)) {
      let list = children.get(r.parentId);
      if (!list) children.set(r.parentId, (list = []));
      list.push(r);
    } else roots.push(r);
  }
  const order = (list: ProjectRow[]) => {
    if (!sort) return list;
    const keyed = list.map((r) => ({ r, v: sort.value(r) }));
    keyed.sort((x, y) => {
      const blanks = (x.v === null || x.v === '') !== (y.v === null || y.v === '');
      const c = compareValues(x.v, y.v);
      return blanks || !sort.desc ? c : -c;
    });
    return keyed.map((k) => k.r);
  };
  const out: FlatRow[] = [];
  const walk = (list: ProjectRow[], depth: number) => {
    for (const r of order(list)) {
      const kids = children.get(r.id);
      out.push({ row: r, depth, hasChildren: !!kids });
      if (kids && !collapsed.has(r.id)) walk(kids, depth + 1);
    }
  };
  walk(roots, 0);
  return out;
}
