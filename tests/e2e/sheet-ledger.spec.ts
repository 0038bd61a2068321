import { expect as baseExpect, test, type Page } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { rpc } from './pages/sheet.ts';

const expect = baseExpect.configure({ timeout: 20_000 });

interface Project {
  id: number;
  name: string;
  totalFen: number;
  location: string | null;
  planStart: string | null;
}
const project = (page: Page, id: number) => rpc<Project>(page, 'projects:get', { id });

// ARIA column indexes of the default ledger columns: check box 1, 行号 2, 项目编号 3, 项目名称 4, 七补齐类别 5,
// 建设性质 6, 建设地点 7, 总投资 8, 计划开工 9, 计划竣工 10, 项目状态 11, 牵头单位 12, 责任单位 13
const CODE = 3;
const PLACE = 7;
const TOTAL = 8;
const START = 9;
const RESPONSIBLE = 13;

test('项目台账 as a spreadsheet: a 3×10 block pasted, checked in the database, undone; moves, typing, Ctrl+D, Delete, widths', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { grid, sheet } = await new LedgerPage(page).sampleSheet();
  await expect(sheet.cell(9, CODE)).toBeVisible();
  const ids: number[] = [];
  for (let i = 0; i < 10; i++)
    ids.push(Number(await grid.locator(`.lg-body [role="row"][aria-rowindex="${i + 2}"]`).getAttribute('data-id')));
  const before = await Promise.all(ids.map((id) => project(page, id)));

  // A block from Excel: 建设地点, 总投资, 计划开工 for ten projects; row 3's amount is refused.
  const lines = ids.map(
    (_, i) => `地点${i}\t${i === 3 ? '12o' : `${1000 + i}.25`}\t2017-01-${String(i + 1).padStart(2, '0')}`,
  );
  await sheet.cell(0, PLACE).click();
  await expect(sheet.cell(0, PLACE)).toHaveClass(/cell-active/);
  await sheet.paste(lines.join('\r\n') + '\r\n');
  // a block is saved whole or not at all: nothing written, the refused cell marked, the other 29 held as pasted
  const notSaved = page.getByText(
    /^粘贴：整块未保存；1 个单元格未通过校验：.+，原因已在格中标出；改正后与其余 29 个单元格一起保存，Esc 放弃整块$/,
  );
  await expect(notSaved).toBeVisible();
  for (const [i, id] of ids.entries()) expect(await project(page, id), `第${i}行`).toEqual(before[i]);
  // the refused cell shows the refused text and the reason where it stands; the held ones what was pasted
  await expect(sheet.cell(3, TOTAL)).toContainText('12o');
  await expect(sheet.cell(3, TOTAL)).toContainText('总投资“12o”不是有效的金额');
  await expect(sheet.cell(3, TOTAL).locator('[aria-invalid="true"]')).toBeVisible();
  await expect(sheet.cell(5, PLACE).locator('.cell-held')).toHaveText('地点5');
  await sheet.expectSelected(9, START);
  await sheet.expectSelected(9, START + 1, false);
  await page.screenshot({ path: 'test-results/screens/sheet-ledger-block.png' });
  // Esc gives the whole block up: every cell shows the ledger again
  await page.keyboard.press('Escape');
  await expect(grid.locator('.cell-held, [aria-invalid="true"]')).toHaveCount(0);
  await expect(sheet.cell(5, PLACE)).toHaveText(before[5]!.location ?? '');

  // pasted again, and the refused cell corrected: the whole block is saved in one call
  await sheet.cell(0, PLACE).click();
  await sheet.paste(lines.join('\r\n') + '\r\n');
  await expect(notSaved.first()).toBeVisible();
  await sheet.cell(3, TOTAL).click();
  await page.keyboard.type('1003.25');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await project(page, ids[9]!)).location).toBe('地点9');
  for (const [i, id] of ids.entries()) {
    const p = await project(page, id);
    expect(p.location, p.name).toBe(`地点${i}`);
    expect(p.planStart).toBe(`2017-01-${String(i + 1).padStart(2, '0')}`);
    expect(p.totalFen).toBe((1000 + i) * 1_000_000 + 250_000);
  }
  await expect(grid.locator('.cell-held, [aria-invalid="true"]')).toHaveCount(0);

  // Ctrl+Z takes the whole paste back in one step
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await project(page, ids[9]!)).location).toBe(before[9]!.location);
  for (const [i, id] of ids.entries()) {
    const p = await project(page, id);
    expect({ totalFen: p.totalFen, location: p.location, planStart: p.planStart }, p.name).toEqual({
      totalFen: before[i]!.totalFen,
      location: before[i]!.location,
      planStart: before[i]!.planStart,
    });
  }
  // …and Ctrl+Y does it again
  await page.keyboard.press('Control+y');
  await expect.poll(async () => (await project(page, ids[0]!)).location).toBe('地点0');

  // Ctrl+Z in the search box is the search box's own: the text typed goes, the saved paste stays
  await page.getByLabel('搜索项目').fill('');
  await page.getByLabel('搜索项目').pressSequentially('zzz');
  await page.keyboard.press('Control+z');
  await expect(page.getByLabel('搜索项目')).not.toHaveValue('zzz');
  expect((await project(page, ids[0]!)).location).toBe('地点0');
  await page.getByLabel('搜索项目').fill('');
  await expect(sheet.cell(9, CODE)).toBeVisible();

  // the cursor: arrows, Enter down, Tab right, Home to the row's start
  await sheet.cell(0, CODE).click();
  await page.keyboard.press('ArrowDown');
  await expect(sheet.cell(1, CODE)).toHaveClass(/cell-active/);
  await page.keyboard.press('Enter');
  await expect(sheet.cell(2, CODE)).toHaveClass(/cell-active/);
  await page.keyboard.press('Tab');
  await expect(sheet.cell(2, CODE + 1)).toHaveClass(/cell-active/);
  await page.keyboard.press('Home');
  await expect(sheet.cell(2, CODE)).toHaveClass(/cell-active/);
  // Tab, Tab, Enter: the next row at the column the Tabs began in (Excel's habit for entering a record at a time)
  await sheet.cell(2, CODE + 1).click();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(sheet.cell(3, CODE + 1)).toHaveClass(/cell-active/);
  await page.keyboard.press('Enter'); // a plain Enter after that goes straight down
  await expect(sheet.cell(4, CODE + 1)).toHaveClass(/cell-active/);
  await sheet.cell(2, CODE).click();
  await page.keyboard.press('Control+ArrowDown'); // to the last project (every code is filled)
  await expect(grid.locator('.cell-active')).toHaveAttribute('aria-colindex', String(CODE));
  await expect(grid.locator('.cell-active').locator('xpath=..')).not.toHaveAttribute('aria-rowindex', '4');
  await page.keyboard.press('Control+Home');
  await expect(sheet.cell(0, CODE)).toHaveClass(/cell-active/);

  // typing over a cell replaces its value; Enter saves and moves down
  await sheet.cell(4, PLACE).click();
  await page.keyboard.type('X街');
  await page.keyboard.press('Enter');
  await expect(sheet.cell(5, PLACE)).toHaveClass(/cell-active/);
  await expect.poll(async () => (await project(page, ids[4]!)).location).toBe('X街');

  // Ctrl+D: 建设地点 of rows 0..2 takes row 0's
  await sheet.cell(0, PLACE).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Control+d');
  await expect(page.getByText('向下填充：已保存 2 个单元格')).toBeVisible();
  await expect.poll(async () => (await project(page, ids[2]!)).location).toBe('地点0');

  // Delete clears the block; a required field (建设地点) is refused in its cell and keeps its value
  await sheet.cell(5, PLACE).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Delete');
  await expect(sheet.cell(6, PLACE)).toContainText('请填写建设地点');
  expect((await project(page, ids[6]!)).location).toBe('地点6');
  // Esc takes the mark away: the cell shows what the ledger holds (the refused text was never saved)
  await page.keyboard.press('Escape');
  await expect(sheet.cell(6, PLACE)).toHaveText('地点6');
  await sheet.cell(5, START).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Delete');
  await expect(page.getByText('清除：已保存 2 个单元格')).toBeVisible();
  await expect.poll(async () => (await project(page, ids[6]!)).planStart).toBeNull();

  // a read-only cell says why
  await sheet.cell(0, RESPONSIBLE).click();
  await expect(sheet.cell(0, RESPONSIBLE)).toHaveAttribute('aria-readonly', 'true');
  await page.keyboard.type('x');
  await expect(page.getByText('“责任单位”不在表格中修改，请点“编辑”或打开项目档案')).toBeVisible();

  // a whole column from its header, a whole row from its row number
  await sheet.header('建设地点').click({ position: { x: 10, y: 10 } });
  await sheet.expectSelected(0, PLACE);
  await sheet.expectSelected(9, PLACE);
  await sheet.expectSelected(0, START, false);
  await grid.locator('.lg-body [role="row"][aria-rowindex="3"] [role="rowheader"]').click();
  await sheet.expectSelected(1, CODE);
  await sheet.expectSelected(1, RESPONSIBLE);
  await sheet.expectSelected(0, CODE, false);

  // a column's width dragged is remembered after a reload
  const head = sheet.header('建设地点');
  const box = (await head.boundingBox())!;
  await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width + 80, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await head.boundingBox())!.width)).toBe(Math.round(box.width) + 82);
  // the frozen pane ends at the chosen column: 建设性质 stays in view when the grid scrolls sideways; remembered
  const frozenSelect = page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: '冻结列' }) });
  await frozenSelect.click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: '冻结至“建设性质”' })
    .click();
  await page.reload();
  await expect
    .poll(async () => Math.round((await sheet.header('建设地点').boundingBox())!.width))
    .toBe(Math.round(box.width) + 82);
  await expect(frozenSelect).toContainText('冻结至“建设性质”');
  await grid.evaluate((el) => (el.scrollLeft = 2000));
  await expect(sheet.cell(0, 6)).toBeInViewport({ ratio: 1 }); // 建设性质, frozen
  await expect(sheet.cell(0, PLACE)).not.toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: 'test-results/screens/sheet-ledger-frozen.png' });

  // at an office screen's 1366×768, a block selected
  await page.setViewportSize({ width: 1366, height: 768 });
  await grid.evaluate((el) => (el.scrollLeft = 0));
  await sheet.cell(1, CODE).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await sheet.expectSelected(3, CODE + 2);
  await page.screenshot({ path: 'test-results/screens/sheet-ledger-1366.png' });
});

test('项目台账: a day typed as clerks write it (2017/7/1, 2017年7月1日, 2017.7.1) or pasted from Excel is taken', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { grid, sheet } = await new LedgerPage(page).sampleSheet();
  await expect(sheet.cell(2, CODE)).toBeVisible();
  const id = Number(await grid.locator('.lg-body [role="row"][aria-rowindex="2"]').getAttribute('data-id'));
  for (const [typed, iso] of [
    ['2017/7/1', '2017-07-01'],
    ['2017年7月2日', '2017-07-02'],
    ['2017.7.3', '2017-07-03'],
  ] as const) {
    await sheet.cell(0, START).click();
    await page.keyboard.type(typed);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await project(page, id)).planStart, typed).toBe(iso);
    await expect(sheet.cell(0, START)).toHaveText(`2017年7月${iso.slice(-1)}日`);
  }
  // a block from Excel, its days written with slashes
  await sheet.cell(1, START).click();
  await sheet.paste('2017/8/1\t2017/12/31\r\n');
  const second = Number(await grid.locator('.lg-body [role="row"][aria-rowindex="3"]').getAttribute('data-id'));
  await expect.poll(async () => (await project(page, second)).planStart).toBe('2017-08-01');
  // a day that is not on the calendar is refused in Chinese, naming the field and what was typed
  await sheet.cell(0, START).click();
  await page.keyboard.type('2017/9/31');
  await page.keyboard.press('Enter');
  await expect(page.getByText('计划开工“2017/9/31”不是有效日期（2017年9月没有31日）').first()).toBeVisible();
  expect((await project(page, id)).planStart).toBe('2017-07-03');
});
