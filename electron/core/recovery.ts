/**
 * The recovery core: what the app serves when its database cannot be opened (damaged, or written by a
 * newer version). It answers `recovery:status` (the error and the backups found beside the database) and
 * `recovery:restore { name }`; every other channel answers the start-up error, so the renderer shows its
 * recovery screen. After a successful restore it becomes a normal core in place: adapters keep their
 * reference and need no restart.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Channel } from '../../shared/ipc/channels.ts';
import type { RecoveryStatus } from '../../shared/schemas/safety.ts';
import { backupNames, backupPath, backupTime, listBackupInfos, SET_ASIDE_DIR } from './backup/backup-files.ts';
import { townIn, townOfFile } from './backup/backup-town.ts';
import { carriedAnchor, readAnchor } from './audit/row-seal.ts';
import { requireGoodFile } from './backup/restore.service.ts';
import { recoverJournaled } from './backup/restore-swap.ts';
import { freeAsideName, keepAsideForSwap } from './backup/swap.ts';
import { retireAnchor } from './audit/seal-startup.ts';
import { createCtx } from './context.ts';
import type { Db } from './db/connection.ts';
import { TRANSIENT_DB_CODES } from './db/ledger-file.ts';
import { withLedgerExclusive } from './db/ledger-users.ts';
import { AppError } from './errors.ts';
import { checkpoint, pointOfNoReturn, progress } from './progress.ts';
import type { Core, CoreConfig } from './core-types.ts';
import { corePaths, resolveFile } from './paths.ts';

/** How a file moved out of the way is named in 已隔离, by what was wrong with it. */
const SET_ASIDE_LABEL: Partial<Record<string, string>> = {
  DB_FROM_FUTURE: '更新版本的数据库',
  DB_EMPTY: '空的数据库文件',
  DB_FOREIGN: '不是台账的数据库文件',
  DB_DAMAGED: '损坏的数据库',
};

/**
 * The town of a ledger that cannot be opened, so that another town's backup in its folder is not offered as its own
 * (the screen listed 虞乡镇's backup as 完好 and, being the newest, 推荐): the town its file still names where the
 * 设置 can be read (a damaged page elsewhere, a newer version), else the town of the newest backup sealed under its
 * anchor's key (every backup carries the key of the ledger it was taken from: row-seal.ts carryAnchor), else null.
 */
export function recoveryLedgerTown(dbFile: string, backupsDir: string): string | null {
  const own = townOfFile(dbFile);
  if (own) return own;
  const anchor = readAnchor(dbFile);
  if (anchor.kind !== 'ok') return null;
  const newestFirst = backupNames(backupsDir)
    .map((name) => ({ file: join(backupsDir, name), at: backupTime(name, join(backupsDir, name)).getTime() }))
    .sort((a, b) => b.at - a.at);
  for (const { file } of newestFirst) {
    let db: Database.Database | null = null;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      const carried = carriedAnchor(db);
      if (carried.kind === 'ok' && carried.anchor.key.equals(anchor.anchor.key)) return townIn(db);
    } catch {
      // not readable: not the one that tells
    } finally {
      db?.close();
    }
  }
  return null;
}

export function recoveryStatus(dbFile: string, backupsDir: string, error: AppError | null): RecoveryStatus {
  // A locked or unreadable ledger is not damaged: no backup is offered to overwrite it.
  const offered = error !== null && !TRANSIENT_DB_CODES.has(error.code);
  const town = offered ? recoveryLedgerTown(dbFile, backupsDir) : null;
  const backups = offered ? listBackupInfos(backupsDir, 'quick', town) : [];
  return {
    mode: error ? 'recovery' : 'normal',
    error: error ? { code: error.code, message: error.message } : null,
    dbFile,
    town,
    backups,
    newestGood: backups.find((b) => b.ok)?.name ?? null,
  };
}

export function createRecoveryCore(
  cfg: CoreConfig,
  error: AppError,
  createCore: (cfg: CoreConfig) => Promise<Core>,
): Core {
  const file = resolveFile(cfg.dbPath);
  const paths = corePaths(file);
  const log = cfg.log ?? ((m: string) => console.error(`[core] ${m}`));
  // No database is open in recovery mode; dispatch never reaches a service that reads it.
  const ctx = createCtx(null as unknown as Db, paths, cfg);
  let healed: Core | null = null;
  let current = error;

  /** Locked or unreadable: the ledger may be fine now (the other program closed, the disk is back). */
  async function retry(): Promise<RecoveryStatus> {
    if (TRANSIENT_DB_CODES.has(current.code)) {
      try {
        healed = await createCore(cfg);
        log('台账已可以打开');
        return recoveryStatus(file, paths.backupsDir, null);
      } catch (e) {
        if (e instanceof AppError) current = e;
        else throw e;
      }
    }
    return recoveryStatus(file, paths.backupsDir, current);
  }

  async function restore(name: string) {
    const { core, setAside } = await recoverFromFile(
      cfg,
      current,
      backupPath(paths.backupsDir, name),
      name,
      createCore,
    );
    healed = core;
    log(`已从备份 ${name} 恢复`);
    return { restoredName: name, setAside };
  }

  return {
    get mode() {
      return healed ? 'normal' : 'recovery';
    },
    // The start found a file it cannot open (a restart tells the window why; its recovery screen says what to do).
    started: [{ kind: 'cannot-open', message: error.message }],
    get ctx() {
      return healed?.ctx ?? ctx;
    },
    migration: { applied: [], backupFile: null },
    // Nothing to warm without a ledger; a ledger healed later warms in its own core.
    warmed: Promise.resolve(),
    log,
    async dispatch(channel: Channel, input: unknown) {
      if (healed) return healed.dispatch(channel, input as never);
      if (channel === 'recovery:status') return retry();
      if (channel === 'recovery:restore') return restore((input as { name: string }).name);
      throw new AppError(current.code, current.message);
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
  if (TRANSIENT_DB_CODES.has(error.code)) {
    throw new AppError(
      'CONFLICT',
      `台账文件没有损坏（${error.code === 'DB_LOCKED' ? '只是正被另一个程序使用' : '只是暂时无法读取'}），不能用备份覆盖它，以免丢失其中最新的数据。请按提示处理后重试。`,
    );
  }
  progress('校验备份文件', 0);
  // The checks of every restore (restore-check.ts), not only that the file is intact: a backup changed with a SQLite
  // tool, or a file that is no ledger, was put back here and sealed anew. Another town's backup is refused as the
  // 数据安全 page refuses it, when the ledger's town can be known (recoveryLedgerTown); who signs in cannot be.
  const town = recoveryLedgerTown(file, paths.backupsDir);
  requireGoodFile(backup, name, town ? { town, signsIn: false } : null);
  checkpoint(); // the last moment a 取消 leaves everything as it was
  pointOfNoReturn('替换数据库文件', 40);
  const quarantine = join(paths.backupsDir, SET_ASIDE_DIR);
  mkdirSync(quarantine, { recursive: true });
  const at = now();
  const setAsideName = existsSync(file)
    ? freeAsideName(quarantine, at, SET_ASIDE_LABEL[error.code] ?? '损坏的数据库')
    : null;
  // The same crash-safe swap as a restore (restore-swap.ts), its 恢复备份 row written into the copy beforehand.
  await recoverJournaled(
    file,
    backup,
    {
      restoredName: name,
      operator: createCtx(null as unknown as Db, paths, cfg).session.operator,
      at: at.toISOString(),
      entry: {
        action: '恢复备份',
        entity: 'database',
        reason: `启动时数据库无法打开（${SET_ASIDE_LABEL[error.code] ?? error.message}），从备份“${name}”恢复；原文件已移至备份文件夹的“${SET_ASIDE_DIR}”中：${setAsideName ?? '（无）'}`,
      },
      undo: 'keep',
    },
    {
      now,
      backupsDir: paths.backupsDir,
      keepAside: () => {
        // The unreadable file is kept, not copied or opened for writing: it stays byte-for-byte as it was.
        if (setAsideName) keepAsideForSwap(file, quarantine, setAsideName);
        // Its anchor described it, not the restored copy (which gets the journal's): kept under another name.
        retireAnchor(file, at, '恢复前');
      },
    },
  );
  progress('打开台账', 80);
  return { core: await createCore(cfg), setAside: setAsideName };
}
