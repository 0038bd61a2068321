// A 资金到位/拨付/支付 record is a fact with its voucher (domain.md §1.3: 实际到位, 实际支出; what is planned is the
// 资金构成): one dated after today (a year mistyped, 2071 for 2017) was saved and left out of every figure until
// that day came. It is refused as a 实际竣工 after today is.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
let pid: number;
beforeEach(async () => {
  t = await tempCore({ now: () => new Date('2017-10-08T09:00:00+08:00') });
  pid = (
    await t.ok('projects:create', {
      name: '文化广场及健身场所',
      planYear: 2017,
      location: '镇区',
      scope: '广场8000㎡',
      totalWan: '380',
    })
  ).id;
});
afterEach(() => t.cleanup());

const sql = () => t.core.ctx.db.sqlite;
const flows = () => sql().prepare('SELECT date, amount_fen FROM fund_flow ORDER BY id').all();
const changes = () => (sql().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
const flow = (over: Record<string, unknown>) =>
  ({ projectId: pid, date: '2017-05-05', type: '拨付', source: '市级资金', amountWan: '100', ...over }) as never;
const TAIL = '不能晚于今天（2017年10月8日），请核对年份；如电脑日期不对请先校正';

it('a flow dated after today is refused naming its type and date; nothing written', async () => {
  const before = changes();
  const r = await t.call('funds:saveFlow', flow({ date: '2071-09-30' }));
  expect(!r.ok && r.error).toMatchObject({ code: 'VALIDATION', message: `拨付日期（2071年9月30日）${TAIL}` });
  expect(!r.ok && r.error.issues).toEqual([{ path: 'date', message: `拨付日期（2071年9月30日）${TAIL}` }]);
  const arrived = await t.call('funds:saveFlow', flow({ type: '到位', date: '2017-10-09' }));
  expect(!arrived.ok && arrived.error.message).toBe(`到位日期（2017年10月9日）${TAIL}`);
  expect(flows()).toEqual([]);
  expect(changes()).toBe(before);
  // today is a day that has happened
  await t.ok('funds:saveFlow', flow({ date: '2017-10-08' }));
  expect(flows()).toEqual([{ date: '2017-10-08', amount_fen: 100_000_000 }]);
});

it('an edit that keeps the date a flow has already in the ledger is not blocked by it; moving a date there is', async () => {
  const { flow: f } = await t.ok('funds:saveFlow', flow({}));
  sql().prepare("UPDATE fund_flow SET date = '2018-01-05' WHERE id = ?").run(f.id); // written on a PC ahead in time
  await t.ok('funds:saveFlow', flow({ id: f.id, date: '2018-01-05', amountWan: '120' }));
  expect(flows()).toEqual([{ date: '2018-01-05', amount_fen: 120_000_000 }]);
  const r = await t.call('funds:saveFlow', flow({ id: f.id, date: '2018-02-05', amountWan: '120' }));
  expect(!r.ok && r.error.message).toBe(`拨付日期（2018年2月5日）${TAIL}`);
});

it('an 以奖代补 申请日期 after today is refused as a flow’s date is; the one it has already does not block an edit', async () => {
  const award = (over: Record<string, unknown>) => ({ projectId: pid, appliedWan: '50', ...over }) as never;
  const awards = () => sql().prepare('SELECT applied_fen, applied_on FROM award_subsidy').all();
  const before = changes();
  const r = await t.call('funds:saveAward', award({ appliedOn: '2071-06-01' }));
  expect(!r.ok && r.error.issues).toEqual([{ path: 'appliedOn', message: `申请日期（2071年6月1日）${TAIL}` }]);
  expect([awards(), changes()]).toEqual([[], before]);
  await t.ok('funds:saveAward', award({ appliedOn: '2017-10-08' }));
  sql().prepare("UPDATE award_subsidy SET applied_on = '2018-01-05'").run(); // written on a PC ahead in time
  await t.ok('funds:saveAward', award({ appliedOn: '2018-01-05', appliedWan: '60' }));
  expect(awards()).toEqual([{ applied_fen: 60_000_000, applied_on: '2018-01-05' }]);
});
