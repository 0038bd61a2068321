import { expect, test } from '@playwright/test';
import JSZip from 'jszip';
import { LedgerPage } from './pages/ledger-page.ts';

test.describe.configure({ mode: 'serial' });

// 报表导出 → 报县数据包 on the sample, then the same app on a county ledger imports it on the 县级汇总 page.
test('a town exports its data package; the 县级汇总 page imports it, shows the town and the county total, and refuses a changed package naming the file', async ({
  page,
}) => {
  const ledger = new LedgerPage(page);
  await ledger.freshStart('载入示例数据');
  // A town's ledger has no 县级汇总 page.
  await expect(page.getByRole('menuitem', { name: /县级汇总/ })).toHaveCount(0);
  await page.getByRole('menuitem', { name: /报表导出/ }).click();
  await page.locator('.ant-picker input').first().fill('2017年9月');
  await page.keyboard.press('Enter');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出数据包' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('蒲州镇-2017年9月-数据包.zip');
  const fs = await import('node:fs');
  const zipBytes = fs.readFileSync(await download.path());
  const zip = await JSZip.loadAsync(zipBytes);
  expect(Object.keys(zip.files)).toContain('manifest.json');
  const t3 = Object.keys(zip.files).find((n) => n.includes('表3'))!;
  const changed = await zip.file(t3)!.async('nodebuffer');
  changed[200] = changed[200]! ^ 0x01;
  zip.file(t3, changed);
  const tampered = await zip.generateAsync({ type: 'nodebuffer' });

  // A new, empty ledger made a county's (a full page load: the app reads the ledger it starts on).
  await page.goto('about:blank');
  await ledger.freshStart('空白台账');
  const saved = await page.request.post('/rpc/county:saveSettings', {
    data: { countyName: '永济市', towns: ['蒲州镇', '虞乡镇'] },
  });
  expect((await saved.json()).ok).toBe(true);
  await page.reload();
  await page.getByRole('menuitem', { name: /县级汇总/ }).click();
  await expect(page.getByText('尚未收到任何乡镇的数据包')).toBeVisible();

  await page
    .locator('input[type=file]')
    .setInputFiles({ name: '蒲州镇-2017年9月-数据包.zip', mimeType: 'application/zip', buffer: zipBytes });
  await expect(page.getByText('已导入蒲州镇2017年9月数据包：项目 24 个，总投资 21,390.00 万元')).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: '蒲州镇' }).filter({ hasText: '未关账' });
  await expect(row).toContainText('21,390.00');
  await expect(page.getByRole('row').filter({ hasText: '全县合计' })).toContainText('21,390.00');
  await expect(page.getByText('2017年9月尚未报送的乡镇（1个）')).toBeVisible();
  await expect(page.locator('.ant-tag').filter({ hasText: '虞乡镇' })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/county-summary.png', fullPage: true });

  await page
    .locator('input[type=file]')
    .setInputFiles({ name: '改动过.zip', mimeType: 'application/zip', buffer: tampered });
  await expect(page.getByText('未导入：改动过.zip')).toBeVisible();
  await expect(page.getByText(new RegExp(`文件“${t3}”内容与清单记录的校验值（哈希值）不符`))).toBeVisible();
});
