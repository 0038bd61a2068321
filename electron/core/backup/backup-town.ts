/**
 * Whose ledger a backup is: the town its 设置 names. Another town's backup (虞乡镇's file copied into this town's
 * backups folder, or brought on a U盘) is an intact file, yet not a backup of this ledger: the lists say whose it is,
 * and no restore puts it in place of this town's ledger — the 数据安全 page, the CLI and the recovery screen alike
 * (restore-check.ts; the recovery screen finds its ledger's town in recovery.ts).
 */
import Database from 'better-sqlite3';
import type { BackupState } from '../../../shared/schemas/safety.ts';
import type { SqliteDb } from '../db/connection.ts';
import { townSetting } from '../repositories/backup.repository.ts';

/** The town named in a ledger or backup open on `sqlite`; null where it names none (or has no 设置 at all). */
export function townIn(sqlite: SqliteDb | Database.Database): string | null {
  try {
    const town = townSetting(sqlite);
    return typeof town === 'string' && town ? town : null;
  } catch {
    return null;
  }
}

/** townIn of a file, read-only; null when the file cannot be read (damaged, empty, not a ledger). */
export function townOfFile(file: string): string | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 1000 });
    return townIn(db);
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/**
 * Why a backup of `backupTown` may not replace the ledger of `ledgerTown` (null: that ledger's town is not known, so
 * nothing is said), and the verdict the lists show for it.
 */
export function townProblem(
  backupTown: string | null,
  ledgerTown: string | null,
): { state: BackupState; problem: string } | null {
  if (!ledgerTown || backupTown === ledgerTown) return null;
  if (!backupTown)
    return {
      state: '不可用',
      problem: `备份中没有乡镇名称（不是一份已启用的台账），不能用它替换“${ledgerTown}”的台账`,
    };
  return {
    state: '其他乡镇',
    problem: `这是“${backupTown}”的台账，当前台账是“${ledgerTown}”：不能用别的乡镇的备份替换本镇台账`,
  };
}
