/**
 * The grid's block writes on a real SQLite ledger: projects:updateCells (a paste, fill or undo over the 项目台账)
 * and reports:save taking back a cleared draft (an undo of a paste into 月报 rows that had no report).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../electron/core/audit/change-log.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
});
afterEach(() => t.cleanup());

const sql = () => t.core.ctx.db.sqlite;
const idOf = (code: string) => (sql().prepare('SELECT id FROM project WHERE code = ?').get(code) as { id: number }).id;
const project = (id: number) =>
  sql().prepare('SELECT location, total_fen, plan_start, lead_org_id FROM project WHERE id = ?').get(id) as {
    location: string | null;
    total_fen: number;
    plan_start: string | null;
    lead_org_id: number | null;
  };
const logCount = () => (sql().prepare('SELECT count(*) n FROM change_log').get() as { n: number }).n;

describe('projects:updateCells', () => {
  it('saves a different patch per project in one call, money exactly in 分, each change logged', async () => {
    const [a, b, c] = ['2017-01-01', '2017-01-02', '2017-02'].map(idOf) as [number, number, number];
    const before = logCount();
    const r = await t.ok('projects:updateCells', {
      rows: [
        { id: a, patch: { location: '东街', totalWan: '1234.567891' } },
        { id: b, patch: { location: '西街', planStart: '2017-03-01' } },
        { id: c, patch: { location: '南街' } },
      ],
    });
    expect(r.projects.map((p) => p.location)).toEqual(['东街', '西街', '南街']);
    expect(project(a)).toMatchObject({ location: '东街', total_fen: 1_234_567_891 });
    expect(project(b)).toMatchObject({ location: '西街', plan_start: '2017-03-01' });
    const logged = sql().prepare('SELECT project_id, field FROM change_log WHERE id > ? ORDER BY id').all(before) as {
      project_id: number;
      field: string;
    }[];
    expect(logged.filter((l) => l.field === 'location').map((l) => l.project_id)).toEqual([a, b, c]);
    expect(logged.some((l) => l.project_id === a && l.field === 'totalWan')).toBe(true);
    expect(verifyChain(t.core.ctx.db).ok).toBe(true);
  });

  it('refuses the whole block when one cell is refused, naming the project and field, and writes nothing', async () => {
    const [a, b] = ['2017-01-01', '2017-01-02'].map(idOf) as [number, number];
    const was = project(a);
    const before = logCount();
    const r = await t.call('projects:updateCells', {
      rows: [
        { id: a, patch: { location: '东街' } },
        { id: b, patch: { leadOrgId: 99999 } },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.issues).toEqual([
      { path: `project.${b}.leadOrgId`, message: expect.stringMatching(/^项目“.+”：牵头单位不存在$/) },
    ]);
    expect(project(a)).toEqual(was);
    expect(logCount()).toBe(before);
  });

  it('refuses a project in the 回收站 and an unknown project by name or number', async () => {
    const a = idOf('2017-01-01');
    await t.ok('projects:delete', { id: a });
    const r = await t.call('projects:updateCells', {
      rows: [
        { id: a, patch: { location: '东街' } },
        { id: 987654, patch: { location: '西街' } },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/项目“.+”：项目“.+”在回收站中，请先恢复再修改|项目“.+”在回收站中/);
    expect(r.error.message).toContain('项目（编号 987654）不存在或已删除');
  });

  it('is refused for a 领导 before its input is read', async () => {
    await t.signIn('领导', '赵书记');
    const r = await t.call('projects:updateCells', { rows: [{ id: idOf('2017-01-01'), patch: { location: '东街' } }] });
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
  });
});

describe('reports:save with a cleared row', () => {
  const progress = (id: number) =>
    sql().prepare("SELECT month_fen, state FROM progress WHERE project_id = ? AND period = '2017-10'").get(id) as
      | { month_fen: number; state: string }
      | undefined;
  const blankRow = (projectId: number) => ({
    projectId,
    monthWan: '',
    imageText: '',
    imagePct: '',
    issues: '',
    nextSteps: '',
    needs: '',
  });

  it('takes back a draft whose every field is empty, logged as 删除, and skips a project without a report', async () => {
    const [a, b] = ['2017-01-01', '2017-01-02'].map(idOf) as [number, number];
    await t.ok('reports:save', {
      period: '2017-10',
      rows: [{ projectId: a, monthWan: '12.5', imageText: '主体施工', imagePct: 30 }],
    });
    expect(progress(a)).toMatchObject({ month_fen: 12_500_000, state: '草稿' });
    const r = await t.ok('reports:save', { period: '2017-10', rows: [blankRow(a), blankRow(b)] });
    expect(r).toEqual({ changed: 1, unchanged: 1, warnings: [] });
    expect(progress(a)).toBeUndefined();
    const log = sql()
      .prepare(
        "SELECT action, field, old_value FROM change_log WHERE entity = 'progress' AND action = '删除' ORDER BY id",
      )
      .all();
    expect(log).toEqual([
      { action: '删除', field: '2017-10.monthFen', old_value: '12.50万元' },
      { action: '删除', field: '2017-10.imageText', old_value: '主体施工' },
      { action: '删除', field: '2017-10.imagePct', old_value: '30' },
    ]);
    expect(verifyChain(t.core.ctx.db).ok).toBe(true);
  });

  it('refuses to clear a submitted report and writes nothing', async () => {
    const a = idOf('2017-01-01');
    await t.ok('reports:save', {
      period: '2017-10',
      rows: [{ projectId: a, monthWan: '12.5', imageText: '主体施工' }],
    });
    await t.ok('reports:submit', { period: '2017-10', projectIds: [a] });
    const r = await t.call('reports:save', { period: '2017-10', rows: [blankRow(a)] });
    expect(r.ok ? '' : r.error.message).toMatch(/本月月报已报送，如需修改请先由审核人退回/);
    expect(progress(a)).toMatchObject({ state: '已报送' });
  });
});
