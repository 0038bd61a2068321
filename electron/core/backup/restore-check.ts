/**
 * Whether a file may replace the ledger: beyond being an intact SQLite file of a version this program reads
 * (checkBackupFile), it must be a ledger of this program, of this town, that someone can manage once restored, and
 * whose rows still match the seals it was copied with. A restore seals every row anew under the ledger's key, so a
 * backup changed with a SQLite tool would otherwise come back as if the app had written it (docs/audit.md).
 */
import Database from 'better-sqlite3';
import { carriedAnchor, verifySeals } from '../audit/row-seal.ts';
import { appliedMigrations } from '../db/schema-version.ts';
import { checkBackupFile } from './backup-files.ts';
import { townIn, townProblem } from './backup-town.ts';

/** The migration that gave every row a seal: a backup that went through it must carry its anchor and match it. */
const SEALED_SINCE = '0004_row_seals';

/** The ledger a backup would replace: its town (null: none yet) and whether its operators sign in (an active 管理员). */
export interface RestoreTarget {
  town: string | null;
  signsIn: boolean;
}

/**
 * Null when `file` may be restored over `target` (null: not known yet — the CLI checks before it opens the ledger,
 * and the restore itself checks again), else why not.
 */
export function restoreProblem(file: string, target: RestoreTarget | null): string | null {
  const currentTown = target?.town ?? null;
  const basic = checkBackupFile(file, 'full');
  if (basic) return basic;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
    if (!['schema_migration', 'project', 'operator', 'setting'].every((t) => tables.has(t)))
      return '不是本软件的台账（文件中没有台账的数据表），可能是空文件或其他软件的数据库';
    const other = townProblem(townIn(db), currentTown);
    if (other) return other.problem;
    // A ledger whose operators sign in would be left open to anyone (the first-run setup makes whoever comes first
    // its 管理员); a ledger without sign-in restores one without, as it was.
    const admin = db.prepare(`SELECT 1 FROM operator WHERE role = '管理员' AND active = 1 LIMIT 1`).get();
    if (target?.signsIn && !admin)
      return '当前台账设有管理员，而备份中没有可用的管理员：恢复后任何人都能进入并修改台账';
    if (appliedMigrations(db).includes(SEALED_SINCE)) {
      if (carriedAnchor(db).kind !== 'ok') return '备份中没有防篡改锚点（或已损坏），无法证明它没有在程序之外被改动过';
      const seals = verifySeals(db, file);
      if (!seals.ok) return `备份在程序之外被改动过：${seals.message}`;
    }
    return null;
  } finally {
    db.close();
  }
}
