/**
 * Forward-only migrations: each pending migration runs in its own transaction together with the row
 * that records it, so a failure leaves neither schema nor record behind. A database written by a newer
 * version is refused before anything touches it; an online backup is taken before migrating a
 * database that already holds data.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { onlineBackupVerified, stamp } from '../backup/online-backup.ts';
import { AppError } from '../errors.ts';
import type { SqliteDb } from './connection.ts';
import { ledgerFault } from './ledger-file.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

export interface MigrateResult {
  applied: string[];
  backupFile: string | null;
}

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migration (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT`;

export function appliedMigrations(sqlite: SqliteDb): string[] {
  const exists = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migration'`).get();
  if (!exists) return [];
  return (sqlite.prepare(`SELECT name FROM schema_migration ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
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
      throw new AppError('DB_DAMAGED', `数据库文件“${basename(file)}”已损坏或不是本软件的数据库：${(e as Error).message}`);
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

export async function migrate(
  sqlite: SqliteDb,
  file: string,
  opts: { now?: () => Date; migrations?: readonly Migration[]; backupDir?: string } = {},
): Promise<MigrateResult> {
  const migrations = opts.migrations ?? MIGRATIONS;
  const now = opts.now ?? (() => new Date());
  const applied = new Set(appliedMigrations(sqlite));
  const pending = migrations.filter((m) => !applied.has(m.name));
  if (pending.length === 0) return { applied: [], backupFile: null };

  let backupFile: string | null = null;
  const hasData = applied.size > 0;
  if (hasData && file !== ':memory:') {
    const dir = opts.backupDir ?? join(dirname(file), 'backups');
    backupFile = join(dir, `${basename(file).replace(/\.db$/, '')}-${stamp(now())}-迁移前-${pending[0]!.name}.db`);
    await onlineBackupVerified(sqlite, backupFile);
  }

  sqlite.exec(LEDGER);
  const record = sqlite.prepare(`INSERT INTO schema_migration (name, applied_at) VALUES (?, ?)`);
  const done: string[] = [];
  for (const m of pending) {
    const index = migrations.indexOf(m) + 1;
    sqlite.transaction(() => {
      m.up(sqlite);
      record.run(m.name, now().toISOString());
      sqlite.pragma(`user_version = ${index}`);
    }).immediate();
    done.push(m.name);
  }
  return { applied: done, backupFile };
}
