/**
 * The floor of the two libraries an import stands on, taken together: SheetJS reading the file, then better-sqlite3
 * storing the rows the import left in the ledger's own tables (the sealed ones) — the same rows, into the same tables with their
 * indexes, keys and checks, through prepared statements in one transaction, with the app's pragmas. Nothing of the
 * app's own work is in it: no header or structure detection, no checks, no seals, no change log, no figures kept.
 * The bench shows the import against it beside the issue's floor (SheetJS alone), so the distance that is the
 * app's own can be read off the table.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as XLSX from 'xlsx';
import { sealedTables } from '../../electron/core/audit/row-seal.ts';

type Db = Database.Database;

interface TableRows {
  table: string;
  columns: string[];
  rows: unknown[][];
}

/**
 * The rows `imported` holds beyond `empty` (the ledger the import ran into, as it was), per table, in an order that
 * keeps the foreign keys satisfied (a table after the tables it refers to).
 */
function addedRows(imported: Db, empty: Db): TableRows[] {
  // The ledger's own tables, those whose rows are sealed (not the seals, the change log or the figures kept for
  // speed), with their columns as sealedTables read them.
  const tables = sealedTables(imported).sort((a, b) => (a.name < b.name ? -1 : 1));
  const found: TableRows[] = [];
  for (const { name: table, columns, rowid } of tables) {
    const before = empty.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
    const list = columns.map((c) => `"${c}"`).join(', ');
    let rows: unknown[][];
    if (before === 0) rows = imported.prepare(`SELECT ${list} FROM "${table}"`).raw(true).all() as unknown[][];
    else if (rowid) {
      const above = empty.prepare(`SELECT max(rowid) FROM "${table}"`).pluck().get() as number;
      rows = imported.prepare(`SELECT ${list} FROM "${table}" WHERE rowid > ?`).raw(true).all(above) as unknown[][];
    } else continue; // a table without rowid that had rows before the import: the import adds none (project_org starts empty)
    if (rows.length) found.push({ table, columns, rows });
  }
  const refers = (t: string) =>
    new Set(imported.prepare(`SELECT "table" FROM pragma_foreign_key_list(?)`).pluck().all(t) as string[]);
  const ordered: TableRows[] = [];
  const left = [...found];
  while (left.length) {
    const i = left.findIndex((t) =>
      [...refers(t.table)].every((r) => r === t.table || !left.some((x) => x.table === r)),
    );
    ordered.push(...left.splice(i < 0 ? 0 : i, 1));
  }
  return ordered;
}

/**
 * Set up from the database an import produced and a copy of the database it ran into, before it: each `run` reads
 * `bytes` with SheetJS and stores the added rows into a fresh copy of the empty database (made by `setup`, outside
 * the clock, with its triggers removed: they are the app's). `rows` counts what is stored.
 */
export function importLibraryFloor(o: { importedDb: string; emptyDb: string; workDir: string; bytes: Buffer }): {
  setup(): void;
  run(): void;
  rows: number;
  close(): void;
} {
  const imported = new Database(o.importedDb, { readonly: true });
  const empty = new Database(o.emptyDb, { readonly: true });
  const tables = addedRows(imported, empty);
  imported.close();
  empty.close();
  let n = 0;
  let target: Db | null = null;
  const close = () => {
    target?.close();
    target = null;
  };
  return {
    rows: tables.reduce((s, t) => s + t.rows.length, 0),
    setup() {
      close();
      const file = join(o.workDir, `floor-${n++}.db`);
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      copyFileSync(o.emptyDb, file);
      target = new Database(file);
      target.pragma('foreign_keys = ON');
      target.pragma('journal_mode = WAL');
      target.pragma('synchronous = FULL');
      for (const t of target.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[])
        target.exec(`DROP TRIGGER "${t}"`);
    },
    run() {
      const db = target!;
      XLSX.read(o.bytes, { type: 'buffer', dense: true });
      db.transaction(() => {
        for (const t of tables) {
          const insert = db.prepare(
            `INSERT INTO "${t.table}" (${t.columns.map((c) => `"${c}"`).join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`,
          );
          for (const row of t.rows) insert.run(row);
        }
      }).immediate();
    },
    close,
  };
}
