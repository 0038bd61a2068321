// 0017: a 资金构成 amount the office wrote as approximate (460余, 约460) keeps its mark, as 总投资 does (project.approx):
// the amount itself is the number written (460, summed as such), the flag says it was not exact, and every surface
// shows it 460.00余 (display.ts formatApproxWan). 0 for the rows written before: they were taken as exact then.
// Idempotent: a ledger that already has the column (a copy restored between versions) is left as it is. Frozen SQL.
import type { SqliteDb } from '../connection.ts';

export function up(db: SqliteDb): void {
  const has = db.prepare(`SELECT 1 FROM pragma_table_info('funding_plan') WHERE name = 'approx'`).get();
  if (!has) db.exec(`ALTER TABLE funding_plan ADD COLUMN approx INTEGER NOT NULL DEFAULT 0 CHECK (approx IN (0,1))`);
}
