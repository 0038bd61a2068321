/**
 * Start-up checks before anything is written: the file's structure (quick_check) and its links
 * (foreign_key_check). A damaged ledger is refused with DB_DAMAGED naming the newest good backup, so the
 * app opens its recovery screen instead of crashing later in the middle of someone's work.
 */
import { basename } from 'node:path';
import { newestGoodBackup } from '../backup/backup-files.ts';
import { townIn } from '../backup/backup-town.ts';
import { AppError } from '../errors.ts';
import type { SqliteDb } from './connection.ts';
import { faultReasonCn, INTEGRITY_FAILED, ledgerFault } from './ledger-file.ts';

export interface DbHealth {
  integrity: string;
  foreignKeyProblems: number;
}

export function checkHealth(sqlite: SqliteDb, mode: 'quick' | 'full' = 'quick'): DbHealth {
  const rows = sqlite.pragma(mode === 'full' ? 'integrity_check' : 'quick_check') as Record<string, string>[];
  const integrity = rows.map((r) => Object.values(r)[0]).join('；');
  const foreignKeyProblems = (sqlite.pragma('foreign_key_check') as unknown[]).length;
  return { integrity, foreignKeyProblems };
}

export function assertHealthy(sqlite: SqliteDb, file: string, backupsDir: string): void {
  let health: DbHealth;
  // Named in Chinese: what SQLite says of a damaged page (the check's rows, or its error) is English.
  let damage: string = INTEGRITY_FAILED;
  try {
    health = checkHealth(sqlite);
  } catch (e) {
    // A lock or a read error while checking is not damage: it is named as what it is.
    const fault = ledgerFault(e, file);
    if (fault.code !== 'DB_DAMAGED') throw fault;
    health = { integrity: (e as Error).message, foreignKeyProblems: 0 };
    damage = faultReasonCn(e);
  }
  if (health.integrity === 'ok' && health.foreignKeyProblems === 0) return;
  const what = health.integrity !== 'ok' ? `已损坏（${damage}）` : `有 ${health.foreignKeyProblems} 处关联记录不一致`;
  // Never another town's backup that was dropped into the folder (the damaged ledger may still name its town).
  const good = newestGoodBackup(backupsDir, townIn(sqlite));
  const advice = good
    ? `最近一份完好的备份是“${good}”，可以从它恢复。`
    : '没有找到完好的备份，请联系技术支持，不要删除该文件。';
  throw new AppError('DB_DAMAGED', `数据库文件“${basename(file)}”${what}。${advice}`);
}
