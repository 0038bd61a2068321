// The county's tables as the ledger sends them (T1 月报表, T2 项目清单, T3 重大项目表) come back to it: a clerk keeps the
// sent file, corrects it, or gets it back from the county, and imports it with 更新. Imported unchanged, each must
// leave the ledger exactly as it was — no project field, unit, 资金来源 or 年度计划 moved, no 修改 line in the 修改记录,
// no project marked for its figures — and say that every project it matched was left as it was. Each table was
// found to move something: T2's folded 资金来源 (市级资金 → 省级资金), the county's order of 责任单位, T1's 备注(预警)
// read into the projects' 备注, and T1's 0 for a missing 年度计划 written as a plan.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { journalSeq, writtenAfter } from '../../../electron/core/repositories/figure-store.repository.ts';
import { seedPuzhou2017 } from '../../../electron/core/seed/puzhou-2017.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;
const TABLES = ['project', 'project_org', 'project_tag', 'funding_plan', 'year_plan', 'org_unit', 'staff'];
const dump = () =>
  Object.fromEntries(TABLES.map((table) => [table, t.core.ctx.db.sqlite.prepare(`SELECT * FROM ${table}`).all()]));

beforeAll(async () => {
  t = await tempCore({ autoBackup: false });
  t.core.ctx.db.tx(() => seedPuzhou2017(t.core.ctx.db, '2017-10-01T00:00:00.000Z'));
  // the 实施主体 names its 法人代表, as T3's 项目业主 prints it: back with 更新 it moves nothing, into a new ledger it comes
  t.core.ctx.db.sqlite.exec(`UPDATE org_unit SET legal_rep = '张建军' WHERE name = '蒲州镇人民政府'`);
});
afterAll(() => t.cleanup());

for (const template of ['T1', 'T2', 'T3'] as const)
  it(`${template} exported and imported back with 更新 leaves the ledger as it was`, async () => {
    const file = await t.ok('excel:export', { template, period: '2017-09' });
    const before = dump();
    const seq = journalSeq(t.core.ctx.db);
    const preview = await t.ok('excel:importPreview', {
      fileName: `${template}.xlsx`,
      base64: file.base64,
      duplicates: 'update',
    });
    expect(preview.counts.unchanged).toBe(preview.counts.update);
    const r = await t.ok('excel:importApply', {
      fileName: `${template}.xlsx`,
      base64: file.base64,
      duplicates: 'update',
    });
    expect(r.created).toBe(0);
    expect(r.updated).toBeGreaterThan(20);
    expect(r.unchanged).toBe(r.updated);
    expect(dump()).toEqual(before);
    expect(writtenAfter(t.core.ctx.db, seq)).toEqual([]);
    const edits = t.core.ctx.db.sqlite.prepare(`SELECT count(*) FROM change_log WHERE action = '修改'`).pluck().get();
    expect(edits).toBe(0);
  });

// The same tables into a NEW ledger (the county's copy, another town's office): every project and every sub-project
// comes in, under its parent, with its 总投资 (approximate where it was). T1 and T3 list a project's parts as
// “1-1 其中：商业街硬化工程”; they had been read as 其中 breakdowns, and the 12 sub-projects were dropped unsaid.
for (const template of ['T1', 'T2', 'T3'] as const)
  it(`${template} imported into a new ledger brings every project and sub-project, with its parent and 总投资`, async () => {
    const file = await t.ok('excel:export', { template, period: '2017-09' });
    const shape = (db: TempCore['core']['ctx']['db']) =>
      db.sqlite
        .prepare(
          `SELECT p.name, p.total_fen AS totalFen, p.approx, parent.name AS parent FROM project p
           LEFT JOIN project parent ON parent.id = p.parent_id WHERE p.deleted_at IS NULL ORDER BY p.name`,
        )
        .all();
    const fresh = await tempCore({ autoBackup: false });
    try {
      const r = await fresh.ok('excel:importApply', { fileName: `${template}.xlsx`, base64: file.base64 });
      expect(r.summary.counts).toMatchObject({ projects: 24, subProjects: 12, totalInvestmentFen: 21_390_000_000 });
      expect(shape(fresh.core.ctx.db)).toEqual(shape(t.core.ctx.db));
      const reps = (db: TempCore['core']['ctx']['db']) =>
        db.sqlite.prepare(`SELECT name, legal_rep FROM org_unit WHERE legal_rep IS NOT NULL`).all();
      expect(reps(fresh.core.ctx.db)).toEqual(template === 'T3' ? reps(t.core.ctx.db) : []);
      // the preview's rows mark the approximate 总投资 as the ledger will show it (860.00余): the same projects
      const approx = t.core.ctx.db.sqlite
        .prepare(`SELECT count(*) FROM project WHERE approx = 1 AND deleted_at IS NULL`)
        .pluck()
        .get() as number;
      expect(approx).toBeGreaterThanOrEqual(5);
      expect(r.rows.filter((x) => x.approx)).toHaveLength(approx);
    } finally {
      fresh.cleanup();
    }
  });
