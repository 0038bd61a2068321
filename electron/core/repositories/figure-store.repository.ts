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
  /** the MAC over every row's place and digest (0015_figure_store_mac.ts, kept-mac.ts) */
  rowsMac: string | null;
  /** the MAC over this head, `rowsMac` included */
  mac: string | null;
}

const HEAD_COLUMNS = `period, seq, env, layout, dashboard, rows_mac AS rowsMac, mac`;

export function storeHeads(db: Db): StoreHead[] {
  return cachedStatement(db, `SELECT ${HEAD_COLUMNS} FROM figure_store ORDER BY period`).all() as StoreHead[];
}

export function storeHead(db: Db, period: string): StoreHead | undefined {
  return cachedStatement(db, `SELECT ${HEAD_COLUMNS} FROM figure_store WHERE period = ?`).get(period) as
    | StoreHead
    | undefined;
}

/** A kept row as read whole: [pos, project id, level, is parent (0/1), sort, JSON of its figures]. */
export type StoreRow = [number, number, StoreRowLight['level'], number, number, string];

/**
 * The kept rows of a period in ledger order, one at a time: a county's 20,000 texts (8 MB) held at once outlive the
 * young generation and cost the first read its garbage collection.
 */
export function storeRows(db: Db, period: string): IterableIterator<StoreRow> {
  return cachedStatement(
    db,
    `SELECT pos, project_id, level, is_parent, sort, data FROM figure_store_row WHERE period = ? ORDER BY pos`,
  )
    .raw(true)
    .iterate(period) as IterableIterator<StoreRow>;
}

export function writeStoreHead(db: Db, head: StoreHead, builtAt: string): void {
  cachedStatement(
    db,
    `INSERT INTO figure_store (period, seq, env, layout, dashboard, rows_mac, mac, built_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (period) DO UPDATE SET seq = excluded.seq, env = excluded.env, layout = excluded.layout, dashboard = excluded.dashboard,
      rows_mac = excluded.rows_mac, mac = excluded.mac, built_at = excluded.built_at`,
  ).run(head.period, head.seq, head.env, head.layout, head.dashboard, head.rowsMac, head.mac, builtAt);
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
  rows: Iterable<{ pos: number; projectId: number; sort: number; data: string; digest: string | null } & StoreRowLight>,
  truncateTo?: number,
): void {
  const put = cachedStatement(
    db,
    `INSERT OR REPLACE INTO figure_store_row (period, pos, project_id, sort, data, level, is_parent, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) put.run(period, r.pos, r.projectId, r.sort, r.data, r.level, r.isParent ? 1 : 0, r.digest);
  if (truncateTo !== undefined)
    cachedStatement(db, `DELETE FROM figure_store_row WHERE period = ? AND pos >= ?`).run(period, truncateTo);
}

/** A kept row's place as the index holds it: [pos, project id, level, is parent (0/1), sort, digest of its data]. */
export type StoreRowPlace = [number, number, StoreRowLight['level'], number, number, string | null];

/**
 * Every kept row's place in ledger order, from the index that holds just those (0015: with its sort and digest,
 * what the rows' MAC covers): what a page of the 红黄绿灯 is picked from without decoding the rows.
 */
export function storeRowLights(db: Db, period: string): StoreRowPlace[] {
  return cachedStatement(
    db,
    `SELECT pos, project_id, level, is_parent, sort, digest FROM figure_store_row INDEXED BY figure_store_row_light_idx WHERE period = ? ORDER BY pos`,
  )
    .raw(true)
    .all(period) as StoreRowPlace[];
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
