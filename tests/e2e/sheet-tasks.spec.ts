// Issue 17, deliverable 1 (grid habits everywhere): the 责任清单 as a spreadsheet. A 3-column × 10-row block from
// Excel (完成时限, 完成情况, 工作进展) pasted, checked in the database through a channel, undone in one step; a cell
// refused here (a date that does not exist) and a task refused by the core (已完成 without 工作进展) shown in place.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { rpc, SheetGrid } from './pages/sheet.ts';

const expect = baseExpect.configure({ timeout: 20_000 });
test.use({ viewport: { width: 1366, height: 768 } });

interface Task {
  id: number;
  title: string;
  deadline: string | null;
  status: string;
  progressText: string | null;
  leadOrgId: number | null;
  respOrgIds: number[];
}
const list = (page: Page, campaignId: number) => rpc<Task[]>(page, 'tasks:list', { campaignId });
const fields = (t: Task) => ({ deadline: t.deadline, status: t.status, progressText: t.progressText });

// ARIA column indexes: 行 1, 序号 2, 类别 3, 重点工作 4, 牵头单位 5, 责任单位 6, 完成时限 7, 完成情况 8, 工作进展 9
const TITLE = 4;
const LEAD = 5;
const RESP = 6;
const DEADLINE = 7;
const PROGRESS = 9;

test('责任清单 as a spreadsheet: a 3×10 block pasted, checked in the database, undone; refused cells in place; units by name', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  const { campaignId } = await rpc<{ campaignId: number }>(page, 'tasks:loadTemplate', { template: 'jilin' });
  const orgs = await rpc<{ id: number; name: string }[]>(page, 'orgs:list', {});
  await page.getByRole('menuitem', { name: '责任清单' }).click();
  const grid = page.getByRole('grid', { name: '责任清单' });
  const sheet = new SheetGrid(page, grid);
  await expect(sheet.cell(9, DEADLINE)).toBeVisible();
  const before = (await list(page, campaignId)).slice(0, 10);

  // row 3's date does not exist (refused here); row 5 is 已完成 without 工作进展 (refused by the core's rule)
  const lines = before.map(
    (_, k) =>
      `${k === 3 ? '2017-02-30' : `2017年10月${k + 1}日`}\t${k === 5 ? '已完成' : '推进中'}\t${k === 5 ? '' : `已完成第${k}项`}`,
  );
  await sheet.cell(0, DEADLINE).click();
  await sheet.paste(lines.join('\r\n') + '\r\n');
  // saved whole or not at all: the day that does not exist keeps the block unsaved
  const notSaved = page.getByText(/^粘贴：整块未保存；1 个单元格未通过校验：.+，原因已在格中标出；/);
  await expect(notSaved).toBeVisible();
  expect((await list(page, campaignId)).slice(0, 10).map(fields)).toEqual(before.map(fields));
  await expect(sheet.cell(3, DEADLINE)).toContainText('2017-02-30');
  await expect(sheet.cell(3, DEADLINE)).toContainText('完成时限“2017-02-30”不是有效日期（2017年2月没有30日）');
  await expect(sheet.cell(3, DEADLINE).locator('[aria-invalid="true"]')).toBeVisible();
  await sheet.expectSelected(9, PROGRESS);
  await sheet.expectSelected(9, RESP, false);
  await page.screenshot({ path: 'test-results/screens/sheet-tasks-block.png' });
  // the day corrected: the block goes to the core, which refuses row 5 (已完成 without 工作进展) — still nothing written
  await sheet.cell(3, DEADLINE).click();
  await page.keyboard.type('2017-10-04');
  await page.keyboard.press('Enter');
  await expect(sheet.cell(5, DEADLINE + 1)).toContainText('已完成');
  await expect(sheet.cell(5, DEADLINE + 1)).toContainText('请填写工作进展');
  expect((await list(page, campaignId)).slice(0, 10).map(fields)).toEqual(before.map(fields));
  // the 工作进展 typed (a cell the block left empty): the whole block is saved in one call
  await sheet.cell(5, PROGRESS).click();
  await page.keyboard.press('F2');
  await page.keyboard.type('已完成第5项');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await list(page, campaignId))[9]!.progressText).toBe('已完成第9项');
  const after = await list(page, campaignId);
  for (const [k, t] of before.entries())
    expect(fields(after.find((x) => x.id === t.id)!), t.title).toEqual({
      deadline: `2017-10-${String(k + 1).padStart(2, '0')}`,
      status: k === 5 ? '已完成' : '推进中',
      progressText: `已完成第${k}项`,
    });

  // Ctrl+Z takes the whole block back in one step
  await page.keyboard.press('Control+z');
  await expect(page.getByText(/^已撤销：/)).toBeVisible();
  await expect.poll(async () => (await list(page, campaignId)).slice(0, 10).map(fields)).toEqual(before.map(fields));

  // units by name: a 牵头单位 typed, two 责任单位 pasted with 、; an unknown name is refused in place
  const [a, b] = orgs as [{ id: number; name: string }, { id: number; name: string }];
  await sheet.cell(0, LEAD).click();
  await page.keyboard.press('F2');
  await page.keyboard.press('Control+a');
  await page.keyboard.type(a.name);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await list(page, campaignId))[0]!.leadOrgId).toBe(a.id);
  await sheet.cell(1, RESP).click();
  const respBefore = (await list(page, campaignId))[1]!.respOrgIds;
  await sheet.paste(`${a.name}、${b.name}\r\n没有这个单位\r\n`);
  await expect(sheet.cell(2, RESP)).toContainText('“没有这个单位”不是已有的单位');
  await expect(sheet.cell(1, RESP).locator('.cell-held')).toHaveText(`${a.name}、${b.name}`);
  expect((await list(page, campaignId))[1]!.respOrgIds).toEqual(respBefore);
  // Esc gives the block up; the good line pasted alone is saved
  await page.keyboard.press('Escape');
  await expect(grid.locator('.cell-held, [aria-invalid="true"]')).toHaveCount(0);
  await sheet.cell(1, RESP).click();
  await sheet.paste(`${a.name}、${b.name}\r\n`);
  await expect.poll(async () => (await list(page, campaignId))[1]!.respOrgIds.sort()).toEqual([a.id, b.id].sort());
  // a 责任单位 cell copied from the county's list, spaced and with the town's name: the ledger's units, as the import
  // reads them (蒲州镇 水利站 is 蒲州镇水利站, 住建局 the 简称 of 永济市住建局)
  const idOf = (name: string) => orgs.find((o) => o.name === name)!.id;
  await sheet.cell(2, RESP).click();
  await sheet.paste('蒲州镇 水利站、永济市蒲州镇城建办；住建局\r\n');
  await expect
    .poll(async () => (await list(page, campaignId))[2]!.respOrgIds.sort((x, y) => x - y))
    .toEqual([idOf('蒲州镇水利站'), idOf('蒲州镇城建办'), idOf('永济市住建局')].sort((x, y) => x - y));
  await expect(sheet.cell(2, RESP)).toContainText('蒲州镇水利站');
  await page.screenshot({ path: 'test-results/screens/sheet-tasks-units-spaced.png' });
  // an empty 重点工作 is refused with the form's own message
  await sheet.cell(4, TITLE).click();
  await page.keyboard.press('Delete');
  await expect(sheet.cell(4, TITLE)).toContainText('请填写重点工作');
  expect((await list(page, campaignId))[4]!.title).toBe(before[4]!.title);
  await page.screenshot({ path: 'test-results/screens/sheet-tasks-1366.png' });
});
