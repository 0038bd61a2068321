// T3 重大项目表's group 项目业主 is 单位名称, 法人代表, 业主联系人, 联系电话 (domain.md §2). The 法人代表 was printed blank
// every month — the ledger kept no such fact — and the clerk wrote it into every row by hand. It is the owner unit's
// (org_unit.legal_rep, kept on the 单位 page): every project the unit owns shows the same person, read from one place
// (excel.repository.ts projectExtras) by T3 and by a county template's 法人代表 column.
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { seedPuzhou2017 } from '../../../electron/core/seed/puzhou-2017.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;
/** the project given an owner of its own, and the one whose owner names nobody */
let cityOwned: string;
let nobodyOwned: string;
beforeAll(async () => {
  t = await tempCore({ autoBackup: false });
  t.core.ctx.db.tx(() => seedPuzhou2017(t.core.ctx.db, '2017-10-01T00:00:00.000Z'));
  const units = await t.ok('orgs:list', {});
  const gov = units.find((u) => u.name === '蒲州镇人民政府')!;
  await t.ok('orgs:save', {
    id: gov.id,
    name: gov.name,
    level: gov.level,
    kind: gov.kind,
    legalRep: '张建军',
  } as never);
  const city = await t.ok('orgs:save', { name: '永济市城市建设投资有限公司', kind: '实施单位', legalRep: '李建国' });
  const bare = await t.ok('orgs:save', { name: '蒲州镇文化站', kind: '镇站所' });
  const tops = (await t.ok('projects:list', {})).filter((p: { parentId: number | null }) => p.parentId === null);
  cityOwned = tops[0]!.name;
  nobodyOwned = tops[1]!.name;
  await t.ok('projects:update', { id: tops[0]!.id, patch: { ownerOrgId: city.id } } as never);
  await t.ok('projects:update', { id: tops[1]!.id, patch: { ownerOrgId: bare.id } } as never);
});
afterAll(() => t.cleanup());

/** T3's rows as read back: the header row naming 法人代表, and each project row's 单位名称 and 法人代表 by its name. */
async function t3Owners(): Promise<Map<string, { owner: unknown; legal: unknown }>> {
  const file = await t.ok('excel:export', { template: 'T3', period: '2017-09' });
  const rows = XLSX.utils.sheet_to_json<unknown[]>(
    XLSX.read(Buffer.from(file.base64, 'base64')).Sheets['重大项目表']!,
    { header: 1, defval: null },
  );
  const groupRow = rows.findIndex((r) => r.includes('项目业主'));
  const head = rows[groupRow + 1]!;
  const legalCol = head.indexOf('法人代表');
  const ownerCol = head.indexOf('单位名称');
  expect(rows[groupRow]![legalCol] ?? rows[groupRow]![ownerCol], '法人代表 under 项目业主').toBe('项目业主');
  return new Map(
    rows
      .slice(groupRow + 2)
      .filter((r) => typeof r[2] === 'string' && !/合计/.test(r[2] as string))
      .map((r) => [r[2] as string, { owner: r[ownerCol], legal: r[legalCol] }]),
  );
}

it('T3 fills 项目业主/法人代表 from the owner unit’s 法人代表; blank where the unit names nobody', async () => {
  const owners = await t3Owners();
  expect(owners.size).toBeGreaterThan(20);
  expect(owners.get(cityOwned)).toEqual({ owner: '永济市城市建设投资有限公司', legal: '李建国' });
  expect(owners.get(nobodyOwned)).toEqual({ owner: '蒲州镇文化站', legal: null });
  const gov = [...owners.values()].filter((o) => o.owner === '蒲州镇人民政府');
  expect(gov.length).toBeGreaterThan(20);
  expect(gov.every((o) => o.legal === '张建军')).toBe(true);
});

/**
 * The ledger's T3 with the 法人代表 cells of the rows named changed (the county's file, a clerk's correction), and the
 * 单位名称 cells of `owners` (null: emptied).
 */
async function t3With(cells: Record<string, string>, owners: Record<string, null> = {}): Promise<string> {
  const file = await t.ok('excel:export', { template: 'T3', period: '2017-09' });
  const wb = XLSX.read(Buffer.from(file.base64, 'base64'), { cellStyles: true });
  const ws = wb.Sheets['重大项目表']!;
  const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: null });
  const groupRow = rows.findIndex((r) => r.includes('项目业主'));
  const legalCol = rows[groupRow + 1]!.indexOf('法人代表');
  for (const [name, text] of Object.entries(cells)) {
    const r = rows.findIndex((row) => row[2] === name);
    expect(r, name).toBeGreaterThan(groupRow);
    ws[XLSX.utils.encode_cell({ r, c: legalCol })] = { t: 's', v: text };
  }
  for (const name of Object.keys(owners))
    delete ws[XLSX.utils.encode_cell({ r: rows.findIndex((row) => row[2] === name), c: legalCol - 1 })];
  return (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
}

const unitReps = (db: TempCore['core']['ctx']['db']) =>
  db.sqlite.prepare(`SELECT name, legal_rep FROM org_unit WHERE legal_rep IS NOT NULL ORDER BY name`).all();
const dumpOf = (db: TempCore['core']['ctx']['db']) =>
  Object.fromEntries(
    ['project', 'project_org', 'funding_plan', 'year_plan', 'org_unit', 'staff'].map((table) => [
      table,
      db.sqlite.prepare(`SELECT * FROM ${table}`).all(),
    ]),
  );

it('T3’s 项目业主/法人代表 is read on import (not 表头未识别) and names the 法人代表 of the units a new ledger gets', async () => {
  const file = await t.ok('excel:export', { template: 'T3', period: '2017-09' });
  const fresh = await tempCore({ autoBackup: false });
  try {
    const preview = await fresh.ok('excel:importPreview', { fileName: 'T3.xlsx', base64: file.base64 });
    expect(preview.columns.find((c) => /法人代表$/.test(c.header))).toMatchObject({
      header: '项目业主/法人代表',
      field: 'ownerLegalRep',
      fieldLabel: '法人代表',
      note: null,
    });
    expect(preview.notices.join('\n')).toContain(
      '导入时填入以下 2 个单位的法人代表（组织机构中已填的单位不改）：蒲州镇人民政府（张建军）、永济市城市建设投资有限公司（李建国）。',
    );
    await fresh.ok('excel:importApply', { fileName: 'T3.xlsx', base64: file.base64 });
    expect(unitReps(fresh.core.ctx.db)).toEqual([
      { name: '永济市城市建设投资有限公司', legal_rep: '李建国' },
      { name: '蒲州镇人民政府', legal_rep: '张建军' },
    ]);
    const log = fresh.core.ctx.db.sqlite
      .prepare(`SELECT action, field, new_value FROM change_log WHERE entity = 'org_unit' AND field = 'legalRep'`)
      .all();
    expect(log).toHaveLength(2);
    expect((await fresh.ok('audit:verify', {})).ok).toBe(true);
  } finally {
    fresh.cleanup();
  }
});

it('a unit in the ledger without a 法人代表 gets the sheet’s; one with another keeps its own, the row says so, nothing moves', async () => {
  // the sample's own ledger, its units naming nobody: the county's T3 names them
  const bare = await tempCore({ autoBackup: false });
  try {
    bare.core.ctx.db.tx(() => seedPuzhou2017(bare.core.ctx.db, '2017-10-01T00:00:00.000Z'));
    // a later row naming another for the same unit, and one naming someone for no unit, are told and not read
    const govRows = [...(await t3Owners()).entries()].filter(([, o]) => o.owner === '蒲州镇人民政府').map(([n]) => n);
    const file = await t3With({ [govRows[1]!]: '王五', [govRows[2]!]: '赵六' }, { [govRows[2]!]: null });
    const r = await bare.ok('excel:importApply', { fileName: 'T3.xlsx', base64: file, duplicates: 'update' });
    expect(r.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(r.problems.filter((p) => p.header === '项目业主/法人代表').map((p) => p.message)).toEqual([
      '实施主体“蒲州镇人民政府”的法人代表在本文件前面的行中为“张建军”，本行的“王五”未读入',
      '法人代表“赵六”未读入：本行没有填实施主体',
    ]);
    expect(unitReps(bare.core.ctx.db)).toEqual([
      { name: '永济市城市建设投资有限公司', legal_rep: '李建国' },
      { name: '蒲州镇人民政府', legal_rep: '张建军' },
    ]);
  } finally {
    bare.cleanup();
  }

  // this ledger names 张建军 for 蒲州镇人民政府: a row saying 王五 is told, and nothing is written for it
  const [govRow] = [...(await t3Owners()).entries()].filter(([, o]) => o.owner === '蒲州镇人民政府');
  const file = await t3With({ [govRow![0]]: '王五', [nobodyOwned]: '13800000000' });
  const before = dumpOf(t.core.ctx.db);
  const preview = await t.ok('excel:importPreview', { fileName: 'T3.xlsx', base64: file, duplicates: 'update' });
  const said = preview.problems.filter((p) => p.header === '项目业主/法人代表');
  expect(said.map((p) => [p.level, p.message])).toEqual([
    [
      'warning',
      '实施主体“蒲州镇人民政府”在组织机构中的法人代表为“张建军”，本行的“王五”未读入，保留“张建军”；如需更改，请在“组织机构 · 单位”中修改',
    ],
    ['warning', '法人代表“13800000000”应为姓名，不能含数字，未读入'],
  ]);
  expect(preview.counts.unchanged).toBe(preview.counts.update);
  const r = await t.ok('excel:importApply', { fileName: 'T3.xlsx', base64: file, duplicates: 'update' });
  expect(r.unchanged).toBe(r.updated);
  expect(dumpOf(t.core.ctx.db)).toEqual(before);
});

it('a county template’s 法人代表 column is filled as T3 fills it', async () => {
  const ws = XLSX.utils.aoa_to_sheet([
    ['XX县重点项目业主表'],
    ['序号', '项目名称', '项目业主', '', ''],
    ['', '', '单位名称', '法定代表人', '联系人'],
    ['', '', '', '', ''],
  ]);
  ws['!merges'] = [
    ...[0, 1].map((c) => ({ s: { r: 1, c }, e: { r: 2, c } })),
    { s: { r: 1, c: 2 }, e: { r: 1, c: 4 } },
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '业主');
  const templateBase64 = (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
  const out = await t.ok('excel:templateFill', { fileName: '业主表.xlsx', templateBase64, period: '2017-09' });
  expect(out.blankColumns, JSON.stringify(out.blankColumns)).toEqual([]);
  const rows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(Buffer.from(out.base64, 'base64')).Sheets['业主']!, {
    header: 1,
    defval: null,
  });
  const filled = new Map(
    rows
      .slice(3)
      .filter((r) => typeof r[1] === 'string' && !/合计/.test(r[1] as string))
      .map((r) => [r[1] as string, { owner: r[2], legal: r[3] }]),
  );
  const t3 = await t3Owners();
  let compared = 0;
  for (const [name, o] of filled) {
    if (!t3.has(name)) continue;
    compared++;
    expect(o, name).toEqual(t3.get(name));
  }
  expect(compared).toBeGreaterThan(20);
  expect(filled.get(cityOwned)).toEqual({ owner: '永济市城市建设投资有限公司', legal: '李建国' });
});
