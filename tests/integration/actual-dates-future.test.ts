// 实际开工 / 实际竣工 and a 节点's 实际日期 say what has happened: a date after today (the year mistyped, 2071 for 2017)
// was saved as a fact and printed as such, while the figures counted it as not yet done.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore({ now: () => new Date('2017-10-08T09:00:00+08:00') });
  await t.ok('app:onboard', { mode: 'demo' });
});
afterEach(() => t.cleanup());

const sql = () => t.core.ctx.db.sqlite;
const idOf = (code: string) => (sql().prepare('SELECT id FROM project WHERE code = ?').get(code) as { id: number }).id;
const changes = () => (sql().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
const TAIL = '不能晚于今天（2017年10月8日），请核对年份；如电脑日期不对请先校正';

describe('a date of something done, after today', () => {
  it('is refused for 实际竣工 and 实际开工, naming the field; nothing written', async () => {
    const road = idOf('2017-22');
    const before = changes();
    const r = await t.call('projects:update', { id: road, patch: { actEnd: '2071-09-30' } });
    expect(!r.ok && r.error).toMatchObject({ code: 'VALIDATION', message: `实际竣工日期（2071年9月30日）${TAIL}` });
    const cells = await t.call('projects:updateCells', {
      rows: [{ id: idOf('2017-03-03'), patch: { actStart: '2017-10-09' } }],
    });
    expect(!cells.ok && cells.error.message).toBe(`项目“商业街亮化工程”：实际开工日期（2017年10月9日）${TAIL}`);
    expect(sql().prepare('SELECT act_start, act_end FROM project WHERE id = ?').get(road)).toEqual({
      act_start: '2017-03-01',
      act_end: null,
    });
    expect(changes()).toBe(before);
    // today itself is a date that has happened
    await t.ok('projects:update', { id: road, patch: { actEnd: '2017-10-08' } });
  });

  it('is refused for a 节点 实际日期; a future date already in the ledger does not block other edits', async () => {
    const road = idOf('2017-22');
    const nodes = await t.ok('milestones:list', { projectId: road });
    const list = nodes.map(({ node, planDate, actDate, note }) => ({ node, planDate, actDate, note }));
    const r = await t.call('milestones:save', {
      projectId: road,
      milestones: list.map((m) => (m.node === '主体完工' ? { ...m, actDate: '2029-05-01' } : m)),
    });
    expect(!r.ok && r.error).toMatchObject({
      code: 'VALIDATION',
      message: `节点“主体完工”：实际日期（2029年5月1日）${TAIL}`,
    });
    expect((await t.ok('milestones:list', { projectId: road })).find((m) => m.node === '主体完工')?.actDate).toBeNull();

    // written before the rule (or by a PC whose clock was ahead): the project's other fields still save
    sql().prepare("UPDATE project SET act_end = '2018-01-01' WHERE id = ?").run(road);
    await t.ok('projects:update', { id: road, patch: { location: '镇区南环路东段' } });
  });
});
