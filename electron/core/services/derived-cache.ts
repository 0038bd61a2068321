/**
 * A small per-database cache of derived figures (a period's figures, the 总览) that are expensive to compute
 * from the whole ledger but change only when the data does. An entry is served only while the database's
 * generation (`Db.generation()`: rows written by this connection + commits by others) is the one it was
 * computed at, so ANY write — a report, a fund flow, a rule, a close, an import — invalidates the lot; a
 * restore opens a new Db, which starts with an empty cache. A new day on the ledger's clock drops the lot too: what
 * is judged by today (a month's 月报 past their due day, a printout's date) must not be served from yesterday. Values are deep-frozen: every consumer shares
 * the same object, and an accidental mutation throws instead of corrupting the next caller's figures.
 */
import { LRUCache } from 'lru-cache';
import { todayIso } from '../../../shared/domain/dates.ts';
import type { Ctx } from '../context.ts';
import type { Db } from '../db/connection.ts';

/** A few periods and their dashboards: a clerk flips between this month and the last ones. */
const MAX_ENTRIES = 8;

interface Cache {
  generation: string;
  /** the day (ledger clock) the entries were computed on */
  day: string;
  /** Boxed: lru-cache keeps no null/undefined values, and a computed figure may be null. */
  entries: LRUCache<string, { value: unknown }>;
}

const caches = new WeakMap<Db, Cache>();

function cacheOf(db: Db): Cache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = { generation: '', day: '', entries: new LRUCache({ max: MAX_ENTRIES }) }));
  return c;
}

/**
 * The cached value for `key`, or `compute()` stored under the current generation. Inside a transaction the
 * value is computed but not stored: the transaction may still roll back what the value was computed from.
 */
export function cached<T>(ctx: Pick<Ctx, 'db' | 'now'>, key: string, compute: () => T): T {
  const { db } = ctx;
  const c = cacheOf(db);
  const generation = db.generation();
  const day = todayIso(ctx.now());
  if (c.generation !== generation || c.day !== day) {
    c.entries.clear();
    c.generation = generation;
    c.day = day;
  }
  // get() marks the entry most recently used; the least recently used one goes first when the cache is full.
  const hit = c.entries.get(key);
  if (hit) return hit.value as T;
  const value = deepFreeze(compute());
  // Stored only if every write during compute was declared harmless to cached values (see ownWrites).
  if (!db.sqlite.inTransaction && db.generation() === c.generation) {
    c.entries.set(key, { value });
  }
  return value;
}

/**
 * Runs a write that no cached value depends on (the light history) without invalidating the cache:
 * if the cache was current before the write, it stays current after it.
 */
export function ownWrites<T>(db: Db, write: () => T): T {
  const c = cacheOf(db);
  const before = db.generation();
  const result = write();
  if (c.generation === before) c.generation = db.generation();
  return result;
}

/** Freezes a value and everything it holds; parts frozen already (shared with an earlier value) are not walked again. */
export function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    // for…in, not Object.values: an array of values per object was most of what freezing 20,000 projects allocated
    for (const k in v) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}
