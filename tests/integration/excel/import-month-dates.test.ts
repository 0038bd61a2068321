// A date a county gives as a month alone (2020年11月, 2020.12): a start is the month's first day, an end — a
// deadline — its last day, never the 1st (that moved every such 计划竣工 almost a month earlier). Each is said.
import { afterEach, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore | null = null;
afterEach(() => t?.cleanup());

it('计划开工 as a month is its 1st, 计划竣工 as a month its last day; both noted', async () => {
  t = await tempCore({ autoBackup: false });
  const csv = [
    '韩阳镇2020年小城镇建设项目台账',
    '序号,项目名称,建设地点,总投资（万元）,计划开工时间,计划竣工时间',
    '1,韩阳镇中心路改造,中心路,860,2020年4月,2020年11月',
    '2,韩阳镇污水管网,镇区,2500,2020.3,2021.2',
    '3,韩阳镇文化站,镇区,120,2020.10,2020.12',
  ].join('\r\n');
  const input = { fileName: '台账.csv', base64: Buffer.from(csv, 'utf8').toString('base64') };
  const preview = await t.ok('excel:importPreview', input);
  const notes = preview.problems.filter((p) => p.level === 'warning').map((p) => p.message);
  expect(notes).toContain('计划竣工时间“2020年11月”只有年月，按当月最后一天记');
  expect(notes).toContain('计划开工时间“2020年4月”只有年月，按当月1日记');
  await t.ok('excel:importApply', input);
  const dates = t.core.ctx.db.sqlite
    .prepare('SELECT name, plan_start AS planStart, plan_end AS planEnd FROM project ORDER BY id')
    .all();
  expect(dates).toEqual([
    { name: '韩阳镇中心路改造', planStart: '2020-04-01', planEnd: '2020-11-30' },
    // 2020.3 is March 2020, never Excel's serial day 2020.3 (1905-07-12, which it had been)
    { name: '韩阳镇污水管网', planStart: '2020-03-01', planEnd: '2021-02-28' },
    { name: '韩阳镇文化站', planStart: '2020-10-01', planEnd: '2020-12-31' },
  ]);
});
