/** All SQL for 报送收集 (`collect_kit`, `collect_return`): kits issued and the files that came back. */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { CollectKitTable, CollectReturnTable } from '../db/schema.ts';

export type KitRow = Selectable<CollectKitTable>;
export type ReturnRow = Selectable<CollectReturnTable>;

export function insertKit(db: Db, row: Insertable<CollectKitTable>): number {
  return db.run(db.q.insertInto('collect_kit').values(row)).lastInsertRowid;
}

export function findKitByKey(db: Db, kitKey: string): KitRow | undefined {
  return db.first(db.q.selectFrom('collect_kit').selectAll().where('kit_key', '=', kitKey));
}

/** Every kit of a month, oldest first (a unit issued a new kit later keeps its place, the latest kit counts). */
export function kitsOfPeriod(db: Db, period: string): KitRow[] {
  return db.all(db.q.selectFrom('collect_kit').selectAll().where('period', '=', period).orderBy('id'));
}

/** The month of the kits issued last: the collection under way. */
export function latestKitPeriod(db: Db): string | null {
  return db.first(db.q.selectFrom('collect_kit').select('period').orderBy('id', 'desc').limit(1))?.period ?? null;
}

export function returnsOfPeriod(db: Db, period: string): (ReturnRow & { by_kind: string; unit_name: string })[] {
  return db.all(
    db.q
      .selectFrom('collect_return as r')
      .innerJoin('collect_kit as k', 'k.id', 'r.kit_id')
      .selectAll('r')
      .select(['k.by_kind', 'k.unit_name'])
      .where('k.period', '=', period)
      .orderBy('r.id'),
  );
}

export function findReturn(db: Db, kitId: number, sha256: string): ReturnRow | undefined {
  return db.first(
    db.q.selectFrom('collect_return').selectAll().where('kit_id', '=', kitId).where('file_sha256', '=', sha256),
  );
}

export function insertReturn(db: Db, row: Insertable<CollectReturnTable>): number {
  return db.run(db.q.insertInto('collect_return').values(row)).lastInsertRowid;
}
