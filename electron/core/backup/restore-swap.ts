/**
 * The swap of a restore, safe against a crash at every step. Before, the file was renamed into place first and
 * then re-sealed, anchored, logged and made undoable: a restore killed right after the rename left the restored
 * ledger beside the anchor of the replaced one (verify: tampering, for ever), no 恢复备份 row and no undo record.
 *
 *  1. staged — the backup copied beside the ledger (swap.ts), brought to this version's schema, its rows sealed under
 *     the ledger's key, the 登录记录 since the backup carried over (sign-in-carry.ts) and the restore's change-log row
 *     written into it: the copy is the finished restored ledger before the ledger is touched.
 *  2. journaled — the journal beside the ledger (audit/restore-anchor.ts) holds the anchor that copy must get, and
 *     the undo record.
 *  3. swapped — the rename, the one step that changes the ledger.
 *  4. anchored — the anchor file written from the journal; then last-restore.json; then the journal removed.
 *
 * The next start (createCore → finishInterruptedRestore) reads a journal left behind by its ledger: without the
 * restore's row the crash came before the rename, and the copy and journal are removed, nothing else changed; with
 * it, step 4 is done then, and a row in the change log says the restore was completed after an interruption.
 * The recovery screen's restore over a ledger that cannot be opened (recovery.ts) takes the same steps, the old file
 * kept in 已隔离 just before the rename.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import type { UndoInfo } from '../../../shared/schemas/safety.ts';
import { appendChanges, type ChangeEntry } from '../audit/change-log.ts';
import {
  asRestoreLeftIt,
  journalText,
  removeRestoreJournal,
  restoredInPlace,
  restoreJournalPath,
  restoreJournalState,
  setJournalAside,
  type RestoreJournal,
} from '../audit/restore-anchor.ts';
import { anchorTextOf, putAnchorText, writeAnchor } from '../audit/row-seal.ts';
import { restoreSealKey, sealRestoredCopy, startSeals } from '../audit/seal-startup.ts';
import type { Ctx } from '../context.ts';
import { crashStep } from '../crash-step.ts';
import { openDatabase, wrap, type Db } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { attachFigureStore } from '../services/figure-store-upkeep.ts';
import { UNDO_FILE } from './backup.service.ts';
import { writeFileDurably } from '../files/durable-write.ts';
import { carrySignIns, type CarriedSignIn } from './sign-in-carry.ts';
import { putStagedInPlace, removeStaged, stageDatabaseFile } from './swap.ts';

export interface RestorePlan {
  /** The backup restored, as the change log and the messages name it. */
  restoredName: string;
  /** The restore's row in the restored ledger's change log (written into the copy before the swap). */
  entry: ChangeEntry;
  operator: string;
  at: string;
  /**
   * What last-restore.json holds afterwards; null: removed (an undo is not itself undone from there); 'keep': left as
   * it is (a restore from the recovery screen replaces a file that could not be opened, not a restore to undo).
   */
  undo: UndoInfo | null | 'keep';
  /** The 登录记录 of the ledger replaced, carried into the copy (sign-in-carry.ts); none from the recovery screen. */
  signIns?: readonly CarriedSignIn[];
}

/** What the journal keeps of the plan for a start that finishes the restore. */
interface JournalDetails {
  restoredName: string;
  undo: RestorePlan['undo'];
}

const log = (m: string) => console.error(`[core] ${m}`);

/** Puts the backup in place of ctx.db's file (closed and reopened on the restored ledger, or the old one on failure). */
export async function swapInJournaled(ctx: Ctx, backupFile: string, plan: RestorePlan): Promise<void> {
  const target = ctx.db.file;
  const key = restoreSealKey(target);
  ctx.db.close();
  try {
    await journaledSwap(target, backupFile, plan, { key, now: ctx.now, backupsDir: ctx.paths.backupsDir });
  } finally {
    // Whatever is at the target now: the restored copy, or the untouched original on failure.
    ctx.db = openDatabase(target);
    try {
      settleRestore(ctx.db, ctx.paths.backupsDir, ctx.now(), false);
    } finally {
      startSeals(ctx.db, { now: ctx.now(), migrated: false, log });
      attachFigureStore(ctx, log);
    }
  }
}

/**
 * For the recovery screen (recovery.ts): puts the backup in place of a ledger that cannot be opened, with the same
 * journal; `keepAside` keeps the old file (under its own name elsewhere) just before the rename replaces it, so that
 * there is no moment without a ledger file. No connection is open on `target`; none is left open.
 */
export async function recoverJournaled(
  target: string,
  backupFile: string,
  plan: RestorePlan,
  opts: { now: () => Date; backupsDir: string; keepAside: () => void },
): Promise<void> {
  const key = restoreSealKey(target);
  await journaledSwap(target, backupFile, plan, { ...opts, key, beforeRename: opts.keepAside });
  const db = openDatabase(target);
  try {
    settleRestore(db, opts.backupsDir, opts.now(), false);
  } finally {
    db.close();
  }
}

/** Steps 1 to 3. Throws before the rename, leaving neither the copy nor the journal; the rest is settleRestore's. */
async function journaledSwap(
  target: string,
  backupFile: string,
  plan: RestorePlan,
  opts: { key: Buffer; now: () => Date; backupsDir: string; beforeRename?: () => void },
): Promise<void> {
  let swapped = false;
  try {
    const staging = stageDatabaseFile(target, backupFile);
    const anchorText = await finishCopy(staging, target, plan, opts);
    crashStep('staged');
    const details: JournalDetails = { restoredName: plan.restoredName, undo: plan.undo };
    writeFileDurably(restoreJournalPath(target), journalText(anchorText, details));
    crashStep('journaled');
    if (opts.beforeRename) {
      opts.beforeRename();
      crashStep('set-aside');
    }
    putStagedInPlace(target);
    swapped = true;
    crashStep('swapped');
  } catch (e) {
    // The ledger was not touched: nothing of the restore stays (the 恢复前 copy stays among the backups).
    if (!swapped) {
      removeRestoreJournal(target);
      removeStaged(target);
    }
    throw e;
  }
}

/** Step 1 on the staged copy (a private connection, closed before the rename: its WAL is checkpointed and removed). */
async function finishCopy(
  staging: string,
  target: string,
  plan: RestorePlan,
  opts: { key: Buffer; now: () => Date; backupsDir: string },
): Promise<string> {
  const sqlite = new Database(staging, { fileMustExist: true });
  try {
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = FULL');
    // Named after the ledger: an older backup's 迁移前 copy is listed as the ledger's, as when it was migrated in place.
    await migrate(sqlite, target, { now: opts.now, backupDir: opts.backupsDir });
    const copy = wrap(sqlite, staging);
    if (plan.signIns) carrySignIns(copy, plan.signIns);
    sealRestoredCopy(sqlite, opts.key);
    copy.tx(() => appendChanges(copy, plan.operator, plan.at, [plan.entry]));
    // In the ledger's journal mode already: switching it when the swapped-in file is opened is a write through a
    // rollback journal, and a kill in the middle can leave a hot -journal that read-only opens (verify, the start's
    // first look) cannot roll back — the ledger then reads as unreadable (seen: a kill at the inode change).
    sqlite.pragma('journal_mode = WAL');
    return anchorTextOf(sqlite, opts.key, opts.now());
  } finally {
    sqlite.close();
  }
}

/**
 * At start, before the seals are checked: finishes a restore this ledger's journal says was interrupted, or rolls back
 * one that never reached its rename (see the top of this file).
 */
export function finishInterruptedRestore(db: Db, backupsDir: string, now: Date, say: (m: string) => void): void {
  settleRestore(db, backupsDir, now, true, say);
}

function settleRestore(db: Db, backupsDir: string, now: Date, interrupted: boolean, say = log): void {
  const file = db.file;
  const found = restoreJournalState(file);
  if (found.state === 'none') return;
  if (found.state === 'unusable') {
    // The ledger answers to its anchor file as it is: a swapped-in file disagreeing with it is reported as such.
    const aside = setJournalAside(file, now);
    say(`恢复记录文件无法使用（${found.reason}），已另存为 ${basename(aside)}`);
    return;
  }
  const { journal } = found;
  const details = detailsOf(journal);
  if (!restoredInPlace(db.sqlite, journal.anchor)) {
    removeStaged(file);
    removeRestoreJournal(file);
    say(`上次从备份“${details.restoredName}”恢复时，程序在替换台账文件之前中断：台账仍是恢复前的数据，没有改动`);
    return;
  }
  putAnchorText(file, journal.anchorText);
  crashStep('anchored');
  if (interrupted) noteCompletion(db, journal, details, now, say);
  writeUndo(backupsDir, details.undo);
  crashStep('undone');
  removeRestoreJournal(file);
  if (interrupted) say(`上次从备份“${details.restoredName}”恢复时程序在替换台账文件之后中断，已完成恢复`);
}

function detailsOf(journal: RestoreJournal): JournalDetails {
  const d = journal.details as Partial<JournalDetails> | null;
  const undo = d?.undo;
  const info = (u: unknown): u is UndoInfo =>
    typeof u === 'object' &&
    u !== null &&
    ['restoredName', 'undoName', 'at'].every((k) => typeof (u as Record<string, unknown>)[k] === 'string');
  return {
    restoredName: typeof d?.restoredName === 'string' ? d.restoredName : '（未记下名称）',
    undo: undo === 'keep' ? 'keep' : info(undo) ? undo : null,
  };
}

const completionReason = (d: JournalDetails) =>
  `从备份“${d.restoredName}”恢复时，程序在替换台账文件之后中断；已于再次打开台账时完成恢复（外部锚点${d.undo && d.undo !== 'keep' ? '、撤销记录' : ''}）`;

/**
 * The change log says the restore was completed after an interruption, and the anchor moves on over that row — only
 * if the ledger is exactly as the restore left it. Otherwise it keeps the journal's anchor, and the start-up check
 * holds the ledger against it (an edit made after the crash is set aside as evidence like any other).
 */
function noteCompletion(db: Db, journal: RestoreJournal, d: JournalDetails, now: Date, say: (m: string) => void): void {
  const reason = completionReason(d);
  const { anchor } = journal;
  const noted = asRestoreLeftIt(db.sqlite, anchor, 1) && lastRowIs(db, reason);
  if (!noted && !asRestoreLeftIt(db.sqlite, anchor, 0)) {
    say('恢复后的台账与恢复时记下的锚点不符：已按该锚点核对，请运行“校验”查看');
    return;
  }
  if (!noted)
    db.tx(() => appendChanges(db, '系统', now.toISOString(), [{ action: '其他', entity: 'database', reason }]));
  crashStep('noted');
  writeAnchor(db.sqlite, db.file, anchor.key, now);
}

function lastRowIs(db: Db, reason: string): boolean {
  const last = db.sqlite
    .prepare('SELECT operator, action, entity, reason FROM change_log ORDER BY id DESC LIMIT 1')
    .get() as { operator: string; action: string; entity: string; reason: string | null } | undefined;
  return last?.operator === '系统' && last.action === '其他' && last.entity === 'database' && last.reason === reason;
}

function writeUndo(backupsDir: string, undo: RestorePlan['undo']): void {
  if (undo === 'keep') return;
  const file = join(backupsDir, UNDO_FILE);
  if (!undo) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(backupsDir, { recursive: true });
  writeFileDurably(file, JSON.stringify(undo));
}
