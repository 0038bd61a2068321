/**
 * Keeps the open month's figures and 总览 in the ledger file at the end of every transaction through this core
 * (figure-store.service.ts). Attached to each connection the core opens (at start and after a restore).
 */
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import * as repo from '../repositories/figure-store.repository.ts';
import { dashboardOf } from './dashboard.service.ts';
import { upkeepFigureStore } from './figure-store.service.ts';
import { setKeptLog } from './kept-mac.ts';
import { openPeriod } from './period.service.ts';

export function attachFigureStore(ctx: Ctx, log: (message: string) => void): void {
  const db = ctx.db;
  setKeptLog(db, log);
  db.beforeCommit(() => {
    if (ctx.db !== db) return;
    try {
      // A savepoint: a failure here takes back only its own writes, never the clerk's.
      db.tx(() =>
        upkeepFigureStore(ctx, openPeriod(ctx).period, (figures) => dashboardOf(ctx, figures.period, () => figures)),
      );
    } catch (e) {
      // A cancel asked for while the figures were being brought up to date: the clerk was told the ledger stays as it
      // was, so the whole write rolls back with it (the progress dialog still offers 取消 at this stage).
      if (e instanceof AppError && e.code === 'CANCELLED') throw e;
      // The data is saved all the same; readers compute what the file no longer keeps.
      log(`保存随附的统计数字未能更新（不影响已保存的数据，下次读取时重新计算）：${(e as Error).message}`);
      try {
        for (const h of repo.storeHeads(db)) repo.dropStore(db, h.period);
      } catch {
        // nothing more to do: the heads are behind the journal and are patched or ignored by readers
      }
    }
  });
}
