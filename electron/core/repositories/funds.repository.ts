/** SQL for fund flows (到位/拨付/支付), 以奖代补 applications and the per-source sums behind the T4 summary. */
import { sql } from 'kysely';
import { compareLedgerPlaces } from '../../../shared/domain/collate.ts';
import type { FundFlowData } from '../../../shared/schemas/funds.ts';
import type { Db } from '../db/connection.ts';

const flowColumns = [
  'f.id',
  'f.project_id',
  'p.name as project_name',
  'f.date',
  'f.type',
  'f.source',
  'f.amount_fen',
  'f.batch',
  'f.voucher_no',
  'f.note',
] as const;

function activeFlows(db: Db, projectId?: number) {
  let q = db.q
    .selectFrom('fund_flow as f')
    .innerJoin('project as p', 'p.id', 'f.project_id')
    .where('p.deleted_at', 'is', null);
  if (projectId !== undefined) q = q.where('f.project_id', '=', projectId);
  return q;
}

/** The flows of live projects, newest first; with page, only that slice (same order). */
export function listFlows(db: Db, projectId?: number, page?: { offset: number; limit: number }) {
  const q = activeFlows(db, projectId).select(flowColumns).orderBy('f.date', 'desc').orderBy('f.id', 'desc');
  return db.all(page ? q.limit(page.limit).offset(page.offset) : q);
}

export function countFlows(db: Db, projectId?: number): number {
  return Number(db.first(activeFlows(db, projectId).select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
}

export function findFlow(db: Db, id: number) {
  return db.first(
    db.q
      .selectFrom('fund_flow as f')
      .innerJoin('project as p', 'p.id', 'f.project_id')
      .select(flowColumns)
      .where('f.id', '=', id),
  );
}

function flowRow(d: FundFlowData) {
  return {
    project_id: d.projectId,
    date: d.date,
    type: d.type,
    source: d.source,
    amount_fen: d.amountFen,
    batch: d.batch,
    voucher_no: d.voucherNo,
    note: d.note,
  };
}

export function insertFlow(db: Db, d: FundFlowData): number {
  return db.run(db.q.insertInto('fund_flow').values(flowRow(d))).lastInsertRowid;
}

export function updateFlow(db: Db, id: number, d: FundFlowData): void {
  db.run(db.q.updateTable('fund_flow').set(flowRow(d)).where('id', '=', id));
}

export function deleteFlow(db: Db, id: number): void {
  db.run(db.q.deleteFrom('fund_flow').where('id', '=', id));
}

export function activeProject(db: Db, id: number) {
  return db.first(
    db.q.selectFrom('project').select(['id', 'name', 'parent_id']).where('id', '=', id).where('deleted_at', 'is', null),
  );
}

/** `ids` as the set a column is taken from: a JSON array read by SQLite (one bound text, any count). */
const among = (ids: readonly number[]) => sql<number>`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/** Projects not in the 回收站, in ledger order; `ids`: only those (a patch after a write). */
export function fundProjects(db: Db, ids?: readonly number[]) {
  let q = db.q
    .selectFrom('project')
    .select(['id', 'code', 'name', 'parent_id', 'total_fen', 'needs_matching', 'sort'])
    .where('deleted_at', 'is', null);
  if (ids) q = q.where('id', 'in', among(ids));
  return db.all(q).sort(compareLedgerPlaces);
}

export function planBySource(db: Db, ids?: readonly number[]) {
  let q = db.q.selectFrom('funding_plan').select(['project_id', 'source', sql<number>`sum(amount_fen)`.as('fen')]);
  if (ids) q = q.where('project_id', 'in', among(ids));
  return db.all(q.groupBy(['project_id', 'source']));
}

/** The (project, source) pairs of the 资金构成 rows written as approximate (460余: 0017_funding_approx). */
export function approxPlanRows(db: Db) {
  return db.all(db.q.selectFrom('funding_plan').select(['project_id', 'source']).where('approx', '=', 1));
}

/** The projects with a 资金构成 of their own (their parts' rows are contained in it: rollUpPlan). */
export function plannedProjectIds(db: Db): Set<number> {
  return new Set(db.all(db.q.selectFrom('funding_plan').select('project_id').distinct()).map((r) => r.project_id));
}

/** Σ per project, source and type, up to `asOf` when given. */
export function flowsBySource(db: Db, asOf: string | null, projectId?: number, ids?: readonly number[]) {
  let q = db.q
    .selectFrom('fund_flow')
    .select([
      'project_id',
      'source',
      sql<number>`coalesce(sum(CASE WHEN type = '到位' THEN amount_fen END), 0)`.as('arrived_fen'),
      sql<number>`coalesce(sum(CASE WHEN type = '拨付' THEN amount_fen END), 0)`.as('allocated_fen'),
      sql<number>`coalesce(sum(CASE WHEN type = '支付' THEN amount_fen END), 0)`.as('paid_fen'),
    ]);
  if (asOf) q = q.where('date', '<=', asOf);
  if (projectId !== undefined) q = q.where('project_id', '=', projectId);
  if (ids) q = q.where('project_id', 'in', among(ids));
  return db.all(q.groupBy(['project_id', 'source']));
}

/** The flows that count for 以奖代补 (到位 by batch), per project. */
export function awardFlows(db: Db, asOf: string | null, ids?: readonly number[]) {
  let q = db.q
    .selectFrom('fund_flow')
    .select(['project_id', 'type', 'batch', sql<number>`sum(amount_fen)`.as('fen')])
    .where('batch', 'in', ['预拨', '以奖代补', '验收兑现']);
  if (asOf) q = q.where('date', '<=', asOf);
  if (ids) q = q.where('project_id', 'in', among(ids));
  return db.all(q.groupBy(['project_id', 'type', 'batch']));
}

export function awardApplications(db: Db, ids?: readonly number[]) {
  let q = db.q.selectFrom('award_subsidy').select(['project_id', sql<number>`sum(applied_fen)`.as('fen')]);
  if (ids) q = q.where('project_id', 'in', among(ids));
  return db.all(q.groupBy('project_id'));
}

export function findAward(db: Db, projectId: number) {
  return db.first(
    db.q.selectFrom('award_subsidy').selectAll().where('project_id', '=', projectId).orderBy('id').limit(1),
  );
}

export function upsertAward(
  db: Db,
  projectId: number,
  appliedFen: number,
  appliedOn: string | null,
  note: string | null,
): number {
  const existing = findAward(db, projectId);
  if (existing) {
    db.run(
      db.q
        .updateTable('award_subsidy')
        .set({ applied_fen: appliedFen, applied_on: appliedOn, note })
        .where('id', '=', existing.id),
    );
    return existing.id;
  }
  return db.run(
    db.q
      .insertInto('award_subsidy')
      .values({ project_id: projectId, applied_fen: appliedFen, applied_on: appliedOn, note }),
  ).lastInsertRowid;
}

/**
 * Σ planned per project and source of the 资金构成 rows that count toward the town's 计划 (shared/domain/
 * figure-rules.ts rollUpPlan): of projects not in the 回收站 below no project (not in the 回收站) that has
 * 资金构成 rows of its own — a parent's rows already contain its sub-projects'. `ids`: only those projects.
 */
export function countedPlanBySource(
  db: Db,
  ids?: readonly number[],
): IterableIterator<{ project_id: number; source: string; fen: number }> {
  if (ids) {
    // A few projects (after a write): walk up from each of them only.
    return db.sqlite
      .prepare(
        `WITH RECURSIVE up(start, id) AS (
           SELECT p.id, p.parent_id FROM project p WHERE p.id IN (SELECT value FROM json_each(?)) AND p.parent_id IS NOT NULL
           UNION
           SELECT up.start, a.parent_id FROM up JOIN project a ON a.id = up.id WHERE a.deleted_at IS NULL AND a.parent_id IS NOT NULL
         )
         SELECT f.project_id, f.source, sum(f.amount_fen) AS fen
           FROM funding_plan f JOIN project p ON p.id = f.project_id
          WHERE p.deleted_at IS NULL AND f.project_id IN (SELECT value FROM json_each(?))
            AND NOT EXISTS (SELECT 1 FROM up JOIN project a ON a.id = up.id
                             WHERE up.start = f.project_id AND a.deleted_at IS NULL AND EXISTS (SELECT 1 FROM funding_plan g WHERE g.project_id = a.id))
          GROUP BY f.project_id, f.source`,
      )
      .iterate(JSON.stringify(ids), JSON.stringify(ids)) as IterableIterator<{
      project_id: number;
      source: string;
      fen: number;
    }>;
  }
  return db.sqlite
    .prepare(
      `WITH RECURSIVE covered(id) AS (
         SELECT c.id FROM project c JOIN project pp ON pp.id = c.parent_id
          WHERE c.deleted_at IS NULL AND pp.deleted_at IS NULL AND EXISTS (SELECT 1 FROM funding_plan g WHERE g.project_id = pp.id)
         UNION
         SELECT c.id FROM project c JOIN covered ON c.parent_id = covered.id WHERE c.deleted_at IS NULL
       )
       SELECT f.project_id, f.source, sum(f.amount_fen) AS fen
         FROM funding_plan f JOIN project p ON p.id = f.project_id
        WHERE p.deleted_at IS NULL AND f.project_id NOT IN (SELECT id FROM covered)
        GROUP BY f.project_id, f.source
        ORDER BY f.project_id`,
    )
    .iterate() as IterableIterator<{ project_id: number; source: string; fen: number }>;
}

/** The given projects and every project below them (a write to a parent decides whether its parts' 资金构成 counts). */
export function withDescendants(db: Db, ids: readonly number[]): number[] {
  if (ids.length === 0) return [];
  return db.sqlite
    .prepare(
      `WITH RECURSIVE sub(id) AS (SELECT value FROM json_each(?) UNION SELECT c.id FROM project c JOIN sub ON c.parent_id = sub.id)
       SELECT id FROM sub`,
    )
    .pluck()
    .all(JSON.stringify(ids)) as number[];
}

/** Σ 到位/拨付/支付 per project and source up to `asOf`, of projects not in the 回收站 (`ids`: only those). */
export function activeFlowsBySource(db: Db, asOf: string | null, ids?: readonly number[]) {
  let q = db.q
    .selectFrom('fund_flow as f')
    .innerJoin('project as p', 'p.id', 'f.project_id')
    .select([
      'f.project_id',
      'f.source',
      sql<number>`coalesce(sum(CASE WHEN f.type = '到位' THEN f.amount_fen END), 0)`.as('arrived_fen'),
      sql<number>`coalesce(sum(CASE WHEN f.type = '拨付' THEN f.amount_fen END), 0)`.as('allocated_fen'),
      sql<number>`coalesce(sum(CASE WHEN f.type = '支付' THEN f.amount_fen END), 0)`.as('paid_fen'),
    ])
    .where('p.deleted_at', 'is', null);
  if (asOf) q = q.where('f.date', '<=', asOf);
  if (ids) q = q.where('f.project_id', 'in', ids);
  return db.eachLean(q.groupBy(['f.project_id', 'f.source']).orderBy('f.project_id'));
}
