import { expect as baseExpect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { MonthlyReportPage } from './pages/monthly-report-page.ts';

// The 36-row grid re-renders slowly when the shared 2-core machine is saturated.
const expect = baseExpect.configure({ timeout: 30_000 });

// A month after the PC's current one takes no 月报 and no 关账 (the core refuses them): the page says so before the
// clerk types a month's figures into it, instead of at 保存草稿.
test('月报填报 of a month that has not come: said at the top, inputs read-only, no 保存 or 关账', async ({ page }) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  const reports = new MonthlyReportPage(page);
  await reports.open();
  await reports.pickPeriod('2099年1月');
  await expect(
    page.getByText(/^2099年1月还没有到（本机日期为\d{4}年\d{1,2}月\d{1,2}日），不能填报、报送或关账该月；/),
  ).toBeVisible();
  await expect(reports.row('新建旅游接待中心')).toBeVisible();
  await expect(reports.cell('新建旅游接待中心', '本月完成投资')).toHaveCount(0); // no input box: read-only
  await expect(page.getByRole('button', { name: /报\s*送/ })).toBeDisabled();
  await expect(page.getByRole('button', { name: /关\s*账/ })).toBeDisabled();
  await page.screenshot({ path: 'test-results/screens/future-month.png' });
  // the month the clerk meant is open as before
  await reports.pickPeriod('2017年10月');
  await expect(page.getByText(/还没有到/)).toHaveCount(0);
  await expect(reports.cell('新建旅游接待中心', '本月完成投资')).toBeVisible();
});
