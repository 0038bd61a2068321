/**
 * Backups of the open ledger: automatic (daily at start, before migrations, imports and restores, into
 * backups/ beside the database, pruned by the retention policy) and manual (to a folder or U盘 the user
 * picked through the adapter's dialog, remembered for the 7-day reminder).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MANUAL_REMINDER_DAYS, type BackupList, type UndoInfo } from '../../../shared/schemas/safety.ts';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { hasAnyChange } from '../repositories/backup.repository.ts';
import { getSetting, setSetting } from '../repositories/setting.repository.ts';
import { getTownSettings } from '../services/town-settings.service.ts';
import {
  backupFileName,
  backupNames,
  backupTime,
  listBackupInfos,
  pruneBackups,
  SET_ASIDE_DIR,
  type BackupReason,
} from './backup-files.ts';
import { onlineBackup, onlineBackupVerified } from './online-backup.ts';
import { readRestoreNotice } from './restore-notice.ts';
import { stamp } from './stamp.ts';
import { setAside } from './swap.ts';
import { faultReasonCn } from '../db/ledger-file.ts';

export { MANUAL_REMINDER_DAYS };
const LAST_MANUAL_KEY = 'backup.lastManualAt';
/**
 * The last U盘 backup is also remembered beside the backups, not only in the database: a restore replaces the
 * database with a copy that holds the date of an earlier U盘 backup (or none — the setting is written after the copy
 * is taken, so even the U盘 copy itself names the one before), and the reminder then named that older date.
 */
export const LAST_MANUAL_FILE = 'last-usb-backup.json';
/** Beside the backups, not in the database: a restore replaces the database. */
export const UNDO_FILE = 'last-restore.json';

export function readUndo(ctx: Ctx): UndoInfo | null {
  const file = join(ctx.paths.backupsDir, UNDO_FILE);
  if (!existsSync(file)) return null;
  try {
    const u = JSON.parse(readFileSync(file, 'utf8')) as UndoInfo;
    return backupNames(ctx.paths.backupsDir).includes(u.undoName) ? u : null;
  } catch {
    return null;
  }
}

const inFlight = new Set<string>();

/** Online backup into backups/, then prune (never the copy that undoes the last restore). */
export async function takeBackup(
  ctx: Ctx,
  reason: BackupReason,
  protect: readonly string[] = [],
): Promise<{ name: string; file: string; at: string }> {
  const copy = await copyBackup(ctx, reason);
  copy.keep(protect);
  return { name: copy.name, file: copy.file, at: copy.at };
}

/** A backup copied into backups/ and not yet counted: kept (the old ones pruned then) or discarded. */
export interface PendingBackup {
  name: string;
  file: string;
  at: string;
  /** Counts it among the backups: the retention policy prunes the old ones now (never `protect`, nor the undo). */
  keep(protect?: readonly string[]): void;
  /** Removes it (once its background check has let go of the file): the write it was for did not happen. */
  discard(): void;
}

/**
 * The copy of takeBackup without its pruning, for a write that may still not happen (an import whose file is
 * read meanwhile, backup-ahead.ts): a copy for a refused file must not have pushed an older one out.
 */
export async function copyBackup(ctx: Ctx, reason: BackupReason): Promise<PendingBackup> {
  const now = ctx.now();
  let name = backupFileName(now, reason);
  const taken = (n: string) => inFlight.has(join(ctx.paths.backupsDir, n)) || existsSync(join(ctx.paths.backupsDir, n));
  for (let i = 2; taken(name); i++) name = name.replace(/(-\d+)?\.db$/, `-${i}.db`);
  const file = join(ctx.paths.backupsDir, name);
  // Reserved until the copy has its name: a second backup in the same second must not pick it meanwhile.
  inFlight.add(file);
  let copy: Awaited<ReturnType<typeof onlineBackup>>;
  try {
    copy = await onlineBackup(ctx.db.sqlite, file);
  } finally {
    inFlight.delete(file);
  }
  let discarded = false;
  guardBackup(ctx, file, copy.verified, () => discarded);
  return {
    name,
    file,
    at: now.toISOString(),
    keep(protect: readonly string[] = []) {
      const undo = readUndo(ctx);
      pruneBackups(ctx.paths.backupsDir, now, [name, ...protect, ...(undo ? [undo.undoName] : [])]);
    },
    discard() {
      // Its background check may still be running, and would find the file gone (or, were the name taken again, the
      // next copy half-written) and set "it" aside as damaged: that was the backup kept in its place, gone from the
      // list (an import whose ledger was written while the file was read took a second copy in the same second).
      // So the check's verdict no longer counts, and the name stays reserved until the check is over.
      discarded = true;
      inFlight.add(file);
      track(copy.verified.finally(() => inFlight.delete(file)));
      try {
        rmSync(file, { force: true });
      } catch {
        // Windows refuses to delete a file another thread holds open (its background check): once that is done.
        track(copy.verified.finally(() => rmSync(file, { force: true })));
      }
    },
  };
}

const checking = new Set<Promise<unknown>>();
function track(p: Promise<unknown>): void {
  const settled = p.catch(() => undefined).finally(() => checking.delete(settled));
  checking.add(settled);
}

/**
 * A copy that fails its full check never stays among the backups a clerk might restore from. `dropped`: the copy was
 * discarded meanwhile, its file is no longer this backup's, and the verdict is not acted on.
 */
export function guardBackup(ctx: Ctx, file: string, verified: Promise<string | null>, dropped: () => boolean): void {
  track(verified.then((problem) => problem && !dropped() && setAsideDamaged(ctx, file)));
}

function setAsideDamaged(ctx: Ctx, file: string): void {
  try {
    const dir = join(ctx.paths.backupsDir, SET_ASIDE_DIR);
    mkdirSync(dir, { recursive: true });
    setAside(file, dir, ctx.now(), `备份校验失败-${basename(file, '.db')}`);
  } catch {
    rmSync(file, { force: true });
  }
}

/** Waits for the background checks of the automatic backups taken so far (tests, orderly shutdown). */
export async function settleBackupChecks(): Promise<void> {
  while (checking.size > 0) await Promise.all([...checking]);
}

const sameDay = (a: Date, b: Date) =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** At start: one backup a day, once the ledger holds anything. Returns the backup's name, or null. */
export async function dailyBackupIfDue(ctx: Ctx): Promise<string | null> {
  if (ctx.db.file === ':memory:' || !hasAnyChange(ctx.db)) return null;
  const today = ctx.now();
  const dir = ctx.paths.backupsDir;
  if (backupNames(dir).some((n) => n.includes('-每日') && sameDay(backupTime(n, join(dir, n)), today))) return null;
  return (await takeBackup(ctx, '每日')).name;
}

/** How often a ledger that stays open looks for the day's backup. */
export const DAILY_CHECK_MS = 60 * 60 * 1000;

/**
 * The daily backup of a ledger left open: every `everyMs` the day's backup is taken if it is not there yet. Checked
 * only at start, an office PC that keeps the program open for days took none after the first morning (每日自动备份
 * promised). One at a time; a failure is logged, as at start. Returns the stop (the core's close).
 */
export function keepDailyBackups(ctx: Ctx, log: (m: string) => void, everyMs = DAILY_CHECK_MS): () => void {
  let taking = false;
  const timer = setInterval(() => {
    if (taking) return;
    taking = true;
    dailyBackupIfDue(ctx)
      .catch((e: unknown) => log(`每日自动备份失败：${(e as Error).message}`))
      .finally(() => (taking = false));
  }, everyMs);
  timer.unref(); // never what keeps a CLI run or a test alive
  return () => clearInterval(timer);
}

export async function createBackup(ctx: Ctx, target: 'auto' | 'manual', destToken: string | undefined) {
  if (target === 'auto') return takeBackup(ctx, '手动');
  if (!destToken)
    throw new AppError('VALIDATION', '请先选择备份到哪个文件夹（如U盘）', [
      { path: 'destToken', message: '请先选择备份到哪个文件夹（如U盘）' },
    ]);
  const folder = ctx.fileTokens.resolve(destToken, 'folder');
  const now = ctx.now();
  const name = `乡镇建设项目台账-备份-${stamp(now)}.db`;
  const file = join(folder, name);
  try {
    // The clerk takes this copy away on a U盘: it is fully checked before we say it is done.
    await onlineBackupVerified(ctx.db.sqlite, file);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('UNREADABLE', `无法写入所选文件夹（${faultReasonCn(e)}）。请确认U盘已插好且有空间。`);
  }
  setSetting(ctx.db, LAST_MANUAL_KEY, now.toISOString());
  try {
    mkdirSync(ctx.paths.backupsDir, { recursive: true });
    writeFileSync(
      join(ctx.paths.backupsDir, LAST_MANUAL_FILE),
      JSON.stringify({ at: now.toISOString(), name, folder }),
    );
  } catch {
    // The setting above still holds the date; the file only outlives a restore.
  }
  return { name, file, at: now.toISOString() };
}

/** The latest U盘 backup known to the database or to the file beside the backups (whichever is later). */
export function lastManualBackupAt(ctx: Ctx): string | null {
  const inDb = getSetting(ctx.db, LAST_MANUAL_KEY);
  let inFile: string | null = null;
  try {
    const at = (JSON.parse(readFileSync(join(ctx.paths.backupsDir, LAST_MANUAL_FILE), 'utf8')) as { at?: unknown }).at;
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at))) inFile = at;
  } catch {
    inFile = null;
  }
  if (!inDb) return inFile;
  if (!inFile) return inDb;
  return Date.parse(inFile) > Date.parse(inDb) ? inFile : inDb;
}

export function manualReminderDue(lastManualAt: string | null, now: Date): boolean {
  if (!lastManualAt) return true;
  return now.getTime() - new Date(lastManualAt).getTime() >= MANUAL_REMINDER_DAYS * 24 * 3600 * 1000;
}

export function listBackups(ctx: Ctx): BackupList {
  const lastManualAt = lastManualBackupAt(ctx);
  return {
    dir: ctx.paths.backupsDir,
    // Another town's backup copied into the folder is listed as such (其他乡镇), as its restore is refused.
    backups: listBackupInfos(ctx.paths.backupsDir, 'none', getTownSettings(ctx).townName),
    lastManualAt,
    manualReminder: hasAnyChange(ctx.db) && manualReminderDue(lastManualAt, ctx.now()),
    undo: readUndo(ctx),
    restoreNotice: readRestoreNotice(ctx.paths.backupsDir),
  };
}
