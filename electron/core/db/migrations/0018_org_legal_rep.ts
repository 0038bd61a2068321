// 0018: a unit's 法人代表 (org_unit.legal_rep), the person who answers for it in law: the county's T3 (重大项目表) asks
// for it beside the 项目业主's 单位名称 every month, and the ledger had nowhere to keep it, so the clerk wrote it into
// every printed row by hand. A unit's fact, not a project's: every project the unit owns shows the same person.
// NULL for the units written before (nobody named yet). The row seals cover every column (row-seal.ts), so a ledger
// is sealed anew after this migration as after any schema upgrade (seal-startup.ts: 数据库结构升级后重新封签), and the
// copy taken before it (迁移前) keeps its own seals and anchor.
// Idempotent: a ledger that already has the column (a copy restored between versions) is left as it is. Frozen SQL.
import type { SqliteDb } from '../connection.ts';

export function up(db: SqliteDb): void {
  const has = db.prepare(`SELECT 1 FROM pragma_table_info('org_unit') WHERE name = 'legal_rep'`).get();
  if (!has) db.exec(`ALTER TABLE org_unit ADD COLUMN legal_rep TEXT`);
}
