/**
 * A restore brings back the ledger's data as it was, not who used the program since: the 登录记录 of the ledger it
 * replaces — the sign-ins, wrong passwords and locks after the backup was taken, and the restoring 管理员's own
 * sign-in — is carried into the restored copy, so that an auditor reading 登录记录 after a restore still sees every
 * sign-in up to it (before, they were only in the 恢复前 backup). Rows are carried after the copy's own newest row:
 * a backup of this ledger holds a beginning of the same record, and its rows are not written twice.
 */
import type { Db } from '../db/connection.ts';
import { insertSignIn, newestSignInAt, type SignInLogRow } from '../repositories/sign-in-log.repository.ts';

export type CarriedSignIn = Omit<SignInLogRow, 'id'>;

/** Into the staged copy, brought to this version's schema and not yet sealed (restore-swap.ts finishCopy). */
export function carrySignIns(copy: Db, rows: readonly CarriedSignIn[]): number {
  const newest = newestSignInAt(copy);
  const later = newest === null ? rows : rows.filter((r) => r.at > newest);
  copy.tx(() => {
    for (const r of later) insertSignIn(copy, r);
  });
  return later.length;
}
