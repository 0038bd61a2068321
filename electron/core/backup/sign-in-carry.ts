/**
 * A restore brings back the ledger's data as it was, not who used the program since: the 登录记录 of the ledger it
 * replaces — the sign-ins, wrong passwords and locks after the backup was taken, and the restoring 管理员's own
 * sign-in — is carried into the restored copy, so that an auditor reading 登录记录 after a restore still sees every
 * sign-in up to it (before, they were only in the 恢复前 backup). Rows are carried after the copy's own newest row:
 * a backup of this ledger holds a beginning of the same record, and its rows are not written twice.
 */
import type { SqliteDb } from '../db/connection.ts';
import type { SignInLogRow } from '../repositories/sign-in-log.repository.ts';

export type CarriedSignIn = Omit<SignInLogRow, 'id'>;

/** Into the staged copy, brought to this version's schema and not yet sealed (restore-swap.ts finishCopy). */
export function carrySignIns(copy: SqliteDb, rows: readonly CarriedSignIn[]): number {
  const newest = copy.prepare('SELECT max(at) FROM sign_in_log').pluck().get() as string | null;
  const later = newest === null ? rows : rows.filter((r) => r.at > newest);
  const insert = copy.prepare(`INSERT INTO sign_in_log
    (at, operator_id, operator, event, failed_count, locked_until, last_active_at, shell)
    VALUES (@at, @operator_id, @operator, @event, @failed_count, @locked_until, @last_active_at, @shell)`);
  copy.transaction(() => {
    for (const r of later) insert.run(r);
  })();
  return later.length;
}
