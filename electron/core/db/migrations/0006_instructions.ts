// 0006: 领导批示 — a leader's written instruction on a project or on one of its 督办单, kept with the leader's
// name, the day it was given and who entered it (a 管理员 may record an instruction a leader gave on paper).
// Instructions are records of what was said: no update or delete path exists. Frozen SQL.
import type { SqliteDb } from '../connection.ts';

const statements = [
  `CREATE TABLE instruction (
     id INTEGER PRIMARY KEY,
     project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
     supervision_id INTEGER REFERENCES supervision(id) ON DELETE CASCADE,
     leader TEXT NOT NULL CHECK (length(leader) BETWEEN 1 AND 40),
     given_on TEXT NOT NULL CHECK (given_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
     content TEXT NOT NULL CHECK (length(content) BETWEEN 1 AND 1000),
     entered_by TEXT NOT NULL,
     created_at TEXT NOT NULL
   ) STRICT`,
  `CREATE INDEX instruction_project_idx ON instruction(project_id, given_on)`,
  `CREATE INDEX instruction_supervision_idx ON instruction(supervision_id)`,
];

export function up(db: SqliteDb): void {
  for (const s of statements) db.exec(s);
}
