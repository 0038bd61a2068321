// Issue 17, deliverable 1 (typing overwrites), with a Chinese input method: the text composed over a cell from its
// first key lands in the cell. Chromium's DevTools protocol drives a real composition (Input.imeSetComposition, then
// Input.insertText commits it), as 微软拼音 or 搜狗 would: the keyboard must rest in an element that takes text,
// or the first letter arrives as a plain Latin letter.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { rpc, SheetGrid } from './pages/sheet.ts';

const expect = baseExpect.configure({ timeout: 20_000 });
test.use({ viewport: { width: 1366, height: 768 } });

/** Composes `pinyin` and commits `text`, as an input method does between the first key and the chosen word. */
async function compose(page: Page, pinyin: string, text: string) {
  const cdp = await page.context().newCDPSession(page);
  for (let i = 1; i <= pinyin.length; i++) {
    const part = pinyin.slice(0, i);
    await cdp.send('Input.imeSetComposition', { text: part, selectionStart: i, selectionEnd: i });
  }
  // the composition shows over the cell while the clerk chooses
  await expect(page.locator('.sheet-typing-sink.composing')).toHaveValue(pinyin);
  await cdp.send('Input.insertText', { text });
  await cdp.detach();
}

test('项目台账 and 人员: Chinese composed over a cell from the first key is the cell’s new text', async ({ page }) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  const grid = page.getByRole('grid', { name: '项目台账表格' });
  const sheet = new SheetGrid(page, grid);
  const PLACE = 7; // 建设地点
  await expect(sheet.cell(0, PLACE)).toBeVisible();
  const id = Number(await grid.locator('.lg-body [role="row"][aria-rowindex="2"]').getAttribute('data-id'));
  await sheet.cell(0, PLACE).click();
  await expect(sheet.cell(0, PLACE)).toHaveClass(/cell-active/);

  await compose(page, 'yunchengshi', '运城市');
  // the editor opened with the composed text (nothing Latin before it); Enter saves and moves down, as in Excel
  const editor = grid.getByRole('textbox');
  await expect(editor).toHaveValue('运城市');
  await page.screenshot({ path: 'test-results/screens/sheet-ime-ledger.png' });
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await rpc<{ location: string | null }>(page, 'projects:get', { id })).location)
    .toBe('运城市');
  await expect(sheet.cell(1, PLACE)).toHaveClass(/cell-active/);
  // a read-only cell composed over says why and keeps its value
  const RESPONSIBLE = 13; // 责任单位
  await sheet.cell(1, RESPONSIBLE).click();
  await compose(page, 'zhen', '镇');
  await expect(page.getByText('“责任单位”不在表格中修改，请点“编辑”或打开项目档案')).toBeVisible();
  await expect(grid.getByRole('textbox')).toHaveCount(0);

  // 人员 (a sheet drawn by RecordSheet): 姓名 composed over
  await page.getByRole('menuitem', { name: '组织机构' }).click();
  await page.getByRole('tab', { name: '人员' }).click();
  const staffGrid = page.getByRole('grid', { name: '人员表格' });
  const staff = new SheetGrid(page, staffGrid);
  const TITLE = 3; // 职务
  await expect(staff.cell(0, TITLE)).toBeVisible();
  await staff.cell(0, TITLE).click();
  await compose(page, 'fuzhen', '副镇长');
  const box = staffGrid.getByRole('textbox');
  await expect(box).toHaveValue('副镇长');
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await rpc<{ title: string | null }[]>(page, 'staff:list', { active: true })).map((p) => p.title))
    .toContain('副镇长');
  await page.screenshot({ path: 'test-results/screens/sheet-ime-staff.png' });
});
