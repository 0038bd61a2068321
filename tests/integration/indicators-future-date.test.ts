// A 指标 reading (基期值 or 实际值) is a value measured on its 日期: one dated after today (a year mistyped, 2071
// for 2017) was saved and, the latest by date, stood as the indicator's 实际值 and its 达标 until that year came —
// every later true reading sat under it. It is refused as a 资金 flow or a 实际竣工 after today is (fact-dates.ts).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
let green: number;
beforeEach(async () => {
  t = await tempCore({ now: () => new Date('2017-10-08T09:00:00+08:00') });
  await t.ok('app:onboard', { mode: 'empty' });
  green = (await t.ok('indicators:list', {})).find((i) => i.name === '绿化覆盖率')!.id;
});
afterEach(() => t.cleanup());

const sql = () => t.core.ctx.db.sqlite;
const values = () => sql().prepare('SELECT kind, value, as_of FROM indicator_value ORDER BY id').all();
const changes = () => (sql().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
const reading = (over: Record<string, unknown>) =>
  ({ indicatorId: green, kind: '实际', value: 31, asOf: '2017-09-30', ...over }) as never;
const TAIL = '不能晚于今天（2017年10月8日），请核对年份；如电脑日期不对请先校正';

it('a reading dated after today is refused naming its kind and date; nothing written', async () => {
  const before = changes();
  const r = await t.call('indicators:saveValue', reading({ asOf: '2071-09-30' }));
  expect(!r.ok && r.error).toMatchObject({ code: 'VALIDATION', message: `实际值日期（2071年9月30日）${TAIL}` });
  expect(!r.ok && r.error.issues).toEqual([{ path: 'asOf', message: `实际值日期（2071年9月30日）${TAIL}` }]);
  const base = await t.call('indicators:saveValue', reading({ kind: '基期', asOf: '2017-10-09' }));
  expect(!base.ok && base.error.message).toBe(`基期值日期（2017年10月9日）${TAIL}`);
  expect([values(), changes()]).toEqual([[], before]);
  // today is a day that has happened
  await t.ok('indicators:saveValue', reading({ asOf: '2017-10-08' }));
  expect(values()).toEqual([{ kind: '实际', value: 31, as_of: '2017-10-08' }]);
});

it('an edit that keeps the date a reading already has is not blocked by it; moving a date there is', async () => {
  const row = await t.ok('indicators:saveValue', reading({}));
  const id = row.values[0]!.id;
  sql().prepare("UPDATE indicator_value SET as_of = '2018-01-05' WHERE id = ?").run(id); // written on a PC ahead in time
  await t.ok('indicators:saveValue', reading({ id, asOf: '2018-01-05', value: 29 }));
  expect(values()).toEqual([{ kind: '实际', value: 29, as_of: '2018-01-05' }]);
  const r = await t.call('indicators:saveValue', reading({ id, asOf: '2018-02-05', value: 29 }));
  expect(!r.ok && r.error.message).toBe(`实际值日期（2018年2月5日）${TAIL}`);
});
