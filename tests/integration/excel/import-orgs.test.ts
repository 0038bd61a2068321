// 业主单位 / 牵头单位 / 责任单位 of an office's ledger, read into the project's links to 组织机构 (the 蒲州镇 sample's
// units): a unit the ledger has is linked however the file pads or spells it (城 建 办, 永济市蒲州镇水利站, 蒲州镇 水利站,
// full-width letters) or by its 简称; one it does not have is named in the preview — the window's and the command
// line's, as the people it adds are — and added once however the file spells it. The units were added without a word,
// 永济市 卫健委 and 永济市卫健委 as two, and 蒲州镇 水利站 in a 责任单位 cell as the units 蒲州镇 and 水利站.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { cli } from '../../helpers/run-cli.ts';
import { tempCore, tempDir, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;
const tmp = tempDir();
beforeAll(async () => {
  t = await tempCore({ autoBackup: false });
  await t.ok('app:onboard', { mode: 'demo' });
});
afterAll(async () => {
  t.cleanup();
  tmp.cleanup();
  await stopParseWorker();
});

const book = (rows: (string | number)[][]) => {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '项目');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
};
const ROWS = [
  ['序号', '项目名称', '总投资（万元）', '牵头单位', '责任单位', '业主单位'],
  [1, '镇区道路硬化', 460, '蒲州镇城建办', '永济市交通局', ''],
  [2, '文化广场', 300, '城 建 办', '永济市交通局、蒲州镇 水利站', '永济市蒲州镇水利站'],
  [3, '卫生院改造', 100, '永济市 卫健委', '住建局 交通运输局', ''],
  [4, '公厕新建', 20, '永济市卫健委', '永济市 交通局', '（蒲州镇）城建办'],
  [5, '路灯安装', 30, '蒲州镇 城建办', 'ＸＹ照明公司、XY照明公司', ''],
];
const FILE = { fileName: '2024年项目清单.xlsx', base64: book(ROWS).toString('base64'), year: 2024 };
const NOTICE =
  '组织机构中没有以下 3 个单位，导入时新建为单位并关联到项目：永济市交通局（责任单位，第2、3、5行）、永济市卫健委（牵头单位，第4、5行）、ＸＹ照明公司（责任单位，第6行）。导入后请在“组织机构 · 单位”中补全级别和类别；如是已有单位的另一种写法，请先在“组织机构 · 单位”中把它填为该单位的简称，或改正表格。';

const db = () => t.core.ctx.db.sqlite;
const orgCount = () => db().prepare('SELECT count(*) FROM org_unit').pluck().get() as number;
const projects = () =>
  db()
    .prepare(
      `SELECT p.name, l.name AS lead, o.name AS owner,
         (SELECT group_concat(u.name, '、') FROM (SELECT u.name FROM project_org po JOIN org_unit u ON u.id = po.org_id
           WHERE po.project_id = p.id ORDER BY u.id) u) AS responsible
       FROM project p LEFT JOIN org_unit l ON l.id = p.lead_org_id LEFT JOIN org_unit o ON o.id = p.owner_org_id
       WHERE p.plan_year = 2024 ORDER BY p.id`,
    )
    .all();

describe('units of an imported ledger', () => {
  it('the preview names the units it will add, each once however spelled, with columns and rows; adds none itself', async () => {
    const before = orgCount();
    const p = await t.ok('excel:importPreview', FILE);
    expect(p.newOrgs).toEqual(['永济市交通局', '永济市卫健委', 'ＸＹ照明公司']);
    expect(p.notices).toContain(NOTICE);
    expect(orgCount()).toBe(before);
  });

  it('the command line says it too, and its --json report names them', async () => {
    const ledger = join(tmp.dir, 'a.db');
    const file = join(tmp.dir, '2024年项目清单.xlsx');
    writeFileSync(file, book(ROWS));
    expect((await cli('seed-demo', '--db', ledger)).code).toBe(0);
    const r = await cli('import', file, '--dry-run', '--year', '2024', '--db', ledger);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`注意：${NOTICE}`);
    const j = await cli('import', file, '--dry-run', '--year', '2024', '--json', '--db', ledger);
    const report = JSON.parse(j.out);
    expect(report.newOrgs).toEqual(['永济市交通局', '永济市卫健委', 'ＸＹ照明公司']);
    expect(report.newStaff).toEqual([]);
    expect(report.notices).toContain(NOTICE);
  });

  it('apply links the ledger’s units and adds exactly the ones named, noted as the import’s', async () => {
    const before = orgCount();
    expect(await t.ok('excel:importApply', FILE)).toMatchObject({ created: 5 });
    expect(projects()).toEqual([
      { name: '镇区道路硬化', lead: '蒲州镇城建办', owner: null, responsible: '永济市交通局' },
      {
        name: '文化广场',
        lead: '蒲州镇城建办',
        owner: '蒲州镇水利站',
        responsible: '蒲州镇水利站、永济市交通局',
      },
      { name: '卫生院改造', lead: '永济市卫健委', owner: null, responsible: '永济市住建局、永济市交通运输局' },
      { name: '公厕新建', lead: '永济市卫健委', owner: '蒲州镇城建办', responsible: '永济市交通局' },
      { name: '路灯安装', lead: '蒲州镇城建办', owner: null, responsible: 'ＸＹ照明公司' },
    ]);
    expect(orgCount()).toBe(before + 3);
    expect(db().prepare("SELECT name, note FROM org_unit WHERE note LIKE '导入台账时新建%' ORDER BY id").all()).toEqual(
      [
        { name: '永济市交通局', note: '导入台账时新建（2024年项目清单.xlsx）' },
        { name: '永济市卫健委', note: '导入台账时新建（2024年项目清单.xlsx）' },
        { name: 'ＸＹ照明公司', note: '导入台账时新建（2024年项目清单.xlsx）' },
      ],
    );
    const history = (await t.ok('history:list', { limit: 10, offset: 0 })).rows;
    expect(
      history
        .filter((h) => h.reason?.startsWith('导入台账时新建'))
        .map((h) => [h.action, h.entityLabel, h.newValue])
        .reverse(),
    ).toEqual(['永济市交通局', '永济市卫健委', 'ＸＹ照明公司'].map((v) => ['新增', '组织单位', v]));
  });

  it('the same file again adds no unit and changes nothing', async () => {
    const units = orgCount();
    const before = projects();
    const preview = await t.ok('excel:importPreview', { ...FILE, duplicates: 'update' });
    expect(preview.newOrgs).toEqual([]);
    expect(preview.notices.join()).not.toContain('组织机构中没有');
    expect(await t.ok('excel:importApply', { ...FILE, duplicates: 'update' })).toMatchObject({
      updated: 5,
      unchanged: 5,
    });
    expect(orgCount()).toBe(units);
    expect(projects()).toEqual(before);
  });

  it('a row not written (skipped) names no unit to add', async () => {
    const rows = [ROWS[0]!, [1, '新的项目', 10, '县水务局', '', '']];
    const p = await t.ok('excel:importPreview', {
      fileName: 'x.xlsx',
      base64: book(rows).toString('base64'),
      year: 2024,
      rowDecisions: { '2': 'skip' },
    });
    expect(p.newOrgs).toEqual([]);
    expect(p.notices.join()).not.toContain('组织机构中没有');
  });
});
