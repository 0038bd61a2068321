/**
 * 报送收集's printed documents (issue 18) on the 蒲州镇 sample, real SQLite through the core and the real PDF printer
 * (Chromium); the PDFs are read back with pdftotext (poppler-utils), not with this app's code.
 * - collect:paperForms: one PDF per unit, holding the unit's projects and the 截至上月累计 exactly as its workbook does
 *   (the workbook read by openpyxl), the rules, the deadline and the signature line.
 * - collect:notice: a 督办通知 page for each unit the roster shows 未报/有误 after the deadline, naming the projects that
 *   still owe the month's report, and nothing for the units that returned.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectMade } from '../../shared/schemas/collect.ts';
import { fillKits, inspectKit } from '../helpers/kit-tool.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

function writeKits(made: CollectMade, dir: string): Map<string, string> {
  mkdirSync(dir, { recursive: true });
  return new Map(
    made.kits.map((k) => {
      const file = join(dir, k.fileName);
      writeFileSync(file, Buffer.from(k.base64, 'base64'));
      return [k.unit, file];
    }),
  );
}

/** The text of a PDF as pdftotext reads it, one string per page. */
function pdfPages(base64: string, file: string): string[] {
  writeFileSync(file, Buffer.from(base64, 'base64'));
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((p) => p.trim() !== '');
}
/** Table cells wrap long names over lines: compare without any white space. */
const flat = (s: string) => s.replace(/\s+/g, '');

let t: TempCore;
beforeEach(async () => {
  t = await tempCore({ role: '录入员', operator: '李录入' });
  await t.ok('app:onboard', { mode: 'demo' });
});
afterEach(() => t.cleanup());

describe('纸质填报表 (collect:paperForms)', () => {
  it('is one PDF per unit with the projects and the pre-filled 累计 as that unit’s workbook holds them', async () => {
    const made = await t.ok('collect:make', {
      period: '2017-10',
      by: '责任单位',
      deadline: '2017-11-03',
      contact: '镇党政办 王芳 0359-1234567',
    });
    const kits = writeKits(made, join(t.dir, 'kits'));
    const paper = await t.ok('collect:paperForms', { period: '2017-10', by: '责任单位' });
    expect(paper.deadline).toBe('2017-11-03'); // the deadline the kits went out with
    expect(paper.forms.map((f) => [f.unit, f.projects])).toEqual(made.kits.map((k) => [k.unit, k.projects]));
    for (const form of paper.forms) {
      expect(form.fileName).toMatch(/\.pdf$/);
      const text = flat(pdfPages(form.base64, join(t.dir, 'form.pdf')).join(''));
      const words = text.replace(/\d+\.\d{2}/g, '');
      const kit = inspectKit(kits.get(form.unit)!);
      expect(text).toContain(flat(`责任单位：${form.unit}`));
      expect(text).toContain('填报截止：2017年11月3日');
      for (const r of kit.rows) {
        // a name wrapped in its cell may be read with the row's amounts between its lines: compare without them
        expect(words, `${form.unit} ${r.code}`).toContain(flat(String(r.values.C)));
        expect(text, `${form.unit} ${r.code} 累计`).toContain((r.values.E as number).toFixed(2));
      }
      for (const words of ['填报人：', '审核人：', '日期：', '填报说明', '金额单位为万元'])
        expect(text).toContain(words);
    }
  }, 60_000); // a Chromium run per unit: the 30 s default is too tight when another test file prints at the same time

  it('is data entry like the kits: refused to a 领导, who may still print the 督办通知', async () => {
    await t.signIn('领导', '赵书记');
    const denied = await t.call('collect:paperForms', { period: '2017-10' });
    expect(!denied.ok && denied.error.code).toBe('FORBIDDEN');
    expect((await t.ok('collect:notice', { period: '2017-10' })).units).toEqual([]);
  });
});

describe('督办通知 (collect:notice)', () => {
  it('has a page for exactly the units overdue on the roster, with the projects they still owe', async () => {
    // Kits due 2017-10-06; the test clock says 2017-10-08: every unit not returned is overdue.
    const made = await t.ok('collect:make', { period: '2017-10', by: '责任单位', deadline: '2017-10-06' });
    const kits = writeKits(made, join(t.dir, 'kits'));
    const back = join(t.dir, 'returned');
    mkdirSync(back);
    const water = inspectKit(kits.get('蒲州镇水利站')!);
    const roads = inspectKit(kits.get('蒲州镇交通道路站')!);
    const gov = inspectKit(kits.get('蒲州镇人民政府')!);
    fillKits(t.dir, [
      {
        src: kits.get('蒲州镇水利站')!,
        dst: join(back, '水利站.xlsx'),
        cells: Object.fromEntries(
          water.rows.flatMap((r) => [
            [`F${r.row}`, 1],
            [`G${r.row}`, '在建'],
          ]),
        ),
      },
      {
        // one bad cell: 有误, and nothing of the file taken: every project still owed
        src: kits.get('蒲州镇交通道路站')!,
        dst: join(back, '交通站.xlsx'),
        cells: {
          [`F${roads.rows[0]!.row}`]: 6.4,
          [`G${roads.rows[0]!.row}`]: '在建',
          [`F${roads.rows[1]!.row}`]: -3,
          [`G${roads.rows[1]!.row}`]: '在建',
        },
      },
      {
        src: kits.get('蒲州镇人民政府')!,
        dst: join(back, '镇政府.xlsx'),
        cells: { [`F${gov.rows[0]!.row}`]: 20, [`G${gov.rows[0]!.row}`]: '主体完工' },
      },
    ]);
    const returns = ['水利站.xlsx', '交通站.xlsx', '镇政府.xlsx'].map((n) => ({
      fileName: n,
      base64: readFileSync(join(back, n)).toString('base64'),
    }));
    await t.ok('collect:merge', { returns, dryRun: false });

    const roster = (await t.ok('collect:roster', { period: '2017-10' })).roster;
    const overdue = roster.filter((r) => r.status !== '已报').map((r) => r.unit);
    expect(overdue).toEqual(['蒲州镇城建办', '蒲州镇林业站', '蒲州镇交通道路站', '蒲州镇派出所']);
    const returned = roster.filter((r) => r.status === '已报').map((r) => r.unit);
    expect(returned).toEqual(['蒲州镇水利站', '蒲州镇人民政府']);
    // what is wrong in the return is kept with it, each with its place, and the 催报单 tells the unit
    const reasons = roster.find((r) => r.unit === '蒲州镇交通道路站')!.reasons!;
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(
      new RegExp(`^第${roads.rows[1]!.row}行F列：项目“${roads.rows[1]!.values.C as string}”：`),
    );
    expect(roster.filter((r) => r.status !== '有误').every((r) => r.reasons === null)).toBe(true);
    const chase = await t.ok('collect:chase', { period: '2017-10' });
    const chaseText = flat(pdfPages(chase.base64, join(t.dir, 'chase.pdf')).join(''));
    expect(chaseText).toContain('蒲州镇交通道路站4有误2017年10月6日见表后说明');
    expect(chaseText).toContain(
      flat(`有误的报送表：1．蒲州镇交通道路站：交回的报送表有误（${reasons[0]}），请改正后重新交回。`),
    );

    const notice = await t.ok('collect:notice', { period: '2017-10', replyBy: '2017-10-11' });
    expect(notice.units.map((u) => u.unit)).toEqual(overdue);
    const batch = new Map((await t.ok('reports:batch', { period: '2017-10' })).rows.map((r) => [r.code, r]));
    for (const u of notice.units) {
      const kit = inspectKit(kits.get(u.unit)!);
      // the kit's projects that have no October report yet (all of them when every one has figures: the kit is still owed)
      const codes = kit.rows.map((r) => r.code);
      const missing = codes.filter((c) => batch.get(c)!.entry === null);
      expect(u.projects.map((p) => p.code)).toEqual(missing.length ? missing : codes);
    }
    // the return with a wrong cell was taken in nothing: its good row is still owed too
    expect(notice.units.find((u) => u.unit === '蒲州镇交通道路站')!.projects.map((p) => p.code)).toContain(
      roads.rows[0]!.code,
    );
    expect(notice.units.find((u) => u.unit === '蒲州镇交通道路站')!.projects.map((p) => p.code)).toContain(
      roads.rows[1]!.code,
    );
    expect(notice.html).toContain('督办通知');

    // One notice per unit (a long list of projects may run onto a second page): each begins with its 督办通知 heading.
    const all = pdfPages(notice.base64, join(t.dir, 'notice.pdf')).map(flat).join('');
    const notices = all.split('督办通知').slice(1);
    expect(notices).toHaveLength(overdue.length);
    notice.units.forEach((u, i) => {
      const page = notices[i]!;
      expect(page).toContain(`${u.unit}：`);
      expect(page).toContain('2017年10月6日'); // the deadline passed
      expect(page).toContain('2017年10月11日前'); // the date to reply by
      expect(page).toContain('蒲州镇党政办公室');
      for (const p of u.projects) expect(page).toContain(flat(p.name));
    });
    for (const unit of returned) expect(all).not.toContain(`${unit}：`);
  });
});

describe('催报单 (collect:chase)', () => {
  it('lists every unit not 已报 on one signed, dated page, printed by the core', async () => {
    const made = await t.ok('collect:make', { period: '2017-10', by: '责任单位', deadline: '2017-11-03' });
    const chase = await t.ok('collect:chase', { period: '2017-10' });
    expect(chase.rows.map((r) => r.unit)).toEqual(made.kits.map((k) => k.unit));
    expect(chase.fileName).toBe('蒲州镇2017年10月月报催报单.pdf');
    const pages = pdfPages(chase.base64, join(t.dir, 'chase.pdf'));
    expect(pages).toHaveLength(1);
    const text = flat(pages[0]!);
    expect(text).toContain('蒲州镇2017年10月项目月报催报单');
    for (const k of made.kits) expect(text).toContain(flat(k.unit));
    // before the deadline: asked to return by it, and signed by the office with the day
    expect(text).toContain('请于截止日期前按报送表填报说明填好交回');
    expect(text).toContain('2017年11月3日');
    expect(text).toContain('蒲州镇党政办公室');
  });
});
