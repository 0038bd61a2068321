import { expect, test } from '@playwright/test';
import * as XLSX from 'xlsx';
import { LedgerPage } from './pages/ledger-page.ts';
import { SessionGate, TEST_ADMIN } from './pages/session.ts';

/** A county-style sheet big enough that its import is still under way when the core is killed. */
function bigSheet(rows: number): Buffer {
  const aoa: unknown[][] = [
    ['某镇项目清单'],
    ['序号', '项目名称', '建设地点', '建设内容', '总投资（万元）', '建设起止年限'],
  ];
  for (let i = 1; i <= rows; i++)
    aoa.push([
      i,
      `测试道路硬化工程${i}号`,
      `第${(i % 30) + 1}村`,
      `硬化道路${(i % 9) + 1}公里`,
      `${100 + (i % 500)}.5`,
      '2017',
    ]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '清单');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

test('程序核心意外停止 during an import: the window says so in Chinese, goes back to the sign-in screen, nothing was imported', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await new LedgerPage(page).freshStart('空白台账');
  await page.getByRole('menuitem', { name: /导入台账/ }).click();
  await page.locator('input[type=file]').setInputFiles({
    name: '大台账.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: bigSheet(6000),
  });
  await expect(page.getByText('预览：大台账.xlsx')).toBeVisible({ timeout: 120_000 });
  await page.getByRole('button', { name: /确认导入（新增 6000/ }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: '导入台账' });
  await expect(dialog).toBeVisible();

  // The core host's worker dies while the import is under way (the harness kills it as a crash would).
  const crash = await page.request.post('/__harness/crash-core');
  expect(await crash.json()).toEqual({ ok: true, mode: 'normal' });

  const notice = page.locator('.ant-notification-notice').filter({ hasText: '程序核心已重新启动' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('正在进行的操作没有完成');
  await expect(notice).toContainText('请重新登录');
  // The restarted core starts signed out: the window shows the sign-in screen, not a page whose calls would fail.
  const gate = new SessionGate(page);
  await expect(gate.dialog()).toBeVisible();
  await expect(gate.dialog()).toContainText('选择操作员');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('current-operator')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/e2e/core-restarted.png' });

  await gate.signIn(TEST_ADMIN);
  // The killed import wrote nothing: the ledger is still empty.
  const r = await page.evaluate(() => window.api.invoke('projects:list', {}));
  expect((r as { ok: boolean; data: unknown[] }).data).toEqual([]);
});
