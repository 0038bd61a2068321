// T3 重大项目表 writes 资金构成 as 中央/省级/市级/区县资金, 银行贷款, 企业自筹 and 其他来源 — every other source (镇政府自筹,
// 社会资本, 债券, 农户自筹 …) summed (funds.ts t3OtherFen). The import left 其他来源 unread: the 蒲州镇 sample's T3
// imported into a new ledger (the county's copy) kept 3,290万 of its 30,190万 资金构成. Now the column is read (under
// the source 其他 for a new project) and, into the ledger it came from with 更新, speaks for the sources it sums: nothing
// moves.
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { seedPuzhou2017 } from '../../../electron/core/seed/puzhou-2017.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;
beforeAll(async () => {
  t = await tempCore({ autoBackup: false });
  t.core.ctx.db.tx(() => seedPuzhou2017(t.core.ctx.db, '2017-10-01T00:00:00.000Z'));
});
afterAll(() => t.cleanup());

/** Each project's 资金构成 total, by name. */
const planTotals = (db: TempCore['core']['ctx']['db']) =>
  db.sqlite
    .prepare(
      `SELECT p.name, sum(f.amount_fen) AS fen FROM funding_plan f JOIN project p ON p.id = f.project_id
       WHERE p.deleted_at IS NULL GROUP BY p.name ORDER BY p.name`,
    )
    .all();

it('T3 into a new ledger keeps every project’s 资金构成 total; into its own ledger with 更新 it moves nothing', async () => {
  const file = await t.ok('excel:export', { template: 'T3', period: '2017-09' });
  const fresh = await tempCore({ autoBackup: false });
  try {
    const preview = await fresh.ok('excel:importPreview', { fileName: 'T3.xlsx', base64: file.base64 });
    expect(preview.columns.find((c) => c.header.includes('其他来源'))?.field).toBe('fund:其他');
    await fresh.ok('excel:importApply', { fileName: 'T3.xlsx', base64: file.base64 });
    expect(planTotals(fresh.core.ctx.db)).toEqual(planTotals(t.core.ctx.db));
  } finally {
    fresh.cleanup();
  }
  const again = await t.ok('excel:importPreview', { fileName: 'T3.xlsx', base64: file.base64, duplicates: 'update' });
  expect(again.counts.update).toBeGreaterThan(20);
  expect(again.counts.unchanged).toBe(again.counts.update);
});

it('a county template’s 其他来源 column is filled as T3 fills it', async () => {
  const ws = XLSX.utils.aoa_to_sheet([
    ['XX县重点项目资金表'],
    ['序号', '项目名称', '总投资（万元）', '其他来源（万元）'],
    ['', '', '', ''],
  ]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '资金');
  const templateBase64 = (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
  const out = await t.ok('excel:templateFill', { fileName: '资金表.xlsx', templateBase64, period: '2017-09' });
  expect(out.blankColumns).toEqual([]);
  const rows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(Buffer.from(out.base64, 'base64')).Sheets['资金']!, {
    header: 1,
    defval: null,
  });
  const t3 = XLSX.utils.sheet_to_json<unknown[]>(
    XLSX.read(Buffer.from((await t.ok('excel:export', { template: 'T3', period: '2017-09' })).base64, 'base64')).Sheets[
      '重大项目表'
    ]!,
    { header: 1, defval: null },
  );
  const other = (table: unknown[][], nameCol: number, col: number) =>
    new Map(
      table
        .filter((r) => typeof r[nameCol] === 'string' && typeof r[col] === 'number')
        .map((r) => [r[nameCol] as string, r[col]]),
    );
  const filled = other(rows, 1, 3);
  const written = other(t3, 2, 14);
  expect(filled.get('垃圾中转站')).toBe(60);
  expect(filled.size).toBeGreaterThan(20);
  for (const [name, v] of filled) if (written.has(name)) expect(v, name).toBe(written.get(name));
});

it('T3’s 未落实 is named as computed on import, and a county template’s 未落实 column is filled as T3 fills it', async () => {
  // the sample's projects are funded in full: one is given 200万 more 总投资 than its 资金构成 covers
  const scenic = (await t.ok('projects:list', {})).find((p: { name: string }) => p.name === '蒲州镇旅游景区提升工程')!;
  await t.ok('projects:update', { id: scenic.id, patch: { totalWan: '9000' } } as never);
  const t3File = await t.ok('excel:export', { template: 'T3', period: '2017-09' });
  const preview = await t.ok('excel:importPreview', { fileName: 'T3.xlsx', base64: t3File.base64 });
  const unfundedCol = preview.columns.find((c) => /未落实$/.test(c.header) && !/土地/.test(c.header))!;
  expect(unfundedCol.field).toBeNull();
  expect(unfundedCol.note).toBe('未落实资金：由总投资减资金构成计算，导入台账时不读入');

  // in 亿元 on purpose: the column's unit is the county's
  const ws = XLSX.utils.aoa_to_sheet([
    ['XX县重点项目资金表'],
    ['序号', '项目名称', '总投资（万元）', '资金构成（万元）', '', '用地（亩）'],
    ['', '', '', '县级资金', '未落实（亿元）', '未落实'],
    ['', '', '', '', '', ''],
  ]);
  ws['!merges'] = [
    ...[0, 1, 2].map((c) => ({ s: { r: 1, c }, e: { r: 2, c } })),
    { s: { r: 1, c: 3 }, e: { r: 1, c: 4 } },
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '资金');
  const templateBase64 = (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
  const out = await t.ok('excel:templateFill', { fileName: '资金表.xlsx', templateBase64, period: '2017-09' });
  expect(out.blankColumns, JSON.stringify(out.blankColumns)).toEqual([]);
  const rows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(Buffer.from(out.base64, 'base64')).Sheets['资金']!, {
    header: 1,
    defval: null,
  });
  const t3 = XLSX.utils.sheet_to_json<unknown[]>(
    XLSX.read(Buffer.from(t3File.base64, 'base64')).Sheets['重大项目表']!,
    {
      header: 1,
      defval: null,
    },
  );
  const t3Header = t3.findIndex((r) => r.includes('未落实'));
  const t3Col = t3[t3Header]!.indexOf('未落实');
  const byName = (table: unknown[][], nameCol: number, col: number) =>
    new Map(
      table
        .filter(
          (r) => typeof r[nameCol] === 'string' && typeof r[col] === 'number' && !/合计/.test(r[nameCol] as string),
        )
        .map((r) => [r[nameCol] as string, r[col] as number]),
    );
  const filled = byName(rows, 1, 4);
  const written = byName(t3, 2, t3Col);
  expect(filled.size).toBeGreaterThan(10);
  let compared = 0;
  for (const [name, yi] of filled) {
    if (!written.has(name)) continue;
    compared++;
    // 亿元 in the template, 万元 in T3: the same 分
    expect(Math.round(yi * 10_000 * 100), name).toBe(Math.round(written.get(name)! * 100));
  }
  expect(compared).toBeGreaterThan(10);
  expect(filled.get('蒲州镇旅游景区提升工程')).toBe(0.02);
  // a land column's 未落实 is 亩 (需新增), never money
  expect(rows.slice(4).some((r) => typeof r[5] === 'number' && r[5] > 1000)).toBe(false);
});
