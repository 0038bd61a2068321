import { expect as baseExpect, test, type Page } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { MonthlyReportPage } from './pages/monthly-report-page.ts';

// The 36-row tables re-render slowly when the shared 2-core machine is saturated.
const expect = baseExpect.configure({ timeout: 30_000 });

interface Fingerprint {
  tables: Record<string, { rows: number; sha256: string }>;
  totalChanges: string;
}
const fingerprint = async (page: Page) =>
  (await (await page.request.get('/__harness/fingerprint')).json()) as Fingerprint;
const menu = (page: Page, name: string) => page.getByRole('menuitem', { name }).click();

test('a 领导 opens 总览, 红黄绿灯 and 资金: the database is unchanged, row for row', async ({ page }) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  await new MonthlyReportPage(page).actAs('赵建国', '领导');
  await expect(page.getByTestId('current-operator')).toHaveText('操作员：赵建国');
  const before = await fingerprint(page);

  await menu(page, '总览');
  await expect(page.getByText('总览 · 2017年1-9月')).toBeVisible();
  await expect(page.getByTestId('chart-lights').locator('svg')).toHaveCount(1);

  await menu(page, '红黄绿灯');
  await expect(page.getByLabel('期别')).toHaveValue('2017年9月');
  await expect(page.getByRole('row', { name: /^新建旅游接待中心 红灯/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /记录本期灯色/ })).toHaveCount(0); // a 领导 only looks
  await page.getByLabel('新建旅游接待中心 红灯').click(); // the stored history
  await expect(page.getByText('预警历史：新建旅游接待中心')).toBeVisible();
  await page.keyboard.press('Escape');

  await menu(page, '资金到位与拨付');
  await expect(page.getByLabel('期别')).toHaveValue('2017年9月');
  await expect(page.getByTestId('funds-overall').locator('.pt-row').first()).toBeVisible();
  await expect(page.getByText('截至2017年9月30日')).toBeVisible();

  const after = await fingerprint(page);
  expect(after.totalChanges).toBe(before.totalChanges);
  const changed = Object.keys(before.tables).filter(
    (t) => JSON.stringify(before.tables[t]) !== JSON.stringify(after.tables[t]),
  );
  expect(changed).toEqual([]);
  expect(Object.keys(after.tables)).toEqual(Object.keys(before.tables));
});

test('every page starts at the same current period; a pick on one page is the period of all, also after F5', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  await menu(page, '总览');
  await expect(page.getByText('总览 · 2017年1-9月')).toBeVisible();
  for (const [item, ready] of [
    ['红黄绿灯', '新建旅游接待中心'],
    ['资金到位与拨付', '截至2017年9月30日'],
    ['月报填报', '报送截止：'],
    ['督办', '逾期自动升级'],
    ['打印', '打印文档'],
    ['报表导出', '导出县级报表'],
  ] as const) {
    await menu(page, item);
    await expect(page.getByText(ready).first()).toBeVisible();
    await expect(page.getByLabel('期别'), item).toHaveValue('2017年9月');
  }

  // Pick August on the lights page: the 总览 follows, and so does a reload.
  await menu(page, '红黄绿灯');
  await new MonthlyReportPage(page).pickPeriod('2017年8月');
  await expect(page.getByText('基准日 2017年8月31日')).toBeVisible();
  await menu(page, '总览');
  await expect(page.getByText('总览 · 2017年1-8月')).toBeVisible();
  await page.reload();
  await expect(page.getByText('总览 · 2017年1-8月')).toBeVisible();
  await menu(page, '报表导出');
  await expect(page.getByLabel('期别')).toHaveValue('2017年8月');

  // 记录本期灯色 for the clerk.
  await menu(page, '红黄绿灯');
  await expect(page.getByRole('row', { name: /^新建旅游接待中心 红灯/ })).toBeVisible();
  await page.getByRole('button', { name: /记录本期灯色/ }).click();
  await expect(page.getByText(/已记录2017年8月灯色/)).toBeVisible();
  await page.getByText('红灯', { exact: true }).click(); // the filter
  await page.screenshot({ path: 'test-results/screens/lights.png' });
});

test('关账 lists the projects without a report and asks before closing', async ({ page }) => {
  test.setTimeout(150_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  const reports = new MonthlyReportPage(page);
  await reports.actAs('周志强', '审核人');
  await page.goto('/#/reports/2017-10');
  await page.reload();
  await expect(page.getByLabel('期别')).toHaveValue('2017年10月');
  await page.getByRole('button', { name: /关\s*账/ }).click();
  const dialog = page.locator('.ant-modal-confirm');
  await expect(dialog.locator('.ant-modal-confirm-title')).toHaveText('关账：2017年10月（25个项目未报送）');
  await expect(dialog.getByText('本月应报送月报的25个项目中，以下25个尚未报送')).toBeVisible();
  await expect(dialog.getByTestId('unreported').locator('.ant-table-row').first()).toContainText('新建旅游接待中心');
  await page.screenshot({ path: 'test-results/screens/close-confirm.png' });
  // 取消 leaves the month open.
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
  await expect(page.getByRole('button', { name: /关\s*账/ })).toBeVisible();
  await page.getByRole('button', { name: /关\s*账/ }).click();
  await reports.confirm(/仍然关账（25个项目未报送）/);
  await expect(page.getByText('2017年10月已关账').first()).toBeVisible();
  await expect(page.getByLabel('期别')).toHaveValue('2017年10月'); // the month worked in stays current
});
