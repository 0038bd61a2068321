/**
 * The workbook an import last read, kept for the call that follows it with the same file: the window's preview and
 * then 确认导入, the CLI's import and then (refused) its preview of the rows at fault. A county's sheet is parsed
 * once, not twice (about 1 s of 10,000 rows). Kept per open ledger — a new core or a restore reads afresh, as the
 * bench's cold import does — for the very same bytes only, frozen (a reader that changed it would throw, not leak
 * into the next import), and let go by the import that used it or after a while (the 10,000-row county sheet's cells
 * hold about 1 MB of the core's heap).
 */
import { deepFreeze } from '../../services/derived-cache.ts';
import type { WorkbookData } from './sheet-data.ts';

/** Long enough for a clerk to read the preview; the timer holds no process open. */
const KEEP_MS = 10 * 60_000;

interface Kept {
  base64: string;
  workbook: WorkbookData;
  timer: ReturnType<typeof setTimeout>;
}
const kept = new WeakMap<object, Kept>();

/** The workbook of exactly these bytes (as base64) read for this ledger, or undefined. */
export function keptWorkbook(ledger: object, base64: string): WorkbookData | undefined {
  const k = kept.get(ledger);
  return k && k.base64 === base64 ? k.workbook : undefined;
}

export function keepWorkbook(ledger: object, base64: string, workbook: WorkbookData): void {
  forgetWorkbook(ledger);
  const timer = setTimeout(() => kept.delete(ledger), KEEP_MS);
  timer.unref?.();
  kept.set(ledger, { base64, workbook: deepFreeze(workbook), timer });
}

/** After the import that used it: nothing else will ask for it. */
export function forgetWorkbook(ledger: object): void {
  const k = kept.get(ledger);
  if (!k) return;
  clearTimeout(k.timer);
  kept.delete(ledger);
}
