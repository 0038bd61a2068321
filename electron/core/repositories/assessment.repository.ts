/** SQL for 考核 sheets (assessment) and their scoring items (assessment_item). */
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

export interface ItemRow {
  name: string;
  max_points: number;
  criteria: string | null;
  score: number | null;
  evidence: string | null;
  deduction_reason: string | null;
}

const rowColumns = [
  'a.id',
  'a.year',
  'a.scheme',
  'a.town',
  'a.total_max',
  sql<number>`coalesce((SELECT sum(score) FROM assessment_item i WHERE i.assessment_id = a.id), 0)`.as('total'),
  sql<number>`(SELECT count(score) FROM assessment_item i WHERE i.assessment_id = a.id)`.as('scored'),
  sql<number>`(SELECT count(*) FROM assessment_item i WHERE i.assessment_id = a.id)`.as('item_count'),
] as const;

export function listAssessments(db: Db, year?: number, scheme?: string) {
  let q = db.q.selectFrom('assessment as a').select(rowColumns);
  if (year !== undefined) q = q.where('a.year', '=', year);
  if (scheme !== undefined) q = q.where('a.scheme', '=', scheme);
  return db.all(q.orderBy('a.year', 'desc').orderBy('a.scheme').orderBy('a.id'));
}

export function findAssessment(db: Db, id: number) {
  return db.first(db.q.selectFrom('assessment as a').select(rowColumns).where('a.id', '=', id));
}

export function findByTown(db: Db, year: number, scheme: string, town: string) {
  return db.first(
    db.q
      .selectFrom('assessment')
      .select('id')
      .where('year', '=', year)
      .where('scheme', '=', scheme)
      .where('town', '=', town),
  );
}

export function items(db: Db, assessmentId: number) {
  return db.all(
    db.q
      .selectFrom('assessment_item')
      .selectAll()
      .where('assessment_id', '=', assessmentId)
      .orderBy('sort')
      .orderBy('id'),
  );
}

export function insertAssessment(db: Db, v: { year: number; scheme: string; town: string; totalMax: number }): number {
  return db.run(
    db.q.insertInto('assessment').values({ year: v.year, scheme: v.scheme, town: v.town, total_max: v.totalMax }),
  ).lastInsertRowid;
}

export function updateAssessment(db: Db, id: number, v: { year: number; scheme: string; town: string }): void {
  db.run(db.q.updateTable('assessment').set(v).where('id', '=', id));
}

export function setTotalMax(db: Db, id: number, totalMax: number): void {
  db.run(db.q.updateTable('assessment').set({ total_max: totalMax }).where('id', '=', id));
}

export function replaceItems(db: Db, assessmentId: number, rows: ItemRow[]): void {
  db.run(db.q.deleteFrom('assessment_item').where('assessment_id', '=', assessmentId));
  rows.forEach((r, k) =>
    db.run(db.q.insertInto('assessment_item').values({ assessment_id: assessmentId, ...r, sort: k + 1 })),
  );
}

/** One item's typed fields, in place (its id and place in the sheet stay, so a grid's undo finds it again). */
export function updateItem(db: Db, itemId: number, v: Pick<ItemRow, 'score' | 'evidence' | 'deduction_reason'>): void {
  db.run(db.q.updateTable('assessment_item').set(v).where('id', '=', itemId));
}
