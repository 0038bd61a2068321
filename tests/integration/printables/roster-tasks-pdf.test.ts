/**
 * The 领导小组成员名单 and the 责任清单 on paper, read back the way a recipient would: the PDF the core prints
 * through its PdfPrinter port (the machine's Chromium here), its text by poppler's pdftotext — every row, the table
 * head again on page 2, the 已逾期 marks the 责任清单 page shows, and no English word. A PNG of every page is kept in
 * test-results/documents/ for review by eye.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIso } from '../../../shared/domain/dates.ts';
import { formatDateCn } from '../../../shared/domain/display.ts';
import type { LgRole } from '../../../shared/domain/leading-group.ts';
import type { LeadingGroup } from '../../../shared/schemas/org.ts';
import { hasChromium } from '../../helpers/chromium.ts';
import { latinWords } from '../../helpers/latin.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

const hasPoppler = existsSync('/usr/bin/pdftotext');
const OUT = join(process.cwd(), 'test-results', 'documents');
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });
const squash = (s: string) => s.replace(/\s+/g, '');
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))![1]);
/** A page's lines as laid out (a table row on one line), blanks squashed out, empty lines dropped. */
const pageLines = (file: string, page: number) =>
  run('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'])
    .split('\n')
    .map(squash)
    .filter(Boolean);

let t: TempCore;
/** The core's today (the test core's clock): the day the printouts are dated and the lateness is counted to. */
const today = () => todayIso(t.core.ctx.now());
beforeAll(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
  mkdirSync(OUT, { recursive: true });
});
afterAll(() => t?.cleanup());

async function print(doc: 'leadingGroup' | 'tasks', name: string, extra: Record<string, unknown> = {}) {
  const r = await t.ok('reports:pdf', { doc, period: '2017-09', ...extra });
  const file = join(OUT, `${name}.pdf`);
  writeFileSync(file, Buffer.from(r.base64, 'base64'));
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(OUT, name)]);
  // -raw: the text in the order it was drawn, a table cell's lines together (the layout modes interleave columns)
  return { file, fileName: r.fileName, text: squash(run('pdftotext', ['-raw', file, '-'])) };
}

describe.skipIf(!hasChromium || !hasPoppler)('领导小组成员名单 and 责任清单 on paper', () => {
  it('名单: the sample group by rank with posts and units, the 办公室 and its 主任, on one A4 page', async () => {
    const { file, fileName, text } = await print('leadingGroup', 'leading-group');
    expect(fileName).toBe('永济市蒲州镇小城镇建设领导组成员名单.pdf');
    expect(pages(file)).toBe(1);
    expect(text).toContain('永济市蒲州镇小城镇建设领导组成员名单');
    expect(text).toContain('（2017年3月1日成立）');
    expect(text).toContain(`编印单位：蒲州镇小城镇建设领导组办公室${formatDateCn(today())}`);
    // by rank, each post heading its people: 组长, then 副组长 ×4, then 成员 ×7
    const order = ['组长', '1赵建国党委书记蒲州镇党委', '副组长（4人）', '2钱立新镇长', '5周志强副镇长', '成员（7人）'];
    const at = order.map((s) => text.indexOf(s));
    expect(
      at.every((i) => i >= 0),
      `${order.join(' ')} in ${text}`,
    ).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(text).toContain('12卫振华土地所所长蒲州镇土地所13903590117');
    expect(text).toContain(
      '领导小组下设办公室，办公室设在蒲州镇人民政府，周志强同志（副镇长）兼任办公室主任，负责组织、协调小城镇建设的日常工作。',
    );
    expect(latinWords(text)).toEqual([]);
  }, 60_000);

  const membersOf = (g: LeadingGroup) =>
    g.members.map((m) => ({ staffId: m.staffId, role: m.role as LgRole, sort: m.sort, duty: m.duty }));

  it('名单 of a group that runs over a sheet: the table head again on page 2, every member listed once', async () => {
    const group = await t.ok('leadingGroup:get', {});
    const added: number[] = [];
    for (let i = 1; i <= 30; i++) {
      const s = await t.ok('staff:save', {
        name: `村干部${i}号`,
        title: '村党支部书记兼村委会主任',
        orgId: null,
        phone: `1390359${1000 + i}`,
      });
      added.push(s.id);
    }
    await t.ok('leadingGroup:save', {
      name: group.group!.name,
      establishedOn: group.group!.establishedOn,
      officeAt: group.group!.officeAt,
      members: [
        ...membersOf(group),
        ...added.map((id, i) => ({
          staffId: id,
          role: '成员' as const,
          sort: 100 + i,
          duty: i % 3 ? null : '负责本村小城镇建设项目征地拆迁、矛盾调处和环境整治工作',
        })),
      ],
    });
    try {
      const { file, text } = await print('leadingGroup', 'leading-group-long');
      expect(pages(file)).toBeGreaterThanOrEqual(2);
      expect(pageLines(file, 2)[0]).toBe('序号姓名职务单位联系电话分工');
      for (let i = 1; i <= 30; i++) expect(text).toContain(`村干部${i}号`);
      expect(text).toContain('成员（37人）');
      expect(latinWords(text)).toEqual([]);
    } finally {
      await t.ok('leadingGroup:save', {
        name: group.group!.name,
        establishedOn: group.group!.establishedOn,
        officeAt: group.group!.officeAt,
        members: membersOf(group),
      });
    }
  }, 90_000);

  it('责任清单: the 随县 template over two landscape pages, long texts wrapped, 已逾期 as the page marks it', async () => {
    const { campaignId } = await t.ok('tasks:loadTemplate', { template: 'suixian' });
    const tasks = await t.ok('tasks:list', { campaignId });
    expect(tasks).toHaveLength(15);
    const day = today();
    const [a, b, c, d] = tasks;
    const longProgress =
      '镇区雨污分流主管网已完成3.6公里，接户管完成率约百分之七十；西厢大街段因沿街商户协调未完成，拟于下月集中攻坚，同步推进污水处理设施进水量和进水浓度提升。';
    await t.ok('tasks:updateCells', {
      cells: [
        { id: a!.id, field: 'deadline', value: '2017-09-30' },
        { id: a!.id, field: 'status', value: '推进中' },
        { id: a!.id, field: 'progressText', value: longProgress },
        { id: b!.id, field: 'deadline', value: '2017-09-30' },
        { id: b!.id, field: 'status', value: '已完成' },
        { id: b!.id, field: 'progressText', value: '垃圾日产日清，分类试点已在镇机关开展' },
        { id: c!.id, field: 'deadline', value: day },
        { id: d!.id, field: 'deadline', value: addDays(day, -3) },
        { id: d!.id, field: 'status', value: '滞后' },
      ],
    });
    const { file, fileName, text } = await print('tasks', 'tasks', { campaignId });
    expect(fileName).toBe('随县“擦亮小城镇”建设美丽城镇行动责任清单.pdf');
    expect(pages(file)).toBeGreaterThanOrEqual(2);
    const info = run('pdfinfo', [file]);
    const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!.map(Number);
    expect(w! > h!, 'landscape').toBe(true);

    expect(text).toContain('随县“擦亮小城镇”建设美丽城镇行动责任清单');
    expect(text).toContain(`编印单位：蒲州镇小城镇建设领导组办公室共15项，已完成1项，已逾期2项${formatDateCn(day)}`);
    for (const task of tasks) expect(text, task.title).toContain(squash(task.title));
    // the 工作内容 (a task's 备注) and the 工作进展 printed whole, wrapped in their cells
    expect(text).toContain(squash(tasks[14]!.note!).slice(-40));
    expect(text).toContain(squash(longProgress));
    const head = '序号类别重点工作工作内容牵头单位责任单位完成时限完成情况及工作进展';
    expect(pageLines(file, 1)).toContain(head);
    expect(pageLines(file, 2)[0]).toBe(head);
    expect(pageLines(file, 2).at(-1)).toMatch(/^第2页共\d+页$/);

    const days = Math.round((Date.parse(day) - Date.parse('2017-09-30')) / 86_400_000);
    expect(text).toContain(`2017年9月30日已逾期${days}天`); // a: past and not 已完成
    expect(text).toContain(`${formatDateCn(addDays(day, -3))}已逾期3天`); // d
    expect(text.match(/已逾期\d+天/g)).toHaveLength(2); // b is 已完成, c is due today
    expect(text).toContain(`逾期天数计至${formatDateCn(day)}`);
    expect(latinWords(text)).toEqual([]);
  }, 60_000);

  it('责任清单 of 吉林: the long 重点工作 get the width, no empty 牵头单位 column (the appendix names none)', async () => {
    const { campaignId } = await t.ok('tasks:loadTemplate', { template: 'jilin' });
    const tasks = await t.ok('tasks:list', { campaignId });
    const { file, text } = await print('tasks', 'tasks-jilin', { campaignId });
    expect(pageLines(file, 1)).toContain('序号类别重点工作工作内容责任单位完成时限完成情况及工作进展');
    for (const task of tasks) expect(text, task.title).toContain(squash(task.title));
    // in a column sized for 随县's few words the 20 paragraphs ran to 13 pages
    expect(pages(file)).toBeLessThanOrEqual(6);
    expect(latinWords(text)).toEqual([]);
  }, 60_000);
});
