/**
 * The journal of written projects and the figures kept in the ledger file (migration 0007_figure_store.ts).
 * The journal is kept by schema triggers, so it holds every writer's writes — this connection's, the CLI's,
 * another window's — and rolls back with them.
 */
import type { Db } from '../db/connection.ts';
import { cachedStatement } from '../db/connection.ts';

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
  return cachedStatement(db, `SELECT period, seq, env, layout, dashboard FROM figure_store ORDER BY period`).all() as StoreHead[];
}

export function storeHead(db: Db, period: string): StoreHead | undefined {
  return cachedStatement(db, `SELECT period, seq, env, layout, dashboard FROM figure_store WHERE period = ?`).get(period) as StoreHead | undefined;
}

/**
 * The kept rows of a period in ledger order, as [sort, JSON of its figures], one at a time: a county's 20,000
 * texts (8 MB) held at once outlive the young generation and cost the first read its garbage collection.
 */
export function storeRows(db: Db, period: string): IterableIterator<[number, string]> {
  return cachedStatement(db, `SELECT sort, data FROM figure_store_row WHERE period = ? ORDER BY pos`).raw(true).iterate(period) as IterableIterator<[number, string]>;
}

export function writeStoreHead(db: Db, head: StoreHead, builtAt: string): void {
  cachedStatement(db, `INSERT INTO figure_store (period, seq, env, layout, dashboard, built_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (period) DO UPDATE SET seq = excluded.seq, env = excluded.env, layout = excluded.layout, dashboard = excluded.dashboard,
      built_at = excluded.built_at`)
    .run(head.period, head.seq, head.env, head.layout, head.dashboard, builtAt);
}

/** A kept row's light and whether it has sub-projects (0010_figure_store_lights.ts), beside its figures. */
export interface StoreRowLight {
  level: 'red' | 'yellow' | 'green' | null;
  isParent: boolean;
}

/** Rows at their positions (replacing what was there); `truncateTo` drops rows from that position on. */
export function writeStoreRows(db: Db, period: string, rows: Iterable<{ pos: number; projectId: number; sort: number; data: string } & StoreRowLight>, truncateTo?: number): void {
  const put = cachedStatement(db, `INSERT OR REPLACE INTO figure_store_row (period, pos, project_id, sort, data, level, is_parent) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  for (const r of rows) put.run(period, r.pos, r.projectId, r.sort, r.data, r.level, r.isParent ? 1 : 0);
  if (truncateTo !== undefined) cachedStatement(db, `DELETE FROM figure_store_row WHERE period = ? AND pos >= ?`).run(period, truncateTo);
}

/**
 * Every kept row's project, light and parenthood in ledger order, as [pos, project id, level, is parent (0/1)],
 * from the index that holds just those: what a page of the 红黄绿灯 is picked from without decoding the rows.
 */
export function storeRowLights(db: Db, period: string): [number, number, StoreRowLight['level'], number][] {
  return cachedStatement(db, `SELECT pos, project_id, level, is_parent FROM figure_store_row INDEXED BY figure_store_row_light_idx WHERE period = ? ORDER BY pos`)
    .raw(true).all(period) as [number, number, StoreRowLight['level'], number][];
}

/** The kept rows at the given positions, as [pos, JSON of its figures], in ledger order. */
export function storeRowsAt(db: Db, period: string, positions: readonly number[]): [number, string][] {
  if (positions.length === 0) return [];
  return cachedStatement(db, `SELECT pos, data FROM figure_store_row WHERE period = ? AND pos IN (SELECT value FROM json_each(?)) ORDER BY pos`)
    .raw(true).all(period, JSON.stringify(positions)) as [number, string][];
}

export function dropStore(db: Db, period: string): void {
  cachedStatement(db, `DELETE FROM figure_store WHERE period = ?`).run(period);
}
