// The days a clerk edits read as every other date on the screens, 2017年9月30日, and are taken as he writes them in
// Excel (2017-09-30, 2017/9/30, 2017.9.30): the 项目台账 grid's date cells opened their editor on 2017-03-01 beside
// the cell's 2017年3月1日. A day not on the calendar is refused in Chinese, naming the field and what was typed, and
// nothing is saved.
import { expect as baseExpect, test } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { rpc } from './pages/sheet.ts';

const expect = baseExpect.configure({ timeout: 20_000 });
test.use({ viewport: { width: 1366, height: 768 } });

const START = 9; // ARIA column of 计划开工 in the default ledger columns (see sheet-ledger.spec.ts)

test('项目台账: a date cell opens its editor on 2017年3月1日, takes 2017/9/30 and 2017.9.30, refuses 2017-02-30', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { grid, sheet } = await new LedgerPage(page).sampleSheet();
  await expect(sheet.cell(0, START)).toBeVisible();
  const id = Number(await grid.locator('.lg-body [role="row"][aria-rowindex="2"]').getAttribute('data-id'));
  const planStart = async () => (await rpc<{ planStart: string | null }>(page, 'projects:get', { id })).planStart;
  const was = (await planStart())!;
  const shown = `${Number(was.slice(0, 4))}年${Number(was.slice(5, 7))}月${Number(was.slice(8, 10))}日`;
  await expect(sheet.cell(0, START)).toHaveText(shown);

  // F2: the editor holds the day as the cell shows it; Enter without a change saves nothing and moves down
  await sheet.cell(0, START).click();
  await page.keyboard.press('F2');
  const editor = grid.getByRole('textbox', { name: '修改计划开工' });
  await expect(editor).toHaveValue(shown);
  await page.screenshot({ path: 'test-results/screens/date-editors-ledger-f2.png' });
  await page.keyboard.press('Enter');
  await sheet.expectSelected(1, START);
  expect(await planStart()).toBe(was);

  // typed as in Excel: saved as the day, the cell shows it the Chinese way; F2 again shows that
  for (const [typed, iso] of [
    ['2017/9/30', '2017-09-30'],
    ['2017.9.29', '2017-09-29'],
  ] as const) {
    await sheet.cell(0, START).click();
    await page.keyboard.type(typed);
    await page.keyboard.press('Enter');
    await expect.poll(planStart, typed).toBe(iso);
    await expect(sheet.cell(0, START)).toHaveText(`2017年9月${iso.slice(-2)}日`);
  }
  await sheet.cell(0, START).dblclick();
  await expect(editor).toHaveValue('2017年9月29日');
  // the day changed in the editor as it reads: 29 → 28, the caret at the end
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('8日');
  await page.keyboard.press('Enter');
  await expect.poll(planStart).toBe('2017-09-28');
  await expect(sheet.cell(0, START)).toHaveText('2017年9月28日');
  await page.screenshot({ path: 'test-results/screens/date-editors-ledger-cell.png' });

  // a day not on the calendar: refused in Chinese naming the column and the text, the editor stays, nothing saved
  await sheet.cell(0, START).click();
  await page.keyboard.type('2017-02-30');
  await page.keyboard.press('Enter');
  await expect(page.getByText('计划开工“2017-02-30”不是有效日期（2017年2月没有30日）').first()).toBeVisible();
  await expect(editor).toHaveValue('2017-02-30');
  // Esc gives it up: the cell shows the day the ledger holds
  await page.keyboard.press('Escape');
  await expect(sheet.cell(0, START)).toHaveText('2017年9月28日');
  expect(await planStart()).toBe('2017-09-28');
});
