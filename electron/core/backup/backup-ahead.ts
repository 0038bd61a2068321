/**
 * A backup copied ahead of a write, while the caller is still preparing it (an import's file is read in its worker
 * and this thread waits), instead of after: on a county's 200 MB ledger the copy was about a second the clerk
 * waited for once the file had been read. The write may still not happen (a refused file, a cancel): the copy is
 * then removed, never having counted among the backups (copyBackup: nothing older was pruned for it). And if the
 * ledger was written meanwhile (the clerk saved a report, the CLI wrote: the connection's generation moved; a write
 * rolled back counts too, and costs only a second copy), the copy no longer shows the ledger as it was just before
 * this write, and a new one is taken then, as before. A cancel at any moment before the write commits leaves backups/
 * exactly as it was: the copy counts (and the old ones are pruned) only once the write is done.
 */
import type { Ctx } from '../context.ts';
import { besideCall } from '../progress.ts';
import type { BackupReason } from './backup-files.ts';
import { copyBackup, type PendingBackup } from './backup.service.ts';
import { lastChangeId } from '../repositories/backup.repository.ts';

/**
 * Chooses the backup for the write and returns it: the copy taken ahead if the ledger is as it was when it began, else
 * one now. It counts among the backups (and the retention prunes for it) only once the write is done.
 */
export type TakeBackup = () => Promise<{ name: string; file: string; at: string }>;

/**
 * Runs `work` while the backup is copied beside it. `work` calls `take()` just before it writes. The copy is kept
 * (and the old backups pruned) when `work` returns; if `work` throws — a refused file, or a cancel at any moment up
 * to its commit — the copy is stopped, or removed once made, and nothing was pruned for it. Keeping it in take()
 * pruned an older backup before the write had happened: a cancel pressed during 检查数据 or 导入前备份 reaches the
 * core only when it next waits (for the pinyin keys, after take), so the import was cancelled with its copy kept
 * and an older backup gone.
 */
export async function withBackupAhead<T>(
  ctx: Ctx,
  reason: BackupReason,
  work: (take: TakeBackup) => Promise<T>,
): Promise<T> {
  const db = ctx.db;
  const before = db.generation();
  let unwanted = false;
  const copying = besideCall(
    () => unwanted,
    () => copyBackup(ctx, reason),
  );
  // Settled by take() or below; until then a failure must not surface as an unhandled rejection.
  copying.catch(() => undefined);
  /** The copy take() chose and the change log's last row then; whether the copy ahead was replaced by a newer one. */
  const s: { chosen: PendingBackup | null; loggedTo: number; aheadDropped: boolean } = {
    chosen: null,
    loggedTo: 0,
    aheadDropped: false,
  };
  const take: TakeBackup = async () => {
    let copy = await copying;
    if (ctx.db !== db || db.generation() !== before) {
      s.aheadDropped = true;
      copy.discard();
      copy = await copyBackup(ctx, reason);
    }
    s.chosen = copy;
    s.loggedTo = lastChangeId(ctx.db);
    return { name: copy.name, file: copy.file, at: copy.at };
  };
  let written = false;
  try {
    const result = await work(take);
    written = true;
    return result;
  } catch (e) {
    // A failure after the write committed (its rows are in the change log) must not take the backup before it along.
    written = s.chosen !== null && changedSince(ctx, s.loggedTo);
    throw e;
  } finally {
    if (s.chosen) {
      if (written) s.chosen.keep();
      else s.chosen.discard();
    } else if (!s.aheadDropped) {
      unwanted = true;
      try {
        (await copying).discard();
      } catch {
        // stopped before it was made: the copy removed its own partial file
      }
    }
  }
}

function changedSince(ctx: Ctx, loggedTo: number): boolean {
  try {
    return lastChangeId(ctx.db) !== loggedTo;
  } catch {
    return true; // cannot tell: the backup stays (one too many is better than the one before a write gone)
  }
}
