// 0004: row seals — the tamper evidence for the ledger's own tables (the change log already has its hash chain).
// Every row of a sealed table gets a keyed MAC kept in row_seal; seal_state holds, per table, the row count and
// the XOR of the MACs, so that a row deleted together with its seal still shows. Both are maintained by
// per-connection temporary triggers (electron/core/audit/row-seal.ts); rows present before this migration are
// sealed once at start-up as the baseline. Frozen SQL.
import type { SqliteDb } from '../connection.ts';

const statements = [
  `CREATE TABLE row_seal (tbl TEXT NOT NULL, rk TEXT NOT NULL, mac INTEGER NOT NULL, PRIMARY KEY (tbl, rk)) STRICT, WITHOUT ROWID`,
  `CREATE TABLE seal_state (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL, x INTEGER NOT NULL) STRICT`,
];

export function up(db: SqliteDb): void {
  for (const s of statements) db.exec(s);
}
