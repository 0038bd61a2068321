import { expect as baseExpect, test, type Page } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { MonthlyReportPage, reportsBatch, type BatchRow } from './pages/monthly-report-page.ts';
import { SheetGrid } from './pages/sheet.ts';

const expect = baseExpect.configure({ timeout: 20_000 });

const batch = (page: Page) => reportsBatch(page);

/** The sample ledger, fresh, with the 月报 of October 2017 open as a sheet. */
async function octoberSheet(page: Page) {
  await new LedgerPage(page).freshStart('载入示例数据');
  const reports = new MonthlyReportPage(page);
  await reports.open();
  await reports.pickPeriod('2017年10月');
  const grid = page.getByRole('grid', { name: '月报填报表格' });
  return { reports, grid, sheet: new SheetGrid(page, grid) };
}

// ARIA column indexes of the 月报 sheet: check box 1, 序号 2, 灯 3, 项目名称 4, 上月 5, 本月完成投资 6, 形象进度 7, 进度% 8 … 1-9月累计 12
const MONTH = 6;
const IMAGE = 7;
const PCT = 8;
const YTD = 12;

test('月报 as a spreadsheet: a 3×10 block pasted from Excel, refused cell in place, undo/redo, moves, Delete, Ctrl+D, copy', async ({
  page,
}) => {
  test.setTimeout(300_000); // the sheet's 36 rows re-render slowly when the shared 2-core machine is saturated
  const { grid, sheet } = await octoberSheet(page);
  await expect(grid.getByRole('columnheader', { name: '本月完成投资(万元)' })).toBeVisible();

  // ten consecutive rows that take a report (no 汇总 parent among them)
  const rows = await batch(page);
  const start = rows.findIndex(
    (_, i) => rows.slice(i, i + 10).length === 10 && rows.slice(i, i + 10).every((r) => !r.isParent),
  );
  expect(start).toBeGreaterThanOrEqual(0);
  const ten = rows.slice(start, start + 10);

  // The block as Excel puts it on the clipboard (CRLF rows, a quoted cell with a tab inside); row 4's 进度% is refused.
  const lines = ten.map(
    (_, i) => `${100 + i}.5\t${i === 2 ? '"主体\t施工"' : `形象进度${i}`}\t${i === 4 ? '120' : String(10 * i)}`,
  );
  await sheet.click(start, MONTH);
  await expect(sheet.cell(start, MONTH)).toHaveAttribute('aria-selected', 'true');
  await sheet.paste(lines.join('\r\n') + '\r\n');
  // saved whole or not at all: the block waits as drafts, the refused cell marked, nothing written
  await expect(
    page.getByText(
      '粘贴：整块未保存；1 个单元格未通过校验：形象进度%应为0–100之间的整数（“120”），原因已在格中标出；其余 29 个单元格已填入草稿，改正后点“保存草稿”一起保存',
    ),
  ).toBeVisible();
  await expect(sheet.cell(start + 4, PCT)).toBeInViewport();
  const held = await batch(page);
  for (const r of ten) expect(held.find((x) => x.projectId === r.projectId)!.entry, r.name).toBeNull();
  await expect(sheet.cell(start + 9, MONTH).getByRole('textbox')).toHaveValue('109.50'); // shown in 万元 once the cursor is elsewhere
  const refusedInput = sheet.cell(start + 4, PCT).getByRole('textbox');
  await expect(refusedInput).toHaveAttribute('aria-invalid', 'true');
  await expect(refusedInput).toHaveValue('120');
  await expect(page.getByRole('tooltip').filter({ hasText: '形象进度%应为0–100之间的整数（“120”）' })).toBeVisible();
  // the pasted block is the selection
  await sheet.expectSelected(start + 9, PCT);
  await sheet.expectSelected(start + 9, PCT + 1, false);
  await page.screenshot({ path: 'test-results/screens/sheet-reports-block.png' });

  // corrected, and 保存草稿: every cell of the block is in the database, saved in one call
  await sheet.click(start + 4, PCT);
  await page.keyboard.type('40');
  await expect(refusedInput).toHaveValue('40');
  await page.getByRole('button', { name: /保存草稿/ }).click();
  await expect
    .poll(async () => (await batch(page)).find((x) => x.projectId === ten[4]!.projectId)!.entry?.imagePct)
    .toBe(40);
  const after = await batch(page);
  for (const [i, r] of ten.entries()) {
    const e = after.find((x) => x.projectId === r.projectId)!.entry;
    expect(e, r.name).toMatchObject({
      monthFen: (100 + i) * 1_000_000 + 500_000,
      imageText: i === 2 ? '主体\t施工' : `形象进度${i}`,
      imagePct: i === 4 ? 40 : 10 * i,
    });
  }

  // a clean block is saved at once; Ctrl+Z takes the whole paste back, Ctrl+Y brings it again
  // (the database is the witness: a toast may be gone before a saturated machine looks)
  await sheet.click(start, IMAGE);
  await sheet.paste(ten.map((_, i) => `步骤${i}`).join('\r\n') + '\r\n');
  await expect(page.getByText('粘贴：已保存 10 个单元格')).toBeVisible();
  const imageOf = async (k: number) =>
    (await batch(page)).find((x) => x.projectId === ten[k]!.projectId)!.entry?.imageText;
  await expect.poll(() => imageOf(9)).toBe('步骤9');
  await page.keyboard.press('Control+z');
  await expect.poll(() => imageOf(9)).toBe('形象进度9');
  await expect(sheet.cell(start, IMAGE).getByRole('textbox')).toHaveValue('形象进度0');
  await page.keyboard.press('Control+y');
  await expect.poll(() => imageOf(9)).toBe('步骤9');
  await page.keyboard.press('Control+z');
  await expect.poll(() => imageOf(9)).toBe('形象进度9');

  // the cursor moves like Excel's: arrows, Enter down, Tab right, Shift+Tab back
  await sheet.click(start, MONTH);
  await page.keyboard.press('ArrowDown');
  await expect(sheet.cell(start + 1, MONTH).getByRole('textbox')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(sheet.cell(start + 2, MONTH).getByRole('textbox')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(sheet.cell(start + 2, IMAGE).getByRole('textbox')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowUp');
  await expect(sheet.cell(start + 1, MONTH).getByRole('textbox')).toBeFocused();
  // typing overwrites the cell; Esc takes it back
  await page.keyboard.type('77');
  await expect(sheet.cell(start + 1, MONTH).getByRole('textbox')).toHaveValue('77');
  await page.keyboard.press('Escape');
  await expect(sheet.cell(start + 1, MONTH).getByRole('textbox')).toHaveValue('101.50');

  // Ctrl+D fills the top cell of the block down: rows start..start+2 all take 100.5
  await sheet.click(start, MONTH);
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await sheet.expectSelected(start + 2, MONTH);
  await page.keyboard.press('Control+d');
  await expect(page.getByText('向下填充：已保存 2 个单元格')).toBeVisible();
  const filled = await batch(page);
  for (const r of ten.slice(0, 3))
    expect(filled.find((x) => x.projectId === r.projectId)!.entry?.monthFen).toBe(100_500_000);

  // Delete clears the selected block: a row with every field cleared has no report any more
  await sheet.click(start + 6, MONTH);
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Delete');
  await expect(page.getByText('清除：已保存 3 个单元格')).toBeVisible();
  await expect.poll(async () => (await batch(page)).find((x) => x.projectId === ten[6]!.projectId)!.entry).toBeNull();

  // a derived cell is read-only and says why when typed into
  await sheet.click(start, YTD);
  await expect(sheet.cell(start, YTD)).toHaveAttribute('aria-readonly', 'true');
  await expect(page.locator('input:focus')).toHaveCount(0); // no entry field keeps the keyboard behind the cursor
  await page.keyboard.type('5');
  // named by the period's months (1-9月), never the placeholder 1-N月
  await expect(page.getByText(/^1-\d{1,2}月累计由各月月报自动累计，不能直接输入$/)).toBeVisible();

  // Ctrl+C gives the block as TSV and as an HTML table (Excel/WPS paste both as cells)
  await sheet.click(start, MONTH);
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  const copied = await sheet.copy();
  // 本月完成投资 as the cell shows it (100.50), not as it was pasted (100.5)
  expect(copied.text).toBe('100.50\t形象进度0\r\n100.50\t形象进度1\r\n');
  expect(copied.html).toContain('<td style="mso-number-format:\'\\@\'">形象进度1</td>');
  expect(copied.html).toContain('<td>100.50</td>'); // an amount pastes into Excel as a number

  // A block pasted across the sheet's pages (it reads 30 rows at a time, and the rows past the window are not read
  // yet): every row takes its cells, saved in one call, and one Ctrl+Z takes the whole block back.
  const before = await batch(page);
  const from = 20;
  const span = Math.min(14, before.length - from);
  expect(from + span).toBeGreaterThan(30);
  const takes = (r: BatchRow) => !r.isParent && r.state !== '已报送';
  await sheet.click(from, MONTH);
  await sheet.paste(Array.from({ length: span }, (_, i) => `${i + 1}\t跨页粘贴${i}`).join('\r\n'));
  const target = before.slice(from, from + span);
  await expect
    .poll(
      async () =>
        (await batch(page)).find((x) => x.projectId === target.filter(takes).at(-1)!.projectId)!.entry?.imageText,
    )
    .toMatch(/^跨页粘贴/);
  const pasted = await batch(page);
  for (const [i, r] of target.entries()) {
    const e = pasted.find((x) => x.projectId === r.projectId)!.entry;
    if (takes(r)) expect(e, r.name).toMatchObject({ monthFen: (i + 1) * 1_000_000, imageText: `跨页粘贴${i}` });
    else expect(e, r.name).toEqual(r.entry);
  }
  await page.keyboard.press('Control+z');
  await expect
    .poll(async () => (await batch(page)).find((x) => x.projectId === target.filter(takes).at(-1)!.projectId)!.entry)
    .toEqual(target.filter(takes).at(-1)!.entry);
  const back = await batch(page);
  for (const r of target) expect(back.find((x) => x.projectId === r.projectId)!.entry, r.name).toEqual(r.entry);

  // a whole column from its header
  await sheet.header('进度%').click();
  await sheet.expectSelected(0, PCT);
  await sheet.expectSelected(rows.length - 1, PCT);
  await sheet.expectSelected(0, IMAGE, false);

  // at an office screen's 1366×768, a block selected
  await page.setViewportSize({ width: 1366, height: 768 });
  await sheet.click(start, MONTH);
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  await sheet.expectSelected(start + 2, IMAGE);
  await page.screenshot({ path: 'test-results/screens/sheet-reports-1366.png' });
});

test('月报: what is typed stays with its project when the wheel scrolls its row away; the sheet keeps the keyboard (Ctrl+Z)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { reports, grid, sheet } = await octoberSheet(page);
  const rows = await batch(page);
  const at = rows.findIndex((r) => !r.isParent && r.state !== '已报送');
  const project = rows[at]!;
  const before = project.entry?.imageText ?? '';
  const input = reports.cell(project.name, '形象进度');

  await sheet.click(at, IMAGE);
  await expect(input).toBeFocused();
  await page.keyboard.type('滚动前输入');
  await expect(input).toHaveValue('滚动前输入');
  // the wheel takes the row out of the window: its row element now draws another project
  await grid.hover();
  for (let i = 0; i < 10 && (await grid.locator(`[role="row"][aria-rowindex="${at + 2}"]`).count()); i++) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(100);
  }
  await expect(grid.locator(`[role="row"][aria-rowindex="${at + 2}"]`)).toHaveCount(0);
  await expect(input).toHaveCount(0);
  // no other project's field took the text or the keyboard; the sheet holds the keyboard
  const carried = await grid
    .locator('input')
    .evaluateAll((els) =>
      els.filter((e) => (e as HTMLInputElement).value === '滚动前输入').map((e) => e.getAttribute('aria-label')),
    );
  expect(carried).toEqual([]);
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.report-grid'))).toBe(true);
  await expect(page.getByRole('button', { name: '保存草稿（1）' })).toBeVisible();
  // a key typed now goes to the active cell, as in Excel: its row comes back and the key overwrites it; no other
  // project's field on screen takes it
  await page.keyboard.type('7');
  await expect(input).toHaveValue('7');
  await expect(input).toBeFocused();
  const landed = await grid
    .locator('input')
    .evaluateAll((els) =>
      els.filter((e) => (e as HTMLInputElement).value === '7').map((e) => e.getAttribute('aria-label')),
    );
  expect(landed).toEqual([`${project.name} 形象进度`]);
  // Esc takes back this typing; Ctrl+Z the typing before the scroll
  await page.keyboard.press('Escape');
  await expect(input).toHaveValue('滚动前输入');
  await page.keyboard.press('Control+z');
  await expect(input).toHaveValue(before);
  await expect(page.getByRole('button', { name: '保存草稿' })).toBeDisabled();
});
