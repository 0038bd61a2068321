/** The 资金 summary kept in the ledger file (migration 0012_fund_store.ts): one JSON text per reference date. */
import type { Db } from '../db/connection.ts';
import { cachedStatement } from '../db/connection.ts';

export interface FundStoreRow {
  seq: number;
  data: string;
  /** its MAC under the seal key (0015_figure_store_mac.ts, kept-mac.ts); null: written without one */
  mac: string | null;
}

/** The stored summary at `asOf` ('' for every flow) and the journal position it describes, or null. */
export function readFundStore(db: Db, asOf: string): FundStoreRow | null {
  return (
    (cachedStatement(db, `SELECT seq, data, mac FROM fund_store WHERE as_of = ?`).get(asOf) as
      | FundStoreRow
      | undefined) ?? null
  );
}

/** The reference dates a summary is kept for. */
export function fundStoreKeys(db: Db): string[] {
  return cachedStatement(db, `SELECT as_of FROM fund_store ORDER BY as_of`).pluck().all() as string[];
}

export function writeFundStore(db: Db, asOf: string, row: FundStoreRow, at: string): void {
  cachedStatement(
    db,
    `INSERT INTO fund_store (as_of, seq, data, mac, built_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (as_of) DO UPDATE SET seq = excluded.seq, data = excluded.data, mac = excluded.mac, built_at = excluded.built_at`,
  ).run(asOf, row.seq, row.data, row.mac, at);
}
