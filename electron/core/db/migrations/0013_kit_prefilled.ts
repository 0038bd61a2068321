// 0013: what each 报送表 held in its locked cells when it was issued (项目名称, 年度计划, 截至上月累计, by project
// code), as JSON. A return's locked cells are compared with what the unit was sent, not with the ledger as it is at
// merge time: a 年度计划 corrected in the ledger after the kits went out is not a change the unit made. NULL for kits
// issued before this migration (their returns are compared with the ledger, as before). Frozen SQL.
import type { SqliteDb } from '../connection.ts';

export function up(db: SqliteDb): void {
  db.exec(`ALTER TABLE collect_kit ADD COLUMN prefilled TEXT CHECK (prefilled IS NULL OR json_valid(prefilled))`);
}
