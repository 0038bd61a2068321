import { expect as baseExpect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';

// The 36-row table re-renders slowly when the shared 2-core machine is saturated.
const expect = baseExpect.configure({ timeout: 30_000 });

// The 红黄绿灯 page gives the counts the 总览, 简报, 滞后清单 and `figures` give (docs/figures.md: 红6、黄9、绿17、未亮灯2
// for the sample's September): its 红灯 list has 8 rows — the two projects with sub-projects show their worst light —
// and said only 共 8 个项目 where the lagging list printed 红灯6个.
test('红黄绿灯 says the light counts of every other surface, and what its list of rows counts', async ({ page }) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  await page.getByRole('menuitem', { name: '红黄绿灯' }).click();
  await expect(page.getByLabel('期别')).toHaveValue('2017年9月');
  await expect(page.getByTestId('light-counts')).toHaveText(
    '计灯项目（没有子项目的项目）红灯 6 个、黄灯 9 个、绿灯 17 个、未亮灯 2 个；有子项目的项目显示其最差的灯，不另计数',
  );
  // an unlit project says why (its window begins in October)
  await expect(page.getByRole('row', { name: /养老服务中心/ })).toContainText(
    '计划2017年10月1日开工，本月尚未到计划工期',
  );
  const total = page.locator('.ant-pagination-total-text');
  await expect(total).toHaveText('共 36 个项目，其中计灯项目 34 个，另 2 个为有子项目的项目');
  await page.locator('.ant-segmented-item', { hasText: '红灯' }).click();
  await expect(total).toHaveText('共 8 个项目，其中计灯项目 6 个，另 2 个为有子项目的项目');
  await page.locator('.ant-segmented-item', { hasText: '黄灯' }).click();
  await expect(total).toHaveText('共 9 个项目');
  await page.screenshot({ path: 'test-results/screens/lights-counts.png' });
});
