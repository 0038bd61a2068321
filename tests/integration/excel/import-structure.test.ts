// What the real-layout sheets leave in the ledger beyond the counts (import-real-layouts.test.ts checks those):
// sections kept as the projects' category fields, sub-projects under their parent, annual plans under the file's
// year, foreign-currency amounts kept in 备注 and out of every 万元 figure, absent fields stored empty without a
// row error; and the preview's year, unit and their sources, the clock used only when nothing else says.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';
import { deleteSetting, setSetting } from '../../../electron/core/repositories/setting.repository.ts';
import { TOWN_SETTING_KEYS } from '../../../shared/schemas/town-settings.ts';

const DIR = join(import.meta.dirname, '../../fixtures/real-layouts');
const fixture = (name: string) => ({ fileName: name, base64: readFileSync(join(DIR, name)).toString('base64') });

let t: TempCore;
beforeEach(async () => {
  t?.cleanup();
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'empty' });
});
afterAll(async () => {
  t?.cleanup();
  await stopParseWorker();
});

type Row = {
  id: number;
  parent_id: number | null;
  name: string;
  category: string | null;
  subcategory: string | null;
  nature: string | null;
  total_fen: number;
  location: string;
  scope: string;
  note: string | null;
};
const projects = () =>
  t.core.ctx.db.sqlite
    .prepare(
      'SELECT id, parent_id, name, category, subcategory, nature, total_fen, location, scope, note FROM project ORDER BY id',
    )
    .all() as Row[];
const plans = () =>
  t.core.ctx.db.sqlite
    .prepare('SELECT p.name, y.year, y.plan_fen FROM year_plan y JOIN project p ON p.id = y.project_id ORDER BY p.id')
    .all() as { name: string; year: number; plan_fen: number }[];

describe('sections and sub-projects', () => {
  it('龙岗: ordinal sections fill 子类 and 建设性质, indented rows with a blank 序号 become sub-projects, plans go to 2021', async () => {
    const p = await t.ok('excel:importPreview', fixture('2021年龙岗区重大项目计划表.xlsx'));
    expect(p.problems.filter((x) => x.level === 'error')).toEqual([]);
    expect(p.rows.filter((r) => r.parentRow !== null).map((r) => r.name)).toEqual([
      '平湖枢纽站前广场',
      '平湖枢纽配套道路',
    ]);
    expect(p.rows[0]!.section).toBe('产业 / 续建');
    expect(p.columns.find((c) => c.header.includes('本年完成'))?.note).toContain('不读入');
    await t.ok('excel:importApply', fixture('2021年龙岗区重大项目计划表.xlsx'));
    const list = projects();
    const parent = list.find((x) => x.name === '平湖枢纽片区综合开发工程')!;
    expect(list.filter((x) => x.parent_id === parent.id).map((x) => x.name)).toEqual([
      '平湖枢纽站前广场',
      '平湖枢纽配套道路',
    ]);
    expect(list.find((x) => x.name === '宝龙科技城新一代信息技术产业园')).toMatchObject({
      subcategory: '产业',
      nature: '续建',
      scope: '',
    });
    expect(list.find((x) => x.name === '龙岗河干流综合整治工程')).toMatchObject({ category: '基础设施' });
    expect(new Set(plans().map((x) => x.year))).toEqual(new Set([2021]));
    expect(plans().find((x) => x.name === '宝龙科技城新一代信息技术产业园')!.plan_fen).toBe(80_000_000_000);
  });

  it('2018: 一|工业 category rows and a parent with blank-序号 parts; 1.2亿 as text', async () => {
    await t.ok('excel:importApply', fixture('2018年市级重点项目汇总表.xlsx'));
    const list = projects();
    expect(list.find((x) => x.name === '华安经济开发区新材料产业园')).toMatchObject({
      subcategory: '工业',
      total_fen: 12_000_000_000,
    });
    expect(list.find((x) => x.name === '市第二医院门诊综合楼')).toMatchObject({ subcategory: '社会事业' });
    const parent = list.find((x) => x.name === '县城污水管网提升工程')!;
    expect(list.filter((x) => x.parent_id === parent.id)).toHaveLength(2);
    const s = await t.ok('stats:summary', {});
    expect(s).toMatchObject({ projects: 5, subProjects: 2, totalInvestmentFen: 51_050_000_000 });
  });
});

describe('sub-projects named alike', () => {
  it('1.1 土建工程 under two projects: both imported, each named after its project, the preview says so', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['2019年项目表'],
      ['序号', '项目名称', '总投资（万元）'],
      ['1', '镇区道路', 300],
      ['1.1', '土建工程', 200],
      ['1.2', '路灯', 100],
      ['2', '文化广场', 150],
      ['2.1', '土建工程', 150],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '清单');
    const base64 = (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
    const p = await t.ok('excel:importPreview', { fileName: 'x.xlsx', base64 });
    expect(p.problems.filter((x) => x.level === 'error')).toEqual([]);
    expect(p.problems.filter((x) => x.message.includes('出现多次')).map((x) => x.row)).toEqual([4, 7]);
    expect(p.counts).toMatchObject({ projects: 2, subProjects: 3, totalInvestmentFen: 450_000_000 });
    await t.ok('excel:importApply', { fileName: 'x.xlsx', base64 });
    expect(projects().map((x) => x.name)).toEqual([
      '镇区道路',
      '镇区道路·土建工程',
      '路灯',
      '文化广场',
      '文化广场·土建工程',
    ]);
    // Re-importing the same file finds every row again.
    expect((await t.ok('excel:importPreview', { fileName: 'x.xlsx', base64 })).counts).toMatchObject({
      create: 0,
      skip: 5,
    });
  });
});

describe('units, currencies and missing columns', () => {
  it('其中：利用外资（万美元） beside 总投资 is kept in 备注 as 利用外资 is, not dropped', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['2018年蒲州镇招商引资项目台账'],
      ['序号', '项目名称', '总投资（万元）', '其中：利用外资（万美元）'],
      [1, '中外合资果汁加工厂', 5000, 320],
      [2, '蒲州镇文旅综合体', 8000.75, null],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
    const base64 = (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
    const p = await t.ok('excel:importPreview', { fileName: '招商.xlsx', base64 });
    expect(p.columns.find((c) => c.letter === 'D')?.field).toBe('foreignTotal');
    expect(p.notices.join()).toContain('万美元');
    await t.ok('excel:importApply', { fileName: '招商.xlsx', base64 });
    const [juice, tour] = projects();
    expect(juice).toMatchObject({ total_fen: 5_000_000_000 });
    expect(juice!.note).toContain('320万美元');
    expect(tour).toMatchObject({ total_fen: 8_000_750_000, note: null });
  });

  it('资金来源 split into 中央/省级/市级/县级/自筹 under a merged heading: the bare 自筹 is the town’s own money', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['2018年蒲州镇重点项目建设进展情况表'],
      ['单位：万元'],
      ['序号', '项目名称', '总投资', '资金来源', null, null, null, null],
      [null, null, null, '中央', '省级', '市级', '县级', '自筹'],
      [1, '西厢村饮水安全工程', 170.5, null, null, null, 100, 70.5],
      [2, '韩阳村道路硬化', 860, 200, 200, null, null, 460],
    ]);
    ws['!merges'] = [
      { s: { r: 2, c: 0 }, e: { r: 3, c: 0 } },
      { s: { r: 2, c: 1 }, e: { r: 3, c: 1 } },
      { s: { r: 2, c: 2 }, e: { r: 3, c: 2 } },
      { s: { r: 2, c: 3 }, e: { r: 2, c: 7 } },
    ];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
    const base64 = (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
    const p = await t.ok('excel:importPreview', { fileName: '进展表.xlsx', base64 });
    expect(p.columns.find((c) => c.letter === 'H')).toMatchObject({ header: '资金来源/自筹', field: 'fund:镇级自筹' });
    await t.ok('excel:importApply', { fileName: '进展表.xlsx', base64 });
    const funding = t.core.ctx.db.sqlite
      .prepare(
        'SELECT p.name, f.source, f.amount_fen FROM funding_plan f JOIN project p ON p.id = f.project_id ORDER BY f.id',
      )
      .all();
    // Each plan adds up to its 总投资 (170.5 = 100 + 70.5; 860 = 200 + 200 + 460): no 自筹 left out as 未落实.
    expect(funding).toEqual([
      { name: '西厢村饮水安全工程', source: '县级资金', amount_fen: 100_000_000 },
      { name: '西厢村饮水安全工程', source: '镇政府自筹', amount_fen: 70_500_000 },
      { name: '韩阳村道路硬化', source: '中央资金', amount_fen: 200_000_000 },
      { name: '韩阳村道路硬化', source: '省级资金', amount_fen: 200_000_000 },
      { name: '韩阳村道路硬化', source: '镇政府自筹', amount_fen: 460_000_000 },
    ]);
  });

  it('a column whose header is not recognised is named in the preview, not dropped without a word', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['2020年民生项目表'],
      ['序号', '项目名称', '总投资（万元）', '监理单位'],
      [1, '东街村厕所改造', 123.45, '某监理公司'],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '清单');
    const base64 = (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
    const p = await t.ok('excel:importPreview', { fileName: '清单.xlsx', base64 });
    // The window lists the columns that carry a note (不读入的列); such a column had none and was left out silently.
    // (责任人, the example here before, is read now: import-people.test.ts.)
    expect(p.columns.filter((c) => c.note).map((c) => [c.letter, c.header, c.note])).toEqual([
      ['D', '监理单位', '表头未识别，导入时不读入'],
    ]);
  });

  it('招商引资: 万美元 amounts kept in 备注, never in 总投资 or the totals; the preview says so once', async () => {
    const p = await t.ok('excel:importPreview', fixture('2020年招商引资签约项目表.xlsx'));
    expect(p.unit).toBe('万元');
    expect(p.notices.join()).toContain('万美元');
    expect(p.missingFields).toEqual(['建设地点', '建设内容及规模']);
    expect(p.problems.filter((x) => x.level === 'error')).toEqual([]);
    // Missing columns are named once for the file, never per row.
    expect(p.problems.some((x) => /建设地点|建设内容/.test(x.message))).toBe(false);
    await t.ok('excel:importApply', fixture('2020年招商引资签约项目表.xlsx'));
    const sg = projects().find((x) => x.name === '新加坡某集团冷链物流基地')!;
    expect(sg.total_fen).toBe(0);
    expect(sg.note).toContain('5000万美元');
    expect(sg.location).toBe('');
    expect((await t.ok('stats:summary', {})).totalInvestmentFen).toBe(127_500_000_000);
  });

  it('漳州: 单位：亿元 on the unit line, the year from the title, every heading and 其中 row left out', async () => {
    const p = await t.ok('excel:importPreview', fixture('2019年漳州市重点项目进度表.xlsx'));
    // The title names the year; the month comes from the header group "2019年投资 › 1-6月".
    expect(p).toMatchObject({ unit: '亿元', year: 2019, month: 6, periodFromClock: false });
    expect(p.unitSource).toMatch(/第2行/);
    expect(p.periodSource).toMatch(/2019年/);
    expect(p.rows.map((r) => r.name).some((n) => /合计|总计|其中|注/.test(n))).toBe(false);
  });

  it('a sheet with only names: imports, lists the missing fields, and says the year is the clock’s', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['序号', '项目名称', '备注'],
      [1, '村道硬化', null],
      [2, '文化广场', '续建'],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '清单');
    const base64 = (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
    const p = await t.ok('excel:importPreview', { fileName: '清单.xlsx', base64 });
    expect(p.missingFields).toEqual(['建设地点', '建设内容及规模', '总投资']);
    expect(p.periodFromClock).toBe(true);
    expect(p.year).toBe(t.core.ctx.now().getFullYear());
    expect(p.notices.join()).toContain('本机日期');
    expect(p.problems.filter((x) => x.level === 'error')).toEqual([]);
    // A ledger kept for a year (设置 · 年度) takes that year rather than the clock's, and says so.
    setSetting(t.core.ctx.db, TOWN_SETTING_KEYS.fiscalYear, '2015');
    const kept = await t.ok('excel:importPreview', { fileName: '清单.xlsx', base64 });
    expect(kept).toMatchObject({ year: 2015, periodFromClock: true });
    expect(kept.notices.join()).toContain('年度暂按台账设置的年度记为 2015 年');
    deleteSetting(t.core.ctx.db, TOWN_SETTING_KEYS.fiscalYear);
    const r = await t.ok('excel:importApply', { fileName: '清单.xlsx', base64 });
    expect(r.created).toBe(2);
    expect(projects().map((x) => [x.name, x.total_fen, x.location])).toEqual([
      ['村道硬化', 0, ''],
      ['文化广场', 0, ''],
    ]);
  });

  it('石门镇: the one 合计 that disagrees is named with the file’s figure and the sum', async () => {
    const p = await t.ok('excel:importPreview', fixture('石门镇重点项目进展情况表（2019年1-6月）.xlsx'));
    const diffs = p.totalsChecked.filter((x) => x.fileFen !== x.sumFen);
    expect(diffs).toEqual([
      {
        sheet: '进展情况',
        row: 5,
        label: expect.stringContaining('合计'),
        fileFen: 5_680_000_000,
        sumFen: 5_630_000_000,
      },
    ]);
    expect(p).toMatchObject({ year: 2019, month: 6 });
    // The user can still import.
    expect((await t.ok('excel:importApply', fixture('石门镇重点项目进展情况表（2019年1-6月）.xlsx'))).created).toBe(7);
  });

  it('石门镇: 至上年底累计 is kept to the end of 2018 and counts in the figures (it was kept with no year and left out)', async () => {
    await t.ok('excel:importApply', fixture('石门镇重点项目进展情况表（2019年1-6月）.xlsx'));
    const years = t.core.ctx.db.sqlite
      .prepare('SELECT DISTINCT opening_cum_year FROM project WHERE opening_cum_fen <> 0')
      .pluck()
      .all();
    expect(years).toEqual([2018]);
    // 镇区主干道改造工程 900 is its parts' (东段 600 + 西段 300), counted once; 污水处理站 720.
    const set = await t.ok('figures:set', { period: '2019-06' });
    expect(set.investment).toMatchObject({ priorFen: 1_620_000_000, cumFen: 1_620_000_000 });
  });

  it('石门镇: the project row showing the sum of its parts (至上年底累计) writes nothing of its own; the ledger T1 imported again leaves it as it was', async () => {
    await t.ok('excel:importApply', fixture('石门镇重点项目进展情况表（2019年1-6月）.xlsx'));
    const own = (name: string) =>
      t.core.ctx.db.sqlite
        .prepare('SELECT opening_cum_fen AS fen, opening_cum_year AS year FROM project WHERE name = ?')
        .get(name);
    expect(own('镇区主干道改造工程')).toEqual({ fen: 0, year: null });
    expect(own('东段路面改造')).toEqual({ fen: 600_000_000, year: 2018 });
    // The ledger's own T1 imported back with 更新: its project row shows the parts' sum, which moves nothing (it
    // "updated" the project before, writing 900 into a field the figures never count).
    const t1 = await t.ok('excel:export', { template: 'T1', period: '2019-06' });
    const again = await t.ok('excel:importPreview', { fileName: 'T1.xlsx', base64: t1.base64, duplicates: 'update' });
    expect(again.problems.filter((x) => x.message.includes('子项目之和'))).toEqual([]);
    expect(again.rows.filter((r) => !r.unchanged).map((r) => r.name)).toEqual([]);
    expect(again.counts).toMatchObject({ update: 7, unchanged: 7 });
  });

  it('a sub-project whose 至上年底累计 is its 月报 before the year: the ledger’s T1 imported again with 更新 leaves it as it was', async () => {
    const later = await tempCore({ now: () => new Date('2019-07-10T09:00:00+08:00') });
    try {
      const ws = XLSX.utils.aoa_to_sheet([
        ['2019年重点项目进展情况表'],
        ['序号', '项目名称', '总投资（万元）', '计划开工时间'],
        [1, '滨河路改造', 900, '2018-10-01'],
        ['', '滨河路改造东段', 600, '2018-10-01'],
        ['', '滨河路改造西段', 300, '2018-10-01'],
      ]);
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
      const base64 = (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
      await later.ok('excel:importApply', { fileName: '进展.xlsx', base64 });
      const east = (await later.ok('projects:list', {})).find((p: { name: string }) => p.name === '滨河路改造东段')!;
      // its history before the year is in 月报 (no 期初累计 of its own): T1 shows 50 as its 至上年底累计
      await later.ok('reports:save', {
        period: '2018-11',
        rows: [{ projectId: east.id, monthWan: '50', imageText: '路基施工', imagePct: 10 }],
      });
      const t1 = await later.ok('excel:export', { template: 'T1', period: '2019-06' });
      const again = await later.ok('excel:importPreview', {
        fileName: 'T1.xlsx',
        base64: t1.base64,
        duplicates: 'update',
      });
      expect(again.rows.filter((r) => !r.unchanged).map((r) => r.name)).toEqual([]);
      expect(again.counts).toMatchObject({ update: 3, unchanged: 3 });
      // the figures count that 月报 once, as before
      const set = await later.ok('figures:set', { period: '2019-06' });
      expect(set.investment.priorFen).toBe(50_000_000);
    } finally {
      later.cleanup();
    }
  });

  it('a project 至上年底累计 other than the sum of its parts is kept as written and said to be left out of the figures', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['2019年重点项目进展情况表'],
      ['序号', '项目名称', '总投资（万元）', '至上年底累计完成投资（万元）'],
      [1, '滨河路改造', 900, 1000],
      ['', '滨河路改造东段', 600, 600],
      ['', '滨河路改造西段', 300, 300],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
    const base64 = (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
    const p = await t.ok('excel:importPreview', { fileName: '进展.xlsx', base64 });
    expect(p.problems.filter((x) => x.message.includes('子项目之和'))).toEqual([
      expect.objectContaining({
        row: 3,
        level: 'warning',
        message: expect.stringContaining('至上年底累计（1,000.00 万元）与其子项目之和（900.00 万元）不同'),
      }),
    ]);
    await t.ok('excel:importApply', { fileName: '进展.xlsx', base64 });
    const set = await t.ok('figures:set', { period: '2019-06' });
    expect(set.investment.priorFen).toBe(900_000_000);
  });

  it('a header naming its year (截至2017年底累计) keeps that year; a 期初累计 typed without one is the year before the 年度', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['2019年重点项目进展情况表'],
      ['序号', '项目名称', '总投资（万元）', '截至2017年底累计完成投资（万元）'],
      [1, '滨河路改造', 500, 120],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
    const base64 = (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
    await t.ok('excel:importApply', { fileName: '进展.xlsx', base64 });
    expect(
      t.core.ctx.db.sqlite
        .prepare('SELECT opening_cum_fen, opening_cum_year FROM project WHERE name = ?')
        .get('滨河路改造'),
    ).toEqual({ opening_cum_fen: 120_000_000, opening_cum_year: 2017 });
    const typed = await t.ok('projects:create', {
      name: '镇区绿化',
      planYear: 2019,
      location: '镇区',
      scope: '绿化',
      totalWan: '80',
      openingCumWan: '30',
    });
    const set = await t.ok('figures:set', { period: '2019-06' });
    expect(set.investment.priorFen).toBe(120_000_000 + 30_000_000);
    expect(typed.openingCumYear).toBeNull();
  });
});
