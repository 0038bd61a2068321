// A 资金构成 amount typed as approximate (460余) is kept so: the project page's list shows 460.00余 (its 小计 the exact
// sum), and so does the 资金 page's split by source; it was taken as 460 and shown 460.00 as if exact.
import { expect, test } from '@playwright/test';
import { LedgerWorkspace } from './pages/ledger-workspace-page.ts';
import { SheetGrid } from './pages/sheet.ts';

test('资金构成: 460余 reads 460.00余 on the project page and the 资金 page; the sums are exact', async ({ page }) => {
  const w = new LedgerWorkspace(page);
  await w.freshStart('空白台账');
  const name = '蒲州镇商业街改造';
  await w.submitNew({ 项目名称: name, 建设地点: '镇区', 建设内容及规模: '硬化1.8公里', '总投资（万元）': '2700' });
  await expect(page.getByText(`已新增“${name}”`)).toBeVisible();
  await w.openFile(name);
  await w.tab('资金构成').click();
  const funding = new SheetGrid(page, page.getByRole('grid', { name: '资金构成表格' }));
  await funding.cell(0, 2).click();
  await funding.paste('省级资金\t460余\r\n镇政府自筹\t40\r\n');
  await expect(page.getByText(/^粘贴：已保存 4 个单元格/)).toBeVisible();
  await expect(funding.cell(0, 3)).toHaveText('460.00余');
  await expect(funding.cell(1, 3)).toHaveText('40.00');
  await expect(w.panel().locator('tr', { hasText: /^上级补助省级资金/ })).toContainText('460.00余');
  await expect(w.panel().locator('tr', { hasText: '上级补助小计' })).toContainText(/460\.00$/);
  await expect(w.panel().getByText('资金构成合计500.00万元，尚有2200.00万元未落实')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/funding-approx-project.png', fullPage: true });

  await page.goto('/#/funds');
  const row = page.locator('.pt-row', { hasText: name });
  await expect(row).toContainText('500.00');
  await row.getByRole('button', { name: '展开' }).click();
  const split = page.locator('.pt-expanded');
  await expect(split.locator('tr', { hasText: '上级补助' })).toContainText('460.00余');
  await expect(split.locator('tr', { hasText: '镇自筹' })).toContainText('镇自筹40.00—');
  await page.screenshot({ path: 'test-results/e2e/funding-approx-funds.png', fullPage: true });
});
