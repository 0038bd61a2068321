/**
 * The swap of a restore, safe against a crash at every step. Before, the file was renamed into place first and
 * then re-sealed, anchored, logged and made undoable: a restore killed right after the rename left the restored
 * ledger beside the anchor of the replaced one (verify: tampering, for ever), no 恢复备份 row and no undo record.
 *
 *  0. begun — the journal beside the ledger names the backup, without an anchor yet (beginRestore), before anything
 *     else, the 恢复前 copy included: a restore cut off at any step leaves a trace the next start reads.
 *  1. staged — the backup copied beside the ledger (swap.ts), brought to this version's schema, its rows sealed under
 *     the ledger's key, the 登录记录 since the backup carried over (sign-in-carry.ts) and the restore's change-log row
 *     written into it: the copy is the finished restored ledger before the ledger is touched.
 *  2. journaled — the journal beside the ledger (audit/restore-anchor.ts) holds the anchor that copy must get, and
 *     the undo record.
 *  3. swapped — the rename, the one step that changes the ledger.
 *  4. anchored — the anchor file written from the journal; then last-restore.json; then the journal removed.
 *
 * The next start (createCore → finishInterruptedRestore) reads a journal left behind by its ledger: only begun, or
 * without the restore's row in the ledger, the crash came before the rename, and the copy and journal are removed,
 * nothing else changed (the change log says so once the start's seal check is done: noteRolledBack); with it, step 4
 * is done then, and a row in the change log says the restore was completed after an interruption. Either way the
 * clerk is told which state the ledger is in (restore-notice.ts) — before, only the log said it.
 * The recovery screen's restore over a ledger that cannot be opened (recovery.ts) takes the same steps, the old file
 * kept in 已隔离 just before the rename.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import type { RestoreNotice, UndoInfo } from '../../../shared/schemas/safety.ts';
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
import { writeRestoreNotice } from './restore-notice.ts';

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

/**
 * Step 0: the journal names the restore before it touches anything (not even the 恢复前 copy). Every way out of the
 * restore short of a crash removes it again: the swap's own (journaledSwap), or abandonRestore before the swap.
 */
export function beginRestore(target: string, restoredName: string): void {
  const details: JournalDetails = { restoredName, undo: null };
  writeFileDurably(restoreJournalPath(target), journalText(null, details));
  crashStep('begun');
}

/** A restore given up before its swap began (a cancel, a failed 恢复前 copy): nothing of it stays beside the ledger. */
export function abandonRestore(target: string): void {
  removeRestoreJournal(target);
  removeStaged(target);
}

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
      const odd = settleRestore(ctx.db, ctx.paths.backupsDir, ctx.now(), false);
      if (odd) log(odd.notice.message);
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
    const odd = settleRestore(db, opts.backupsDir, opts.now(), false);
    if (odd) log(odd.notice.message);
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

/** A restore cut off at the last run, as the start settled it. */
export interface InterruptedRestore {
  /** What the clerk is told, and the state the ledger was left in. */
  notice: RestoreNotice;
  /** The backup it was from (null: the journal could not say). */
  restoredName: string | null;
}

/**
 * At start, before the seals are checked: finishes a restore this ledger's journal says was interrupted, or rolls back
 * one that never reached its rename (see the top of this file), and leaves the clerk the notice of what became of it.
 */
export function finishInterruptedRestore(
  db: Db,
  backupsDir: string,
  now: Date,
  say: (m: string) => void,
): InterruptedRestore | null {
  const found = settleRestore(db, backupsDir, now, true);
  if (!found) return null;
  say(found.notice.message);
  try {
    writeRestoreNotice(backupsDir, found.notice);
  } catch (e) {
    say(`无法记下恢复中断的提示（${(e as Error).message}）`);
  }
  return found;
}

/**
 * For the start, once its seal check is done: a restore rolled back at this start is written in the change log (the
 * one that was finished is, by noteCompletion). After the check, not before: a row added ahead of it would make a
 * ledger changed while the program was closed read as one whose last write was not yet anchored.
 */
export function noteRolledBack(db: Db, found: InterruptedRestore, now: Date): void {
  if (found.notice.ledger !== '恢复前') return;
  const reason = `从备份“${found.restoredName ?? '（未记下名称）'}”恢复时，程序在替换台账文件之前中断；台账未被替换，仍是恢复前的数据`;
  db.tx(() => appendChanges(db, '系统', now.toISOString(), [{ action: '其他', entity: 'database', reason }]));
}

const CUT_OFF = '程序意外中断（如断电或被强行关闭）';

function settleRestore(db: Db, backupsDir: string, now: Date, interrupted: boolean): InterruptedRestore | null {
  const file = db.file;
  const found = restoreJournalState(file);
  const at = now.toISOString();
  if (found.state === 'none') return null;
  if (found.state === 'unusable') {
    // The ledger answers to its anchor file as it is: a swapped-in file disagreeing with it is reported as such.
    const aside = setJournalAside(file, now);
    const message = `上次从备份恢复时${CUT_OFF}，而恢复记录文件无法使用（${found.reason}），已另存为 ${basename(aside)}：无法据此判断台账是否已被替换。请在“数据安全”中点“校验留痕”，并核对台账中的数据。`;
    return { restoredName: null, notice: { at, ledger: '待核对', message } };
  }
  const details = detailsOf(found.state === 'begun' ? found.details : found.journal.details);
  if (found.state === 'begun' || !restoredInPlace(db.sqlite, found.journal.anchor)) {
    removeStaged(file);
    removeRestoreJournal(file);
    const message = `上次从备份“${details.restoredName}”恢复时，在替换台账文件之前${CUT_OFF}：台账没有被替换，仍是恢复前的数据，没有任何改动。如仍要恢复，请重新操作。`;
    return { restoredName: details.restoredName, notice: { at, ledger: '恢复前', message } };
  }
  const { journal } = found;
  putAnchorText(file, journal.anchorText);
  crashStep('anchored');
  const asLeft = interrupted ? noteCompletion(db, journal, details, now) : true;
  writeUndo(backupsDir, details.undo);
  crashStep('undone');
  removeRestoreJournal(file);
  if (!interrupted) return null;
  const head = `上次从备份“${details.restoredName}”恢复时，在替换台账文件之后${CUT_OFF}：`;
  const notice: RestoreNotice = asLeft
    ? {
        at,
        ledger: '已恢复',
        message: `${head}再次打开台账时已把这次恢复做完，台账现在是这份备份的数据。${undoText(details)}`,
      }
    : {
        at,
        ledger: '待核对',
        message: `${head}台账已是这份备份的数据，但与恢复时记下的不符（中断之后可能在程序之外被改动过）。请在“数据安全”中点“校验留痕”查看。`,
      };
  return { restoredName: details.restoredName, notice };
}

const undoText = (d: JournalDetails) =>
  d.undo === 'keep'
    ? '无法打开的原台账文件已原样移到备份文件夹的“已隔离”中。'
    : d.undo
      ? `恢复前的数据已另存为备份“${d.undo.undoName}”，如恢复错了，可在“数据安全”中点“撤销恢复”。`
      : '';

function detailsOf(details: unknown): JournalDetails {
  const d = details as Partial<JournalDetails> | null;
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
 * holds the ledger against it (an edit made after the crash is set aside as evidence like any other). False then.
 */
function noteCompletion(db: Db, journal: RestoreJournal, d: JournalDetails, now: Date): boolean {
  const reason = completionReason(d);
  const { anchor } = journal;
  const noted = asRestoreLeftIt(db.sqlite, anchor, 1) && lastRowIs(db, reason);
  if (!noted && !asRestoreLeftIt(db.sqlite, anchor, 0)) return false;
  if (!noted)
    db.tx(() => appendChanges(db, '系统', now.toISOString(), [{ action: '其他', entity: 'database', reason }]));
  crashStep('noted');
  writeAnchor(db.sqlite, db.file, anchor.key, now);
  return true;
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
