// 领导小组成员名单 and 责任清单 on paper: from their own pages, the 打印 button opens the 打印 page at that document
// (the same preview, 打印 and 另存为PDF as the 简报), the 责任清单 at the list the page shows; the PDF saved is the
// core's, read back with pdftotext: every task, the table head again on page 2, the 已逾期 mark of the page.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { addDays, todayIso } from '../../shared/domain/dates.ts';
import { formatDateCn } from '../../shared/domain/display.ts';
import { LedgerPage } from './pages/ledger-page.ts';
import { PrintPage } from './pages/print-page.ts';
import { rpc } from './pages/sheet.ts';

test('打印名单 and 打印责任清单: from their pages to the 打印 page, previewed and saved as PDF', async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await new LedgerPage(page).freshStart('载入示例数据');
  const print = new PrintPage(page);

  // 领导小组 → 打印名单: the 打印 page at the 名单, no 期别 to choose (a roster is of the day it is printed)
  await page.getByRole('menuitem', { name: '领导小组' }).click();
  await expect(page.getByRole('cell', { name: '赵建国' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/leading-group-print-button.png' });
  await page.getByRole('button', { name: '打印名单' }).click();
  await expect(page.getByRole('combobox', { name: '文档', exact: true })).toBeVisible();
  await expect(page.locator('.ant-select-selection-item', { hasText: '领导小组成员名单' })).toBeVisible();
  await expect(print.preview().getByText('永济市蒲州镇小城镇建设领导组成员名单')).toBeVisible();
  await expect(print.preview().getByText('副组长（4人）')).toBeVisible();
  await expect(print.preview().getByText(/周志强同志（副镇长）兼任办公室主任/)).toBeVisible();
  await expect(page.getByText('期别', { exact: true })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/documents/ui-leading-group.png' });
  let download = page.waitForEvent('download');
  await page.getByRole('button', { name: '另存为PDF' }).click();
  expect((await download).suggestedFilename()).toBe('永济市蒲州镇小城镇建设领导组成员名单.pdf');

  // 责任清单 → 打印责任清单: the list the page shows (the second one loaded, chosen there), its overdue task marked
  await rpc(page, 'tasks:loadTemplate', { template: 'jilin' });
  const { campaignId } = await rpc<{ campaignId: number }>(page, 'tasks:loadTemplate', { template: 'suixian' });
  const tasks = await rpc<{ id: number; title: string }[]>(page, 'tasks:list', { campaignId });
  const today = todayIso();
  await rpc(page, 'tasks:updateCells', {
    cells: [
      { id: tasks[0]!.id, field: 'deadline', value: addDays(today, -3) },
      { id: tasks[0]!.id, field: 'status', value: '推进中' },
    ],
  });
  await page.getByRole('menuitem', { name: '责任清单' }).click();
  await page.locator('.ant-select', { hasText: '吉林省乡村振兴示范镇建设（20项）' }).click();
  await page.locator('.ant-select-item-option').filter({ hasText: '随县' }).click();
  await expect(page.getByRole('grid', { name: '责任清单' }).getByText('科学编制规划')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/tasks-print-button.png' });
  await page.getByRole('button', { name: '打印责任清单' }).click();
  await expect(page.getByRole('combobox', { name: '责任清单' })).toBeVisible();
  await expect(print.preview().getByText('随县“擦亮小城镇”建设美丽城镇行动责任清单')).toBeVisible();
  await expect(print.preview().getByText('已逾期3天')).toBeVisible();
  await expect(print.preview().getByText('共15项，已完成0项，已逾期1项')).toBeVisible();
  await page.screenshot({ path: 'test-results/documents/ui-tasks.png' });

  download = page.waitForEvent('download');
  await page.getByRole('button', { name: '另存为PDF' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('随县“擦亮小城镇”建设美丽城镇行动责任清单.pdf');
  const pdf = info.outputPath('tasks.pdf');
  await file.saveAs(pdf);
  const text = (args: string[]) => execFileSync('pdftotext', [...args, pdf, '-'], { encoding: 'utf8' });
  const raw = text(['-raw']).replace(/\s+/g, '');
  for (const t of tasks) expect(raw, t.title).toContain(t.title.replace(/\s+/g, ''));
  expect(raw).toContain(`${formatDateCn(addDays(today, -3))}已逾期3天`);
  expect(raw).not.toContain('乡村振兴示范镇'); // the other list is not printed with it
  const page2 = text(['-layout', '-f', '2', '-l', '2'])
    .split('\n')
    .map((l) => l.replace(/\s+/g, ''))
    .filter(Boolean);
  expect(page2[0]).toBe('序号类别重点工作工作内容牵头单位责任单位完成时限完成情况及工作进展');
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});
