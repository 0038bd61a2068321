// 责任清单: a task past its 完成时限 and not 已完成 is marked 已逾期N天 against today, beside the date as 2017年9月30日;
// one 已完成, one due today and one not yet due are not (shared/domain/task-deadline.ts).
import { expect, test } from '@playwright/test';
import { addDays, todayIso } from '../../shared/domain/dates.ts';
import { formatDateCn } from '../../shared/domain/display.ts';
import { LedgerPage } from './pages/ledger-page.ts';
import { rpc, SheetGrid } from './pages/sheet.ts';

const DEADLINE = 7; // ARIA column: 行 1, 序号 2, 类别 3, 重点工作 4, 牵头单位 5, 责任单位 6, 完成时限 7

test('责任清单: overdue tasks are marked against today, finished and not yet due ones are not', async ({ page }) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  const { campaignId } = await rpc<{ campaignId: number }>(page, 'tasks:loadTemplate', { template: 'suixian' });
  const tasks = await rpc<{ id: number }[]>(page, 'tasks:list', { campaignId });
  const today = todayIso();
  const [a, b, c, d] = tasks as [{ id: number }, { id: number }, { id: number }, { id: number }];
  await rpc(page, 'tasks:updateCells', {
    cells: [
      { id: a.id, field: 'deadline', value: '2017-09-30' },
      { id: b.id, field: 'deadline', value: '2017-09-30' },
      { id: b.id, field: 'status', value: '已完成' },
      { id: b.id, field: 'progressText', value: '规划已编制完成' },
      { id: c.id, field: 'deadline', value: today },
      { id: d.id, field: 'deadline', value: addDays(today, -3) },
      { id: d.id, field: 'status', value: '推进中' },
    ],
  });
  await page.getByRole('menuitem', { name: '责任清单' }).click();
  const sheet = new SheetGrid(page, page.getByRole('grid', { name: '责任清单' }));
  const days = Math.round((Date.parse(today) - Date.parse('2017-09-30')) / 86_400_000);
  await expect(sheet.cell(0, DEADLINE)).toHaveText(`2017年9月30日已逾期${days}天`);
  await expect(sheet.cell(1, DEADLINE)).toHaveText('2017年9月30日');
  await expect(sheet.cell(2, DEADLINE)).toHaveText(formatDateCn(today));
  await expect(sheet.cell(3, DEADLINE)).toHaveText(`${formatDateCn(addDays(today, -3))}已逾期3天`);
  await page.screenshot({ path: 'test-results/screens/tasks-overdue.png' });
});
