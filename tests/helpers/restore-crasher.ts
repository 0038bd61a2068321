/**
 * Child process for the restore crash tests: opens the ledger through the real core as the 管理员, restores a backup
 * (or undoes the last restore) and kills itself with SIGKILL the moment it reaches the named step (crash-step.ts) —
 * no finally block, no close, no anchor written at the end, as when the power goes.
 *   node restore-crasher.mjs DBFILE restore BACKUPNAME STEP
 *   node restore-crasher.mjs DBFILE undo - STEP
 *   node restore-crasher.mjs DBFILE open - STEP        (only opens it: a crash while the next start finishes a restore)
 *   node restore-crasher.mjs DBFILE recover BACKUPNAME STEP   (a ledger that cannot be opened, from the recovery screen)
 * Prints "at STEP" just before the kill; exits 0 printing "done" if the step never came.
 */
import { createCore, createCoreOrRecovery } from '../../electron/core/index.ts';
import { onCrashStep } from '../../electron/core/crash-step.ts';

const [file, mode, name, step] = process.argv.slice(2);
onCrashStep((reached) => {
  if (reached !== step) return;
  process.stdout.write(`at ${reached}\n`);
  process.kill(process.pid, 'SIGKILL');
});
const cfg = { dbPath: file!, autoBackup: false, operator: '王管理', role: '管理员' as const, log: () => {} };
const core = mode === 'recover' ? await createCoreOrRecovery(cfg) : await createCore(cfg);
if (mode === 'recover') await core.dispatch('recovery:restore', { name: name! });
if (mode === 'restore') await core.dispatch('backups:restore', { name: name! });
if (mode === 'undo') await core.dispatch('backups:undoRestore', {});
core.close();
process.stdout.write('done\n');
