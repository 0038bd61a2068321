/** What a backup file holds, for the list and the restore preview (read from the file, read-only). */
import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db, SqliteDb } from '../db/connection.ts';
import { TOWN_SETTING_KEYS } from '../../../shared/schemas/town-settings.ts';

/** Top-level projects, as in stats:summary (sub-projects are part of their parent's total). */
export interface BackupSummary {
  operator: string | null;
  lastChangeAt: string | null;
  projects: number;
  reports: number;
  totalInvestmentFen: number;
}

export function backupSummary(db: Db): BackupSummary {
  const last = db.first(db.q.selectFrom('change_log').select(['operator', 'at']).orderBy('id', 'desc').limit(1));
  const projects = db.first(
    db.q
      .selectFrom('project')
      .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(total_fen), 0)`.as('fen')])
      .where('deleted_at', 'is', null)
      .where('parent_id', 'is', null),
  )!;
  const reports = db.first(db.q.selectFrom('progress').select(sql<number>`count(*)`.as('n')))!;
  return {
    operator: last?.operator ?? null,
    lastChangeAt: last?.at ?? null,
    projects: projects.n,
    reports: reports.n,
    totalInvestmentFen: projects.fen,
  };
}

export function hasAnyChange(db: Db): boolean {
  return db.first(db.q.selectFrom('change_log').select('id').limit(1)) !== undefined;
}

/** The last change-log row's id (0 when there is none): moves with every write the app commits. */
export function lastChangeId(db: Db): number {
  return db.first(db.q.selectFrom('change_log').select('id').orderBy('id', 'desc').limit(1))?.id ?? 0;
}

/**
 * The town named in the 设置 of a ledger or backup open on `sqlite` (a raw handle: the lists, the restore's check and
 * the recovery screen open backups and damaged ledgers without the app's connection); throws where there is no 设置.
 */
export function townSetting(sqlite: SqliteDb | Database.Database): unknown {
  return sqlite.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(TOWN_SETTING_KEYS.townName);
}
