/**
 * Attachments travel inside the backup file, in a table of the copy (backup_attachment_file: stored path,
 * sha256, size, bytes). Why a table and not a folder or a zip beside the .db: a backup stays ONE file, so all
 * that already handles backups — naming, listing, retention pruning, the U盘 copy, setting a damaged copy
 * aside, the worker's full check, restore's atomic swap — works unchanged, and SQLite's integrity check covers
 * the bytes as well; the full check also re-hashes every file against its sha256. The cost: each backup holds
 * its own copy of every attachment (no sharing between backups), so the backups folder grows with
 * attachments × retained backups.
 *
 * On restore the files are written into the attachments folder (content-addressed, so nothing the current
 * ledger uses is overwritten) before the swap, and the table is dropped from the restored copy. Every stored
 * path — in the attachment rows and in the carried files — must be our own form inside the folder; a backup
 * with any other path is refused as a whole.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { resolveStoredPath, sha256Of, writeAttachmentFile } from '../attachments/store.ts';
import type { SqliteDb } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import { corePaths } from '../paths.ts';
import { checkpoint, progressOf } from '../progress.ts';
import {
  attachmentRefs,
  createCarriedFiles,
  dropCarriedFiles,
  eachCarriedFile,
  hasCarriedFiles,
  insertCarriedFile,
  type CarriedFile,
} from '../repositories/backup-attachment.repository.ts';

/** Copies the attachment files the ledger points to into the backup copy (`copy` is a private connection to it). */
export async function includeAttachments(copy: SqliteDb, sourceFile: string): Promise<void> {
  const refs = attachmentRefs(copy);
  if (refs.length === 0 || sourceFile === '' || sourceFile === ':memory:') {
    dropCarriedFiles(copy);
    return;
  }
  const dir = corePaths(sourceFile).attachmentsDir;
  createCarriedFiles(copy);
  copy.exec('BEGIN');
  try {
    // A ledger of 现场照片 carries hundreds of megabytes: its own stage, and a 取消 heard between files (the copy is
    // then deleted whole by onlineBackup).
    for (const [i, ref] of refs.entries()) {
      progressOf('复制附件', i, refs.length, 0, 100);
      checkpoint();
      let bytes: Buffer | null = null;
      try {
        const b = await readFile(resolveStoredPath(dir, ref.storedPath, ref.sha256));
        // A file that no longer has its hash is not carried as if it were the original.
        if (sha256Of(b) === ref.sha256) bytes = b;
      } catch {
        // Missing from the folder, or a path we refuse to read: recorded as missing (bytes NULL).
      }
      insertCarriedFile(copy, { ...ref, size: bytes?.length ?? 0, bytes });
    }
    // Heard after the last file too: on a fast disk the whole stage passes in a second, and a 取消 clicked as the
    // bar reached 复制附件 arrived after the loop and was ignored — the copy was kept against the clerk's word.
    checkpoint();
    copy.exec('COMMIT');
  } catch (e) {
    if (copy.inTransaction) copy.exec('ROLLBACK');
    throw e;
  }
}

/**
 * The attachment part of a backup's check: every stored path is ours and inside the folder; in full mode the
 * carried bytes also match their hashes. Null when fine, else the Chinese problem.
 */
export function checkCarriedAttachments(db: SqliteDb, mode: 'quick' | 'full'): string | null {
  const root = '/附件文件夹'; // any folder: only the form and containment of the path are checked here
  for (const ref of attachmentRefs(db)) {
    try {
      resolveStoredPath(root, ref.storedPath, ref.sha256);
    } catch (e) {
      return (e as Error).message;
    }
  }
  for (const f of eachCarriedFile(db, mode === 'full')) {
    try {
      resolveStoredPath(root, f.storedPath, f.sha256);
    } catch (e) {
      return (e as Error).message;
    }
    if (mode === 'full' && f.bytes !== null && !bytesMatch(f))
      return `备份中的附件“${f.storedPath}”内容与其校验值不符（已被改动或损坏）`;
  }
  return null;
}

const bytesMatch = (f: CarriedFile) => f.bytes !== null && f.bytes.length === f.size && sha256Of(f.bytes) === f.sha256;

/** Writes the files a backup carries into the attachments folder beside `target` (before the swap). Returns how many. */
export function restoreCarriedAttachments(backupFile: string, target: string): number {
  const dir = corePaths(target).attachmentsDir;
  const db = new Database(backupFile, { readonly: true, fileMustExist: true });
  let n = 0;
  try {
    for (const f of eachCarriedFile(db)) {
      if (f.bytes === null) continue;
      // Checked again here: the backup file could have changed since it was checked.
      if (!bytesMatch(f)) throw new AppError('CONFLICT', `备份中的附件“${f.storedPath}”内容与其校验值不符，未恢复`);
      writeAttachmentFile(resolveStoredPath(dir, f.storedPath, f.sha256), f.bytes, f.sha256);
      n++;
    }
  } finally {
    db.close();
  }
  return n;
}

/** Drops the carried files from a restored copy (the live ledger keeps attachments in the folder only). */
export function stripCarriedAttachments(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    if (!hasCarriedFiles(db)) return;
    if (dropCarriedFiles(db) > 0) db.exec('VACUUM');
  } finally {
    db.close();
  }
}

export interface AttachmentCheck {
  checked: number;
  missing: number;
  problem: string | null;
}

/**
 * For `verify`: a backup's carried files against their hashes; a ledger's attachment rows against the files in
 * the attachments folder beside it (missing files are counted, not failed: the ledger itself is intact).
 */
export function verifyAttachments(db: SqliteDb, file: string): AttachmentCheck {
  if (hasCarriedFiles(db)) {
    let checked = 0;
    let missing = 0;
    for (const f of eachCarriedFile(db)) {
      if (f.bytes === null) missing++;
      else checked++;
    }
    return { checked, missing, problem: checkCarriedAttachments(db, 'full') };
  }
  const dir = corePaths(file).attachmentsDir;
  let checked = 0;
  let missing = 0;
  for (const ref of attachmentRefs(db)) {
    let path: string;
    try {
      path = resolveStoredPath(dir, ref.storedPath, ref.sha256);
    } catch (e) {
      return { checked, missing, problem: (e as Error).message };
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      missing++;
      continue;
    }
    if (sha256Of(bytes) !== ref.sha256)
      return { checked, missing, problem: `附件文件“${ref.storedPath}”内容与其校验值不符（已被改动或损坏）` };
    checked++;
  }
  return { checked, missing, problem: null };
}
