import { expect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';

test('the ledger slice: create, reject a bad amount, edit, delete, survive a reload', async ({ page }) => {
  const ledger = new LedgerPage(page);
  await ledger.freshStart();
  await expect(page.getByText('暂无项目，请点击“新增项目”')).toBeVisible();

  await ledger.submitNew({
    项目名称: '镇区公共停车场',
    建设地点: '镇政府东侧',
    建设内容及规模: '新建停车位120个',
    '总投资（万元）': '12o.5',
  });
  await expect(ledger.drawer().getByText('总投资“12o.5”不是有效的金额')).toBeVisible();
  await expect(page.getByText('请按红字提示修改后再保存')).toBeVisible();

  await ledger.fill({ '总投资（万元）': '120.5' });
  await ledger.save();
  await expect(page.getByText('已新增“镇区公共停车场”')).toBeVisible();
  await expect(ledger.row('镇区公共停车场')).toContainText('120.50');

  // Too many decimals in 万元 is refused too, and the stored amount does not change.
  await ledger.row('镇区公共停车场').getByRole('button', { name: /编辑/ }).click();
  await ledger.fill({ '总投资（万元）': '130.1234567' });
  await ledger.save();
  await expect(ledger.drawer().getByText(/总投资最多保留6位小数/)).toBeVisible();
  await ledger.fill({ '总投资（万元）': '130', 项目名称: '镇区公共停车场（一期）' });
  await ledger.save();
  await expect(page.getByText('已保存“镇区公共停车场（一期）”')).toBeVisible();
  await expect(ledger.row('镇区公共停车场（一期）')).toContainText('130.00');

  // A refusal from the core (not from the form's own rules) is put under the field it names.
  await ledger.submitNew({
    项目名称: '镇区公共停车场（一期）',
    建设地点: '镇政府东侧',
    建设内容及规模: '新建停车位',
    '总投资（万元）': '10',
  });
  await expect(
    ledger
      .drawer()
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: '年度已有同名项目“镇区公共停车场（一期）”' }),
  ).toBeVisible();
  await page.keyboard.press('Escape');

  await page.reload();
  await expect(ledger.row('镇区公共停车场（一期）')).toContainText('130.00');

  await ledger.row('镇区公共停车场（一期）').getByRole('button', { name: /删除/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /删\s*除/ })
    .click();
  await expect(page.getByText('已移入回收站（1 个项目）')).toBeVisible();
  await expect(ledger.row('镇区公共停车场（一期）')).toHaveCount(0);
  await page.reload();
  await expect(ledger.row('镇区公共停车场（一期）')).toHaveCount(0);

  await page.getByText('回收站', { exact: true }).click();
  await ledger.row('镇区公共停车场（一期）').getByRole('button', { name: /恢复/ }).click();
  await expect(page.getByText('已恢复“镇区公共停车场（一期）”')).toBeVisible();
  await page.getByText('在册项目', { exact: true }).click();
  await expect(ledger.row('镇区公共停车场（一期）')).toBeVisible();
});

test('the sample loads on first run and shows the 蒲州镇 ledger in zh-CN', async ({ page }) => {
  const ledger = new LedgerPage(page);
  await ledger.freshStart('载入示例数据');
  await expect(page.getByText('21,390.00')).toBeVisible();
  await expect(ledger.row('蒲州商业街工程')).toContainText('子项≠总投资');
  await expect(ledger.row('商业街硬化工程')).toBeVisible();
  await expect(page).toHaveTitle('乡镇建设项目台账 — 蒲州镇');
  await page.screenshot({ path: 'test-results/screens/ledger-sample.png' });
  // a person or unit is found by the pinyin of the name, as a project is by the search box
  const leaderFilter = page.getByRole('combobox', { name: '筛选包联领导' });
  await leaderFilter.click();
  await page.keyboard.type('zzq');
  const shown = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await expect(shown).toHaveText(['周志强']);
  await page.keyboard.press('Enter');
  await expect(ledger.row('蒲州商业街工程')).toBeVisible();
  await expect(ledger.row('镇总体规划修编')).toBeHidden();
  await page.getByRole('combobox', { name: '筛选责任单位' }).click();
  await page.keyboard.type('cjb');
  await expect(shown.first()).toHaveText('蒲州镇城建办');
});

test('新增项目 with typing in it asks before closing (Esc, 取消); an untouched one closes at once', async ({
  page,
}) => {
  const ledger = new LedgerPage(page);
  await ledger.freshStart();
  await ledger.openNew();
  await ledger.drawer().getByLabel('项目名称', { exact: true }).press('Escape');
  await expect(ledger.drawer()).toBeHidden(); // nothing typed: closes without asking
  await ledger.openNew();
  await ledger.fill({ 项目名称: '镇区公共停车场', 建设地点: '镇政府东侧' });
  await ledger.drawer().getByLabel('项目名称', { exact: true }).press('Escape');
  const ask = page.locator('.ant-modal-confirm');
  await expect(ask.locator('.ant-modal-confirm-title')).toHaveText('放弃未保存的内容？');
  await page.screenshot({ path: 'test-results/screens/project-form-guarded-close.png' });
  await ask.getByRole('button', { name: '继续填写' }).click();
  await expect(ledger.drawer().getByLabel('项目名称', { exact: true })).toHaveValue('镇区公共停车场');
  await ledger
    .drawer()
    .getByRole('button', { name: /取\s*消/ })
    .click();
  await ask.getByRole('button', { name: '放弃并关闭' }).click();
  await expect(ledger.drawer()).toBeHidden();
});
