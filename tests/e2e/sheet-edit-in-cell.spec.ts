// F2 and a double-click edit a cell's text where it ends, as in Excel and WPS: the clerk adds 二期 to a 建设地点 or
// 余 to a figure. The 项目台账 and the sheets drawn by RecordSheet (责任清单, 人员, 考核, the 一项目一档 lists) opened
// the editor with the whole text selected, so the first key typed replaced it (旅游路… became 二期), as the 月报
// sheet never did.
import { expect as baseExpect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { rpc, SheetGrid } from './pages/sheet.ts';

const expect = baseExpect.configure({ timeout: 20_000 });
test.use({ viewport: { width: 1366, height: 768 } });

test('F2 and a double-click put the caret at the end of the cell’s text: what is typed is added to it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { grid, sheet } = await new LedgerPage(page).sampleSheet();
  const PLACE = 7; // 建设地点
  await expect(sheet.cell(2, PLACE)).toBeVisible();
  const id = Number(await grid.locator('.lg-body [role="row"][aria-rowindex="4"]').getAttribute('data-id'));
  const location = async () => (await rpc<{ location: string }>(page, 'projects:get', { id })).location;
  const place = await location();

  await sheet.cell(2, PLACE).click();
  await page.keyboard.press('F2');
  await page.keyboard.type('二期');
  await page.screenshot({ path: 'test-results/screens/sheet-edit-in-cell-ledger.png' });
  await page.keyboard.press('Enter');
  await expect.poll(location).toBe(`${place}二期`);
  // a double-click does the same
  await sheet.cell(2, PLACE).dblclick();
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  await expect.poll(location).toBe(place);

  // 责任清单 (RecordSheet): 类别 edited at its end
  const { campaignId } = await rpc<{ campaignId: number }>(page, 'tasks:loadTemplate', { template: 'jilin' });
  await page.getByRole('menuitem', { name: '责任清单' }).click();
  const tasks = new SheetGrid(page, page.getByRole('grid', { name: '责任清单' }));
  const CATEGORY = 3;
  await expect(tasks.cell(0, CATEGORY)).toBeVisible();
  const category = async () => (await rpc<{ category: string }[]>(page, 'tasks:list', { campaignId }))[0]!.category;
  const was = await category();
  await tasks.cell(0, CATEGORY).click();
  await page.keyboard.press('F2');
  await page.keyboard.type('（续）');
  await page.screenshot({ path: 'test-results/screens/sheet-edit-in-cell-tasks.png' });
  await page.keyboard.press('Enter');
  await expect.poll(category).toBe(`${was}（续）`);
});

// Shift+Enter saves and moves up, as in Excel (a clerk filling a column from the bottom): the editors moved down.
test('Shift+Enter in a cell’s editor saves and moves up; Shift+Tab saves and moves left', async ({ page }) => {
  test.setTimeout(120_000);
  const { grid, sheet } = await new LedgerPage(page).sampleSheet();
  const PLACE = 7; // 建设地点
  await expect(sheet.cell(4, PLACE)).toBeVisible();
  const id = Number(await grid.locator('.lg-body [role="row"][aria-rowindex="6"]').getAttribute('data-id'));
  await sheet.cell(4, PLACE).click();
  await page.keyboard.type('上移');
  await page.keyboard.press('Shift+Enter');
  await expect(sheet.cell(3, PLACE)).toHaveClass(/cell-active/);
  await expect.poll(async () => (await rpc<{ location: string }>(page, 'projects:get', { id })).location).toBe('上移');
  await page.keyboard.type('左移');
  await page.keyboard.press('Shift+Tab');
  await expect(sheet.cell(3, PLACE - 1)).toHaveClass(/cell-active/);

  // 责任清单 (RecordSheet)
  const { campaignId } = await rpc<{ campaignId: number }>(page, 'tasks:loadTemplate', { template: 'jilin' });
  await page.getByRole('menuitem', { name: '责任清单' }).click();
  const tasks = new SheetGrid(page, page.getByRole('grid', { name: '责任清单' }));
  const CATEGORY = 3;
  await expect(tasks.cell(3, CATEGORY)).toBeVisible();
  await tasks.cell(3, CATEGORY).click();
  await page.keyboard.type('abc');
  await page.keyboard.press('Shift+Enter');
  await expect(tasks.cell(2, CATEGORY)).toHaveClass(/sheet-cursor/);
  await expect
    .poll(async () => (await rpc<{ category: string }[]>(page, 'tasks:list', { campaignId }))[3]!.category)
    .toBe('abc');
});
