// A click on a cell partly hidden at the sheet's right edge (the 总投资 under the 操作 column at 1366 px) selects that
// cell alone, as in Excel. The sheet scrolls the cell into view while the button is down; the next cell slid under
// the still pointer and was taken for a drag, so two cells were selected: Delete, Ctrl+D or one value pasted then
// acted on both.
import { expect as baseExpect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';

const expect = baseExpect.configure({ timeout: 20_000 });
test.use({ viewport: { width: 1366, height: 768 } });

test('a click on a cell the sheet scrolls into view selects that cell alone; a drag still selects a block', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { grid, sheet } = await new LedgerPage(page).sampleSheet();
  const TOTAL = 8; // 总投资, partly under the pinned 操作 column at first
  await expect(sheet.cell(1, TOTAL)).toBeVisible();
  const box = (await sheet.cell(1, TOTAL).boundingBox())!;
  // the mouse as a clerk's: pressed on the part of the cell that shows, released without moving
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(300); // the sheet scrolls the cell into view meanwhile
  await page.mouse.up();
  await expect(sheet.cell(1, TOTAL)).toHaveClass(/cell-active/);
  await expect(grid.locator('[aria-selected="true"]')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screens/sheet-click-reveal.png' });

  // dragging over three rows still selects them
  const from = (await sheet.cell(2, TOTAL).boundingBox())!;
  const to = (await sheet.cell(4, TOTAL).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(grid.locator('[aria-selected="true"]')).toHaveCount(3);
});
