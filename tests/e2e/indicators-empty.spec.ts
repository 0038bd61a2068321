// 指标's filters on the sample, where nothing is entered yet: 已填报 and 未达标 each say what their empty list
// means (and how to fill one), not antd's bare “暂无数据”, which read as a page that had failed to load.
import { expect as baseExpect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';

const expect = baseExpect.configure({ timeout: 20_000 });
test.use({ viewport: { width: 1366, height: 768 } });

test('指标: the empty 已填报 and 未达标 lists say why they are empty', async ({ page }) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  await page.getByRole('menuitem', { name: '指标' }).click();
  await expect(page.getByRole('row').filter({ hasText: '人均绿化面积' })).toBeVisible();
  await page.getByText('已填报', { exact: true }).click();
  await expect(
    page.getByText('还没有填报任何指标值。点击各指标右侧的“填报”，录入基期值或实际值', { exact: true }),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/indicators-empty-filled.png' });
  await page.getByText('未达标', { exact: true }).click();
  await expect(
    page.getByText('没有未达标的指标（按各指标最近一次实际值与目标比较；未填报实际值的不计）', { exact: true }),
  ).toBeVisible();
  await expect(page.locator('.ant-empty-description')).toHaveCount(1);
});
