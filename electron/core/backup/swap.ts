/**
 * Replacing the database file with a backup, crash-safely: the backup is copied next to the target
 * (same folder, so the final rename is atomic), flushed to disk, the old -wal/-shm are removed (they
 * belong to the old file and would be replayed onto the new one), then renamed over the target.
 * The connection to the target must be closed first. A crash before the rename leaves the old file
 * in place and a stale `.restoring` copy, which createCore removes. A restore prepares the staged copy between the
 * two halves and keeps a journal across the rename (restore-swap.ts).
 */
import { constants, copyFileSync, existsSync, linkSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { restoreCarriedAttachments, stripCarriedAttachments } from './backup-attachments.ts';
import { stamp } from './stamp.ts';
import { fsyncPath } from '../files/durable-write.ts';

export const stagingPath = (target: string) => `${target}.restoring`;
const sidecars = (file: string) => [`${file}-wal`, `${file}-shm`, `${file}-journal`];

/** The first half of a swap: the backup copied to the staging name beside the target. Returns that name. */
export function stageDatabaseFile(target: string, backupFile: string): string {
  // The attachments first: content-addressed, so writing them never changes a file the current ledger uses,
  // and a failure here leaves the ledger untouched.
  restoreCarriedAttachments(backupFile, target);
  const staging = stagingPath(target);
  removeStaged(target);
  copyFileSync(backupFile, staging);
  stripCarriedAttachments(staging);
  return staging;
}

/** The second half: the staged copy, flushed, renamed over the target (the one atomic step of a swap). */
export function putStagedInPlace(target: string): void {
  const staging = stagingPath(target);
  fsyncPath(staging);
  for (const s of sidecars(target)) rmSync(s, { force: true });
  renameSync(staging, target);
  fsyncPath(dirname(target));
}

/** A staged copy left behind (a swap that failed or was killed before its rename), with its rollback journal. */
export function removeStaged(target: string): void {
  for (const f of [stagingPath(target), ...sidecars(stagingPath(target))]) rmSync(f, { force: true });
}

/** The name setAside gives a file set aside at `now` for `why`. */
export const asideName = (now: Date, why: string) => `${stamp(now)}-${why}.db`;

/** asideName, numbered if `intoDir` has that name already (a second recovery in the same second). */
export function freeAsideName(intoDir: string, now: Date, why: string): string {
  let name = asideName(now, why);
  for (let i = 2; existsSync(join(intoDir, name)); i++) name = asideName(now, `${why}-${i}`);
  return name;
}

/**
 * Moves a database that cannot be opened (damaged, or from a newer version) out of the way, together
 * with its sidecar files, without changing a byte of it. Returns the new name.
 */
export function setAside(target: string, intoDir: string, now: Date, why: string): string | null {
  if (!existsSync(target)) return null;
  const name = asideName(now, why);
  const dest = join(intoDir, name);
  renameSync(target, dest);
  moveSidecars(target, dest);
  return name;
}

function moveSidecars(target: string, dest: string): void {
  for (const [from, suffix] of sidecars(target).map((s) => [s, s.slice(target.length)] as const)) {
    if (existsSync(from)) renameSync(from, `${dest}${suffix}`);
  }
}

/**
 * setAside for a file a swap is about to replace: the file gets its second name (a hard link: the same bytes, never
 * copied or opened) but stays at `target` until the rename over it, so a crash in between never leaves the ledger's
 * place empty (a start would begin a new, empty ledger there). Volumes without hard links get a byte copy.
 */
export function keepAsideForSwap(target: string, intoDir: string, name: string): void {
  const dest = join(intoDir, name);
  try {
    linkSync(target, dest);
  } catch (e) {
    // Never over another file (the caller picked a free name: freeAsideName).
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw e;
    copyFileSync(target, dest, constants.COPYFILE_EXCL);
  }
  moveSidecars(target, dest);
}
