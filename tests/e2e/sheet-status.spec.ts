// WPS and Excel show 求和, 平均值 and 计数 of the cells selected under the sheet: a clerk selects a column of 总投资
// or of 本月完成投资 and reads the total to check it against the county's figure. The sheets showed nothing; the
// clerk copied the column into WPS to add it up.
import { expect as baseExpect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { SheetGrid } from './pages/sheet.ts';

const expect = baseExpect.configure({ timeout: 20_000 });
test.use({ viewport: { width: 1366, height: 768 } });

test('a block selected reads 求和, 平均值 and 计数 under the 项目台账 and the 月报, and follows a paste', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { sheet } = await new LedgerPage(page).sampleSheet();
  const PLACE = 7; // 建设地点, 总投资 8
  const status = page.getByRole('status', { name: '所选区域' });
  await expect(sheet.cell(3, PLACE + 1)).toBeVisible();
  const totals = await Promise.all([1, 2, 3].map(async (r) => sheet.cell(r, PLACE + 1).innerText()));
  expect(totals).toEqual(['3,500.00', '1,200.00', '300.00']);

  // one cell: the sheet's hint, no sum
  await sheet.cell(1, PLACE + 1).click();
  await expect(status).toHaveCount(0);
  await expect(page.getByText(/^与 Excel 相同/)).toBeVisible();
  // 总投资 of three projects
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(status).toHaveText('所选区域：求和 5,000.00　平均值 1,666.67　计数 3');
  await page.screenshot({ path: 'test-results/screens/sheet-status-ledger.png' });
  // with the 建设地点 beside them: the places are counted, not added
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(status).toHaveText('所选区域：求和 5,000.00　平均值 1,666.67　计数 6');
  // a paste from WPS (thousands commas, full-width digits): the pasted block is selected and its sum is the new one
  await sheet.cell(1, PLACE + 1).click();
  await sheet.paste('1,000.25\r\n２０００\r\n3000\r\n');
  await expect(page.getByText('粘贴：已保存 3 个单元格')).toBeVisible();
  await expect(status).toHaveText('所选区域：求和 6,000.25　平均值 2,000.08　计数 3');
  await page.keyboard.press('Escape'); // the block ends: the hint again
  await expect(status).toHaveCount(0);

  // 月报: 本月完成投资 of three projects
  await page.getByRole('menuitem', { name: '月报填报' }).click();
  const reports = new SheetGrid(page, page.getByRole('grid', { name: '月报填报表格' }));
  const MONTH = 6; // 本月完成投资(万元)
  await expect(reports.cell(3, MONTH)).toBeVisible();
  const month = await Promise.all([1, 2, 3].map(async (r) => reports.cell(r, MONTH).innerText()));
  const sum = month.reduce((a, t) => a + Math.round(Number(t.replace(/,/g, '')) * 100), 0);
  await reports.cell(1, MONTH).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(status).toContainText(`求和 ${(sum / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
  await expect(status).toContainText('计数 3');
  await page.screenshot({ path: 'test-results/screens/sheet-status-reports.png' });
});
