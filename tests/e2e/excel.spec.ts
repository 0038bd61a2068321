import { expect, test, type Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { LedgerPage } from './pages/ledger-page.ts';

/** A one-sheet .xlsx of these rows (with these merged ranges), as an office sends one. */
function workbookOf(sheet: string, rows: unknown[][], merges: string[] = []): Buffer {
  const ws = XLSX.utils.aoa_to_sheet(rows);
  if (merges.length) ws['!merges'] = merges.map((m) => XLSX.utils.decode_range(m));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheet);
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

/** The page's file chooser given an .xlsx, as a clerk picks one. */
async function chooseXlsx(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.locator('input[type=file]').setInputFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
}

test('报表导出: T1 for the sample downloads a non-empty workbook', async ({ page }) => {
  await new LedgerPage(page).freshStart('载入示例数据');
  await page.getByRole('menuitem', { name: /报表导出/ }).click();
  // The tables are named as the package and the files name them, 表1–表5 (T1 is the command line's word).
  await page.locator('.ant-select-selector').first().click();
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option')).toHaveText([
    '表1 重点项目建设进展情况月报表',
    '表2 项目清单',
    '表3 重大项目表（资金构成、四个一批）',
    '表4 资金到位及拨付情况表',
    '表5 责任清单推进表',
  ]);
  await page.keyboard.press('Escape');
  await page.locator('.ant-picker input').fill('2017年9月');
  await page.keyboard.press('Enter');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('蒲州镇重点项目建设进展情况月报表（2017年9月）.xlsx');
  const path = await download.path();
  const fs = await import('node:fs');
  const wb = XLSX.read(fs.readFileSync(path), { type: 'buffer' });
  expect(wb.Sheets[wb.SheetNames[0]!]!.A1.v).toContain('重点项目建设进展情况表');
  await page.screenshot({ path: 'test-results/e2e/excel-export.png' });
});

test('按县里模板填报: a template asking for 元 shows the unit of each money column and is filled in 元', async ({
  page,
}) => {
  await new LedgerPage(page).freshStart('载入示例数据');
  await page.getByRole('menuitem', { name: /报表导出/ }).click();
  await page.locator('.ant-picker input').first().fill('2017年9月');
  await page.keyboard.press('Enter');
  const template = workbookOf('表1', [
    ['永济市重点项目进展表'],
    ['单位：元'],
    ['序号', '项目名称', '总投资', '年度计划投资（万元）'],
  ]);
  await chooseXlsx(page, '县里模板.xlsx', template);
  const units = page.getByRole('columnheader', { name: '金额单位' });
  await expect(units).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '总投资' }).first()).toContainText('元');
  await expect(page.getByRole('row').filter({ hasText: '年度计划投资（万元）' })).toContainText('万元');
  await page.keyboard.press('Escape');
  await page.screenshot({ path: 'test-results/e2e/excel-template-units.png', fullPage: true });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /确认映射并填报/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('县里模板（2017年9月已填）.xlsx');
  const fs = await import('node:fs');
  const filled = XLSX.read(fs.readFileSync(await download.path()), { type: 'buffer' });
  const rows = XLSX.utils.sheet_to_json<unknown[]>(filled.Sheets['表1']!, { header: 1 });
  // 蒲州镇旅游景区提升工程: 总投资 8,800 万元 = 88,000,000 元.
  expect(rows.find((r) => r[1] === '蒲州镇旅游景区提升工程')?.[2], JSON.stringify(rows.slice(0, 6))).toBe(88_000_000);
});

test('导入台账: a sheet that names no year takes the ledger’s 年度, and says so', async ({ page }) => {
  await new LedgerPage(page).freshStart('载入示例数据');
  const sheet = workbookOf('项目', [
    ['序号', '项目名称', '总投资（万元）'],
    [1, '新建村级活动中心', 80],
  ]);
  await page.getByRole('menuitem', { name: /导入台账/ }).click();
  await chooseXlsx(page, '新增项目.xlsx', sheet);
  await expect(page.getByLabel('年度')).toHaveValue('2017');
  await expect(page.getByText('文件中没有写明年份，按台账设置的年度，请核对')).toBeVisible();
  await expect(page.getByText('年度暂按台账设置的年度记为 2017 年，请核对后再导入。')).toBeVisible();
  // The command line's flag is the command line's to say, not the window's.
  await expect(page.getByText(/--year/)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/e2e/excel-import-ledger-year.png' });
});

test('导入台账: a county sheet with merged headers, section and 合计 rows is previewed and imported', async ({
  page,
}) => {
  await new LedgerPage(page).freshStart('空白台账');
  const sheet = workbookOf(
    '清单',
    [
      ['某镇项目清单'],
      ['填报单位（盖章）：某镇人民政府', null, null, '单位：万元'],
      ['序号', '项目名称', '建设地点', '建设内容', '总投资（万元）', '建设起止年限'],
      ['一、基础设施（2个）'],
      [1, '镇区道路硬化', '镇区', '硬化2公里', '1,200.5', '2017-2018'],
      [2, '污水处理站', '镇东', '日处理500吨', 860, '2017'],
      ['合计', null, null, null, 2060.5],
    ],
    ['A1:F1', 'A4:D4'],
  );
  await page.getByRole('menuitem', { name: /导入台账/ }).click();
  await chooseXlsx(page, '县里台账.xlsx', sheet);
  await expect(page.getByText('预览：县里台账.xlsx')).toBeVisible();
  await expect(page.locator('.ant-table-row').filter({ hasText: '镇区道路硬化' })).toContainText('1,200.50');
  await page.screenshot({ path: 'test-results/e2e/excel-import-preview.png', fullPage: true });
  await page.getByRole('button', { name: /确认导入（新增 2/ }).click();
  await expect(page.getByText('导入完成：新增 2，更新 0，跳过 0')).toBeVisible();
  await page.getByRole('menuitem', { name: /项目台账/ }).click();
  await expect(page.locator('.ledger-grid').getByRole('row').filter({ hasText: '污水处理站' })).toContainText('860.00');
  // The same sheet again, its rows updating the projects they match: the report says none of them moved.
  await page.getByRole('menuitem', { name: /导入台账/ }).click();
  await chooseXlsx(page, '县里台账.xlsx', sheet);
  await page.getByRole('radio', { name: '更新' }).check();
  await expect(page.locator('.ant-table-row').filter({ hasText: '污水处理站' })).toContainText('无变化');
  await page.screenshot({ path: 'test-results/e2e/excel-import-again-preview.png', fullPage: true });
  await page.getByRole('button', { name: '确认导入（新增 0，更新 2，其中 2 个与台账相同、不改动）' }).click();
  await expect(page.getByText('导入完成：新增 0，更新 2（其中 2 个与台账相同，未改动），跳过 0')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/excel-import-again.png', fullPage: true });
});

test('导入台账: a GBK CSV’s sheet is shown under the file’s name, never Sheet1', async ({ page }) => {
  await new LedgerPage(page).freshStart('空白台账');
  const iconv = (await import('iconv-lite')).default;
  const csv = ['序号,项目名称,建设地点,总投资（万元）', '1,镇区道路硬化,镇区,460', '2,文化广场,镇东,不详'].join('\r\n');
  await page.getByRole('menuitem', { name: /导入台账/ }).click();
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: '项目清单.csv', mimeType: 'text/csv', buffer: iconv.encode(csv, 'gbk') });
  await expect(page.getByText('预览：项目清单.csv')).toBeVisible();
  await expect(page.getByText('项目清单（表头第 1 行）')).toBeVisible();
  // the problem's 工作表 column too
  await expect(page.locator('.ant-table-row').filter({ hasText: '不详' }).locator('td').first()).toHaveText('项目清单');
  await expect(page.getByText(/Sheet/)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/e2e/excel-import-csv-sheet-name.png', fullPage: true });
});

test('导入台账: 包联领导, 责任人 and the units — who and which is linked, who and which will be added, what goes to 备注, said before importing', async ({
  page,
}) => {
  await new LedgerPage(page).freshStart('载入示例数据');
  const sheet = workbookOf('项目', [
    ['序号', '项目名称', '总投资（万元）', '包联领导', '责任人', '牵头单位', '责任单位'],
    [1, '镇区道路硬化', 460, '钱立新', '郑晓明', '城 建 办', '永济市 卫健委'],
    [2, '文化广场', 300, '周志强、赵建国', '新来的', '蒲州镇城建办', '永济市卫健委、蒲州镇 水利站'],
    [3, '卫生院改造', 100, '镇长', '王　伟', '永济市卫健委', '住建局'],
  ]);
  await page.getByRole('menuitem', { name: /导入台账/ }).click();
  await chooseXlsx(page, '2024年项目清单.xlsx', sheet);
  await expect(
    page.getByText(
      /^人员中没有以下 2 人，导入时新建为人员并关联到项目：新来的（责任人，第3行）、王伟（责任人，第4行）。/,
    ),
  ).toBeVisible();
  await expect(
    page.getByText('包联领导写了 2 人，台账每个项目记一位包联领导：记为“周志强”，赵建国记入备注'),
  ).toBeVisible();
  await expect(page.getByText('包联领导“镇长”按职务关联到在任的镇长钱立新')).toBeVisible();
  // the units it adds are said the same way, each once however the file spells it (城 建 办 is the ledger's 城建办)
  await expect(
    page.getByText(
      /^组织机构中没有以下 1 个单位，导入时新建为单位并关联到项目：永济市卫健委（责任单位、牵头单位，第2、3、4行）。/,
    ),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/excel-import-people.png', fullPage: true });
  await page.getByRole('button', { name: /确认导入（新增 3/ }).click();
  await expect(page.getByText('导入完成：新增 3，更新 0，跳过 0')).toBeVisible();
});

test('导入台账: a real town report shows its year, unit, missing columns, the 合计 that disagrees and the sub-projects', async ({
  page,
}) => {
  await new LedgerPage(page).freshStart('空白台账');
  const fs = await import('node:fs');
  const path = await import('node:path');
  const name = '石门镇重点项目进展情况表（2019年1-6月）.xlsx';
  const buffer = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/real-layouts', name));
  await page.getByRole('menuitem', { name: /导入台账/ }).click();
  await chooseXlsx(page, name, buffer);
  await expect(page.getByText(`预览：${name}`)).toBeVisible();
  await expect(page.getByLabel('年度')).toHaveValue('2019');
  await expect(page.getByText('读自：第2行“统计截止：2019年6月30日”')).toBeVisible();
  await expect(page.getByText('本文件没有：建设地点，导入后可补录')).toBeVisible();
  await expect(page.getByText('文件中的合计与其所计项目不符 1 处')).toBeVisible();
  // said in the alert and, as a warning of row 5, in the problems list
  await expect(
    page.getByText('第5行“合计（5个）”总投资 5,680.00 万元，与所计 5 个项目之和 5,630.00 万元不符（相差 50.00 万元）', {
      exact: false,
    }),
  ).toHaveCount(2);
  await expect(page.getByText('5 个（另有子项目 2 个），总投资 5,630.00 万元')).toBeVisible();
  await expect(page.locator('.ant-table-row').filter({ hasText: '（第 7 行的子项目）' }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/excel-import-real-layout.png', fullPage: true });
  await page.getByRole('button', { name: /确认导入（新增 7/ }).click();
  await expect(page.getByText('导入完成：新增 7，更新 0，跳过 0')).toBeVisible();
});
