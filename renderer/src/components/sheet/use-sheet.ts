/**
 * The spreadsheet habits of every editable table (项目台账, 月报 batch entry), in one place: the cell cursor and its
 * moves, block selection (Shift+arrows, Shift+click, mouse drag, whole rows and columns from their headers),
 * copy as TSV and HTML, paste of a block, Ctrl+D, Ctrl+Enter (what is typed, into the whole block), Ctrl+; (today, in
 * a date column), Delete, and undo/redo of data edits. A grid supplies a model —
 * its rows and columns, each cell's text, why a cell is read-only, how a set of cell texts is checked and saved —
 * and draws cells with the selection this hook keeps.
 *
 * Keys are taken only from the grid's own element, and never while a cell is being edited in place, so Ctrl+Z in
 * the search box (or in an open editor) stays the browser's own.
 */
import {
  useCallback,
  useEffect,
  useReducer,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactElement,
  type RefObject,
} from 'react';
import {
  blockOf,
  blockTexts,
  cellsOf,
  fillDownWrites,
  inBlock,
  moveCursor,
  pasteWrites,
  samePos,
  stepInBlock,
  type Block,
  type MoveKey,
  type Pos,
} from './block.ts';
import type { MessageInstance } from 'antd/es/message/interface';
import { TODAY_NOT_HERE, isFillKey, isTodayKey, todayText } from './today-key.ts';
import { formatHtmlTable, formatTsv, parseTsv } from './tsv.ts';
import { useTypingSink } from './typing-sink.tsx';
import { stepWrites, UndoStack, type CellChange, type UndoStep } from './undo.ts';

export type { Block, Pos } from './block.ts';
export type { CellChange, UndoStep } from './undo.ts';

export interface SheetWrite {
  rowId: number;
  colKey: string;
  text: string;
}

export interface Refusal extends SheetWrite {
  /** the Chinese reason, shown in the cell */
  message: string;
  /**
   * A cell that passed its own check but waits, unsaved, for the others of its block (a paste is saved whole or
   * not at all): shown as typed, not as refused.
   */
  held?: boolean;
  /** the write (paste, fill, clear) the mark came from: its cells are saved, and given up with Esc, together */
  block?: number;
}

export interface WriteOutcome {
  /** the cells saved, with their text before and after */
  changes: CellChange[];
  refused: Refusal[];
  /** cells that passed but were not saved, waiting for the refused ones of their block */
  held?: number;
  /** what the clerk does next with a held block, where the sheet keeps it otherwise (月报: drafts) */
  heldAdvice?: string;
}

export interface SheetModel {
  rowCount: number;
  colCount: number;
  rowId: (row: number) => number;
  colKey: (col: number) => string;
  /** screen position of a row id / column key, -1 when not shown */
  rowOf: (id: number) => number;
  colOf: (key: string) => number;
  /** the cell's text as copied (and as the fill-down source) */
  text: (row: number, col: number) => string;
  /** why the cell cannot be typed into (derived, closed month, …), or null */
  readOnly: (row: number, col: number) => string | null;
  /** checks every cell with the field's own rule and saves the accepted ones in one call */
  write: (writes: SheetWrite[]) => Promise<WriteOutcome>;
  /** opens the cell's editor; `typed` is the first character typed over the cell (overwrite), null for F2 */
  edit: (pos: Pos, typed: string | null) => void;
  /** an editor is open (its keys are its own) */
  editing: () => boolean;
  /** the cell holds a live input that takes typed characters itself (月报); false: the grid opens an editor */
  liveInput?: (pos: Pos) => boolean;
  /** a typed change not yet recorded (月报's input), recorded before another action */
  flush?: () => void;
  /**
   * Ctrl+Enter over a live input (月报): the text typed into it since the cursor came, taken back unrecorded (null:
   * nothing typed, or a text its column refuses — said by the model and left typed), so that the block write which
   * follows records that cell with the others as one step.
   */
  takeTyping?: () => string | null;
  /** a column of days (计划开工, 完成时限): Ctrl+; opens its cell's editor with today's date */
  dateColumn?: (col: number) => boolean;
  /** brings `show` into view and gives the keyboard focus to `active` (the cell typing goes to) */
  reveal: (show: Pos, active: Pos) => void;
  /** rows in one screen (PageUp/PageDown) */
  pageRows: () => number;
  /**
   * A model holding only some of its rows (月报 reads a county's 20 000 a page at a time): whether a row's cells
   * are at hand. Without it every row is.
   */
  has?: (row: number) => boolean;
  /** Reads rows top..bottom (a paste, a fill, a copy or a Ctrl+arrow jump reaching rows not at hand). */
  load?: (top: number, bottom: number) => Promise<void>;
  /**
   * A column with no blank cell in any row (a required field, as the 台账's 项目名称): a Ctrl+arrow jump along it
   * goes to the edge without reading the rows between (on 10 000 projects that reading took seconds).
   */
  alwaysFilled?: (col: number) => boolean;
  notify: (kind: 'success' | 'info' | 'warning' | 'error', text: string) => void;
  /**
   * A list that grows (the lists of the 一项目一档): a paste reaching past the last row adds rows, so `rowId` and
   * `readOnly` answer for rows past `rowCount` too.
   */
  grows?: boolean;
  /**
   * Esc over cells marked refused: their marks go, and they show what the ledger holds again (the refused text was
   * never saved). Absent where a sheet marks nothing.
   */
  dismiss?: (cells: { rowId: number; colKey: string }[]) => void;
  /** Ctrl+- (and the row header's menu): deletes rows top..bottom once the clerk confirms; absent where rows are not deleted here */
  deleteRows?: (top: number, bottom: number) => void;
}

/**
 * How a sheet tells the clerk: errors and warnings stay longer; the same text again (a key pressed again in a read-only
 * sheet, a refused cell typed over twice) replaces its message instead of stacking another copy over the grid.
 */
export const sheetNotify =
  (message: Pick<MessageInstance, 'success' | 'info' | 'warning' | 'error'>): SheetModel['notify'] =>
  (kind, text) =>
    void message[kind]({
      key: `sheet:${text}`,
      content: text,
      duration: kind === 'error' || kind === 'warning' ? 6 : 3,
    });

const MOVE_KEYS = new Set<string>([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

/** The first row of top..bottom not at hand, or -1. */
export function firstMissing(m: Pick<SheetModel, 'has'>, top: number, bottom: number): number {
  if (!m.has) return -1;
  for (let r = top; r <= bottom; r++) if (!m.has(r)) return r;
  return -1;
}

/** A Ctrl+arrow jump crossed a row not at hand: it is read, then the jump is worked out again. */
class RowsNeeded {
  constructor(readonly row: number) {}
}

/**
 * Where a move goes, reading rows first where a Ctrl+Up/Down jump scans past the rows at hand: the rows ahead are
 * read in growing slices (a run of filled cells may end soon, or reach the last of 20 000 rows).
 */
async function moveReading(m: SheetModel, from: Pos, key: MoveKey, ctrl: boolean): Promise<Pos> {
  let slice = 200;
  for (;;) {
    const filled = (r: number, c: number) => {
      if (m.alwaysFilled?.(c)) return true;
      if (m.has && !m.has(r)) throw new RowsNeeded(r);
      return m.text(r, c).trim() !== '';
    };
    try {
      return moveCursor(from, key, { rows: m.rowCount, cols: m.colCount, ctrl, page: m.pageRows(), filled });
    } catch (e) {
      if (!(e instanceof RowsNeeded) || !m.load) throw e;
      const up = key === 'ArrowUp';
      await m.load(
        up ? Math.max(0, e.row - slice + 1) : e.row,
        up ? e.row : Math.min(m.rowCount - 1, e.row + slice - 1),
      );
      if (m.has && !m.has(e.row)) throw new Error('表格数据读取失败，请重试', { cause: e });
      slice *= 2;
    }
  }
}

export interface Sheet {
  /** the active cell: typing, F2 and double-click go to it */
  cursor: Pos | null;
  block: Block | null;
  isSelected: (row: number, col: number) => boolean;
  /** moves the cursor (extend: grows the block from its anchor instead) */
  select: (pos: Pos, extend?: boolean) => void;
  /** the keyboard went into a cell by itself (a focused input): the cursor follows, nothing is scrolled */
  place: (pos: Pos) => void;
  selectRow: (row: number, extend: boolean) => void;
  selectColumn: (col: number, extend: boolean) => void;
  onKeyDown: (e: KeyboardEvent) => void;
  cellMouseDown: (row: number, col: number, e: MouseEvent) => void;
  /** the pointer over a cell (`at`: where it is): a drag begun in the sheet grows the block to it */
  cellMouseEnter: (row: number, col: number, at: { clientX: number; clientY: number }) => void;
  cellDoubleClick: (row: number, col: number) => void;
  /** moves from the cursor as Tab/Enter/arrows would (editors call it after saving) */
  step: (key: 'Tab' | 'Enter' | 'ArrowUp' | 'ArrowDown', back: boolean) => void;
  /** saves typed cells through the model and records them as one undo step */
  writeStep: (label: string, writes: SheetWrite[]) => Promise<WriteOutcome>;
  /**
   * Ctrl+Enter in an editor: `text` goes into every cell of the selected block as one write (one undo step, saved
   * whole or not at all; read-only cells skipped, as a paste skips them), and the cursor stays. False with one cell
   * selected: the editor saves it as Enter does, without moving.
   */
  fillBlock: (text: string) => boolean;
  /** records an already applied change (a draft typed in 月报) as one undo step */
  record: (step: UndoStep) => void;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
  /** where the keyboard rests between edits, so an input method composes over the cell (typing-sink.tsx); rendered inside the grid's element */
  typingSink: ReactElement;
}

/** The refused cell that comes first on the screen (top row, then left column), with its position when shown. */
function firstRefused(m: SheetModel, refused: readonly Refusal[]): { message: string; pos: Pos | null } | null {
  let best: { message: string; pos: Pos | null } | null = null;
  for (const x of refused) {
    const row = m.rowOf(x.rowId);
    const col = m.colOf(x.colKey);
    const pos = row >= 0 && col >= 0 ? { row, col } : null;
    if (!best || (pos && (!best.pos || comesBefore(pos, best.pos)))) best = { message: x.message, pos };
  }
  return best;
}

const comesBefore = (a: Pos, b: Pos) => a.row < b.row || (a.row === b.row && a.col < b.col);

export function useSheet(modelNow: SheetModel, container: RefObject<HTMLElement | null>): Sheet {
  const model = useRef(modelNow);
  model.current = modelNow;
  /** active: the cell typed into; anchor and focus: the corners of the selected block (focus moves with Shift) */
  interface Sel {
    active: Pos;
    anchor: Pos;
    focus: Pos;
  }
  const [state, setState] = useState<Sel | null>(null);
  const sel = useRef(state);
  /**
   * The live input (月报) typed into with a block selected: the block stays, as in Excel, so that Ctrl+Enter can fill
   * it and Enter walks inside it; meanwhile Delete and Backspace are the input's, not a clearing of the block.
   */
  const typedIn = useRef<Pos | null>(null);
  const set = (next: Sel) => {
    if (typedIn.current && !samePos(typedIn.current, next.active)) typedIn.current = null;
    sel.current = next;
    setState(next);
    // a block reaching rows not at hand (a whole column): they are read now, so Ctrl+C finds them. A single cell is
    // not: it is in view and read with the rows shown, and PageDown held would otherwise ask once for every press.
    const m = model.current;
    const b = blockOf(next.anchor, next.focus);
    if (m.load && b.bottom > b.top && firstMissing(m, b.top, b.bottom) >= 0)
      void m.load(b.top, b.bottom).catch(() => {});
  };
  const [stack] = useState(() => new UndoStack());
  /** where the button went down in a cell, until it comes up: a drag grows the block from there */
  const dragging = useRef<{ x: number; y: number } | null>(null);
  /**
   * The writes (an edit, a paste, a fill, an undo) go to the core one after another, in the order the clerk made
   * them: the editors move on as soon as Enter or Tab is pressed, so the next cell may be saved while the one before
   * is still on its way, and a Ctrl+Z pressed meanwhile undoes that write once it is saved, as the clerk meant.
   */
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const inTurn = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.current.then(job);
    queue.current = run.catch(() => {});
    return run;
  };
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  const clampToModel = (p: Pos): Pos => ({
    row: Math.max(0, Math.min(model.current.rowCount - 1, p.row)),
    col: Math.max(0, Math.min(model.current.colCount - 1, p.col)),
  });
  /**
   * A run of Tabs across a row, as Excel keeps it: the column it began in and the cell it reached. Enter from that
   * cell goes to the next row at the run's first column (fill a record left to right, Enter, the next record).
   */
  const tabRun = useRef<{ startCol: number; at: Pos } | null>(null);
  const select = useCallback((pos: Pos, extend = false) => {
    tabRun.current = null;
    const m = model.current;
    if (m.rowCount === 0 || m.colCount === 0) return;
    const p = clampToModel(pos);
    const now = sel.current;
    if (extend && now) {
      set({ ...now, focus: p });
      m.reveal(p, now.active);
    } else {
      set({ active: p, anchor: p, focus: p });
      m.reveal(p, p);
    }
  }, []);
  const selectBlock = (anchor: Pos, focus: Pos, active = anchor) => set({ active, anchor, focus });

  const blockNow = (): Block | null => {
    const s = sel.current;
    return s ? blockOf(s.anchor, s.focus) : null;
  };

  /** Saves writes and records the saved cells as one undo step (in its turn: writeStep, applyBlock). */
  const saveStep = async (label: string, writes: SheetWrite[]): Promise<WriteOutcome> => {
    const out = await model.current.write(writes);
    stack.push({ label, changes: out.changes });
    rerender();
    return out;
  };

  /** Saves writes, after those on their way, and records the saved cells as one undo step. */
  const writeStep = useCallback(
    async (label: string, writes: SheetWrite[]): Promise<WriteOutcome> => {
      if (writes.length === 0) return { changes: [], refused: [] };
      return inTurn(() => saveStep(label, writes));
    },
    [stack],
  );

  /** The editable cells of the writes; read-only ones are left out and counted. */
  const editableOnly = (writes: { row: number; col: number; text: string }[]) => {
    const m = model.current;
    const kept: SheetWrite[] = [];
    let reason: string | null = null;
    let skipped = 0;
    for (const w of writes) {
      const why = m.readOnly(w.row, w.col);
      if (why) {
        skipped++;
        reason ??= why;
      } else kept.push({ rowId: m.rowId(w.row), colKey: m.colKey(w.col), text: w.text });
    }
    return { kept, skipped, reason };
  };

  const report = (what: string, out: WriteOutcome, skipped: number, reason: string | null) => {
    const m = model.current;
    const held = out.held ?? 0;
    const first = firstRefused(m, out.refused);
    // A block with a refused cell is saved whole or not at all (sheet-write.ts): nothing of it was written. (A
    // model that saves the rest — none of the app's — is reported as it did.)
    const whole = first !== null && out.changes.length === 0;
    const parts = [whole ? `${what}：整块未保存` : `${what}：已保存 ${out.changes.length} 个单元格`];
    if (first) {
      const n = out.refused.length;
      const advice =
        out.heldAdvice ?? (held ? `改正后与其余 ${held} 个单元格一起保存，Esc 放弃整块` : '改正后保存，Esc 放弃');
      parts.push(
        `${n} 个单元格未通过校验：${first.message}${n > 1 ? ' 等' : ''}，原因已在格中标出${whole ? `；${advice}` : ''}`,
      );
      // A paste reaching below the screen: the first refused cell is brought into view (typing stays where it was).
      if (first.pos) m.reveal(first.pos, sel.current?.active ?? first.pos);
    }
    if (skipped) parts.push(`${skipped} 个只读单元格未改动（${reason}）`);
    m.notify(out.refused.length || skipped ? 'warning' : 'success', parts.join('；'));
  };

  /** The rows of a block at hand before it is read or written (a paste may reach past the rows read so far). */
  const ensure = async (top: number, bottom: number) => {
    const m = model.current;
    if (m.load && firstMissing(m, top, bottom) >= 0) await m.load(top, bottom);
  };

  const applyBlock = (what: string, b: Block, makeWrites: () => { row: number; col: number; text: string }[]) => {
    model.current.flush?.();
    return inTurn(async () => {
      try {
        await ensure(b.top, b.bottom);
      } catch (e) {
        model.current.notify('error', (e as Error).message);
        return;
      }
      // the cells' texts as the writes before this one left them (a fill copies what was saved just now)
      const { kept, skipped, reason } = editableOnly(makeWrites());
      if (kept.length === 0) {
        if (reason) model.current.notify('warning', reason);
        return;
      }
      try {
        report(what, await saveStep(what, kept), skipped, reason);
      } catch (e) {
        model.current.notify('error', (e as Error).message);
      }
    });
  };

  const fillBlock = (text: string): boolean => {
    const b = blockNow();
    if (!b || (b.top === b.bottom && b.left === b.right)) return false;
    void applyBlock('批量填入', b, () => cellsOf(b).map((p) => ({ ...p, text })));
    return true;
  };

  const replay = (dir: 'undo' | 'redo') => inTurn(() => replayNow(dir));
  const replayNow = async (dir: 'undo' | 'redo') => {
    const m = model.current;
    m.flush?.();
    const step = dir === 'undo' ? stack.undo() : stack.redo();
    const verb = dir === 'undo' ? '撤销' : '重做';
    if (!step) return m.notify('info', `没有可${verb}的修改`);
    const putBack = () => (dir === 'undo' ? stack.restoreUndo(step) : stack.restoreRedo(step));
    try {
      const out = await m.write(stepWrites(step, dir));
      if (out.refused.length) {
        putBack();
        m.dismiss?.(step.changes); // nothing of the step was written: its cells show the ledger, unmarked
        m.notify('error', `无法${verb}“${step.label}”：${out.refused[0]!.message}`);
      } else m.notify('success', `已${verb}：${step.label}（${step.changes.length} 个单元格）`);
      // the cells of the step are selected again, as Excel shows what an undo changed
      const rows = step.changes.map((c) => m.rowOf(c.rowId)).filter((r) => r >= 0);
      const cols = step.changes.map((c) => m.colOf(c.colKey)).filter((c) => c >= 0);
      if (rows.length && cols.length) {
        const corner = { row: Math.min(...rows), col: Math.min(...cols) };
        selectBlock(corner, { row: Math.max(...rows), col: Math.max(...cols) });
        m.reveal(corner, corner); // scrolled into view: a windowed grid may not be showing those rows
      }
    } catch (e) {
      putBack();
      m.notify('error', (e as Error).message);
    } finally {
      rerender();
    }
  };
  const undo = useCallback(() => replay('undo'), []);
  const redo = useCallback(() => replay('redo'), []);

  const step = useCallback(
    (key: 'Tab' | 'Enter' | 'ArrowUp' | 'ArrowDown', back: boolean) => {
      const s = sel.current;
      const m = model.current;
      if (!s) return;
      const run = tabRun.current && samePos(tabRun.current.at, s.active) ? tabRun.current : null;
      tabRun.current = null;
      if (key === 'ArrowUp' || key === 'ArrowDown')
        return select(moveCursor(s.active, key, { rows: m.rowCount, cols: m.colCount }));
      const b = blockOf(s.anchor, s.focus);
      let next = stepInBlock(s.active, b, key, back, m.rowCount, m.colCount);
      if (b.top === b.bottom && b.left === b.right) {
        if (key === 'Enter' && !back && run && next.row !== s.active.row) next = { ...next, col: run.startCol };
        select(next); // ends any run (a click, an arrow, Home all select)
        if (key === 'Tab' && !back) tabRun.current = { startCol: run?.startCol ?? s.active.col, at: next };
        return;
      }
      set({ ...s, active: next }); // the block stays; the active cell walks inside it
      m.reveal(next, next);
    },
    [select],
  );

  const sink = useTypingSink(container, {
    idle: () => {
      const s = sel.current;
      const m = model.current;
      return !!s && !m.editing() && !m.liveInput?.(s.active);
    },
    typed: (text) => {
      const s = sel.current;
      const m = model.current;
      if (!s) return;
      const why = m.readOnly(s.active.row, s.active.col);
      if (why) m.notify('warning', why);
      else m.edit(s.active, text);
    },
  });

  const onKeyDown = (e: KeyboardEvent) => {
    const m = model.current;
    if (e.nativeEvent.isComposing || m.editing()) return;
    const s = sel.current;
    if (!s) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const key = e.key;
    if (MOVE_KEYS.has(key)) {
      e.preventDefault();
      m.flush?.();
      typedIn.current = null; // what was typed is kept (flush): Delete after Shift+↓ clears the block again
      const from = e.shiftKey ? s.focus : s.active;
      const extend = e.shiftKey;
      moveReading(m, from, key as MoveKey, ctrl).then(
        (to) => select(to, extend),
        (err: Error) => m.notify('error', err.message),
      );
      return;
    }
    const single = s.anchor.row === s.focus.row && s.anchor.col === s.focus.col;
    if (isFillKey(e)) {
      e.preventDefault();
      // An editor of its own takes Ctrl+Enter itself (fillBlock); here the grid rests on a cell, or a live input
      // (月报) holds the keyboard. Nothing typed: the cursor stays, as in Excel.
      if (!m.liveInput?.(s.active)) return;
      if (single) return m.flush?.();
      const typed = m.takeTyping?.() ?? null;
      if (typed !== null) fillBlock(typed);
      return;
    }
    if (key === 'Tab' || key === 'Enter') {
      e.preventDefault();
      m.flush?.();
      step(key, e.shiftKey);
      return;
    }
    if (ctrl && !e.altKey) {
      const k = key.toLowerCase();
      if (isTodayKey(e)) {
        e.preventDefault();
        const why = m.readOnly(s.active.row, s.active.col);
        if (!m.dateColumn?.(s.active.col)) m.notify('info', TODAY_NOT_HERE);
        else if (why) m.notify('warning', why);
        // over the cell, as a typed character opens its editor: Enter saves it, Esc gives it up (Excel's Enter mode)
        else m.edit(s.active, todayText());
      } else if (k === 'z' || k === 'y') {
        e.preventDefault();
        void (k === 'y' || e.shiftKey ? redo() : undo());
      } else if (k === 'd') {
        e.preventDefault();
        const b = blockNow();
        if (b && b.bottom > b.top)
          void applyBlock('向下填充', b, () => fillDownWrites(b, (r, c) => model.current.text(r, c)));
        else m.notify('info', '请先选中要向下填充的单元格区域（首行为填充内容）');
      } else if (k === '-' && m.deleteRows) {
        e.preventDefault();
        const b = blockNow();
        if (b) m.deleteRows(b.top, b.bottom);
      } else if (k === 'a') {
        e.preventDefault();
        selectBlock({ row: 0, col: 0 }, { row: m.rowCount - 1, col: m.colCount - 1 }, s.active);
      }
      return; // Ctrl+C / Ctrl+V arrive as copy and paste events
    }
    if (key === 'F2') {
      e.preventDefault();
      const why = m.readOnly(s.active.row, s.active.col);
      if (why) m.notify('warning', why);
      else m.edit(s.active, null);
      return;
    }
    const typing = !!typedIn.current && samePos(typedIn.current, s.active) && !!m.liveInput?.(s.active);
    if (key === 'Delete' || key === 'Backspace') {
      if (typing || (key === 'Backspace' && single && m.liveInput?.(s.active))) return; // the input's own
      e.preventDefault();
      const b = blockOf(s.anchor, s.focus);
      void applyBlock('清除', b, () => cellsOf(b).map((p) => ({ ...p, text: '' })));
      return;
    }
    if (key === 'Escape') {
      if (typing) {
        typedIn.current = null; // the input gave up what was typed (its own Esc); the block stays selected
        return;
      }
      m.dismiss?.(cellsOf(blockOf(s.anchor, s.focus)).map((p) => ({ rowId: m.rowId(p.row), colKey: m.colKey(p.col) })));
      set({ active: s.active, anchor: s.active, focus: s.active });
      return;
    }
    // 'Process': a Chinese input method starts composing. In the typing sink it composes there and its text opens
    // the editor when done; elsewhere (a focused cell without the sink) the editor opens empty to take the text.
    if (key === 'Process' && sink.holds(document.activeElement)) return;
    if ((key.length === 1 && !e.altKey) || key === 'Process') {
      const why = m.readOnly(s.active.row, s.active.col);
      if (why) {
        e.preventDefault();
        m.notify('warning', why);
      } else if (!m.liveInput?.(s.active)) {
        if (key !== 'Process') e.preventDefault();
        m.edit(s.active, key === 'Process' ? '' : key);
      } else if (!single) typedIn.current = s.active;
    }
  };

  // Copy and paste arrive at the document; only those while the keyboard is in this grid (and no editor open) are ours.
  useEffect(() => {
    const mine = () => {
      const el = container.current;
      const active = document.activeElement;
      return !!el && !!active && el.contains(active) && !model.current.editing() && !!sel.current;
    };
    const onCopy = (e: ClipboardEvent) => {
      if (!mine() || !e.clipboardData) return;
      const b = blockNow()!;
      e.preventDefault();
      if (firstMissing(model.current, b.top, b.bottom) >= 0) {
        // the copy event cannot wait: the rows are read now and the clerk copies again
        void ensure(b.top, b.bottom).catch(() => {});
        model.current.notify('warning', '所选区域的数据仍在读取，请稍候再按 Ctrl+C 复制');
        return;
      }
      const cells = blockTexts(b, model.current.text);
      e.clipboardData.setData('text/plain', formatTsv(cells));
      e.clipboardData.setData('text/html', formatHtmlTable(cells));
      model.current.notify('success', `已复制 ${cells.length} 行 × ${cells[0]!.length} 列，可直接粘贴到 Excel 或 WPS`);
    };
    const onPaste = (e: ClipboardEvent) => {
      if (!mine() || !e.clipboardData) return;
      const text = e.clipboardData.getData('text/plain');
      e.preventDefault();
      const data = parseTsv(text);
      if (data.length === 0) return;
      const m = model.current;
      const b = blockNow()!;
      // a growing list takes every row of the block: the rows past its end are added
      const { writes, outside } = pasteWrites(data, b, m.grows ? Number.MAX_SAFE_INTEGER : m.rowCount, m.colCount);
      if (writes.length) {
        // the pasted block becomes the selection, as in Excel
        selectBlock(
          { row: b.top, col: b.left },
          { row: Math.max(...writes.map((w) => w.row)), col: Math.max(...writes.map((w) => w.col)) },
        );
      }
      const rowsOf = writes.map((w) => w.row);
      const reach: Block = { top: b.top, left: b.left, bottom: Math.max(b.top, ...rowsOf), right: b.right };
      void applyBlock('粘贴', reach, () => writes).then(() => {
        if (outside) m.notify('warning', `有 ${outside} 个单元格超出表格范围，未粘贴`);
      });
    };
    const onUp = () => (dragging.current = null);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    document.addEventListener('mouseup', onUp);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('mouseup', onUp);
    };
  }, [container]);

  const cellMouseDown = (row: number, col: number, e: MouseEvent) => {
    if (e.button !== 0 || model.current.editing()) return;
    // the grid places the keyboard itself (a cell's input gets its whole text selected, so typing overwrites)
    e.preventDefault();
    model.current.flush?.();
    select({ row, col }, e.shiftKey);
    dragging.current = { x: e.clientX, y: e.clientY };
  };
  const cellMouseEnter = (row: number, col: number, at: { clientX: number; clientY: number }) => {
    const s = sel.current;
    const down = dragging.current;
    if (!down || !s) return;
    // A cell clicked at the sheet's edge is scrolled into view while the button is down, and its neighbour slides
    // under the pointer: that is no drag (it selected two cells, and Delete or a paste acted on both). The pointer must move.
    if (Math.abs(at.clientX - down.x) < 3 && Math.abs(at.clientY - down.y) < 3) return;
    if (s.focus.row !== row || s.focus.col !== col) set({ ...s, focus: { row, col } });
  };
  const cellDoubleClick = (row: number, col: number) => {
    const m = model.current;
    const why = m.readOnly(row, col);
    if (why) return m.notify('warning', why);
    m.edit({ row, col }, null);
  };
  const selectRow = (row: number, extend: boolean) => {
    const m = model.current;
    m.flush?.();
    const from = extend && sel.current ? sel.current.anchor.row : row;
    selectBlock({ row: from, col: 0 }, { row, col: m.colCount - 1 });
    m.reveal({ row, col: 0 }, { row: from, col: 0 });
  };
  const selectColumn = (col: number, extend: boolean) => {
    const m = model.current;
    if (m.rowCount === 0) return;
    m.flush?.();
    const from = extend && sel.current ? sel.current.anchor.col : col;
    selectBlock({ row: 0, col: from }, { row: m.rowCount - 1, col });
    m.reveal({ row: 0, col }, { row: 0, col: from });
  };

  const block = state ? blockOf(state.anchor, state.focus) : null;
  return {
    cursor: state?.active ?? null,
    block,
    isSelected: (row, col) => !!block && inBlock(block, row, col),
    select,
    place: (pos) => {
      const s = sel.current;
      if (s && s.active.row === pos.row && s.active.col === pos.col) return;
      // a cell inside the selected block keeps the block (Tab/Enter walk inside it)
      const b = s ? blockOf(s.anchor, s.focus) : null;
      if (s && b && inBlock(b, pos.row, pos.col) && (b.bottom > b.top || b.right > b.left))
        return set({ ...s, active: pos });
      set({ active: pos, anchor: pos, focus: pos });
    },
    selectRow,
    selectColumn,
    onKeyDown,
    cellMouseDown,
    cellMouseEnter,
    cellDoubleClick,
    step,
    writeStep,
    fillBlock,
    record: (st) => {
      stack.push(st);
      rerender();
    },
    undo,
    redo,
    typingSink: sink.element,
  };
}
