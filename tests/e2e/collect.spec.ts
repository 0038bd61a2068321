import { expect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { MonthlyReportPage } from './pages/monthly-report-page.ts';

test('报送收集: kits are made and downloaded, a returned kit is checked and merged, the roster shows it returned', async ({
  page,
}) => {
  // Five PDFs through Chromium: on Debian's Chromium 156.0.8078.114 a blank page alone takes 2 s to print, and beside
  // the other specs this test passed 60 s (37 s alone).
  test.setTimeout(180_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  await page.getByRole('menuitem', { name: /报送收集/ }).click();
  await expect(page.getByText('2017年9月报送情况')).toBeVisible();
  await expect(page.getByText('本月尚未发出报送表')).toBeVisible();
  await page.getByLabel('联系人及电话').fill('镇党政办 王芳');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '生成并下载报送表' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^蒲州镇2017年9月月报报送表-.+\.xlsx$/);
  await expect(page.getByRole('cell', { name: '蒲州镇水利站' }).first()).toBeVisible();
  const fs = await import('node:fs');
  const buffer = fs.readFileSync((await download.path())!);
  const unit = download.suggestedFilename().replace(/^.*-(.+)\.xlsx$/, '$1');
  const roster = page.locator('.ant-table-row').filter({ hasText: unit }).last();
  await expect(roster).toContainText('未报');

  // units that fill on paper: a PDF 填报表 each; the units past the deadline (2017年10月5日; the harness's day is later): a 督办通知
  const [form] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '纸质填报表（PDF）' }).click(),
  ]);
  expect(form.suggestedFilename()).toMatch(/^蒲州镇2017年9月月报填报表-.+\.pdf$/);
  expect(
    fs
      .readFileSync((await form.path())!)
      .subarray(0, 5)
      .toString('latin1'),
  ).toBe('%PDF-');
  const [notice] = await Promise.all([
    page.waitForEvent('download', { predicate: (d) => d.suggestedFilename().includes('督办通知') }),
    page.getByRole('button', { name: '督办通知（PDF）' }).click(),
  ]);
  expect(notice.suggestedFilename()).toBe('蒲州镇2017年9月月报督办通知.pdf');
  expect(
    fs
      .readFileSync((await notice.path())!)
      .subarray(0, 5)
      .toString('latin1'),
  ).toBe('%PDF-');

  // the unit sends its (pre-filled, already submitted) kit back unchanged under another name
  await page.locator('input[type=file]').setInputFiles({
    name: '交回的表.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
  await expect(page.getByText('交回的表.xlsx')).toBeVisible();
  await page.getByRole('button', { name: '检查（不写入）' }).click();
  await expect(
    page.getByText(/检查结果（未写入）：2017年9月采用 \d+ 个项目的月报（其中 0 个将改变台账），未采用 0 处/),
  ).toBeVisible();
  // each returned file with the unit and month of its kit (the month it goes into)
  const returned = page.locator('.ant-table-row').filter({ hasText: '交回的表.xlsx' }).first();
  await expect(returned).toContainText(unit);
  await expect(returned).toContainText('2017年9月');
  await page.screenshot({ path: 'test-results/e2e/collect-preview.png', fullPage: true });
  await page.getByRole('button', { name: '合并到月报' }).click();
  await expect(page.getByText(/已合并：2017年9月采用 \d+ 个项目的月报/).first()).toBeVisible();
  await expect(roster).toContainText('已报');
  await expect(roster).toContainText('交回的表.xlsx');
});

test('报送收集: a return merged into a month other than the one shown offers to go there (the window stayed put)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  await page.getByRole('menuitem', { name: /报送收集/ }).click();
  await expect(page.getByText('2017年9月报送情况')).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '生成并下载报送表' }).click(),
  ]);
  const fs = await import('node:fs');
  const buffer = fs.readFileSync((await download.path())!);
  // the clerk has moved on to look at August when September's return comes back
  await new MonthlyReportPage(page).pickPeriod('2017年8月');
  await expect(page.getByText('2017年8月报送情况')).toBeVisible();
  await page.locator('input[type=file]').setInputFiles({
    name: '九月交回.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
  await page.getByRole('button', { name: '合并到月报' }).click();
  await expect(page.getByText(/已合并：2017年9月采用 \d+ 个项目的月报/).first()).toBeVisible();
  await expect(page.getByLabel('期别')).toHaveValue('2017年8月');
  await page.screenshot({ path: 'test-results/screens/collect-merged-other-month.png', fullPage: true });
  await page.getByRole('button', { name: '转到2017年9月' }).click();
  await expect(page.getByLabel('期别')).toHaveValue('2017年9月');
  await expect(page.getByText('2017年9月报送情况')).toBeVisible();
});
