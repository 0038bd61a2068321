// A 责任清单 of 60 tasks: the sheet grew to its full height and the page scrolled, so the 所选区域 line (求和·平均值·
// 计数) sat under the 60th row, off-screen at 1366×768 and at 1440×900 — a clerk selecting the 完成时限 of the first
// rows saw no count. Like Excel's status bar it stays at the bottom of the window, in view, whatever is scrolled.
import { expect as baseExpect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { rpc, SheetGrid } from './pages/sheet.ts';

const expect = baseExpect.configure({ timeout: 20_000 });
const NO = 2; // ARIA column of 序号 (行 1)

for (const size of [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
])
  test(`责任清单 of 60+ tasks at ${size.width}×${size.height}: the 所选区域 line is in view at the bottom`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    await new LedgerPage(page).freshStart('载入示例数据');
    const { campaignId } = await rpc<{ campaignId: number }>(page, 'tasks:loadTemplate', { template: 'jilin' });
    for (let k = 1; k <= 45; k++)
      await rpc(page, 'tasks:save', { campaignId, no: String(20 + k), title: `补充任务第${k}项：村庄清洁行动` });
    await page.getByRole('menuitem', { name: '责任清单' }).click();
    const sheet = new SheetGrid(page, page.getByRole('grid', { name: '责任清单' }));
    await expect(sheet.cell(64, NO)).toBeAttached();
    const status = page.getByRole('status', { name: '所选区域' });
    // 序号 of the first three tasks: numbers, so 求和 too
    await sheet.cell(0, NO).click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await expect(status).toHaveText('所选区域：求和 6　平均值 2.00　计数 3');
    await expect(status).toBeInViewport({ ratio: 1 });
    await expect(sheet.cell(0, NO)).toBeInViewport();
    await page.screenshot({ path: `test-results/screens/sheet-status-long-${size.width}.png` });
    // down at the last rows the line is still there, and the selected cells with it
    await sheet.cell(63, NO).click();
    await page.keyboard.press('Shift+ArrowDown');
    await expect(status).toContainText('计数 2');
    await expect(status).toBeInViewport({ ratio: 1 });
    await expect(sheet.cell(64, NO)).toBeInViewport();
  });
