/**
 * How every sheet saves a block of typed or pasted cells (项目台账, 考核, 责任清单, 人员, the lists of the 一项目一档):
 * each cell is checked with its field's own rule first; the accepted ones go to the core in ONE call (one
 * transaction). A block is saved whole or not at all, as an import is: when a cell fails its rule, or the core
 * refuses a record (dates out of order, a unit that does not exist, a 资金来源 given twice), nothing of the block is
 * written — the refused cells are marked with their reasons and the others are held, shown as pasted, until the
 * refused ones are corrected (then the whole block is saved in one call) or the block is given up with Esc.
 * One piece for all sheets, so a refusal reads and behaves the same everywhere.
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
  /** cells that passed, not saved because others of their block were refused (marked held) */
  held: Refusal[];
  /** the cells sent in the call that succeeded */
  saved: AcceptedCell<V>[];
  /** the core's answer, null when nothing was sent */
  result: T | null;
}

/** What a held cell says when pointed at. */
export const HELD_MESSAGE =
  '同一次粘贴（或填充、清除）中有未通过校验的格，整块尚未保存：改正标红的格后一起保存，按 Esc 放弃整块';

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
  const accepted: AcceptedCell<V>[] = [];
  for (const w of writes) {
    const c = o.check(w);
    if (!c) continue;
    if (!c.ok) refused.push({ ...w, message: c.message });
    else accepted.push({ ...w, text: w.text.trim(), before: c.before, value: c.value });
  }
  const holdAll = (): SavedCells<V, T> => ({
    changes: [],
    refused,
    held: accepted
      .filter((a) => !refused.some((x) => x.rowId === a.rowId && x.colKey === a.colKey))
      .map((a) => ({ rowId: a.rowId, colKey: a.colKey, text: a.text, message: HELD_MESSAGE, held: true })),
    saved: [],
    result: null,
  });
  if (refused.length > 0) return holdAll();
  if (accepted.length === 0) return { changes: [], refused, held: [], saved: [], result: null };
  let result: T;
  try {
    result = await o.send(accepted);
  } catch (e) {
    const issues = e instanceof ApiError ? e.issues : [];
    const bad = new Map<number, { field?: string; message: string }[]>();
    for (const i of issues) {
      const t = o.issueTarget(i);
      if (t) bad.set(t.rowId, [...(bad.get(t.rowId) ?? []), { field: t.field, message: i.message }]);
    }
    if (bad.size === 0) throw e;
    // the records refused are marked (each cell with its reason, or its record's), the rest of the block held
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
    return holdAll();
  }
  return {
    changes: accepted.map((a) => ({ rowId: a.rowId, colKey: a.colKey, before: a.before, after: a.text })),
    refused,
    held: [],
    saved: accepted,
    result,
  };
}

const markKey = (x: { rowId: number; colKey: string }) => `${x.rowId}:${x.colKey}`;

/**
 * The writes a sheet sends: the cells typed or pasted, and the other marked cells of each block they touch (a
 * refused cell corrected takes its held and still-refused neighbours along, so the block is saved whole). A record
 * the core refused is touched by a cell typed anywhere in it: the cell that puts it right (工作进展 for a task
 * marked 已完成) may be one the block left alone.
 */
export function withTheirBlocks(typed: readonly SheetWrite[], marks: ReadonlyMap<string, Refusal>): SheetWrite[] {
  const written = new Set(typed.map(markKey));
  const rows = new Set(typed.map((w) => w.rowId));
  const blocks = new Set<number>();
  for (const x of marks.values())
    if (x.block !== undefined && (written.has(markKey(x)) || (!x.held && rows.has(x.rowId)))) blocks.add(x.block);
  if (blocks.size === 0) return [...typed];
  const out = [...typed];
  for (const x of marks.values())
    if (x.block !== undefined && blocks.has(x.block) && !written.has(markKey(x)))
      out.push({ rowId: x.rowId, colKey: x.colKey, text: x.text });
  return out;
}

let lastBlock = 0;

/**
 * The cells marked after a write: the cells written lose their old marks, and the refused and held ones of this
 * write are marked as one block (saved, or given up, together).
 */
export function markRefused(
  old: ReadonlyMap<string, Refusal>,
  writes: readonly SheetWrite[],
  refused: readonly Refusal[],
  held: readonly Refusal[] = [],
): Map<string, Refusal> {
  const next = new Map(old);
  for (const w of writes) next.delete(markKey(w));
  if (refused.length === 0 && held.length === 0) return next;
  const block = ++lastBlock;
  for (const x of [...held, ...refused]) next.set(markKey(x), { ...x, block });
  return next;
}

/** The marks left after Esc over `cells`: theirs go, with every mark of their blocks (the cells show the ledger). */
export function dismissRefused(
  old: ReadonlyMap<string, Refusal>,
  cells: readonly { rowId: number; colKey: string }[],
): ReadonlyMap<string, Refusal> {
  const hit = cells.map((c) => old.get(markKey(c))).filter((x): x is Refusal => !!x);
  if (hit.length === 0) return old;
  const blocks = new Set(hit.map((x) => x.block).filter((b): b is number => b !== undefined));
  const next = new Map(old);
  for (const c of cells) next.delete(markKey(c));
  for (const [k, x] of old) if (x.block !== undefined && blocks.has(x.block)) next.delete(k);
  return next;
}
