/**
 * The ledger's sort order: Chinese collation (pinyin order, numbers by value inside text) for text,
 * numeric for numbers, and blanks last whichever the direction.
 */
export type SortValue = string | number | null;

const zh = new Intl.Collator('zh-CN', { numeric: true });

const blank = (v: SortValue) => v === null || v === '';

export function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (blank(a)) return 1;
  if (blank(b)) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return zh.compare(String(a), String(b));
}

export const isBlank = blank;

/**
 * 编号 order, the one rule for every surface that lists projects by code (the ledger's own order, the core's
 * lists, exports, printouts, pickers, the lagging lists): the ledger's collation, so number parts go by value —
 * X-2-1, X-10; 2017-01-02 before 2017-01-10 — and text by pinyin, as the grid sorts its 编号 column.
 * A project without a 编号 comes first, where SQLite's ORDER BY code put it (SQLite has no such collation and
 * better-sqlite3 cannot register one, so the order is made here).
 */
export function compareCodes(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (blank(a)) return blank(b) ? 0 : -1;
  if (blank(b)) return 1;
  return zh.compare(a!, b!);
}

/** A project's place in the ledger's order within a year: its 排序, then its 编号, then its id. */
export interface LedgerPlace {
  sort: number;
  code: string | null;
  id: number;
}

export function compareLedgerPlaces(a: LedgerPlace, b: LedgerPlace): number {
  return a.sort - b.sort || compareCodes(a.code, b.code) || a.id - b.id;
}

/**
 * The collated order of the values seen so far. Chinese collation is the costly part of sorting a column of
 * 20,000 names; after an edit only the new values are collated and merged in.
 */
export class CollatedValues {
  private sorted: SortValue[] = [];
  private rank = new Map<SortValue, number>();

  /** Position of each value in ascending order (covers every value given, and those seen before). */
  ranks(values: Iterable<SortValue>): ReadonlyMap<SortValue, number> {
    const fresh = [...new Set(values)].filter((v) => !this.rank.has(v)).sort(compareValues);
    if (fresh.length === 0) return this.rank;
    const out: SortValue[] = [];
    let i = 0;
    for (const v of fresh) {
      let lo = i;
      let hi = this.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (compareValues(this.sorted[mid]!, v) < 0) lo = mid + 1;
        else hi = mid;
      }
      while (i < lo) out.push(this.sorted[i++]!);
      out.push(v);
    }
    while (i < this.sorted.length) out.push(this.sorted[i++]!);
    this.sorted = out;
    this.rank = new Map(out.map((v, k) => [v, k]));
    return this.rank;
  }
}
