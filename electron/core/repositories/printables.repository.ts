/** The reads behind the printable documents (figures themselves come from figures.service) and briefing issues. */
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

/** One project's descriptive fields with the names of its organisations (its people: project-people.ts). */
export function projectSheet(db: Db, id: number) {
  return db.first(
    db.q
      .selectFrom('project as p')
      .leftJoin('org_unit as owner', 'owner.id', 'p.owner_org_id')
      .leftJoin('org_unit as village', 'village.id', 'p.village_org_id')
      .select([
        'p.id',
        'p.code',
        'p.name',
        'p.approx',
        'p.delivery',
        'p.approval_kind',
        'p.approval_no',
        'p.approval_ym',
        'p.contact',
        'p.phone',
        'p.gov_funded',
        'p.in_stats',
        'p.stats_date',
        'p.land_mu_have',
        'p.note',
        'owner.name as owner_name',
        'village.name as village_name',
        sql<string | null>`(SELECT group_concat(tag, '、') FROM project_tag t WHERE t.project_id = p.id)`.as('tags'),
      ])
      .where('p.id', '=', id)
      .where('p.deleted_at', 'is', null),
  );
}

export function fundingPlans(db: Db, projectId: number) {
  return db.all(
    db.q
      .selectFrom('funding_plan')
      .select(['source', 'amount_fen', 'approx', 'note'])
      .where('project_id', '=', projectId)
      .orderBy('id'),
  );
}

/** Σ 到位 / 支付 per source up to a date. */
export function fundFlowsBySource(db: Db, projectId: number, asOf: string) {
  return db.all(
    db.q
      .selectFrom('fund_flow')
      .select([
        'source',
        sql<number>`coalesce(sum(CASE WHEN type = '到位' THEN amount_fen END), 0)`.as('arrived_fen'),
        sql<number>`coalesce(sum(CASE WHEN type = '支付' THEN amount_fen END), 0)`.as('paid_fen'),
      ])
      .where('project_id', '=', projectId)
      .where('date', '<=', asOf)
      .groupBy('source'),
  );
}

export function milestones(db: Db, projectIds?: number[]) {
  let q = db.q.selectFrom('milestone').select(['project_id', 'node', 'plan_date', 'act_date', 'note']);
  if (projectIds) q = q.where('project_id', 'in', projectIds.length ? projectIds : [-1]);
  return db.all(q.orderBy('project_id').orderBy('sort').orderBy('plan_date'));
}

export function supervisions(db: Db, opts: { projectId?: number; id?: number; issuedUpTo?: string } = {}) {
  let q = db.q
    .selectFrom('supervision as s')
    .innerJoin('project as p', 'p.id', 's.project_id')
    .leftJoin('org_unit as o', 'o.id', 's.to_org_id')
    .select([
      's.id',
      's.project_id',
      's.no',
      's.color',
      's.interview',
      's.issued',
      's.deadline',
      's.content',
      's.reply',
      's.replied_at',
      's.closed',
      's.closed_at',
      's.escalated_from_id',
      's.created_by',
      'o.name as to_org_name',
      'p.name as project_name',
      'p.code as project_code',
      sql<string | null>`(SELECT n.no FROM supervision n WHERE n.escalated_from_id = s.id LIMIT 1)`.as('next_no'),
      sql<string | null>`(SELECT n.color FROM supervision n WHERE n.escalated_from_id = s.id LIMIT 1)`.as('next_color'),
    ]);
  if (opts.projectId !== undefined) q = q.where('s.project_id', '=', opts.projectId);
  if (opts.id !== undefined) q = q.where('s.id', '=', opts.id);
  if (opts.issuedUpTo !== undefined) q = q.where('s.issued', '<=', opts.issuedUpTo);
  return db.all(q.orderBy('s.issued').orderBy('s.id'));
}
export type SupervisionRow = ReturnType<typeof supervisions>[number];

export function attachments(db: Db, projectId: number) {
  return db.all(
    db.q
      .selectFrom('attachment')
      .select(['id', 'kind', 'file_name', 'stored_path', 'mime', 'taken_at', 'caption'])
      .where('project_id', '=', projectId)
      .orderBy('taken_at')
      .orderBy('id'),
  );
}

// ---- briefing issues ----------------------------------------------------------------------------

const briefingCols = [
  'id',
  'year',
  'no',
  'supplement',
  'period',
  'issued_on',
  'highlights',
  'problems',
  'next_steps',
  'send_to',
  'copy_to',
  'copies',
] as const;

export function listBriefings(db: Db, year?: number) {
  let q = db.q.selectFrom('briefing_issue').select(briefingCols);
  if (year !== undefined) q = q.where('year', '=', year);
  return db.all(q.orderBy('year', 'desc').orderBy('supplement').orderBy('no', 'desc'));
}
export type BriefingRow = ReturnType<typeof listBriefings>[number];

export function findBriefing(db: Db, id: number) {
  return db.first(db.q.selectFrom('briefing_issue').select(briefingCols).where('id', '=', id));
}

/** The regular (not 增刊) issue most recently numbered for a period. */
export function latestBriefingOfPeriod(db: Db, period: string) {
  return db.first(
    db.q
      .selectFrom('briefing_issue')
      .select(briefingCols)
      .where('period', '=', period)
      .orderBy('supplement')
      .orderBy('no', 'desc')
      .limit(1),
  );
}

export function maxBriefingNo(db: Db, year: number, supplement: boolean): number {
  return (
    db.first(
      db.q
        .selectFrom('briefing_issue')
        .select(sql<number>`coalesce(max(no), 0)`.as('n'))
        .where('year', '=', year)
        .where('supplement', '=', supplement ? 1 : 0),
    )?.n ?? 0
  );
}

export type BriefingColumns = Omit<BriefingRow, 'id'>;

export function insertBriefing(db: Db, row: BriefingColumns): number {
  return db.run(db.q.insertInto('briefing_issue').values(row)).lastInsertRowid;
}

export function updateBriefing(db: Db, id: number, row: BriefingColumns): void {
  db.run(db.q.updateTable('briefing_issue').set(row).where('id', '=', id));
}
