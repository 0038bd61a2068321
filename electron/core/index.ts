/**
 * createCore: the plain-Node heart of the app, used by Electron main, the CLI and the test harness.
 * Order matters: refuse a future database untouched → open → migrate (backup first) → serve.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Channel } from '../../shared/ipc/channels.ts';
import type { Out, Parsed } from '../../shared/ipc/contract.ts';
import type { Ctx } from './context.ts';
import { openDatabase, type Db } from './db/connection.ts';
import { assertNotFromFuture, migrate, type MigrateResult } from './db/migrate.ts';
import { createHandlers } from './handlers.ts';
import { APP_VERSION } from './version.ts';

export interface CoreConfig {
  dbPath: string;
  now?: () => Date;
  operator?: string;
  role?: Ctx['session']['role'];
  log?: (msg: string) => void;
}

export interface Core {
  ctx: Ctx;
  migration: MigrateResult;
  dispatch<C extends Channel>(channel: C, input: Parsed<C>): Promise<Out<C>>;
  log: (msg: string) => void;
  close(): void;
}

export async function createCore(cfg: CoreConfig): Promise<Core> {
  const file = cfg.dbPath === ':memory:' ? ':memory:' : resolve(cfg.dbPath);
  const dataDir = file === ':memory:' ? process.cwd() : dirname(file);
  if (file !== ':memory:') mkdirSync(dataDir, { recursive: true });
  assertNotFromFuture(file);
  const db: Db = openDatabase(file);
  const now = cfg.now ?? (() => new Date());
  const paths = { dataDir, backupsDir: join(dataDir, 'backups'), attachmentsDir: join(dataDir, 'attachments') };
  let migration: MigrateResult;
  try {
    migration = await migrate(db.sqlite, file, { now, backupDir: paths.backupsDir });
  } catch (e) {
    db.close();
    throw e;
  }
  const ctx: Ctx = {
    db,
    now,
    session: { operator: cfg.operator ?? '系统管理员', role: cfg.role ?? '录入员' },
    paths,
    version: APP_VERSION,
  };
  const handlers = createHandlers(ctx);
  const log = cfg.log ?? ((m: string) => console.error(`[core] ${m}`));
  return {
    ctx,
    migration,
    log,
    async dispatch(channel, input) {
      return (handlers[channel] as (i: unknown) => unknown)(input) as never;
    },
    close: () => db.close(),
  };
}

/** Where the database lives: TOWN_LEDGER_DB overrides the app's user-data folder. */
export function resolveDbPath(userDataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.TOWN_LEDGER_DB ? resolve(env.TOWN_LEDGER_DB) : join(userDataDir, 'town-ledger.db');
}
