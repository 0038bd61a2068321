/**
 * What the clerk is told after a restore was cut off (a power cut, the program killed): the next start finishes or
 * rolls it back (restore-swap.ts) and used to say so only in the log, so the clerk who had pressed 恢复 never learnt
 * whether the ledger was the backup's or still their own. The start leaves this notice beside the backups (not in the
 * database: a restore replaces it) until someone who may write has read it and pressed 知道了; the window shows it at
 * the top after sign-in and on the 数据安全 page (backups:list). The change log keeps the event for good.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { RestoreNoticeSchema, type RestoreNotice } from '../../../shared/schemas/safety.ts';
import { writeFileDurably } from '../files/durable-write.ts';

export const RESTORE_NOTICE_FILE = 'interrupted-restore.json';

export function writeRestoreNotice(backupsDir: string, notice: RestoreNotice): void {
  mkdirSync(backupsDir, { recursive: true });
  writeFileDurably(join(backupsDir, RESTORE_NOTICE_FILE), JSON.stringify(notice));
}

/** The notice not yet acknowledged, if any (one that cannot be read is no notice). */
export function readRestoreNotice(backupsDir: string): RestoreNotice | null {
  const file = join(backupsDir, RESTORE_NOTICE_FILE);
  if (!existsSync(file)) return null;
  try {
    const n = RestoreNoticeSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return n.success ? n.data : null;
  } catch {
    return null;
  }
}

/** 知道了: the notice is not shown again. */
export function dismissRestoreNotice(backupsDir: string): void {
  rmSync(join(backupsDir, RESTORE_NOTICE_FILE), { force: true });
}
