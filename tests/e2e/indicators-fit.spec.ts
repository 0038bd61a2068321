// 指标 at an office screen's 1366×768: the catalogue table fits its card, so each row's 填报 stands in view
// (it was the last of 1,308 px of columns in a 1,158 px card, reached only by scrolling the table sideways).
import { expect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';

test.use({ viewport: { width: 1366, height: 768 } });

test('指标: the table needs no sideways scrolling at 1366×768 and 填报 is in view on every row', async ({ page }) => {
  await new LedgerPage(page).freshStart('载入示例数据');
  await page.getByRole('menuitem', { name: '指标' }).click();
  const table = page.locator('.ant-layout-content .ant-table').first();
  await expect(table.getByRole('row').filter({ hasText: '人均绿化面积' })).toBeVisible();
  const overflow = await table
    .locator('.ant-table-content')
    .evaluate((el) => el.scrollWidth - el.clientWidth)
    .catch(() => 0);
  expect(overflow, '表格需横向滚动').toBeLessThanOrEqual(1);
  const fill = table.getByRole('row').filter({ hasText: '人均绿化面积' }).getByRole('button', { name: '填报' });
  await expect(fill).toBeInViewport({ ratio: 1 });
  // the source document is not cut to nothing: its name is readable whole
  await expect(table.getByRole('row').filter({ hasText: '人均绿化面积' })).toContainText('某市《小城镇建设实施意见》');
  await fill.click();
  await expect(page.getByRole('dialog', { name: /填报指标：人均绿化面积/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/indicators-1366.png' });
});
