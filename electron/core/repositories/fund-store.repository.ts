/** The 资金 summary kept in the ledger file (migration 0012_fund_store.ts): one JSON text per reference date. */
import type { Db } from '../db/connection.ts';
import { cachedStatement } from '../db/connection.ts';

/** The stored summary at `asOf` ('' for every flow) and the journal position it describes, or null. */
export function readFundStore(db: Db, asOf: string): { seq: number; data: string } | null {
  return (
    (cachedStatement(db, `SELECT seq, data FROM fund_store WHERE as_of = ?`).get(asOf) as
      | { seq: number; data: string }
      | undefined) ?? null
  );
}

export function writeFundStore(db: Db, asOf: string, seq: number, data: string, at: string): void {
  cachedStatement(
    db,
    `INSERT INTO fund_store (as_of, seq, data, built_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (as_of) DO UPDATE SET seq = excluded.seq, data = excluded.data, built_at = excluded.built_at`,
  ).run(asOf, seq, data, at);
}
