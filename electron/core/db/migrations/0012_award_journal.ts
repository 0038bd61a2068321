// 0012: 以奖代补 applications (award_subsidy) join the journal of written projects (0007), so the 资金 page's figures,
// kept across writes and patched for the projects written since (funds-kept.ts), see an application saved here, by
// the CLI or by any other program, like a fund flow. The triggers are 0007's, for one more table. Frozen SQL.
import type { SqliteDb } from '../connection.ts';

const stamp = (id: string) =>
  `DELETE FROM derived_written WHERE project_id = ${id}; INSERT INTO derived_written (project_id, seq) SELECT ${id}, n FROM derived_seq WHERE id = 1;`;
const bump = `UPDATE derived_seq SET n = n + 1 WHERE id = 1;`;

const statements = [
  `CREATE TRIGGER derived_award_subsidy_insert AFTER INSERT ON award_subsidy BEGIN ${bump} ${stamp('NEW.project_id')} END`,
  `CREATE TRIGGER derived_award_subsidy_update AFTER UPDATE ON award_subsidy BEGIN ${bump} ${stamp('NEW.project_id')} ${stamp('OLD.project_id')} END`,
  `CREATE TRIGGER derived_award_subsidy_delete AFTER DELETE ON award_subsidy BEGIN ${bump} ${stamp('OLD.project_id')} END`,
];

export function up(db: SqliteDb): void {
  for (const s of statements) db.exec(s);
}
