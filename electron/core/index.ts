/**
 * createCore: the plain-Node heart of the app, used by Electron main, the CLI and the test harness.
 * Order matters: refuse a future database untouched → open → start-up checks → migrate (backup first)
 * → daily backup (best effort) → serve. Adapters that can show a recovery screen call
 * createCoreOrRecovery instead.
 */
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { anchorAfterWrite, startSeals } from './audit/seal-startup.ts';
import { findingsBeforeUpgrade, type UpgradeFindings } from './audit/upgrade-findings.ts';
import { dailyBackupIfDue, keepDailyBackups } from './backup/backup.service.ts';
import { removeStalePartials } from './backup/online-backup.ts';
import { backupNames, SET_ASIDE_DIR } from './backup/backup-files.ts';
import { finishInterruptedRestore, noteRolledBack, type InterruptedRestore } from './backup/restore-swap.ts';
import { removeStaged, setAside } from './backup/swap.ts';
import { keepStartNotes } from './services/app.service.ts';
import { createCtx, SHELL_OF } from './context.ts';
import { attachFigureStore } from './services/figure-store-upkeep.ts';
import { openDatabase, type Db } from './db/connection.ts';
import { diagnoseLedgerFile, ledgerFault, RECOVERY_DB_CODES } from './db/ledger-file.ts';
import { registerLedgerUser, thisHolderKind } from './db/ledger-users.ts';
import { migrate, type MigrateResult } from './db/migrate.ts';
import { assertNotFromFuture } from './db/schema-version.ts';
import { assertHealthy } from './db/startup-check.ts';
import { AppError } from './errors.ts';
import { createHandlers } from './handlers.ts';
import { storeFundsAtClose } from './services/funds-kept.ts';
import { signOutAtClose } from './services/operator.service.ts';
import { backfillSearchKeys } from './services/ledger-grid.service.ts';
import { corePaths, resolveFile } from './paths.ts';
import { createRecoveryCore } from './recovery.ts';
import type { Core, CoreConfig, StartNote } from './core-types.ts';
import { warmUp } from './warm-up.ts';

export type { Core, CoreConfig, StartNote } from './core-types.ts';

function openOrFault(file: string): Db {
  try {
    return openDatabase(file);
  } catch (e) {
    throw ledgerFault(e, file);
  }
}

/**
 * Looks at the file before opening it for writing (see ledger-file.ts). An empty file with no backup at all
 * is a first start that stopped early: it is moved to 已隔离 (kept, never overwritten) and a new ledger begun.
 */
function checkLedgerFile(
  file: string,
  paths: ReturnType<typeof corePaths>,
  now: () => Date,
  log: (m: string) => void,
): StartNote | null {
  try {
    diagnoseLedgerFile(file);
    return null;
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'DB_EMPTY' || backupNames(paths.backupsDir).length > 0) throw e;
    const dir = join(paths.backupsDir, SET_ASIDE_DIR);
    mkdirSync(dir, { recursive: true });
    const kept = setAside(file, dir, now(), '空的数据库文件');
    log(`台账文件是空的（0 字节）且没有任何备份，已移至 backups/${SET_ASIDE_DIR}/${kept}，并新建台账`);
    return {
      kind: 'new-ledger',
      message: `台账文件是空的（0 字节），且没有任何备份：已把它移到备份文件夹的“${SET_ASIDE_DIR}”中（${kept}），并新建了空白台账。`,
    };
  }
}

/** The clerk's word on a restore the start settled: the restore notice's own (restore-notice.ts). */
const RESTORE_NOTE_KIND = {
  已恢复: 'restore-finished',
  恢复前: 'restore-rolled-back',
  待核对: 'restore-unclear',
} as const satisfies Record<InterruptedRestore['notice']['ledger'], StartNote['kind']>;

export async function createCore(cfg: CoreConfig): Promise<Core> {
  const file = resolveFile(cfg.dbPath);
  const paths = corePaths(file);
  if (file !== ':memory:') {
    mkdirSync(paths.dataDir, { recursive: true });
    // A restore interrupted before its final rename leaves the old file intact and this copy behind (its journal, if
    // it was written, is settled once the file is open: finishInterruptedRestore).
    removeStaged(file);
    // So does a backup interrupted mid-copy (its .partial file).
    removeStalePartials(paths.backupsDir);
  }
  // Registered before the file is opened: a restore in another process either sees us or holds us off.
  const holder = cfg.holder ?? thisHolderKind();
  const registration = registerLedgerUser(file, holder);
  const now = cfg.now ?? (() => new Date());
  const log = cfg.log ?? ((m: string) => console.error(`[core] ${m}`));
  // What this start did to the ledger (Core.started): a restarted core host tells the window.
  const started: StartNote[] = [];
  let db: Db;
  try {
    const emptied = checkLedgerFile(file, paths, now, log);
    if (emptied) started.push(emptied);
    assertNotFromFuture(file, cfg.migrations);
    db = openOrFault(file);
  } catch (e) {
    registration?.release();
    throw e;
  }
  let migration: MigrateResult;
  try {
    if (file !== ':memory:') assertHealthy(db.sqlite, file, paths.backupsDir);
    // Before the seals are checked: a restore killed after its swap left the anchor the restored file must get in its
    // journal, and the anchor file still describes the file it replaced.
    const interrupted = file !== ':memory:' ? finishInterruptedRestore(db, paths.backupsDir, now(), log) : null;
    if (interrupted)
      started.push({ kind: RESTORE_NOTE_KIND[interrupted.notice.ledger], message: interrupted.notice.message });
    // An upgrade re-seals every row: what the seals say before it is kept through it (upgrade-findings.ts).
    let beforeUpgrade = null as UpgradeFindings | null;
    migration = await migrate(db.sqlite, file, {
      now,
      backupDir: paths.backupsDir,
      migrations: cfg.migrations,
      beforeUpgrade: () => (beforeUpgrade = findingsBeforeUpgrade(db.sqlite, file)),
    });
    // A new ledger's first structure is no news; an existing one upgraded (its 迁移前 copy taken) is.
    if (migration.backupFile)
      started.push({
        kind: 'migrated',
        message: `台账已升级为本版本的数据库结构，升级前的台账已备份为“${basename(migration.backupFile)}”。`,
      });
    const sealed = startSeals(db, {
      now: now(),
      migrated: migration.applied.length > 0 && migration.backupFile !== null,
      log,
      beforeUpgrade,
    });
    started.push(...sealed);
    if (interrupted) {
      noteRolledBack(db, interrupted, now());
      anchorAfterWrite(db, now());
    }
    const keyed = backfillSearchKeys(db);
    if (keyed) log(`已为 ${keyed} 个项目补建搜索索引`);
    if (keyed) anchorAfterWrite(db, now());
  } catch (e) {
    db.close();
    registration?.release();
    throw e;
  }
  const ctx = createCtx(db, paths, { ...cfg, now, shell: SHELL_OF[holder] });
  keepStartNotes(ctx, started);
  attachFigureStore(ctx, log);
  if (cfg.autoBackup !== false) {
    // Best effort: a full disk or a read-only backup folder must not keep the ledger from opening.
    try {
      await dailyBackupIfDue(ctx);
    } catch (e) {
      log(`每日自动备份失败：${(e as Error).message}`);
    }
  }
  const stopDailyBackups = cfg.autoBackup !== false ? keepDailyBackups(ctx, log, cfg.dailyBackupEveryMs) : () => {};
  const handlers = createHandlers(ctx);
  // The ledger grid's index (and, in a core host, the open month's figures and the 资金 page's) take a moment on a
  // county-size ledger: read once the start-up work is done.
  const warmed = warmUp(ctx, db, cfg.warm === true, log);
  return {
    mode: 'normal',
    started,
    ctx,
    warmed,
    migration,
    log,
    async dispatch(channel, input) {
      return (handlers[channel] as (i: unknown) => unknown)(input) as never;
    },
    close: () => {
      stopDailyBackups();
      signOutAtClose(ctx);
      storeFundsAtClose(ctx);
      anchorAfterWrite(ctx.db, ctx.now());
      ctx.db.close();
      registration?.release();
    },
  };
}

/** For adapters with a UI: a damaged or newer-version database yields the recovery core instead of a crash. */
export async function createCoreOrRecovery(cfg: CoreConfig): Promise<Core> {
  try {
    return await createCore(cfg);
  } catch (e) {
    if (e instanceof AppError && RECOVERY_DB_CODES.has(e.code)) return createRecoveryCore(cfg, e, createCore);
    throw e;
  }
}

// In paths.ts so that Electron main can find the file without loading the core (which runs in the core host).
export { resolveDbPath } from './paths.ts';
