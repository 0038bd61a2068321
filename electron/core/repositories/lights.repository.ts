/** All SQL for light rule overrides (`light_rule`) and the stored light history (`warning`). */
import type { Selectable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { WarningTable } from '../db/schema.ts';

export type WarningRow = Selectable<WarningTable>;

export function saveLightRule(db: Db, key: string, value: string): void {
  db.run(
    db.q
      .insertInto('light_rule')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value })),
  );
}

/** When the last stored computation for a period was made, and how many rows it has (index-only). */
export function lastComputationStamp(db: Db, period: string): { at: string; rows: number } | null {
  const at = db.first(
    db.q
      .selectFrom('warning')
      .select((eb) => eb.fn.max('computed_at').as('at'))
      .where('period', '=', period),
  )?.at;
  if (!at) return null;
  const rows = db.first(
    db.q
      .selectFrom('warning')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('period', '=', period)
      .where('computed_at', '=', at),
  )!.n;
  return { at, rows };
}

/** The rows of the stored computation of a period made at `at` (all projects). */
export function computationAt(db: Db, period: string, at: string): WarningRow[] {
  return db.allLean(db.q.selectFrom('warning').selectAll().where('period', '=', period).where('computed_at', '=', at));
}

/** Latest computed_at anywhere, so a new computation can be stamped strictly after it. */
export function latestComputedAt(db: Db): string | null {
  return db.first(db.q.selectFrom('warning').select((eb) => eb.fn.max('computed_at').as('at')))?.at ?? null;
}

/** Many rows per statement: a computation stores ~100,000 lights, and building one INSERT per row dominated. */
export function insertWarnings(db: Db, rows: Omit<WarningRow, 'id'>[]): void {
  const CHUNK = 500; // 9 columns × 500 stays far below SQLite's bound-parameter limit
  for (let i = 0; i < rows.length; i += CHUNK) db.run(db.q.insertInto('warning').values(rows.slice(i, i + CHUNK)));
}

export function warningsOfProject(db: Db, projectId: number): WarningRow[] {
  return db.all(
    db.q
      .selectFrom('warning')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('period', 'desc')
      .orderBy('computed_at', 'desc')
      .orderBy('id'),
  );
}
