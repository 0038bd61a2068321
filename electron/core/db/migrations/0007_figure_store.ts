// 0007: the figures kept in the ledger file, so that opening the ledger, a write by another program (the CLI) or
// an import costs a read, not a computation over the whole ledger (issue 16). Frozen SQL.
// - derived_seq / derived_written: a journal of which projects' figures a write may have changed, kept by
//   triggers in the schema — so EVERY writer records its writes, in the writer's own transaction (a rolled-back
//   write takes its journal rows back), and a reader patches only those projects. Project id 0 stands for a
//   change every project's figures depend on (light rules, unit and staff names, 关账).
// - figure_store / figure_store_row: a period's figures per project in ledger order and its 总览, as they were at
//   journal position `seq`; written by the core in the same transaction as the write (figure-store.service.ts).
// Neither is ledger data: not sealed (row-seal.ts), rebuilt from the ledger whenever they cannot be trusted.
import type { SqliteDb } from '../connection.ts';

/** table → the column naming the project its rows belong to: the tables a period's figures are read from (frozen here). */
const PER_PROJECT: Record<string, string> = {
  project: 'id',
  project_org: 'project_id',
  year_plan: 'project_id',
  progress: 'project_id',
  milestone: 'project_id',
  fund_flow: 'project_id',
  funding_plan: 'project_id',
};
const EVERY_PROJECT = ['light_rule', 'org_unit', 'staff', 'period_close'];

// Delete then insert, not INSERT OR REPLACE: inside a trigger the conflict policy of the statement that fired it
// wins, so under an upsert (INSERT … ON CONFLICT DO UPDATE) a REPLACE here would fail as ABORT.
const stamp = (id: string) =>
  `DELETE FROM derived_written WHERE project_id = ${id}; INSERT INTO derived_written (project_id, seq) SELECT ${id}, n FROM derived_seq WHERE id = 1;`;
const bump = `UPDATE derived_seq SET n = n + 1 WHERE id = 1;`;

function triggers(table: string, body: { insert: string; update: string; delete: string }): string[] {
  return (['insert', 'update', 'delete'] as const).map(
    (event) =>
      `CREATE TRIGGER derived_${table}_${event} AFTER ${event.toUpperCase()} ON ${table} BEGIN ${bump} ${body[event]} END`,
  );
}

const statements = [
  `CREATE TABLE derived_seq (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL) STRICT`,
  `INSERT INTO derived_seq (id, n) VALUES (1, 0)`,
  `CREATE TABLE derived_written (project_id INTEGER PRIMARY KEY, seq INTEGER NOT NULL) STRICT`,
  `CREATE INDEX derived_written_seq_idx ON derived_written(seq)`,
  `CREATE TABLE figure_store (
     period TEXT PRIMARY KEY,
     seq INTEGER NOT NULL,
     env TEXT NOT NULL,
     layout TEXT NOT NULL,
     dashboard TEXT,
     built_at TEXT NOT NULL
   ) STRICT`,
  `CREATE TABLE figure_store_row (
     period TEXT NOT NULL REFERENCES figure_store(period) ON DELETE CASCADE,
     pos INTEGER NOT NULL,
     project_id INTEGER NOT NULL,
     sort INTEGER NOT NULL,
     data TEXT NOT NULL,
     PRIMARY KEY (period, pos)
   ) STRICT, WITHOUT ROWID`,
  ...Object.entries(PER_PROJECT).flatMap(([table, col]) =>
    triggers(table, {
      insert: stamp(`NEW.${col}`),
      // An update may move a row to another project (a fund flow re-assigned): both projects changed.
      update: stamp(`NEW.${col}`) + ' ' + stamp(`OLD.${col}`),
      delete: stamp(`OLD.${col}`),
    }),
  ),
  ...EVERY_PROJECT.flatMap((table) => triggers(table, { insert: stamp('0'), update: stamp('0'), delete: stamp('0') })),
];

export function up(db: SqliteDb): void {
  for (const s of statements) db.exec(s);
}
