// Issue 17, deliverable 1 (grid habits everywhere): the lists of the 一项目一档 (建设子项, 资金构成, 年度计划, 节点)
// as sheets that grow. A 3-column × 10-row block from Excel pasted into the 节点 sheet, which has fewer rows: the
// rows are added (checked in the database through the harness), a refused date shown in place with its reason,
// the whole paste undone in one step (the rows gone); rows deleted with Ctrl+- after a confirmation; a column
// widened by dragging and the first columns frozen, both kept after a reload; a 领导 reads the sheets only.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { MonthlyReportPage } from './pages/monthly-report-page.ts';
import { rpc, SheetGrid } from './pages/sheet.ts';

const expect = baseExpect.configure({ timeout: 20_000 });
test.use({ viewport: { width: 1366, height: 768 } });

interface Milestone {
  id?: number;
  node: string;
  planDate: string | null;
  actDate: string | null;
}
/** the list as the clerk sees it (each save replaces the list, so the rows' ids are new) */
const withoutIds = (ms: Milestone[]) => ms.map(({ id: _id, ...m }) => m);
const PROJECT = '新建旅游接待中心';
// ARIA column indexes of the 节点 sheet: 行 1, 节点名称 2, 计划日期 3, 实际日期 4, 状态 5, 备注 6
const NODE = 2;
const PLAN = 3;
const STATE = 5;

async function openProject(page: Page) {
  const projects = await rpc<{ id: number; name: string }[]>(page, 'projects:list', {});
  const id = projects.find((p) => p.name === PROJECT)!.id;
  await page.getByRole('menuitem', { name: '项目台账' }).click();
  await page.getByRole('button', { name: `档案 ${PROJECT}` }).click();
  await expect(page.getByText(`一项目一档：${PROJECT}`)).toBeVisible();
  return id;
}

test('节点 as a growing sheet: a 3×10 block pasted adds rows, a refused date in place, undone; Ctrl+- deletes rows', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  const id = await openProject(page);
  const milestones = async () => withoutIds(await rpc<Milestone[]>(page, 'milestones:list', { projectId: id }));
  const before = await milestones();
  expect(before.length).toBeLessThan(10);

  await page.getByRole('tab', { name: '节点' }).click();
  const grid = page.getByRole('grid', { name: '节点表格' });
  const sheet = new SheetGrid(page, grid);
  const n = before.length;
  // the empty last row (*) takes new rows
  await expect(grid.getByRole('row')).toHaveCount(n + 2);
  await expect(grid.getByRole('rowheader').last()).toHaveText('*');

  const lines = Array.from(
    { length: 10 },
    (_, k) =>
      `新节点${k}\t${k === 4 ? '2017-02-30' : `2018/${k + 1}/15`}\t${k < 2 ? `2018-${String(k + 1).padStart(2, '0')}-20` : ''}`,
  );
  await sheet.cell(n, NODE).click();
  await sheet.paste(lines.join('\r\n') + '\r\n');
  // saved whole or not at all: no row added while a cell is refused; the new rows wait on screen as pasted
  await expect(
    page.getByText(
      /^粘贴：整块未保存；1 个单元格未通过校验：.+，原因已在格中标出；改正后与其余 \d+ 个单元格一起保存，Esc 放弃整块$/,
    ),
  ).toBeVisible();
  expect(await milestones()).toEqual(before);
  // the refused day stays in its cell, marked, with its reason in Chinese
  await expect(sheet.cell(n + 4, PLAN)).toContainText('2017-02-30');
  await expect(sheet.cell(n + 4, PLAN)).toContainText('不是有效日期');
  await expect(sheet.cell(n + 4, PLAN).locator('[aria-invalid="true"]')).toBeVisible();
  await expect(sheet.cell(n, PLAN).locator('.cell-held')).toHaveText('2018/1/15');
  // corrected: the ten rows are added in one call
  await sheet.cell(n + 4, PLAN).click();
  await page.keyboard.type('2018-05-15');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await milestones()).length).toBe(n + 10);
  const after = await milestones();
  expect(after.slice(0, n)).toEqual(before);
  expect(after.slice(n).map((m) => [m.node, m.planDate, m.actDate])).toEqual(
    Array.from({ length: 10 }, (_, k) => [
      `新节点${k}`,
      `2018-${String(k + 1).padStart(2, '0')}-15`,
      k < 2 ? `2018-${String(k + 1).padStart(2, '0')}-20` : null,
    ]),
  );
  await expect(sheet.cell(n, PLAN)).toHaveText('2018年1月15日');
  await expect(sheet.cell(n + 10, NODE)).toBeVisible(); // a new empty last row
  await expect(sheet.cell(n + 10, 1)).toHaveText('*');
  // a derived cell says why it is not typed into
  await sheet.cell(n, STATE).click();
  await page.keyboard.type('x');
  await expect(page.getByText('状态由计划日期、实际日期自动判断')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/sheet-project-milestones-1366.png' });

  // one undo takes the whole paste back: the ten rows are gone
  await sheet.cell(n, NODE).click();
  await page.keyboard.press('Control+z');
  await expect(page.getByText(/^已撤销：/)).toBeVisible();
  await expect.poll(async () => (await milestones()).length).toBe(n);
  expect(await milestones()).toEqual(before);
  await page.keyboard.press('Control+y');
  await expect.poll(async () => (await milestones()).length).toBe(n + 10);

  // typing into the empty last row adds a row
  await sheet.cell(n + 10, NODE).click();
  await page.keyboard.press('F2'); // (Chinese text arrives without key presses in a test: the editor is opened first)
  await page.keyboard.type('主体完工');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await milestones()).map((m) => m.node)).toContain('主体完工');
  expect((await milestones()).length).toBe(n + 11);

  // Ctrl+- deletes the selected rows once confirmed, as one step
  await sheet.cell(n + 1, NODE).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Control+Minus');
  const confirm = page.getByRole('dialog').filter({ hasText: '删除所选的 3 行节点？' });
  await confirm
    .getByRole('button', { name: '删除' })
    .or(confirm.getByRole('button', { name: '删 除' }))
    .click();
  await expect(page.getByText('已删除 3 行，可按 Ctrl+Z 撤销')).toBeVisible();
  await expect.poll(async () => (await milestones()).map((m) => m.node)).not.toContain('新节点1');
  expect((await milestones()).map((m) => m.node).slice(n)).toEqual([
    '新节点0',
    '新节点4',
    '新节点5',
    '新节点6',
    '新节点7',
    '新节点8',
    '新节点9',
    '主体完工',
  ]);
  await grid.focus();
  await page.keyboard.press('Control+z');
  await expect
    .poll(async () => (await milestones()).map((m) => m.node).slice(n, n + 4))
    .toEqual(['新节点0', '新节点1', '新节点2', '新节点3']);

  // the row header's menu deletes a row as well
  await sheet.cell(n + 10, 1).click({ button: 'right' });
  await page.getByRole('menuitem', { name: /删除所选行/ }).click();
  await page
    .getByRole('dialog')
    .filter({ hasText: '删除所选的 1 行节点？' })
    .getByRole('button', { name: /删\s?除/ })
    .click();
  await expect.poll(async () => (await milestones()).map((m) => m.node)).not.toContain('主体完工');
});

test('建设子项: a block pasted below the rows adds them; a row missing its amount refused in place; widths and frozen columns kept', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  const id = await openProject(page);
  const items = async () =>
    (
      await rpc<{ items: { name: string; qty: number | null; amountFen: number }[] }>(page, 'items:list', {
        projectId: id,
      })
    ).items;
  const n = (await items()).length;
  await page.getByRole('tab', { name: '建设子项' }).click();
  const grid = page.getByRole('grid', { name: '建设子项表格' });
  const sheet = new SheetGrid(page, grid);
  // 子项名称 2, 数量 3, 单位 4, 金额 5: name, qty, unit pasted with the amount beside; one row without its amount
  await sheet.cell(n, 2).click();
  await sheet.paste('主体工程\t1\t项\t100\r\n绿化\t2000\t平方米\t\r\n亮化\t30\t盏\t12.5\r\n');
  // saved whole or not at all: the three new rows wait below the list, the one refused marked, until it is completed
  await expect(page.getByText(/^粘贴：整块未保存；\d+ 个单元格未通过校验：/)).toBeVisible();
  expect(await items()).toHaveLength(n);
  await expect(sheet.cell(n, 2).locator('.cell-held')).toHaveText('主体工程');
  await expect(sheet.cell(n + 1, 2)).toContainText('绿化');
  await expect(sheet.cell(n + 1, 2)).toContainText('本行未保存');
  await expect(sheet.cell(n + 1, 5)).toContainText('金额');
  await sheet.cell(n + 1, 5).click();
  await page.keyboard.type('8');
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await items()).map((i) => [i.name, i.qty, i.amountFen]).slice(n))
    .toEqual([
      ['主体工程', 1, 100_000_000],
      ['绿化', 2000, 8_000_000],
      ['亮化', 30, 12_500_000],
    ]);
  await expect(sheet.cell(n + 1, 2)).toHaveText('绿化');

  // a column widened by dragging its header's right edge, the first two columns frozen: both kept after a reload
  const head = grid.getByRole('columnheader', { name: '子项名称' });
  const w0 = (await head.boundingBox())!.width;
  const handle = head.locator('.lg-resize');
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 90, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await head.boundingBox())!.width).toBeGreaterThan(w0 + 60);
  const freeze = page
    .locator('.ant-tabs-tabpane-active .ant-select')
    .filter({ has: page.getByRole('combobox', { name: '冻结列' }) });
  await freeze.click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: '冻结至“数量”' })
    .click();
  await expect(grid.getByRole('columnheader', { name: '数量' })).toHaveClass(/ant-table-cell-fix-left/);
  await page.waitForTimeout(500); // the settings are saved as they change
  await page.reload();
  await openProject(page);
  await page.getByRole('tab', { name: '建设子项' }).click();
  await expect(freeze).toContainText('冻结至“数量”');
  await expect(grid.getByRole('columnheader', { name: '数量' })).toHaveClass(/ant-table-cell-fix-left/);
  await expect
    .poll(async () => (await grid.getByRole('columnheader', { name: '子项名称' }).boundingBox())!.width)
    .toBeGreaterThan(w0 + 60);
  await page.screenshot({ path: 'test-results/screens/sheet-project-items-1366.png' });
  for (const tab of ['资金构成', '年度计划']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('grid', { name: `${tab}表格` })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/sheet-project-${tab}-1366.png` });
  }
  // money reads as on every other page (1,750.00); its editor holds the plain text, as Excel's does
  const funds = page.getByRole('grid', { name: '资金构成表格' });
  await page.getByRole('tab', { name: '资金构成' }).click();
  const amountCol = Number(
    await funds.getByRole('columnheader', { name: /万元/ }).first().getAttribute('aria-colindex'),
  );
  const big = funds
    .locator(`[role="gridcell"][aria-colindex="${amountCol}"]`)
    .filter({ hasText: /^\d{1,3}(,\d{3})+\.\d{2}$/ });
  await expect(big.first()).toBeVisible();
  const shown = (await big.first().textContent())!;
  await big.first().click();
  await page.keyboard.press('F2');
  await expect(funds.getByRole('textbox')).toHaveValue(shown.replaceAll(',', ''));
  await page.keyboard.press('Escape');
});

test('a 领导 reads the lists of the 一项目一档 as read-only grids: no empty row to add, no row menu', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  await new MonthlyReportPage(page).actAs('赵建国', '领导');
  await openProject(page);
  for (const tab of ['建设子项', '资金构成', '年度计划', '节点']) {
    await page.getByRole('tab', { name: tab }).click();
    const grid = page.getByRole('grid', { name: `${tab}表格` });
    await expect(grid).toHaveAttribute('aria-readonly', 'true');
    await expect(grid.getByRole('rowheader').filter({ hasText: '*' })).toHaveCount(0);
    const cells = grid.locator('[role="gridcell"][data-r]');
    if (await cells.count()) {
      await cells.first().click();
      await page.keyboard.type('1');
      await expect(page.getByText('领导（只读）角色不能修改数据').last()).toBeVisible();
    }
  }
  await page.getByRole('tab', { name: '节点' }).click();
  await page.screenshot({ path: 'test-results/screens/sheet-project-leader-1366.png' });
});

/** Drags a column header's right edge by dx pixels, as the clerk widens a column. */
async function widen(page: Page, head: ReturnType<Page['getByRole']>, dx: number) {
  const box = (await head.locator('.lg-resize').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
}

test('every sheet widens and freezes its columns, remembered: 月报 batch entry and 人员', async ({ page }) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  const sheets = [
    {
      open: async () => page.getByRole('menuitem', { name: '月报填报' }).click(),
      grid: '月报填报表格',
      widen: '形象进度',
      freeze: '本月完成投资(万元)',
    },
    {
      open: async () => {
        await page.getByRole('menuitem', { name: '组织机构' }).click();
        await page.getByRole('tab', { name: '人员' }).click();
      },
      grid: '人员表格',
      widen: '姓名',
      freeze: '职务',
    },
  ];
  for (const s of sheets) {
    await s.open();
    const grid = page.getByRole('grid', { name: s.grid });
    const head = grid.getByRole('columnheader', { name: s.widen, exact: true });
    await expect(head).toBeVisible();
    const w0 = (await head.boundingBox())!.width;
    await widen(page, head, 80);
    await expect.poll(async () => (await head.boundingBox())!.width, s.grid).toBeGreaterThan(w0 + 50);
    const freeze = page.locator('.ant-select:visible').filter({ has: page.getByRole('combobox', { name: '冻结列' }) });
    await freeze.click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: `冻结至“${s.freeze}”` })
      .click();
    await expect(grid.getByRole('columnheader', { name: s.freeze, exact: true })).toHaveClass(
      /ant-table-cell-fix-left|lg-pin-left/, // an antd table's frozen cell, or the windowed grid's
    );
    await page.waitForTimeout(500); // saved as they change
    await page.reload();
    await s.open();
    await expect(freeze).toContainText(`冻结至“${s.freeze}”`);
    await expect(grid.getByRole('columnheader', { name: s.freeze, exact: true })).toHaveClass(
      /ant-table-cell-fix-left|lg-pin-left/, // an antd table's frozen cell, or the windowed grid's
    );
    await expect
      .poll(
        async () => (await grid.getByRole('columnheader', { name: s.widen, exact: true }).boundingBox())!.width,
        s.grid,
      )
      .toBeGreaterThan(w0 + 50);
    await page.screenshot({ path: `test-results/screens/sheet-layout-${s.grid}-1366.png` });
  }
});
