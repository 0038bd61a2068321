import { expect as baseExpect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { MonthlyReportPage } from './pages/monthly-report-page.ts';

// The 36-row grid re-renders slowly when the shared 2-core machine is saturated; allow more than the default 10 s.
const expect = baseExpect.configure({ timeout: 30_000 });

test('a month of reports for the 蒲州镇 sample: enter, copy last month, flags, 督办单 escalated, period closed', async ({
  page,
}) => {
  test.setTimeout(180_000); // a long walk through two pages on a shared 2-core machine
  await new LedgerPage(page).freshStart('载入示例数据');
  const reports = new MonthlyReportPage(page);
  await reports.open();
  // The page starts at the current period (the latest month with reports, still open); October is picked.
  await expect(page.getByLabel('期别')).toHaveValue('2017年9月');
  await reports.pickPeriod('2017年10月');
  await expect(reports.row('新建旅游接待中心')).toContainText('围墙在建，设计完成，招标中'); // last month beside the entry
  await expect(reports.row('新建旅游接待中心').getByText('未填报')).toBeVisible(); // the deadline (次月5日) is long past

  // Type figures; Enter moves down the column like a spreadsheet.
  await reports.enter('新建旅游接待中心', { 本月完成投资: '1500', 形象进度: '主体工程开工', '形象进度%': '40' });
  await reports.cell('新建旅游接待中心', '本月完成投资').press('Enter');
  await expect(reports.cell('旅游路绿化提升', '本月完成投资')).toBeFocused();
  await page.keyboard.type('200');
  await reports.enter('旅游路绿化提升', { 形象进度: '栽植全部完成' });
  await reports.enter('修建硬化绕村道路', { 本月完成投资: '12o', 形象进度: '面层完成' });
  // Copy last month for one project: identical to September.
  await reports
    .row('西厢大街绿化')
    .getByRole('button', { name: /复制上月/ })
    .click();
  await expect(reports.cell('西厢大街绿化', '形象进度')).toHaveValue('基本完成');

  await reports.save();
  await expect(page.getByText('项目“修建硬化绕村道路”：本月完成投资“12o”不是有效的金额').first()).toBeVisible();
  await reports.cell('修建硬化绕村道路', '本月完成投资').fill('100');
  await reports.save();
  await expect(page.getByText('已保存草稿：4 个项目')).toBeVisible();

  await expect(reports.row('西厢大街绿化').getByText('与上月雷同')).toBeVisible();
  await expect(reports.row('新建旅游接待中心').getByText('草稿')).toBeVisible();
  await expect(reports.row('新建旅游接待中心')).toContainText('2,400.00'); // 1-10月累计 derived: 900 + 1500
  await expect(reports.row('新建旅游接待中心').getByLabel('新建旅游接待中心 黄灯')).toBeVisible(); // was red, caught up to yellow

  // Submit one row.
  await reports.row('新建旅游接待中心').getByLabel('选择 新建旅游接待中心').check();
  await page.getByRole('button', { name: /报送所选/ }).click();
  await reports.confirm(/报\s*送/);
  await expect(page.getByText('已报送 1 个项目')).toBeVisible();
  await expect(reports.row('新建旅游接待中心').getByText('已报送')).toBeVisible();

  // A 督办单 from a red row.
  await reports.row('生态园林休闲区').getByRole('button', { name: /督办/ }).click();
  await expect(page.getByText('下达督办单：生态园林休闲区')).toBeVisible();
  await page.getByRole('button', { name: '下达（蓝色提醒）' }).click();
  await expect(page.getByText(/已下达督办单 督〔\d{4}〕1号/)).toBeVisible();

  await expect(page).toHaveURL(/#\/reports\/2017-10$/);
  const reportsUrl = page.url();
  await page.getByRole('menuitem', { name: '督办' }).click();
  const order = page.locator('.ant-table-row').filter({ hasText: '生态园林休闲区' });
  await expect(order).toContainText('蓝色提醒');
  await expect(order).toContainText('蒲州镇林业站');
  await order.getByRole('button', { name: /升级/ }).click();
  await reports.confirm(/升\s*级/);
  await expect(page.getByText(/已升级为 督〔\d{4}〕2号/)).toBeVisible();
  await expect(order).toContainText('黄色警告');
  await page.getByText('全部（含升级历史）').click();
  await expect(page.locator('.ant-table-row').filter({ hasText: /已升级为督〔\d{4}〕2号/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/supervision.png' });

  // An 审核人 closes the month; the grid becomes the frozen snapshot.
  await reports.actAs('周志强', '审核人');
  await page.goto(reportsUrl);
  await page.reload(); // F5 keeps the month: it is in the hash (#/reports/2017-10)
  await expect(page.getByLabel('期别')).toHaveValue('2017年10月');
  await page.getByRole('button', { name: /关\s*账/ }).click();
  await reports.confirm(/关\s*账/);
  await expect(page.getByText('2017年10月已关账').first()).toBeVisible();
  await expect(page.getByText(/已由周志强于.*关账，以下为关账快照/)).toBeVisible();
  await expect(reports.cell('旅游路绿化提升', '本月完成投资')).toHaveCount(0);
  await expect(reports.row('新建旅游接待中心')).toContainText('2,400.00');
  await expect(page.getByRole('button', { name: /重新开账/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/reports-closed.png' });
});
