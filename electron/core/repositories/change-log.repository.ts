/** Reads the change log (修改记录) with filters; writing stays in audit/change-log.ts. */
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

export interface HistoryFilter {
  projectId?: number | null;
  operator?: string | null;
  /** UTC ISO bounds: at >= fromAt and at < toAt. */
  fromAt?: string | null;
  toAt?: string | null;
  entity?: string | null;
  limit: number;
  offset: number;
}

export function queryChanges(db: Db, f: HistoryFilter) {
  let q = db.q.selectFrom('change_log as c').leftJoin('project as p', 'p.id', 'c.project_id');
  if (f.projectId) q = q.where('c.project_id', '=', f.projectId);
  if (f.operator) q = q.where('c.operator', '=', f.operator);
  if (f.fromAt) q = q.where('c.at', '>=', f.fromAt);
  if (f.toAt) q = q.where('c.at', '<', f.toAt);
  if (f.entity) q = q.where('c.entity', '=', f.entity);
  const total = db.first(q.select(sql<number>`count(*)`.as('n')))?.n ?? 0;
  const rows = db.all(
    q
      .select([
        'c.id',
        'c.at',
        'c.operator',
        'c.action',
        'c.entity',
        'c.entity_id',
        'c.project_id',
        'c.field',
        'c.old_value',
        'c.new_value',
        'c.reason',
        'p.name as project_name',
      ])
      .orderBy('c.id', 'desc')
      .limit(f.limit)
      .offset(f.offset),
  );
  return { total, rows };
}

export function changeOperators(db: Db): string[] {
  return db.all(db.q.selectFrom('change_log').select('operator').distinct().orderBy('operator')).map((r) => r.operator);
}

/** The head of the change log's hash chain: how many rows it has and the last row's hash (null: an empty log). */
export function chainHead(db: Db): { rows: number; hash: string | null } {
  const rows = db.first(db.q.selectFrom('change_log').select(sql<number>`count(*)`.as('n')))?.n ?? 0;
  const last = db.first(db.q.selectFrom('change_log').select('hash').orderBy('id', 'desc').limit(1));
  return { rows, hash: last?.hash ?? null };
}

/**
 * The latest time written into the ledger's records (修改记录 and 登录记录; both indexed on at), whatever the order
 * they were written in: null for a ledger with none.
 */
export function latestRecordedAt(db: Db): string | null {
  return (
    (db.sqlite
      .prepare('SELECT max(at) FROM (SELECT max(at) AS at FROM change_log UNION ALL SELECT max(at) FROM sign_in_log)')
      .pluck()
      .get() as string | null) ?? null
  );
}
