// 月报: Ctrl+Z right after a paste takes the paste back, as in Excel — also when the block came from cells Excel/WPS
// copy formatted (1,200.00 and a percent cell's 45%). The paste was saved, the rows read back as 1200.00 and 45, and
// the row's whole text was replaced by what was read; the cell under the cursor then differed from what it held after
// the paste, which counted as typing: the first Ctrl+Z said 已撤销：输入（1 个单元格） and changed nothing.
import { expect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { MonthlyReportPage, reportsBatch } from './pages/monthly-report-page.ts';
import { SheetGrid } from './pages/sheet.ts';

const MONTH = 6; // ARIA column of 本月完成投资

test('月报: Ctrl+Z after pasting 1,200.00 / 45% from Excel undoes the paste', async ({ page }) => {
  await new LedgerPage(page).freshStart('载入示例数据');
  const reports = new MonthlyReportPage(page);
  await reports.open();
  await reports.pickPeriod('2017年10月');
  const sheet = new SheetGrid(page, page.getByRole('grid', { name: '月报填报表格' }));
  const row = (await reportsBatch(page))[5]!;
  expect(row.isParent).toBe(false);
  const monthFen = async () => (await reportsBatch(page)).find((r) => r.projectId === row.projectId)?.entry?.monthFen;

  await sheet.click(5, MONTH);
  await sheet.paste('1,200.00\t主体施工\t45%\r\n');
  await expect(page.getByText('粘贴：已保存 3 个单元格')).toBeVisible();
  await expect.poll(monthFen).toBe(1_200_000_000);
  await expect(reports.cell(row.name, '形象进度%')).toHaveValue('45'); // read back
  await page.keyboard.press('Control+z');
  await expect(page.getByText('已撤销：粘贴（3 个单元格）')).toBeVisible();
  await expect.poll(monthFen).toBeUndefined();
});
