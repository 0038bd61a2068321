/**
 * SQLite online backup (never a plain file copy of a live WAL database), read back after writing and fully
 * checked off the main thread.
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SqliteDb } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import { checkpoint, progress } from '../progress.ts';
import { verifyInBackground } from './verify-in-background.ts';

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
  const tmp = `${dest}.partial`;
  rmSync(tmp, { force: true });
  // After the first step, copy the rest in twenty steps (progress and a chance to cancel between them): a write
  // from another connection restarts a backup, and with tiny steps a busy writer could starve it forever.
  // WAL readers never block writers. A cancelled copy is deleted: no partial file stays behind.
  let totalPages: number;
  try {
    checkpoint();
    ({ totalPages } = await source.backup(tmp, {
      progress: ({ totalPages: total, remainingPages }) => {
        progress('复制数据库', (90 * (total - remainingPages)) / Math.max(1, total));
        // Throwing here closes the backup and rejects it (better-sqlite3's runBackup).
        checkpoint();
        return Math.max(100, Math.ceil(total / 20));
      },
    }));
    checkpoint();
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  progress('校验备份文件', 92);
  const check = new Database(tmp, { fileMustExist: true });
  try {
    // A backup is a single self-contained file: no -wal/-shm beside it, readable read-only anywhere.
    check.pragma('journal_mode = DELETE');
    const pages = check.pragma('page_count', { simple: true });
    if (pages !== totalPages) throw new AppError('INTERNAL', `备份文件校验失败：应有 ${totalPages} 页，实际 ${String(pages)} 页`);
    check.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (e) {
    check.close();
    rmSync(tmp, { force: true });
    throw e instanceof AppError ? e : new AppError('INTERNAL', `备份文件校验失败：${(e as Error).message}`);
  }
  check.close();
  renameSync(tmp, dest);
  return { verified: verifyInBackground(dest) };
}

/** A backup the caller waits for until it is fully checked; a damaged copy is deleted and reported. */
export async function onlineBackupVerified(source: SqliteDb, dest: string): Promise<void> {
  const problem = await (await onlineBackup(source, dest)).verified;
  if (problem) {
    rmSync(dest, { force: true });
    throw new AppError('INTERNAL', `备份文件校验失败：${problem}`);
  }
}

/** File-name-safe local timestamp, e.g. 20260922-143015. */
export function stamp(now: Date): string {
  const p = (n: number) => n.toString().padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}
