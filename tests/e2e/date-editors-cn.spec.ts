// The days a clerk edits read as every other date on the screens, 2017年9月30日, and are taken as he writes them in
// Excel (2017-09-30, 2017/9/30, 2017.9.30): the 资金 drawer's 日期 was a plain box that showed 2017-09-30, and the
// 项目台账 grid's date cells opened their editor on 2017-03-01 beside the cell's 2017年3月1日. A day not on the
// calendar is refused in Chinese, naming the field and what was typed, and nothing is saved — the drawer's picker
// dropped 2017-02-30 and saved the record with the day it held before.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { MonthlyReportPage } from './pages/monthly-report-page.ts';
import { PrintPage } from './pages/print-page.ts';
import { rpc, SheetGrid } from './pages/sheet.ts';

const expect = baseExpect.configure({ timeout: 20_000 });
test.use({ viewport: { width: 1366, height: 768 } });

const START = 9; // ARIA column of 计划开工 in the default ledger columns (see sheet-ledger.spec.ts)

interface Flow {
  id: number;
  projectName: string;
  date: string;
  amountFen: number;
}
const flows = (page: Page) => rpc<Flow[]>(page, 'funds:listFlows', {});

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

  // Ctrl+C copies the day as the cell shows it (Excel copies a date cell's text), and a paste of it is that day
  await sheet.cell(0, START).click();
  expect((await sheet.copy()).text).toBe(`${shown}\r\n`);

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

test('资金 drawer: 日期 shows 2017年9月30日, takes 2017/9/30 or 2017.9.30, refuses 2017-02-30 naming 日期', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  await page.getByRole('menuitem', { name: '资金到位与拨付' }).click();
  const drawer = page.locator('.ant-drawer-content');
  const date = drawer.getByLabel('日期');
  const pick = async (label: string, option: RegExp) => {
    await drawer.getByLabel(label).click({ force: true, timeout: 5000 });
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click();
    await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  };
  const before = await flows(page);

  // a new 到位, its day typed with slashes
  await page.getByRole('button', { name: '记录资金' }).click();
  await pick('项目', /蒲州镇旅游景区提升工程/);
  await pick('资金来源', /^镇政府自筹$/);
  await date.fill('2017/9/30');
  await date.press('Enter');
  await drawer.getByLabel('金额（万元）').fill('12.5');
  await expect(date).toHaveValue('2017年9月30日');
  await page.screenshot({ path: 'test-results/screens/date-editors-funds-drawer.png' });
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('已记录：蒲州镇旅游景区提升工程 到位 镇政府自筹')).toBeVisible();
  await expect.poll(async () => (await flows(page)).length).toBe(before.length + 1);
  const mine = (await flows(page)).find((f) => !before.some((b) => b.id === f.id))!;
  expect(mine.date).toBe('2017-09-30');
  expect(mine.amountFen).toBe(12_500_000);
  const row = page.locator('.ant-table-row').filter({ hasText: '12.50' }).filter({ hasText: '蒲州镇旅游景区提升工程' });
  await expect(row).toContainText('2017年9月30日');

  // edited: the drawer shows the day as it reads; 2017.9.29 typed and 保存 clicked at once is taken (the picker
  // takes a text typed two frames after the cursor leaves it: the day held before was saved)
  await row.getByRole('button', { name: '编辑' }).click();
  await expect(date).toHaveValue('2017年9月30日');
  await date.fill('2017.9.29');
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect.poll(async () => (await flows(page)).find((f) => f.id === mine.id)?.date).toBe('2017-09-29');
  await expect(row).toContainText('2017年9月29日');

  // a day not on the calendar: refused naming 日期 and the text typed, nothing saved
  await row.getByRole('button', { name: '编辑' }).click();
  await date.fill('2017-02-30');
  await date.press('Enter');
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(drawer.getByText('日期“2017-02-30”不是有效日期（2017年2月没有30日）')).toBeVisible();
  // the box keeps the text typed beside the reason (it showed an empty box), and 保存 again leaves it so
  await expect(date).toHaveValue('2017-02-30');
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(date).toHaveValue('2017-02-30');
  await page.screenshot({ path: 'test-results/screens/date-editors-funds-refused.png' });
  await expect(page.locator('.ant-drawer-open')).toHaveCount(1);
  expect((await flows(page)).find((f) => f.id === mine.id)?.date).toBe('2017-09-29');
});

test('项目表单: 计划开工 typed 2017-02-30 is refused under the field and nothing is saved; 2017/9/30 typed and 保存 clicked at once is saved', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const ledger = new LedgerPage(page);
  const { grid } = await ledger.sampleSheet();
  const id = Number(await grid.locator('.lg-body [role="row"][aria-rowindex="2"]').getAttribute('data-id'));
  const planStart = async () => (await rpc<{ planStart: string | null }>(page, 'projects:get', { id })).planStart;
  const was = await planStart();
  const field = ledger.drawer().getByLabel('计划开工');

  await ledger.row('蒲州镇旅游景区提升工程').getByRole('button', { name: '编辑' }).click();
  await expect(field).toHaveValue('2017年3月1日');
  await field.fill('2017-02-30');
  await ledger
    .drawer()
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await expect(ledger.drawer().getByText('计划开工“2017-02-30”不是有效日期（2017年2月没有30日）')).toBeVisible();
  await expect(field).toHaveValue('2017-02-30'); // kept as typed, not emptied
  await page.screenshot({ path: 'test-results/screens/date-editors-project-refused.png' });
  expect(await planStart()).toBe(was);

  // typed key by key (the picker takes 2017-02-3 as a day on the way): still the text typed, refused
  await field.fill('');
  await field.pressSequentially('2017-02-31');
  await field.press('Tab');
  await expect(ledger.drawer().getByText('计划开工“2017-02-31”不是有效日期（2017年2月没有31日）')).toBeVisible();
  await expect(field).toHaveValue('2017-02-31');

  await field.fill('2017/9/30');
  await ledger
    .drawer()
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await expect(page.getByText('已保存“蒲州镇旅游景区提升工程”')).toBeVisible();
  expect(await planStart()).toBe('2017-09-30');
});

test('人员 and 节点 sheets: a date cell opens its editor on the day as shown; Enter unchanged saves nothing, a day edited is saved', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  const saved = page.getByText(/^已保存/);

  // 人员's 任职 (ARIA column 6)
  const staff = await rpc<{ id: number }>(page, 'staff:save', {
    name: '任职测试',
    title: '干事',
    active: true,
    since: '2017-03-01',
  });
  const since = async () =>
    (await rpc<{ id: number; since: string | null }[]>(page, 'staff:list', { active: true })).find(
      (s) => s.id === staff.id,
    )!.since;
  await page.getByRole('menuitem', { name: '组织机构' }).click();
  await page.getByRole('tab', { name: '人员' }).click();
  const people = new SheetGrid(page, page.getByRole('grid', { name: '人员表格' }));
  const row = (await people.grid.getByRole('row').allInnerTexts()).findIndex((t) => t.includes('任职测试')) - 1;
  await expect(people.cell(row, 6)).toHaveText('2017年3月1日');
  await people.cell(row, 6).click();
  await page.keyboard.press('F2');
  const sinceEditor = people.grid.getByRole('textbox', { name: '任职（编辑中）' });
  await expect(sinceEditor).toHaveValue('2017年3月1日');
  await page.keyboard.press('Enter');
  await expect(sinceEditor).toHaveCount(0);
  await expect(saved).toHaveCount(0);
  await people.cell(row, 6).dblclick();
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('15日');
  await page.keyboard.press('Enter');
  await expect.poll(since).toBe('2017-03-15');
  await expect(people.cell(row, 6)).toHaveText('2017年3月15日');
  // Ctrl+C copies the day as the cell shows it, as the 台账 does (it copied 2017-03-15); pasted, the day reader takes it
  await people.cell(row, 6).click();
  expect((await people.copy()).text).toBe('2017年3月15日\r\n');
  await people.paste('2017年3月1日');
  await expect.poll(since).toBe('2017-03-01');
  await expect(people.cell(row, 6)).toHaveText('2017年3月1日');
  // 离任 (ARIA column 7), a date column not typed into here: Ctrl+; says why, as typing there does
  await people.cell(row, 7).click();
  await page.keyboard.press('Control+;');
  await expect(page.getByText('离任请点“交接”（接任人自交接日期起在任），或点“编辑”')).toBeVisible();
  await expect(page.getByText(/只用于日期列/)).toHaveCount(0);

  // 一项目一档's 节点: 计划日期 (ARIA column 3)
  const projects = await rpc<{ id: number; name: string }[]>(page, 'projects:list', {});
  const id = projects.find((p) => p.name === '新建旅游接待中心')!.id;
  const first = async () =>
    (await rpc<{ planDate: string | null }[]>(page, 'milestones:list', { projectId: id }))[0]!.planDate;
  const plan = (await first())!;
  const shown = `${Number(plan.slice(0, 4))}年${Number(plan.slice(5, 7))}月${Number(plan.slice(8, 10))}日`;
  await page.getByRole('menuitem', { name: '项目台账' }).click();
  await page.getByRole('button', { name: '档案 新建旅游接待中心' }).click();
  await page.getByRole('tab', { name: '节点' }).click();
  const nodes = new SheetGrid(page, page.getByRole('grid', { name: '节点表格' }));
  await expect(nodes.cell(0, 3)).toHaveText(shown);
  await nodes.cell(0, 3).click();
  await page.keyboard.press('F2');
  const planEditor = nodes.grid.getByRole('textbox', { name: '计划日期（编辑中）' });
  await expect(planEditor).toHaveValue(shown);
  await page.screenshot({ path: 'test-results/screens/date-editors-milestones-f2.png' });
  await page.keyboard.press('Enter');
  await expect(planEditor).toHaveCount(0);
  await expect(saved).toHaveCount(0);
  expect(await first()).toBe(plan);

  // Ctrl+C of a 计划日期 copies it as shown; pasted into 实际日期 (ARIA column 4) it is that day
  await nodes.cell(0, 3).click();
  expect((await nodes.copy()).text).toBe(`${shown}\r\n`);
  const act = async () =>
    (await rpc<{ actDate: string | null }[]>(page, 'milestones:list', { projectId: id }))[0]!.actDate;
  const actWas = await act();
  await nodes.cell(0, 4).click();
  await nodes.paste(shown);
  await expect.poll(act).toBe(plan);
  await expect(nodes.cell(0, 4)).toHaveText(shown);
  await page.keyboard.press('Control+z');
  await expect.poll(act).toBe(actWas);
});

test('督办 dialog: 整改期限 typed 2017-02-30 is refused under the field and nothing is issued; a day typed and 下达 clicked at once is the one issued', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // a refused form is said under its fields, and nothing is left unhandled on the page
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await new LedgerPage(page).freshStart('载入示例数据');
  const issued = () => rpc<{ deadline: string }[]>(page, 'supervision:list', {});
  const before = (await issued()).length;
  const reports = new MonthlyReportPage(page);
  await reports.open();
  await page.getByRole('button', { name: '督办' }).first().click();
  const dialog = page.getByRole('dialog').filter({ hasText: '下达督办单' });
  const deadline = dialog.getByLabel('整改期限');
  await deadline.fill('2017-02-30');
  await dialog.getByRole('button', { name: /下达/ }).click();
  await expect(dialog.getByText('整改期限“2017-02-30”不是有效日期（2017年2月没有30日）')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/date-editors-supervision-refused.png' });
  expect((await issued()).length).toBe(before);
  expect(pageErrors).toEqual([]);

  const year = new Date().getFullYear() + 1;
  await deadline.fill(`${year}/1/15`);
  await dialog.getByRole('button', { name: /下达/ }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(async () => (await issued()).length).toBe(before + 1);
  expect((await issued()).some((s) => s.deadline === `${year}-01-15`)).toBe(true);
});

test('领导批示 on behalf: 批示日期 typed 2017-02-30 is refused under the field and nothing is saved; 2017/9/30 typed and 保存批示 clicked at once is saved', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  const projects = await rpc<{ id: number; name: string }[]>(page, 'projects:list', {});
  const projectId = projects.find((p) => p.name === '新建旅游接待中心')!.id;
  const given = async () =>
    (await rpc<{ givenOn: string }[]>(page, 'instructions:list', { projectId })).map((i) => i.givenOn);
  const before = await given();
  await page.getByRole('menuitem', { name: '项目台账' }).click();
  await page.getByRole('button', { name: '档案 新建旅游接待中心' }).click();
  await page.getByRole('tab', { name: /^领导批示/ }).click();
  await page.getByRole('button', { name: /^批示/ }).first().click();
  const dialog = page.getByRole('dialog', { name: /^领导批示/ });
  await dialog.getByLabel('批示内容').fill('同意，抓紧推进');
  const day = dialog.getByLabel('批示日期');
  await day.fill('2017-02-30');
  await dialog.getByRole('button', { name: '保存批示' }).click();
  await expect(dialog.getByText('批示日期“2017-02-30”不是有效日期（2017年2月没有30日）')).toBeVisible();
  expect(await given()).toEqual(before);

  await day.fill('2017/9/30');
  await dialog.getByRole('button', { name: '保存批示' }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(async () => (await given()).length).toBe(before.length + 1);
  expect((await given()).filter((d) => d === '2017-09-30').length).toBe(
    before.filter((d) => d === '2017-09-30').length + 1,
  );
});

test('打印 简报: 印发日期 typed 2017-02-30 is refused under the field, kept as typed, nothing saved; 2017/10/8 typed and 保存本期简报 clicked at once is saved and printed as 2017年10月8日', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  const issues = () => rpc<{ id: number; issuedOn: string | null }[]>(page, 'briefings:list', {});
  const before = await issues();
  const print = new PrintPage(page);
  await print.open();
  await expect(print.preview().getByText('蒲州镇小城镇建设工作简报')).toBeVisible();
  const field = page.getByLabel('印发日期');
  const save = page.getByRole('button', { name: '保存本期简报' });

  // a day not on the calendar: the bare picker dropped it and the 简报 was saved with the day it held before
  await field.fill('2017-02-30');
  await field.press('Tab');
  const words = '印发日期“2017-02-30”不是有效日期（2017年2月没有30日）';
  await expect(page.locator('.ant-form-item-explain-error').filter({ hasText: words })).toBeVisible();
  await expect(field).toHaveValue('2017-02-30');
  await save.click();
  await expect(page.locator('.ant-message').getByText(words)).toBeVisible(); // 保存 says it too, and sends nothing
  await field.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/date-editors-briefing-refused.png' });
  expect(await issues()).toEqual(before);
  await expect(page.getByText(/^已保存\d{4}年第\d+期简报$/)).toHaveCount(0);

  // typed as in Excel and saved at once: the record holds the ISO day, the field and the printout read it in Chinese
  await field.fill('2017/10/8');
  await save.click();
  await expect(page.getByText(/^已保存2017年第\d+期简报$/)).toBeVisible();
  const mine = (await issues()).filter((i) => !before.some((b) => b.id === i.id && b.issuedOn === i.issuedOn));
  expect(mine.map((i) => i.issuedOn)).toEqual(['2017-10-08']);
  await expect(field).toHaveValue('2017年10月8日');
  await expect(page.locator('.ant-form-item-explain-error')).toHaveCount(0);
  await expect(print.preview().getByText('2017年10月8日').first()).toBeVisible();
  await field.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/date-editors-briefing-saved.png' });
});
