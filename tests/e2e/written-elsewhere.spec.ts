/**
 * Another program writing to the ledger while the window is open (the CLI, through the harness's
 * /__harness/elsewhere): the open pages show its writes without a reload and say so; a 月报 typed over a report
 * the other program saved meanwhile is not saved over it unseen; in the 项目台账, Esc throws the typing away.
 */
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { MonthlyReportPage, reportsBatch } from './pages/monthly-report-page.ts';
import { rpc, SheetGrid } from './pages/sheet.ts';

const expect = baseExpect.configure({ timeout: 20_000 });

const batch = (page: Page) => reportsBatch(page);

/** A write by another program: its own core on the ledger file, as the CLI opens it. */
async function elsewhere(page: Page, channel: string, input: unknown) {
  const r = (await (await page.request.post('/__harness/elsewhere', { data: { channel, input } })).json()) as {
    ok: boolean;
  };
  expect(r.ok, JSON.stringify(r)).toBe(true);
}

const NOTICE = '台账刚被其他程序（命令行或另一窗口）修改，本页已按最新数据显示';

test('月报 left open: the CLI’s reports appear; a draft over a report saved meanwhile is refused once, then saved on purpose', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  const reports = new MonthlyReportPage(page);
  await reports.open();
  await reports.pickPeriod('2017年10月');
  const open = (await batch(page)).filter((r) => !r.isParent && r.state === null);
  const [typed, other] = [open[0]!, open[1]!];
  const typedMonth = reports.cell(typed.name, '本月完成投资');
  const otherImage = reports.cell(other.name, '形象进度');
  await expect(typedMonth).toHaveValue('');

  // the clerk types in one row, unsaved
  await typedMonth.click();
  await page.keyboard.type('66');
  await reports.cell(typed.name, '形象进度').click();
  await page.keyboard.type('窗口填报');
  await page.keyboard.press('Enter');

  // meanwhile the CLI saves both rows
  const cliRow = (projectId: number, monthWan: string, imageText: string) => ({
    projectId,
    monthWan,
    imageText,
    imagePct: 50,
  });
  await elsewhere(page, 'reports:save', {
    period: '2017-10',
    rows: [cliRow(typed.projectId, '77.77', '命令行填报'), cliRow(other.projectId, '12', '命令行另一行')],
  });
  // the page says so and shows the other row as the CLI left it; the clerk's typing stays
  await expect(page.getByText(NOTICE)).toBeVisible();
  await expect(otherImage).toHaveValue('命令行另一行');
  await expect(typedMonth).toHaveValue('66.00');

  // saving the draft would overwrite what the CLI wrote unseen: refused, naming who and what
  await page.getByRole('button', { name: /保存草稿/ }).click();
  await expect(page.getByText(/已被命令行于.+改为本月完成投资 77\.77万元、形象进度“命令行填报”/)).toBeVisible();
  expect((await batch(page)).find((r) => r.projectId === typed.projectId)!.entry).toMatchObject({
    monthFen: 77_770_000,
    imageText: '命令行填报',
  });
  await page.screenshot({ path: 'test-results/screens/written-elsewhere-refused.png' });
  // the typing is still there; saved again, it stands on what the CLI wrote and goes through
  await expect(typedMonth).toHaveValue('66.00');
  await page.getByRole('button', { name: /保存草稿/ }).click();
  await expect(page.getByText('已保存草稿：1 个项目')).toBeVisible();
  expect((await batch(page)).find((r) => r.projectId === typed.projectId)!.entry).toMatchObject({
    monthFen: 66_000_000,
    imageText: '窗口填报',
  });
});

test('项目台账 left open: a CLI edit appears without a reload; Esc throws the cell’s typing away', async ({ page }) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  const grid = page.getByRole('grid', { name: '项目台账表格' });
  const sheet = new SheetGrid(page, grid);
  const PLACE = 7;
  const TOTAL = 8;
  await expect(sheet.cell(1, PLACE)).toBeVisible();
  const id = Number(await grid.locator('.lg-body [role="row"][aria-rowindex="3"]').getAttribute('data-id'));
  const before = await rpc<{ location: string; totalFen: number }>(page, 'projects:get', { id });

  await elsewhere(page, 'projects:update', { id, patch: { location: '命令行改的地点' } });
  await expect(page.getByText(NOTICE)).toBeVisible();
  await expect(sheet.cell(1, PLACE)).toHaveText('命令行改的地点');

  // F2, typing, Esc: nothing saved, the cell shows the stored value
  await sheet.cell(1, TOTAL).click();
  await page.keyboard.press('F2');
  await page.keyboard.press('End');
  await page.keyboard.type('0');
  await page.keyboard.press('Escape');
  // typing over the cell, then Esc
  await sheet.cell(1, PLACE).click();
  await page.keyboard.type('测试地点');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(500); // a save would have been sent by now
  const after = await rpc<{ location: string; totalFen: number }>(page, 'projects:get', { id });
  expect(after).toMatchObject({ location: '命令行改的地点', totalFen: before.totalFen });
  await expect(sheet.cell(1, PLACE)).toHaveText('命令行改的地点');
  await expect(page.getByText(/^已保存/)).toHaveCount(0);
});
