// Two keyboard habits of Excel and WPS in the sheets: Ctrl+Enter puts what is typed into every cell of the selected
// block (one write, one undo step, saved whole or not at all, read-only cells skipped) and stays on the active cell;
// Ctrl+; enters today's date in a date column (at the caret in an open editor), and only says a word elsewhere.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { MonthlyReportPage, reportsBatch } from './pages/monthly-report-page.ts';
import { rpc, SheetGrid } from './pages/sheet.ts';

const expect = baseExpect.configure({ timeout: 20_000 });

interface Project {
  id: number;
  name: string;
  location: string | null;
  planStart: string | null;
  planEnd: string | null;
  status: string;
}
const project = (page: Page, id: number) => rpc<Project>(page, 'projects:get', { id });

// ARIA column indexes of the default ledger columns: 建设地点 7, 计划开工 9, 计划竣工 10
const PLACE = 7;
const START = 9;
const END = 10;

/** Today on the page's clock (the clerk's PC), as ISO and as the date cells show it. */
async function today(page: Page) {
  const [y, m, d] = await page.evaluate(() => {
    const t = new Date();
    return [t.getFullYear(), t.getMonth() + 1, t.getDate()];
  });
  return { iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, cn: `${y}年${m}月${d}日` };
}

test('项目台账: Ctrl+Enter fills the selected block with what is typed, in one write and one undo step; refused whole', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { grid, sheet } = await new LedgerPage(page).sampleSheet();
  await expect(sheet.cell(5, PLACE)).toBeVisible();
  const ids: number[] = [];
  for (let i = 0; i < 6; i++)
    ids.push(Number(await grid.locator(`.lg-body [role="row"][aria-rowindex="${i + 2}"]`).getAttribute('data-id')));
  const before = await Promise.all(ids.map((id) => project(page, id)));

  // 建设地点 of rows 0..3 selected, a value typed (the editor opens in the active cell), Ctrl+Enter
  await sheet.click(0, PLACE);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowDown');
  await sheet.expectSelected(3, PLACE);
  await page.keyboard.type('Block-A');
  await expect(page.getByLabel('修改建设地点')).toHaveValue('Block-A');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('批量填入：已保存 4 个单元格')).toBeVisible();
  for (const id of ids.slice(0, 4)) expect((await project(page, id)).location).toBe('Block-A');
  expect((await project(page, ids[4]!)).location).toBe(before[4]!.location);
  // the cursor stays on the cell typed into, the block stays selected
  await expect(sheet.cell(0, PLACE)).toHaveClass(/cell-active/);
  await sheet.expectSelected(3, PLACE);
  for (let i = 0; i < 4; i++) await expect(sheet.cell(i, PLACE)).toHaveText('Block-A');
  await page.screenshot({ path: 'test-results/screens/sheet-ctrl-enter-ledger.png' });

  // one undo step takes the four back
  await page.keyboard.press('Control+z');
  await expect(page.getByText('已撤销：批量填入（4 个单元格）')).toBeVisible();
  for (const [i, id] of ids.slice(0, 4).entries()) expect((await project(page, id)).location).toBe(before[i]!.location);

  // one cell selected: Ctrl+Enter saves it and does not move
  await sheet.click(5, PLACE);
  await page.keyboard.type('Single');
  await page.keyboard.press('Control+Enter');
  await expect.poll(async () => (await project(page, ids[5]!)).location).toBe('Single');
  await expect(sheet.cell(5, PLACE)).toHaveClass(/cell-active/);
  await expect(sheet.cell(6, PLACE)).not.toHaveClass(/cell-active/);

  // a choice (项目状态): typed, picked from the list with Ctrl+Enter, and written into the block
  const STATUS = 11;
  await sheet.click(0, STATUS);
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.type('停工');
  await expect(page.getByRole('option', { name: '停工' })).toBeVisible();
  await page.keyboard.press('Control+Enter');
  // not the 4 cells' message above, which may still be showing
  await expect(page.getByText(/^批量填入：已保存 [1-3] 个单元格$/)).toBeVisible();
  for (const id of ids.slice(0, 3)) await expect.poll(async () => (await project(page, id)).status).toBe('停工');
  expect((await project(page, ids[3]!)).status).toBe(before[3]!.status);
  await expect(sheet.cell(0, STATUS)).toHaveClass(/cell-active/);

  // a block the core refuses in one row is saved whole or not at all: row 2's 计划竣工 comes before the 计划开工 typed
  await rpc(page, 'projects:updateCells', {
    rows: ids.slice(0, 4).map((id, i) => ({
      id,
      patch: { planStart: '2017-03-01', planEnd: i === 2 ? '2017-04-30' : '2018-12-31' },
    })),
  });
  await page.reload();
  await expect(sheet.cell(3, START)).toHaveText('2017年3月1日');
  await sheet.click(0, START);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.type('2017-06-01');
  await page.keyboard.press('Control+Enter');
  await expect(
    page.getByText(/^批量填入：整块未保存；1 个单元格未通过校验：.*计划竣工.*原因已在格中标出/),
  ).toBeVisible();
  for (const id of ids.slice(0, 4)) expect((await project(page, id)).planStart).toBe('2017-03-01');
  await expect(sheet.cell(2, START).locator('[aria-invalid="true"]')).toBeVisible();
  await expect(sheet.cell(1, START).locator('.cell-held')).toHaveText('2017-06-01');
});

test('月报: Ctrl+Enter puts what is typed into the selected 本月完成投资 cells, skips the read-only 上月, one undo step', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  const reports = new MonthlyReportPage(page);
  await reports.open();
  await reports.pickPeriod('2017年10月');
  const grid = page.getByRole('grid', { name: '月报填报表格' });
  const sheet = new SheetGrid(page, grid);
  // 上月 5 (read-only), 本月完成投资 6
  const LAST = 5;
  const MONTH = 6;
  const rows = await reportsBatch(page);
  const start = rows.findIndex(
    (_, i) => rows.slice(i, i + 4).length === 4 && rows.slice(i, i + 4).every((r) => !r.isParent),
  );
  const three = rows.slice(start, start + 3);
  const entryOf = async (k: number) =>
    (await reportsBatch(page)).find((x) => x.projectId === three[k]!.projectId)!.entry;
  // the key is named with the others under the sheet (while no block is selected)
  await expect(page.getByText(/Ctrl\+Enter 填入选区/)).toBeVisible();
  // the three rows get a report first (a 本月完成投资 alone is refused: its row asks for the 形象进度)
  await sheet.click(start, MONTH);
  await sheet.paste(['1\t进度A', '2\t进度B', '3\t进度C'].join('\r\n'));
  await expect(page.getByText('粘贴：已保存 6 个单元格')).toBeVisible();
  const was = await Promise.all([0, 1, 2].map(entryOf));
  expect(was.map((e) => e?.monthFen)).toEqual([1_000_000, 2_000_000, 3_000_000]);

  // the block 上月..本月 over three rows, the active cell in 本月; 88 typed over it, then Ctrl+Enter
  await sheet.click(start, MONTH);
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await sheet.expectSelected(start + 2, LAST);
  await page.keyboard.type('88');
  // typing keeps the block (Excel's habit), and Backspace is the cell's own, not a clearing of the block
  await sheet.expectSelected(start + 2, LAST);
  await page.keyboard.press('Backspace');
  await page.keyboard.type('8');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText(/^批量填入：已保存 3 个单元格；3 个只读单元格未改动（.+）$/)).toBeVisible();
  for (const k of [0, 1, 2]) await expect.poll(async () => (await entryOf(k))?.monthFen).toBe(88_000_000);
  expect((await reportsBatch(page)).find((x) => x.projectId === rows[start + 3]!.projectId)!.entry).toEqual(
    rows[start + 3]!.entry,
  );
  // the cursor stays where it was typed, the block selected
  await expect(sheet.cell(start, MONTH).getByRole('textbox')).toBeFocused();
  await sheet.expectSelected(start + 2, LAST);
  await expect(sheet.cell(start + 2, MONTH).getByRole('textbox')).toHaveValue('88.00');
  await page.screenshot({ path: 'test-results/screens/sheet-ctrl-enter-reports.png' });

  // one step: Ctrl+Z takes the three back, the typed cell too
  await page.keyboard.press('Control+z');
  await expect(page.getByText('已撤销：批量填入（3 个单元格）')).toBeVisible();
  for (const k of [0, 1, 2]) await expect.poll(async () => (await entryOf(k))?.monthFen).toBe(was[k]?.monthFen);

  // a value the column refuses, Ctrl+Enter over three 本月完成投资 cells: checked once, as the 台账's editor and the
  // record sheets do — one message in the cell's own words, the text stays typed in its cell, nothing written or
  // marked (the block was marked refused cell by cell, and the message counted them)
  const saved = await Promise.all([0, 1, 2].map(entryOf));
  await sheet.click(start, MONTH);
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await sheet.expectSelected(start + 2, MONTH);
  await page.keyboard.type('-5');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('本月完成投资不能为负数')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screens/sheet-fill-reports-refused-once.png' });
  const typedIn = sheet.cell(start, MONTH).getByRole('textbox');
  await expect(typedIn).toBeFocused();
  await expect(typedIn).toHaveValue('-5');
  await expect(page.getByText(/^批量填入/)).toHaveCount(0);
  await expect(grid.locator('[aria-invalid="true"]')).toHaveCount(0);
  for (const k of [1, 2]) await expect(sheet.cell(start + k, MONTH).getByRole('textbox')).not.toHaveValue('-5');
  expect(await Promise.all([0, 1, 2].map(entryOf))).toEqual(saved);
  // corrected in place, Ctrl+Enter again: the three are filled in one write
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('9');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText(/^批量填入：已保存 3 个单元格$/)).toBeVisible();
  for (const k of [0, 1, 2]) await expect.poll(async () => (await entryOf(k))?.monthFen).toBe(9_000_000);
  await expect(grid.locator('[aria-invalid="true"]')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/sheet-fill-reports-corrected.png' });
  await page.keyboard.press('Control+z');
  await expect(page.getByText('已撤销：批量填入（3 个单元格）').last()).toBeVisible();
  for (const k of [0, 1, 2]) await expect.poll(async () => (await entryOf(k))?.monthFen).toBe(was[k]?.monthFen);
  // 形象进度% the same (its own rule): 120 over the three rows is said once; Esc takes the typing back
  const PCT = 8;
  const kept = await Promise.all([0, 1, 2].map(entryOf));
  await sheet.click(start, PCT);
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.type('120');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('形象进度%应为0–100之间的整数（“120”）')).toHaveCount(1);
  await expect(sheet.cell(start, PCT).getByRole('textbox')).toHaveValue('120');
  await expect(grid.locator('[aria-invalid="true"]')).toHaveCount(0);
  expect(await Promise.all([0, 1, 2].map(entryOf))).toEqual(kept);
  await page.keyboard.press('Escape');
  await expect(sheet.cell(start, PCT).getByRole('textbox')).not.toHaveValue('120');

  // one cell: Ctrl+Enter keeps what was typed and stays
  await sheet.click(start + 3, MONTH);
  await page.keyboard.type('12');
  await page.keyboard.press('Control+Enter');
  await expect(sheet.cell(start + 3, MONTH).getByRole('textbox')).toBeFocused();
  await expect(sheet.cell(start + 3, MONTH).getByRole('textbox')).toHaveValue('12');

  // typed over a block, then the block grown with Shift+↓: the typing is done, and Delete clears the block again
  await sheet.click(start, MONTH);
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.type('7');
  await page.keyboard.press('Shift+ArrowDown');
  await sheet.expectSelected(start + 2, MONTH);
  await page.keyboard.press('Delete');
  await expect(page.getByText(/^清除：/)).toBeVisible();
});

test('Ctrl+; enters today in a date column (over the cell, or at the caret of an open editor); elsewhere it only says so', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { grid, sheet } = await new LedgerPage(page).sampleSheet();
  await expect(sheet.cell(2, END)).toBeVisible();
  const ids: number[] = [];
  for (let i = 0; i < 3; i++)
    ids.push(Number(await grid.locator(`.lg-body [role="row"][aria-rowindex="${i + 2}"]`).getAttribute('data-id')));
  const day = await today(page);
  const before = await Promise.all(ids.map((id) => project(page, id)));
  // the keys are named with the others under the grid
  await expect(page.getByText(/Ctrl\+Enter 填入选区.*Ctrl\+; 填今天日期/)).toBeVisible();

  // over a 计划竣工 cell: its editor opens with today, as the date cells show it; Enter saves
  await sheet.click(0, END);
  await page.keyboard.press('Control+;');
  await expect(page.getByLabel('修改计划竣工')).toHaveValue(day.cn);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await project(page, ids[0]!)).planEnd).toBe(day.iso);
  await expect(sheet.cell(0, END)).toHaveText(day.cn);

  // in an open editor: at the caret, over the text selected
  await sheet.click(1, END);
  await page.keyboard.press('F2');
  const editor = page.getByLabel('修改计划竣工');
  await expect(editor).toBeFocused();
  await editor.selectText();
  await page.keyboard.press('Control+;');
  await expect(editor).toHaveValue(day.cn);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await project(page, ids[1]!)).planEnd).toBe(day.iso);

  // a column of no dates: a word, no editor, nothing written
  await sheet.click(2, PLACE);
  await page.keyboard.press('Control+;');
  await expect(page.getByText(/^Ctrl\+; 录入今天的日期，只用于日期列/)).toBeVisible();
  await expect(page.getByLabel('修改建设地点')).toHaveCount(0);
  expect((await project(page, ids[2]!)).location).toBe(before[2]!.location);

  // a date column not typed into here (入统日期): Ctrl+; says why, in the words typing there says
  await page.getByRole('button', { name: '列' }).click();
  await page.getByRole('checkbox', { name: '入统日期' }).check();
  await page.keyboard.press('Escape');
  const statsHeader = grid.getByRole('columnheader', { name: '入统日期' });
  await expect(statsHeader).toBeVisible();
  const STATS = Number(await statsHeader.getAttribute('aria-colindex'));
  const readOnlyWords = '“入统日期”不在表格中修改，请点“编辑”或打开项目档案';
  await sheet.click(2, STATS);
  await page.keyboard.press('Control+;');
  await expect(page.getByText(readOnlyWords)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/sheet-today-read-only.png' });
  await expect(page.getByText(/只用于日期列/)).toHaveCount(0);
  await page.keyboard.type('x'); // typing there says the same (one message, not a second)
  await expect(page.getByText(readOnlyWords)).toHaveCount(1);
  await expect(page.getByLabel('修改入统日期')).toHaveCount(0);

  // Ctrl+; then Ctrl+Enter: today into a block of dates, in one write (rows 0 and 1 hold it already)
  await sheet.click(0, END);
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Control+;');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('批量填入：已保存 1 个单元格')).toBeVisible();
  expect((await project(page, ids[2]!)).planEnd).toBe(day.iso);
});

test('责任清单 (a record sheet): Ctrl+; in 完成时限, Ctrl+Enter over a block of tasks; one cell alone stays', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  const { campaignId } = await rpc<{ campaignId: number }>(page, 'tasks:loadTemplate', { template: 'jilin' });
  const list = () =>
    rpc<{ id: number; deadline: string | null; progressText: string | null }[]>(page, 'tasks:list', { campaignId });
  await page.getByRole('menuitem', { name: '责任清单' }).click();
  const grid = page.getByRole('grid', { name: '责任清单' });
  const sheet = new SheetGrid(page, grid);
  // ARIA column indexes: 完成时限 7, 工作进展 9
  const DEADLINE = 7;
  const PROGRESS = 9;
  await expect(sheet.cell(3, DEADLINE)).toBeVisible();
  const day = await today(page);
  const before = (await list()).slice(0, 4);

  // 完成时限 of three tasks: Ctrl+; opens the active cell's editor with today, Ctrl+Enter writes it into all three
  await sheet.cell(0, DEADLINE).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Control+;');
  await expect(page.getByLabel('完成时限（编辑中）')).toHaveValue(day.cn);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('批量填入：已保存 3 个单元格')).toBeVisible();
  expect((await list()).slice(0, 4).map((t) => t.deadline)).toEqual([day.iso, day.iso, day.iso, before[3]!.deadline]);
  await expect(sheet.cell(0, DEADLINE)).toHaveClass(/sheet-cursor/);
  await sheet.expectSelected(2, DEADLINE);
  // F2 opens a 完成时限 as the cell shows it (it opened 2017-09-30 beside 2017年9月30日); Esc leaves it as it was
  await sheet.cell(0, DEADLINE).click();
  await page.keyboard.press('F2');
  await expect(page.getByLabel('完成时限（编辑中）')).toHaveValue(day.cn);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await expect(page.getByText('已撤销：批量填入（3 个单元格）')).toBeVisible();
  expect((await list()).slice(0, 3).map((t) => t.deadline)).toEqual(before.slice(0, 3).map((t) => t.deadline));

  // a day the column refuses, Ctrl+Enter over the block: checked once — one message, the editor stays on it, no cell
  // is written or marked (the block was marked refused cell by cell, and the message counted them)
  await sheet.cell(0, DEADLINE).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.type('2017-02-30');
  const deadlineEditor = page.getByLabel('完成时限（编辑中）');
  await expect(deadlineEditor).toHaveValue('2017-02-30');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('完成时限“2017-02-30”不是有效日期（2017年2月没有30日）')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/sheet-fill-refused-once.png' });
  await expect(deadlineEditor).toHaveValue('2017-02-30');
  await expect(page.getByText(/^批量填入/)).toHaveCount(0);
  await expect(grid.locator('[aria-invalid="true"]')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(deadlineEditor).toHaveCount(0);
  await expect(grid.locator('[aria-invalid="true"]')).toHaveCount(0);
  expect((await list()).slice(0, 3).map((t) => t.deadline)).toEqual(before.slice(0, 3).map((t) => t.deadline));

  // a text column takes no date from Ctrl+; (a word only); one cell: Ctrl+Enter saves it and stays
  await sheet.cell(3, PROGRESS).click();
  await page.keyboard.press('Control+;');
  await expect(page.getByText(/^Ctrl\+; 录入今天的日期，只用于日期列/)).toBeVisible();
  await page.keyboard.type('done');
  await page.keyboard.press('Control+Enter');
  await expect.poll(async () => (await list())[3]!.progressText).toBe('done');
  await expect(sheet.cell(3, PROGRESS)).toHaveClass(/sheet-cursor/);
});
