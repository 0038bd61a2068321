/**
 * A period's figures kept up to date after writes by re-reading only the projects the writes touched.
 *
 * The derived cache (derived-cache.ts) drops everything on any write, and reading the whole ledger again costs
 * a second or more on a county's 20,000 projects — what a clerk would wait for after saving one monthly report.
 * So the last computation's base (every project's own figures before the parent roll-up) is kept per period,
 * and on the next read only the projects written since (write-watch.repository.ts) are read again and the
 * cheap roll-up is redone: the result is the same, to the last field, as computing from scratch.
 *
 * The base is read from scratch instead when it cannot be trusted or patched: another connection committed
 * (its writes are not seen by our triggers), the tree or ledger order changed, rules or names changed, or
 * too many projects were written (an import: one pass is as quick). A base built inside a transaction is never
 * kept: the transaction may still roll back what it was read from.
 */
import type { PeriodFigures } from '../../../shared/schemas/figures.ts';
import type { Ctx } from '../context.ts';
import type { Db } from '../db/connection.ts';
import { FIGURES_TABLES } from '../repositories/figures.repository.ts';
import { writeStamp, writtenSince, type WriteStamp } from '../repositories/write-watch.repository.ts';
import { computeFiguresBase, figuresFromBase, patchFiguresBase, type FiguresBase, type FiguresOptions } from './figures.service.ts';

/** Beyond this many written projects, one pass over the ledger is about as quick (and keeps the SQL small). */
const PATCH_LIMIT = 500;
/** A few periods (and ad-hoc reference dates): each base holds every project's figures. */
const MAX_BASES = 4;

interface Kept {
  stamp: WriteStamp;
  base: FiguresBase;
}

const kept = new WeakMap<Db, Map<string, Kept>>();

/** How the last read was answered, for tests and the bench: patched from a kept base, or read in full. */
export let lastFiguresRead: 'patched' | 'full' = 'full';

/** The period's figures computed afresh or patched; `key` names the period, reference date and rules. */
export function currentPeriodFigures(ctx: Ctx, key: string, period: string, opts: FiguresOptions): PeriodFigures {
  const { db } = ctx;
  let bases = kept.get(db);
  if (!bases) kept.set(db, (bases = new Map()));
  const stamp = writeStamp(db, 'figures', FIGURES_TABLES);
  const old = bases.get(key);
  let base: FiguresBase | null = null;
  if (old && old.stamp.others === stamp.others && old.stamp.writes <= stamp.writes) {
    const written = writtenSince(db, 'figures', old.stamp.writes);
    if (written.length <= PATCH_LIMIT) {
      const patched = patchFiguresBase(ctx, old.base, written, opts);
      if (typeof patched !== 'string') base = patched;
    }
  }
  lastFiguresRead = base ? 'patched' : 'full';
  base ??= computeFiguresBase(ctx, period, opts);
  if (!db.sqlite.inTransaction) {
    bases.delete(key); // re-inserted last: least recently used goes first
    bases.set(key, { stamp, base });
    if (bases.size > MAX_BASES) bases.delete(bases.keys().next().value!);
  }
  return figuresFromBase(ctx, base);
}
