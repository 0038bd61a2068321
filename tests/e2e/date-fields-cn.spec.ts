// Date fields read as every other date on the screens, 2017年9月30日 — the 督办 dialog's 整改期限, 项目表单's 计划开工
// and 指标 填报's 日期 showed 2017-09-30. The clerk still types the date as he writes it in Excel
// (2017-09-30, 2017/9/30, 2017.9.30, 2017年9月30日), and the field shows it the Chinese way once taken.
import { expect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { MonthlyReportPage } from './pages/monthly-report-page.ts';

const CN_DATE = /^\d{4}年\d{1,2}月\d{1,2}日$/;

test('date fields show 2017年9月30日 and take 2017-09-30 or 2017/9/30 typed', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const ledger = new LedgerPage(page);
  await ledger.freshStart('载入示例数据');

  // 项目表单: the sample's 计划开工 of 蒲州镇旅游景区提升工程 (2017-03-01)
  await ledger.row('蒲州镇旅游景区提升工程').getByRole('button', { name: '编辑' }).click();
  await expect(ledger.drawer().getByLabel('计划开工')).toHaveValue('2017年3月1日');
  await page.screenshot({ path: 'test-results/screens/date-fields-project.png' });
  await ledger.drawer().getByRole('button', { name: '取消' }).click();

  // 督办: the 整改期限 proposed (a week from today)
  const reports = new MonthlyReportPage(page);
  await reports.open();
  await page.getByRole('button', { name: '督办' }).first().click();
  const dialog = page.getByRole('dialog').filter({ hasText: '下达督办单' });
  await expect(dialog.getByLabel('整改期限')).toHaveValue(CN_DATE);
  await dialog.getByRole('button', { name: '取消' }).click();

  // 指标 填报's 日期 (DateInput): typed as in Excel, shown the Chinese way once taken
  await page.getByRole('menuitem', { name: '指标' }).click();
  await page.getByRole('row').filter({ hasText: '人均绿化面积' }).getByRole('button', { name: '填报' }).click();
  const date = page.getByRole('dialog', { name: '填报指标：人均绿化面积' }).getByLabel('日期');
  for (const typed of ['2017-09-30', '2017/9/30', '2017.9.30', '2017年9月30日']) {
    await date.fill(typed);
    await date.press('Enter');
    await date.blur(); // the field shows its own format once the cursor has left it
    await expect(date, typed).toHaveValue('2017年9月30日');
  }
  await page.screenshot({ path: 'test-results/screens/date-fields-indicator.png' });
});
