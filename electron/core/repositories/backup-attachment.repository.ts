/**
 * The attachment bytes carried inside a backup file (see backup/backup-attachments.ts for why they live in a
 * table of the backup). Works on a bare better-sqlite3 connection: the backup copy, never the live ledger
 * except to drop the table from a restored copy.
 */
import type { SqliteDb } from '../db/connection.ts';

export const BACKUP_ATTACHMENT_TABLE = 'backup_attachment_file';

export interface AttachmentRef {
  storedPath: string;
  sha256: string;
}

export interface CarriedFile extends AttachmentRef {
  size: number;
  bytes: Buffer | null;
}

const hasTable = (db: SqliteDb, name: string) =>
  db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(name) !== undefined;

/** Each distinct file the ledger's attachment rows point to (several rows may share the same bytes). */
export function attachmentRefs(db: SqliteDb): AttachmentRef[] {
  if (!hasTable(db, 'attachment')) return [];
  return db
    .prepare(`SELECT DISTINCT stored_path AS storedPath, sha256 FROM attachment ORDER BY stored_path`)
    .all() as AttachmentRef[];
}

export function hasCarriedFiles(db: SqliteDb): boolean {
  return hasTable(db, BACKUP_ATTACHMENT_TABLE);
}

/** A fresh table (a copy of a restored ledger that still had one must not carry stale rows). */
export function createCarriedFiles(db: SqliteDb): void {
  db.exec(`DROP TABLE IF EXISTS ${BACKUP_ATTACHMENT_TABLE}`);
  // bytes NULL: the file was already missing from the attachments folder when the backup was taken.
  db.exec(
    `CREATE TABLE ${BACKUP_ATTACHMENT_TABLE} (stored_path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL, bytes BLOB) STRICT`,
  );
}

export function insertCarriedFile(db: SqliteDb, f: CarriedFile): void {
  db.prepare(`INSERT INTO ${BACKUP_ATTACHMENT_TABLE} (stored_path, sha256, size, bytes) VALUES (?, ?, ?, ?)`).run(
    f.storedPath,
    f.sha256,
    f.size,
    f.bytes,
  );
}

/** One row at a time: a backup may carry gigabytes of photos. */
export function* eachCarriedFile(db: SqliteDb, withBytes = true): IterableIterator<CarriedFile> {
  if (!hasCarriedFiles(db)) return;
  const cols = withBytes ? 'bytes' : 'NULL AS bytes';
  yield* db
    .prepare(
      `SELECT stored_path AS storedPath, sha256, size, ${cols} FROM ${BACKUP_ATTACHMENT_TABLE} ORDER BY stored_path`,
    )
    .iterate() as IterableIterator<CarriedFile>;
}

/** Returns how many rows the table held (0 when there was none). */
export function dropCarriedFiles(db: SqliteDb): number {
  if (!hasCarriedFiles(db)) return 0;
  const n = (db.prepare(`SELECT count(*) AS n FROM ${BACKUP_ATTACHMENT_TABLE}`).get() as { n: number }).n;
  db.exec(`DROP TABLE ${BACKUP_ATTACHMENT_TABLE}`);
  return n;
}
