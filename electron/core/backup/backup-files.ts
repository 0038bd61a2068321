/**
 * Backup files on disk: naming, listing with metadata, checking and pruning. Works without an open
 * ledger (the recovery screen uses it when the database itself cannot be opened).
 */
import { closeSync, existsSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo } from '../../../shared/schemas/safety.ts';
import { openDatabase } from '../db/connection.ts';
import { assertNotFromFuture } from '../db/schema-version.ts';
import { AppError } from '../errors.ts';
import { backupSummary } from '../repositories/backup.repository.ts';
import { anchorText } from '../audit/row-seal.ts';
import { checkCarriedAttachments } from './backup-attachments.ts';
import { stamp } from './stamp.ts';
import { backupsToKeep } from './retention.ts';
import { townIn, townOfFile, townProblem } from './backup-town.ts';
import { faultReasonCn, INTEGRITY_FAILED } from '../db/ledger-file.ts';

export const BACKUP_REASONS = ['每日', '手动', '迁移前', '导入前', '恢复前', '撤销前'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

/** Damaged or newer-version databases moved out of the way by a recovery restore; never pruned. */
export const SET_ASIDE_DIR = '已隔离';

export function backupFileName(now: Date, reason: BackupReason): string {
  return `台账-${stamp(now)}-${reason}.db`;
}

/** The time in the name (local, as written by stamp()); the file time if the name has none. */
export function backupTime(name: string, file: string): Date {
  const m = /(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(name);
  if (m) return new Date(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return statSync(file).mtime;
}

export function backupReason(name: string): string {
  return BACKUP_REASONS.find((r) => name.includes(`-${r}`)) ?? '其他';
}

/** Backup file names in the folder (not the set-aside ones, not unfinished .partial files). */
export function backupNames(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.db'))
    .map((e) => e.name);
}

/** Resolves a backup by name, refusing anything that is not a plain file in the backup folder. */
export function backupPath(dir: string, name: string): string {
  if (basename(name) !== name || name.startsWith('.')) throw new AppError('VALIDATION', '备份名称无效');
  const file = join(dir, name);
  if (!existsSync(file) || !statSync(file).isFile()) throw new AppError('NOT_FOUND', `备份“${name}”不存在`);
  return file;
}

/**
 * A backup of 0 bytes: the copy was cut off (a full disk, a U盘 pulled out) before anything was written. SQLite reads
 * such a file as an empty database, which the list called 备份文件无法读取（原因无法识别） and a restore 不是本软件的台账.
 */
export const EMPTY_BACKUP = '备份文件是空的（0 字节，可能是备份时磁盘已满或U盘被拔出），不能用于恢复';

/**
 * A backup cut short but not empty: SQLite opens it and reads its first pages, so the list called it 完好 until a full
 * check reached the missing pages. Its header says how long it must be (page size × page count, kept valid by every
 * SQLite since 3.7.0 when bytes 92 and 24 agree): a file shorter than that lost its end. Read from 100 bytes, at once.
 */
export function cutShortProblem(file: string, sizeBytes: number): string | null {
  if (sizeBytes < 100) return null; // not a database at all: the opening says so
  const head = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1', 0, 16) !== 'SQLite format 3\0') return null;
  if (head.readUInt32BE(92) !== head.readUInt32BE(24)) return null; // page count not kept by the writer
  const pageSize = head.readUInt16BE(16) === 1 ? 65536 : head.readUInt16BE(16);
  const expected = pageSize * head.readUInt32BE(28);
  if (sizeBytes >= expected) return null;
  const percent = Math.floor((sizeBytes / expected) * 100);
  return `备份文件不完整（只有应有大小的 ${percent}%，可能是备份时磁盘已满或U盘被拔出），不能用于恢复`;
}

/** Full check of a backup before it replaces the ledger: readable, not from a newer version, intact. */
export function checkBackupFile(file: string, mode: 'quick' | 'full' = 'full'): string | null {
  try {
    const sizeBytes = statSync(file).size;
    if (sizeBytes === 0) return EMPTY_BACKUP;
    const cut = cutShortProblem(file, sizeBytes);
    if (cut) return cut;
  } catch (e) {
    return `备份文件无法读取（${faultReasonCn(e)}）`;
  }
  try {
    assertNotFromFuture(file);
  } catch (e) {
    return (e as Error).message;
  }
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const r = db.pragma(mode === 'full' ? 'integrity_check' : 'quick_check', { simple: true });
    if (r !== 'ok') return `备份文件已损坏（${INTEGRITY_FAILED}）`;
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) return `备份文件中有 ${fk.length} 处关联记录不一致`;
    return checkCarriedAttachments(db, mode);
  } catch (e) {
    return `备份文件无法读取（${faultReasonCn(e)}）`;
  } finally {
    db?.close();
  }
}

export function describeBackup(dir: string, name: string, check: 'none' | 'quick' | 'full' = 'none'): BackupInfo {
  const file = join(dir, name);
  const sizeBytes = statSync(file).size;
  const base = {
    name,
    at: backupTime(name, file).toISOString(),
    reason: backupReason(name),
    sizeBytes,
  };
  const empty = {
    operator: null,
    lastChangeAt: null,
    projects: null,
    reports: null,
    totalInvestmentFen: null,
    anchor: null,
    town: null,
  };
  if (sizeBytes === 0) return { ...base, ok: false, state: '空文件', problem: EMPTY_BACKUP, ...empty };
  let problem: string | null;
  if (check !== 'none') problem = checkBackupFile(file, check);
  else {
    try {
      problem = cutShortProblem(file, sizeBytes);
      if (!problem) assertNotFromFuture(file);
    } catch (e) {
      problem = (e as Error).message;
    }
  }
  if (problem) return { ...base, ok: false, state: '不可用', problem, ...empty };
  try {
    const db = openDatabase(file, { readonly: true, mustExist: true });
    try {
      return {
        ...base,
        ok: true,
        state: '完好',
        problem: null,
        ...backupSummary(db),
        anchor: anchorText(db.sqlite),
        town: townIn(db.sqlite),
      };
    } finally {
      db.close();
    }
  } catch (e) {
    return { ...base, ok: false, state: '不可用', problem: `备份文件无法读取（${faultReasonCn(e)}）`, ...empty };
  }
}

/** describeBackup, held against the ledger of `ledgerTown` (null: not known): another town's is no backup of it. */
export function describeBackupFor(info: BackupInfo, ledgerTown: string | null): BackupInfo {
  const other = info.ok ? townProblem(info.town, ledgerTown) : null;
  return other ? { ...info, ok: false, ...other } : info;
}

/** Newest first; held against the ledger of `ledgerTown` when it is known (describeBackupFor). */
export function listBackupInfos(
  dir: string,
  check: 'none' | 'quick' | 'full' = 'none',
  ledgerTown: string | null = null,
): BackupInfo[] {
  return backupNames(dir)
    .map((n) => describeBackupFor(describeBackup(dir, n, check), ledgerTown))
    .sort((a, b) => b.at.localeCompare(a.at) || b.name.localeCompare(a.name));
}

/** The newest backup that passes the quick check and, when `ledgerTown` is known, is that town's. */
export function newestGoodBackup(dir: string, ledgerTown: string | null = null): string | null {
  const newestFirst = backupNames(dir).sort(
    (a, b) => backupTime(b, join(dir, b)).getTime() - backupTime(a, join(dir, a)).getTime(),
  );
  return (
    newestFirst.find(
      (n) =>
        checkBackupFile(join(dir, n), 'quick') === null && townProblem(townOfFile(join(dir, n)), ledgerTown) === null,
    ) ?? null
  );
}

/** Deletes backups outside the retention policy; returns the names removed. */
export function pruneBackups(dir: string, now: Date, protect: readonly string[]): string[] {
  const items = backupNames(dir).map((name) => ({ name, at: backupTime(name, join(dir, name)) }));
  const keep = backupsToKeep(items, now, protect);
  const removed = items.filter((i) => !keep.has(i.name)).map((i) => i.name);
  for (const n of removed) rmSync(join(dir, n), { force: true });
  return removed;
}
