/**
 * The data edits a sheet can take back: each step is one user action (a typed cell, a paste, a fill, a Delete)
 * holding every cell it changed with its text before and after. Steps name rows by id and columns by key, not by
 * screen position, so an undo after a re-sort still lands on the cells that were changed.
 */

export interface CellChange {
  rowId: number;
  colKey: string;
  before: string;
  after: string;
}

export interface UndoStep {
  /** what the step did, in words (shown in the message after undoing it) */
  label: string;
  changes: CellChange[];
}

export class UndoStack {
  private done: UndoStep[] = [];
  private undone: UndoStep[] = [];

  constructor(private readonly limit = 100) {}

  /** A new step; drops what was undone (a new edit ends the redo chain, as in Excel). Empty steps are ignored. */
  push(step: UndoStep) {
    if (step.changes.length === 0) return;
    this.done.push(step);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
  }

  canUndo = () => this.done.length > 0;
  canRedo = () => this.undone.length > 0;

  /** The step to take back (the caller applies its `before` texts), moved to the redo list. */
  undo(): UndoStep | null {
    const s = this.done.pop();
    if (s) this.undone.push(s);
    return s ?? null;
  }

  /** The step to apply again (its `after` texts), moved back to the undo list. */
  redo(): UndoStep | null {
    const s = this.undone.pop();
    if (s) this.done.push(s);
    return s ?? null;
  }

  /** An undo or redo that could not be saved goes back where it was, so the clerk can try again. */
  restoreUndo(step: UndoStep) {
    this.undone = this.undone.filter((s) => s !== step);
    this.done.push(step);
  }
  restoreRedo(step: UndoStep) {
    this.done = this.done.filter((s) => s !== step);
    this.undone.push(step);
  }

  clear() {
    this.done = [];
    this.undone = [];
  }
}

/** The changes of a step turned into writes: `before` texts for an undo, `after` for a redo. */
export const stepWrites = (s: UndoStep, dir: 'undo' | 'redo') =>
  s.changes.map((c) => ({ rowId: c.rowId, colKey: c.colKey, text: dir === 'undo' ? c.before : c.after }));
