// 至上年底累计完成投资 (domain.md §1.3: carried from the last December report; docs/figures.md: 期初累计 of an earlier
// year + the months reported before this year). A project's 期初累计 stands for every month up to its year's
// December; a 月报 of one of those months (2016年12月, a month before the ledger's first 年度 2017) is already in it.
// It was added on top: 100万 to the end of 2016 and a 30万 2016年12月 report made 130万 至上年底, in the 进展表, T1
// and 开工以来累计. Without a 期初累计 the 2016 reports are what carries the year over, and still count.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore({ now: () => new Date('2017-10-08T09:00:00+08:00') });
});
afterEach(() => t.cleanup());

const W = 1_000_000;
const project = async (name: string, over: Record<string, unknown>) =>
  (
    await t.ok('projects:create', {
      name,
      planYear: 2017,
      location: '镇区',
      scope: '道路1.2公里',
      totalWan: '500',
      planStart: '2016-03-01',
      planEnd: '2018-12-31',
      ...over,
    } as never)
  ).id;
const report = (id: number, period: string, monthWan: string) =>
  t.ok('reports:save', { period, rows: [{ projectId: id, monthWan, imageText: '路基施工' }] } as never);
const figuresOf = async (period: string, id: number) => {
  const f = await t.ok('figures:period', { period } as never);
  const p = (f as { projects: { id: number; priorFen: number; ytdFen: number; cumFen: number }[] }).projects.find(
    (x) => x.id === id,
  )!;
  return { prior: p.priorFen / W, ytd: p.ytdFen / W, cum: p.cumFen / W };
};

it('a 月报 of a month inside the 期初累计 (to the end of 2016) is not added to it again', async () => {
  const id = await project('滨河路改造', { openingCumWan: '100', openingCumYear: 2016 });
  await report(id, '2016-11', '20');
  await report(id, '2016-12', '30');
  await report(id, '2017-03', '40');
  expect(await figuresOf('2017-09', id)).toEqual({ prior: 100, ytd: 40, cum: 140 });
});

it('the months after the 期初累计 and before this year are added to it', async () => {
  const id = await project('滨河路改造', { openingCumWan: '100', openingCumYear: 2015 });
  await report(id, '2015-12', '25'); // inside the 2015 figure
  await report(id, '2016-12', '30');
  await report(id, '2017-03', '40');
  expect(await figuresOf('2017-09', id)).toEqual({ prior: 130, ytd: 40, cum: 170 });
});

it('without a 期初累计 the 2016 reports carry the year over, as domain.md says', async () => {
  const id = await project('滨河路改造', {});
  await report(id, '2016-11', '20');
  await report(id, '2016-12', '30');
  await report(id, '2017-03', '40');
  expect(await figuresOf('2017-09', id)).toEqual({ prior: 50, ytd: 40, cum: 90 });
});
