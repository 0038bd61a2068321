// 0008: 县级汇总 — the county side of the town→county data package (issue 18). A county ledger keeps each town's
// figures apart, as the town sent them: one received package per town and period (re-importing replaces it), the
// town's figure set (its `figures --json`, the same document the town's pages read) and its projects' figures.
// Town ledgers never write these tables. Frozen SQL.
import type { SqliteDb } from '../connection.ts';

const statements = [
  `CREATE TABLE county_package (
     id INTEGER PRIMARY KEY,
     town TEXT NOT NULL CHECK (length(town) BETWEEN 1 AND 30),
     period TEXT NOT NULL CHECK (period GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
     format_version INTEGER NOT NULL,
     app_version TEXT NOT NULL,
     file_name TEXT NOT NULL,
     package_sha256 TEXT NOT NULL,
     manifest TEXT NOT NULL,
     closed INTEGER NOT NULL CHECK (closed IN (0, 1)),
     close_snapshot_sha256 TEXT,
     audit_rows INTEGER NOT NULL,
     audit_head TEXT NOT NULL,
     exported_at TEXT NOT NULL,
     imported_at TEXT NOT NULL,
     imported_by TEXT NOT NULL,
     UNIQUE (town, period)
   ) STRICT`,
  `CREATE TABLE county_town_figures (
     package_id INTEGER PRIMARY KEY REFERENCES county_package(id) ON DELETE CASCADE,
     projects INTEGER NOT NULL,
     total_investment_fen INTEGER NOT NULL,
     figure_set TEXT NOT NULL
   ) STRICT`,
  `CREATE TABLE county_town_project (
     id INTEGER PRIMARY KEY,
     package_id INTEGER NOT NULL REFERENCES county_package(id) ON DELETE CASCADE,
     pos INTEGER NOT NULL,
     town_project_id INTEGER NOT NULL,
     parent_town_project_id INTEGER,
     code TEXT,
     name TEXT NOT NULL,
     category TEXT,
     status TEXT,
     level TEXT,
     total_fen INTEGER NOT NULL,
     prior_fen INTEGER NOT NULL,
     year_plan_fen INTEGER NOT NULL,
     month_fen INTEGER NOT NULL,
     ytd_fen INTEGER NOT NULL,
     cum_fen INTEGER NOT NULL,
     UNIQUE (package_id, pos)
   ) STRICT`,
];

export function up(db: SqliteDb): void {
  for (const s of statements) db.exec(s);
}
