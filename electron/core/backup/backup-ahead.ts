/**
 * A backup copied ahead of a write, while the caller is still preparing it (an import's file is read in its worker
 * and this thread waits), instead of after: on a county's 200 MB ledger the copy was about a second the clerk
 * waited for once the file had been read. The write may still not happen (a refused file, a cancel): the copy is
 * then removed, never having counted among the backups (copyBackup: nothing older was pruned for it). And if the
 * ledger was written meanwhile (the clerk saved a report, the CLI wrote: the connection's generation moved; a write
 * rolled back counts too, and costs only a second copy), the copy no longer shows the ledger as it was just before
 * this write, and a new one is taken then, as before.
 */
import type { Ctx } from '../context.ts';
import { besideCall } from '../progress.ts';
import type { BackupReason } from './backup-files.ts';
import { copyBackup } from './backup.service.ts';

/** Keeps the backup and returns it: the copy taken ahead if the ledger is as it was when it began, else one now. */
export type TakeBackup = () => Promise<{ name: string; file: string; at: string }>;

/**
 * Runs `work` while the backup is copied beside it. `work` calls `take()` just before it writes; if it returns or
 * throws without having taken it, the copy is stopped, or removed once made.
 */
export async function withBackupAhead<T>(
  ctx: Ctx,
  reason: BackupReason,
  work: (take: TakeBackup) => Promise<T>,
): Promise<T> {
  const db = ctx.db;
  const before = db.generation();
  let unwanted = false;
  let taken = false;
  const copying = besideCall(
    () => unwanted,
    () => copyBackup(ctx, reason),
  );
  // Settled by take() or below; until then a failure must not surface as an unhandled rejection.
  copying.catch(() => undefined);
  const take: TakeBackup = async () => {
    let copy = await copying;
    if (ctx.db !== db || db.generation() !== before) {
      copy.discard();
      copy = await copyBackup(ctx, reason);
    }
    copy.keep();
    taken = true;
    return { name: copy.name, file: copy.file, at: copy.at };
  };
  try {
    return await work(take);
  } finally {
    if (!taken) {
      unwanted = true;
      try {
        (await copying).discard();
      } catch {
        // stopped before it was made: the copy removed its own partial file
      }
    }
  }
}
