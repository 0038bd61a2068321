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
import { olderParentRowsGuard, setTriggersAside, type DeferOptions } from '../db/triggers-aside.ts';

/** table → the column naming the project a row belongs to */
export type WatchedTables = Readonly<Record<string, string>>;

/** The temporary trigger of a watch on one table and event (withDeferredWatches sets the INSERT ones aside). */
const watchTrigger = (name: string, table: string, event: 'INSERT' | 'UPDATE' | 'DELETE') =>
  `${name}_${table}_${event.toLowerCase()}`;

/** per connection: each watch installed, with the tables it watches */
const installed = new WeakMap<Db, Map<string, WatchedTables>>();

function install(db: Db, name: string, tables: WatchedTables): void {
  let names = installed.get(db);
  if (!names) installed.set(db, (names = new Map()));
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
        .exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${watchTrigger(name, table, event)} AFTER ${event} ON main.${table}
        BEGIN UPDATE ${name}_seq SET n = n + 1; ${body} END`);
  }
  // Set up inside a transaction, the watch goes if it rolls back (temporary tables and triggers included):
  // remembered only once it is sure to stay.
  if (!db.sqlite.inTransaction) names.set(name, tables);
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

/**
 * Runs `fn`, a bulk write that ADDS rows to rowid tables among `tables` (an import's run of new projects), with the
 * watches' insert triggers of those tables set aside, and stamps the projects of the added rows in one statement per
 * watch and table at its end: the counter grows by one per added row, as row by row, and each project is stamped with
 * the final count (as the figure journal's withDeferredJournal does: a cache asking for the projects written after a
 * count from before the write gets the same ones). A table without rowid keeps its trigger (a row it gains for an
 * older project is stamped as written), unless `newParentsOnly` (withDeferredSeals): then its rows added are those of
 * the projects above the project table's mark, and the write is refused should it touch an older project's rows.
 * Update and delete triggers stay. In a savepoint: a throw (a cancel) rolls the triggers back with the rows.
 */
export function withDeferredWatches<T>(db: Db, tables: readonly string[], fn: () => T, opts: DeferOptions = {}): T {
  const watches = installed.get(db);
  if (!watches?.size) return fn();
  const s = db.sqlite;
  return s.transaction(() => {
    const marks: { name: string; table: string; col: string; by: string; above: number; trigger: string }[] = [];
    const maxRowid = (table: string) =>
      s.prepare(`SELECT coalesce(max(rowid), 0) FROM main."${table}"`).pluck().get() as number;
    const projectAbove = maxRowid('project');
    const olderTables: { table: string; by: string; above: number }[] = [];
    for (const table of tables) {
      const rowid = s
        .prepare(`SELECT wr = 0 FROM pragma_table_list WHERE schema = 'main' AND name = ?`)
        .pluck()
        .get(table);
      if (rowid !== 1 && !opts.newParentsOnly) continue;
      const above = rowid === 1 ? maxRowid(table) : projectAbove;
      if (!Number.isSafeInteger(above + 1)) continue;
      for (const [name, watched] of watches) {
        const col = watched[table];
        if (!col) continue;
        // a table without rowid: its rows added are those of the projects added (its watched column is the project)
        const by = rowid === 1 ? 'rowid' : `"${col}"`;
        if (rowid !== 1) {
          if (s.prepare(`SELECT 1 FROM main."${table}" WHERE ${by} > ? LIMIT 1`).get(above)) continue;
          olderTables.push({ table, by, above });
        }
        marks.push({ name, table, col, by, above, trigger: watchTrigger(name, table, 'INSERT') });
      }
    }
    const older = olderParentRowsGuard(s, olderTables);
    const aside = setTriggersAside(
      s,
      'temp',
      marks.map((m) => m.trigger),
    );
    const result = fn();
    aside.putBack();
    older.check();
    for (const m of marks.filter((x) => aside.dropped.has(x.trigger))) {
      const added = s
        .prepare(`SELECT count(*) FROM main."${m.table}" WHERE ${m.by} > ?`)
        .pluck()
        .get(m.above) as number;
      if (added === 0) continue;
      s.prepare(`UPDATE temp.${m.name}_seq SET n = n + ?`).run(added);
      s.prepare(
        `INSERT OR REPLACE INTO temp.${m.name}_written (id, seq)
        SELECT DISTINCT t."${m.col}", (SELECT n FROM temp.${m.name}_seq) FROM main."${m.table}" AS t
        WHERE t.${m.by} > ? AND t."${m.col}" IS NOT NULL`,
      ).run(m.above);
    }
    return result;
  })();
}
