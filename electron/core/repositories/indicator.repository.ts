/** All SQL for indicators (指标) and their recorded values. */
import type { Db } from '../db/connection.ts';
import type { CatalogueIndicator } from '../seed/indicator-catalogue.ts';

export function listIndicators(db: Db) {
  return db.all(db.q.selectFrom('indicator').selectAll().orderBy('sort').orderBy('id'));
}

export function listValues(db: Db) {
  return db.all(db.q.selectFrom('indicator_value').selectAll().orderBy('indicator_id').orderBy('as_of').orderBy('id'));
}

export function findIndicator(db: Db, id: number) {
  return db.first(db.q.selectFrom('indicator').selectAll().where('id', '=', id));
}

export function findValue(db: Db, id: number) {
  return db.first(db.q.selectFrom('indicator_value').selectAll().where('id', '=', id));
}

export function findValueAt(db: Db, indicatorId: number, kind: string, asOf: string) {
  return db.first(
    db.q
      .selectFrom('indicator_value')
      .selectAll()
      .where('indicator_id', '=', indicatorId)
      .where('kind', '=', kind)
      .where('as_of', '=', asOf),
  );
}

type ValueColumns = { indicator_id: number; kind: string; value: number; as_of: string; note: string | null };

export function insertValue(db: Db, v: ValueColumns): number {
  return db.run(db.q.insertInto('indicator_value').values(v)).lastInsertRowid;
}

export function updateValue(db: Db, id: number, v: ValueColumns): void {
  db.run(db.q.updateTable('indicator_value').set(v).where('id', '=', id));
}

export function deleteValue(db: Db, id: number): void {
  db.run(db.q.deleteFrom('indicator_value').where('id', '=', id));
}

/** Adds the catalogue entries whose code is not there yet (idempotent). */
export function insertCatalogue(db: Db, rows: readonly CatalogueIndicator[]): number {
  let added = 0;
  rows.forEach((r, i) => {
    if (db.first(db.q.selectFrom('indicator').select('id').where('code', '=', r.code))) return;
    db.run(
      db.q.insertInto('indicator').values({
        code: r.code,
        name: r.name,
        unit: r.unit,
        comparator: r.comparator,
        target: r.target,
        target_text: r.targetText,
        source_doc: r.sourceDoc,
        sort: i + 1,
      }),
    );
    added++;
  });
  return added;
}
