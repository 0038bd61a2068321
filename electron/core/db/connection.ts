/**
 * One better-sqlite3 connection per database file, with Kysely used as a typed *query compiler*:
 * queries are built with Kysely and executed synchronously through better-sqlite3. Synchronous
 * execution makes every service's transaction (`db.tx`) truly atomic and free of the async
 * re-entrance hazard of Kysely transactions on a single SQLite connection (awaiting the outer db
 * inside a transaction deadlocks).
 */
import Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type CompiledQuery,
  type Insertable,
  type Updateable,
} from 'kysely';
import type { DB } from './schema.ts';

export type SqliteDb = Database.Database;

export interface Db {
  readonly sqlite: SqliteDb;
  readonly file: string;
  /** Compile-only Kysely: build queries with it, run them with all/first/run. */
  readonly q: Kysely<DB>;
  all<R>(query: Compilable<R>): R[];
  /**
   * Same rows as `all`, read as arrays and shaped by a per-statement constructor: about half the cost of
   * better-sqlite3 building each object, which shows on whole-ledger reads (20,000 projects, 700,000 reports).
   */
  allLean<R>(query: Compilable<R>): R[];
  /** allLean one row at a time: for reads of hundreds of thousands of rows that are folded, not kept. */
  eachLean<R>(query: Compilable<R>): IterableIterator<R>;
  first<R>(query: Compilable<R>): R | undefined;
  run(query: Compilable<unknown>): { changes: number; lastInsertRowid: number };
  /** Runs fn in one IMMEDIATE transaction (nested calls become savepoints). */
  tx<T>(fn: () => T): T;
  /**
   * Work run at the end of every outermost `tx`, inside it, just before the commit (what must be written in the
   * same transaction as the data it follows, e.g. the figures kept in the file). Registered once per connection.
   */
  beforeCommit(hook: () => void): void;
  /** Inside the before-commit hooks: `fn` runs once the transaction has committed (never after a rollback). */
  afterCommit(fn: () => void): void;
  /**
   * Changes whenever the data may have changed: rows written through this connection since it was opened
   * (`total_changes()`, rolled-back writes included) and commits by other connections (`PRAGMA data_version`,
   * e.g. the CLI on the same file). Microseconds to read; the key of the derived-figures cache.
   */
  generation(): string;
  /** PRAGMA data_version: moves when another connection (the CLI, a second window) commits, never for this one. */
  othersVersion(): number;
  close(): void;
}

export interface OpenOptions {
  readonly?: boolean;
  /** Throw if the file does not exist yet (restore previews, verify). */
  mustExist?: boolean;
}

const compiler = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

export const BUSY_TIMEOUT_MS = 1000;

export function applyPragmas(sqlite: SqliteDb, readonly = false): void {
  // Calls run on the thread that serves the window: a wait for another program's write lock freezes it. One
  // second covers another program's ordinary commit (milliseconds); a longer hold answers SQLITE_BUSY, shown as
  // "台账正被另一个程序使用，请稍后再试" (handle-call.ts) instead of a 5-second freeze.
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma('foreign_keys = ON');
  if (!readonly) {
    sqlite.pragma('journal_mode = WAL');
    // FULL: a commit the app acknowledged survives power loss (office PCs are switched off at the wall).
    sqlite.pragma('synchronous = FULL');
  }
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  const sqlite = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.mustExist ?? false });
  applyPragmas(sqlite, opts.readonly);
  return wrap(sqlite, file);
}

export function wrap(sqlite: SqliteDb, file: string): Db {
  // Prepared statements by SQL text, the least recently used dropped first (lru-cache: about 0.1 µs a lookup
  // here against a query's several µs; the old clear-everything-at-500 re-prepared every hot statement at once).
  const cache = new LRUCache<string, Database.Statement>({ max: 500 });
  const prepare = (c: CompiledQuery) => {
    let st = cache.get(c.sql);
    if (!st) {
      st = sqlite.prepare(c.sql);
      cache.set(c.sql, st);
    }
    return st;
  };
  const params = (c: CompiledQuery) => c.parameters.map(bindable);
  const lean = new LRUCache<string, { st: Database.Statement; shape: (row: unknown[]) => unknown }>({ max: 100 });
  const prepareLean = (c: CompiledQuery) => {
    let l = lean.get(c.sql);
    if (!l) {
      const st = sqlite.prepare(c.sql).raw(true);
      lean.set(c.sql, (l = { st, shape: rowShaper(st.columns().map((col) => col.name)) }));
    }
    return l;
  };
  const commitHooks: (() => void)[] = [];
  let afterCommitQueue: (() => void)[] | null = null;
  const changes = sqlite.prepare('SELECT total_changes() AS n').pluck();
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  return {
    sqlite,
    file,
    q: compiler,
    all<R>(query: Compilable<R>): R[] {
      const c = query.compile();
      const st = prepare(c);
      return (st.reader ? st.all(...params(c)) : (st.run(...params(c)), [])) as R[];
    },
    allLean<R>(query: Compilable<R>): R[] {
      const c = query.compile();
      const { st, shape } = prepareLean(c);
      return (st.all(...params(c)) as unknown[][]).map(shape) as R[];
    },
    *eachLean<R>(query: Compilable<R>): IterableIterator<R> {
      const c = query.compile();
      // Its own statement: an iterating statement is busy until the loop ends, and the caller may query meanwhile.
      const st = sqlite.prepare(c.sql).raw(true);
      const shape = rowShaper(st.columns().map((col) => col.name));
      for (const row of st.iterate(...params(c)) as IterableIterator<unknown[]>) yield shape(row) as R;
    },
    first<R>(query: Compilable<R>): R | undefined {
      const c = query.compile();
      const st = prepare(c);
      return st.reader ? (st.get(...params(c)) as R | undefined) : (st.run(...params(c)), undefined);
    },
    run(query) {
      const c = query.compile();
      const r = prepare(c).run(...params(c));
      return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
    },
    tx<T>(fn: () => T): T {
      const outermost = !sqlite.inTransaction;
      if (!outermost) return sqlite.transaction(fn).immediate();
      const committed: (() => void)[] = [];
      let result: T;
      try {
        result = sqlite
          .transaction(() => {
            const r = fn();
            afterCommitQueue = committed;
            try {
              for (const hook of commitHooks) hook();
            } finally {
              afterCommitQueue = null;
            }
            return r;
          })
          .immediate();
      } catch (e) {
        if (isStorageFailure(e)) discardFailedCommit(sqlite);
        throw e;
      }
      for (const f of committed) f();
      return result;
    },
    beforeCommit(hook) {
      commitHooks.push(hook);
    },
    afterCommit(fn) {
      if (!afterCommitQueue) throw new Error('afterCommit 只能在提交前的钩子里调用');
      afterCommitQueue.push(fn);
    },
    generation() {
      return `${changes.get() as number}:${dataVersion.get() as number}`;
    },
    othersVersion() {
      return dataVersion.get() as number;
    },
    close() {
      cache.clear();
      lean.clear();
      if (sqlite.open) sqlite.close();
    },
  };
}

const isStorageFailure = (e: unknown) => /^SQLITE_(IOERR|FULL)/.test(String((e as { code?: unknown })?.code ?? ''));

/**
 * After a commit that failed while writing or flushing (disk full, I/O error, a failed fsync), the clerk is
 * told "未保存" — so the change must not come back later. In WAL mode it could: when the failure came after
 * the commit's frames reached the WAL (a failed fsync), the frames are valid on disk though this connection
 * never made them visible, and the next start's WAL recovery would replay them. Two ways to make them void,
 * tried in turn: a TRUNCATE checkpoint (copies only what was really committed, then empties the WAL), or one
 * small real commit (it is written over the void frames, so the WAL's checksum chain ends before them).
 * Both may fail on a disk that keeps failing; then nothing more can be done here and the error stands.
 */
export function discardFailedCommit(sqlite: SqliteDb): 'truncated' | 'overwritten' | 'failed' {
  try {
    const [r] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (r && r.busy === 0) return 'truncated';
  } catch {
    // fall through to the overwrite
  }
  try {
    const v = sqlite.pragma('user_version', { simple: true }) as number;
    sqlite.pragma(`user_version = ${v}`);
    return 'overwritten';
  } catch {
    return 'failed';
  }
}

/**
 * A row array → object function with the column names as literal keys, so every row gets the same hidden class.
 * Duplicate names keep the last value, as better-sqlite3 does; names are JSON-quoted, so any name is safe.
 */
function rowShaper(names: string[]): (row: unknown[]) => unknown {
  if (names.includes('__proto__')) return (row) => Object.fromEntries(names.map((n, i) => [n, row[i]]));
  return new Function('r', `return { ${names.map((n, i) => `${JSON.stringify(n)}: r[${i}]`).join(', ')} };`) as (
    row: unknown[],
  ) => unknown;
}

const statements = new WeakMap<SqliteDb, Map<string, Database.Statement>>();

/**
 * A prepared statement kept for the life of the connection. For hot loops (imports of thousands of rows)
 * where compiling the same Kysely query per row costs more than running it.
 */
export function cachedStatement(db: Db, text: string): Database.Statement {
  let byText = statements.get(db.sqlite);
  if (!byText) statements.set(db.sqlite, (byText = new Map()));
  let st = byText.get(text);
  if (!st) byText.set(text, (st = db.sqlite.prepare(text)));
  return st;
}

/** Per connection, per table and statement kind: the statements prepared for each list of columns (insertRow, updateRowById). */
const byShape = new WeakMap<SqliteDb, Map<string, { keys: string[]; st: Database.Statement }[]>>();

/** The row's defined keys, and the statement `make` writes for them, prepared once per connection. */
function shaped(
  db: Db,
  slot: string,
  row: Record<string, unknown>,
  make: (keys: string[]) => string,
): { keys: string[]; st: Database.Statement } {
  const keys: string[] = [];
  for (const k in row) if (row[k] !== undefined) keys.push(k);
  let bySlot = byShape.get(db.sqlite);
  if (!bySlot) byShape.set(db.sqlite, (bySlot = new Map()));
  let shapes = bySlot.get(slot);
  if (!shapes) bySlot.set(slot, (shapes = []));
  let shape = shapes.find((x) => x.keys.length === keys.length && x.keys.every((k, i) => k === keys[i]));
  if (!shape) shapes.push((shape = { keys, st: db.sqlite.prepare(make(keys)) }));
  return shape;
}

const paramsOf = (row: Record<string, unknown>, keys: string[]) => {
  const params = new Array<unknown>(keys.length);
  for (let i = 0; i < keys.length; i++) params[i] = bindable(row[keys[i]!]);
  return params;
};

/**
 * Runs `fn` (a bulk write: an import of thousands of projects) with SQLite's page cache at `mib` MiB, then gives the
 * pages back. With the default 2 MiB, the project table's six indexes no longer fit once a few thousand rows are
 * in, and SQLite writes pages out to the WAL mid-transaction and reads them again: measured on a 10,000-row import,
 * 5.24–5.58 s → 4.50–4.96 s with 64 MiB. Only for the bulk write: the core's memory budget (250 MB) holds for
 * everything else.
 */
export function withPageCache<T>(db: Db, mib: number, fn: () => T): T {
  const before = db.sqlite.pragma('cache_size', { simple: true }) as number;
  db.sqlite.pragma(`cache_size = ${-Math.round(mib * 1024)}`);
  try {
    return fn();
  } finally {
    db.sqlite.pragma(`cache_size = ${before}`);
  }
}

/**
 * INSERT of one row object through a statement prepared once per table and column list — what
 * `db.run(db.q.insertInto(table).values(row))` does, minus the per-call compile. Undefined values are left
 * out, as Kysely does.
 */
export function insertRow<T extends keyof DB & string>(db: Db, table: T, values: Insertable<DB[T]>): number {
  const row = values as Record<string, unknown>;
  const { keys, st } = shaped(
    db,
    `insert ${table}`,
    row,
    (ks) => `INSERT INTO "${table}" (${ks.map((k) => `"${k}"`).join(', ')}) VALUES (${ks.map(() => '?').join(', ')})`,
  );
  return Number(st.run(paramsOf(row, keys)).lastInsertRowid);
}

/**
 * UPDATE of one row by id through a statement prepared once per table and column list — what
 * `db.run(db.q.updateTable(table).set(values).where('id', '=', id))` does, minus the per-call compile (an update
 * of a project names 41 columns: compiling it cost more than running it). Undefined values are left out, as Kysely
 * does. Returns the number of rows changed.
 */
export function updateRowById<T extends keyof DB & string>(
  db: Db,
  table: T,
  id: number,
  values: Updateable<DB[T]>,
): number {
  const row = values as Record<string, unknown>;
  const { keys, st } = shaped(
    db,
    `update ${table}`,
    row,
    (ks) => `UPDATE "${table}" SET ${ks.map((k) => `"${k}" = ?`).join(', ')} WHERE id = ?`,
  );
  return st.run([...paramsOf(row, keys), id]).changes;
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans become 0/1. */
function bindable(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === undefined) return null;
  return v;
}
