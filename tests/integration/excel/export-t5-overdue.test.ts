// T5 责任清单推进表 read back with an independent reader (SheetJS): a task past its 完成时限 at the 统计截止 day and
// not 已完成 says so in 完成情况, by the page's rule (task-deadline.ts); its 责任部门 are listed as the page lists them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;
beforeAll(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
});
afterAll(() => t.cleanup());

it('marks 逾期N天 as of the 统计截止 day, not for a task 已完成, due that day or later', async () => {
  const { campaignId } = await t.ok('tasks:loadTemplate', { template: 'suixian' });
  const [a, b, c, d] = await t.ok('tasks:list', { campaignId });
  await t.ok('tasks:updateCells', {
    cells: [
      { id: a!.id, field: 'deadline', value: '2017-09-10' },
      { id: b!.id, field: 'deadline', value: '2017-09-10' },
      { id: b!.id, field: 'status', value: '已完成' },
      { id: b!.id, field: 'progressText', value: '已完成' },
      { id: c!.id, field: 'deadline', value: '2017-09-30' },
      { id: d!.id, field: 'deadline', value: '2017-08-31' },
      { id: d!.id, field: 'status', value: '滞后' },
    ],
  });
  const out = await t.ok('excel:export', { template: 'T5', period: '2017-09', campaignId });
  const ws = XLSX.read(Buffer.from(out.base64, 'base64')).Sheets['责任清单']!;
  const rows = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, raw: false });
  const statusCol = rows[2]!.indexOf('完成情况');
  const statusOf = (title: string) => rows.find((r) => r[1] === title)![statusCol];
  expect(statusOf(a!.title)).toBe('未启动（逾期20天）');
  expect(statusOf(b!.title)).toBe('已完成');
  expect(statusOf(c!.title)).toBe('未启动');
  expect(statusOf(d!.title)).toBe('滞后（逾期30天）');
});

it('lists a task’s 责任部门 in the order the page shows them (the 组织机构 order), not by when each unit was added', async () => {
  const campaigns = await t.ok('campaigns:list', {});
  const campaignId = campaigns[0]!.id;
  // 县住建局 moved to the top of the 组织机构 list: the page lists it first among a task's units
  const zhujian = (await t.ok('orgs:list', {})).find((o) => o.name === '县住建局')!;
  await t.ok('orgs:save', { id: zhujian.id, name: zhujian.name, level: '县', kind: '县直部门', sort: 0 });
  const tasks = await t.ok('tasks:list', { campaignId });
  const shown = tasks.find((x) => x.respOrgNames.length > 1 && x.respOrgNames.includes('县住建局'))!;
  expect(shown.respOrgNames[0]).toBe('县住建局');
  const out = await t.ok('excel:export', { template: 'T5', period: '2017-09', campaignId });
  const ws = XLSX.read(Buffer.from(out.base64, 'base64')).Sheets['责任清单']!;
  const rows = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, raw: false });
  const orgCol = rows[2]!.indexOf('责任部门');
  expect(rows.find((r) => r[1] === shown.title)![orgCol]).toBe(shown.respOrgNames.join('、'));
});
