// 0003: the ledger grid pages in the core, so the search box needs each project's pinyin search key in SQL.
// The key (name/code/location text, pinyin initials, full pinyin; see shared/domain/search.ts) is computed in
// JS by the project repository on every insert/update; rows written before this migration are filled at
// start-up (backfillSearchKeys), since a migration is static SQL. Frozen SQL.
import type { SqliteDb } from '../connection.ts';

const statements = [`ALTER TABLE project ADD COLUMN search_key TEXT`];

export function up(db: SqliteDb): void {
  for (const s of statements) db.exec(s);
}
