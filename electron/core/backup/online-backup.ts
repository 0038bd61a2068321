/**
 * SQLite online backup (never a plain file copy of a live WAL database), verified after writing.
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SqliteDb } from '../db/connection.ts';
import { AppError } from '../errors.ts';

export async function onlineBackup(source: SqliteDb, dest: string): Promise<void> {
  mkdirSync(dirname(dest), { recursive: true });
  const tmp = `${dest}.partial`;
  rmSync(tmp, { force: true });
  // After the first step, copy the rest in one step: a write from another connection restarts a backup,
  // and with small steps a busy writer could starve it forever. WAL readers never block writers.
  await source.backup(tmp, { progress: () => 0x7fffffff });
  const check = new Database(tmp, { fileMustExist: true });
  try {
    // A backup is a single self-contained file: no -wal/-shm beside it, readable read-only anywhere.
    check.pragma('journal_mode = DELETE');
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new AppError('INTERNAL', `备份文件校验失败：${String(result)}`);
  } catch (e) {
    check.close();
    rmSync(tmp, { force: true });
    throw e;
  }
  check.close();
  renameSync(tmp, dest);
}

/** File-name-safe local timestamp, e.g. 20260922-143015. */
export function stamp(now: Date): string {
  const p = (n: number) => n.toString().padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}
