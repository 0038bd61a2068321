/**
 * The anchor a restore gives the ledger, kept in the restore's journal beside the ledger from just before the file is
 * swapped until the anchor file holds it (backup/restore-swap.ts writes and settles the journal).
 *
 * Why: the swap (a rename) and the anchor (another file) cannot change together. A process killed between them left
 * the restored ledger beside the anchor of the ledger it replaced — 8 change-log rows against an anchor of 5,009 —
 * and verify called it tampering for ever. While the journal is there and the ledger holds the change-log row the
 * restore wrote into the copy (its hash is the journal anchor's head: no other file can hold it), the journal's
 * anchor is the one the ledger answers to; held against it, an edit made after the crash is found as any other.
 * A journal whose file was not swapped in (the crash came before the rename) says nothing about the ledger.
 *
 * The journal is first written, without an anchor, as soon as a restore begins (before its 恢复前 copy): a restore cut
 * off at any step then leaves a trace the next start reads, and the clerk is told what became of it.
 */
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import type { SqliteDb } from '../db/connection.ts';
import {
  anchoredRowHash,
  currentState,
  parseAnchor,
  readAnchor,
  type Anchor,
  type AnchorRead,
  type SealCount,
} from './row-seal.ts';

/** Beside the ledger, as its anchor is; not `<ledger>.restoring`, the staged copy's name. */
export const restoreJournalPath = (ledgerFile: string) => `${ledgerFile}.restoring.json`;

export interface RestoreJournal {
  /** The anchor file's text for the restored ledger, as the restore computed it before the swap. */
  anchorText: string;
  anchor: Anchor;
  /** What the restore itself notes (backup/restore-swap.ts reads it). */
  details: unknown;
}

interface JournalFile {
  format: 1;
  /** null: the restore has begun and has not yet written the copy's anchor (nothing of the ledger changed yet) */
  anchor: string | null;
  details: unknown;
}

/** The journal's text: `anchorText` null while the restore has only begun. */
export function journalText(anchorText: string | null, details: unknown): string {
  const file: JournalFile = { format: 1, anchor: anchorText, details };
  return JSON.stringify(file);
}

/** The journal beside the ledger: null when there is none, `damaged` with the reason when it cannot be used. */
export function readRestoreJournal(
  ledgerFile: string,
): RestoreJournal | { begun: true; details: unknown } | { damaged: string } | null {
  const path = restoreJournalPath(ledgerFile);
  if (!existsSync(path)) return null;
  let file: JournalFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as JournalFile;
  } catch (e) {
    return { damaged: (e as Error).message };
  }
  if (file?.format === 1 && file.anchor === null) return { begun: true, details: file.details };
  if (file?.format !== 1 || typeof file.anchor !== 'string') return { damaged: '格式不对' };
  const read = parseAnchor(file.anchor);
  if (read.kind !== 'ok') return { damaged: read.kind === 'damaged' ? read.reason : '缺少锚点' };
  return { anchorText: file.anchor, anchor: read.anchor, details: file.details };
}

export function removeRestoreJournal(ledgerFile: string): void {
  rmSync(restoreJournalPath(ledgerFile), { force: true });
}

/** Keeps a journal that cannot be used under another name (like a damaged anchor): the ledger answers to its anchor. */
export function setJournalAside(ledgerFile: string, now: Date): string {
  const aside = `${restoreJournalPath(ledgerFile)}.损坏-${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
  renameSync(restoreJournalPath(ledgerFile), aside);
  return aside;
}

/** Is the ledger open on `sqlite` the file the journal's restore swapped in? Its change log holds the restore's row. */
export function restoredInPlace(sqlite: SqliteDb, anchor: Anchor): boolean {
  if (anchor.chain.count === 0) return false;
  try {
    return anchoredRowHash(sqlite, anchor.chain.count) === anchor.chain.head;
  } catch {
    return false; // no change log at all: not a ledger the restore wrote
  }
}

export type JournalState =
  | { state: 'none' }
  | { state: 'begun'; details: unknown }
  | { state: 'unusable'; reason: string }
  | { state: 'found'; journal: RestoreJournal };

/**
 * The journal beside the ledger, if any. A journal's anchor may stand for the anchor file only under the same key:
 * the restore seals the copy under the key of the anchor it found (a new key only where there was no usable anchor).
 */
export function restoreJournalState(ledgerFile: string): JournalState {
  const journal = readRestoreJournal(ledgerFile);
  if (!journal) return { state: 'none' };
  if ('damaged' in journal) return { state: 'unusable', reason: journal.damaged };
  if ('begun' in journal) return { state: 'begun', details: journal.details };
  const beside = readAnchor(ledgerFile);
  if (beside.kind === 'ok' && !beside.anchor.key.equals(journal.anchor.key))
    return { state: 'unusable', reason: '其密钥与外部锚点不同' };
  return { state: 'found', journal };
}

/**
 * For verify, while a restore is interrupted after its swap: the journal's anchor, which the ledger is held against
 * instead of the replaced ledger's. Null otherwise (no journal, not swapped in, or a journal that cannot be used).
 */
export function pendingRestoreAnchor(sqlite: SqliteDb, ledgerFile: string): AnchorRead | null {
  const found = restoreJournalState(ledgerFile);
  if (found.state !== 'found' || !restoredInPlace(sqlite, found.journal.anchor)) return null;
  return { kind: 'ok', anchor: found.journal.anchor };
}

export const PENDING_RESTORE_NOTE =
  '从备份恢复时程序在替换台账文件之后中断，外部锚点尚未更新：已按恢复时记下的锚点核对；再次打开台账时自动完成恢复';

const sameSeals = (a: Record<string, SealCount>, b: Record<string, SealCount>) => {
  for (const t of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[t] ?? { n: 0, x: '0' };
    const y = b[t] ?? { n: 0, x: '0' };
    if (x.n !== y.n || x.x !== y.x) return false;
  }
  return true;
};

/**
 * The ledger is as the restore left it: its tables' seal totals are the anchor's, and its change log is the anchor's
 * and `extra` rows more (rows that touch no table, such as the note that the restore was completed).
 */
export function asRestoreLeftIt(sqlite: SqliteDb, anchor: Anchor, extra: number): boolean {
  const now = currentState(sqlite);
  return (
    now.chain.count === anchor.chain.count + extra &&
    restoredInPlace(sqlite, anchor) &&
    sameSeals(now.seals, anchor.seals)
  );
}
