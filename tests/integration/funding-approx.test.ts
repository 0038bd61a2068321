// A 资金构成 amount an office writes as approximate (资金来源 “460余”, “约40”) keeps its mark, as 总投资 does: stored
// as the number written plus the flag (0017_funding_approx), shown 460.00余 on the project page's list, in the 一项目一档
// and in T2/T3/T4 (the number with the format 0.00"余"); every sum (小计, 合计, 资金构成合计) is the exact sum of the
// numbers. The import lost the mark (the ledger showed 460.00 as if exact), and so did the project page's own list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { stopParseWorker } from '../../electron/core/excel/import/read.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeAll(async () => {
  t = await tempCore({ autoBackup: false });
  await t.ok('app:onboard', { mode: 'empty' });
});
afterAll(async () => {
  t.cleanup();
  await stopParseWorker();
});

const CSV = [
  '蒲州镇2017年小城镇建设项目清单',
  '序号,项目名称,建设地点,总投资（万元）,资金来源/上级补助,资金来源/镇级自筹',
  '1,商业街改造,镇区,2700,460余,约40',
  '2,文化广场,镇区,300,200,100',
].join('\r\n');
const FILE = { fileName: '项目清单.csv', base64: Buffer.from(CSV, 'utf8').toString('base64'), year: 2017 };
const db = () => t.core.ctx.db.sqlite;
const idOf = (name: string) => db().prepare('SELECT id FROM project WHERE name = ?').pluck().get(name) as number;
const plan = () =>
  db()
    .prepare(
      'SELECT p.name, f.source, f.amount_fen AS fen, f.approx FROM funding_plan f JOIN project p ON p.id = f.project_id ORDER BY f.id',
    )
    .all();

describe('an approximate 资金构成 amount', () => {
  it('is imported as the number written, marked; the exact ones are not', async () => {
    await t.ok('excel:importApply', FILE);
    expect(plan()).toEqual([
      { name: '商业街改造', source: '省级资金', fen: 460_000_000, approx: 1 },
      { name: '商业街改造', source: '镇政府自筹', fen: 40_000_000, approx: 1 },
      { name: '文化广场', source: '省级资金', fen: 200_000_000, approx: 0 },
      { name: '文化广场', source: '镇政府自筹', fen: 100_000_000, approx: 0 },
    ]);
    // sums are the exact sums of the numbers
    const list = await t.ok('funding:list', { projectId: idOf('商业街改造') });
    expect(list.rows.map((r) => [r.source, r.amountFen, r.approx])).toEqual([
      ['省级资金', 460_000_000, true],
      ['镇政府自筹', 40_000_000, true],
    ]);
    expect(list.sumFen).toBe(500_000_000);
    expect(list.unfundedFen).toBe(2_200_000_000);
  });

  it('the same file again, updating, changes nothing', async () => {
    const before = plan();
    const r = await t.ok('excel:importApply', { ...FILE, duplicates: 'update' });
    expect(r).toMatchObject({ updated: 2, unchanged: 2 });
    expect(plan()).toEqual(before);
  });

  it('the project page’s list keeps what is typed: 460.00余 stays approximate, 460 makes it exact', async () => {
    const projectId = idOf('商业街改造');
    const saved = await t.ok('funding:save', {
      projectId,
      funding: [
        { source: '省级资金', amountWan: '460.00余' },
        { source: '镇政府自筹', amountWan: '40' },
      ],
    });
    expect(saved.rows.map((r) => [r.amountFen, r.approx])).toEqual([
      [460_000_000, true],
      [40_000_000, false],
    ]);
    const log = db()
      .prepare("SELECT new_value FROM change_log WHERE entity = 'funding_plan' ORDER BY id DESC LIMIT 1")
      .pluck()
      .get();
    expect(log).toBe('省级资金 460.00余万元；镇政府自筹 40.00万元');
  });

  it('prints 460.00余 in the 一项目一档; its 合计 is the exact sum', async () => {
    const html = (await t.ok('reports:render', { doc: 'card', period: '2017-09', projectId: idOf('商业街改造') })).html;
    const row = (label: string) => new RegExp(`<td[^>]*>${label}</td><td class="num">([^<]*)</td>`).exec(html)?.[1];
    expect(row('省级资金')).toBe('460.00余');
    expect(row('镇政府自筹')).toBe('40.00');
    expect(row('合计')).toBe('500.00');
  });

  it('T2, T3 and T4 write the number with 0.00"余" in exactly the cells holding it; 合计 and 小计 stay plain', async () => {
    const marked = async (template: 'T2' | 'T3' | 'T4') => {
      const out = await t.ok('excel:export', { template, period: '2017-09' });
      const wb = XLSX.read(Buffer.from(out.base64, 'base64'), { type: 'buffer', cellNF: true });
      const ws = wb.Sheets[wb.SheetNames[0]!]!;
      const found: [string, number][] = [];
      for (const [ref, cell] of Object.entries(ws)) {
        const c = cell as XLSX.CellObject;
        if (!ref.startsWith('!') && c.z === '0.00"余"') found.push([ref, c.v as number]);
      }
      return found.map(([ref, v]) => {
        // the column's header (the last header row with text above it) names what was marked
        const col = ref.replace(/\d+$/, '');
        const headers = [3, 4, 5, 6].map((r) => ws[`${col}${r}`]?.v).filter((x) => typeof x === 'string');
        return [headers[headers.length - 1], v];
      });
    };
    expect(await marked('T2')).toEqual([['上级补助', 460]]);
    expect(await marked('T3')).toEqual([['省级资金', 460]]);
    expect(await marked('T4')).toEqual([['上级补助', 460]]);
  });

  it('the 资金 page marks the source group that holds it; the row’s 计划资金 (a sum) and the others stay plain', async () => {
    const s = await t.ok('funds:summary', { asOf: null });
    const rows = Object.fromEntries(s.projects.map((p) => [p.name, p.approxPlanGroups ?? []]));
    expect(rows).toEqual({ 商业街改造: ['上级补助'], 文化广场: [] });
  });

  it('T2 exported and imported into another ledger: the mark comes back', async () => {
    const out = await t.ok('excel:export', { template: 'T2', period: '2017-09' });
    const other = await tempCore({ autoBackup: false });
    try {
      await other.ok('app:onboard', { mode: 'empty' });
      await other.ok('excel:importApply', { fileName: out.fileName, base64: out.base64 });
      const rows = other.core.ctx.db.sqlite
        .prepare('SELECT amount_fen AS fen, approx FROM funding_plan WHERE approx = 1')
        .all();
      expect(rows).toEqual([{ fen: 460_000_000, approx: 1 }]);
    } finally {
      other.cleanup();
    }
  });
});
