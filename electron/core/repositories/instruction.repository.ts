/** All SQL for 领导批示 (`instruction`): insert and read; a 批示 is never changed or deleted. */
import type { Insertable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { InstructionTable } from '../db/schema.ts';

export interface InstructionFilter {
  projectId?: number;
  supervisionId?: number;
  /** Only those given up to this day (a printout of a past month). */
  givenUpTo?: string;
}

export function listInstructionRows(db: Db, f: InstructionFilter = {}) {
  let q = db.q
    .selectFrom('instruction as i')
    .innerJoin('project as p', 'p.id', 'i.project_id')
    .leftJoin('supervision as s', 's.id', 'i.supervision_id')
    .selectAll('i')
    .select(['p.name as project_name', 's.no as supervision_no']);
  if (f.projectId !== undefined) q = q.where('i.project_id', '=', f.projectId);
  if (f.supervisionId !== undefined) q = q.where('i.supervision_id', '=', f.supervisionId);
  if (f.givenUpTo !== undefined) q = q.where('i.given_on', '<=', f.givenUpTo);
  return db.all(q.orderBy('i.given_on').orderBy('i.id'));
}
export type InstructionRow = ReturnType<typeof listInstructionRows>[number];

export function insertInstruction(db: Db, row: Insertable<InstructionTable>): number {
  return db.run(db.q.insertInto('instruction').values(row)).lastInsertRowid;
}

/** The project a 督办单 belongs to (and its number), or undefined. */
export function supervisionProject(
  db: Db,
  supervisionId: number,
): { project_id: number; no: string | null; issued: string } | undefined {
  return db.first(
    db.q.selectFrom('supervision').select(['project_id', 'no', 'issued']).where('id', '=', supervisionId),
  );
}

export function liveProjectName(db: Db, projectId: number): string | undefined {
  return db.first(db.q.selectFrom('project').select('name').where('id', '=', projectId).where('deleted_at', 'is', null))
    ?.name;
}
