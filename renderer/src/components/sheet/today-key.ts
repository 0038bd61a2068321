/**
 * The keys of Excel and WPS a sheet takes beyond moves and edits, recognised in one place for the grid (use-sheet.ts)
 * and for the editors, which keep their keys from the grid. Ctrl+; is today's date, on the ledger's clock (this PC's,
 * which the core reads too), in a date column — written as the date cells show it (2017年9月30日), which every
 * sheet's day reader takes back.
 */
import { formatDateCn, todayIso } from '../../../../shared/domain/dates.ts';

interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * Ctrl+; (by the key's place too: a Chinese input method or another layout may report another character for it).
 * Ctrl+Shift+; is Excel's time, which no cell here takes.
 */
export const isTodayKey = (e: KeyLike) =>
  (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && (e.key === ';' || e.code === 'Semicolon');

/** Ctrl+Enter: the text being typed goes into every cell of the selected block (use-sheet.ts fillBlock). */
export const isFillKey = (e: KeyLike) => (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key === 'Enter';

export const todayText = () => formatDateCn(todayIso());

/** The cell readers of days (cell-parse.ts parseDay): a column reading its cells with one is a date column. */
const DAY_READERS = new WeakSet<object>();
export function markDayReader<F extends (t: string) => unknown>(read: F): F {
  DAY_READERS.add(read);
  return read;
}
export const readsDays = (read: ((t: string) => unknown) | undefined) => !!read && DAY_READERS.has(read);

/** Said for Ctrl+; over a cell that takes no date (nothing is written). */
export const TODAY_NOT_HERE = 'Ctrl+; 录入今天的日期，只用于日期列（如计划开工、完成时限）';

/**
 * Ctrl+; in an open editor: today at the caret, over the text selected, as typing it would. The input event lets a
 * React-controlled editor (the 台账's) take the new text as it takes typing.
 */
export function insertAtCaret(input: HTMLInputElement, text: string) {
  const end = input.value.length;
  input.setRangeText(text, input.selectionStart ?? end, input.selectionEnd ?? end, 'end');
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
