// 包联领导 and 责任人 in an office's ledger, read into the project's links to 人员 (the 蒲州镇 sample's people):
// a known name is linked; an unknown one is named in the preview and added as a person; a post (镇长) is linked to
// whoever holds it; several names in a cell link the first and keep the others in 备注 — each said, none dropped; a
// 责任人 / 项目负责人 column (not read at all before) fills 责任人. The same file again adds nothing and moves nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;
beforeAll(async () => {
  t = await tempCore({ autoBackup: false });
  await t.ok('app:onboard', { mode: 'demo' });
});
afterAll(async () => {
  t.cleanup();
  await stopParseWorker();
});

const sheet = (rows: (string | number)[][]) => {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '项目');
  return (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
};
const FILE = {
  fileName: '2024年项目清单.xlsx',
  base64: sheet([
    ['序号', '项目名称', '总投资（万元）', '包联领导', '项目负责人'],
    [1, '镇区道路硬化', 460, '钱立新', '郑晓明'],
    [2, '文化广场', 300, '周志强、赵建国', '新来的'],
    [3, '卫生院改造', 100, '镇长', '王　伟'],
    [4, '公厕新建', 20, '李四（副县长）', '13800000000'],
    [5, '路灯安装', 30, '吴镇长', '王伟'],
  ]),
};

const db = () => t.core.ctx.db.sqlite;
const projects = () =>
  db()
    .prepare(
      `SELECT p.name, l.name AS leader, m.name AS manager, p.note FROM project p
       LEFT JOIN staff l ON l.id = p.leader_staff_id LEFT JOIN staff m ON m.id = p.manager_staff_id
       WHERE p.plan_year = 2024 ORDER BY p.id`,
    )
    .all();
const staffCount = () => db().prepare('SELECT count(*) FROM staff').pluck().get() as number;

describe('包联领导 and 责任人 of an imported ledger', () => {
  it('the preview says who is linked, who will be added and what goes to 备注; it adds no one itself', async () => {
    const before = staffCount();
    const p = await t.ok('excel:importPreview', FILE);
    expect(p.columns.map((c) => c.field)).toEqual(['seq', 'name', 'totalWan', 'leader', 'manager']);
    expect(p.newStaff).toEqual(['新来的', '王伟', '李四']);
    expect(p.notices).toContainEqual(
      expect.stringMatching(
        /^人员中没有以下 3 人，导入时新建为人员并关联到项目：新来的（责任人，第3行）、王伟（责任人，第4、6行）、李四（副县长；包联领导，第5行）。/,
      ),
    );
    const said = p.problems.map((x) => [x.row, x.column, x.level, x.message]);
    expect(said).toEqual([
      [3, 'D', 'warning', '包联领导写了 2 人，台账每个项目记一位包联领导：记为“周志强”，赵建国记入备注'],
      [4, 'D', 'warning', '包联领导“镇长”按职务关联到在任的镇长钱立新'],
      [5, 'E', 'warning', '责任人“13800000000”不是人名，未读入'],
      [6, 'D', 'warning', '包联领导“吴镇长”是职务，人员中没有在任的镇长（姓吴），未关联，导入后请在项目中选择'],
    ]);
    expect(staffCount()).toBe(before);
  });

  it('apply links and adds exactly that', async () => {
    const before = staffCount();
    const r = await t.ok('excel:importApply', FILE);
    expect(r.created).toBe(5);
    expect(projects()).toEqual([
      { name: '镇区道路硬化', leader: '钱立新', manager: '郑晓明', note: null },
      { name: '文化广场', leader: '周志强', manager: '新来的', note: '另有包联领导：赵建国' },
      { name: '卫生院改造', leader: '钱立新', manager: '王伟', note: null },
      { name: '公厕新建', leader: '李四', manager: null, note: null },
      { name: '路灯安装', leader: null, manager: '王伟', note: null },
    ]);
    expect(staffCount()).toBe(before + 3);
    expect(
      db().prepare("SELECT name, title, note, active FROM staff WHERE note LIKE '导入台账时新建%' ORDER BY id").all(),
    ).toEqual([
      { name: '新来的', title: '待补充', note: '导入台账时新建（2024年项目清单.xlsx）', active: 1 },
      { name: '王伟', title: '待补充', note: '导入台账时新建（2024年项目清单.xlsx）', active: 1 },
      { name: '李四', title: '副县长', note: '导入台账时新建（2024年项目清单.xlsx）', active: 1 },
    ]);
    // Each person the import added has its own 新增 in the 修改记录, saying where it came from, beside the 导入 entry.
    const history = (await t.ok('history:list', { limit: 10, offset: 0 })).rows.filter((h) => h.action !== '导入');
    expect(
      history
        .filter((h) => h.reason?.startsWith('导入台账时新建'))
        .map((h) => [h.action, h.entityLabel, h.newValue, h.reason])
        .reverse(),
    ).toEqual(
      ['新来的（待补充）', '王伟（待补充）', '李四（副县长）'].map((v) => [
        '新增',
        '人员',
        v,
        '导入台账时新建（2024年项目清单.xlsx）',
      ]),
    );
  });

  it('the 一项目一档 names a person the import added without a post, and prints no 待补充 for a 职务', async () => {
    const id = db().prepare("SELECT id FROM project WHERE name = '文化广场' AND plan_year = 2024").pluck().get();
    const html = (await t.ok('reports:render', { doc: 'card', period: '2017-09', projectId: id as number })).html;
    expect(html).toContain('新来的');
    expect(html).not.toContain('待补充');
  });

  it('the same file again, skipped or updating, adds no person, no project and changes nothing', async () => {
    const staff = staffCount();
    const before = projects();
    const skipped = await t.ok('excel:importApply', { ...FILE, duplicates: 'skip' });
    expect(skipped).toMatchObject({ created: 0, skipped: 5 });
    const preview = await t.ok('excel:importPreview', { ...FILE, duplicates: 'update' });
    expect(preview.newStaff).toEqual([]);
    expect(preview.notices.join()).not.toContain('人员中没有');
    const updated = await t.ok('excel:importApply', { ...FILE, duplicates: 'update' });
    expect(updated).toMatchObject({ created: 0, updated: 5, unchanged: 5 });
    expect(staffCount()).toBe(staff);
    expect(projects()).toEqual(before);
  });

  it('an update keeps the clerk’s own 备注 and adds the further names to it once', async () => {
    const id = db().prepare("SELECT id FROM project WHERE name = '文化广场' AND plan_year = 2024").pluck().get();
    db().prepare("UPDATE project SET note = '村里出地' WHERE id = ?").run(id);
    const input = { ...FILE, duplicates: 'update' as const };
    const first = await t.ok('excel:importApply', input);
    expect(first).toMatchObject({ updated: 5, unchanged: 4 });
    const note = () => db().prepare('SELECT note FROM project WHERE id = ?').pluck().get(id);
    expect(note()).toBe('村里出地；另有包联领导：赵建国');
    expect(await t.ok('excel:importApply', input)).toMatchObject({ updated: 5, unchanged: 5 });
    expect(note()).toBe('村里出地；另有包联领导：赵建国');
  });

  it('a cell naming a post nobody holds leaves the project’s 包联领导 as it is', async () => {
    const ids = db().prepare("SELECT leader_staff_id FROM project WHERE name = '路灯安装'").pluck();
    const someone = db().prepare("SELECT id FROM staff WHERE name = '赵建国'").pluck().get();
    db().prepare("UPDATE project SET leader_staff_id = ? WHERE name = '路灯安装'").run(someone);
    await t.ok('excel:importApply', { ...FILE, duplicates: 'update' });
    expect(ids.get()).toBe(someone);
  });
});
