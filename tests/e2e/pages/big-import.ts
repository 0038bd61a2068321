import { expect, type Locator, type Page } from '@playwright/test';
import * as XLSX from 'xlsx';

/**
 * A county-style sheet of `rows` projects (title line, header, 序号 and 总投资 as counties write them): big enough that
 * its import takes seconds, so its progress can be watched, cancelled, or the core killed while it runs.
 */
export function bigCountySheet(rows: number): Buffer {
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

/**
 * From the 台账 page: 导入台账 with that sheet, the preview awaited, 确认导入 clicked. Returns the progress dialog
 * the import now runs under.
 */
export async function startBigImport(page: Page, rows: number): Promise<Locator> {
  await page.getByRole('menuitem', { name: /导入台账/ }).click();
  await page.locator('input[type=file]').setInputFiles({
    name: '大台账.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: bigCountySheet(rows),
  });
  await expect(page.getByText('预览：大台账.xlsx')).toBeVisible({ timeout: 120_000 });
  await page.getByRole('button', { name: new RegExp(`确认导入（新增 ${rows}`) }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: '导入台账' });
  await expect(dialog).toBeVisible();
  return dialog;
}
