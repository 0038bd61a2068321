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

// A sheet whose title names a month that has not come (2071年9月 for 2017年9月): the import reads no figure of that
// month (no 月报 is written, the current month stays), but its year is the projects' 年度 — said in the preview, with
// the 月报's own sentence, and gone once the clerk picks the year.
it('a month in the title after the current month is named in the preview; no 月报 written', async () => {
  t = await tempCore({ autoBackup: false, now: () => new Date('2017-10-08T09:00:00+08:00') });
  const sheet = [
    '韩阳镇2071年9月小城镇建设项目进度表',
    '序号,项目名称,建设地点,总投资（万元）,本月完成投资,形象进度',
    '1,韩阳镇中心路改造,中心路,860,10,主体施工',
  ].join('\r\n');
  const input = { fileName: '进度表.csv', base64: Buffer.from(sheet, 'utf8').toString('base64') };
  const preview = await t.ok('excel:importPreview', input);
  expect(preview.notices).toContain(
    '标题（第1行）“韩阳镇2071年9月小城镇建设项目进度表”写明的2071年9月还没有到（本机日期为2017年10月8日），' +
      '不能填报、报送或关账该月；请核对月份，如电脑日期不对请先校正。导入台账不读入该月月报的数字，' +
      '项目按 2071 年度导入；如年份有误，请改选年度后再导入。',
  );
  const picked = await t.ok('excel:importPreview', { ...input, year: 2017 });
  expect(picked.notices.join()).not.toContain('还没有到');
  await t.ok('excel:importApply', { ...input, year: 2017 });
  const db = t.core.ctx.db.sqlite;
  expect(db.prepare('SELECT name, plan_year FROM project').all()).toEqual([
    { name: '韩阳镇中心路改造', plan_year: 2017 },
  ]);
  expect(db.prepare('SELECT count(*) AS n FROM progress').get()).toEqual({ n: 0 });
  expect((await t.ok('periods:current', {})).period).toBe('2017-10');
});
