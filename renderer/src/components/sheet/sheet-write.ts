/**
 * How every sheet saves a block of typed or pasted cells (项目台账, 考核, 责任清单, 人员, the lists of the 一项目一档):
 * each cell is checked with its field's own rule first; the accepted ones go to the core in ONE call (one
 * transaction). The core checks the records again as a whole (dates in order, a unit that exists, a 资金来源 given
 * twice); when it refuses some records, their cells are marked with its reasons and the other records are sent
 * once more — still one call. One piece for all sheets, so a refusal reads and behaves the same everywhere.
 */
import type { FieldIssue } from '../../../../shared/ipc/result.ts';
import { ApiError } from '../../lib/api.ts';
import type { CellChange } from './undo.ts';
import type { Refusal, SheetWrite } from './use-sheet.ts';

/** A cell that passed its own rule: its text before, and the value its field takes. */
export interface AcceptedCell<V = unknown> extends SheetWrite {
  before: string;
  value: V;
}

/** A cell's own check: accepted (with the text it had), refused with the reason, or null when nothing changes. */
export type CellCheck<V> = { ok: true; value: V; before: string } | { ok: false; message: string } | null;

/** The record (row id) and, when the core says, the field a refusal of the core is about. */
export type IssueTarget = { rowId: number; field?: string } | null;

export interface SavedCells<V, T> {
  /** the cells saved, with their text before and after (one undo step) */
  changes: CellChange[];
  refused: Refusal[];
  /** the cells sent in the call that succeeded */
  saved: AcceptedCell<V>[];
  /** the core's answer, null when nothing was sent */
  result: T | null;
}

export async function saveCells<V, T>(
  writes: readonly SheetWrite[],
  o: {
    check: (w: SheetWrite) => CellCheck<V>;
    send: (cells: AcceptedCell<V>[]) => Promise<T>;
    /** which record (and field) an issue of the core names; null when it names none */
    issueTarget: (issue: FieldIssue) => IssueTarget;
  },
): Promise<SavedCells<V, T>> {
  const refused: Refusal[] = [];
  let accepted: AcceptedCell<V>[] = [];
  for (const w of writes) {
    const c = o.check(w);
    if (!c) continue;
    if (!c.ok) refused.push({ ...w, message: c.message });
    else accepted.push({ ...w, text: w.text.trim(), before: c.before, value: c.value });
  }
  let result: T | null = null;
  for (let attempt = 0; attempt < 2 && accepted.length > 0; attempt++) {
    try {
      result = await o.send(accepted);
      break;
    } catch (e) {
      const issues = e instanceof ApiError ? e.issues : [];
      const bad = new Map<number, { field?: string; message: string }[]>();
      for (const i of issues) {
        const t = o.issueTarget(i);
        if (t) bad.set(t.rowId, [...(bad.get(t.rowId) ?? []), { field: t.field, message: i.message }]);
      }
      if (bad.size === 0 || attempt === 1) throw e;
      // a refused record is left out whole (its cells stay as typed, marked); the other records are sent again
      for (const [id, found] of bad) {
        for (const a of accepted.filter((x) => x.rowId === id)) {
          const own = found.find((f) => f.field === a.colKey) ?? found.find((f) => !f.field);
          refused.push({
            rowId: a.rowId,
            colKey: a.colKey,
            text: a.text,
            message: own?.message ?? `${found[0]!.message}（本行未保存）`,
          });
        }
        // the cell the core names may be one left as it was in this block (an amount left empty): it is marked too
        for (const f of found) {
          const w =
            f.field &&
            !accepted.some((a) => a.rowId === id && a.colKey === f.field) &&
            writes.find((x) => x.rowId === id && x.colKey === f.field);
          if (w && !refused.some((x) => x.rowId === id && x.colKey === f.field))
            refused.push({ ...w, message: f.message });
        }
      }
      accepted = accepted.filter((a) => !bad.has(a.rowId));
    }
  }
  return {
    changes: accepted.map((a) => ({ rowId: a.rowId, colKey: a.colKey, before: a.before, after: a.text })),
    refused,
    saved: accepted,
    result,
  };
}

/** The cells marked refused after a write: the cells written lose their old mark, the refused ones get theirs. */
export function markRefused(
  old: ReadonlyMap<string, Refusal>,
  writes: readonly SheetWrite[],
  refused: readonly Refusal[],
): Map<string, Refusal> {
  const next = new Map(old);
  for (const w of writes) next.delete(`${w.rowId}:${w.colKey}`);
  for (const x of refused) next.set(`${x.rowId}:${x.colKey}`, x);
  return next;
}

/** The marks left after Esc over `cells`: theirs go (the cells show what the ledger holds). */
export function dismissRefused(
  old: ReadonlyMap<string, Refusal>,
  cells: readonly { rowId: number; colKey: string }[],
): ReadonlyMap<string, Refusal> {
  if (!cells.some((c) => old.has(`${c.rowId}:${c.colKey}`))) return old;
  const next = new Map(old);
  for (const c of cells) next.delete(`${c.rowId}:${c.colKey}`);
  return next;
}
