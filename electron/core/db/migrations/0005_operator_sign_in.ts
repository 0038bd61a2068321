// 0005: signing in is enforced. The role 管理员 joins the allowed roles (SQLite cannot alter a CHECK, so the
// table is rebuilt with its rows), and each operator keeps its wrong-password count and lock so that a
// restart does not reset them (5 wrong passwords lock the account for 15 minutes). Numbered 0005 so that it
// follows 0004_row_seals once both are merged. Frozen SQL.
import type { SqliteDb } from '../connection.ts';

const statements = [
  `CREATE TABLE operator_new (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     role TEXT NOT NULL CHECK (role IN ('录入员','审核人','领导','管理员')),
     password_hash TEXT,
     active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
     created_at TEXT NOT NULL,
     failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
     locked_until TEXT
   ) STRICT`,
  `INSERT INTO operator_new (id, name, role, password_hash, active, created_at)
     SELECT id, name, role, password_hash, active, created_at FROM operator`,
  `DROP TABLE operator`,
  `ALTER TABLE operator_new RENAME TO operator`,
];

export function up(db: SqliteDb): void {
  for (const s of statements) db.exec(s);
}
