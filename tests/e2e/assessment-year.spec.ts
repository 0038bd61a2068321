// 考核年度: the page opens on the year of the app's current month (a blank ledger on this PC's clock; the sample's
// 2017年9月 → 2017), not on a 2017 written into the page; and another year typed in closes the 自评表 of the year
// left — 韩阳镇 2017年自评表 stayed open under “2018年还没有考核表”, and a score typed there changed 2017's ranking.
import { expect as baseExpect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';

const expect = baseExpect.configure({ timeout: 20_000 });
test.use({ viewport: { width: 1366, height: 768 } });

test('考核 opens on the current month’s year; changing the year closes the 自评表 of the year left', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  await page.getByRole('menuitem', { name: '考核' }).click();
  const year = page.getByRole('spinbutton', { name: '考核年度' });
  await expect(year).toHaveValue('2017');
  await page.getByRole('button', { name: /载入示例/ }).click();
  await page.getByTestId('ranking').getByText('韩阳镇', { exact: true }).click();
  await expect(page.getByText('韩阳镇 2017年自评表（满分200分）')).toBeVisible();
  await expect(page.getByRole('grid', { name: '自评表' })).toBeVisible();

  await year.fill('2018');
  await year.press('Enter');
  await expect(page.getByText('2018年还没有考核表', { exact: false })).toBeVisible();
  await expect(page.getByText('韩阳镇 2017年自评表（满分200分）')).toHaveCount(0);
  await expect(page.getByRole('grid', { name: '自评表' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/assessment-year-2018.png' });
  // back to 2017: the ranking again, no sheet open until a town is picked
  await year.fill('2017');
  await year.press('Enter');
  await expect(page.getByTestId('ranking')).toBeVisible();
  await expect(page.getByRole('grid', { name: '自评表' })).toHaveCount(0);
});

test('考核 on a blank ledger opens on the year of this PC’s month', async ({ page }) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('空白台账');
  const period = await page.evaluate(async () => {
    const r = await fetch('/rpc/periods:current', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    return ((await r.json()) as { data: { period: string } }).data.period;
  });
  await page.getByRole('menuitem', { name: '考核' }).click();
  await expect(page.getByRole('spinbutton', { name: '考核年度' })).toHaveValue(period.slice(0, 4));
  await expect(page.getByText(`${period.slice(0, 4)}年还没有考核表`, { exact: false })).toBeVisible();
});

test('新增乡镇自评表: an empty name is said under the box and the dialog stays; a name creates the sheet', async ({
  page,
}) => {
  await new LedgerPage(page).freshStart('载入示例数据');
  await page.getByRole('menuitem', { name: '考核' }).click();
  await page.getByRole('button', { name: '新增乡镇自评表' }).click();
  const dialog = page.getByRole('dialog', { name: '新增乡镇自评表' });
  await dialog.getByRole('button', { name: '创建' }).click();
  await expect(dialog.locator('.ant-form-item-explain-error')).toContainText('乡镇');
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/assessment-new-town-empty.png' });
  await dialog.getByLabel('乡镇名称').fill('蒲州镇');
  await dialog.getByLabel('乡镇名称').press('Enter');
  await expect(page.getByText('蒲州镇 2017年自评表（满分200分）')).toBeVisible();
  await expect(dialog).toBeHidden();
});
