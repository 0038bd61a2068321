/**
 * What a ledger file's schema says about it, read without writing: which migrations it has, and whether a newer
 * build made it. Apart from migrate.ts because the backup checks need it too, and migrate.ts imports the backup
 * that runs before a migration — one module holding both closed an import circle.
 */
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../errors.ts';
import type { SqliteDb } from './connection.ts';
import { faultReasonCn, ledgerFault } from './ledger-file.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

export function appliedMigrations(sqlite: SqliteDb): string[] {
  const exists = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migration'`).get();
  if (!exists) return [];
  return (sqlite.prepare(`SELECT name FROM schema_migration ORDER BY name`).all() as { name: string }[]).map(
    (r) => r.name,
  );
}

/** Refuses, without writing anything, a file that a newer build has migrated. Checked read-only. */
export function assertNotFromFuture(file: string, migrations: readonly Migration[] = MIGRATIONS): void {
  if (file === ':memory:' || !existsSync(file) || statSync(file).size === 0) return;
  let ro: SqliteDb;
  try {
    ro = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw ledgerFault(e, file);
  }
  try {
    const known = new Set(migrations.map((m) => m.name));
    let applied: string[];
    let userVersion: number;
    try {
      applied = appliedMigrations(ro);
      userVersion = ro.pragma('user_version', { simple: true }) as number;
    } catch (e) {
      const fault = ledgerFault(e, file);
      if (fault.code !== 'DB_DAMAGED') throw fault;
      throw new AppError(
        'DB_DAMAGED',
        `数据库文件“${basename(file)}”已损坏或不是本软件的数据库（${faultReasonCn(e)}）`,
      );
    }
    const unknown = applied.filter((n) => !known.has(n));
    if (unknown.length > 0 || userVersion > migrations.length) {
      throw new AppError(
        'DB_FROM_FUTURE',
        `数据库“${basename(file)}”由更新版本的本软件创建（含本版本不认识的结构：${unknown.join('、') || `版本 ${userVersion}`}）。为保护数据，本版本不会打开或修改它，请安装最新版本后再打开。`,
      );
    }
  } finally {
    ro.close();
  }
}
