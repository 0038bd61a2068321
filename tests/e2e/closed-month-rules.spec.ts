// The 预警规则 dialog edits the rules in force; opened on a closed month's 红黄绿灯 page it stood beside lights judged
// at the close, perhaps by other rules, and said nothing of them. It now states the rules kept at the close and that a
// change here leaves the month's lights as they are; on an open month it shows the form alone.
import { expect, test, type Page } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { rpc } from './pages/sheet.ts';

const openRules = async (page: Page) => {
  await page.getByRole('menuitem', { name: '红黄绿灯' }).click();
  await page.getByRole('button', { name: '预警规则' }).click();
  return page.getByRole('dialog').filter({ hasText: '红黄绿灯预警规则' });
};

test('a closed month’s 预警规则 dialog states the rules kept at its close', async ({ page }) => {
  await new LedgerPage(page).freshStart('载入示例数据');
  await rpc(page, 'periods:close', { period: '2017-09' });
  await rpc(page, 'lights:rules:save', {
    investYellowFromPts: 5,
    investRedAbovePts: 20,
    startRedMonths: 3,
    nodeYellowDays: 1,
    nodeRedDays: 15,
    paymentMinPct: 50,
    statsThresholdWan: '500',
    reportDueDay: 10,
  });
  await rpc(page, 'periods:pick', { period: '2017-09' });
  await page.reload();

  const dialog = await openRules(page);
  await expect(page.getByLabel('期别')).toHaveValue('2017年9月');
  const note = dialog.getByRole('alert');
  await expect(note).toContainText(
    '2017年9月已关账，本月灯色按关账时执行的预警规则评定，不随这里的修改而变；这里修改的是现行规则，用于未关账的月份。',
  );
  await expect(note).toContainText('2017年9月关账时执行的规则：投资完成率低于序时进度10–30个百分点（含）为黄灯');
  await expect(note).toContainText('月报次月5日前未报送为黄灯');
  // the form itself holds the rules in force
  await expect(dialog.getByLabel('投资低于序时进度（黄灯起点）')).toHaveValue('5');
  await dialog.screenshot({ path: test.info().outputPath('closed-month-rules.png') });
  await dialog.getByRole('button', { name: '取消' }).click();

  await rpc(page, 'periods:pick', { period: null });
  await page.reload();
  const open = await openRules(page);
  await expect(page.getByLabel('期别')).toHaveValue('2017年10月');
  await expect(open.getByLabel('投资低于序时进度（黄灯起点）')).toHaveValue('5');
  await expect(open.getByRole('alert')).toHaveCount(0);
});
