/**
 * The figures kept in the ledger file as a test rewrites them behind the core: re-stamped with the MACs the program
 * itself would write (kept-mac.ts), for a test that stands for an earlier version of the program, not a forger.
 */
import Database from 'better-sqlite3';
import type { Db } from '../../electron/core/db/connection.ts';
import { storeHead, storeRowLights } from '../../electron/core/repositories/figure-store.repository.ts';
import { headMac, keptKey, rowDigest, rowsMac } from '../../electron/core/services/kept-mac.ts';

/** Every kept row's digest, the rows' MAC and the head's MAC of `period`, computed again under the core's key. */
export function restampFigureStore(db: Db, period: string): void {
  const key = keptKey(db);
  if (!key) throw new Error('this connection has no seal key');
  const s = db.sqlite;
  s.transaction(() => {
    const rows = s.prepare('SELECT pos, data FROM figure_store_row WHERE period = ?').all(period) as {
      pos: number;
      data: string;
    }[];
    const put = s.prepare('UPDATE figure_store_row SET digest = ? WHERE period = ? AND pos = ?');
    for (const r of rows) put.run(rowDigest(r.data), period, r.pos);
    const mac = rowsMac(key, period);
    for (const p of storeRowLights(db, period)) mac.add(p);
    const head = { ...storeHead(db, period)!, rowsMac: mac.done() };
    s.prepare('UPDATE figure_store SET rows_mac = ?, mac = ? WHERE period = ?').run(
      head.rowsMac,
      headMac(key, head),
      period,
    );
  })();
}

/** An edit of the ledger file by another program (the sqlite3 shell, DB Browser): a connection of its own, one transaction. */
export function editAsTool(file: string, edit: (tool: Database.Database) => void): void {
  const tool = new Database(file);
  try {
    tool.transaction(() => edit(tool))();
  } finally {
    tool.close();
  }
}
