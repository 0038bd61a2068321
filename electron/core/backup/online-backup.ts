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
  await source.backup(tmp);
  const check = new Database(tmp, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new AppError('INTERNAL', `备份文件校验失败：${String(result)}`);
  } finally {
    check.close();
  }
  renameSync(tmp, dest);
}

/** File-name-safe local timestamp, e.g. 20260922-143015. */
export function stamp(now: Date): string {
  const p = (n: number) => n.toString().padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}
