// 0002: indexes found by the county-scale bench (`npm run bench`, EXPLAIN QUERY PLAN). Frozen SQL.
// - progress(project_id, period, month_fen) covers the per-project Σ月完成 of every period's figures: the
//   index alone answers it in project order, without a lookup into the 700,000-row table per report.
// - warning(period, computed_at) answers "the latest computation of a period" with one seek instead of reading
//   every stored light of the period (which grows with each recomputation).
import type { SqliteDb } from '../connection.ts';

const statements = [
  `CREATE INDEX progress_project_period_fen_idx ON progress(project_id, period, month_fen)`,
  `CREATE INDEX warning_period_computed_idx ON warning(period, computed_at)`,
];

export function up(db: SqliteDb): void {
  for (const s of statements) db.exec(s);
}
