import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

const topLevel = sql<boolean>`parent_id IS NULL AND deleted_at IS NULL`;

/** Top-level projects only: a parent's own total counts and its sub-projects are not added again. */
export function topLevelTotals(db: Db) {
  const all = db.first(
    db.q.selectFrom('project').select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(total_fen), 0)`.as('fen')]).where(topLevel),
  )!;
  const subs = db.first(
    db.q.selectFrom('project').select(sql<number>`count(*)`.as('n')).where('parent_id', 'is not', null).where('deleted_at', 'is', null),
  )!;
  const byCategory = db.all(
    db.q
      .selectFrom('project')
      .select([sql<string>`coalesce(category, '未分类')`.as('category'), sql<number>`count(*)`.as('n'), sql<number>`sum(total_fen)`.as('fen')])
      .where(topLevel)
      .groupBy('category'),
  );
  const byYear = db.all(
    db.q
      .selectFrom('project')
      .select(['plan_year', sql<number>`count(*)`.as('n'), sql<number>`sum(total_fen)`.as('fen')])
      .where(topLevel)
      .groupBy('plan_year')
      .orderBy('plan_year'),
  );
  return { all, subs: subs.n, byCategory, byYear };
}

export function countProjects(db: Db): number {
  return db.first(db.q.selectFrom('project').select(sql<number>`count(*)`.as('n')))!.n;
}
