// 实际开工 / 实际竣工 in an imported sheet say what has happened, as in the window: a date after today (a year
// mistyped, 2071 for 2017) came in as a fact; now it is an error of its row and column, and nothing is imported.
import { afterEach, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore | null = null;
afterEach(() => t?.cleanup());

const csv = (rows: string[]) =>
  ['韩阳镇2017年小城镇建设项目台账', '序号,项目名称,建设地点,总投资（万元）,实际开工时间,实际竣工时间', ...rows].join(
    '\r\n',
  );
const file = (rows: string[], duplicates?: 'update') => ({
  fileName: '台账.csv',
  base64: Buffer.from(csv(rows), 'utf8').toString('base64'),
  ...(duplicates ? { duplicates } : {}),
});
const TAIL = '不能晚于今天（2017年10月8日），请核对年份；如电脑日期不对请先校正';
const projects = () => t!.core.ctx.db.sqlite.prepare('SELECT name, act_start, act_end FROM project ORDER BY id').all();

it('a 实际竣工 or 实际开工 after today is an error of its row and column; nothing imported', async () => {
  t = await tempCore({ autoBackup: false, now: () => new Date('2017-10-08T09:00:00+08:00') });
  const input = file([
    '1,韩阳镇中心路改造,中心路,860,2017-03-01,2071-09-30',
    '2,韩阳镇文化站,镇区,120,2017-10-09,',
    '3,韩阳镇污水管网,镇区,2500,2017-10-08,', // today is a day that has happened
  ]);
  const preview = await t.ok('excel:importPreview', input);
  expect(preview.problems.filter((p) => p.level === 'error')).toEqual([
    expect.objectContaining({
      row: 3,
      column: 'F',
      header: '实际竣工时间',
      message: `实际竣工日期（2071年9月30日）${TAIL}`,
    }),
    expect.objectContaining({
      row: 4,
      column: 'E',
      header: '实际开工时间',
      message: `实际开工日期（2017年10月9日）${TAIL}`,
    }),
  ]);
  expect(preview.counts).toMatchObject({ create: 1, error: 2 });
  const r = await t.call('excel:importApply', input);
  expect(!r.ok && r.error.message).toContain(`有 2 处错误，未导入任何数据。第3行 F列：实际竣工日期（2071年9月30日）`);
  expect(projects()).toEqual([]);
});

it('an update carrying the date its project already has is not judged, as a window edit', async () => {
  t = await tempCore({ autoBackup: false, now: () => new Date('2017-10-08T09:00:00+08:00') });
  await t.ok('excel:importApply', file(['1,韩阳镇中心路改造,中心路,860,2017-03-01,']));
  // written before the rule (or on a PC whose clock was ahead)
  t.core.ctx.db.sqlite.prepare("UPDATE project SET act_end = '2018-01-01'").run();
  const again = file(['1,韩阳镇中心路改造,中心路改造段,860,2017-03-01,2018-01-01'], 'update');
  const preview = await t.ok('excel:importPreview', again);
  expect(preview.problems.filter((p) => p.level === 'error')).toEqual([]);
  await t.ok('excel:importApply', again);
  expect(projects()).toEqual([{ name: '韩阳镇中心路改造', act_start: '2017-03-01', act_end: '2018-01-01' }]);
});
