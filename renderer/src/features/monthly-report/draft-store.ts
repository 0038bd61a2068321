/**
 * The grid's typed-but-unsaved values, outside React state: each input subscribes to its own cell, so a
 * keystroke re-renders one input instead of the whole table (spreadsheet speed on office PCs).
 */
import { useSyncExternalStore } from 'react';
import type { ReportEntry } from '../../../../shared/domain/dispatch.ts';
import { formatWanExact } from '../../../../shared/domain/money.ts';

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
const sameDraft = (a: Draft, b: Draft) => FIELDS.every((f) => a[f].trim() === b[f].trim());

export class DraftStore {
  private saved: Record<number, Draft> = {};
  private drafts: Record<number, Draft> = {};
  private errors: Record<string, string> = {};
  private listeners = new Set<() => void>();
  private dirty: number[] = [];

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
  merge(saved: Record<number, Draft>) {
    const keep = new Set(this.dirty);
    this.saved = { ...this.saved, ...saved };
    const drafts: Record<number, Draft> = { ...this.drafts };
    for (const [id, d] of Object.entries(saved))
      if (!(keep.has(Number(id)) && this.drafts[Number(id)])) drafts[Number(id)] = d;
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
      for (const f of FIELDS) if (this.drafts[id]?.[f] === d[f]) delete this.errors[`${id}.${f}`];
    }
    this.emit();
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
  set(id: number, f: Field, v: string) {
    this.drafts = { ...this.drafts, [id]: { ...this.drafts[id]!, [f]: v } };
    delete this.errors[`${id}.${f}`];
    this.emit();
  }
  setRow(id: number, d: Draft) {
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
  ] as const;

export const useDirtyIds = (store: DraftStore) => useSyncExternalStore(store.subscribe, store.dirtyIds);
