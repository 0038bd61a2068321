// 指标 填报 with a mistyped year (2071): the core refuses the reading (indicator.service, fact-dates.ts) and the
// dialog says why under 日期, where the clerk corrects it, as well as at the top; nothing is recorded. The field
// stayed unmarked: DateInput dropped the ref Form.Item gives it, and applyApiError marks only fields it can find.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';

const expect = baseExpect.configure({ timeout: 20_000 });
test.use({ viewport: { width: 1366, height: 768 } });

/** The sample loaded, 人均绿化面积's 填报 dialog open with 3.5 typed: its row, the dialog and its 日期 box. */
async function fillDialog(page: Page) {
  await new LedgerPage(page).freshStart('载入示例数据');
  await page.getByRole('menuitem', { name: '指标' }).click();
  const row = page.getByRole('row').filter({ hasText: '人均绿化面积' });
  await row.getByRole('button', { name: '填报' }).click();
  const dialog = page.getByRole('dialog', { name: '填报指标：人均绿化面积' });
  await dialog.getByRole('spinbutton').fill('3.5');
  return { row, dialog, date: dialog.getByLabel('日期') };
}

test('指标 填报: a date after today is refused under 日期 and nothing is recorded; the corrected date saves', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { row, dialog, date } = await fillDialog(page);
  await date.fill('2071-09-30');
  await date.press('Enter');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  const refusal =
    /^实际值日期（2071年9月30日）不能晚于今天（\d{4}年\d{1,2}月\d{1,2}日），请核对年份；如电脑日期不对请先校正$/;
  await expect(dialog.locator('.ant-form-item-explain-error')).toHaveText(refusal);
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/indicators-future-date.png' });
  await expect(row).toContainText('未填报');

  await date.fill('2017-09-30');
  await date.press('Enter');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('3.5㎡（2017年9月30日）');
  await expect(row).toContainText('达标');
});

test('指标 填报: a day not on the calendar (2017-02-30) is refused under 日期 as the cursor leaves, naming it; nothing is recorded', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { row, dialog, date } = await fillDialog(page);
  await date.fill('2017-02-30');
  await date.press('Tab');
  await expect(dialog.locator('.ant-form-item-explain-error')).toHaveText(
    '日期“2017-02-30”不是有效日期（2017年2月没有30日）',
  );
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeVisible();
  await expect(row).toContainText('未填报');
});
