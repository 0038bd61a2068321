import { expect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { PrintPage } from './pages/print-page.ts';

test('打印: preview each document of the sample, edit and save the briefing, save a PDF', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await new LedgerPage(page).freshStart('载入示例数据');
  const print = new PrintPage(page);
  await print.open();

  // The period defaults to the latest month with reports; the briefing previews first.
  await expect(print.preview().getByText('蒲州镇小城镇建设工作简报')).toBeVisible();
  await expect(print.preview().getByText(/总投资21390\.00万元/)).toBeVisible();
  await expect(page.getByText(/方正小标宋简体未安装/)).toBeVisible();
  await page.screenshot({ path: 'test-results/documents/ui-briefing.png' });

  await page.getByRole('textbox', { name: '工作亮点' }).fill('西厢大街立面改造完成105户。');
  await page.getByRole('button', { name: '保存本期简报' }).click();
  await expect(page.getByText('已保存2017年第1期简报')).toBeVisible();
  await expect(print.preview().getByText('西厢大街立面改造完成105户。')).toBeVisible();

  for (const [title, text] of [
    ['重点项目建设进展情况表', '合计（24个）'],
    ['一项目一档', '一、基本信息'],
    ['滞后/预警清单', '断头路打通'],
    ['督办单', '尚未签发督办单'],
    ['挂图作战图', '挂图作战图'],
  ] as const) {
    await print.chooseDocument(title);
    await expect(print.preview().getByText(text).first()).toBeVisible();
  }
  await page.screenshot({ path: 'test-results/documents/ui-wallchart.png' });

  await print.chooseDocument('滞后/预警清单');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '另存为PDF' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/滞后预警清单.*\.pdf$/);
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});

test('另存为PDF: the dialog shows the stage 生成 PDF, and 取消 stops the print with no file', async ({ page }) => {
  await new LedgerPage(page).freshStart('载入示例数据');
  const print = new PrintPage(page);
  await print.open();
  await print.chooseDocument('重点项目建设进展情况表');
  await expect(print.preview().getByText('合计（24个）').first()).toBeVisible();
  let downloads = 0;
  page.on('download', () => downloads++);

  await page.getByRole('button', { name: '另存为PDF' }).click();
  const dialog = page.getByRole('dialog', { name: '另存为PDF' });
  // The stage under the title: 准备中 until the first report, then the core's own (排版, 生成 PDF).
  await expect(dialog.getByRole('progressbar', { name: '另存为PDF' })).toContainText('生成 PDF');
  // antd spaces two-character labels (取 消). Clicked first, the picture after: a fast machine prints in a second.
  await dialog.getByRole('button', { name: /^取\s*消$/ }).click();
  await page.screenshot({ path: 'test-results/documents/ui-pdf-progress.png' });
  await expect(page.getByText('已取消，本次操作没有保存任何修改')).toBeVisible({ timeout: 30_000 });
  await expect(dialog).toBeHidden();
  expect(downloads).toBe(0);

  // The next PDF prints as usual.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '另存为PDF' }).click();
  expect((await download).suggestedFilename()).toMatch(/进展情况表.*\.pdf$/);
});

test('打印设置: 最小字号 is offered for the 进展表 only, the one document fitted by its type size', async ({
  page,
}) => {
  await new LedgerPage(page).freshStart('载入示例数据');
  const print = new PrintPage(page);
  await print.open();
  await expect(print.preview().getByText('蒲州镇小城镇建设工作简报')).toBeVisible();
  await expect(page.getByText('打印设置')).toBeVisible();
  await expect(page.getByText('最小字号（磅）')).toHaveCount(0);
  await print.chooseDocument('重点项目建设进展情况表');
  await expect(page.getByText('最小字号（磅）')).toBeVisible();
  await print.chooseDocument('滞后/预警清单');
  await expect(print.preview().getByText('断头路打通').first()).toBeVisible();
  await expect(page.getByText('最小字号（磅）')).toHaveCount(0);
});
