/**
 * The recovery core: what the app serves when its database cannot be opened (damaged, or written by a
 * newer version). It answers `recovery:status` (the error and the backups found beside the database) and
 * `recovery:restore { name }`; every other channel answers the start-up error, so the renderer shows its
 * recovery screen. After a successful restore it becomes a normal core in place: adapters keep their
 * reference and need no restart.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Channel } from '../../shared/ipc/channels.ts';
import type { RecoveryStatus } from '../../shared/schemas/safety.ts';
import { appendChanges } from './audit/change-log.ts';
import { backupPath, checkBackupFile, listBackupInfos, SET_ASIDE_DIR } from './backup/backup-files.ts';
import { replaceDatabaseFile, setAside } from './backup/swap.ts';
import { createCtx } from './context.ts';
import type { Db } from './db/connection.ts';
import { withLedgerExclusive } from './db/ledger-users.ts';
import { AppError } from './errors.ts';
import type { Core, CoreConfig } from './index.ts';
import { corePaths, resolveFile } from './paths.ts';

export function recoveryStatus(dbFile: string, backupsDir: string, error: AppError | null): RecoveryStatus {
  const backups = error ? listBackupInfos(backupsDir, 'quick') : [];
  return {
    mode: error ? 'recovery' : 'normal',
    error: error ? { code: error.code, message: error.message } : null,
    dbFile,
    backups,
    newestGood: backups.find((b) => b.ok)?.name ?? null,
  };
}

export function createRecoveryCore(cfg: CoreConfig, error: AppError, createCore: (cfg: CoreConfig) => Promise<Core>): Core {
  const file = resolveFile(cfg.dbPath);
  const paths = corePaths(file);
  const log = cfg.log ?? ((m: string) => console.error(`[core] ${m}`));
  // No database is open in recovery mode; dispatch never reaches a service that reads it.
  const ctx = createCtx(null as unknown as Db, paths, cfg);
  let healed: Core | null = null;

  async function restore(name: string) {
    const { core, setAside } = await recoverFromFile(cfg, error, backupPath(paths.backupsDir, name), name, createCore);
    healed = core;
    log(`已从备份 ${name} 恢复`);
    return { restoredName: name, setAside };
  }

  return {
    get mode() {
      return healed ? 'normal' : 'recovery';
    },
    get ctx() {
      return healed?.ctx ?? ctx;
    },
    migration: { applied: [], backupFile: null },
    log,
    async dispatch(channel: Channel, input: unknown) {
      if (healed) return healed.dispatch(channel, input as never);
      if (channel === 'recovery:status') return recoveryStatus(file, paths.backupsDir, error);
      if (channel === 'recovery:restore') return restore((input as { name: string }).name);
      throw new AppError(error.code, error.message);
    },
    close: () => healed?.close(),
  } as Core;
}

/**
 * Replaces a database that cannot be opened with a checked backup: the old file is moved aside (never
 * rewritten), the backup swapped in, and a normal core opened on it with the restore in its change log.
 */
export async function recoverFromFile(
  cfg: CoreConfig,
  error: AppError,
  backup: string,
  name: string,
  createCore: (cfg: CoreConfig) => Promise<Core>,
): Promise<{ core: Core; setAside: string | null }> {
  return withLedgerExclusive(resolveFile(cfg.dbPath), () => recoverExclusively(cfg, error, backup, name, createCore));
}

async function recoverExclusively(
  cfg: CoreConfig,
  error: AppError,
  backup: string,
  name: string,
  createCore: (cfg: CoreConfig) => Promise<Core>,
): Promise<{ core: Core; setAside: string | null }> {
  const file = resolveFile(cfg.dbPath);
  const paths = corePaths(file);
  const now = cfg.now ?? (() => new Date());
  const problem = checkBackupFile(backup, 'full');
  if (problem) throw new AppError('CONFLICT', `不能从备份“${name}”恢复：${problem}`);
  const quarantine = join(paths.backupsDir, SET_ASIDE_DIR);
  mkdirSync(quarantine, { recursive: true });
  // The unreadable file is moved, not copied or opened for writing: it stays byte-for-byte as it was.
  const setAsideName = setAside(file, quarantine, now(), error.code === 'DB_FROM_FUTURE' ? '更新版本的数据库' : '损坏的数据库');
  replaceDatabaseFile(file, backup);
  const core = await createCore(cfg);
  core.ctx.db.tx(() =>
    appendChanges(core.ctx.db, core.ctx.session.operator, now().toISOString(), [
      { action: '恢复备份', entity: 'database', reason: `启动时数据库无法打开（${error.code}），从备份“${name}”恢复；原文件已移至 backups/${SET_ASIDE_DIR}/${setAsideName ?? '（无）'}` },
    ]),
  );
  return { core, setAside: setAsideName };
}
