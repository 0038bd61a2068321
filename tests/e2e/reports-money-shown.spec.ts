// 月报填报's 本月完成投资 as Excel shows a number cell: in 万元 with two decimals and thousands commas, whatever was
// typed or pasted (1200, 1,234.5, ￥300.5, 12万) — the cells kept the text as it came (1200 beside the 汇总 row's
// 1,500.50, ￥300.50 from a currency cell of WPS) until the page was read again, when the same figures turned into
// 1200.00. The text typed is what the cell holds while the clerk types in it; a refused text stays as typed.
import { expect, test, type Page } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { MonthlyReportPage, reportsBatch } from './pages/monthly-report-page.ts';
import { SheetGrid } from './pages/sheet.ts';

const MONTH = 6; // ARIA column of 本月完成投资 (check box, 序号, 灯, 项目名称, 上月, 本月完成投资 …)

/** The sample's 月报 sheet of 2017年10月, with its 6th and 7th rows (two projects without parts). */
async function octoberSheet(page: Page) {
  await new LedgerPage(page).freshStart('载入示例数据');
  const reports = new MonthlyReportPage(page);
  await reports.open();
  await reports.pickPeriod('2017年10月');
  const sheet = new SheetGrid(page, page.getByRole('grid', { name: '月报填报表格' }));
  const [a, b] = [(await reportsBatch(page))[5]!, (await reportsBatch(page))[6]!];
  expect(a.isParent || b.isParent).toBe(false);
  return { reports, sheet, a, b };
}

test('月报: 本月完成投资 typed or pasted is shown as 1,200.00 once the cursor leaves it', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await new LedgerPage(page).freshStart('载入示例数据');
  const reports = new MonthlyReportPage(page);
  await reports.open();
  await reports.pickPeriod('2017年10月');
  const sheet = new SheetGrid(page, page.getByRole('grid', { name: '月报填报表格' }));
  const rows = await reportsBatch(page);
  const [a, b, c] = [rows[5]!, rows[6]!, rows[7]!];
  expect([a, b, c].some((r) => r.isParent)).toBe(false);
  const month = (name: string) => reports.cell(name, '本月完成投资');

  // a block from Excel/WPS: a plain figure and a currency cell, saved at once
  await sheet.click(5, MONTH);
  await sheet.paste('1200\t主体施工\t45\r\n ￥300.5 \t完成\t100\r\n');
  await expect(page.getByText('粘贴：已保存 6 个单元格')).toBeVisible();
  await expect
    .poll(async () => (await reportsBatch(page)).find((r) => r.projectId === b.projectId)?.entry?.monthFen)
    .toBe(300_500_000);
  await expect(month(b.name)).toHaveValue('300.50');

  // typed with Excel habits, Enter moves on: the cell left shows the figure as it will be saved
  await sheet.click(7, MONTH);
  await page.keyboard.type('1234.5');
  await expect(month(c.name)).toHaveValue('1234.5'); // as typed while the cursor is in it
  await page.keyboard.press('Enter');
  await expect(month(c.name)).toHaveValue('1,234.50');
  await expect(month(a.name)).toHaveValue('1,200.00');
  await page.screenshot({ path: 'test-results/screens/reports-money-shown.png' });

  // a text that is no amount stays as typed (its reason is shown when it is saved)
  await sheet.click(7, MONTH);
  await page.keyboard.type('一千');
  await page.keyboard.press('Enter');
  await expect(month(c.name)).toHaveValue('一千');
});

test('月报: Ctrl+C copies 本月完成投资 as the cell shows it — 12万 typed is copied as 12.00', async ({ page }) => {
  const { reports, sheet, a } = await octoberSheet(page);
  await sheet.click(5, MONTH);
  await page.keyboard.type('12万');
  await page.keyboard.press('Enter');
  await page.keyboard.type('1,234.5');
  await page.keyboard.press('Enter');
  await expect(reports.cell(a.name, '本月完成投资')).toHaveValue('12.00');
  await sheet.click(5, MONTH);
  await page.keyboard.press('Shift+ArrowDown');
  await sheet.expectSelected(6, MONTH);
  expect((await sheet.copy()).text).toBe('12.00\r\n1234.50\r\n');
});

test('月报: the cell under the cursor after a paste shows 1,200.00 at once, as the other pasted cells', async ({
  page,
}) => {
  const { reports, sheet, a, b } = await octoberSheet(page);
  const month = (name: string) => reports.cell(name, '本月完成投资');

  await sheet.click(5, MONTH);
  await sheet.paste('1200\t主体施工\t45\r\n300.5\t完成\t100\r\n');
  await expect(page.getByText('粘贴：已保存 6 个单元格')).toBeVisible();
  await expect(month(b.name)).toHaveValue('300.50');
  // the cursor has not left the first cell: it shows the pasted figure as it was saved, not the text pasted
  await expect(month(a.name)).toBeFocused();
  await expect(month(a.name)).toHaveValue('1,200.00');
  await page.screenshot({ path: 'test-results/screens/reports-paste-under-cursor.png' });

  // typing over it is the clerk's text as typed; Esc brings back the pasted figure, shown as saved
  await page.keyboard.type('88');
  await expect(month(a.name)).toHaveValue('88');
  await page.keyboard.press('Escape');
  await expect(month(a.name)).toHaveValue('1,200.00');

  // Ctrl+Z takes the paste back: the cell under the cursor shows what it held before (empty), Ctrl+Y the figure again
  await page.keyboard.press('Control+z');
  await expect(month(a.name)).toHaveValue('');
  await page.keyboard.press('Control+y');
  await expect(month(a.name)).toHaveValue('1,200.00');
});
