// Issue 17, deliverable 1 (grid habits everywhere): the 考核 自评表 as a spreadsheet. A 3-column × 10-row block from
// Excel (得分, 佐证材料, 扣分原因) pasted, checked in the database through a channel, undone in one step and redone;
// a refused cell shown in place with its Chinese reason; typing over a cell; the 领导 reads only.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { rpc, SheetGrid } from './pages/sheet.ts';

const expect = baseExpect.configure({ timeout: 20_000 });
test.use({ viewport: { width: 1366, height: 768 } });

interface Item {
  id: number;
  name: string;
  maxPoints: number;
  score: number | null;
  evidence: string | null;
  deductionReason: string | null;
}
interface Sheet {
  id: number;
  total: number;
  items: Item[];
}
const get = (page: Page, id: number) => rpc<Sheet>(page, 'assessments:get', { id });

// ARIA column indexes: 序号 1, 评分项 2, 分值 3, 评分标准 4, 得分 5, 佐证材料 6, 扣分原因 7
const MAX = 3;
const SCORE = 5;
const EVIDENCE = 6;
const REASON = 7;

test('考核 自评表 as a spreadsheet: a 3×10 block pasted, checked in the database, undone and redone; a refused cell in place', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  const created = await rpc<Sheet>(page, 'assessments:save', { year: 2017, town: '蒲州镇' });
  await page.getByRole('menuitem', { name: '考核' }).click();
  await page.getByRole('button', { name: /^蒲州镇（0分）$/ }).click();
  const grid = page.getByRole('grid', { name: '自评表' });
  const sheet = new SheetGrid(page, grid);
  await expect(sheet.cell(9, SCORE)).toBeVisible();
  const items = created.items.slice(0, 10);

  // 得分, 佐证材料, 扣分原因 for ten items; odd items lose half a point (with the reason); item 3's score is refused
  const lines = items.map(
    (it, k) => `${k === 3 ? '十八' : it.maxPoints - (k % 2) * 0.5}\t佐证${k}\t${k % 2 ? `扣分${k}` : ''}`,
  );
  await sheet.cell(0, SCORE).click();
  await sheet.paste(lines.join('\r\n') + '\r\n');
  // saved whole or not at all: nothing written until the refused cell is corrected
  await expect(
    page.getByText(
      /^粘贴：整块未保存；1 个单元格未通过校验：.+，原因已在格中标出；改正后与其余 \d+ 个单元格一起保存，Esc 放弃整块$/,
    ),
  ).toBeVisible();
  expect((await get(page, created.id)).items.slice(0, 10).map((x) => [x.score, x.evidence])).toEqual(
    items.map(() => [null, null]),
  );
  // the refused cell keeps the text refused, with the reason where it stands
  await expect(sheet.cell(3, SCORE)).toContainText('十八');
  await expect(sheet.cell(3, SCORE)).toContainText('得分应为数字');
  await expect(sheet.cell(3, SCORE).locator('[aria-invalid="true"]')).toBeVisible();
  await sheet.expectSelected(9, REASON);
  await sheet.expectSelected(9, MAX, false);
  await page.screenshot({ path: 'test-results/screens/sheet-assessment-block.png' });
  await sheet.cell(3, SCORE).click();
  await page.keyboard.type(String(items[3]!.maxPoints - 0.5));
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await get(page, created.id)).items[9]!.evidence).toBe('佐证9');
  const after = await get(page, created.id);
  for (const [k, it] of items.entries()) {
    const saved = after.items.find((x) => x.id === it.id)!;
    expect({ score: saved.score, evidence: saved.evidence, deductionReason: saved.deductionReason }, it.name).toEqual({
      score: it.maxPoints - (k % 2) * 0.5,
      evidence: `佐证${k}`,
      deductionReason: k % 2 ? `扣分${k}` : null,
    });
  }
  // the total in the card's title is the core's
  await expect(page.getByText(`合计：${after.total}分`)).toBeVisible();

  // Ctrl+Z takes the whole paste back in one step (one call), Ctrl+Y does it again
  await page.keyboard.press('Control+z');
  await expect(page.getByText(/^已撤销：修改“得分”/)).toBeVisible();
  await expect
    .poll(async () =>
      (await get(page, created.id)).items.slice(0, 10).map((x) => [x.score, x.evidence, x.deductionReason]),
    )
    .toEqual(items.map(() => [null, null, null]));
  await page.keyboard.press('Control+y');
  await expect.poll(async () => (await get(page, created.id)).items[9]!.deductionReason).toBe('扣分9');

  // A deduction without its reason is refused by the core's rule, in place; typing over a cell saves it
  await sheet.cell(10, SCORE).click();
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  await expect(sheet.cell(10, SCORE)).toContainText('请填写扣分原因');
  expect((await get(page, created.id)).items[10]!.score).toBeNull();
  // (Chinese text arrives as an input method's text, not as key presses: F2 opens the cell's editor for it)
  await sheet.cell(10, REASON).click();
  await page.keyboard.press('F2');
  await expect(grid.getByRole('textbox', { name: '扣分原因（编辑中）' })).toBeFocused();
  await page.keyboard.type('未报送');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await get(page, created.id)).items[10]!.deductionReason).toBe('未报送');
  await sheet.cell(10, SCORE).click();
  await page.keyboard.type('19.5');
  await page.keyboard.press('Tab');
  await expect.poll(async () => (await get(page, created.id)).items[10]!.score).toBe(19.5);
  await expect(sheet.cell(10, SCORE)).toHaveText('19.5');
  await sheet.expectSelected(10, EVIDENCE);
  // Esc leaves the editor without saving
  await page.keyboard.press('F2');
  await page.keyboard.type('xyz');
  await page.keyboard.press('Escape');
  await expect(sheet.cell(10, EVIDENCE)).toHaveText('');
  expect((await get(page, created.id)).items[10]!.evidence).toBeNull();
  // read-only cells say why
  await sheet.cell(0, MAX).click();
  await page.keyboard.type('5');
  await expect(page.getByText('评分项、分值和评分标准来自考核方案，不能在自评表中修改')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/sheet-assessment-1366.png' });
});
