/** The dashboard's own queries: which periods have reports, and month_fen per project and month of a year. */
import type { Db } from '../db/connection.ts';

/**
 * Periods with reports of projects not in the 回收站, newest first. Walks the distinct periods through the period
 * index (one seek each, a few dozen) instead of grouping ~700,000 report rows joined to their projects.
 */
export function reportedPeriods(db: Db): string[] {
  return db.sqlite
    .prepare(
      `WITH RECURSIVE p(period) AS (
         SELECT (SELECT min(period) FROM progress)
         UNION ALL
         SELECT (SELECT min(period) FROM progress WHERE period > p.period) FROM p WHERE p.period IS NOT NULL
       )
       SELECT period FROM p
       WHERE period IS NOT NULL
         AND EXISTS (SELECT 1 FROM progress r JOIN project pr ON pr.id = r.project_id WHERE r.period = p.period AND pr.deleted_at IS NULL)
       ORDER BY period DESC`,
    )
    .pluck()
    .all() as string[];
}

/**
 * 本月完成投资 per project and period from January to `period`, of projects not in the 回收站 (`ids`: only those),
 * each project's rows together (keptTotals packs them as they come; the order is the covering index's, no slower).
 */
export function monthlyByProject(db: Db, year: number, period: string, ids?: readonly number[]) {
  const q = db.q
    .selectFrom('progress')
    .innerJoin('project', 'project.id', 'progress.project_id')
    .select(['progress.project_id', 'progress.period', 'progress.month_fen'])
    .where('project.deleted_at', 'is', null)
    .where('progress.period', '>=', `${year}-01`)
    .where('progress.period', '<=', period);
  return db.eachLean((ids ? q.where('progress.project_id', 'in', ids) : q).orderBy('progress.project_id'));
}
