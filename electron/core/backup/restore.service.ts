/**
 * Restore: verify the chosen backup, keep the current ledger as a 恢复前 backup (so the restore can be
 * undone), swap the file atomically and reopen. The restore itself is recorded in the change log of the
 * restored ledger, and the 登录记录 goes on across it (sign-in-carry.ts).
 */
import type { BackupInfo } from '../../../shared/schemas/safety.ts';
import { nowIso, type Ctx } from '../context.ts';
import { withLedgerExclusive } from '../db/ledger-users.ts';
import { AppError } from '../errors.ts';
import { checkpoint, pointOfNoReturn, progress } from '../progress.ts';
import { getTownSettings } from '../services/town-settings.service.ts';
import { countAdmins } from '../repositories/operator.repository.ts';
import { allSignIns } from '../repositories/sign-in-log.repository.ts';
import { backupPath, describeBackup, describeBackupFor } from './backup-files.ts';
import { copyBackup, readUndo } from './backup.service.ts';
import { restoreProblem, type RestoreTarget } from './restore-check.ts';
import { abandonRestore, beginRestore, swapInJournaled } from './restore-swap.ts';
import { crashStep } from '../crash-step.ts';

const restoreTarget = (ctx: Ctx): RestoreTarget => ({
  town: getTownSettings(ctx).townName,
  signsIn: countAdmins(ctx.db) > 0,
});

/** What the 恢复 dialog shows of a backup: its summary, and why it may not be restored over this ledger, if so. */
export function previewBackup(ctx: Ctx, name: string): BackupInfo {
  const file = backupPath(ctx.paths.backupsDir, name);
  const target = restoreTarget(ctx);
  const info = describeBackupFor(describeBackup(ctx.paths.backupsDir, name, 'full'), target.town);
  // the restore's own reason, when it has one: more precise than that the summary could not be read
  const problem = restoreProblem(file, target) ?? (info.ok ? null : info.problem);
  return problem ? { ...info, ok: false, state: info.state === '完好' ? '不可用' : info.state, problem } : info;
}

/**
 * Refuses a file that may not replace the ledger `target` (null: checked before the ledger is opened; the restore
 * itself checks again against the ledger it replaces).
 */
export function requireGoodFile(file: string, name: string, target: RestoreTarget | null = null): string {
  const problem = restoreProblem(file, target);
  if (problem) throw new AppError('CONFLICT', `不能从备份“${name}”恢复：${problem}`);
  return file;
}

export async function restoreBackup(ctx: Ctx, name: string, kind: '恢复前' | '撤销前' = '恢复前') {
  return restoreFromFile(ctx, backupPath(ctx.paths.backupsDir, name), name, kind);
}

/** Restore from a checked file (a named backup, or a file given on the command line). */
export async function restoreFromFile(ctx: Ctx, file: string, name: string, kind: '恢复前' | '撤销前' = '恢复前') {
  // Nothing is touched (not even the 恢复前 backup) while another process has the ledger open.
  return withLedgerExclusive(ctx.db.file, () => restoreExclusively(ctx, file, name, kind));
}

async function restoreExclusively(ctx: Ctx, file: string, name: string, kind: '恢复前' | '撤销前') {
  // Checked here, whoever asks (the window, the CLI, an undo): the core refuses what the dialog greys out.
  progress('校验备份文件', 0);
  requireGoodFile(file, name, restoreTarget(ctx));
  checkpoint();
  // From here a restore cut off by a crash leaves its journal: the next start tells the clerk what became of it.
  beginRestore(ctx.db.file, name);
  let before: Awaited<ReturnType<typeof copyBackup>>;
  try {
    progress('备份当前台账', 10);
    const pending = await copyBackup(ctx, kind);
    // The last moment a cancel leaves the ledger as it was; the swap itself is not interrupted. A restore cancelled
    // here leaves no 恢复前 copy in the list (a copy of the ledger as it still is, for a restore that never happened).
    try {
      checkpoint();
    } catch (e) {
      pending.discard();
      throw e;
    }
    pending.keep([name]);
    before = pending;
  } catch (e) {
    abandonRestore(ctx.db.file);
    throw e;
  }
  crashStep('copied');
  // From here the restore runs to its end (the swap is crash-safe, not stoppable half way: restore-swap.ts), and the
  // report says so: the dialog greys out 取消 with the reason instead of offering a cancel it would not keep.
  pointOfNoReturn('替换数据库文件', 70);
  const at = nowIso(ctx);
  // The restore's row, the anchor and the undo record go with the swap, crash-safely (restore-swap.ts).
  await swapInJournaled(ctx, file, {
    restoredName: name,
    operator: ctx.session.operator,
    at,
    entry: {
      action: '恢复备份',
      entity: 'database',
      reason: `从备份“${name}”恢复；恢复前的数据已另存为备份“${before.name}”`,
    },
    // Undoing is not itself undoable from here (its 撤销前 copy stays in the list and can be restored).
    undo: kind === '恢复前' ? { restoredName: name, undoName: before.name, at } : null,
    signIns: allSignIns(ctx.db),
  });
  return { restoredName: name, undoName: before.name };
}

/** Puts back the ledger as it was right before the last restore. */
export async function undoRestore(ctx: Ctx) {
  const undo = readUndo(ctx);
  if (!undo) throw new AppError('CONFLICT', '没有可以撤销的恢复操作');
  const r = await restoreBackup(ctx, undo.undoName, '撤销前');
  return { restoredName: r.restoredName, undoName: null };
}
