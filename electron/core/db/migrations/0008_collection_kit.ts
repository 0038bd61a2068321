// 0008: 报送收集 (issue 18) — the fill-in workbooks issued to each 责任单位 or 包联领导 for a month, and every file
// that came back. A kit's id, period, unit and project codes are also written into the workbook's hidden identity
// sheet, so a return is matched by its own content, not by its file name; the row here says the kit was really
// issued by this ledger. A return is kept once per (kit, file content): merging the same file again adds nothing.
// Frozen SQL.
import type { SqliteDb } from '../connection.ts';

const statements = [
  `CREATE TABLE collect_kit (
     id INTEGER PRIMARY KEY,
     kit_key TEXT NOT NULL UNIQUE CHECK (length(kit_key) BETWEEN 8 AND 64),
     period TEXT NOT NULL CHECK (period GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
     town TEXT NOT NULL,
     by_kind TEXT NOT NULL CHECK (by_kind IN ('责任单位', '包联领导')),
     unit_name TEXT NOT NULL CHECK (length(unit_name) BETWEEN 1 AND 100),
     project_codes TEXT NOT NULL,
     layout_hash TEXT NOT NULL,
     deadline TEXT NOT NULL CHECK (deadline GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
     file_name TEXT NOT NULL,
     issued_by TEXT NOT NULL,
     issued_at TEXT NOT NULL
   ) STRICT`,
  `CREATE INDEX collect_kit_period_idx ON collect_kit(period, by_kind, unit_name)`,
  `CREATE TABLE collect_return (
     id INTEGER PRIMARY KEY,
     kit_id INTEGER NOT NULL REFERENCES collect_kit(id) ON DELETE CASCADE,
     file_name TEXT NOT NULL,
     file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
     status TEXT NOT NULL CHECK (status IN ('已报', '有误')),
     accepted INTEGER NOT NULL CHECK (accepted >= 0),
     refused INTEGER NOT NULL CHECK (refused >= 0),
     merged_by TEXT NOT NULL,
     merged_at TEXT NOT NULL,
     UNIQUE (kit_id, file_sha256)
   ) STRICT`,
];

export function up(db: SqliteDb): void {
  for (const s of statements) db.exec(s);
}
