// 0015: the figures kept in the ledger file (0007, 0010, 0012) carry a keyed check, so a kept 总览 or a kept row
// edited with a SQLite tool is not served (kept-mac.ts): the seals leave these derived tables out (row-seal.ts), and a
// forged 总览 was shown to a 领导 as it was. Frozen SQL.
// - figure_store.mac: a MAC of the head (period, seq, env, layout, dashboard, rows_mac) under the seal key;
//   rows_mac: a MAC of every kept row's place, project, light, parenthood, sort and digest, in order.
// - figure_store_row.digest: SHA-256 of the row's data (first 16 bytes, hex), in the lights index with the rest of the
//   row's place, so the 红黄绿灯 page checks the whole index and the rows it decodes without reading the others.
// - fund_store.mac: a MAC of the kept 资金 figures.
// What was kept before has no check: emptied, and written afresh at the next write through the core (it is never
// ledger data; readers compute what the file does not keep).
import type { SqliteDb } from '../connection.ts';

const statements = [
  `DELETE FROM figure_store_row`,
  `DELETE FROM figure_store`,
  `DELETE FROM fund_store`,
  `ALTER TABLE figure_store ADD COLUMN rows_mac TEXT`,
  `ALTER TABLE figure_store ADD COLUMN mac TEXT`,
  `ALTER TABLE figure_store_row ADD COLUMN digest TEXT`,
  `DROP INDEX figure_store_row_light_idx`,
  `CREATE INDEX figure_store_row_light_idx ON figure_store_row(period, pos, level, is_parent, project_id, sort, digest)`,
  `ALTER TABLE fund_store ADD COLUMN mac TEXT`,
];

export function up(db: SqliteDb): void {
  for (const s of statements) db.exec(s);
}
