// Importing the county's 项目清单 (T2) into a ledger that already has its projects: T2's 资金来源 columns fold the
// ledger's sources (上级补助 = 中央 + 省级 + 市级, 社会资本 = 企业自筹 + 银行贷款 …). The ledger's own T2 imported
// back must leave every project's funding plan as it was — source, amount and note — and mark no project written;
// a column changed in the sheet replaces only the sources it folds, for that project only. The previous import
// booked every column under one source and rewrote every plan: 市级资金 became 省级资金, 企业自筹 became 社会资本.
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { journalSeq, writtenAfter } from '../../../electron/core/repositories/figure-store.repository.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;
const ids: number[] = [];
const plans = () =>
  t.core.ctx.db.sqlite
    .prepare('SELECT project_id, source, amount_fen, note FROM funding_plan ORDER BY project_id, id')
    .all();

const FUNDING: { source: string; amountWan: string; note?: string }[][] = [
  [
    { source: '中央资金', amountWan: '300', note: '中央预算内投资' },
    { source: '市级资金', amountWan: '200' },
    { source: '镇政府自筹', amountWan: '150' },
  ],
  [
    { source: '县级资金', amountWan: '80.5' },
    { source: '企业自筹', amountWan: '60' },
    { source: '银行贷款', amountWan: '40' },
  ],
  [
    { source: '专项债券', amountWan: '500' },
    { source: '农户自筹', amountWan: '12.34' },
  ],
];

async function t2(): Promise<XLSX.WorkBook> {
  const out = await t.ok('excel:export', { template: 'T2', period: '2017-09' });
  return XLSX.read(Buffer.from(out.base64, 'base64'), { type: 'buffer' });
}
const base64Of = (wb: XLSX.WorkBook) =>
  (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');

beforeAll(async () => {
  t = await tempCore({ autoBackup: false });
  for (const [i, funding] of FUNDING.entries()) {
    const p = await t.ok('projects:create', {
      name: `资金来源测试工程${i + 1}号`,
      planYear: 2017,
      location: '镇区',
      scope: '道路硬化',
      totalWan: '1000',
    });
    ids.push(p.id);
    await t.ok('funding:save', { projectId: p.id, funding });
  }
});
afterAll(() => t.cleanup());

it('the ledger’s own T2 imported back leaves every plan as it was and marks no project written', async () => {
  const before = plans();
  const seq = journalSeq(t.core.ctx.db);
  const r = await t.ok('excel:importApply', {
    fileName: '项目清单.xlsx',
    base64: base64Of(await t2()),
    duplicates: 'update',
  });
  expect(r.updated).toBe(FUNDING.length);
  // …and says so: the clerk is not told that all of them were rewritten.
  expect(r.unchanged).toBe(FUNDING.length);
  expect(r.rows.filter((x) => x.unchanged).map((x) => x.row)).toEqual(
    r.rows.filter((x) => x.action === 'update').map((x) => x.row),
  );
  const logged = t.core.ctx.db.sqlite
    .prepare(`SELECT reason FROM change_log WHERE entity = 'import' ORDER BY id DESC LIMIT 1`)
    .pluck()
    .get();
  expect(logged).toBe('项目清单.xlsx（项目清单）：新增 0，更新 3（其中 3 个与台账相同，未改动），跳过 0');
  expect(plans()).toEqual(before);
  expect(writtenAfter(t.core.ctx.db, seq)).toEqual([]);
});

it('a 资金来源 cell changed in the sheet replaces only what its column folds, for that project only', async () => {
  const wb = await t2();
  const ws = wb.Sheets[wb.SheetNames[0]!]!;
  const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
  const header = rows.findIndex((r) => r.includes('上级补助'));
  const col = rows[header]!.indexOf('上级补助');
  const first = rows.findIndex((r) => r.some((c) => c === '资金来源测试工程1号'));
  expect(rows[first]![col]).toBe(500); // 中央 300 + 市级 200, folded by the export
  ws[XLSX.utils.encode_cell({ r: first, c: col })] = { t: 'n', v: 520 };
  const before = plans() as { project_id: number }[];
  const preview = await t.ok('excel:importPreview', {
    fileName: '项目清单.xlsx',
    base64: base64Of(wb),
    duplicates: 'update',
  });
  expect(preview.rows.filter((x) => !x.unchanged).map((x) => x.row)).toEqual([first + 1]);
  const r = await t.ok('excel:importApply', { fileName: '项目清单.xlsx', base64: base64Of(wb), duplicates: 'update' });
  expect(r.unchanged).toBe(FUNDING.length - 1);
  expect(r.rows.filter((x) => x.unchanged).map((x) => x.row)).not.toContain(first + 1);
  const after = plans() as { project_id: number }[];
  expect(after.filter((p) => p.project_id !== ids[0])).toEqual(before.filter((p) => p.project_id !== ids[0]));
  expect(after.filter((p) => p.project_id === ids[0])).toEqual([
    { project_id: ids[0], source: '镇政府自筹', amount_fen: 150_000_000, note: null },
    { project_id: ids[0], source: '省级资金', amount_fen: 520_000_000, note: '导入：上级补助' },
  ]);
});
