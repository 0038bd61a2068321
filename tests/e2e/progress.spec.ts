import { expect, test } from '@playwright/test';
import { startBigImport } from './pages/big-import.ts';
import { LedgerPage } from './pages/ledger-page.ts';

test('导入台账: the progress dialog shows the percentage moving, and 取消 stops the import with nothing written', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await new LedgerPage(page).freshStart('空白台账');
  const dialog = await startBigImport(page, 8000);
  const bar = dialog.getByRole('progressbar', { name: '导入台账' });
  const percents = new Set<number>();
  // Watch until the import is writing and the percentage has taken several values.
  await expect(async () => {
    percents.add(Number(await bar.getAttribute('aria-valuenow')));
    expect(percents.size).toBeGreaterThan(2);
    await expect(dialog).toContainText('写入台账', { timeout: 100 });
  }).toPass({ timeout: 120_000, intervals: [150] });
  expect(Math.max(...percents)).toBeGreaterThan(0);

  // antd spaces two-character labels (取 消). Clicked at once, the picture after: a fast machine writes in a second.
  await dialog.getByRole('button', { name: /^取\s*消$/ }).click();
  await page.screenshot({ path: 'test-results/e2e/import-progress.png' });
  await expect(page.getByRole('alert').filter({ hasText: '已取消，本次操作没有保存任何修改' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(dialog).toBeHidden();
  await page.screenshot({ path: 'test-results/e2e/import-cancelled.png' });
  // Nothing was imported: the ledger is still empty.
  const r = await page.evaluate(() => window.api.invoke('projects:list', {}));
  expect((r as { ok: boolean; data: unknown[] }).data).toEqual([]);
});
