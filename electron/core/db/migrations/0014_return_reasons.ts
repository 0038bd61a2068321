// 0014: why a returned 报送表 was found wrong (有误), as a JSON array of texts ("第5行F列：项目“…”：…"), so the
// 催报单 and the 报送情况 can tell the unit what to correct after the merge's report is gone. NULL for returns
// merged before this migration and for those without errors. Frozen SQL.
import type { SqliteDb } from '../connection.ts';

export function up(db: SqliteDb): void {
  db.exec(`ALTER TABLE collect_return ADD COLUMN reasons TEXT CHECK (reasons IS NULL OR json_valid(reasons))`);
}
