/**
 * Which projects this connection wrote, for caches that patch themselves instead of re-reading the whole ledger
 * (the ledger grid's filter index, a period's figures, the 总览).
 *
 * A watch is a set of temporary triggers — they live in this connection only, so the schema stays as the
 * migrations made it — that bump a counter on every write to its tables and stamp the written project ids
 * with the counter's value. A cache remembers the counter when it was built and later asks for the ids
 * written since. Temporary tables take part in the connection's transactions, so a rolled-back write takes its
 * stamps (and the counter) back with it: what remains always describes committed-or-pending data exactly.
 * Commits by OTHER connections are not seen by triggers: callers compare `PRAGMA data_version` as well.
 */
import type { Db } from '../db/connection.ts';

/** table → the column naming the project a row belongs to */
export type WatchedTables = Readonly<Record<string, string>>;

const installed = new WeakMap<Db, Set<string>>();

function install(db: Db, name: string, tables: WatchedTables): void {
  let names = installed.get(db);
  if (!names) installed.set(db, (names = new Set()));
  if (names.has(name)) return;
  // CREATE … AS, not an INSERT: setting up a watch must not count as a change (total_changes, derived-cache.ts).
  db.sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS ${name}_seq AS SELECT 0 AS n;
    CREATE TEMP TABLE IF NOT EXISTS ${name}_written (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL);`);
  const stamp = (row: 'NEW' | 'OLD', col: string) =>
    `INSERT OR REPLACE INTO ${name}_written (id, seq) SELECT ${row}.${col}, n FROM ${name}_seq WHERE ${row}.${col} IS NOT NULL;`;
  for (const [table, col] of Object.entries(tables)) {
    // An UPDATE may move a row to another project (a fund flow re-assigned): both projects changed.
    const events = [
      ['INSERT', stamp('NEW', col)],
      ['UPDATE', stamp('NEW', col) + stamp('OLD', col)],
      ['DELETE', stamp('OLD', col)],
    ] as const;
    for (const [event, body] of events)
      db.sqlite
        .exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${name}_${table}_${event.toLowerCase()} AFTER ${event} ON main.${table}
        BEGIN UPDATE ${name}_seq SET n = n + 1; ${body} END`);
  }
  // Set up inside a transaction, the watch goes if it rolls back (temporary tables and triggers included):
  // remembered only once it is sure to stay.
  if (!db.sqlite.inTransaction) names.add(name);
}

export interface WriteStamp {
  /** writes to the watched tables through this connection (rolled-back ones taken back) */
  writes: number;
  /** PRAGMA data_version: changes when another connection commits */
  others: number;
}

/** Starts watching (once per connection and name) and returns where the writes stand now. */
export function writeStamp(db: Db, name: string, tables: WatchedTables): WriteStamp {
  install(db, name, tables);
  return {
    writes: db.sqlite.prepare(`SELECT n FROM temp.${name}_seq`).pluck().get() as number,
    others: db.sqlite.pragma('data_version', { simple: true }) as number,
  };
}

/** Projects written through this connection after the stamp's `writes` (call writeStamp first). */
export function writtenSince(db: Db, name: string, writes: number): number[] {
  return db.sqlite.prepare(`SELECT id FROM temp.${name}_written WHERE seq > ?`).pluck().all(writes) as number[];
}
