/**
 * The keys of Excel and WPS a sheet takes beyond moves and edits, recognised in one place for the grid (use-sheet.ts)
 * and for the editors, which keep their keys from the grid.
 */

interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Ctrl+Enter: the text being typed goes into every cell of the selected block (use-sheet.ts fillBlock). */
export const isFillKey = (e: KeyLike) => (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key === 'Enter';
