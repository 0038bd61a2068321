import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

/** Every project not in the 回收站 with what the ledger's counts and 总投资 are made of (figure-set.service.ts). */
export function projectTotals(db: Db) {
  return db.allLean(
    db.q
      .selectFrom('project')
      .select(['id', 'parent_id', 'total_fen', 'category', 'plan_year'])
      .where('deleted_at', 'is', null)
      .orderBy('sort')
      .orderBy('code')
      .orderBy('id'),
  );
}

export function countProjects(db: Db): number {
  return db.first(db.q.selectFrom('project').select(sql<number>`count(*)`.as('n')))!.n;
}
