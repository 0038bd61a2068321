/** All SQL for period close (关账) and its frozen snapshot. */
import type { Selectable } from 'kysely';
import { cachedStatement, type Db } from '../db/connection.ts';
import type { PeriodCloseTable } from '../db/schema.ts';

export type PeriodCloseRow = Selectable<PeriodCloseTable>;

/** project_id 0 holds the period-level part of the snapshot (asOf, 序时, project order, the 预警规则 in force). */
export const SNAPSHOT_META_ID = 0;

export function findPeriodClose(db: Db, period: string): PeriodCloseRow | undefined {
  return db.first(db.q.selectFrom('period_close').selectAll().where('period', '=', period));
}

/** The first closed month after `period`, if any. */
export function firstClosedAfter(db: Db, period: string): string | undefined {
  return (
    (cachedStatement(db, `SELECT min(period) FROM period_close WHERE closed = 1 AND period > ?`).pluck().get(period) as
      | string
      | null) ?? undefined
  );
}

export function listPeriodCloses(db: Db): PeriodCloseRow[] {
  return db.all(db.q.selectFrom('period_close').selectAll().orderBy('period', 'desc'));
}

export function reportedPeriods(db: Db): string[] {
  return db.all(db.q.selectFrom('progress').select('period').distinct().orderBy('period', 'desc')).map((r) => r.period);
}

export function upsertClosed(db: Db, period: string, by: string, at: string): void {
  db.run(
    db.q
      .insertInto('period_close')
      .values({ period, closed: 1, closed_at: at, closed_by: by })
      .onConflict((oc) => oc.column('period').doUpdateSet({ closed: 1, closed_at: at, closed_by: by })),
  );
}

export function markReopened(db: Db, period: string, by: string, reason: string, at: string): void {
  db.run(
    db.q
      .updateTable('period_close')
      .set({ closed: 0, reopened_at: at, reopened_by: by, reopen_reason: reason })
      .where('period', '=', period),
  );
}

export function replaceSnapshot(db: Db, period: string, rows: { projectId: number; data: string }[]): void {
  db.run(db.q.deleteFrom('period_snapshot').where('period', '=', period));
  for (const r of rows)
    db.run(db.q.insertInto('period_snapshot').values({ period, project_id: r.projectId, data: r.data }));
}

export function deleteSnapshot(db: Db, period: string): void {
  db.run(db.q.deleteFrom('period_snapshot').where('period', '=', period));
}

/** The period-level row of a month's snapshot (SNAPSHOT_META_ID), its JSON as stored; undefined without a snapshot. */
export function snapshotMetaData(db: Db, period: string): string | undefined {
  return db.first(
    db.q
      .selectFrom('period_snapshot')
      .select('data')
      .where('period', '=', period)
      .where('project_id', '=', SNAPSHOT_META_ID),
  )?.data;
}

export function snapshotRows(db: Db, period: string): { project_id: number; data: string }[] {
  return db.all(db.q.selectFrom('period_snapshot').select(['project_id', 'data']).where('period', '=', period));
}

/** The newest month that is closed now (a reopened month is not). */
export function latestClosedPeriod(db: Db): string | null {
  return (
    db.first(
      db.q
        .selectFrom('period_close')
        .select((eb) => eb.fn.max('period').as('p'))
        .where('closed', '=', 1),
    )?.p ?? null
  );
}

/** The report state of every project that has a report row for the period. */
export function reportStates(db: Db, period: string): Map<number, string> {
  return new Map(
    db
      .all(db.q.selectFrom('progress').select(['project_id', 'state']).where('period', '=', period))
      .map((r) => [r.project_id, r.state]),
  );
}
