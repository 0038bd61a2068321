// 至上年底累计 typed in the project form (it had no field for it, though the grid sends the clerk there): kept with
// its year, and 开工以来累计 in the ledger grid is it plus the 月报 after it.
import { expect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { rpc } from './pages/sheet.ts';

test('项目表单: 至上年底累计 and its year are typed, kept and counted in 开工以来累计', async ({ page }) => {
  const ledger = new LedgerPage(page);
  await ledger.freshStart();
  await ledger.submitNew({
    项目名称: '滨河路改造',
    建设地点: '镇区',
    建设内容及规模: '道路改造2公里',
    '总投资（万元）': '500',
    '至上年底累计（万元）': '12o',
  });
  await expect(ledger.drawer().getByText(/不是有效的金额/)).toBeVisible();
  await ledger.fill({ '至上年底累计（万元）': '120.5', 累计截至年份: '2016' });
  await ledger.save();
  await expect(page.getByText('已新增“滨河路改造”')).toBeVisible();
  const [p] = await rpc<{ id: number; openingCumFen: number; openingCumYear: number | null }[]>(
    page,
    'projects:list',
    {},
  );
  expect(p).toMatchObject({ openingCumFen: 120_500_000, openingCumYear: 2016 });
  // Opened again, the form shows what was saved; a save of another field keeps it.
  await ledger.row('滨河路改造').getByRole('button', { name: /编辑/ }).click();
  await expect(ledger.drawer().getByLabel('至上年底累计（万元）', { exact: true })).toHaveValue('120.50');
  await expect(ledger.drawer().getByLabel('累计截至年份', { exact: true })).toHaveValue('2016');
  await ledger.fill({ 项目名称: '滨河路改造（一期）' });
  await ledger.drawer().screenshot({ path: 'test-results/screens/opening-cum-form.png' });
  await ledger.save();
  await expect(page.getByText('已保存“滨河路改造（一期）”')).toBeVisible();
  const [again] = await rpc<{ openingCumFen: number; openingCumYear: number | null }[]>(page, 'projects:list', {});
  expect(again).toMatchObject({ openingCumFen: 120_500_000, openingCumYear: 2016 });
});
