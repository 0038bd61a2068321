/**
 * Where two values of the same shape differ (a kept figure against the one computed from the ledger): the paths to
 * the leaves that are not equal, with both values. `verify` names each one in words (kept-figure-words.ts).
 */

/** A leaf that differs: the keys leading to it, what the file keeps and what the ledger gives. */
export interface Difference {
  path: readonly string[];
  kept: unknown;
  computed: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A list of plain values (units, flags, months): compared whole and named as one figure, not item by item. */
const isPlainList = (v: unknown): v is unknown[] => Array.isArray(v) && v.every((x) => !isRecord(x));

/**
 * The leaves where `kept` and `computed` differ, at most `max`. Objects are compared key by key and lists of records
 * item by item (index as key); lists of plain values as one leaf. Null, undefined and a missing key are alike: the
 * file writes an absent figure as null (figure-codec.ts).
 */
export function valueDiff(kept: unknown, computed: unknown, max = 20): Difference[] {
  const out: Difference[] = [];
  const walk = (a: unknown, b: unknown, path: string[]) => {
    if (out.length >= max) return;
    if ((a ?? null) === (b ?? null)) return;
    if (isPlainList(a) && isPlainList(b)) {
      if (a.length !== b.length || a.some((x, i) => (x ?? null) !== (b[i] ?? null)))
        out.push({ path, kept: a, computed: b });
      return;
    }
    if (isRecord(a) && isRecord(b) && Array.isArray(a) === Array.isArray(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[k], b[k], [...path, k]);
      return;
    }
    out.push({ path, kept: a, computed: b });
  };
  walk(kept, computed, []);
  return out;
}

/**
 * A list of records as a record keyed by what names each one (a fund line by its source, a light by its dimension):
 * a line missing from one side is then that line, not every line after it shifted by one.
 */
export function keyedBy<T>(list: readonly T[], keyOf: (item: T) => string): Record<string, T> {
  return Object.fromEntries(list.map((item) => [keyOf(item), item]));
}
