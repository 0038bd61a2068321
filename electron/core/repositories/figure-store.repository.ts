/**
 * The journal of written projects and the figures kept in the ledger file (migration 0007_figure_store.ts).
 * The journal is kept by schema triggers, so it holds every writer's writes — this connection's, the CLI's,
 * another window's — and rolls back with them.
 */
import type { Db } from '../db/connection.ts';
import { cachedStatement } from '../db/connection.ts';
import { setTriggersAside } from '../db/triggers-aside.ts';

/** Where the journal stands: grows by one with every row written to a table the figures are read from. */
export function journalSeq(db: Db): number {
  return cachedStatement(db, `SELECT n FROM derived_seq WHERE id = 1`).pluck().get() as number;
}

/** Projects written after journal position `seq` (0: a change every project's figures depend on). */
export function writtenAfter(db: Db, seq: number): number[] {
  return cachedStatement(db, `SELECT project_id FROM derived_written WHERE seq > ?`).pluck().all(seq) as number[];
}

export interface StoreHead {
  period: string;
  seq: number;
  env: string;
  /** how the rows are written (figure-codec.ts): key order and the list of repeated words */
  layout: string;
  dashboard: string | null;
}

export function storeHeads(db: Db): StoreHead[] {
  return cachedStatement(
    db,
    `SELECT period, seq, env, layout, dashboard FROM figure_store ORDER BY period`,
  ).all() as StoreHead[];
}

export function storeHead(db: Db, period: string): StoreHead | undefined {
  return cachedStatement(db, `SELECT period, seq, env, layout, dashboard FROM figure_store WHERE period = ?`).get(
    period,
  ) as StoreHead | undefined;
}

/**
 * The kept rows of a period in ledger order, as [sort, JSON of its figures], one at a time: a county's 20,000
 * texts (8 MB) held at once outlive the young generation and cost the first read its garbage collection.
 */
export function storeRows(db: Db, period: string): IterableIterator<[number, string]> {
  return cachedStatement(db, `SELECT sort, data FROM figure_store_row WHERE period = ? ORDER BY pos`)
    .raw(true)
    .iterate(period) as IterableIterator<[number, string]>;
}

export function writeStoreHead(db: Db, head: StoreHead, builtAt: string): void {
  cachedStatement(
    db,
    `INSERT INTO figure_store (period, seq, env, layout, dashboard, built_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (period) DO UPDATE SET seq = excluded.seq, env = excluded.env, layout = excluded.layout, dashboard = excluded.dashboard,
      built_at = excluded.built_at`,
  ).run(head.period, head.seq, head.env, head.layout, head.dashboard, builtAt);
}

/** A kept row's light and whether it has sub-projects (0010_figure_store_lights.ts), beside its figures. */
export interface StoreRowLight {
  level: 'red' | 'yellow' | 'green' | null;
  isParent: boolean;
}

/** Rows at their positions (replacing what was there); `truncateTo` drops rows from that position on. */
export function writeStoreRows(
  db: Db,
  period: string,
  rows: Iterable<{ pos: number; projectId: number; sort: number; data: string } & StoreRowLight>,
  truncateTo?: number,
): void {
  const put = cachedStatement(
    db,
    `INSERT OR REPLACE INTO figure_store_row (period, pos, project_id, sort, data, level, is_parent) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) put.run(period, r.pos, r.projectId, r.sort, r.data, r.level, r.isParent ? 1 : 0);
  if (truncateTo !== undefined)
    cachedStatement(db, `DELETE FROM figure_store_row WHERE period = ? AND pos >= ?`).run(period, truncateTo);
}

/**
 * Every kept row's project, light and parenthood in ledger order, as [pos, project id, level, is parent (0/1)],
 * from the index that holds just those: what a page of the 红黄绿灯 is picked from without decoding the rows.
 */
export function storeRowLights(db: Db, period: string): [number, number, StoreRowLight['level'], number][] {
  return cachedStatement(
    db,
    `SELECT pos, project_id, level, is_parent FROM figure_store_row INDEXED BY figure_store_row_light_idx WHERE period = ? ORDER BY pos`,
  )
    .raw(true)
    .all(period) as [number, number, StoreRowLight['level'], number][];
}

/** The kept rows at the given positions, as [pos, JSON of its figures], in ledger order. */
export function storeRowsAt(db: Db, period: string, positions: readonly number[]): [number, string][] {
  if (positions.length === 0) return [];
  return cachedStatement(
    db,
    `SELECT pos, data FROM figure_store_row WHERE period = ? AND pos IN (SELECT value FROM json_each(?)) ORDER BY pos`,
  )
    .raw(true)
    .all(period, JSON.stringify(positions)) as [number, string][];
}

export function dropStore(db: Db, period: string): void {
  cachedStatement(db, `DELETE FROM figure_store WHERE period = ?`).run(period);
}

/**
 * The journaled tables a bulk write of new projects adds rows to (0007): the column naming each row's project, and
 * how its added rows are told apart — by rowid, or (a table without rowid) by belonging to a project added.
 */
const BULK_JOURNALED: Readonly<Record<string, { col: string; byProject: boolean }>> = {
  project: { col: 'id', byProject: false },
  funding_plan: { col: 'project_id', byProject: false },
  year_plan: { col: 'project_id', byProject: false },
  project_org: { col: 'project_id', byProject: true },
};

/**
 * Runs `fn`, a bulk write that ADDS rows to some of `tables` (an import's run of new projects), with the journal's
 * insert triggers of those tables set aside, and journals the rows it added in one statement per table at its end:
 * the position grows by one per added row, as row by row, and every project with an added row is marked written at
 * the final position (row by row each is marked at its own last write: a reader, who asks for projects written after
 * a position from before the write, gets the same projects). The triggers are put back with the SQL they were
 * created with, inside the same savepoint: no other connection ever sees the schema without them, and if `fn`
 * throws (a cancel) everything is rolled back. Update and delete triggers stay. Rows are told apart by rowid, as in
 * withDeferredSeals (row-seal.ts), and project_org's by their project's id.
 */
export function withDeferredJournal<T>(db: Db, tables: readonly string[], fn: () => T): T {
  const s = db.sqlite;
  return s
    .transaction(() => {
      const maxRowid = (table: string) =>
        s.prepare(`SELECT coalesce(max(rowid), 0) FROM main."${table}"`).pluck().get() as number;
      const projectAbove = maxRowid('project');
      const marks: { table: string; col: string; by: string; above: number; trigger: string }[] = [];
      for (const table of tables) {
        const how = BULK_JOURNALED[table];
        if (!how) continue;
        const trigger = `derived_${table}_insert`;
        const by = how.byProject ? how.col : 'rowid';
        const above = how.byProject ? projectAbove : maxRowid(table);
        if (!Number.isSafeInteger(above + 1)) continue;
        // Rows already above the mark (left by a tool with foreign keys off) keep the trigger's way.
        if (how.byProject && s.prepare(`SELECT 1 FROM main."${table}" WHERE "${by}" > ? LIMIT 1`).get(above)) continue;
        marks.push({ table, col: how.col, by, above, trigger });
      }
      const aside = setTriggersAside(
        s,
        'main',
        marks.map((m) => m.trigger),
      );
      const result = fn();
      // a table whose journal trigger is not there (not journaled) gets no journal rows now either
      for (const m of marks.filter((x) => aside.dropped.has(x.trigger))) {
        const added = s
          .prepare(`SELECT count(*) FROM main."${m.table}" WHERE "${m.by}" > ?`)
          .pluck()
          .get(m.above) as number;
        if (added === 0) continue;
        s.prepare(`UPDATE main.derived_seq SET n = n + ? WHERE id = 1`).run(added);
        s.prepare(
          `INSERT INTO main.derived_written (project_id, seq)
        SELECT DISTINCT t."${m.col}", (SELECT n FROM main.derived_seq WHERE id = 1) FROM main."${m.table}" AS t WHERE t."${m.by}" > ? AND true
        ON CONFLICT (project_id) DO UPDATE SET seq = excluded.seq`,
        ).run(m.above);
      }
      aside.putBack();
      return result;
    })
    .immediate();
}
