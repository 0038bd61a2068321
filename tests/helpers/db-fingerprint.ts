/**
 * What "no row changed" means in the tests: every row of every table of a SQLite file, hashed per table
 * (rows compared as sorted JSON, so the order a query happens to return them in does not matter), plus the
 * row counts. Two fingerprints are equal exactly when no table gained, lost or changed a row.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export interface Fingerprint {
  /** table → { rows, sha256 of its sorted rows } */
  tables: Record<string, { rows: number; sha256: string }>;
}

export function fingerprint(sqlite: Database.Database): Fingerprint {
  const names = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  const tables: Fingerprint['tables'] = {};
  for (const name of names) {
    const rows = (
      sqlite
        .prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`)
        .raw()
        .all() as unknown[][]
    ).map((r) =>
      JSON.stringify(r, (_, v: unknown) =>
        Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? String(v) : v,
      ),
    );
    rows.sort();
    tables[name] = { rows: rows.length, sha256: createHash('sha256').update(rows.join('\n')).digest('hex') };
  }
  return { tables };
}

/** The tables whose rows differ between two fingerprints (empty: nothing changed). */
export function changedTables(a: Fingerprint, b: Fingerprint): string[] {
  const names = new Set([...Object.keys(a.tables), ...Object.keys(b.tables)]);
  return [...names]
    .filter((n) => a.tables[n]?.sha256 !== b.tables[n]?.sha256 || a.tables[n]?.rows !== b.tables[n]?.rows)
    .sort();
}
