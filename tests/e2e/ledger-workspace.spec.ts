import { expect, test } from '@playwright/test';
import { LedgerWorkspace } from './pages/ledger-workspace-page.ts';
import { SheetGrid } from './pages/sheet.ts';

test('ledger workspace: create with funding and a milestone, edit inline, pinyin search, bulk assign, delete and restore, history', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const w = new LedgerWorkspace(page);
  await w.freshStart('载入示例数据');
  const name = '蒲州镇污水处理站';

  // create through the form
  await w.submitNew({
    项目编号: '2017-WS',
    项目名称: name,
    建设地点: '蒲州镇东郊',
    建设内容及规模: '新建日处理500吨污水处理站',
    '总投资（万元）': '200',
  });
  await expect(page.getByText(`已新增“${name}”`)).toBeVisible();

  // funding mix on the project page, with the 未落实 remainder
  await w.openFile(name);
  await w.tab('资金构成').click();
  // the list is a sheet (issue 17): two sources pasted from Excel into its empty last row become two rows
  const funding = new SheetGrid(page, page.getByRole('grid', { name: '资金构成表格' }));
  await funding.cell(0, 2).click();
  await funding.paste('中央资金\t120\r\n镇政府自筹\t50\r\n');
  await expect(page.getByText(/^粘贴：已保存 4 个单元格/)).toBeVisible();
  await expect(w.panel().getByText('资金构成合计170.00万元，尚有30.00万元未落实')).toBeVisible();
  await expect(w.panel().locator('tr', { hasText: '未落实' })).toContainText('30.00');
  await expect(w.panel().locator('tr', { hasText: '上级补助小计' })).toContainText('120.00');

  // a milestone: a bad date is refused in its cell with the reason, then a good one is saved and shown overdue
  await w.tab('节点').click();
  const nodes = new SheetGrid(page, page.getByRole('grid', { name: '节点表格' }));
  await nodes.cell(0, 2).click();
  await nodes.paste('开工\t2017-09-31\r\n');
  await expect(nodes.cell(0, 3)).toContainText('不是有效日期');
  await nodes.cell(0, 3).click();
  await page.keyboard.type('2017-09-01');
  await page.keyboard.press('Enter');
  await expect(nodes.cell(0, 3)).toHaveText('2017年9月1日');
  await expect(w.panel().getByText(/已逾期\d+天/)).toBeVisible();
  await page.getByRole('button', { name: '返回台账' }).click();

  // pinyin initials find it; others are filtered out
  await w.search('pzzws');
  await expect(w.row(name)).toBeVisible();
  await expect(w.row('蒲州商业街工程')).toHaveCount(0);

  // inline edit: a bad amount is refused, a good one saved
  await w.editCell(name, 'totalFen', '-5');
  await expect(page.getByText('总投资不能为负数').first()).toBeVisible();
  await page.getByLabel(/^修改/).fill('210');
  await page.getByLabel(/^修改/).press('Enter');
  await expect(page.getByText(`已保存“${name}”的总投资(万元)`)).toBeVisible();
  await expect(w.cell(name, 'totalFen')).toHaveText('210.00');
  // keyboard: the active cell moved down after Enter; arrows and Enter open the next editor
  await w.cell(name, 'status').click();
  await page.keyboard.press('F2');
  await page.keyboard.type('在建');
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: /^在建$/ })
    .click();
  await expect(w.cell(name, 'status')).toHaveText('在建');

  // bulk-assign a responsible unit to three projects
  await w.search('');
  await w.select([name, '新建旅游接待中心', '蒲州商业街工程']);
  await expect(page.getByText('已选 3 个项目')).toBeVisible();
  await page.getByRole('button', { name: '批量修改' }).click();
  const dialog = page.getByRole('dialog');
  await w.choose(dialog, '增加责任单位', '蒲州镇林业站');
  await dialog.getByRole('button', { name: '确定修改' }).click();
  await expect(page.getByText('已批量修改 3 个项目')).toBeVisible();
  for (const n of [name, '新建旅游接待中心', '蒲州商业街工程'])
    await expect(w.cell(n, 'responsible')).toContainText('蒲州镇林业站');

  // delete to the 回收站 and restore
  await w.search('pzzws');
  await w.row(name).getByRole('button', { name: /删除/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /删\s*除/ })
    .click();
  await expect(page.getByText('已移入回收站（1 个项目）')).toBeVisible();
  await expect(w.row(name)).toHaveCount(0);
  await page.getByText('回收站', { exact: true }).click();
  await w.row(name).getByRole('button', { name: /恢复/ }).click();
  await expect(page.getByText(`已恢复“${name}”`)).toBeVisible();
  await page.getByText('在册项目', { exact: true }).click();
  await w.search(name);
  await expect(w.row(name)).toBeVisible();

  // the change history shows each step with the operator
  await w.openFile(name);
  await w.tab('修改记录').click();
  const history = w.panel();
  for (const [action, what] of [
    ['新增', '项目'],
    ['修改', '资金构成'],
    ['修改', '节点'],
    ['修改', '总投资'],
    ['修改', '项目状态'],
    ['修改', '责任单位'],
    ['删除', '项目'],
    ['恢复', '项目'],
  ])
    await expect(history.locator('tr', { hasText: action }).filter({ hasText: what }).first()).toContainText(
      '测试管理员',
    );
  await page.screenshot({ path: 'test-results/screens/project-history.png', fullPage: true });
});

test('the column chooser is saved per operator and survives a reload', async ({ page }) => {
  const w = new LedgerWorkspace(page);
  await w.freshStart('载入示例数据');
  await expect(page.getByRole('columnheader', { name: '建设模式' })).toHaveCount(0);
  await page.getByRole('button', { name: '列' }).click();
  await page.getByRole('checkbox', { name: '建设模式' }).check();
  await expect(page.getByRole('columnheader', { name: '建设模式' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('columnheader', { name: '建设模式' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/ledger-grid.png' });
});

test('the grid: sort by a header, collapse a parent, move with the arrow keys, select all', async ({ page }) => {
  const w = new LedgerWorkspace(page);
  await w.freshStart('载入示例数据');
  const body = page.locator('.ledger-grid .lg-body');
  const header = page.getByRole('columnheader', { name: '总投资(万元)' });

  // The spreadsheet cycle on a header's sort button: ascending, descending, unsorted; sub-projects stay under
  // their parent. (A click on the header itself selects the whole column, as Excel's column letter does.)
  const sortButton = header.getByRole('button', { name: '按“总投资(万元)”排序' });
  await sortButton.click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await sortButton.click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect(body.getByRole('row').first()).toContainText('蒲州镇旅游景区提升工程');
  await expect(body.getByRole('row').nth(1)).toContainText('新建旅游接待中心'); // its largest sub-project
  await sortButton.click();
  await expect(header).toHaveAttribute('aria-sort', 'none');

  // A parent's branch folds away and comes back.
  const parent = w.row('蒲州镇旅游景区提升工程');
  await parent.getByRole('button', { name: '收起' }).click();
  await expect(w.row('新建旅游接待中心')).toHaveCount(0);
  await parent.getByRole('button', { name: '展开' }).click();
  await expect(w.row('新建旅游接待中心')).toBeVisible();

  // Arrow keys move the active cell like a spreadsheet.
  await w.cell('蒲州镇旅游景区提升工程', 'code').click();
  await expect(w.cell('蒲州镇旅游景区提升工程', 'code')).toHaveClass(/cell-active/);
  await page.keyboard.press('ArrowDown');
  await expect(w.cell('新建旅游接待中心', 'code')).toHaveClass(/cell-active/);
  await page.keyboard.press('ArrowRight');
  await expect(w.cell('新建旅游接待中心', 'name')).toHaveClass(/cell-active/);
  // Far to the right the grid scrolls sideways; the code and name columns stay pinned in view.
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  await expect(w.cell('新建旅游接待中心', 'leader')).toHaveClass(/cell-active/);
  await expect(w.cell('新建旅游接待中心', 'leader')).toBeInViewport({ ratio: 1 });
  await expect(w.cell('新建旅游接待中心', 'name')).toBeInViewport({ ratio: 1 });

  // 全选 takes every listed project, and again clears.
  await page.getByRole('checkbox', { name: '全选' }).check();
  await expect(page.getByText('已选 36 个项目')).toBeVisible();
  await page.getByRole('checkbox', { name: '全选' }).uncheck();
  await expect(page.getByText(/已选 \d+ 个项目/)).toHaveCount(0);
});

test('a keystroke in the search box asks the core once, from its handler, before the page renders it; a later write is never answered from before it', async ({
  page,
}) => {
  // Every projects:page question, with when it left (the page's bridge posts it to /rpc/); the page marks
  // ledger:filter-start as its effect runs.
  await page.addInitScript(() => {
    const g = window as unknown as { asks: number[] };
    const send = window.fetch.bind(window);
    g.asks = [];
    window.fetch = (url, init) => {
      if (decodeURIComponent(String(url)).endsWith('/rpc/projects:page')) g.asks.push(performance.now());
      return send(url, init);
    };
  });
  const w = new LedgerWorkspace(page);
  await w.freshStart('载入示例数据');
  await expect(w.row('蒲州商业街工程')).toBeVisible();
  await page.evaluate(() => {
    (window as unknown as { asks: number[] }).asks = [];
    performance.clearMarks('ledger:filter-start');
  });
  await page.getByLabel('搜索项目').click();
  await page.keyboard.type('pzzly', { delay: 250 }); // 蒲州镇旅游…
  await expect(w.row('蒲州镇旅游景区提升工程')).toBeVisible();
  await expect(w.row('蒲州商业街工程')).toHaveCount(0);
  const { asks, marks } = await page.evaluate(() => ({
    asks: (window as unknown as { asks: number[] }).asks,
    marks: performance.getEntriesByName('ledger:filter-start').map((m) => m.startTime),
  }));
  expect(asks, '每次按键只问一次').toHaveLength(5);
  expect(marks).toHaveLength(5);
  for (let i = 0; i < 5; i++) expect(asks[i], `第${i + 1}次按键在页面重绘前就已提问`).toBeLessThan(marks[i]!);

  // A rename saved, then the same text typed again: the rows are the ones after the save.
  await w.editCell('蒲州镇旅游景区提升工程', 'name', '蒲州镇旅游景区改造提升工程');
  await expect(page.getByText(/已保存“蒲州镇旅游景区改造提升工程”/)).toBeVisible();
  await w.search('');
  await expect(w.row('蒲州商业街工程')).toBeVisible();
  await page.getByLabel('搜索项目').click();
  await page.keyboard.type('pzzly', { delay: 50 });
  await expect(w.row('蒲州镇旅游景区改造提升工程')).toBeVisible();
  await expect(w.row('蒲州镇旅游景区提升工程')).toHaveCount(0);
  await expect(w.row('蒲州商业街工程')).toHaveCount(0);
});
