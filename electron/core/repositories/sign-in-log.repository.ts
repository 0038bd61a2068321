/** The 登录记录 table (migration 0016): appended by the sign-in service, read back newest first. */
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { insertRow } from '../db/connection.ts';

export interface SignInLogRow {
  id: number;
  at: string;
  operator_id: number | null;
  operator: string;
  event: string;
  failed_count: number | null;
  locked_until: string | null;
  last_active_at: string | null;
  shell: string;
}

export function insertSignIn(db: Db, row: Omit<SignInLogRow, 'id'>): number {
  return insertRow(db, 'sign_in_log', row);
}

export interface SignInFilter {
  operator?: string | null;
  /** UTC ISO bounds: at >= fromAt and at < toAt. */
  fromAt?: string | null;
  toAt?: string | null;
  limit: number;
  offset: number;
}

export function querySignIns(db: Db, f: SignInFilter): { total: number; rows: SignInLogRow[] } {
  let q = db.q.selectFrom('sign_in_log');
  if (f.operator) q = q.where('operator', '=', f.operator);
  if (f.fromAt) q = q.where('at', '>=', f.fromAt);
  if (f.toAt) q = q.where('at', '<', f.toAt);
  const total = db.first(q.select(sql<number>`count(*)`.as('n')))?.n ?? 0;
  // Newest first; id breaks ties of one instant (a lock is written right after the wrong password that caused it).
  const rows = db.all(q.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset));
  return { total, rows };
}

export function signInOperators(db: Db): string[] {
  return db
    .all(db.q.selectFrom('sign_in_log').select('operator').distinct().orderBy('operator'))
    .map((r) => r.operator);
}

/** Every row, oldest first (a restore carries them into the restored copy: sign-in-carry.ts). */
export function allSignIns(db: Db): Omit<SignInLogRow, 'id'>[] {
  return db.all(
    db.q
      .selectFrom('sign_in_log')
      .select(['at', 'operator_id', 'operator', 'event', 'failed_count', 'locked_until', 'last_active_at', 'shell'])
      .orderBy('at')
      .orderBy('id'),
  );
}

/** The newest row's time (null: none), which a restore carries the replaced ledger's rows after. */
export function newestSignInAt(db: Db): string | null {
  return db.first(db.q.selectFrom('sign_in_log').select(sql<string | null>`max(at)`.as('at')))?.at ?? null;
}
