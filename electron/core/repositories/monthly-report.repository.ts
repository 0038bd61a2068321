/** All SQL for 月报 rows (`progress`). */
import type { Selectable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { ProgressTable } from '../db/schema.ts';

export type ProgressRow = Selectable<ProgressTable>;

export function progressOfPeriod(db: Db, period: string): ProgressRow[] {
  return db.all(db.q.selectFrom('progress').selectAll().where('period', '=', period));
}

/** The period's 月报 of just these projects (a page of the batch screen, not the county's 20 000). */
export function progressOfProjects(db: Db, period: string, projectIds: readonly number[]): ProgressRow[] {
  if (projectIds.length === 0) return [];
  return db.all(
    db.q
      .selectFrom('progress')
      .selectAll()
      .where('period', '=', period)
      .where('project_id', 'in', [...projectIds]),
  );
}

export function findProgress(db: Db, projectId: number, period: string): ProgressRow | undefined {
  return db.first(
    db.q.selectFrom('progress').selectAll().where('project_id', '=', projectId).where('period', '=', period),
  );
}

export interface ProgressValues {
  month_fen: number;
  image_text: string;
  image_pct: number | null;
  issues: string | null;
  next_steps: string | null;
  needs: string | null;
}

export function insertProgress(
  db: Db,
  projectId: number,
  period: string,
  v: ProgressValues,
  operator: string,
  at: string,
): number {
  return db.run(
    db.q
      .insertInto('progress')
      .values({ project_id: projectId, period, ...v, state: '草稿', filled_by: operator, updated_at: at }),
  ).lastInsertRowid;
}

export function updateProgressValues(db: Db, id: number, v: ProgressValues, operator: string, at: string): void {
  db.run(
    db.q
      .updateTable('progress')
      .set({ ...v, state: '草稿', filled_by: operator, updated_at: at })
      .where('id', '=', id),
  );
}

/** Takes back a draft report whose every field the clerk cleared (the service allows it for 草稿 and 退回 only). */
export function deleteProgress(db: Db, id: number): void {
  db.run(db.q.deleteFrom('progress').where('id', '=', id));
}

export function markSubmitted(db: Db, id: number, operator: string, at: string): void {
  db.run(
    db.q
      .updateTable('progress')
      .set({ state: '已报送', filled_by: operator, filled_at: at, updated_at: at })
      .where('id', '=', id),
  );
}

export function markReturned(db: Db, id: number, reviewer: string, reason: string, at: string): void {
  db.run(
    db.q
      .updateTable('progress')
      .set({ state: '退回', reviewed_by: reviewer, return_reason: reason, updated_at: at })
      .where('id', '=', id),
  );
}

/** The latest month anyone reported for (the 督办 default period). */
export function latestReportedPeriod(db: Db): string | null {
  return db.first(db.q.selectFrom('progress').select((eb) => eb.fn.max('period').as('p')))?.p ?? null;
}
