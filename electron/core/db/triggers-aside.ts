/**
 * Triggers set aside for a bulk write (an import adding thousands of rows), then put back exactly as they were.
 *
 * A row trigger costs several microseconds per row even when its WHEN clause says no, and an import's run of new
 * projects adds some 50,000 rows: the seal, journal and watch bookkeeping of those rows is done in one pass at the
 * run's end instead (withDeferredSeals, withDeferredJournal, withDeferredWatches). Call inside a transaction or
 * savepoint: dropping and creating triggers is transactional (temporary ones too), so a rollback brings them back
 * with the data and no other connection ever sees the schema without them.
 */
import type { SqliteDb } from './connection.ts';

export interface TriggersAside {
  /** the triggers dropped (those of `names` that existed) */
  dropped: ReadonlySet<string>;
  /** creates them again as they were */
  putBack: () => void;
}

/**
 * Drops the named triggers of `schema` that exist; `putBack` creates them again. SQLite keeps a temporary
 * trigger's text without its TEMP keyword (“CREATE TRIGGER …”): run as stored, it would become a trigger of the
 * ledger file itself, so TEMP is put back.
 */
export function setTriggersAside(sqlite: SqliteDb, schema: 'main' | 'temp', names: readonly string[]): TriggersAside {
  const master = schema === 'temp' ? 'temp.sqlite_master' : 'main.sqlite_master';
  const kept: string[] = [];
  const dropped = new Set<string>();
  for (const name of names) {
    const sql = sqlite.prepare(`SELECT sql FROM ${master} WHERE type = 'trigger' AND name = ?`).pluck().get(name) as
      | string
      | undefined;
    if (sql === undefined) continue;
    if (schema === 'temp' && !/^CREATE TRIGGER /i.test(sql))
      throw new Error(`临时触发器 ${name} 的定义无法恢复：${sql.slice(0, 40)}`);
    kept.push(schema === 'temp' ? sql.replace(/^CREATE TRIGGER /i, 'CREATE TEMP TRIGGER ') : sql);
    sqlite.exec(`DROP TRIGGER ${schema}."${name.replaceAll('"', '""')}"`);
    dropped.add(name);
  }
  return {
    dropped,
    putBack: () => {
      for (const sql of kept) sqlite.exec(sql);
    },
  };
}

/** What a bulk write that sets aside the insert triggers of tables without rowid promises (withDeferredSeals, withDeferredWatches). */
export interface DeferOptions {
  /** rows are added to tables without rowid only for the parents the write adds (an import's run of new projects) */
  newParentsOnly?: boolean;
}

export const OLDER_ROWS_TOUCHED = '批量写入改动了原有项目的关联行，为保证每行都有校验码，本次写入已撤销';

/**
 * The guard of a `newParentsOnly` write: counts the rows of older parents (`by` ≤ `above`) in each table now, and
 * `check()` throws (rolling the write back) if any count changed — a row of an older parent added or removed while
 * its trigger was set aside would otherwise go unsealed or unstamped.
 */
export function olderParentRowsGuard(
  sqlite: SqliteDb,
  tables: readonly { table: string; by: string; above: number | bigint }[],
): { check: () => void } {
  const counts = tables.map(({ table, by, above }) => {
    const st = sqlite.prepare(`SELECT count(*) FROM main."${table.replaceAll('"', '""')}" WHERE ${by} <= ?`).pluck();
    return () => String(st.get(above));
  });
  const now = () => counts.map((count) => count()).join(',');
  const before = now();
  return {
    check: () => {
      if (now() !== before) throw new Error(OLDER_ROWS_TOUCHED);
    },
  };
}
