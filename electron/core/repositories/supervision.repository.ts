/** All SQL for 督办单 (`supervision`). */
import { sql, type Insertable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { SupervisionTable } from '../db/schema.ts';

export interface SupervisionFilter {
  open?: boolean;
  projectId?: number;
}

export function listSupervisionRows(db: Db, f: SupervisionFilter = {}) {
  let q = db.q
    .selectFrom('supervision as s')
    .innerJoin('project as p', 'p.id', 's.project_id')
    .leftJoin('org_unit as o', 'o.id', 's.to_org_id')
    .leftJoin('supervision as prev', 'prev.id', 's.escalated_from_id')
    .selectAll('s')
    .select([
      'p.code as project_code',
      'p.name as project_name',
      'o.name as to_org_name',
      'prev.no as prev_no',
      sql<string | null>`(SELECT n.no FROM supervision n WHERE n.escalated_from_id = s.id LIMIT 1)`.as('next_no'),
    ]);
  if (f.open !== undefined) q = q.where('s.closed', '=', f.open ? 0 : 1);
  if (f.projectId !== undefined) q = q.where('s.project_id', '=', f.projectId);
  return db.all(q.orderBy('s.issued', 'desc').orderBy('s.id', 'desc'));
}
export type SupervisionListRow = ReturnType<typeof listSupervisionRows>[number];

export function findSupervisionRow(db: Db, id: number): SupervisionListRow | undefined {
  return listSupervisionRows(db).find((r) => r.id === id);
}

export function countIssuedInYear(db: Db, year: number): number {
  return (
    db.first(
      db.q
        .selectFrom('supervision')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('issued', '>=', `${year}-01-01`)
        .where('issued', '<=', `${year}-12-31`),
    )?.n ?? 0
  );
}

export function insertSupervision(db: Db, row: Insertable<SupervisionTable>): number {
  return db.run(db.q.insertInto('supervision').values(row)).lastInsertRowid;
}

export function setReply(db: Db, id: number, reply: string, at: string): void {
  db.run(db.q.updateTable('supervision').set({ reply, replied_at: at }).where('id', '=', id));
}

export function setClosed(db: Db, id: number, at: string): void {
  db.run(db.q.updateTable('supervision').set({ closed: 1, closed_at: at }).where('id', '=', id));
}

export function overdueOpenIds(db: Db, asOf: string): number[] {
  return db
    .all(
      db.q
        .selectFrom('supervision')
        .select('id')
        .where('closed', '=', 0)
        .where('deadline', '<', asOf)
        .where('color', '!=', '红')
        .orderBy('id'),
    )
    .map((r) => r.id);
}

export function projectLeadOrg(
  db: Db,
  projectId: number,
): { name: string; lead_org_id: number | null; deleted_at: string | null } | undefined {
  return db.first(db.q.selectFrom('project').select(['name', 'lead_org_id', 'deleted_at']).where('id', '=', projectId));
}
