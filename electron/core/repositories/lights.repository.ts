/** All SQL for light rule overrides (`light_rule`) and the stored light history (`warning`). */
import type { Selectable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { WarningTable } from '../db/schema.ts';

export type WarningRow = Selectable<WarningTable>;

export function saveLightRule(db: Db, key: string, value: string): void {
  db.run(db.q.insertInto('light_rule').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })));
}

/** The rows of the last stored computation for a period (all projects). */
export function lastComputation(db: Db, period: string): WarningRow[] {
  const last = db.first(db.q.selectFrom('warning').select((eb) => eb.fn.max('computed_at').as('at')).where('period', '=', period))?.at;
  if (!last) return [];
  return db.all(db.q.selectFrom('warning').selectAll().where('period', '=', period).where('computed_at', '=', last));
}

/** Latest computed_at anywhere, so a new computation can be stamped strictly after it. */
export function latestComputedAt(db: Db): string | null {
  return db.first(db.q.selectFrom('warning').select((eb) => eb.fn.max('computed_at').as('at')))?.at ?? null;
}

export function insertWarnings(db: Db, rows: Omit<WarningRow, 'id'>[]): void {
  for (const r of rows) db.run(db.q.insertInto('warning').values(r));
}

export function warningsOfProject(db: Db, projectId: number): WarningRow[] {
  return db.all(
    db.q.selectFrom('warning').selectAll().where('project_id', '=', projectId).orderBy('period', 'desc').orderBy('computed_at', 'desc').orderBy('id'),
  );
}
