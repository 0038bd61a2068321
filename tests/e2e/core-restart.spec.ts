import { expect, test } from '@playwright/test';
import { startBigImport } from './pages/big-import.ts';
import { LedgerPage } from './pages/ledger-page.ts';
import { SessionGate, TEST_ADMIN } from './pages/session.ts';

test('程序核心意外停止 during an import: the window says so in Chinese, goes back to the sign-in screen, nothing was imported', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await new LedgerPage(page).freshStart('空白台账');
  const dialog = await startBigImport(page, 6000);

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
