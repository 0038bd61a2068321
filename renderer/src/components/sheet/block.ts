/**
 * Cell positions and rectangular blocks of a sheet, by row and column index of what is on screen, and the cursor
 * moves of Excel and WPS (arrows, Tab, Enter, Home/End, Ctrl+arrows, PageUp/PageDown).
 */

export interface Pos {
  row: number;
  col: number;
}

/** A block of cells, both corners included. */
export interface Block {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export const blockOf = (a: Pos, b: Pos): Block => ({
  top: Math.min(a.row, b.row),
  left: Math.min(a.col, b.col),
  bottom: Math.max(a.row, b.row),
  right: Math.max(a.col, b.col),
});

export const inBlock = (b: Block, row: number, col: number) =>
  row >= b.top && row <= b.bottom && col >= b.left && col <= b.right;

export const samePos = (a: Pos, b: Pos) => a.row === b.row && a.col === b.col;
export const blockRows = (b: Block) => b.bottom - b.top + 1;
export const blockCols = (b: Block) => b.right - b.left + 1;

/** Every cell of a block, row by row. */
export function cellsOf(b: Block): Pos[] {
  const out: Pos[] = [];
  for (let row = b.top; row <= b.bottom; row++) for (let col = b.left; col <= b.right; col++) out.push({ row, col });
  return out;
}

export const clampPos = (p: Pos, rows: number, cols: number): Pos => ({
  row: Math.max(0, Math.min(rows - 1, p.row)),
  col: Math.max(0, Math.min(cols - 1, p.col)),
});

export type MoveKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End' | 'PageUp' | 'PageDown';

export interface MoveOptions {
  rows: number;
  cols: number;
  /** Ctrl held: arrows jump to the edge of the data, Home/End to the first/last cell of the sheet */
  ctrl?: boolean;
  /** rows in one screen, for PageUp/PageDown */
  page?: number;
  /** whether a cell holds a value, for Ctrl+arrows (jump to the end of a run of filled cells, as Excel does) */
  filled?: (row: number, col: number) => boolean;
}

/** Where the cursor goes from `p` for a navigation key. */
export function moveCursor(p: Pos, key: MoveKey, o: MoveOptions): Pos {
  const last = { row: o.rows - 1, col: o.cols - 1 };
  const page = Math.max(1, o.page ?? 10);
  switch (key) {
    case 'Home':
      return o.ctrl ? { row: 0, col: 0 } : { row: p.row, col: 0 };
    case 'End':
      return o.ctrl ? last : { row: p.row, col: last.col };
    case 'PageUp':
      return clampPos({ row: p.row - page, col: p.col }, o.rows, o.cols);
    case 'PageDown':
      return clampPos({ row: p.row + page, col: p.col }, o.rows, o.cols);
    default: {
      const [dr, dc] =
        key === 'ArrowUp' ? [-1, 0] : key === 'ArrowDown' ? [1, 0] : key === 'ArrowLeft' ? [0, -1] : [0, 1];
      if (!o.ctrl) return clampPos({ row: p.row + dr, col: p.col + dc }, o.rows, o.cols);
      return ctrlJump(p, dr, dc, o);
    }
  }
}

/**
 * Ctrl+arrow as Excel does it: from a filled cell whose neighbour is filled, to the last filled cell of the run;
 * otherwise to the next filled cell, or to the sheet's edge when there is none.
 */
function ctrlJump(p: Pos, dr: number, dc: number, o: MoveOptions): Pos {
  const inside = (r: number, c: number) => r >= 0 && c >= 0 && r < o.rows && c < o.cols;
  const edge = { row: dr === 0 ? p.row : dr < 0 ? 0 : o.rows - 1, col: dc === 0 ? p.col : dc < 0 ? 0 : o.cols - 1 };
  const filled = o.filled;
  if (!filled) return edge;
  let r = p.row + dr;
  let c = p.col + dc;
  if (!inside(r, c)) return p;
  if (filled(p.row, p.col) && filled(r, c)) {
    while (inside(r + dr, c + dc) && filled(r + dr, c + dc)) {
      r += dr;
      c += dc;
    }
    return { row: r, col: c };
  }
  while (inside(r, c) && !filled(r, c)) {
    r += dr;
    c += dc;
  }
  return inside(r, c) ? { row: r, col: c } : edge;
}

/**
 * Tab/Enter inside a selected block move the cursor within the block (Excel's habit), wrapping to the next row
 * (Tab) or column (Enter); with a single cell selected they move to the neighbour.
 */
export function stepInBlock(p: Pos, b: Block, key: 'Tab' | 'Enter', back: boolean, rows: number, cols: number): Pos {
  const single = b.top === b.bottom && b.left === b.right;
  if (single) {
    if (key === 'Tab') return clampPos({ row: p.row, col: p.col + (back ? -1 : 1) }, rows, cols);
    return clampPos({ row: p.row + (back ? -1 : 1), col: p.col }, rows, cols);
  }
  const w = blockCols(b);
  const h = blockRows(b);
  // position within the block, counted along the direction of travel
  const along = key === 'Tab' ? (p.row - b.top) * w + (p.col - b.left) : (p.col - b.left) * h + (p.row - b.top);
  const total = w * h;
  const next = (along + (back ? -1 : 1) + total) % total;
  return key === 'Tab'
    ? { row: b.top + Math.floor(next / w), col: b.left + (next % w) }
    : { row: b.top + (next % h), col: b.left + Math.floor(next / h) };
}

export interface CellWrite {
  row: number;
  col: number;
  text: string;
}

/**
 * The cells a pasted block writes. The block starts at the selection's top-left corner; when the selection is a
 * whole multiple of the block (one value into ten selected cells, or two rows into six), the block repeats to
 * fill it, as Excel does. Cells past the sheet's last row or column are left out (and counted).
 */
export function pasteWrites(
  data: string[][],
  sel: Block,
  rows: number,
  cols: number,
): { writes: CellWrite[]; outside: number } {
  const h = data.length;
  const w = Math.max(0, ...data.map((r) => r.length));
  if (h === 0 || w === 0) return { writes: [], outside: 0 };
  const repeatRows = blockRows(sel) % h === 0 ? blockRows(sel) / h : 1;
  const repeatCols = blockCols(sel) % w === 0 ? blockCols(sel) / w : 1;
  const writes: CellWrite[] = [];
  let outside = 0;
  for (let rr = 0; rr < h * repeatRows; rr++)
    for (let cc = 0; cc < w * repeatCols; cc++) {
      const row = sel.top + rr;
      const col = sel.left + cc;
      if (row >= rows || col >= cols) {
        outside++;
        continue;
      }
      writes.push({ row, col, text: data[rr % h]![cc % w] ?? '' });
    }
  return { writes, outside };
}

/** Ctrl+D: each column of the block takes its top cell's text down to the block's last row. */
export function fillDownWrites(sel: Block, text: (row: number, col: number) => string): CellWrite[] {
  const writes: CellWrite[] = [];
  for (let col = sel.left; col <= sel.right; col++) {
    const v = text(sel.top, col);
    for (let row = sel.top + 1; row <= sel.bottom; row++) writes.push({ row, col, text: v });
  }
  return writes;
}

/** The texts of a block, row by row (for copying). */
export const blockTexts = (b: Block, text: (row: number, col: number) => string): string[][] =>
  Array.from({ length: blockRows(b) }, (_, i) =>
    Array.from({ length: blockCols(b) }, (_, j) => text(b.top + i, b.left + j)),
  );
