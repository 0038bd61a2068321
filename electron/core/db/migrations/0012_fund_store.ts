// 0012: the 资金 page's summary kept in the ledger file (issue 16), as the figures are (0007), so the first visit after
// opening a county's ledger reads it and patches the projects written since, instead of computing it over 20,000
// projects and 100,000 flows (funds-kept.ts). Frozen SQL.
// - fund_store: the summary at a reference date (as_of; '' for every flow) as it was at journal position `seq`, as
//   JSON. Derived, not sealed (row-seal.ts), rebuilt whenever it cannot be used.
// - 以奖代补 applications (award_subsidy) join the journal of written projects: the kept summary sees an application
//   saved here, by the CLI or by any other program, like a fund flow. The triggers are 0007's, for one more table.
import type { SqliteDb } from '../connection.ts';

const stamp = (id: string) =>
  `DELETE FROM derived_written WHERE project_id = ${id}; INSERT INTO derived_written (project_id, seq) SELECT ${id}, n FROM derived_seq WHERE id = 1;`;
const bump = `UPDATE derived_seq SET n = n + 1 WHERE id = 1;`;

const statements = [
  `CREATE TABLE fund_store (
     as_of TEXT PRIMARY KEY,
     seq INTEGER NOT NULL,
     data TEXT NOT NULL,
     built_at TEXT NOT NULL
   ) STRICT`,
  `CREATE TRIGGER derived_award_subsidy_insert AFTER INSERT ON award_subsidy BEGIN ${bump} ${stamp('NEW.project_id')} END`,
  `CREATE TRIGGER derived_award_subsidy_update AFTER UPDATE ON award_subsidy BEGIN ${bump} ${stamp('NEW.project_id')} ${stamp('OLD.project_id')} END`,
  `CREATE TRIGGER derived_award_subsidy_delete AFTER DELETE ON award_subsidy BEGIN ${bump} ${stamp('OLD.project_id')} END`,
];

export function up(db: SqliteDb): void {
  for (const s of statements) db.exec(s);
}
