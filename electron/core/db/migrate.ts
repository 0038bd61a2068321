/**
 * Forward-only migrations: each pending migration runs in its own transaction together with the row
 * that records it, so a failure leaves neither schema nor record behind. A database written by a newer
 * version is refused before anything touches it; an online backup is taken before migrating a
 * database that already holds data.
 */
import { basename, dirname, join } from 'node:path';
import { onlineBackupVerified } from '../backup/online-backup.ts';
import { stamp } from '../backup/stamp.ts';
import type { SqliteDb } from './connection.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';
import { appliedMigrations } from './schema-version.ts';

export interface MigrateResult {
  applied: string[];
  backupFile: string | null;
}

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migration (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT`;

export async function migrate(
  sqlite: SqliteDb,
  file: string,
  opts: {
    now?: () => Date;
    migrations?: readonly Migration[];
    backupDir?: string;
    /** Called once a ledger that holds data is found to need migrations, before anything is written (seal-startup.ts). */
    beforeUpgrade?: () => void;
  } = {},
): Promise<MigrateResult> {
  const migrations = opts.migrations ?? MIGRATIONS;
  const now = opts.now ?? (() => new Date());
  const applied = new Set(appliedMigrations(sqlite));
  const pending = migrations.filter((m) => !applied.has(m.name));
  if (pending.length === 0) return { applied: [], backupFile: null };

  let backupFile: string | null = null;
  const hasData = applied.size > 0;
  if (hasData) opts.beforeUpgrade?.();
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
    sqlite
      .transaction(() => {
        m.up(sqlite);
        record.run(m.name, now().toISOString());
        sqlite.pragma(`user_version = ${index}`);
      })
      .immediate();
    done.push(m.name);
  }
  return { applied: done, backupFile };
}
