import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleCall } from '../../electron/core/handle-call.ts';
import { CANCELLED_MESSAGE } from '../../electron/core/progress.ts';
import { lightRulesInput } from '../../shared/schemas/lights.ts';
import { cli } from '../helpers/run-cli.ts';
import { tempCore, tempDir, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
});
afterEach(() => t.cleanup());

const sql = () => t.core.ctx.db.sqlite;
const idOf = (code: string) => (sql().prepare('SELECT id FROM project WHERE code = ?').get(code) as { id: number }).id;

describe('period close', () => {
  it('only an 审核人 (or 管理员) may close; the Chinese message says so', async () => {
    const r = await t.call('periods:close', { period: '2017-09' });
    expect(!r.ok && r.error).toEqual({
      code: 'FORBIDDEN',
      message:
        '只有审核人或管理员可以关账、重新开账、退回月报、修改亮灯规则、彻底删除附件（当前操作员“测试员”为录入员）',
    });
  });

  it('a closed period is frozen: later edits to projects, fund flows and milestones do not change its figures to the 分', async () => {
    await t.reopen({ role: '审核人', operator: '周志强' });
    const before = await t.ok('figures:period', { period: '2017-09' });
    const status = await t.ok('periods:close', { period: '2017-09' });
    expect(status).toMatchObject({ period: '2017-09', closed: true, closedBy: '周志强' });

    // Later edits: a project's total and window, a fund flow, an overdue milestone, a new project.
    const center = idOf('2017-01-01');
    await t.ok('projects:update', { id: center, patch: { totalWan: '5000', planEnd: '2017-11-30' } });
    const db = sql();
    db.prepare(
      "INSERT INTO fund_flow (project_id, date, type, source, amount_fen) VALUES (?, '2017-09-15', '到位', '镇政府自筹', 100000000)",
    ).run(center);
    db.prepare("INSERT INTO milestone (project_id, node, plan_date) VALUES (?, '主体完工', '2017-09-01')").run(
      idOf('2017-01-02'),
    );
    await t.ok('projects:create', {
      name: '新增的项目',
      planYear: 2017,
      location: '镇区',
      scope: '测试',
      totalWan: '10',
      planStart: '2017-01-01',
      planEnd: '2017-12-31',
    });
    // The September report itself cannot be edited at all.
    const edit = await t.call('reports:save', {
      period: '2017-09',
      rows: [{ projectId: center, monthWan: '1', imageText: '改' }],
    });
    expect(!edit.ok && edit.error).toMatchObject({
      code: 'CONFLICT',
      message: '2017年9月已关账，如需修改请先由审核人重新开账',
    });
    const submit = await t.call('reports:submit', { period: '2017-09', projectIds: [center] });
    expect(!submit.ok && submit.error.message).toBe('2017年9月已关账，如需修改请先由审核人重新开账');

    const after = await t.ok('figures:period', { period: '2017-09' });
    expect(after).toEqual({ ...before, closed: true });
    // reports:batch reads the same snapshot
    const batch = await t.ok('reports:batch', { period: '2017-09' });
    expect(batch.rows.find((r) => r.projectId === center)).toMatchObject({ totalFen: 3500_000_000, level: 'red' });
    expect(batch.status.closed).toBe(true);

    // Closing twice is refused; reopening needs a reason, which is logged; then figures are live again.
    const twice = await t.call('periods:close', { period: '2017-09' });
    expect(!twice.ok && twice.error).toMatchObject({ code: 'CONFLICT', message: '2017年9月已经关账，无需重复关账' });
    const noReason = await t.call('periods:reopen', { period: '2017-09', reason: '' });
    expect(!noReason.ok && noReason.error.message).toContain('请填写重新开账原因');
    const reopened = await t.ok('periods:reopen', { period: '2017-09', reason: '县里要求补报新增项目' });
    expect(reopened).toMatchObject({ closed: false, reopenedBy: '周志强', reopenReason: '县里要求补报新增项目' });
    expect(sql().prepare("SELECT action, reason FROM change_log WHERE entity = 'period' ORDER BY id").all()).toEqual([
      { action: '关账', reason: '2017年9月关账（36个项目快照）' },
      { action: '重开', reason: '县里要求补报新增项目' },
    ]);
    const live = await t.ok('figures:period', { period: '2017-09' });
    expect(live.projects.find((p) => p.id === center)!.totalFen).toBe(5000_000_000);
    expect(live.projects).toHaveLength(before.projects.length + 1);
    expect((await t.ok('periods:list', {})).find((p) => p.period === '2017-09')).toMatchObject({
      closed: false,
      reopenReason: '县里要求补报新增项目',
    });
    // and it can be closed again, once the 审核人 has confirmed the new project that has not reported
    const preview = await t.ok('periods:closePreview', { period: '2017-09' });
    expect(preview.unreported.map((p) => p.name)).toEqual(['新增的项目']);
    expect(
      (await t.ok('periods:close', { period: '2017-09', confirmUnreported: preview.unreported.map((p) => p.id) }))
        .closed,
    ).toBe(true);
  });
});

describe('a month before a closed one', () => {
  it('takes no more report changes, so the closed month’s 累计 and the next month’s 1-N月 never part', async () => {
    await t.reopen({ role: '审核人', operator: '周志强' });
    const id = idOf('2017-01-02');
    await t.ok('reports:save', { period: '2017-10', rows: [{ projectId: id, monthWan: '10', imageText: '施工' }] });
    const preview = await t.ok('periods:closePreview', { period: '2017-10' });
    await t.ok('periods:close', { period: '2017-10', confirmUnreported: preview.unreported.map((u) => u.id) });
    const statusOf = async (period: string) => (await t.ok('periods:list', {})).find((p) => p.period === period)!;
    const rows = () => sql().prepare('SELECT period, month_fen, state FROM progress ORDER BY id').all();
    const before = rows();
    const status = await statusOf('2017-09');
    expect(status).toMatchObject({ closed: false, laterClosed: '2017-10' });
    const refused = await t.call('reports:save', {
      period: '2017-09',
      rows: [{ projectId: id, monthWan: '99', imageText: '改' }],
    });
    expect(!refused.ok && refused.error).toEqual({
      code: 'CONFLICT',
      message:
        '2017年10月已关账，其累计含2017年9月的月报，2017年9月的月报不能再修改；如需修改请先由审核人重新开账2017年10月',
    });
    expect((await t.call('reports:return', { period: '2017-09', projectIds: [id], reason: '改' })).ok).toBe(false);
    expect(rows()).toEqual(before);
    // reopened, the earlier month is open again
    await t.ok('periods:reopen', { period: '2017-10', reason: '补报9月' });
    expect((await statusOf('2017-09')).laterClosed).toBeNull();
    await t.ok('reports:return', { period: '2017-09', projectIds: [id], reason: '改' });
  });
});

describe('lights history', () => {
  it('a red that is caught up later turns yellow, and the history keeps both', async () => {
    const center = idOf('2017-01-01');
    const b1 = await t.ok('reports:batch', { period: '2017-10' });
    expect(b1.rows.find((r) => r.projectId === center)!.level).toBe('red');
    await t.ok('reports:save', {
      period: '2017-10',
      rows: [{ projectId: center, monthWan: '1500', imageText: '主体开工' }],
    });
    const b2 = await t.ok('reports:batch', { period: '2017-10' });
    expect(b2.rows.find((r) => r.projectId === center)!.level).toBe('yellow');
    await t.ok('reports:batch', { period: '2017-10' }); // nothing changed: nothing stored
    const h = (await t.ok('lights:history', { projectId: center })).filter(
      (r) => r.period === '2017-10' && r.dimension === '投资进度',
    );
    expect(h.map((r) => r.level)).toEqual(['yellow', 'red']);
    expect(h[0]!.text).toContain('低于序时进度 80.0% 达 11.4 个百分点');
    const computations = sql()
      .prepare("SELECT count(DISTINCT computed_at) n FROM warning WHERE period = '2017-10'")
      .get() as { n: number };
    expect(computations.n).toBe(2);
  });

  it('a light whose cause went away is stored once as released', async () => {
    const lamp = idOf('2017-03-03'); // 商业街亮化工程: 应开工未开工
    // Recorded by the 记录本期灯色 command (reads record nothing).
    await t.ok('lights:record', { period: '2017-09' });
    await t.ok('projects:update', { id: lamp, patch: { actStart: '2017-09-20' } });
    await t.ok('lights:record', { period: '2017-09' });
    await t.ok('lights:record', { period: '2017-09' });
    const start = (await t.ok('lights:history', { projectId: lamp })).filter((r) => r.dimension === '开工');
    expect(start.map((r) => r.level)).toEqual(['green', 'yellow']); // 2 months late: yellow
    expect(start[0]!.text).toMatch(/^已解除：/);
  });
});

describe('light rules', () => {
  it('validates and saves overrides that the lights then use, logging each change', async () => {
    await t.signIn('审核人'); // the light rules are a reviewer's decision
    const { rules, defaults } = await t.ok('lights:rules:get', {});
    expect(rules).toEqual(defaults);
    const form = { ...lightRulesInput(rules), statsThresholdWan: '500' };
    const bad = await t.call('lights:rules:save', { ...form, investRedAbovePts: 10 });
    expect(!bad.ok && bad.error.message).toContain('红灯界限（10个百分点）应大于黄灯起点（10个百分点）');
    const badDay = await t.call('lights:rules:save', { ...form, reportDueDay: 31 });
    expect(!badDay.ok && badDay.error.message).toContain('月报截止日（次月）不能大于28');
    const badMoney = await t.call('lights:rules:save', { ...form, statsThresholdWan: '-1' });
    expect(!badMoney.ok && badMoney.error.message).toContain('入统门槛（总投资）不能为负数');
    const saved = await t.ok('lights:rules:save', { ...form, investRedAbovePts: 60 });
    expect(saved.rules.investRedAbovePts).toBe(60);
    const f = await t.ok('figures:period', { period: '2017-09' });
    expect(f.projects.find((p) => p.code === '2017-01-01')!.level).toBe('yellow'); // 50 points behind: now yellow
    expect(
      sql().prepare("SELECT field, old_value, new_value FROM change_log WHERE entity = 'light_rule'").all(),
    ).toEqual([{ field: 'investRedAbovePts', old_value: '30', new_value: '60' }]);
  });
});

describe('CLI period-close and lights', () => {
  it('exit 0 closes, 1 when refused or already closed, 2 on bad usage; lights --json keeps its shape', async () => {
    const d = tempDir();
    const db = join(d.dir, 'cli.db');
    try {
      expect((await cli('seed-demo', '--db', db)).code).toBe(0);
      expect((await cli('period-close', '--db', db)).code).toBe(2);
      expect((await cli('period-close', '--db', db, '--period', '2017-13')).code).toBe(2);
      expect((await cli('period-close', '--db', db, '--period', '2017-09', '--role', '局长')).code).toBe(2);
      const refused = await cli('period-close', '--db', db, '--period', '2017-09', '--role', '录入员');
      expect(refused).toMatchObject({ code: 1 });
      expect(refused.err).toContain('只有审核人或管理员可以关账');
      const ok = await cli(
        'period-close',
        '--db',
        db,
        '--period',
        '2017-09',
        '--role',
        '审核人',
        '--operator',
        '周志强',
        '--json',
      );
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.out)).toMatchObject({ period: '2017-09', closed: true, closedBy: '周志强' });
      const again = await cli('period-close', '--db', db, '--period', '2017-09', '--role', '审核人');
      expect(again.code).toBe(1);
      expect(again.err).toContain('2017年9月已经关账');

      const lights = await cli('lights', '--db', db, '--period', '2017-09', '--json');
      expect(lights.code).toBe(0);
      const j = JSON.parse(lights.out);
      const street = j.projects.find((p: { code: string }) => p.code === '2017-03-02');
      expect(street).toMatchObject({ code: '2017-03-02', name: '商业街雨污排水管工程', level: 'yellow' });
      expect(street.dimensions[0]).toEqual({
        dimension: '投资进度',
        level: 'yellow',
        value: 70,
        threshold: 100,
        reason: expect.stringContaining('30'),
      });
    } finally {
      d.cleanup();
    }
  });
});

describe('closing a month is long work the clerk can watch and stop (issue 16)', () => {
  it('reports its stages in order; a 取消 before it commits leaves the month open with nothing written', async () => {
    await t.reopen({ role: '审核人', operator: '周志强' });
    const changes = () => (sql().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    const before = changes();
    const stages: string[] = [];
    const cancelled = await handleCall(
      t.core,
      'periods:close',
      { period: '2017-09' },
      {
        progress: (stage) => stages.push(stage),
        cancelRequested: () => stages.includes('写入台账'),
      },
    );
    expect(!cancelled.ok && cancelled.error.message).toBe(CANCELLED_MESSAGE);
    // Cancelled at the last safe point, in the upkeep of the kept figures as the close commits: still all rolled back.
    expect(stages).toEqual(['计算本月数字', '记录红黄绿灯', '保存关账快照', '写入台账', '更新统计数字']);
    expect((await t.ok('periods:closePreview', { period: '2017-09' })).closed).toBe(false);
    expect(changes()).toBe(before);
    expect(sql().prepare("SELECT count(*) AS n FROM period_snapshot WHERE period = '2017-09'").get()).toEqual({ n: 0 });

    const done: string[] = [];
    const r = await handleCall(t.core, 'periods:close', { period: '2017-09' }, { progress: (s) => done.push(s) });
    expect(r.ok).toBe(true);
    expect(done.slice(0, 4)).toEqual(['计算本月数字', '记录红黄绿灯', '保存关账快照', '写入台账']);
  });
});
