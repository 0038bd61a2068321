/** SQL for the lists that hang off a project: 建设子项, 资金构成, 年度计划, 节点, 附件, and the change history. */
import type { Selectable } from 'kysely';
import { fundSourceGroup } from '../../../shared/domain/vocab.ts';
import type {
  AttachmentRow,
  FundingRow,
  ItemRow,
  MilestoneRow,
  YearPlanInput,
  YearPlanRow,
} from '../../../shared/schemas/project-parts.ts';
import type { Db } from '../db/connection.ts';
import type { AttachmentTable, YearPlanTable } from '../db/schema.ts';

/* 建设子项 */
export function listItems(db: Db, projectId: number): ItemRow[] {
  return db
    .all(db.q.selectFrom('project_item').selectAll().where('project_id', '=', projectId).orderBy('sort').orderBy('id'))
    .map((r) => ({
      id: r.id,
      name: r.name,
      qty: r.qty,
      unit: r.unit,
      amountFen: r.amount_fen,
      approx: r.approx === 1,
    }));
}

export function replaceItems(
  db: Db,
  projectId: number,
  items: { name: string; qty: number | null; unit: string | null; amountFen: number; approx: boolean }[],
): void {
  db.run(db.q.deleteFrom('project_item').where('project_id', '=', projectId));
  items.forEach((it, sort) =>
    db.run(
      db.q.insertInto('project_item').values({
        project_id: projectId,
        name: it.name,
        qty: it.qty,
        unit: it.unit,
        amount_fen: it.amountFen,
        approx: it.approx ? 1 : 0,
        sort,
      }),
    ),
  );
}

/* 资金构成 */
export function listFunding(db: Db, projectId: number): FundingRow[] {
  return db
    .all(db.q.selectFrom('funding_plan').selectAll().where('project_id', '=', projectId).orderBy('id'))
    .map((r) => ({
      id: r.id,
      source: r.source,
      group: fundSourceGroup(r.source),
      amountFen: r.amount_fen,
      approx: r.approx === 1,
      note: r.note,
    }));
}

export function replaceFunding(
  db: Db,
  projectId: number,
  rows: { source: string; amountFen: number; approx: boolean; note: string | null }[],
): void {
  db.run(db.q.deleteFrom('funding_plan').where('project_id', '=', projectId));
  for (const r of rows)
    db.run(
      db.q.insertInto('funding_plan').values({
        project_id: projectId,
        source: r.source,
        amount_fen: r.amountFen,
        approx: r.approx ? 1 : 0,
        note: r.note,
      }),
    );
}

/* 年度计划 */
/** The twelve month columns of `year_plan`, in month order (also read by the figures). */
export const MONTH_COLUMNS = [
  'm01_fen',
  'm02_fen',
  'm03_fen',
  'm04_fen',
  'm05_fen',
  'm06_fen',
  'm07_fen',
  'm08_fen',
  'm09_fen',
  'm10_fen',
  'm11_fen',
  'm12_fen',
] as const;

function toYearPlan(r: Selectable<YearPlanTable>): YearPlanRow {
  const months = MONTH_COLUMNS.map((c) => r[c]);
  return {
    id: r.id,
    year: r.year,
    planFen: r.plan_fen,
    content: r.content,
    nodeTarget: r.node_target,
    months: months.every((m) => m === null) ? null : months,
  };
}

export function listYearPlans(db: Db, projectId: number): YearPlanRow[] {
  return db
    .all(db.q.selectFrom('year_plan').selectAll().where('project_id', '=', projectId).orderBy('year'))
    .map(toYearPlan);
}

export function replaceYearPlans(
  db: Db,
  projectId: number,
  rows: (Omit<YearPlanInput, 'planWan'> & { planFen: number })[],
): void {
  db.run(db.q.deleteFrom('year_plan').where('project_id', '=', projectId));
  for (const r of rows) {
    const months = Object.fromEntries(MONTH_COLUMNS.map((c, i) => [c, r.months?.[i] ?? null]));
    db.run(
      db.q.insertInto('year_plan').values({
        project_id: projectId,
        year: r.year,
        plan_fen: r.planFen,
        content: r.content,
        node_target: r.nodeTarget,
        ...months,
      }),
    );
  }
}

/* 节点 */
export function listMilestones(db: Db, projectId: number): MilestoneRow[] {
  return db
    .all(db.q.selectFrom('milestone').selectAll().where('project_id', '=', projectId).orderBy('sort').orderBy('id'))
    .map((r) => ({ id: r.id, node: r.node, planDate: r.plan_date, actDate: r.act_date, note: r.note }));
}

export function replaceMilestones(db: Db, projectId: number, rows: Omit<MilestoneRow, 'id'>[]): void {
  db.run(db.q.deleteFrom('milestone').where('project_id', '=', projectId));
  rows.forEach((r, sort) =>
    db.run(
      db.q.insertInto('milestone').values({
        project_id: projectId,
        node: r.node,
        plan_date: r.planDate,
        act_date: r.actDate,
        note: r.note,
        sort,
      }),
    ),
  );
}

/* 附件 */
type AttachmentDbRow = Selectable<AttachmentTable>;

export function toAttachment(r: AttachmentDbRow): AttachmentRow {
  return {
    id: r.id,
    projectId: r.project_id,
    kind: r.kind,
    fileName: r.file_name,
    sha256: r.sha256,
    size: r.size,
    mime: r.mime,
    takenAt: r.taken_at,
    caption: r.caption,
    createdAt: r.created_at,
  };
}

export function listAttachments(db: Db, projectId: number): AttachmentRow[] {
  return db
    .all(db.q.selectFrom('attachment').selectAll().where('project_id', '=', projectId).orderBy('kind').orderBy('id'))
    .map(toAttachment);
}

export function findAttachment(db: Db, id: number): AttachmentDbRow | undefined {
  return db.first(db.q.selectFrom('attachment').selectAll().where('id', '=', id));
}

export function findAttachmentBySha(db: Db, projectId: number, sha256: string): AttachmentDbRow | undefined {
  return db.first(
    db.q.selectFrom('attachment').selectAll().where('project_id', '=', projectId).where('sha256', '=', sha256),
  );
}

export function countAttachmentsBySha(db: Db, sha256: string): number {
  return (
    db.first(
      db.q
        .selectFrom('attachment')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('sha256', '=', sha256),
    )?.n ?? 0
  );
}

export function insertAttachment(db: Db, row: Omit<AttachmentDbRow, 'id'>): number {
  return db.run(db.q.insertInto('attachment').values(row)).lastInsertRowid;
}

export function deleteAttachment(db: Db, id: number): void {
  db.run(db.q.deleteFrom('attachment').where('id', '=', id));
}
