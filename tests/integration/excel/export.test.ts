// Every export read back with an independent reader (SheetJS): merges, number formats, numbers as numbers,
// dates as dates, cached totals equal to the ledger's Σ分, print setup and footer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import ExcelJS from 'exceljs';
import type { PeriodFigures } from '../../../shared/schemas/figures.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;
let f: PeriodFigures;
const PERIOD = '2017-09';

beforeAll(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
  f = await t.ok('figures:period', { period: PERIOD });
});
afterAll(() => t.cleanup());

async function exported(template: 'T1' | 'T2' | 'T3' | 'T4' | 'T5') {
  const out = await t.ok('excel:export', { template, period: PERIOD });
  const buf = Buffer.from(out.base64, 'base64');
  const wb = XLSX.read(buf, { type: 'buffer', cellNF: true, cellFormula: true, cellDates: false });
  const ws = wb.Sheets[wb.SheetNames[0]!]!;
  return { out, buf, wb, ws };
}

const fenOf = (v: unknown) => Math.round(Number(v) * 1e6);
const tops = () => f.projects.filter((p) => p.parentId === null);
const sumFen = (k: 'totalFen' | 'priorFen' | 'yearPlanFen' | 'monthFen' | 'ytdFen' | 'cumFen') =>
  tops().reduce((a, p) => a + p[k], 0);

function findRow(ws: XLSX.WorkSheet, col: string, pred: (v: unknown) => boolean): number {
  const range = XLSX.utils.decode_range(ws['!ref']!);
  for (let r = range.s.r; r <= range.e.r; r++) if (pred(ws[`${col}${r + 1}`]?.v)) return r + 1;
  return -1;
}

describe('T1 月报表', () => {
  it('has the title, info row, two merged header rows and a 合计 row with cached totals equal to Σ分', async () => {
    const { ws, wb, out } = await exported('T1');
    expect(out.fileName).toBe('蒲州镇重点项目建设进展情况月报表（2017年9月）.xlsx');
    expect(ws.A1.v).toBe('蒲州镇2017年重点项目建设进展情况表（1-9月）');
    // the town's 填报单位 setting, as the printed T1 writes it (the sheet wrote the short name beside it)
    expect(String(ws.A2.v)).toContain('填报单位（盖章）：永济市蒲州镇人民政府');
    const printed = await t.ok('reports:render', { doc: 'progress', period: '2017-09' });
    expect(printed.html).toContain('永济市蒲州镇人民政府');
    // the printed T1 and the sheet number and name each project's 责任单位 alike (an acceptance run found both apart)
    const cells = (tr: string) => [...tr.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
    const onPaper = [...printed.html.matchAll(/<tr class="(?:item|child)">([\s\S]*?)<\/tr>/g)].map((m) => {
      const c = cells(m[1]!);
      return [c[0], c[1], c[16]];
    });
    const range = XLSX.utils.decode_range(ws['!ref']!);
    const inSheet: unknown[][] = [];
    for (let r = 5; r <= range.e.r; r++) {
      const seq = ws[`A${r + 1}`]?.v;
      if (seq === undefined || !/^\d+(-\d+)?$/.test(String(seq))) continue;
      // (the sheet writes a sub-project as 其中：… , the county's way; the printout indents it)
      const name = String(ws[`B${r + 1}`]?.v ?? '').replace(/^其中：/, '');
      inSheet.push([String(seq), name, String(ws[`Q${r + 1}`]?.v ?? '')]);
    }
    expect(onPaper.length).toBeGreaterThan(20);
    expect(onPaper).toEqual(inSheet);
    const merges = (ws['!merges'] ?? []).map((m) => XLSX.utils.encode_range(m));
    // The title spans the columns of the first printed page (T1 prints several pages wide at ≥ 9 pt).
    expect(merges.some((m) => /^A1:[F-T]1$/.test(m))).toBe(true);
    expect(merges).toContain('A3:A4');
    expect(merges).toContain('I3:K3');
    expect(merges).toContain('N3:O3');
    expect(ws.I3.v).toBe('2017年完成投资');
    expect(ws.I4.v).toBe('本月');
    expect(ws.J4.v).toBe('1-9月累计');
    // 合计 first, under the header (row 5).
    expect(String(ws.A5.v)).toMatch(/^合计（\d+个）$/);
    expect(ws.F5.f).toMatch(/^SUM\(/);
    expect(fenOf(ws.F5.v)).toBe(sumFen('totalFen'));
    expect(fenOf(ws.G5.v)).toBe(sumFen('priorFen'));
    expect(fenOf(ws.H5.v)).toBe(sumFen('yearPlanFen'));
    expect(fenOf(ws.I5.v)).toBe(sumFen('monthFen'));
    expect(fenOf(ws.J5.v)).toBe(sumFen('ytdFen'));
    expect(fenOf(ws.L5.v)).toBe(sumFen('cumFen'));
    expect(ws.F5.z).toBe('0.00');
    // Sections: 一、… with subtotals.
    const sec = findRow(ws, 'A', (v) => typeof v === 'string' && /^一、.+（\d+个）$/.test(v));
    expect(sec).toBeGreaterThan(5);
    expect(ws[`F${sec}`].f).toMatch(/^SUM\(/);
    // Item rows: numbers are numbers with 0.00, dates are dates.
    const first = tops()[0]!;
    const r = findRow(ws, 'B', (v) => v === first.name);
    expect(ws[`F${r}`].t).toBe('n');
    expect(fenOf(ws[`F${r}`].v)).toBe(first.totalFen);
    expect(ws[`F${r}`].z).toBe('0.00');
    if (first.planStart) {
      expect(XLSX.SSF.is_date(ws[`N${r}`].z as string)).toBe(true);
      const d = XLSX.SSF.parse_date_code(ws[`N${r}`].v as number);
      expect(`${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`).toBe(first.planStart);
    }
    // Print titles and footer.
    const names = wb.Workbook?.Names ?? [];
    expect(names.some((n) => n.Name === '_xlnm.Print_Titles' && /\$3:\$4/.test(n.Ref))).toBe(true);
  });

  it('the 备注(预警) on paper and in the sheet are one text, naming a month not reported, a draft and a returned report', async () => {
    // October: three of September's reporters report (one left a draft, one returned), the rest owe theirs
    const [a, b, c] = f.projects.filter((p) => p.report && !p.isParent).map((p) => p.id) as [number, number, number];
    const rows = [a, b, c].map((projectId) => ({ projectId, monthWan: '1.5', imageText: '施工' }));
    await t.ok('reports:save', { period: '2017-10', rows });
    await t.ok('reports:submit', { period: '2017-10', projectIds: [b!, c!] });
    await t.signIn('审核人');
    await t.ok('reports:return', { period: '2017-10', projectIds: [c!], reason: '数字有误' });
    const oct = await t.ok('figures:period', { period: '2017-10' });
    const printed = (await t.ok('reports:render', { doc: 'progress', period: '2017-10' })).html;
    const out = await t.ok('excel:export', { template: 'T1', period: '2017-10' });
    const ws = XLSX.read(Buffer.from(out.base64, 'base64'), { type: 'buffer' }).Sheets['月报表']!;
    const unescape = (h: string) =>
      h
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    const onPaper = new Map(
      [...printed.matchAll(/<tr class="(?:item|child)">([\s\S]*?)<\/tr>/g)].map((m) => {
        const c = [...m[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((x) => unescape(x[1]!));
        return [c[1], c[19]] as const;
      }),
    );
    const range = XLSX.utils.decode_range(ws['!ref']!);
    const inSheet = new Map<string, string>();
    for (let r = 5; r <= range.e.r; r++) {
      if (!/^\d+(-\d+)?$/.test(String(ws[`A${r + 1}`]?.v ?? ''))) continue;
      inSheet.set(String(ws[`B${r + 1}`]?.v).replace(/^其中：/, ''), String(ws[`T${r + 1}`]?.v ?? ''));
    }
    expect(onPaper.size).toBeGreaterThan(20);
    expect(onPaper).toEqual(inSheet);
    const remark = (id: number) => inSheet.get(oct.projects.find((p) => p.id === id)!.name)!;
    expect(remark(a!)).toContain('本月月报未报送（按草稿计）');
    expect(remark(b!)).not.toMatch(/本月.*月报/);
    expect(remark(c!)).toContain('本月月报已退回（按原填数计）');
    // an owing project with nothing entered: its 0 is marked, and the note under the table counts them all
    const owing = oct.projects.filter((p) => !p.isParent && !p.report && p.planStart && p.planStart <= '2017-10-31');
    const missing = owing.filter((p) => !(p.actEnd && p.actEnd < '2017-10-01') && p.status !== '谋划');
    expect(missing.length).toBeGreaterThan(5);
    for (const p of missing) expect(inSheet.get(p.name), p.name).toMatch(/本月未报月报|本月尚未提交/);
    const owe = missing.length + 3;
    expect(printed).toContain(
      `注：本月应报月报${owe}个项目，已报送1个；未报${missing.length}个（本月完成投资按0计）；草稿1个、退回1个按所填数计入`,
    );
    // independently of the figures: the 本月 of the drafts and the returned report is in the 合计 (3 × 1.5 万元)
    expect(oct.projects.filter((p) => p.parentId === null).reduce((s, p) => s + p.monthFen, 0)).toBe(4_500_000);
  });

  it('sets A3 landscape at 90 % over several pages wide (too wide for one page at ≥ 9 pt), the page footer, fonts and widths that fit', async () => {
    const { buf } = await exported('T1');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const ws = wb.worksheets[0]!;
    expect(ws.pageSetup.orientation).toBe('landscape');
    // Was fit to one page wide, which printed T1's 20 columns at about 6 pt (issue 13).
    expect(ws.pageSetup).toMatchObject({
      paperSize: 8,
      fitToPage: false,
      scale: 90,
      printTitlesColumn: 'A:B',
      printTitlesRow: '3:4',
    });
    expect(ws.headerFooter.oddFooter).toContain('第&P页 共&N页');
    expect(ws.getCell('A1').font.name).toBe('黑体');
    expect(ws.getCell('A5').font.name).toBe('宋体');
    expect(ws.getCell('A5').font.bold).toBe(true);
    // A money column is at least as wide as its widest figure, so no ### when opened.
    const widest = Math.max(...f.projects.map((p) => (p.totalFen / 1e6).toFixed(2).length));
    expect(ws.getColumn('F').width!).toBeGreaterThanOrEqual(widest + 1);
  });
});

describe('T2 项目清单', () => {
  it('has the 资金来源 group and a bottom 合计 equal to Σ总投资 and Σ funding', async () => {
    const { ws } = await exported('T2');
    const merges = (ws['!merges'] ?? []).map((m) => XLSX.utils.encode_range(m));
    expect(merges.some((m) => /^J3:O3$/.test(m))).toBe(true);
    expect(ws.J3.v).toBe('资金来源');
    const total = findRow(ws, 'A', (v) => typeof v === 'string' && v.startsWith('合计'));
    expect(total).toBeGreaterThan(4);
    expect(fenOf(ws[`I${total}`].v)).toBe(sumFen('totalFen'));
    const rows = t.core.ctx.db.sqlite
      .prepare(
        `SELECT coalesce(sum(f.amount_fen),0) AS s FROM funding_plan f JOIN project p ON p.id = f.project_id WHERE p.parent_id IS NULL AND p.deleted_at IS NULL`,
      )
      .get() as { s: number };
    const fundTotal = ['J', 'K', 'L', 'M', 'N', 'O'].reduce((a, c) => a + fenOf(ws[`${c}${total}`].v), 0);
    expect(fundTotal).toBe(rows.s);
  });
});

describe('T3 重大项目表', () => {
  it('has 资金构成 and 项目业主 groups, 四个一批 sections each with a 合计 row, and a 总合计', async () => {
    const { ws } = await exported('T3');
    const headers = Object.keys(ws)
      .filter((k) => /^[A-Z]+3$/.test(k))
      .map((k) => ws[k].v);
    expect(headers).toContain('资金构成');
    expect(headers).toContain('项目业主');
    const sec = findRow(
      ws,
      'A',
      (v) =>
        typeof v === 'string' &&
        /^一、.+（项目共计：\d+个；总投资：[\d.]+万元；2017年计划投资：[\d.]+万元。）$/.test(v),
    );
    expect(sec).toBeGreaterThan(4);
    const grand = findRow(ws, 'A', (v) => typeof v === 'string' && v.startsWith('总合计'));
    expect(fenOf(ws[`H${grand}`].v)).toBe(sumFen('totalFen'));
    const sectionTotals = findRow(ws, 'C', (v) => v === '合计');
    expect(sectionTotals).toBeGreaterThan(sec);
  });
});

describe('T4 资金到位及拨付情况表 and T5 责任清单推进表', () => {
  it('T4 totals match the ledger and ratios are formulas', async () => {
    const { ws } = await exported('T4');
    expect(ws.D3.v).toBe('计划资金');
    const total = findRow(ws, 'A', (v) => typeof v === 'string' && v.startsWith('合计'));
    expect(fenOf(ws[`C${total}`].v)).toBe(sumFen('totalFen'));
    expect(ws[`N${total}`].f).toMatch(/^IF\(/);
    // its 备注 is what the 资金 page warns of beside each project (配套不足 and the like), word for word
    const range = XLSX.utils.decode_range(ws['!ref']!);
    let noteCol = '';
    for (let c = 0; c <= range.e.c; c++)
      for (const r of [3, 4])
        if (ws[XLSX.utils.encode_cell({ r: r - 1, c })]?.v === '备注') noteCol = XLSX.utils.encode_col(c);
    expect(noteCol).not.toBe('');
    const page = await t.ok('funds:summary', { asOf: f.asOf });
    const warned = page.projects.filter((p) => p.parentId === null && p.warnings.length > 0);
    expect(warned.length).toBeGreaterThan(0);
    for (const p of warned) {
      const row = findRow(ws, 'B', (v) => v === p.name);
      expect(ws[`${noteCol}${row}`]?.v, p.name).toBe(p.warnings.join('；'));
    }
  });
  it('T5 exports the frame even with no tasks', async () => {
    const { ws } = await exported('T5');
    expect(ws.B3.v).toBe('重点工作');
    expect(String(ws.A1.v)).toContain('责任清单推进表');
  });
  it('T5 reports one 责任清单 (the first unless chosen), its categories as titles with no 合计 rows among the tasks', async () => {
    const sui = await t.ok('tasks:loadTemplate', { template: 'suixian' });
    const jl = await t.ok('tasks:loadTemplate', { template: 'jilin' });
    const campaigns = await t.ok('campaigns:list', {});
    const sheetOf = async (campaignId?: number) => {
      const out = await t.ok('excel:export', { template: 'T5', period: '2017-09', campaignId });
      return XLSX.read(Buffer.from(out.base64, 'base64')).Sheets['责任清单']!;
    };
    for (const [ws, id] of [
      [await sheetOf(), campaigns[0]!.id],
      [await sheetOf(jl.campaignId), jl.campaignId],
    ] as const) {
      const c = campaigns.find((x) => x.id === id)!;
      expect(String(ws.A1.v)).toBe(`蒲州镇责任清单推进表（${c.name}）`);
      const tasks = await t.ok('tasks:list', { campaignId: id });
      const range = XLSX.utils.decode_range(ws['!ref']!);
      const titles: string[] = [];
      const labels: string[] = [];
      for (let r = 4; r <= range.e.r; r++) {
        const b = String(ws[`B${r + 1}`]?.v ?? '');
        const a = String(ws[`A${r + 1}`]?.v ?? '');
        if (tasks.some((x) => x.title === b)) titles.push(b);
        else if (a || b) labels.push(`${a}|${b}`);
      }
      expect(titles.sort()).toEqual(tasks.map((x) => x.title).sort());
      expect(labels.filter((l) => l.includes('合计'))).toHaveLength(1); // the one at the foot
    }
    expect(sui.campaignId).toBe(campaigns[0]!.id);
    expect((await t.call('excel:export', { template: 'T5', period: '2017-09', campaignId: 9999 })).ok).toBe(false);
  });
});
