// A 月报 with 本月完成投资 for a project the ledger says has not started (no 实际开工, or one after the month): the
// ledger counts investment from 开工 (开工以来累计) and lights 应开工未开工 from 实际开工 only, so the two disagree.
// The save says so in Chinese and writes the report; it sets no date (which day it started is the clerk's to say), and
// the row's 标记 keeps saying it until the date or the amount is put right. Before, the save said nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportRowRaw } from '../../shared/schemas/monthly-report.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeAll(async () => {
  t = await tempCore({ role: '审核人', operator: '周志强' });
  await t.ok('app:onboard', { mode: 'demo' });
});
afterAll(() => t.cleanup());

const PERIOD = '2017-10';
const sql = () => t.core.ctx.db.sqlite;
const idOf = (code: string) => sql().prepare('SELECT id FROM project WHERE code = ?').pluck().get(code) as number;
const project = (code: string) =>
  sql().prepare('SELECT act_start, status FROM project WHERE code = ?').get(code) as {
    act_start: string | null;
    status: string;
  };
const row = (code: string, monthWan: string, imageText = '灯杆基础施工'): ReportRowRaw => ({
  projectId: idOf(code),
  monthWan,
  imageText,
  imagePct: 10,
  issues: '',
  nextSteps: '',
  needs: '',
});
const flagsOf = async (code: string, period = PERIOD) =>
  (await t.ok('reports:batch', { period })).rows.find((r) => r.projectId === idOf(code))!.flags;

// 商业街亮化工程 (2017-03-03): 计划2017年8月开工, no 实际开工 in the 蒲州镇 sample
const LIGHTING = '2017-03-03';

describe('本月完成投资 of a project without 实际开工', () => {
  it('is saved, and the save says the ledger has no 实际开工 — no date is set', async () => {
    expect(project(LIGHTING)).toEqual({ act_start: null, status: '前期' });
    const r = await t.ok('reports:save', { period: PERIOD, rows: [row(LIGHTING, '38')] });
    expect(r).toEqual({
      changed: 1,
      unchanged: 0,
      warnings: [
        '项目“商业街亮化工程”：本月完成投资 38.00 万元，但台账中没有实际开工日期。有完成投资即已开工，请在项目台账中补填实际开工日期（开工灯按实际开工日期判断）',
      ],
    });
    expect(
      sql()
        .prepare('SELECT month_fen, state FROM progress WHERE project_id = ? AND period = ?')
        .get(idOf(LIGHTING), PERIOD),
    ).toEqual({ month_fen: 38_000_000, state: '草稿' });
    expect(project(LIGHTING)).toEqual({ act_start: null, status: '前期' });
    expect(await flagsOf(LIGHTING)).toContain('有投资未开工');
  });

  it('a later save of the row that leaves the amount as it was says nothing again; the 标记 stays', async () => {
    const r = await t.ok('reports:save', { period: PERIOD, rows: [row(LIGHTING, '38', '灯杆基础完成')] });
    expect(r).toEqual({ changed: 1, unchanged: 0, warnings: [] });
    expect(await flagsOf(LIGHTING)).toContain('有投资未开工');
  });

  it('a 实际开工 after the month is said with its date; one within the month clears the 标记', async () => {
    // the test's clock reads 2017年10月8日: 实际开工 5 October is a fact, and after September
    await t.ok('projects:update', { id: idOf(LIGHTING), patch: { actStart: '2017-10-05' } });
    await t.ok('reports:return', { period: '2017-09', projectIds: [idOf(LIGHTING)], reason: '补报本月完成投资' });
    const r = await t.ok('reports:save', { period: '2017-09', rows: [row(LIGHTING, '40')] });
    expect(r.warnings).toEqual([
      '项目“商业街亮化工程”：本月完成投资 40.00 万元，但台账中的实际开工日期为2017年10月5日，在本月之后，请核对实际开工日期或本月完成投资',
    ]);
    expect(await flagsOf(LIGHTING, '2017-09')).toContain('有投资未开工');
    expect(await flagsOf(LIGHTING)).not.toContain('有投资未开工');
    await t.ok('projects:update', { id: idOf(LIGHTING), patch: { actStart: '2017-09-20' } });
    expect(await flagsOf(LIGHTING, '2017-09')).not.toContain('有投资未开工');
    expect((await t.ok('reports:save', { period: '2017-09', rows: [row(LIGHTING, '41')] })).warnings).toEqual([]);
  });

  it('no amount, or a project that has started, says nothing', async () => {
    // 养老服务中心 (2017-18): not started, reports 0; 游客接待中心 (2017-01-01): started in the sample
    const r = await t.ok('reports:save', { period: PERIOD, rows: [row('2017-18', '0'), row('2017-01-01', '25')] });
    expect(r).toEqual({ changed: 2, unchanged: 0, warnings: [] });
    expect(await flagsOf('2017-18')).not.toContain('有投资未开工');
    expect(await flagsOf('2017-01-01')).not.toContain('有投资未开工');
  });
});
