// 修改记录 and 设置's 登录记录: the filters of a log (全部操作员, the date range, 全部对象, 共 N 条) stood against each
// other with no space between them — the boxes' borders touched and “共 2 条” ran into the date box — because the
// page's Space spaced the filter component as one item. Each must stand apart from the one before, as on every page.
import { expect, test, type Locator } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';

/** The horizontal gaps between the filters in a row, in pixels, left to right. */
const gaps = (row: Locator) =>
  row.evaluate((el) => {
    const boxes = [
      ...el.querySelectorAll('.ant-select, .ant-picker-range'),
      [...el.querySelectorAll('.ant-typography')].find((t) => /^共 \d+ 条$/.test(t.textContent ?? '')),
    ]
      .filter((x): x is Element => !!x)
      .map((x) => x.getBoundingClientRect())
      .sort((a, b) => a.left - b.left);
    return boxes.slice(1).map((b, i) => Math.round(b.left - boxes[i]!.right));
  });

test('修改记录 and 登录记录: the filters stand apart, 共 N 条 not against the date box', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await new LedgerPage(page).freshStart('载入示例数据');

  await page.getByRole('menuitem', { name: '修改记录' }).click();
  const history = page.locator('.ant-layout-content .ant-space', { hasText: /共 \d+ 条/ }).first();
  await expect(history).toBeVisible();
  const h = await gaps(history);
  expect(h.length, '修改记录应有操作员、日期、对象和条数').toBe(3);
  for (const g of h) expect(g, `修改记录筛选之间的间距 ${h.join('/')}`).toBeGreaterThanOrEqual(8);
  await page.screenshot({ path: 'test-results/screens/log-filter-history.png' });

  await page.getByRole('menuitem', { name: '设置' }).click();
  const signIns = page
    .getByTestId('sign-in-log')
    .locator('.ant-space', { hasText: /共 \d+ 条/ })
    .first();
  await expect(signIns).toBeVisible();
  const s = await gaps(signIns);
  expect(s.length, '登录记录应有操作员、日期和条数').toBe(2);
  for (const g of s) expect(g, `登录记录筛选之间的间距 ${s.join('/')}`).toBeGreaterThanOrEqual(8);
});
