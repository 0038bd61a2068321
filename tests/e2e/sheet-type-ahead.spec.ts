// Typing on while a cell is being saved, as a clerk used to Excel does: “88 Tab abc Enter” without waiting. Excel
// moves to the next cell the moment Tab or Enter is pressed, and the keys that follow go there. The sheets moved only
// once the core had answered: on a busy town-office computer (a save taking a second) the 责任清单 wrote the letters
// typed after Tab over the cell just left (序号 became “a”, saved, the 88 gone), and the 项目台账 lost them in the
// editor it kept open (“1,234.50” saved as 4.50). The core's answer is slowed here to make the habit certain.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { rpc, SheetGrid } from './pages/sheet.ts';

const expect = baseExpect.configure({ timeout: 20_000 });
test.use({ viewport: { width: 1366, height: 768 } });

// A save still held back when a test's last check passes is answered before the page closes (fulfilled after,
// it failed the test: Fetch response has been disposed).
test.afterEach(async ({ page }) => page.unrouteAll({ behavior: 'wait' }));

/** Every save of `channel` answers a second late, as on a slow machine (the core still saves it at once). */
async function slowSaves(page: Page, channel: string) {
  await page.route(new RegExp(`/rpc/${channel.replace(':', '(?::|%3A)')}$`), async (route) => {
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.fulfill({ response });
  });
}

interface Project {
  location: string | null;
  totalFen: number;
  planStart: string | null;
}

test('项目台账: keys typed after Tab or Enter while the cell is saved go to the next cell, none lost', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { grid, sheet } = await new LedgerPage(page).sampleSheet();
  const PLACE = 7; // 建设地点, then 总投资 8, 计划开工 9
  await expect(sheet.cell(2, PLACE)).toBeVisible();
  const idOf = async (row: number) =>
    Number(await grid.locator(`.lg-body [role="row"][aria-rowindex="${row + 2}"]`).getAttribute('data-id'));
  const [id2, id3] = [await idOf(2), await idOf(3)];
  const project = (id: number) => rpc<Project>(page, 'projects:get', { id });
  await slowSaves(page, 'projects:updateCells');

  await sheet.cell(2, PLACE).click();
  await page.keyboard.type('甲地');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1,234.50'); // at once, while 甲地 is still being saved
  await page.keyboard.press('Enter'); // back to the column the Tab began in, one row down
  await page.keyboard.type('乙地');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await project(id3)).location).toBe('乙地');
  expect(await project(id2)).toMatchObject({ location: '甲地', totalFen: 1_234_500_000 });
  await expect(sheet.cell(4, PLACE)).toHaveClass(/cell-active/);
  await expect(sheet.cell(2, PLACE + 1)).toHaveText('1,234.50');

  // a value only the core refuses (计划开工 after 计划竣工) is still shown where it was typed, with the reason,
  // though the cursor has moved on; nothing of it is saved
  const before = await project(id3);
  for (const key of ['ArrowUp', 'ArrowRight', 'ArrowRight']) await page.keyboard.press(key);
  await expect(sheet.cell(3, PLACE + 2)).toHaveClass(/cell-active/);
  await page.keyboard.type('2019-12-31');
  await page.keyboard.press('Enter');
  await expect(sheet.cell(4, PLACE + 2)).toHaveClass(/cell-active/);
  await expect(sheet.cell(3, PLACE + 2).locator('[aria-invalid="true"]')).toBeVisible();
  await expect(sheet.cell(3, PLACE + 2)).toContainText('2019-12-31');
  expect((await project(id3)).planStart).toBe(before.planStart);
  await page.screenshot({ path: 'test-results/screens/sheet-type-ahead-ledger.png' });
});

interface Task {
  no: string | null;
  category: string | null;
  title: string;
}

test('责任清单: the letters typed after Tab while the cell is saved are the next cell’s, not written over the cell left', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  const { campaignId } = await rpc<{ campaignId: number }>(page, 'tasks:loadTemplate', { template: 'jilin' });
  await page.getByRole('menuitem', { name: '责任清单' }).click();
  const grid = page.getByRole('grid', { name: '责任清单' });
  const sheet = new SheetGrid(page, grid);
  const NO = 2; // 序号, then 类别 3
  await expect(sheet.cell(3, NO)).toBeVisible();
  const list = () => rpc<Task[]>(page, 'tasks:list', { campaignId });
  const title = (await list())[2]!.title;
  const task = async () => (await list()).find((t) => t.title === title)!;
  await slowSaves(page, 'tasks:updateCells');

  await sheet.cell(2, NO).click();
  await page.keyboard.type('88');
  await page.keyboard.press('Tab');
  await page.keyboard.type('abc'); // at once, while 88 is still being saved
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await task()).category).toBe('abc');
  expect((await task()).no).toBe('88');
  await expect(sheet.cell(3, NO)).toHaveClass(/sheet-cursor|cell-active/);
  await page.screenshot({ path: 'test-results/screens/sheet-type-ahead-tasks.png' });
});
