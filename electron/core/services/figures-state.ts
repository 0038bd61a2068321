/**
 * Derived figures kept up to date after writes by re-reading only the projects the writes touched: a period's
 * figures (periodFigures) and the per-project sums behind the 总览 (monthly totals, funding by source).
 *
 * The derived cache (derived-cache.ts) drops everything on any write, and reading the whole ledger again costs
 * a second or more on a county's 20,000 projects — what a clerk would wait for after saving one monthly report.
 * So the last computation is kept per key (period, reference date, rules), and on the next read only the
 * projects written since (the journal, figure-store.repository.ts) are read again: the result is the same, to the last
 * field, as computing from scratch.
 *
 * Everything is read from scratch instead when what is kept cannot be trusted or patched: too many projects
 * were written (an import: one pass is as quick), or — for the figures — the tree or ledger order, the rules or
 * unit/staff names changed. Which projects were written comes from the journal in the ledger file (migration
 * 0007_figure_store.ts): schema triggers record every writer's writes, the CLI's included, so a write by
 * another program is patched like one of ours. Nothing read inside a transaction is kept (the transaction may
 * still roll back what it was read from), except what the figure store hands over once the commit is done.
 */
import { LRUCache } from 'lru-cache';
import type { PeriodFigures } from '../../../shared/schemas/figures.ts';
import type { Ctx } from '../context.ts';
import type { Db } from '../db/connection.ts';
import { journalSeq, writtenAfter } from '../repositories/figure-store.repository.ts';
import {
  computeFiguresBase,
  figuresFromBase,
  patchFiguresBase,
  type FiguresBase,
  type FiguresOptions,
} from './figures.service.ts';

/** Beyond this many written projects, one pass over the ledger is about as quick (and keeps the SQL small). */
const PATCH_LIMIT = 500;
/** A few periods (and ad-hoc reference dates) of each kind: each one holds a value per project. */
const MAX_KEPT = 4;

/** A value and the journal position it describes the ledger at. */
export interface Kept<T> {
  seq: number;
  value: T;
}

const keptByDb = new WeakMap<Db, Map<string, LRUCache<string, Kept<unknown>>>>();

/** How the last read of figures was answered, for tests: as kept, patched from what was kept (in memory or in the file), or read in full. */
export const lastRead = {
  /** kept: nothing written since (the value as kept, e.g. by the figure store's upkeep at the write's commit) */
  figures: 'full' as How,
  perProject: 'full' as How,
  figuresFrom: 'memory' as 'memory' | 'file' | 'none',
  /** how the last upkeep of the figure store at a commit brought the figures up to date (tests reset it) */
  upkeep: null as How | null,
};
type How = 'kept' | 'patched' | 'full';

function keptOf(db: Db, kind: string): LRUCache<string, Kept<unknown>> {
  let byKind = keptByDb.get(db);
  if (!byKind) keptByDb.set(db, (byKind = new Map()));
  let kept = byKind.get(kind);
  // Per kind a few keys; when full, the least recently used (read or remembered) goes first.
  if (!kept) byKind.set(kind, (kept = new LRUCache({ max: MAX_KEPT })));
  return kept;
}

function remember<T>(db: Db, kind: string, key: string, entry: Kept<T>): void {
  keptOf(db, kind).set(key, entry);
}

export interface Kept2<T> {
  value: T;
  /** patched from what was kept (else read in full) */
  patched: boolean;
  how: How;
  /** where the kept value came from: this process's memory, the ledger file (`stored`), or nowhere */
  from: 'memory' | 'file' | 'none';
  /** the value patched (its untouched parts are shared with `value`) */
  previous: T | null;
  /** the journal position `previous` described */
  previousSeq: number | null;
  seq: number;
}

/**
 * What the ledger file keeps for a key: the journal position it describes, and its value read (decoded) only once
 * it is known to be patchable — after an import of 10,000 projects it is not, and decoding a county's 20,000 kept
 * rows only to drop them was a third of a second of the import's commit. `read()` null: damaged, read afresh.
 */
export interface StoredKept<T> {
  seq: number;
  read(): T | null;
}

/**
 * The value kept under `key` (in memory, else `stored()` from the ledger file), brought up to date by
 * `patch(old, written project ids)` (which may refuse: null), or `full()` read afresh; kept for the next read
 * unless inside a transaction. A few keys are kept per kind.
 */
export function keep<T>(
  db: Db,
  kind: string,
  key: string,
  full: () => T,
  patch: (old: T, written: number[]) => T | null,
  stored?: () => StoredKept<T> | null,
): Kept2<T> {
  const seq = journalSeq(db);
  /** The projects written since `at`, when few enough to patch what described the ledger then; else null. */
  const writtenSince = (at: number): number[] | null => {
    if (at > seq) return null;
    const written = at === seq ? [] : writtenAfter(db, at);
    return written.length <= PATCH_LIMIT ? written : null;
  };
  let old = keptOf(db, kind).get(key) as Kept<T> | undefined;
  let from: Kept2<T>['from'] = old ? 'memory' : 'none';
  let written = old ? writtenSince(old.seq) : null;
  if (!old && stored) {
    const file = stored();
    const since = file ? writtenSince(file.seq) : null;
    const fileValue = since ? file!.read() : null;
    if (fileValue !== null) {
      old = { seq: file!.seq, value: fileValue };
      from = 'file';
      written = since;
    }
  }
  let value: T | null = null;
  if (old && written) value = written.length === 0 ? old.value : patch(old.value, written);
  const patched = value !== null;
  const how: How = !patched ? 'full' : old!.seq === seq ? 'kept' : 'patched';
  value ??= full();
  if (!db.sqlite.inTransaction) remember(db, kind, key, { seq, value });
  else if (upkeep.has(db)) {
    const entry = { seq, value };
    db.afterCommit(() => remember(db, kind, key, entry));
  }
  return {
    value,
    patched,
    how,
    from: patched ? from : 'none',
    previous: patched ? old!.value : null,
    previousSeq: patched ? old!.seq : null,
    seq,
  };
}

/** What this core keeps in memory under `kind`: each key with its value and journal position (kept at close). */
export function keptEntries<T>(db: Db, kind: string): [string, Kept<T>][] {
  return [...keptOf(db, kind).entries()] as [string, Kept<T>][];
}

const upkeep = new WeakSet<Db>();

/**
 * Runs `fn` (work at the end of a committing transaction, after its last write: the figure store's upkeep) so that
 * what it computes is kept once the transaction has committed — nothing it read can be rolled back by then.
 */
export function keepingAtCommit<T>(db: Db, fn: () => T): T {
  upkeep.add(db);
  try {
    return fn();
  } finally {
    upkeep.delete(db);
  }
}

/** Whether this core holds figures under `key` in memory (current or to be patched): reading them costs little. */
export function figuresKeptInMemory(db: Db, key: string): boolean {
  return keptOf(db, 'figures').has(key);
}

/** The figures base kept for the period's default reference date (what the figure store keeps in the file). */
export function figuresBaseNow(
  ctx: Ctx,
  key: string,
  period: string,
  opts: FiguresOptions,
  stored?: () => StoredKept<FiguresBase> | null,
): Kept2<FiguresBase> {
  const got = keep<FiguresBase>(
    ctx.db,
    'figures',
    key,
    () => computeFiguresBase(ctx, period, opts),
    (old, written) => {
      const base = patchFiguresBase(ctx, old, written, opts);
      return typeof base === 'string' ? null : base;
    },
    stored,
  );
  lastRead.figures = got.how;
  lastRead.figuresFrom = got.from;
  if (upkeep.has(ctx.db)) lastRead.upkeep = got.how;
  return got;
}

/** The period's figures, patched for the projects written since the last read, or computed afresh. */
export function currentPeriodFigures(
  ctx: Ctx,
  key: string,
  period: string,
  opts: FiguresOptions,
  stored?: () => StoredKept<FiguresBase> | null,
): PeriodFigures {
  return figuresFromBase(ctx, figuresBaseNow(ctx, key, period, opts, stored).value);
}

/** Integer sums per group (a month, a fund source) with how many rows made them: a group without rows is gone. */
export type Totals<F extends string> = ReadonlyMap<string, Readonly<Record<F, number>> & { rows: number }>;

interface KeptTotals<F extends string> {
  /**
   * Per project its rows packed as numbers — [group index, field values…] per row — not as row objects: a county's
   * 180,000 monthly rows kept as objects cost tens of MB (the core's memory budget is 300 MB).
   */
  byProject: Map<number, Float64Array>;
  groups: string[];
  totals: Map<string, Record<F, number> & { rows: number }>;
}

/**
 * Σ of `fields` per group over per-project rows (e.g. month_fen per month), kept across writes: the written
 * projects' rows are read again with `read(ids)` and swapped in — their old rows subtracted, the new added — so a
 * saved report costs a few rows, not the 180,000 of a county's year. Sums of integers (分): exact in any order,
 * so equal to the sums SQL would give. `read()` without ids reads every project's rows, one at a time: a
 * county's 180,000 monthly rows materialised at once (arrays, then objects) pushed the core past its 300 MB budget.
 * `read` gives a project's rows together (ORDER BY project_id), so they are packed as they come.
 */
export function keptTotals<R extends { project_id: number }, F extends string & keyof R>(
  db: Db,
  kind: string,
  key: string,
  read: (ids?: readonly number[]) => Iterable<R>,
  groupOf: (r: R) => string,
  fields: readonly F[],
  /** The projects whose rows a write to `written` may change (default: those); e.g. a parent's and its parts'. */
  affected: (written: number[]) => number[] = (written) => written,
): Totals<F> {
  const stride = 1 + fields.length;
  const add = (kept: KeptTotals<F>, packed: ArrayLike<number>, sign: 1 | -1) => {
    for (let i = 0; i < packed.length; i += stride) {
      const g = kept.groups[packed[i]!]!;
      let t = kept.totals.get(g);
      if (!t)
        kept.totals.set(
          g,
          (t = Object.assign(Object.fromEntries(fields.map((f) => [f, 0])) as Record<F, number>, { rows: 0 })),
        );
      const sums = t as Record<string, number>;
      for (let f = 0; f < fields.length; f++) sums[fields[f]!] = sums[fields[f]!]! + sign * packed[i + 1 + f]!;
      t.rows += sign;
      if (t.rows === 0) kept.totals.delete(g);
    }
  };
  const pack = (kept: Pick<KeptTotals<F>, 'groups'>, groupIndex: Map<string, number>, rows: Iterable<R>) => {
    // `read` gives each project's rows together (ORDER BY project_id): they are gathered in one scratch array and
    // copied out at the exact size when the next project starts. An array per project grown row by row instead
    // outlived the young generation and was copied into the old one, 20,000 of them at once — the largest part
    // of the core's peak memory above its modules on a county's ledger. Rows out of that order are still added
    // correctly (appended to what the project has), only less frugally.
    const packed = new Map<number, Float64Array>();
    let scratch = new Float64Array(64 * stride);
    let length = 0;
    let current: number | null = null;
    const emit = () => {
      if (current === null) return;
      const before = packed.get(current);
      const mine = scratch.slice(0, length);
      if (!before) packed.set(current, mine);
      else {
        const both = new Float64Array(before.length + mine.length);
        both.set(before);
        both.set(mine, before.length);
        packed.set(current, both);
      }
      length = 0;
    };
    for (const r of rows) {
      if (r.project_id !== current) {
        emit();
        current = r.project_id;
      }
      const g = groupOf(r);
      let gi = groupIndex.get(g);
      if (gi === undefined) groupIndex.set(g, (gi = kept.groups.push(g) - 1));
      if (length + stride > scratch.length) {
        const bigger = new Float64Array(scratch.length * 2);
        bigger.set(scratch);
        scratch = bigger;
      }
      scratch[length++] = gi;
      for (const f of fields) scratch[length++] = (r[f] as number | null) ?? 0;
    }
    emit();
    return packed;
  };
  const indexOf = (groups: string[]) => new Map(groups.map((g, i) => [g, i]));
  const { value, how } = keep<KeptTotals<F>>(
    db,
    kind,
    key,
    () => {
      const kept: KeptTotals<F> = { byProject: new Map(), groups: [], totals: new Map() };
      kept.byProject = pack(kept, new Map(), read());
      for (const packed of kept.byProject.values()) add(kept, packed, 1);
      return kept;
    },
    (old, writtenNow) => {
      if (writtenNow.length === 0) return old;
      const written = affected(writtenNow);
      if (written.length > PATCH_LIMIT) return null;
      // Outside a transaction the old value is replaced by this one: patched in place (copying 20,000 entries
      // per read showed in the 总览's budget). Inside, it is kept as it was for after a rollback.
      const inPlace = !db.sqlite.inTransaction;
      const next: KeptTotals<F> = inPlace
        ? old
        : {
            byProject: new Map(old.byProject),
            groups: [...old.groups],
            totals: new Map([...old.totals].map(([g, t]) => [g, { ...t }])),
          };
      const fresh = pack(next, indexOf(next.groups), read(written));
      for (const id of written) {
        add(next, next.byProject.get(id) ?? [], -1);
        const packed = fresh.get(id);
        if (packed) next.byProject.set(id, packed);
        else next.byProject.delete(id);
        add(next, packed ?? [], 1);
      }
      return next;
    },
  );
  lastRead.perProject = how;
  return value.totals;
}
