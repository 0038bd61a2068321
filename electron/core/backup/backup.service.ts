/**
 * Backups of the open ledger: automatic (daily at start, before migrations, imports and restores, into
 * backups/ beside the database, pruned by the retention policy) and manual (to a folder or U盘 the user
 * picked through the adapter's dialog, remembered for the 7-day reminder).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupList, UndoInfo } from '../../../shared/schemas/safety.ts';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { hasAnyChange } from '../repositories/backup.repository.ts';
import { getSetting, setSetting } from '../repositories/setting.repository.ts';
import { backupFileName, backupNames, backupTime, listBackupInfos, pruneBackups, type BackupReason } from './backup-files.ts';
import { onlineBackup, stamp } from './online-backup.ts';

export const MANUAL_REMINDER_DAYS = 7;
const LAST_MANUAL_KEY = 'backup.lastManualAt';
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

/** Online backup into backups/, then prune (never the copy that undoes the last restore). */
export async function takeBackup(ctx: Ctx, reason: BackupReason, protect: readonly string[] = []): Promise<{ name: string; file: string; at: string }> {
  const now = ctx.now();
  let name = backupFileName(now, reason);
  for (let i = 2; existsSync(join(ctx.paths.backupsDir, name)); i++) name = name.replace(/(-\d+)?\.db$/, `-${i}.db`);
  const file = join(ctx.paths.backupsDir, name);
  await onlineBackup(ctx.db.sqlite, file);
  const undo = readUndo(ctx);
  pruneBackups(ctx.paths.backupsDir, now, [name, ...protect, ...(undo ? [undo.undoName] : [])]);
  return { name, file, at: now.toISOString() };
}

const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** At start: one backup a day, once the ledger holds anything. Returns the backup's name, or null. */
export async function dailyBackupIfDue(ctx: Ctx): Promise<string | null> {
  if (ctx.db.file === ':memory:' || !hasAnyChange(ctx.db)) return null;
  const today = ctx.now();
  const dir = ctx.paths.backupsDir;
  if (backupNames(dir).some((n) => n.includes('-每日') && sameDay(backupTime(n, join(dir, n)), today))) return null;
  return (await takeBackup(ctx, '每日')).name;
}

export async function createBackup(ctx: Ctx, target: 'auto' | 'manual', destToken: string | undefined) {
  if (target === 'auto') return takeBackup(ctx, '手动');
  if (!destToken) throw new AppError('VALIDATION', '请先选择备份到哪个文件夹（如U盘）', [{ path: 'destToken', message: '请先选择备份到哪个文件夹（如U盘）' }]);
  const folder = ctx.fileTokens.resolve(destToken, 'folder');
  const now = ctx.now();
  const name = `乡镇建设项目台账-备份-${stamp(now)}.db`;
  const file = join(folder, name);
  try {
    await onlineBackup(ctx.db.sqlite, file);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('UNREADABLE', `无法写入所选文件夹（${(e as Error).message}）。请确认U盘已插好且有空间。`);
  }
  setSetting(ctx.db, LAST_MANUAL_KEY, now.toISOString());
  return { name, file, at: now.toISOString() };
}

export function manualReminderDue(lastManualAt: string | null, now: Date): boolean {
  if (!lastManualAt) return true;
  return now.getTime() - new Date(lastManualAt).getTime() >= MANUAL_REMINDER_DAYS * 24 * 3600 * 1000;
}

export function listBackups(ctx: Ctx): BackupList {
  const lastManualAt = getSetting(ctx.db, LAST_MANUAL_KEY);
  return {
    dir: ctx.paths.backupsDir,
    backups: listBackupInfos(ctx.paths.backupsDir),
    lastManualAt,
    manualReminder: hasAnyChange(ctx.db) && manualReminderDue(lastManualAt, ctx.now()),
    undo: readUndo(ctx),
  };
}
