// Issue 16: a core host reads the 资金 page's figures in its first idle moments (warm-up.ts), so the clerk's first
// visit of 资金 after opening the ledger is answered from memory even when the file keeps none to patch (after a
// crash, or a first start on an upgraded ledger): the bench's table had that first visit at 2.6 s on a county.
// The warmed figures must equal what a core computes from nothing when the page asks.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fundsSummary } from '../../electron/core/services/funds.service.ts';
import { lastFundsRead } from '../../electron/core/services/funds-kept.ts';
import { openPeriod } from '../../electron/core/services/period.service.ts';
import { periodEnd } from '../../shared/domain/period.ts';
import { generateLedger } from '../helpers/generate-projects.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
const page = { offset: 0, limit: 50 };
/** The summary as the 资金 page asks for it at its opening: the open month's end, its first page of projects. */
const asPageAsks = () => fundsSummary(t.core.ctx, { asOf: periodEnd(openPeriod(t.core.ctx).period), page });

beforeAll(async () => {
  t = await tempCore({ autoBackup: false });
  generateLedger(t.core.ctx.db, { seed: 7, tops: 12, lastMonth: 9 });
  // Closed without the 资金 page visited: the file keeps no 资金 figures, as after a crash.
  await t.reopen();
  expect(t.core.ctx.db.sqlite.prepare('SELECT count(*) FROM fund_store').pluck().get()).toBe(0);
});
afterAll(() => t.cleanup());

it('without the warm-up (a CLI command) the first 资金 summary is computed from the whole ledger', async () => {
  await t.reopen({ warm: false });
  await t.core.warmed;
  asPageAsks();
  expect(lastFundsRead).toEqual({ how: 'full', from: 'none' });
});

it('a core host answers the first 资金 summary from memory, equal to a computation from nothing', async () => {
  await t.reopen({ warm: false });
  const fresh = JSON.parse(JSON.stringify(asPageAsks())) as unknown;
  // A session that only read leaves the file as it was (the next opening has nothing kept in it either).
  await t.reopen({ warm: true });
  expect(t.core.ctx.db.sqlite.prepare('SELECT count(*) FROM fund_store').pluck().get()).toBe(0);
  await t.core.warmed;
  const warmed = asPageAsks();
  expect(lastFundsRead).toEqual({ how: 'kept', from: 'memory' });
  expect(JSON.parse(JSON.stringify(warmed))).toEqual(fresh);
});

it('a write after the warm-up is patched into what was warmed', async () => {
  await t.reopen({ warm: true });
  await t.core.warmed;
  const id = t.core.ctx.db.sqlite
    .prepare('SELECT min(id) FROM project WHERE parent_id IS NULL')
    .pluck()
    .get() as number;
  await t.ok('funds:saveFlow', {
    projectId: id,
    date: '2017-09-15',
    type: '到位',
    source: '县级资金',
    amountWan: '123.45',
  });
  const after = asPageAsks();
  expect(lastFundsRead).toEqual({ how: 'patched', from: 'memory' });
  await t.reopen({ warm: false });
  expect(JSON.parse(JSON.stringify(after))).toEqual(JSON.parse(JSON.stringify(asPageAsks())));
});
