import type { Db } from '../db/connection.ts';

export function getSetting(db: Db, key: string): string | null {
  return db.first(db.q.selectFrom('setting').select('value').where('key', '=', key))?.value ?? null;
}

export function setSetting(db: Db, key: string, value: string): void {
  db.run(
    db.q
      .insertInto('setting')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value })),
  );
}

export function deleteSetting(db: Db, key: string): void {
  db.run(db.q.deleteFrom('setting').where('key', '=', key));
}
