// 0010: each kept row of the figure store (0007) also carries its project's light and whether it has sub-projects,
// with an index holding just those: the 红黄绿灯 page's first read after opening the ledger (a page of 100 of a
// county's 20,000 projects, filtered by light) picks its rows from the index and decodes those 100, instead of
// decoding every kept row (issue 16). Frozen SQL.
// The rows kept before carry no light: the store is emptied and written afresh at the next write through the
// core (it is never ledger data; readers compute what it does not keep).
import type { SqliteDb } from '../connection.ts';

const statements = [
  `DELETE FROM figure_store_row`,
  `DELETE FROM figure_store`,
  `ALTER TABLE figure_store_row ADD COLUMN level TEXT CHECK (level IN ('red', 'yellow', 'green'))`,
  `ALTER TABLE figure_store_row ADD COLUMN is_parent INTEGER NOT NULL DEFAULT 0 CHECK (is_parent IN (0, 1))`,
  `CREATE INDEX figure_store_row_light_idx ON figure_store_row(period, pos, level, is_parent, project_id)`,
];

export function up(db: SqliteDb): void {
  for (const s of statements) db.exec(s);
}
