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

/** compareValues for a direction: descending flips the order of values but keeps blanks last. */
export function compareDirected(a: SortValue, b: SortValue, desc: boolean): number {
  const c = compareValues(a, b);
  return desc && blank(a) === blank(b) ? -c : c;
}
