import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PUZHOU_PROJECTS } from '../../electron/core/seed/puzhou-2017.ts';
import { verifyChain } from '../../electron/core/audit/change-log.ts';
import type { ReportRowRaw } from '../../shared/schemas/monthly-report.ts';
import { lightRulesInput } from '../../shared/schemas/lights.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
});
afterEach(() => t.cleanup());

const WAN = 1_000_000;
const sql = () => t.core.ctx.db.sqlite;
const idOf = (code: string) => (sql().prepare('SELECT id FROM project WHERE code = ?').get(code) as { id: number }).id;
const progressCount = () => (sql().prepare('SELECT count(*) n FROM progress').get() as { n: number }).n;
const row = (code: string, more: Partial<ReportRowRaw> = {}): ReportRowRaw => ({
  projectId: idOf(code),
  monthWan: '10',
  imageText: '按计划推进',
  imagePct: 50,
  issues: '',
  nextSteps: '',
  needs: '',
  ...more,
});

describe('reports:batch', () => {
  it('lists every active project with last month beside this month and the derived figures', async () => {
    const b = await t.ok('reports:batch', { period: '2017-10' });
    expect(b.rows).toHaveLength(PUZHOU_PROJECTS.length);
    expect(b).toMatchObject({
      period: '2017-10',
      lastPeriod: '2017-09',
      dueDate: '2017-11-05',
      pastDue: false,
      status: { closed: false },
    });
    const center = b.rows.find((r) => r.code === '2017-01-01')!;
    expect(center.last).toMatchObject({ imageText: '围墙在建，设计完成，招标中', imagePct: 25 });
    expect(center.entry).toBeNull();
    expect(center).toMatchObject({ cumFen: 900 * WAN, ytdFen: 900 * WAN, priorFen: 0, mustReport: true, level: 'red' });
    const parent = b.rows.find((r) => r.code === '2017-03')!;
    expect(parent).toMatchObject({ isParent: true, mustReport: false, cumFen: 1430 * WAN });
  });

  it('flags 未填报 once the deadline day has passed and only for projects that owe a report', async () => {
    await t.reopen({ now: () => new Date('2017-11-08T09:00:00+08:00') });
    const b = await t.ok('reports:batch', { period: '2017-10' });
    expect(b.pastDue).toBe(true);
    expect(b.rows.find((r) => r.code === '2017-01-01')!.flags).toContain('未填报');
    expect(b.rows.find((r) => r.code === '2017-12')!.flags).not.toContain('未填报'); // finished in September
    expect(b.rows.find((r) => r.code === '2017-23')!.flags).not.toContain('未填报'); // 谋划
    expect(b.rows.find((r) => r.code === '2017-03')!.flags).not.toContain('未填报'); // parent
    // Entered and saved as 草稿 but never 报送: 未报送, not 未填报 (it is filled in).
    await t.ok('reports:save', { period: '2017-10', rows: [row('2017-01-01')] });
    const after = (await t.ok('reports:batch', { period: '2017-10' })).rows.find((r) => r.code === '2017-01-01')!;
    expect(after.state).toBe('草稿');
    expect(after.flags).toContain('未报送');
    expect(after.flags).not.toContain('未填报');
  });

  it('the deadline day is configurable', async () => {
    await t.signIn('审核人'); // the light rules are a reviewer's decision
    const { rules } = await t.ok('lights:rules:get', {});
    await t.ok('lights:rules:save', { ...lightRulesInput(rules), reportDueDay: 10 });
    expect((await t.ok('reports:batch', { period: '2017-10' })).dueDate).toBe('2017-11-10');
  });
});

describe('reports:batch in pages (the 月报 sheet of a county reads the rows in view)', () => {
  it('gives a slice in the batch order with the count and the ordered ids, the same rows as the whole batch', async () => {
    await t.ok('reports:save', {
      period: '2017-10',
      rows: [row('2017-01-01', { monthWan: '12.5' }), row('2017-12', { monthWan: '3' })],
    });
    const whole = await t.ok('reports:batch', { period: '2017-10' });
    expect(whole.rowsTotal).toBeUndefined(); // the whole batch, as the CLI and exports read it
    const n = whole.rows.length;
    expect(n).toBeGreaterThan(20);
    const first = await t.ok('reports:batch', { period: '2017-10', page: { offset: 0, limit: 10 }, ids: true });
    expect(first.rowsTotal).toBe(n);
    expect(first.ids).toEqual(whole.rows.map((r) => r.projectId));
    expect(first.rows).toEqual(whole.rows.slice(0, 10));
    expect(first).toMatchObject({
      period: '2017-10',
      lastPeriod: '2017-09',
      dueDate: whole.dueDate,
      status: whole.status,
    });
    // every page after it, without the ids again; together they are the whole batch, row for row
    const pages = [first.rows];
    for (let offset = 10; offset < n; offset += 10) {
      const p = await t.ok('reports:batch', { period: '2017-10', page: { offset, limit: 10 } });
      expect(p.ids).toBeUndefined();
      expect(p.rowsTotal).toBe(n);
      pages.push(p.rows);
    }
    expect(pages.flat()).toEqual(whole.rows);
    expect(pages.at(-1)!.length).toBe(n % 10 || 10);
    expect((await t.ok('reports:batch', { period: '2017-10', page: { offset: n + 5, limit: 10 } })).rows).toEqual([]);
  });

  it('gives just the projects asked for, in the batch order; and the ids awaiting 报送', async () => {
    const whole = await t.ok('reports:batch', { period: '2017-10' });
    const [a, b, c] = [idOf('2017-12'), idOf('2017-01-01'), idOf('2017-01-02')];
    await t.ok('reports:save', { period: '2017-10', rows: [row('2017-01-01'), row('2017-01-02'), row('2017-12')] });
    await t.ok('reports:submit', { period: '2017-10', projectIds: [c] });
    const some = await t.ok('reports:batch', { period: '2017-10', projectIds: [a, b], pending: true });
    expect(some.rowsTotal).toBe(2);
    const order = whole.rows.map((r) => r.projectId);
    expect(some.rows.map((r) => r.projectId)).toEqual([a, b].sort((x, y) => order.indexOf(x) - order.indexOf(y)));
    expect(some.rows.find((r) => r.projectId === b)).toMatchObject({
      state: '草稿',
      entry: { monthFen: 10 * WAN, imageText: '按计划推进' },
    });
    // 报送 with nothing ticked sends the drafts of the whole batch, not only of the rows read
    expect(some.pendingIds).toEqual([a, b].sort((x, y) => order.indexOf(x) - order.indexOf(y)));
    await t.ok('reports:submit', { period: '2017-10', projectIds: [b] });
    await t.signIn('审核人');
    await t.ok('reports:return', { period: '2017-10', projectIds: [b], reason: '数字有误' });
    expect(
      (await t.ok('reports:batch', { period: '2017-10', page: { offset: 0, limit: 1 }, pending: true })).pendingIds,
    ).toHaveLength(2);
  });

  it('refuses a page of more than 500 rows or none, in Chinese', async () => {
    for (const limit of [0, 501]) {
      const r = await t.call('reports:batch', { period: '2017-10', page: { offset: 0, limit } });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.code).toBe('VALIDATION');
      expect(!r.ok && /[\u4e00-\u9fa5]/.test(r.error.message)).toBe(true);
    }
  });
});

describe('reports:save', () => {
  it('saves a batch in one transaction; 与上月雷同 and 累计超总投资 are flagged; 1-N月 and 开工以来 are derived', async () => {
    const before = await t.ok('reports:batch', { period: '2017-10' });
    const last = before.rows.find((r) => r.code === '2017-01-02')!.last!;
    const r = await t.ok('reports:save', {
      period: '2017-10',
      rows: [
        row('2017-01-01', { monthWan: '1500', imageText: '主体开工' }),
        {
          projectId: idOf('2017-01-02'),
          monthWan: String(last.monthFen / WAN),
          imageText: last.imageText,
          imagePct: last.imagePct,
          issues: last.issues,
          nextSteps: last.nextSteps,
          needs: last.needs,
        },
        row('2017-12', { monthWan: '5.5', imageText: '补充调整' }),
      ],
    });
    expect(r).toEqual({ changed: 3, unchanged: 0, warnings: [] });
    const b = await t.ok('reports:batch', { period: '2017-10' });
    const get = (code: string) => b.rows.find((x) => x.code === code)!;
    expect(get('2017-01-01')).toMatchObject({
      monthFen: 1500 * WAN,
      ytdFen: 2400 * WAN,
      cumFen: 2400 * WAN,
      state: '草稿',
      filledBy: '测试员',
    });
    expect(get('2017-01-01').ytdPct).toBe(68.6);
    expect(get('2017-01-02').flags).toContain('与上月雷同');
    expect(get('2017-01-01').flags).not.toContain('与上月雷同');
    expect(get('2017-12').flags).toContain('累计超总投资');
    // the parent sums its children
    expect(get('2017-01').monthFen).toBe(1500 * WAN + last.monthFen);
    // saving the same again changes nothing
    expect(
      await t.ok('reports:save', {
        period: '2017-10',
        rows: [row('2017-01-01', { monthWan: '1500', imageText: '主体开工' })],
      }),
    ).toEqual({ changed: 0, unchanged: 1, warnings: [] });
    const log = sql()
      .prepare(
        "SELECT field, old_value, new_value FROM change_log WHERE entity = 'progress' AND field = '2017-10.monthFen' ORDER BY id",
      )
      .all();
    expect(log).toContainEqual({ field: '2017-10.monthFen', old_value: null, new_value: '1500.00万元' });
    expect(verifyChain(t.core.ctx.db).ok).toBe(true);
  });

  it.each<[string, Partial<ReportRowRaw>, string]>([
    ['negative money', { monthWan: '-5' }, '项目“新建旅游接待中心”：本月完成投资不能为负数'],
    ['too many decimals', { monthWan: '1.1234567' }, '项目“新建旅游接待中心”：本月完成投资最多保留6位小数'],
    ['junk money', { monthWan: '十万' }, '项目“新建旅游接待中心”：本月完成投资“十万”不是有效的金额'],
    ['missing money', { monthWan: '' }, '项目“新建旅游接待中心”：本月完成投资不能为空'],
    ['missing 形象进度', { imageText: '  ' }, '项目“新建旅游接待中心”：请填写形象进度'],
    ['形象进度 over 200', { imageText: '字'.repeat(201) }, '项目“新建旅游接待中心”：形象进度不能超过200个字'],
    ['pct over 100', { imagePct: 101 }, '项目“新建旅游接待中心”：形象进度%应为0–100之间的整数（“101”）'],
    ['pct not whole', { imagePct: '50.5' }, '形象进度%应为0–100之间的整数'],
    ['存在问题 over 500', { issues: '问'.repeat(501) }, '项目“新建旅游接待中心”：存在问题不能超过500个字'],
  ])('refuses %s with a message naming the project row and field, writing nothing', async (_n, bad, message) => {
    const n = progressCount();
    const r = await t.call('reports:save', { period: '2017-10', rows: [row('2017-01-02'), row('2017-01-01', bad)] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toContain(message);
      expect(r.error.issues?.[0]?.path).toMatch(new RegExp(`^project\\.${idOf('2017-01-01')}\\.`));
    }
    expect(progressCount()).toBe(n);
  });

  it('refuses a parent row, an unknown project and a project listed twice', async () => {
    const n = progressCount();
    const parent = await t.call('reports:save', { period: '2017-10', rows: [row('2017-03')] });
    expect(!parent.ok && parent.error.message).toContain(
      '项目“蒲州商业街工程”是汇总项目，数据由子项目合计，不能直接填报',
    );
    const unknown = await t.call('reports:save', {
      period: '2017-10',
      rows: [row('2017-01-01'), { ...row('2017-01-01'), projectId: 9999 }],
    });
    expect(!unknown.ok && unknown.error.message).toContain('第2行：项目（编号 9999）不存在或已删除');
    const twice = await t.call('reports:save', { period: '2017-10', rows: [row('2017-01-01'), row('2017-01-01')] });
    expect(!twice.ok && twice.error.message).toContain('在本批中出现了两次');
    expect(progressCount()).toBe(n);
  });
});

describe('report states', () => {
  it('草稿 → 已报送 → 退回 (审核人, with a reason) → edit → 草稿, with who and when', async () => {
    const id = idOf('2017-01-01');
    const missing = await t.call('reports:submit', { period: '2017-10', projectIds: [id] });
    expect(!missing.ok && missing.error.message).toContain('项目“新建旅游接待中心”：本月尚未填报，不能报送');
    await t.ok('reports:save', { period: '2017-10', rows: [row('2017-01-01')] });
    expect(await t.ok('reports:submit', { period: '2017-10', projectIds: [id] })).toEqual({ changed: 1, unchanged: 0 });
    const edit = await t.call('reports:save', { period: '2017-10', rows: [row('2017-01-01', { monthWan: '11' })] });
    expect(!edit.ok && edit.error.message).toContain('本月月报已报送，如需修改请先由审核人退回');

    const asClerk = await t.call('reports:return', { period: '2017-10', projectIds: [id], reason: '数字有误' });
    expect(!asClerk.ok && asClerk.error).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/^只有审核人或管理员可以.*退回月报.*（当前操作员“测试员”为录入员）$/),
    });
    await t.reopen({ role: '审核人', operator: '周志强' });
    const noReason = await t.call('reports:return', { period: '2017-10', projectIds: [id] });
    expect(!noReason.ok && noReason.error.message).toBe('请填写退回原因');
    await t.ok('reports:return', { period: '2017-10', projectIds: [id], reason: '本月完成投资与监理月报不符' });
    const r = (await t.ok('reports:batch', { period: '2017-10' })).rows.find((x) => x.projectId === id)!;
    expect(r).toMatchObject({
      state: '退回',
      reviewedBy: '周志强',
      returnReason: '本月完成投资与监理月报不符',
      filledBy: '测试员',
    });
    expect(r.filledAt).toBe('2017-10-08T01:00:00.000Z');

    await t.reopen({ role: '录入员', operator: '测试员' });
    await t.ok('reports:save', { period: '2017-10', rows: [row('2017-01-01', { monthWan: '11' })] });
    expect((await t.ok('reports:batch', { period: '2017-10' })).rows.find((x) => x.projectId === id)!.state).toBe(
      '草稿',
    );
  });

  it('the read-only 领导 role cannot save', async () => {
    await t.reopen({ role: '领导' });
    const r = await t.call('reports:save', { period: '2017-10', rows: [row('2017-01-01')] });
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
  });
});
