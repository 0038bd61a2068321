/** The dashboard's own queries: which periods have reports, and Σ month_fen per month of a year. */
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

export function reportedPeriods(db: Db): string[] {
  return db
    .all(
      db.q
        .selectFrom('progress')
        .innerJoin('project', 'project.id', 'progress.project_id')
        .select('progress.period')
        .where('project.deleted_at', 'is', null)
        .groupBy('progress.period')
        .orderBy('progress.period', 'desc'),
    )
    .map((r) => r.period);
}

/** Σ 本月完成投资 per period from January to `period`, over projects not in the 回收站. */
export function monthlyTotals(db: Db, year: number, period: string) {
  return db.all(
    db.q
      .selectFrom('progress')
      .innerJoin('project', 'project.id', 'progress.project_id')
      .select(['progress.period', sql<number>`sum(progress.month_fen)`.as('fen')])
      .where('project.deleted_at', 'is', null)
      .where('progress.period', '>=', `${year}-01`)
      .where('progress.period', '<=', period)
      .groupBy('progress.period'),
  );
}
