/**
 * The 项目台账 grid on a ledger of 10,000 projects, where the grid holds the data of only the rows read so far:
 * Ctrl+arrows and Ctrl+Home/End land where Excel and WPS land (the first or last row of the ledger, or of the filtered
 * list), on a row that is read and shown, scrolled into view; and after a jump down the scroll bar (or PageDown held)
 * the rows in view are read first, not after every page scrolled past.
 */
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { bigLedger } from './pages/big-ledger.ts';
import { rpc, SheetGrid } from './pages/sheet.ts';

const expect = baseExpect.configure({ timeout: 20_000 });

const PROJECTS = 10_000;
// ARIA column indexes of the default ledger columns: check box 1, 行号 2, 项目编号 3, 项目名称 4 (the last is 操作)
const CODE = 3;
const NAME = 4;

/** The names of the first and last projects of the ledger (or of those the search finds), in the grid's order. */
async function endsOf(page: Page, query = ''): Promise<{ count: number; first: string; last: string }> {
  const { ids } = await rpc<{ ids: number[] }>(page, 'projects:page', { filters: { query }, first: 0 });
  const name = async (id: number) => (await rpc<{ name: string }>(page, 'projects:get', { id })).name;
  return { count: ids.length, first: await name(ids[0]!), last: await name(ids.at(-1)!) };
}

test('Ctrl+↓/↑, Ctrl+End/Home and Shift+Ctrl+↓ on 10,000 projects reach the ledger’s last and first rows, read and in view; in a search, the last row found', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await bigLedger(page, PROJECTS);
  const grid = page.getByRole('grid', { name: '项目台账表格' });
  const sheet = new SheetGrid(page, grid);
  const ends = await endsOf(page);
  const active = grid.locator('.cell-active');
  const rowOf = (row: number) => grid.locator(`[role="row"][aria-rowindex="${row + 2}"]`);
  /** The active cell is in row `row` and column `col`, in view, and its row shows the project's name (not “…”). */
  const expectActive = async (row: number, col: number, name: string) => {
    await expect(active).toHaveCount(1);
    await expect(active).toHaveAttribute('aria-colindex', String(col));
    await expect(active.locator('xpath=..')).toHaveAttribute('aria-rowindex', String(row + 2));
    await expect(sheet.cell(row, NAME)).toHaveText(name);
    await expect(active).toBeInViewport();
    await expect(sheet.cell(row, NAME)).toBeInViewport();
  };

  await sheet.click(0, NAME);
  await expectActive(0, NAME, ends.first);
  await page.keyboard.press('Control+ArrowDown');
  await expectActive(PROJECTS - 1, NAME, ends.last);
  await expect(rowOf(PROJECTS - 1).locator('.lg-pending')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/ledger-ctrl-down.png' });
  await page.keyboard.press('Control+ArrowUp');
  await expectActive(0, NAME, ends.first);

  const lastColumn = Number(await grid.getAttribute('aria-colcount')) - 1;
  await page.keyboard.press('Control+End');
  await expectActive(PROJECTS - 1, lastColumn, ends.last);
  await page.keyboard.press('Control+Home');
  await expectActive(0, CODE, ends.first);

  // Shift+Ctrl+↓ from the first name: the block runs down to the last project; the cursor stays on the first row
  await sheet.click(0, NAME);
  await page.keyboard.press('Shift+Control+ArrowDown');
  await expect(sheet.cell(PROJECTS - 1, NAME)).toHaveText(ends.last);
  await expect(sheet.cell(PROJECTS - 1, NAME)).toHaveAttribute('aria-selected', 'true');
  await expect(sheet.cell(PROJECTS - 1, NAME)).toBeInViewport();
  await expect(sheet.cell(PROJECTS - 1, NAME + 1)).toHaveAttribute('aria-selected', 'false');
  await sheet.expectSelected(5000, NAME);
  await sheet.expectSelected(0, NAME);
  await expect(active.locator('xpath=..')).toHaveAttribute('aria-rowindex', '2');

  // A search finding over a thousand projects (工程1, 工程10…19, 100…199, 1000…1999, 10000…): Ctrl+↓ goes to the last
  // one found, far past the rows read with the first screen
  const found = await endsOf(page, '工程1');
  expect(found.count).toBeGreaterThan(1000);
  await page.getByLabel('搜索项目').fill('工程1');
  await expect(grid).toHaveAttribute('aria-rowcount', String(found.count + 1));
  await sheet.click(0, NAME);
  await expectActive(0, NAME, found.first);
  await page.keyboard.press('Control+ArrowDown');
  await expectActive(found.count - 1, NAME, found.last);
  await page.screenshot({ path: 'test-results/screens/ledger-ctrl-down-search.png' });
  await page.keyboard.press('Control+ArrowUp');
  await expectActive(0, NAME, found.first);
});

test('a jump down the scroll bar, or PageDown held, on 10,000 projects: the rows in view are read first and shown at once, not after the pages scrolled past', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await bigLedger(page, PROJECTS);
  const grid = page.getByRole('grid', { name: '项目台账表格' });
  const sheet = new SheetGrid(page, grid);
  await expect(sheet.cell(0, NAME)).not.toHaveText('…');

  // The core answers one call at a time, in the order they came (its worker reads SQLite synchronously), and on a
  // clerk's PC a read of rows takes a while. The route keeps that order and makes each read of rows take 150 ms, so
  // what the grid asks for, and in what order, is what decides how long the clerk looks at “…”.
  let answered = 0;
  let core = Promise.resolve();
  await page.route('**/rpc/projects%3Arows', (route) => {
    core = core.then(async () => {
      const response = await route.fetch();
      await new Promise((done) => setTimeout(done, 150));
      await route.fulfill({ response });
      answered++;
    });
  });
  const pending = grid.locator('.lg-body .lg-pending');
  /** Waits until no row in view shows “…”; returns how many reads of rows were answered meanwhile, and how long it took. */
  const untilShown = async () => {
    const [before, started] = [answered, Date.now()];
    await expect(pending).toHaveCount(0, { timeout: 60_000 });
    return { reads: answered - before, ms: Date.now() - started };
  };

  // the scroll bar's thumb dragged down to row 8,000 over 40 frames, as a clerk's drag draws them
  await grid.evaluate(async (el) => {
    for (let i = 1; i <= 40; i++) {
      el.scrollTop = Math.round((8000 * 34 * i) / 40);
      await new Promise((frame) => requestAnimationFrame(frame));
    }
  });
  const afterDrag = await untilShown();
  await page.screenshot({ path: 'test-results/screens/ledger-scroll-jump.png' });
  await expect(grid.locator('[role="row"][aria-rowindex="8002"]')).toBeInViewport();
  // one read may already be on its way when the drag stops; the rows in view come with the next
  expect(afterDrag.reads, `拖动后等待了 ${afterDrag.reads} 次读取、${afterDrag.ms} 毫秒`).toBeLessThanOrEqual(2);
  // two reads of 150 ms and the drawing, with room for a loaded machine (reading in the order scrolled took 15 s)
  expect(afterDrag.ms).toBeLessThan(3000);

  // PageDown held from row 8,000: the cursor runs down sixty screens, the window with it
  await sheet.click(8000, NAME);
  for (let i = 0; i < 60; i++) await page.keyboard.press('PageDown');
  const afterKeys = await untilShown();
  await expect(grid.locator('.cell-active')).toBeInViewport();
  expect(afterKeys.reads, `按住 PageDown 后等待了 ${afterKeys.reads} 次读取、${afterKeys.ms} 毫秒`).toBeLessThanOrEqual(
    2,
  );
  expect(afterKeys.ms).toBeLessThan(3000);
});
