import { expect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { MonthlyReportPage, reportsBatch } from './pages/monthly-report-page.ts';
import { rpc } from './pages/sheet.ts';

test('总览 at 2017-09 on the 蒲州镇 sample: totals and SVG charts; a category bar opens the filtered ledger', async ({
  page,
}) => {
  const ledger = new LedgerPage(page);
  await ledger.freshStart('载入示例数据');
  await page.goto('/#/dashboard');
  await expect(page.getByText('总览 · 2017年1-9月')).toBeVisible();
  await expect(page.getByText('21,390.00')).toBeVisible();
  await expect(page.getByText('54.2%')).toBeVisible();
  for (const id of ['chart-lights', 'chart-category', 'chart-funding', 'chart-trend', 'chart-lagging']) {
    const svg = page.getByTestId(id).locator('svg');
    await expect(svg).toHaveCount(1);
    await expect(svg.locator('path').first()).toBeAttached();
  }
  await expect(page.getByTestId('chart-category').locator('svg')).toContainText('基础设施');
  await page.screenshot({ path: 'test-results/screens/dashboard.png', fullPage: true });

  // Click the 基础设施 bar: the third category row of the horizontal bar chart.
  // Found by its axis label (the grid's margins follow the labels' size since issue 17), then a little to the right.
  const label = (await page
    .getByTestId('chart-category')
    .locator('svg text', { hasText: /^基础设施$/ })
    .boundingBox())!;
  await page.mouse.click(label.x + label.width + 30, label.y + label.height / 2);
  await expect(page).toHaveURL(/#\/ledger\?category=%E5%9F%BA%E7%A1%80%E8%AE%BE%E6%96%BD$/);
  await expect(page.getByRole('menuitem', { name: /项目台账/ })).toHaveClass(/ant-menu-item-selected/);
  // The ledger arrives filtered: only 基础设施 rows.
  await expect(ledger.row('自来水管网延伸')).toBeVisible();
  await expect(ledger.row('垃圾中转站')).toHaveCount(0);

  // A light slice leads to that month's projects of that colour.
  await page.goto('/#/ledger?light=red&period=2017-09');
  await expect(page.getByText(/2017年9月红灯项目（\d+个）/)).toBeVisible();
  await expect(ledger.row('断头路打通')).toBeVisible();
  await expect(ledger.row('垃圾中转站')).toHaveCount(0);
});

test('总览 of a month not wholly submitted says how its reports stand, in the words of the 简报', async ({ page }) => {
  await new LedgerPage(page).freshStart('载入示例数据');
  const reports = new MonthlyReportPage(page);
  await reports.open();
  await reports.pickPeriod('2017年10月');
  const [open] = (await reportsBatch(page)).filter((r) => !r.isParent && r.state === null);
  await rpc(page, 'reports:save', {
    period: '2017-10',
    rows: [{ projectId: open!.projectId, monthWan: '1', imageText: '施工' }],
  });
  await page.goto('/#/dashboard');
  await expect(page.getByText('总览 · 2017年1-10月')).toBeVisible();
  await expect(page.getByTestId('dashboard-unsent')).toHaveText(
    '本月月报未全部报送：本月应报月报25个项目，已报送0个；未报24个（本月完成投资按0计）；草稿1个按所填数计入。去月报填报',
  );
  await page.screenshot({ path: 'test-results/screens/dashboard-unsent.png' });
  await page.getByText('去月报填报').click();
  await expect(page).toHaveURL(/#\/reports/);
  // September: every report owed is in, nothing to say
  await reports.pickPeriod('2017年9月');
  await page.goto('/#/dashboard');
  await expect(page.getByText('总览 · 2017年1-9月')).toBeVisible();
  await expect(page.getByTestId('dashboard-unsent')).toHaveCount(0);
});

test('总览 滞后最多: a project red with no points behind is labelled with why, not 0.0 (蒲州镇 2017年5月, 垃圾中转站: 资金支付)', async ({
  page,
}) => {
  const ledger = new LedgerPage(page);
  await ledger.freshStart('载入示例数据');
  await page.goto('/#/dashboard');
  await new MonthlyReportPage(page).pickPeriod('2017年5月');
  await expect(page.getByText('总览 · 2017年1-5月')).toBeVisible();
  const chart = page.getByTestId('chart-lagging').locator('svg');
  await expect(chart).toContainText('垃圾中转站');
  await expect(chart).toContainText('资金支付率0.0%，低于50%');
  await expect(chart.locator('text', { hasText: /^0\.0$/ })).toHaveCount(0);
  await page
    .getByTestId('chart-lagging')
    .screenshot({ path: 'test-results/screens/dashboard-lagging-not-started.png' });
});
