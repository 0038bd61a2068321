/**
 * The grid's typed-but-unsaved values, outside React state: each input subscribes to its own cell, so a
 * keystroke re-renders one input instead of the whole table (spreadsheet speed on office PCs).
 */
import { useSyncExternalStore } from 'react';
import type { ReportEntry } from '../../../../shared/domain/dispatch.ts';
import { formatWanExact, parseMoney } from '../../../../shared/domain/money.ts';

export type Field = 'monthWan' | 'imageText' | 'imagePct' | 'issues' | 'nextSteps' | 'needs';
export type Draft = Record<Field, string>;
export const FIELDS: Field[] = ['monthWan', 'imageText', 'imagePct', 'issues', 'nextSteps', 'needs'];

export const toDraft = (e: ReportEntry | null): Draft => ({
  monthWan: e ? formatWanExact(e.monthFen) : '',
  imageText: e?.imageText ?? '',
  imagePct: e?.imagePct == null ? '' : String(e.imagePct),
  issues: e?.issues ?? '',
  nextSteps: e?.nextSteps ?? '',
  needs: e?.needs ?? '',
});
/** Two texts of an amount that say the same (100.5 typed, 100.50 read back) are the same figure. */
function sameText(f: Field, a: string, b: string): boolean {
  if (a.trim() === b.trim()) return true;
  if (f !== 'monthWan') return false;
  const x = parseMoney(a);
  const y = parseMoney(b);
  return x.ok && y.ok && x.fen === y.fen && x.approx === y.approx;
}
const sameDraft = (a: Draft, b: Draft) => FIELDS.every((f) => sameText(f, a[f], b[f]));
/** The row as read, each cell keeping the text on screen where it says the same. */
const keepSame = (now: Draft, read: Draft): Draft =>
  Object.fromEntries(FIELDS.map((f) => [f, sameText(f, now[f], read[f]) ? now[f] : read[f]])) as Draft;

export class DraftStore {
  private saved: Record<number, Draft> = {};
  private drafts: Record<number, Draft> = {};
  private errors: Record<string, string> = {};
  private listeners = new Set<() => void>();
  private dirty: number[] = [];
  /** the 更新时间 of each row's report as last read (null: none); absent while a save's reading-back is due */
  private savedAt = new Map<number, string | null>();
  /** the report each row's unsaved typing started from (reports:save basedOn: a save over a newer one is refused) */
  private base = new Map<number, string | null>();
  /** rows whose save was refused as written meanwhile: their typing now stands on the report read next */
  private rebasing = new Set<number>();
  /**
   * The cell whose text is the clerk's typing (id.field), shown as typed until the cursor leaves it; every other cell
   * shows its amount as saved. Kept here, not by the cell, because only the writer knows: a paste or an undo putting
   * a figure into the cell under the cursor is no typing, and the cell had judged by its text changing.
   */
  private typedCell: string | null = null;

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  private emit() {
    this.dirty = Object.keys(this.drafts)
      .map(Number)
      .filter((id) => this.saved[id] && !sameDraft(this.drafts[id]!, this.saved[id]!));
    for (const fn of this.listeners) fn();
  }
  /**
   * New saved values from the core for the rows just read (the batch is read a page at a time). Rows with unsaved
   * typing (and their refused cells) keep their drafts: a block saved at once (a paste) reads the rows again while
   * other rows may hold typed values not yet saved.
   */
  merge(saved: Record<number, Draft>, stamps: ReadonlyMap<number, string | null> = new Map()) {
    const keep = new Set(this.dirty);
    for (const [id, at] of stamps) {
      this.savedAt.set(id, at);
      if (this.rebasing.delete(id)) this.base.set(id, at);
    }
    this.saved = { ...this.saved, ...saved };
    const drafts: Record<number, Draft> = { ...this.drafts };
    for (const [id, d] of Object.entries(saved)) {
      const now = this.drafts[Number(id)];
      if (keep.has(Number(id)) && now) continue;
      // the text on screen stays when it says what was read (100.5 just typed and saved, read back as 100.50): the
      // cell does not change under the cursor, and Esc or the next undo step start from what the clerk sees. Cell by
      // cell: a paste of 1,200.00 and 45% read back as 1200.00 and 45 replaced the whole row, so the cell under the
      // cursor changed and that counted as typing — the first Ctrl+Z took back that, not the paste.
      drafts[Number(id)] = now ? keepSame(now, d) : d;
    }
    this.drafts = drafts;
    this.errors = Object.fromEntries(
      Object.entries(this.errors).filter(([k]) => {
        const id = Number(k.split('.')[0]);
        return !(id in saved) || keep.has(id);
      }),
    );
    this.emit();
  }
  /** The rows just saved, as sent: the ledger now holds them; a cell still showing other text (refused) stays marked. */
  markSaved(sent: Map<number, Draft> | number[]) {
    const rows = Array.isArray(sent) ? new Map(sent.map((id) => [id, this.drafts[id]!] as const)) : sent;
    for (const [id, d] of rows) {
      if (!d) continue;
      this.saved = { ...this.saved, [id]: d };
      // the report just saved is this window's own: until it is read back, typing over it is not checked against it
      this.savedAt.delete(id);
      this.base.delete(id);
      for (const f of FIELDS) if (this.drafts[id]?.[f] === d[f]) delete this.errors[`${id}.${f}`];
    }
    this.emit();
  }
  /**
   * The report a save of the row stands on: the one its unsaved typing started from, else the one last read;
   * undefined when not known (just saved, not read back yet): the save is then not checked.
   */
  basedOn = (id: number): string | null | undefined => (this.base.has(id) ? this.base.get(id) : this.savedAt.get(id));
  /** The rows' saves were refused as written meanwhile: the next reading of them becomes what their typing stands on. */
  rebase(ids: Iterable<number>) {
    for (const id of ids) {
      this.rebasing.add(id);
      this.base.delete(id);
    }
  }
  /** Typing begins on a row with no unsaved typing: it stands on the report last read. */
  private starting(id: number) {
    if (this.base.has(id) || !this.savedAt.has(id)) return;
    if (!this.saved[id] || !this.drafts[id] || sameDraft(this.drafts[id]!, this.saved[id]!))
      this.base.set(id, this.savedAt.get(id)!);
  }
  /** The row as the ledger holds it (before any unsaved typing). */
  savedRow = (id: number) => this.saved[id]!;
  /** Adds the reasons of refused cells, shown in their cells. */
  addErrors(errors: Record<string, string>) {
    this.errors = { ...this.errors, ...errors };
    this.emit();
  }
  value = (id: number, f: Field) => this.drafts[id]?.[f] ?? '';
  error = (id: number, f: Field) => this.errors[`${id}.${f}`];
  row = (id: number) => this.drafts[id]!;
  dirtyIds = () => this.dirty;
  /** A cell's text put by a write (a paste, an undo, Esc taking the typing back): not typing. */
  set(id: number, f: Field, v: string) {
    this.put(id, f, v, false);
  }
  /** The clerk's keys in a cell: shown as typed while the cursor is in it. */
  type(id: number, f: Field, v: string) {
    this.put(id, f, v, true);
  }
  private put(id: number, f: Field, v: string, typed: boolean) {
    this.starting(id);
    if (typed) this.typedCell = `${id}.${f}`;
    else if (this.typedCell === `${id}.${f}`) this.typedCell = null;
    this.drafts = { ...this.drafts, [id]: { ...this.drafts[id]!, [f]: v } };
    delete this.errors[`${id}.${f}`];
    this.emit();
  }
  /** The cursor came into the cell or left it: what it holds is no longer being typed. */
  settle(id: number, f: Field) {
    if (this.typedCell !== `${id}.${f}`) return;
    this.typedCell = null;
    this.emit();
  }
  typing = (id: number, f: Field) => this.typedCell === `${id}.${f}`;
  setRow(id: number, d: Draft) {
    this.starting(id);
    if (this.typedCell?.startsWith(`${id}.`)) this.typedCell = null;
    this.drafts = { ...this.drafts, [id]: d };
    for (const f of FIELDS) delete this.errors[`${id}.${f}`];
    this.emit();
  }
  setErrors(errors: Record<string, string>) {
    this.errors = errors;
    this.emit();
  }
}

export const useCell = (store: DraftStore, id: number, f: Field) =>
  [
    useSyncExternalStore(store.subscribe, () => store.value(id, f)),
    useSyncExternalStore(store.subscribe, () => store.error(id, f)),
    useSyncExternalStore(store.subscribe, () => store.typing(id, f)),
  ] as const;

export const useDirtyIds = (store: DraftStore) => useSyncExternalStore(store.subscribe, store.dirtyIds);
