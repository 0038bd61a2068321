// A month that has not come yet on the PC's clock takes no 月报 and no 关账: a mistyped year (2071-09 for 2017-09)
// became the newest reported month every page opened at, and closed, it froze every month before it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore({ now: () => new Date('2017-10-08T09:00:00+08:00') });
  await t.ok('app:onboard', { mode: 'demo' });
});
afterEach(() => t.cleanup());

const sql = () => t.core.ctx.db.sqlite;
const idOf = (code: string) => (sql().prepare('SELECT id FROM project WHERE code = ?').get(code) as { id: number }).id;
const progressRows = () => (sql().prepare('SELECT count(*) AS n FROM progress').get() as { n: number }).n;
const FUTURE =
  '2017年11月还没有到（本机日期为2017年10月8日），不能填报、报送或关账该月；请核对月份，如电脑日期不对请先校正';

describe('a month that has not come yet', () => {
  it('takes no 月报: refused in Chinese, nothing written, the current month stays', async () => {
    const before = progressRows();
    const current = await t.ok('periods:current', {});
    const r = await t.call('reports:save', {
      period: '2017-11',
      rows: [{ projectId: idOf('2017-01-01'), monthWan: '10', imageText: '主体施工' }],
    });
    expect(!r.ok && r.error).toMatchObject({ code: 'VALIDATION', message: FUTURE });
    expect(progressRows()).toBe(before);
    expect(await t.ok('periods:current', {})).toEqual(current);
    // the PC's own month is open: a month's reports are filed before it ends (每月25日前)
    await t.ok('reports:save', {
      period: '2017-10',
      rows: [{ projectId: idOf('2017-01-01'), monthWan: '10', imageText: '主体施工' }],
    });
    expect(progressRows()).toBe(before + 1);
  });

  it('cannot be closed, so the months before it stay open for their reports', async () => {
    await t.reopen({ role: '审核人', operator: '周志强' });
    const r = await t.call('periods:close', { period: '2017-11', confirmUnreported: [] });
    expect(!r.ok && r.error).toMatchObject({ code: 'VALIDATION', message: FUTURE });
    expect(sql().prepare('SELECT count(*) AS n FROM period_close').get()).toEqual({ n: 0 });
    await t.ok('reports:save', {
      period: '2017-10',
      rows: [{ projectId: idOf('2017-01-01'), monthWan: '10', imageText: '主体施工' }],
    });
  });

  it('the CLI refuses period-close of a mistyped year with exit 1 and the same message', async () => {
    t.core.close();
    const r = await cli('period-close', '--period', '2071-09', '--db', t.file, '--force', '--json');
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain('2071年9月还没有到（本机日期为');
    await t.reopen();
    expect(sql().prepare('SELECT count(*) AS n FROM period_close').get()).toEqual({ n: 0 });
  });
});
