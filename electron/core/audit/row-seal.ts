/**
 * Row seals and the external anchor: why an edit made behind the app's back — a SQLite tool opened on the
 * ledger file — shows up in `verify`, with the table and the row named.
 *
 * - Every row of every ledger table carries a seal: a MAC (HMAC-SHA256, first 64 bits) of the table, the row's
 *   key and every column value, under a key that is not in the database file. The app's own writes keep the
 *   seals current through temporary triggers that exist only in the app's connections; a tool that changes a
 *   row leaves its seal stale, and one that adds a row leaves it without a seal.
 * - Per table, seal_state keeps the row count and the XOR of the seals, so a row deleted together with its seal
 *   still shows: the count and the XOR no longer match the rows.
 * - The anchor file beside the database (`<ledger>.anchor`) holds the key, the change log's length and head
 *   hash, and each table's count and XOR as of the app's last write. A change log rewritten from some row on
 *   (with its unkeyed hashes recomputed) or a seal_state adjusted along with a deletion disagrees with it.
 * What this does not prove is written in docs/audit.md.
 */
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { SqliteDb } from '../db/connection.ts';
import { olderParentRowsGuard, setTriggersAside, type DeferOptions } from '../db/triggers-aside.ts';
import { entityLabel as tableLabel } from '../../../shared/fields/registry.ts';
import { formatInstantDateCn } from '../../../shared/domain/display.ts';
import { checkpoint, progressOf } from '../progress.ts';
import { writeFileDurably } from '../files/durable-write.ts';

/** The change log has its own hash chain; the seal tables and the migration ledger describe the others. */
/** Tables a backup copy carries beside the ledger's own (its anchor, its attachment files) are not the ledger's. */
export const BACKUP_ANCHOR_TABLE = 'backup_anchor';
/** The figures kept for speed (0007_figure_store.ts, 0012_fund_store.ts) are derived, rebuilt from the sealed tables: not sealed. */
/**
 * The figures kept in the file, each checked by a MAC under the seal key (kept-mac.ts): under a new key they are
 * dropped, not re-signed — what they hold was never checked under it — and computed afresh from the ledger.
 */
export const KEPT_FIGURE_TABLES = ['figure_store_row', 'figure_store', 'fund_store'] as const;

export const DERIVED_STORE_TABLES = [
  'derived_seq',
  'derived_written',
  'figure_store',
  'figure_store_row',
  'fund_store',
];
const NOT_SEALED = new Set([
  'change_log',
  'row_seal',
  'seal_state',
  'schema_migration',
  BACKUP_ANCHOR_TABLE,
  'backup_attachment_file',
  ...DERIVED_STORE_TABLES,
]);

export interface SealedTable {
  name: string;
  columns: string[];
  /** SQL of the row key for a row alias (NEW, OLD, t): the rowid, or the primary key of a WITHOUT ROWID table. */
  key: (alias: string) => string;
  /** A rowid table: its rows added in a bulk write can be told apart by rowid (withDeferredSeals). */
  rowid: boolean;
  /** A table without rowid: its first key column (project_org.project_id), by which withDeferredSeals tells the rows of new parents. */
  firstKey: string;
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
const lit = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The ledger's own tables as the database has them now (new tables of later migrations are sealed too). */
export function sealedTables(sqlite: SqliteDb): SealedTable[] {
  const tables = sqlite
    .prepare(
      `SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all() as { name: string; wr: number }[];
  return tables
    .filter((t) => !NOT_SEALED.has(t.name))
    .map(({ name, wr }) => {
      const info = sqlite.prepare(`SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`).all(name) as {
        name: string;
        pk: number;
      }[];
      const pk = info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      const key = wr
        ? (alias: string) => `json_array(${pk.map((c) => `${alias}.${q(c)}`).join(', ')})`
        : (alias: string) => `CAST(${alias}.rowid AS TEXT)`;
      return { name, columns: info.map((c) => c.name), key, rowid: !wr, firstKey: pk[0] ?? 'rowid' };
    });
}

/**
 * The seal of one row: HMAC over a length-prefixed, typed encoding of every value (no two rows encode alike).
 * An import seals tens of thousands of rows, so: the key is imported once (a KeyObject; a raw Buffer key is
 * imported again by every HMAC, two thirds of its cost), and the encoding is gathered in one string and hashed in
 * one call instead of one call per value (a project row has 47). The bytes hashed and the seal are the same.
 * `from`: where the column values start in `values` (a row as read, key first), so no copy is made per row.
 */
export function rowMac(key: Buffer, table: string, rowKey: string, values: readonly unknown[], from = 0): bigint {
  let secret = secrets.get(key);
  if (!secret) secrets.set(key, (secret = createSecretKey(key)));
  const h = createHmac('sha256', secret);
  let text = `${Buffer.byteLength(table)}:${table}${Buffer.byteLength(rowKey)}:${rowKey}`;
  for (let i = from; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) text += 'N';
    else if (typeof v === 'bigint') text += `I${v};`;
    else if (typeof v === 'number') {
      // A REAL, read as its exact bits: the same value always encodes the same way.
      realBits.writeDoubleBE(v);
      text += `R${realBits.toString('hex')}`;
    } else if (typeof v === 'string') text += `T${Buffer.byteLength(v)}:${v}`;
    else if (v instanceof Uint8Array) {
      h.update(text).update(`B${v.length}:`).update(v);
      text = '';
    } else text += `?${String(v)}`;
  }
  return h.update(text).digest().readBigInt64BE(0);
}

const realBits = Buffer.alloc(8);
const secrets = new WeakMap<Buffer, KeyObject>();

/** XOR of two seals (a table's total in seal_state is the XOR of its rows' seals). */
export const xor = (a: bigint, b: bigint) => BigInt.asIntN(64, a ^ b);

const installed = new WeakMap<SqliteDb, Buffer>();

/** The key this connection seals with (undefined before installSeals). */
export const sealKeyOf = (sqlite: SqliteDb): Buffer | undefined => installed.get(sqlite);

/**
 * Registers the seal functions and the temporary triggers on this connection. Call on every connection that
 * writes the ledger, after the migrations (the triggers name the columns as they are then).
 */
export function installSeals(sqlite: SqliteDb, key: Buffer): void {
  if (installed.get(sqlite) === key) return;
  sqlite.function(
    'ledger_seal_mac',
    { varargs: true, deterministic: true, safeIntegers: true },
    (...args: unknown[]) => {
      const [table, rowKey, ...values] = args;
      return rowMac(key, String(table), String(rowKey), values);
    },
  );
  registerTally(sqlite, key);
  sqlite.function('ledger_seal_xor', { deterministic: true, safeIntegers: true }, (a: unknown, b: unknown) =>
    xor(typeof a === 'bigint' ? a : 0n, typeof b === 'bigint' ? b : 0n),
  );
  // INSERT OR REPLACE deletes the row it replaces without its DELETE triggers unless recursive triggers are on.
  sqlite.pragma('recursive_triggers = ON');
  // The rows a bulk write is adding (withDeferredSeals): per table, rowids above `above`. Temporary, so it exists in
  // this connection only (no other program can switch a seal off), and it is transactional like the data.
  sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS seal_deferred (tbl TEXT PRIMARY KEY, above INTEGER NOT NULL) STRICT');
  for (const t of sealedTables(sqlite)) {
    const name = lit(t.name);
    // A row added by a bulk write is sealed at its end, in one pass; every other row as it is written.
    const by = (alias: string) => `${alias}.${t.rowid ? 'rowid' : q(t.firstKey)}`;
    const unless = (cond: string) =>
      `WHEN NOT EXISTS (SELECT 1 FROM temp.seal_deferred AS d WHERE d.tbl = ${name} AND ${cond})`;
    const sealOf = (alias: string) => `(SELECT mac FROM main.row_seal WHERE tbl = ${name} AND rk = ${t.key(alias)})`;
    const macOf = (alias: string) =>
      `ledger_seal_mac(${name}, ${t.key(alias)}, ${t.columns.map((c) => `${alias}.${q(c)}`).join(', ')})`;
    // Whether the row as it was still matches its seal. The app's own write must not launder a change made behind
    // its back: a row that no longer matches is written with a seal that still does not match (POISON flipped in), and
    // one deleted keeps its seal, so `verify` goes on reporting it (row-seal verify: 之后又经程序修改 / 删除).
    const intact = `${sealOf('OLD')} IS ${macOf('OLD')}`;
    const addState = `INSERT INTO main.seal_state (tbl, n, x) VALUES (${name}, 1, ${sealOf('NEW')})
        ON CONFLICT (tbl) DO UPDATE SET n = n + 1, x = ledger_seal_xor(x, excluded.x);`;
    const insert = `INSERT OR REPLACE INTO main.row_seal (tbl, rk, mac) VALUES (${name}, ${t.key('NEW')}, ${macOf('NEW')});
      ${addState}`;
    // In place, not deleted and inserted again: an upsert's DO UPDATE runs these under its own conflict policy, so a
    // seal inserted over the row's old one would fail as a duplicate. A row that had no seal (added by a tool) gets
    // a poisoned one likewise (changes() = 0: nothing was updated).
    const update = `UPDATE main.seal_state SET n = n - 1, x = ledger_seal_xor(x, ${sealOf('OLD')}) WHERE tbl = ${name};
      UPDATE main.row_seal SET rk = ${t.key('NEW')},
        mac = CASE WHEN mac IS ${macOf('OLD')} THEN ${macOf('NEW')} ELSE ledger_seal_xor(${macOf('NEW')}, ${POISON}) END
        WHERE tbl = ${name} AND rk = ${t.key('OLD')};
      INSERT OR REPLACE INTO main.row_seal (tbl, rk, mac)
        SELECT ${name}, ${t.key('NEW')}, ledger_seal_xor(${macOf('NEW')}, ${POISON}) WHERE changes() = 0;
      ${addState}`;
    const remove = `UPDATE main.seal_state SET n = n - 1, x = ledger_seal_xor(x, ${sealOf('OLD')}) WHERE tbl = ${name} AND ${intact};
      DELETE FROM main.row_seal WHERE tbl = ${name} AND rk = ${t.key('OLD')} AND mac IS ${macOf('OLD')};`;
    const base = sealTriggerBase(t);
    sqlite.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${base}_ins AFTER INSERT ON main.${q(t.name)} ${unless(`${by('NEW')} > d.above`)} BEGIN ${insert} END;
      CREATE TEMP TRIGGER IF NOT EXISTS ${base}_upd AFTER UPDATE ON main.${q(t.name)} ${unless(`${by('OLD')} > d.above AND ${by('NEW')} > d.above`)} BEGIN ${update} END;
      CREATE TEMP TRIGGER IF NOT EXISTS ${base}_del AFTER DELETE ON main.${q(t.name)} ${unless(`${by('OLD')} > d.above`)} BEGIN ${remove} END;`);
  }
  if (!sqlite.inTransaction) installed.set(sqlite, key);
}

const MAX_ROWID = 9223372036854775807n;

/**
 * Flipped into the seal the app writes over a row that no longer matched its own: the row stays reported, and the
 * report can tell it was changed behind the app's back and written by the app afterwards.
 */
const POISON = 1;

/** The name the seal triggers of a table start with (`seal_project` → seal_project_ins, _upd, _del). */
const sealTriggerBase = (t: SealedTable) => `seal_${t.name.replace(/\W/g, '_')}`;

/**
 * Runs `fn`, a bulk write (an import of thousands of projects), with the seals of the rows it ADDS to `tables`
 * made in one pass at its end instead of by the per-row triggers (two statements and a seal-state update per row,
 * most of an import's writing time). The result is the same as row by row: each added row, as it is at the end,
 * gets the seal its insert trigger (and any later update trigger) would have left, and seal_state the same count
 * and XOR. Rows that existed before keep their triggers, so `fn` may still update or delete them; a row added and
 * deleted again inside `fn` leaves nothing, as row by row (sealed, then unsealed). The rows are told apart by
 * rowid: SQLite gives a new row a rowid above every existing one (below only once the largest possible rowid is
 * taken; such a table keeps its triggers). A table without rowid whose first key column refers to one of them
 * (project_org, project_tag → project) is deferred for the rows of the parents `fn` adds.
 * `newParentsOnly`: the caller adds rows to such tables only for the parents it adds (an import's run of new
 * projects), so their insert triggers are set aside too (their WHEN clause was a lookup per row, a tenth of an
 * import's writing); should `fn` touch an older parent's rows after all, the write is refused, not left unsealed.
 * Runs in a savepoint: if `fn` throws (a cancel), its rows and the suspension are rolled back together.
 */
export function withDeferredSeals<T>(
  sqlite: SqliteDb,
  tables: readonly string[],
  fn: () => T,
  opts: DeferOptions = {},
): T {
  const key = installed.get(sqlite);
  if (!key) return fn();
  return sqlite
    .transaction(() => {
      const marks: { t: SealedTable; by: string; above: bigint }[] = [];
      const chosen = sealedTables(sqlite).filter((x) => tables.includes(x.name));
      const rowidAbove = new Map<string, bigint>();
      for (const t of chosen.filter((x) => x.rowid)) {
        const above = sqlite
          .prepare(`SELECT coalesce(max(rowid), 0) FROM main.${q(t.name)}`)
          .pluck()
          .safeIntegers(true)
          .get() as bigint;
        if (above < MAX_ROWID) rowidAbove.set(t.name, above);
      }
      for (const t of chosen) {
        // A table without rowid whose first key column refers to a deferred rowid table (project_org.project_id →
        // project): its rows of the parents the write adds are the ones above the parent's mark.
        const parent = t.rowid
          ? t.name
          : (sqlite
              .prepare(`SELECT "table" FROM pragma_foreign_key_list(?) WHERE "from" = ?`)
              .pluck()
              .get(t.name, t.firstKey) as string | undefined);
        const above = parent === undefined ? undefined : rowidAbove.get(parent);
        if (above === undefined) continue;
        const by = t.rowid ? 'rowid' : q(t.firstKey);
        // Rows already above the mark (left by a tool with foreign keys off) keep their triggers' way.
        if (!t.rowid && sqlite.prepare(`SELECT 1 FROM main.${q(t.name)} WHERE ${by} > ? LIMIT 1`).get(above)) continue;
        sqlite.prepare('INSERT INTO temp.seal_deferred (tbl, above) VALUES (?, ?)').run(t.name, above);
        marks.push({ t, by, above });
      }
      // The insert triggers of rowid tables are set aside too: every row added to such a table is above its mark, so
      // their WHEN clause would say no to each one anyway, at a few microseconds a row. A table without rowid keeps
      // its trigger (a row it gains for an older parent, a unit added to an existing project, is sealed as written)
      // unless the caller adds rows only for new parents: then the older parents' rows are counted before and after.
      const asideToo = marks.filter((m) => m.t.rowid || opts.newParentsOnly);
      const older = olderParentRowsGuard(
        sqlite,
        asideToo.filter((m) => !m.t.rowid).map((m) => ({ table: m.t.name, by: m.by, above: m.above })),
      );
      const aside = setTriggersAside(
        sqlite,
        'temp',
        asideToo.map((m) => `${sealTriggerBase(m.t)}_ins`),
      );
      const result = fn();
      aside.putBack();
      older.check();
      sqlite.prepare('DELETE FROM temp.seal_deferred').run();
      const addState = sqlite.prepare(`INSERT INTO main.seal_state (tbl, n, x) VALUES (?, ?, ?)
      ON CONFLICT (tbl) DO UPDATE SET n = n + excluded.n, x = ledger_seal_xor(x, excluded.x)`);
      for (const { t, by, above } of marks) {
        const { n, x } = sealRows(sqlite, t, `WHERE t.${by} > ?`, above);
        if (n > 0) addState.run(t.name, n, x);
      }
      return result;
    })
    .immediate();
}

/**
 * Seals a table's rows (those `where` picks, or all) into row_seal in one statement, and gives their count and XOR.
 * The rows never come out to JavaScript as rows: SQLite hands each row's values to the seal function, as it does
 * in the triggers (the same conversion of every value), and writes the seal beside it; reading 47 columns of
 * 10,000 new projects into arrays and writing their seals back one call each was most of an import's seal pass.
 * In the key's order: row_seal is keyed by text ('10' sorts before '9'), and a B-tree filled in its own order
 * appends instead of splitting pages midway.
 */
function sealRows(sqlite: SqliteDb, t: SealedTable, where = '', ...params: unknown[]): { n: number; x: bigint } {
  const tally = tallies.get(sqlite);
  if (!tally) throw new Error('seal function not registered on this connection');
  tally.n = 0;
  tally.x = 0n;
  const name = lit(t.name);
  const cols = t.columns.map((c, i) => `t.${q(c)} AS c${i}`).join(', ');
  sqlite
    .prepare(
      `INSERT OR REPLACE INTO main.row_seal (tbl, rk, mac)
      SELECT ${name}, rk, ledger_seal_mac_tally(${name}, rk, ${t.columns.map((_, i) => `c${i}`).join(', ')})
      FROM (SELECT ${t.key('t')} AS rk, ${cols} FROM main.${q(t.name)} AS t ${where}) ORDER BY rk`,
    )
    .run(...params);
  return { n: tally.n, x: tally.x };
}

/** Per connection: the count and XOR of the seals ledger_seal_mac_tally has made since sealRows reset them. */
const tallies = new WeakMap<SqliteDb, { key: Buffer; n: number; x: bigint }>();

/**
 * Registers ledger_seal_mac_tally under `key` (again if the key changed): ledger_seal_mac that also counts and
 * XORs what it returns, for sealRows. Not deterministic, so SQLite calls it exactly once per row it selects.
 * Outside a running statement only (SQLite refuses to change functions while one steps).
 */
function registerTally(sqlite: SqliteDb, key: Buffer): void {
  if (tallies.get(sqlite)?.key === key) return;
  const tally = { key, n: 0, x: 0n };
  sqlite.function(
    'ledger_seal_mac_tally',
    { varargs: true, deterministic: false, safeIntegers: true },
    (...args: unknown[]) => {
      const mac = rowMac(key, String(args[0]), String(args[1]), args, 2);
      tally.n++;
      tally.x = xor(tally.x, mac);
      return mac;
    },
  );
  tallies.set(sqlite, tally);
}

/** Seals every row anew (the baseline: after the migration that brought seals, or after a schema change). */
export function sealEverything(sqlite: SqliteDb, key: Buffer): void {
  registerTally(sqlite, key);
  sqlite
    .transaction(() => {
      sqlite.exec('DELETE FROM row_seal; DELETE FROM seal_state;');
      const insertState = sqlite.prepare('INSERT INTO seal_state (tbl, n, x) VALUES (?, ?, ?)');
      for (const t of sealedTables(sqlite)) {
        const { n, x } = sealRows(sqlite, t);
        insertState.run(t.name, n, x);
      }
    })
    .immediate();
}

// ---------------------------------------------------------------------------------------------------------------
// The anchor file

export interface SealCount {
  n: number;
  /** XOR of the table's seals, as decimal text (a 64-bit integer) */
  x: string;
}

export interface Anchor {
  key: Buffer;
  /** change-log rows and the hash of the last one at the app's last write */
  chain: { count: number; head: string };
  seals: Record<string, SealCount>;
  at: string;
}

export const anchorPath = (ledgerFile: string) => `${ledgerFile}.anchor`;

interface AnchorFile {
  format: 1;
  key: string;
  chain: { count: number; head: string };
  seals: Record<string, SealCount>;
  at: string;
  /** HMAC of the rest: a hand-edited anchor file is noticed */
  mac: string;
}

function anchorMac(key: Buffer, a: Omit<AnchorFile, 'mac'>): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([a.format, a.chain, a.seals, a.at]))
    .digest('hex');
}

export type AnchorRead = { kind: 'ok'; anchor: Anchor } | { kind: 'missing' } | { kind: 'damaged'; reason: string };

export function readAnchor(ledgerFile: string): AnchorRead {
  return readAnchorFile(anchorPath(ledgerFile));
}

/** An anchor as written to its file (or kept in a restore's journal, restore-anchor.ts), read back and checked. */
export function parseAnchor(text: string): AnchorRead {
  try {
    const f = JSON.parse(text) as AnchorFile;
    const key = Buffer.from(f.key, 'hex');
    if (f.format !== 1 || key.length !== 32) return { kind: 'damaged', reason: '格式不对' };
    if (anchorMac(key, f) !== f.mac) return { kind: 'damaged', reason: '内容被改动过' };
    return { kind: 'ok', anchor: { key, chain: f.chain, seals: f.seals, at: f.at } };
  } catch (e) {
    return { kind: 'damaged', reason: (e as Error).message };
  }
}

function anchorBody(key: Buffer, state: ReturnType<typeof currentState>, now: Date): string {
  const body: Omit<AnchorFile, 'mac'> = {
    format: 1,
    key: key.toString('hex'),
    chain: state.chain,
    seals: state.seals,
    at: now.toISOString(),
  };
  return JSON.stringify({ ...body, mac: anchorMac(key, body) });
}

/**
 * A backup copy carries its own anchor (the copy's chain head and seal totals, under the ledger's key), so the
 * copy verifies on its own — on a U盘, on another PC — and its listing shows the chain head it holds.
 */
export function carryAnchor(copy: SqliteDb, key: Buffer, now: Date): void {
  putCarried(copy, anchorBody(key, currentState(copy), now));
}

/**
 * A copy taken before the app seals its connection — the 迁移前 copy: the migrations run before the seals start
 * (index.ts createCore) — carries the ledger's anchor file as it stands. The copy is the ledger as it was, so it
 * verifies against that anchor exactly as the ledger would: clean if the ledger was, refused on restore if it was
 * changed behind the app's back. Without it every 迁移前 copy was refused (备份中没有防篡改锚点). False: no usable anchor.
 */
export function carryAnchorFile(copy: SqliteDb, ledgerFile: string): boolean {
  const path = anchorPath(ledgerFile);
  if (!existsSync(path)) return false;
  const text = readFileSync(path, 'utf8');
  if (parseAnchor(text).kind !== 'ok') return false;
  putCarried(copy, text);
  return true;
}

function putCarried(copy: SqliteDb, body: string): void {
  copy.exec(
    `DROP TABLE IF EXISTS ${BACKUP_ANCHOR_TABLE}; CREATE TABLE ${BACKUP_ANCHOR_TABLE} (body TEXT NOT NULL) STRICT`,
  );
  copy.prepare(`INSERT INTO ${BACKUP_ANCHOR_TABLE} (body) VALUES (?)`).run(body);
}

/** The anchor a backup copy carries, if it carries one. */
export function carriedAnchor(sqlite: SqliteDb): AnchorRead {
  const has = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(BACKUP_ANCHOR_TABLE);
  if (!has) return { kind: 'missing' };
  const body = sqlite.prepare(`SELECT body FROM ${BACKUP_ANCHOR_TABLE} LIMIT 1`).pluck().get() as string | undefined;
  return body === undefined ? { kind: 'missing' } : parseAnchor(body);
}

/** An anchor file at any path (the live one, or one set aside as evidence). */
export function readAnchorFile(path: string): AnchorRead {
  if (!existsSync(path)) return { kind: 'missing' };
  try {
    return parseAnchor(readFileSync(path, 'utf8'));
  } catch (e) {
    return { kind: 'damaged', reason: (e as Error).message };
  }
}

/** The chain head and seal counts as the database has them now. */
export function currentState(sqlite: SqliteDb): { chain: Anchor['chain']; seals: Record<string, SealCount> } {
  const head = sqlite
    .prepare('SELECT count(*) AS count, (SELECT hash FROM change_log ORDER BY id DESC LIMIT 1) AS head FROM change_log')
    .get() as {
    count: number;
    head: string | null;
  };
  const seals: Record<string, SealCount> = {};
  for (const r of sqlite.prepare('SELECT tbl, n, x FROM seal_state ORDER BY tbl').safeIntegers(true).all() as {
    tbl: string;
    n: bigint;
    x: bigint;
  }[])
    seals[r.tbl] = { n: Number(r.n), x: r.x.toString() };
  return { chain: { count: head.count, head: head.head ?? '' }, seals };
}

const lastWritten = new WeakMap<SqliteDb, string>();

/**
 * Writes the anchor for the database's present state (a no-op when nothing changed since the last write).
 * Written to a temporary name and renamed, so a crash leaves the old anchor or the new one, never half of one.
 */
export function writeAnchor(sqlite: SqliteDb, ledgerFile: string, key: Buffer, now: Date): void {
  const state = currentState(sqlite);
  const text = JSON.stringify(state);
  if (lastWritten.get(sqlite) === text && existsSync(anchorPath(ledgerFile))) return;
  putAnchorText(ledgerFile, anchorBody(key, state, now));
  lastWritten.set(sqlite, text);
}

/** The text of an anchor for the database's present state, as its anchor file would hold it. */
export function anchorTextOf(sqlite: SqliteDb, key: Buffer, now: Date): string {
  return anchorBody(key, currentState(sqlite), now);
}

/** Makes `text` (an anchor's, as anchorTextOf gave it) the ledger's anchor file: whole, or not at all. */
export function putAnchorText(ledgerFile: string, text: string): void {
  writeFileDurably(anchorPath(ledgerFile), text);
}

/** The key of this ledger's anchor, or a new one when there is no anchor yet. */
export function anchorKey(ledgerFile: string): { key: Buffer; fresh: boolean; read: AnchorRead } {
  const read = readAnchor(ledgerFile);
  if (read.kind === 'ok') return { key: read.anchor.key, fresh: false, read };
  return { key: randomBytes(32), fresh: true, read };
}

// ---------------------------------------------------------------------------------------------------------------
// Checking

export interface SealProblem {
  table: string;
  rowKey: string;
  kind: '改动' | '新增' | '删除';
  message: string;
}

export interface SealCheck {
  ok: boolean;
  /** rows whose seals were checked */
  checked: number;
  problems: SealProblem[];
  /** rows found not to match their seals, all of them (`problems` names the first MAX_PROBLEMS) */
  rowProblems: number;
  /** agreement with the anchor file: null when there is no usable anchor */
  anchor: { ok: boolean; message: string } | null;
  /**
   * Which anchor the ledger was held against: the one given (the file beside the ledger, or a restore's journal),
   * the one a backup carries inside, or none usable (missing, damaged; or no seals yet).
   */
  anchorFrom: 'given' | 'carried' | null;
  /** The anchors set aside when the ledger disagreed with them at opening (seal-startup.ts), each held against it. */
  evidence: EvidenceCheck[];
  message: string;
}

/** One anchor set aside at opening (town-ledger.db.anchor.不符-…), against the ledger now. */
export interface EvidenceCheck {
  /** the copies' paths, beside the ledger: several openings before the program wrote again each kept the same one */
  files: string[];
  /** when the anchor it keeps was written; null: the copy cannot be read */
  at: string | null;
  /** how the ledger disagrees with it now; null: no longer visible (or the copy cannot be read) */
  disagreement: string | null;
  /**
   * It keeps the very anchor the ledger is held against now (set aside at opening, nothing written since): its
   * disagreement is that anchor's, one problem — verify names it once (verify-ledger.ts).
   */
  sameAsAnchor: boolean;
}

/**
 * One row problem as the check found it, with the seal it found (null: none) and the seal the row's values call for
 * (null: the row is gone).
 */
export interface RowFinding extends Omit<SealProblem, 'message'> {
  found: bigint | null;
  want: bigint | null;
}

/**
 * What verifySeals hands on beyond its report, for the upgrade that puts its findings back after re-sealing
 * (upgrade-findings.ts): every row problem (not only the first MAX_PROBLEMS), and per table the count and XOR of the
 * rows' due seals (`actual`) beside seal_state's (`stored`).
 */
export interface SealWatch {
  row?: (f: RowFinding) => void;
  totals?: (actual: Record<string, SealCount>, stored: Record<string, SealCount>) => void;
}

/** Every row's seal fails under the anchor's key: the anchor (or the ledger file) is another ledger's. */
export const FOREIGN_ANCHOR =
  '台账中没有一行记录的封签与外部锚点的密钥相符：外部锚点不是这个台账的（台账文件或锚点文件在程序之外被换成了别的台账的）';

/** The rows a check names at most (a file changed throughout would otherwise be listed row by row). */
export const MAX_PROBLEMS = 50;

function rowName(table: string, rowKey: string): string {
  const key = rowKey.startsWith('[') ? `（${(JSON.parse(rowKey) as unknown[]).join('，')}）` : `编号 ${rowKey} `;
  return `“${tableLabel(table)}”表中${key}的记录`;
}

/**
 * Every row against its seal, every seal against its row, and the counts against seal_state and the anchor.
 * `against`: the anchor to hold the ledger against — the file beside it, unless a restore interrupted after its swap
 * left the anchor the swapped-in file must get in its journal (restore-anchor.ts).
 */
export function verifySeals(
  sqlite: SqliteDb,
  ledgerFile: string,
  evidenceFiles: readonly string[] = [],
  against: AnchorRead = readAnchor(ledgerFile),
  watch: SealWatch = {},
): SealCheck {
  // A backup copy has no anchor file beside it: it carries its own.
  const read = against.kind === 'missing' ? carriedAnchor(sqlite) : against;
  const hasSealTables =
    sqlite
      .prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('row_seal', 'seal_state')`)
      .pluck()
      .get() === 2;
  if (!hasSealTables)
    return {
      ok: true,
      checked: 0,
      problems: [],
      rowProblems: 0,
      anchor: null,
      anchorFrom: null,
      evidence: [],
      message: '此数据库版本尚无行封签（升级后建立）',
    };
  if (read.kind !== 'ok') {
    const why =
      read.kind === 'missing'
        ? `找不到外部锚点文件（${anchorPath(ledgerFile)}）`
        : against.kind === 'missing'
          ? `文件中随带的锚点无法使用（${read.reason}）`
          : `外部锚点文件（${anchorPath(ledgerFile)}）无法使用（${read.reason}）`;
    const message = `${why}，无法核对台账各表是否在程序之外被改动`;
    return {
      ok: false,
      checked: 0,
      problems: [],
      rowProblems: 0,
      anchor: { ok: false, message },
      anchorFrom: null,
      evidence: [],
      message,
    };
  }
  const { key } = read.anchor;
  const anchorFrom = against.kind === 'missing' ? 'carried' : 'given';
  const problems: SealProblem[] = [];
  // Counted past the rows named: a table whose rows are wrong is not named again for its totals.
  const badIn = new Map<string, number>();
  let rowProblems = 0;
  const note = (p: Omit<SealProblem, 'message'>, what: string, found: bigint | null, want: bigint | null) => {
    watch.row?.({ ...p, found, want });
    rowProblems++;
    badIn.set(p.table, (badIn.get(p.table) ?? 0) + 1);
    if (problems.length < MAX_PROBLEMS) problems.push({ ...p, message: `${rowName(p.table, p.rowKey)}${what}` });
  };
  let checked = 0;
  // Seals present, and those made under the anchor's key (a row changed behind the program's back included).
  let sealed = 0;
  let fitting = 0;
  const actual: Record<string, SealCount> = {};
  const tables = sealedTables(sqlite);
  // The clerk sees it move and may stop it (read-only: nothing to undo); outside a call these do nothing.
  const total = tables.reduce(
    (a, t) =>
      a +
      (sqlite
        .prepare(`SELECT count(*) FROM main.${q(t.name)}`)
        .pluck()
        .get() as number),
    0,
  );
  for (const t of tables) {
    let n = 0;
    let x = 0n;
    const rows = sqlite
      .prepare(
        `SELECT ${t.key('t')} AS rk, s.mac, ${t.columns.map((c) => `t.${q(c)}`).join(', ')}
         FROM main.${q(t.name)} AS t LEFT JOIN row_seal AS s ON s.tbl = ${lit(t.name)} AND s.rk = ${t.key('t')}`,
      )
      .raw(true)
      .safeIntegers(true);
    for (const row of rows.iterate() as IterableIterator<unknown[]>) {
      const [rk, mac] = row;
      if ((checked & 8191) === 0) {
        progressOf('核对各表记录的封签', checked, total, 10, 95);
        checkpoint();
      }
      checked++;
      const want = rowMac(key, t.name, String(rk), row, 2);
      n++;
      x = xor(x, want);
      if (mac !== null) sealed++;
      if (mac === want) fitting++;
      const found = mac as bigint | null;
      if (found === null)
        note({ table: t.name, rowKey: String(rk), kind: '新增' }, '没有封签：是在程序之外加入的', null, want);
      else if (found === xor(want, BigInt(POISON))) {
        fitting++;
        note(
          { table: t.name, rowKey: String(rk), kind: '改动' },
          '与封签不符：在程序之外被改动过，之后又经程序修改（程序没有把那次改动当作自己的）',
          found,
          want,
        );
      } else if (found !== want)
        note({ table: t.name, rowKey: String(rk), kind: '改动' }, '与封签不符：在程序之外被改动过', found, want);
    }
    const orphans = sqlite
      .prepare(
        // NOT IN a subquery SQLite builds once, not NOT EXISTS per seal: the key is an expression (the rowid as text),
        // which no index answers, and 700,000 reports were compared with each other (a county's verify ran for hours).
        `SELECT s.rk, s.mac FROM row_seal AS s WHERE s.tbl = ? AND s.rk NOT IN (SELECT ${t.key('t')} FROM main.${q(t.name)} AS t)`,
      )
      .raw(true)
      .safeIntegers(true)
      .all(t.name) as [string, bigint][];
    for (const [rk, found] of orphans)
      note(
        { table: t.name, rowKey: rk, kind: '删除' },
        '已不存在，但留有封签：是在程序之外删除的，或在程序之外被改动后又经程序删除',
        found,
        null,
      );
    actual[t.name] = { n, x: x.toString() };
  }
  // A row deleted together with its seal leaves no orphan: the counts show it.
  const stored = currentState(sqlite);
  watch.totals?.(actual, stored.seals);
  const countProblems: string[] = [];
  for (const [table, a] of Object.entries(actual)) {
    const s = stored.seals[table] ?? { n: 0, x: '0' };
    if ((s.n !== a.n || s.x !== a.x) && !badIn.has(table))
      countProblems.push(
        `“${tableLabel(table)}”表现有 ${a.n} 条记录，封签记载 ${s.n} 条：有记录连同封签在程序之外被删除或加入`,
      );
  }
  // Anchors set aside when the ledger was found changed at opening: the precise disagreement, if still visible.
  // Copies of one anchor (the ledger opened several times before the program wrote again) are one finding.
  const evidence: EvidenceCheck[] = [];
  const readable: { anchor: Anchor; check: EvidenceCheck }[] = [];
  for (const file of evidenceFiles) {
    const old = readAnchorFile(file);
    if (old.kind !== 'ok') {
      evidence.push({ files: [file], at: null, disagreement: null, sameAsAnchor: false });
      continue;
    }
    const twin = readable.find((r) => sameAnchor(r.anchor, old.anchor));
    if (twin) {
      twin.check.files.push(file);
      continue;
    }
    const then = compareWithAnchor(sqlite, old.anchor, stored, actual);
    const check: EvidenceCheck = {
      files: [file],
      at: old.anchor.at,
      disagreement: then.ok ? null : then.message,
      sameAsAnchor: sameAnchor(old.anchor, read.anchor),
    };
    readable.push({ anchor: old.anchor, check });
    evidence.push(check);
  }
  // Not one seal made under the anchor's key: every row and every table would be named for one problem.
  if (sealed > 0 && fitting === 0)
    return {
      ok: false,
      checked,
      problems: [],
      rowProblems: 0,
      anchor: { ok: false, message: FOREIGN_ANCHOR },
      anchorFrom,
      evidence,
      message: FOREIGN_ANCHOR,
    };
  const anchor = compareWithAnchor(sqlite, read.anchor, stored, actual);
  const ok = problems.length === 0 && countProblems.length === 0 && anchor.ok;
  const parts = [...problems.slice(0, 3).map((p) => p.message), ...countProblems.slice(0, 3)];
  if (!anchor.ok) parts.push(anchor.message);
  const message = ok ? `台账 ${checked} 行记录与封签一致；${anchor.message}` : parts.join('；');
  return {
    ok,
    checked,
    problems: [
      ...problems,
      ...countProblems.map((m) => ({ table: '', rowKey: '', kind: '删除' as const, message: m })),
    ],
    rowProblems,
    anchor,
    anchorFrom,
    evidence,
    message,
  };
}

const sameAnchor = (a: Anchor, b: Anchor) =>
  a.key.equals(b.key) && a.at === b.at && a.chain.count === b.chain.count && a.chain.head === b.chain.head;

function compareWithAnchor(
  sqlite: SqliteDb,
  anchor: Anchor,
  stored: ReturnType<typeof currentState>,
  actual: Record<string, SealCount>,
): { ok: boolean; message: string } {
  const { chain } = anchor;
  if (stored.chain.count < chain.count)
    return {
      ok: false,
      message: `留痕记录少于外部锚点记载（现 ${stored.chain.count} 条，锚点 ${chain.count} 条）：有留痕在程序之外被删除，或台账文件在程序之外被换成了较早的副本`,
    };
  if (anchoredRowHash(sqlite, chain.count) !== chain.head)
    return { ok: false, message: `留痕记录第 ${chain.count} 条与外部锚点不符：留痕在程序之外被改写` };
  if (stored.chain.count > chain.count) {
    // The ledger moved on after the anchor was last written (the app stopped between a commit and the anchor):
    // the anchored part of the chain is still there, unchanged; the tables cannot be compared with it.
    return {
      ok: true,
      message: `外部锚点记载到留痕第 ${chain.count} 条，其后 ${stored.chain.count - chain.count} 条修改尚未锚定（程序可能异常退出）`,
    };
  }
  for (const [table, a] of Object.entries(anchor.seals)) {
    const now = actual[table] ?? { n: 0, x: '0' };
    if (now.n !== a.n)
      return {
        ok: false,
        message: `“${tableLabel(table)}”表与外部锚点不符（锚点记载 ${a.n} 条，现有 ${now.n} 条）：有记录在程序之外被删除或加入`,
      };
    if (now.x !== a.x)
      return { ok: false, message: `“${tableLabel(table)}”表的内容与外部锚点不符：有记录在程序之外被改动` };
  }
  for (const [table, now] of Object.entries(actual))
    if (!(table in anchor.seals) && now.n > 0)
      return { ok: false, message: `“${tableLabel(table)}”表不在外部锚点中，却有 ${now.n} 条记录` };
  return { ok: true, message: `与外部锚点（${formatInstantDateCn(anchor.at)}，留痕 ${chain.count} 条）一致` };
}

/** For the anchor's chain part: is the anchored head still the hash of the row at that position? */
export function anchoredRowHash(sqlite: SqliteDb, count: number): string | null {
  if (count === 0) return '';
  return (
    (sqlite
      .prepare('SELECT hash FROM change_log ORDER BY id LIMIT 1 OFFSET ?')
      .pluck()
      .get(count - 1) as string | undefined) ?? null
  );
}

/**
 * The anchor as a person copies it: printed on each 关账 report and written into each backup's manifest, so a
 * later `verify` can be checked against a paper or a file that never lived beside the ledger.
 */
export function anchorText(sqlite: SqliteDb): string {
  const { chain } = currentState(sqlite);
  return chain.count === 0 ? '留痕 0 条' : `留痕 ${chain.count} 条，末条校验值 ${chain.head.slice(0, 16)}`;
}
