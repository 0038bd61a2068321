import { expect, test } from '@playwright/test';
import * as XLSX from 'xlsx';
import { LedgerPage } from './pages/ledger-page.ts';

/** A county-style sheet big enough that the import takes a few seconds and its progress can be watched. */
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

test('导入台账: the progress dialog shows the percentage moving, and 取消 stops the import with nothing written', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await new LedgerPage(page).freshStart('空白台账');
  await page.getByRole('menuitem', { name: /导入台账/ }).click();
  await page.locator('input[type=file]').setInputFiles({
    name: '大台账.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: bigSheet(8000),
  });
  await expect(page.getByText('预览：大台账.xlsx')).toBeVisible({ timeout: 120_000 });

  await page.getByRole('button', { name: /确认导入（新增 8000/ }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: '导入台账' });
  await expect(dialog).toBeVisible();
  const bar = dialog.getByRole('progressbar', { name: '导入台账' });
  const percents = new Set<number>();
  // Watch until the import is writing and the percentage has taken several values.
  await expect(async () => {
    percents.add(Number(await bar.getAttribute('aria-valuenow')));
    expect(percents.size).toBeGreaterThan(2);
    await expect(dialog).toContainText('写入台账', { timeout: 100 });
  }).toPass({ timeout: 120_000, intervals: [150] });
  expect(Math.max(...percents)).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/e2e/import-progress.png' });

  // antd spaces two-character labels (取 消).
  await dialog.getByRole('button', { name: /^取\s*消$/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: '已取消，本次操作没有保存任何修改' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(dialog).toBeHidden();
  await page.screenshot({ path: 'test-results/e2e/import-cancelled.png' });
  // Nothing was imported: the ledger is still empty.
  const r = await page.evaluate(() => window.api.invoke('projects:list', {}));
  expect((r as { ok: boolean; data: unknown[] }).data).toEqual([]);
});
