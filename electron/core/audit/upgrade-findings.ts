/**
 * An upgrade must not launder an edit made behind the app's back. A schema upgrade re-seals every row (its
 * migrations rewrite rows without the seal triggers: seal-startup.ts), which would seal a row changed, added or
 * deleted with a SQLite tool while the app was closed as if the app had written it. So before migrating, the seals
 * are checked (verifySeals, every row problem), and after the re-sealing each finding is put back: `verify` goes on
 * naming the same rows, and the app's later writes do not clear them (their triggers see seals that do not match).
 */
import type { SqliteDb } from '../db/connection.ts';
import { entityLabel as tableLabel } from '../../../shared/fields/registry.ts';
import {
  FOREIGN_ANCHOR,
  readAnchor,
  sealedTables,
  verifySeals,
  xor,
  type RowFinding,
  type SealCount,
} from './row-seal.ts';

export interface UpgradeFindings {
  /** every row problem verify named before the upgrade */
  rows: RowFinding[];
  /**
   * Per table, how far seal_state stood from the seals actually held (rows deleted or added together with their
   * seals): the re-sealing makes them agree, so the distance is added back.
   */
  offsets: Map<string, { n: number; x: bigint }>;
}

/**
 * Before the migrations of a ledger that holds data: what the seals say now. Null when there is nothing to keep —
 * no seals yet, no usable anchor (opening re-seals it anyway and says so), a foreign anchor (the evidence of that is
 * the anchor set aside at opening, which the upgrade leaves alone), or a clean ledger.
 */
export function findingsBeforeUpgrade(sqlite: SqliteDb, ledgerFile: string): UpgradeFindings | null {
  const read = readAnchor(ledgerFile);
  if (read.kind !== 'ok') return null;
  const rows: RowFinding[] = [];
  let actual: Record<string, SealCount> = {};
  let stored: Record<string, SealCount> = {};
  const check = verifySeals(sqlite, ledgerFile, [], read, {
    row: (f) => rows.push(f),
    totals: (a, s) => ((actual = a), (stored = s)),
  });
  if (check.checked === 0 || check.message === FOREIGN_ANCHOR) return null;
  // The seals held per table, from the rows' due seals and the findings (not a second pass over row_seal: a county's
  // million seals took seconds more): a row without a seal holds none, a changed row holds the seal found on it, a
  // deleted row's seal is held still.
  const held = new Map(Object.entries(actual).map(([t, a]) => [t, { n: a.n, x: BigInt(a.x) }]));
  for (const f of rows) {
    const h = held.get(f.table)!;
    if (f.found === null) {
      h.n--;
      h.x = xor(h.x, f.want!);
    } else if (f.want === null) {
      h.n++;
      h.x = xor(h.x, f.found);
    } else h.x = xor(h.x, xor(f.found, f.want));
  }
  const offsets = new Map<string, { n: number; x: bigint }>();
  for (const [tbl, h] of held) {
    const s = stored[tbl] ?? { n: 0, x: '0' };
    const x = xor(BigInt(s.x), h.x);
    if (s.n !== h.n || x !== 0n) offsets.set(tbl, { n: s.n - h.n, x });
  }
  return rows.length === 0 && offsets.size === 0 ? null : { rows, offsets };
}

export interface FindingsKept {
  rows: number;
  /** tables whose count or total was put back off their seals */
  tables: string[];
}

/**
 * After the upgrade's re-sealing (every row sealed as it is, seal_state agreeing), in its transaction: each finding
 * as it was. A changed row's seal differs from its due seal as before (the same XOR: one the app had poisoned stays
 * poisoned), a row added without a seal loses it again, a deleted row's seal is put back, and seal_state keeps its
 * distance from the seals. Rows the migration itself removed or re-keyed, and tables it dropped, are passed over.
 */
export function putFindingsBack(sqlite: SqliteDb, found: UpgradeFindings): FindingsKept {
  const sealed = new Set(sealedTables(sqlite).map((t) => t.name));
  const sealOf = sqlite.prepare('SELECT mac FROM row_seal WHERE tbl = ? AND rk = ?').pluck().safeIntegers(true);
  const setSeal = sqlite.prepare('UPDATE row_seal SET mac = ? WHERE tbl = ? AND rk = ?');
  const dropSeal = sqlite.prepare('DELETE FROM row_seal WHERE tbl = ? AND rk = ?');
  const addSeal = sqlite.prepare('INSERT INTO row_seal (tbl, rk, mac) VALUES (?, ?, ?)');
  const delta = new Map<string, { n: number; x: bigint }>();
  const move = (tbl: string, n: number, x: bigint) => {
    const d = delta.get(tbl) ?? { n: 0, x: 0n };
    delta.set(tbl, { n: d.n + n, x: xor(d.x, x) });
  };
  let rows = 0;
  for (const f of found.rows) {
    if (!sealed.has(f.table)) continue;
    // After the re-sealing a seal exists exactly for each row there is.
    const now = sealOf.get(f.table, f.rowKey) as bigint | undefined;
    if (f.kind === '删除') {
      if (now !== undefined || f.found === null) continue;
      addSeal.run(f.table, f.rowKey, f.found);
      move(f.table, 1, f.found);
    } else if (now === undefined) continue;
    else if (f.found === null) {
      dropSeal.run(f.table, f.rowKey);
      move(f.table, -1, now);
    } else {
      const mac = xor(now, xor(f.found, f.want!));
      setSeal.run(mac, f.table, f.rowKey);
      move(f.table, 0, xor(now, mac));
    }
    rows++;
  }
  const tables: string[] = [];
  for (const [tbl, o] of found.offsets)
    if (sealed.has(tbl)) {
      move(tbl, o.n, o.x);
      tables.push(tbl);
    }
  const state = sqlite.prepare('SELECT n, x FROM seal_state WHERE tbl = ?').raw(true).safeIntegers(true);
  const setState = sqlite.prepare('UPDATE seal_state SET n = ?, x = ? WHERE tbl = ?');
  for (const [tbl, d] of delta) {
    const [n, x] = state.get(tbl) as [bigint, bigint];
    setState.run(n + BigInt(d.n), xor(x, d.x), tbl);
  }
  return { rows, tables };
}

/** What was kept, in words for the change log and the window. */
export function keptWords(kept: FindingsKept): string {
  const parts: string[] = [];
  if (kept.rows > 0) parts.push(`台账中有 ${kept.rows} 条记录在程序之外被改动、加入或删除`);
  if (kept.tables.length > 0)
    parts.push(`${kept.tables.map((t) => `“${tableLabel(t)}”`).join('、')}表有记录连同封签在程序之外被删除或加入`);
  return parts.join('，');
}
