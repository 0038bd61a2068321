// T3 重大项目表 carries 是否政府投资项目 and the two 土地指标(亩) columns, and the ledger has the fields (gov_funded,
// land_mu_have, land_mu_need); the import did not read them, so a T3 sent and imported back into a new ledger (the
// county's copy) came in with every project 政府投资 and no 土地指标. Imported back into its own ledger with 更新 it must
// still move nothing; a county's own sheet with a 土地指标 group over 已落实/需新增 and ticks (√/×) is read the same.
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedPuzhou2017 } from '../../../electron/core/seed/puzhou-2017.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;
let top1 = '';
let top2 = '';
const landGov = (db: TempCore['core']['ctx']['db']) =>
  db.sqlite
    .prepare(
      `SELECT name, gov_funded AS gov, land_mu_have AS have, land_mu_need AS need FROM project
       WHERE deleted_at IS NULL ORDER BY name`,
    )
    .all();
const idOf = (name: string) =>
  t.core.ctx.db.sqlite
    .prepare(`SELECT id FROM project WHERE name = ? AND deleted_at IS NULL`)
    .pluck()
    .get(name) as number;

beforeAll(async () => {
  t = await tempCore({ autoBackup: false });
  t.core.ctx.db.tx(() => seedPuzhou2017(t.core.ctx.db, '2017-10-01T00:00:00.000Z'));
  [top1, top2] = t.core.ctx.db.sqlite
    .prepare(`SELECT name FROM project WHERE parent_id IS NULL AND gov_funded = 1 AND deleted_at IS NULL ORDER BY id`)
    .pluck()
    .all() as [string, string];
  const part = t.core.ctx.db.sqlite
    .prepare(`SELECT name FROM project WHERE parent_id IS NOT NULL AND deleted_at IS NULL ORDER BY id`)
    .pluck()
    .get() as string;
  await t.ok('projects:update', { id: idOf(top1), patch: { govFunded: false, landMuHave: 12.5, landMuNeed: 3.25 } });
  await t.ok('projects:update', { id: idOf(top2), patch: { landMuNeed: 40 } });
  await t.ok('projects:update', { id: idOf(part), patch: { govFunded: false, landMuHave: 0.75 } });
});
afterAll(() => t.cleanup());

it('T3 imported into a new ledger brings 是否政府投资项目 and both 土地指标 of every project and sub-project', async () => {
  const file = await t.ok('excel:export', { template: 'T3', period: '2017-09' });
  const ours = landGov(t.core.ctx.db);
  expect(ours.filter((r) => (r as { gov: number }).gov === 0).length).toBeGreaterThanOrEqual(3);
  const fresh = await tempCore({ autoBackup: false });
  try {
    await fresh.ok('excel:importApply', { fileName: 'T3.xlsx', base64: file.base64 });
    expect(landGov(fresh.core.ctx.db)).toEqual(ours);
  } finally {
    fresh.cleanup();
  }
});

it('T3 imported back into its own ledger with 更新 leaves every project as it was', async () => {
  const file = await t.ok('excel:export', { template: 'T3', period: '2017-09' });
  const before = landGov(t.core.ctx.db);
  const input = { fileName: 'T3.xlsx', base64: file.base64, duplicates: 'update' as const };
  const preview = await t.ok('excel:importPreview', input);
  expect(preview.counts.update).toBeGreaterThan(20);
  expect(preview.counts.unchanged).toBe(preview.counts.update);
  const r = await t.ok('excel:importApply', input);
  expect(r.unchanged).toBe(r.updated);
  expect(landGov(t.core.ctx.db)).toEqual(before);
});

const sheet = (rows: (string | number | null)[][]) => {
  const ws = XLSX.utils.aoa_to_sheet(rows);
  ws['!merges'] = ['A1:A2', 'B1:B2', 'C1:C2', 'D1:E1', 'F1:F2'].map((r) => XLSX.utils.decode_range(r));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '项目');
  return (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
};
const HEAD = [
  ['序号', '项目名称', '总投资（万元）', '土地指标（亩）', null, '是否政府投资'],
  [null, null, null, '已落实', '需新增', null],
];

it('a county sheet’s 土地指标 group (已落实/需新增) and its ticks are read; 1/0 and Y/N too', async () => {
  const fresh = await tempCore({ autoBackup: false });
  try {
    const base64 = sheet([
      ...HEAD,
      [1, '甲村道路', 300, '３０亩', 2.5, '√'],
      [2, '乙村水渠', 200, null, '—', '×'],
      [3, '丙村广场', 100, 0, 1, 'N'],
      [4, '丁村路灯', 50, 4, null, 1],
    ]);
    await fresh.ok('excel:importApply', { fileName: 'land.xlsx', base64, year: 2017 });
    expect(landGov(fresh.core.ctx.db)).toEqual([
      { name: '丁村路灯', gov: 1, have: 4, need: null },
      { name: '丙村广场', gov: 0, have: 0, need: 1 },
      { name: '乙村水渠', gov: 0, have: null, need: null },
      { name: '甲村道路', gov: 1, have: 30, need: 2.5 },
    ]);
  } finally {
    fresh.cleanup();
  }
});

it('a 是否政府投资 or 亩 cell that cannot be read is an error on its row and column, and nothing is written', async () => {
  const fresh = await tempCore({ autoBackup: false });
  try {
    const base64 = sheet([...HEAD, [1, '甲村道路', 300, '约30', 2, '是'], [2, '乙村水渠', 200, 1, 2, '待定']]);
    const p = await fresh.ok('excel:importPreview', { fileName: 'bad.xlsx', base64, year: 2017 });
    expect(p.problems.filter((x) => x.level === 'error')).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'D',
        message: expect.stringMatching(/土地指标.*已落实“约30”应为亩数/),
      }),
      expect.objectContaining({
        row: 4,
        column: 'F',
        message: expect.stringContaining('是否政府投资“待定”应填“是”或“否”'),
      }),
    ]);
    const r = await fresh.call('excel:importApply', { fileName: 'bad.xlsx', base64, year: 2017 });
    expect(r.ok).toBe(false);
    expect(landGov(fresh.core.ctx.db)).toEqual([]);
  } finally {
    fresh.cleanup();
  }
});

it('a county template asking for 是否政府投资项目 and 土地指标 is filled from the ledger, as T3 shows them', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('表1').getRow(1).values = [
    '序号',
    '项目名称',
    '是否政府投资项目',
    '已取得土地指标（亩）',
    '拟申请土地指标（亩）',
  ];
  const templateBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  const out = await t.ok('excel:templateFill', { fileName: '县里模板.xlsx', templateBase64, period: '2017-09' });
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
  const byName = new Map<string, unknown[]>();
  back.worksheets[0]!.eachRow((row) => {
    const cells = (row.values as unknown[]).slice(1);
    byName.set(String(cells[1]), cells.slice(2));
  });
  expect(byName.get(top1)).toEqual(['否', 12.5, 3.25]);
  const seededHave = t.core.ctx.db.sqlite
    .prepare(`SELECT land_mu_have FROM project WHERE id = ?`)
    .pluck()
    .get(idOf(top2)) as number | null;
  expect(byName.get(top2)).toEqual(['是', seededHave ?? undefined, 40]);
});
