/**
 * SQLite online backup (never a plain file copy of a live WAL database), read back after writing and fully
 * checked off the main thread.
 */
import { existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { carryAnchor, carryAnchorFile, sealKeyOf } from '../audit/row-seal.ts';
import type { SqliteDb } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import { includeAttachments } from './backup-attachments.ts';
import { checkpoint, inBand, progress, stage } from '../progress.ts';
import { attachmentRefs } from '../repositories/backup-attachment.repository.ts';
import { verifyInBackground } from './verify-in-background.ts';
import { faultReasonCn } from '../db/ledger-file.ts';

export interface CopiedBackup {
  /** Settles when the full check of the copy is done: null when intact, else the problem. Never rejects. */
  verified: Promise<string | null>;
}

/**
 * Copies the live database page by page and reads the copy back (header, page count, schema) before it
 * takes its final name; the full integrity check of the copy then runs in a worker (see verify-in-background).
 */
export async function onlineBackup(source: SqliteDb, dest: string): Promise<CopiedBackup> {
  mkdirSync(dirname(dest), { recursive: true });
  // The leftovers of a copy into this folder that was cut off (U盘 pulled, process killed) go before the next one: a
  // start clears only the backups folder beside the ledger, and a U盘 folder kept its half copies for ever.
  clearDeadCopies(dirname(dest));
  // Unique per copy: two backups taken in the same second (a daily one and a click, the app and the CLI)
  // would otherwise write into each other's temp file. The pid lets a later start tell a dead copy's leftover.
  const tmp = partialPath(dest);
  try {
    // After the first step, copy the rest in twenty steps (progress and a chance to cancel between them): a write
    // from another connection restarts a backup, and with tiny steps a busy writer could starve it forever.
    // WAL readers never block writers. A cancelled copy is deleted below: no partial file stays behind.
    checkpoint();
    // A ledger of 现场照片 spends most of its backup copying them (includeAttachments): the bar gives them the larger part.
    const copiedAt = attachmentRefs(source).length > 0 ? 40 : 90;
    const { totalPages } = await source.backup(tmp, {
      progress: ({ totalPages: total, remainingPages }) => {
        progress('复制数据库', (copiedAt * (total - remainingPages)) / Math.max(1, total));
        // Throwing here closes the backup and rejects it (better-sqlite3's runBackup).
        checkpoint();
        return Math.max(100, Math.ceil(total / 20));
      },
    });
    checkpoint();
    progress('校验备份文件', copiedAt + 2);
    const check = new Database(tmp, { fileMustExist: true });
    try {
      // A backup is a single self-contained file: no -wal/-shm beside it, readable read-only anywhere.
      check.pragma('journal_mode = DELETE');
      const pages = check.pragma('page_count', { simple: true });
      if (pages !== totalPages)
        throw new AppError('INTERNAL', `备份文件校验失败：应有 ${totalPages} 页，实际 ${String(pages)} 页`);
      check.prepare('SELECT count(*) FROM sqlite_schema').get();
      await inBand(copiedAt + 2, 99, () => includeAttachments(check, source.name));
      const key = sealKeyOf(source);
      if (key) carryAnchor(check, key, new Date());
      // not sealed yet (the 迁移前 copy): the ledger's anchor file as it stands
      else if (source.name !== ':memory:') carryAnchorFile(check, source.name);
    } catch (e) {
      throw e instanceof AppError ? e : new AppError('INTERNAL', `备份文件校验失败（${faultReasonCn(e)}）`);
    } finally {
      check.close();
    }
    // The last moment a 取消 can still keep nothing: once the copy has its name it is a backup like any other.
    checkpoint();
    renameNoClobber(tmp, dest);
  } finally {
    // Whatever went wrong (disk full mid-copy, a failed check), no half copy stays behind.
    for (const f of [tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  }
  return { verified: verifyInBackground(dest) };
}

let partialSeq = 0;
const PARTIAL = /\.(\d+)-\d+\.partial$/;

function partialPath(dest: string): string {
  return `${dest}.${process.pid}-${++partialSeq}.partial`;
}

/**
 * Removes unfinished copies left in `dir` by a process that is gone (killed mid-backup). Copies of a live
 * process — this one's or another's, e.g. the CLI backing up right now — are left alone.
 */
export function removeStalePartials(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const m = PARTIAL.exec(name.replace(/-(journal|wal|shm)$/, ''));
    const legacy = name.endsWith('.db.partial');
    if (!m && !legacy) continue;
    if (m && processAlive(Number(m[1]))) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** removeStalePartials, best effort: a folder that cannot be listed is reported by the copy itself. */
function clearDeadCopies(dir: string): void {
  try {
    removeStalePartials(dir);
  } catch {
    // the copy that follows says what is wrong with the folder
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The finished copy takes its name only if no other backup has it: a hard link fails on an existing name
 * where a rename would silently replace it. Volumes without hard links (FAT32 U盘) fall back to a checked rename.
 */
function renameNoClobber(tmp: string, dest: string): void {
  try {
    linkSync(tmp, dest);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new AppError('CONFLICT', `备份文件“${basename(dest)}”已存在，未覆盖，请稍后重试`);
    if (existsSync(dest)) throw new AppError('CONFLICT', `备份文件“${basename(dest)}”已存在，未覆盖，请稍后重试`);
    renameSync(tmp, dest);
    return;
  }
  rmSync(tmp, { force: true });
}

/** A backup the caller waits for until it is fully checked; a damaged copy is deleted and reported. */
export async function onlineBackupVerified(source: SqliteDb, dest: string): Promise<void> {
  const copied = await onlineBackup(source, dest);
  // On a slow U盘 the full check is the longest part: the clerk reads what is being done, and a 取消 heard during it
  // keeps no copy either (heard once the check is over: a file the checking worker holds open cannot be deleted on
  // Windows). It was ignored there, and the copy kept against the clerk's word.
  stage('全面校验备份文件');
  const problem = await copied.verified;
  try {
    if (problem) throw new AppError('INTERNAL', `备份文件校验失败：${problem}`);
    checkpoint();
  } catch (e) {
    rmSync(dest, { force: true });
    throw e;
  }
}
