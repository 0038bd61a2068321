/**
 * What a core reads into memory in its first idle moments after start-up, so that the pages a clerk opens first
 * answer from memory: the ledger grid's index; and in a core host (`warm`), the open month's figures behind the 总览
 * and the lights, then the 资金 page's figures at that month's end. The 资金 figures are the costliest when the
 * file keeps none to patch (after a crash, a first start on an upgraded ledger): about a second on a county, which
 * the clerk's first visit of 资金 paid for (2.6 s in the bench's table).
 *
 * Each step is its own macrotask: a call from the window that arrives meanwhile is answered between two steps, not
 * after all of them. A failure is logged and ends the warm-up; the pages then compute what they need themselves.
 */
import { periodEnd } from '../../shared/domain/period.ts';
import type { Ctx } from './context.ts';
import type { Db } from './db/connection.ts';
import { keptFundsSummary } from './services/funds-kept.ts';
import { warmLedgerGrid } from './services/ledger-grid.service.ts';
import { openPeriod, periodFigures } from './services/period.service.ts';

/**
 * Resolves when every step has run (or the warm-up stopped: a failure, the ledger closed or swapped); without `full`
 * possibly never, as the process may exit first.
 */
export function warmUp(ctx: Ctx, db: Db, full: boolean, log: (m: string) => void): Promise<void> {
  const steps: (() => void)[] = [() => warmLedgerGrid(db)];
  if (full)
    steps.push(
      () => void periodFigures(ctx, openPeriod(ctx).period),
      // As the page asks at its opening (FundsPage: 50 projects a page): the figures, the town's line, the first lines.
      () => void keptFundsSummary(ctx, periodEnd(openPeriod(ctx).period), { page: { offset: 0, limit: 50 } }),
    );
  return new Promise((done) => {
    const run = (i: number) => {
      if (i === steps.length) return done();
      const timer = setTimeout(() => {
        // Checked when the step runs: a restore or a swap replaced ctx.db meanwhile, or the ledger was closed (a CLI
        // command done before its warm-up had a turn).
        if (ctx.db !== db || !db.sqlite.open) return done();
        try {
          steps[i]!();
        } catch (e) {
          log(`启动预热失败：${(e as Error).message}`);
          return done();
        }
        run(i + 1);
      }, 0);
      // A CLI command (no `warm`) exits when its work is done, without waiting for the grid's index.
      if (!full) timer.unref();
    };
    run(0);
  });
}
