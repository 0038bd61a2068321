import { expect, type Page } from '@playwright/test';
import { bigCountySheet } from './big-import.ts';
import { LedgerPage } from './ledger-page.ts';
import { rpc } from './sheet.ts';

/**
 * A fresh ledger of `rows` projects (the county sheet of big-import.ts, imported through the harness in one call:
 * the import's own dialog is not what these specs look at), with the 台账 page opened on it.
 */
export async function bigLedger(page: Page, rows: number): Promise<void> {
  await new LedgerPage(page).freshStart('空白台账');
  const report = await rpc<{ created: number }>(page, 'excel:importApply', {
    fileName: '大台账.xlsx',
    base64: bigCountySheet(rows).toString('base64'),
    year: 2017,
  });
  expect(report.created).toBe(rows);
  await page.reload();
  await expect(page.getByRole('grid', { name: '项目台账表格' })).toHaveAttribute('aria-rowcount', String(rows + 1), {
    timeout: 60_000,
  });
}
