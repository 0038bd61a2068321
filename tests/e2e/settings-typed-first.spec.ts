import { expect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';

// On a slow PC the stored settings can arrive after the clerk started typing: what was typed stays, and is saved
// (it was once filled over with the stored value, saved as unchanged, while “已保存设置” was shown).
test('设置: text typed before the stored settings arrive is kept and saved', async ({ page }) => {
  await new LedgerPage(page).freshStart('载入示例数据');
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  await page.route('**/rpc/settings%3Aget', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('menuitem', { name: '设置' }).click();
  const field = page.getByLabel('默认报送单位');
  await field.fill('永济市住建局');
  const answered = page.waitForResponse('**/rpc/settings%3Aget');
  release();
  await answered;
  await expect(page.getByLabel('乡镇名称')).toHaveValue('蒲州镇'); // the stored values fill the untouched fields
  await expect(field).toHaveValue('永济市住建局');
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('已保存设置')).toBeVisible();
  await page.unroute('**/rpc/settings%3Aget');
  await page.reload();
  await expect(page.getByLabel('默认报送单位')).toHaveValue('永济市住建局');
});

// A year typed short (17 for 2017) stays as typed and is refused in words: the box once turned it into 1900 on
// leaving it, silently, and 设置 saved the town's year as 1900.
test('设置: 年度 typed as 17 stays 17 and is refused with the reason; nothing is saved', async ({ page }) => {
  await new LedgerPage(page).freshStart('载入示例数据');
  await page.getByRole('menuitem', { name: '设置' }).click();
  const year = page.getByLabel('年度', { exact: true });
  await expect(year).toHaveValue('2017');
  await year.fill('17');
  await year.blur();
  await expect(year).toHaveValue('17');
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('年度不能早于1900年')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/settings-year-refused.png' });
  await page.reload();
  await expect(page.getByLabel('年度', { exact: true })).toHaveValue('2017');
});
