// Issue 17, deliverable 4: what a 领导 sees. Signed in as 领导, every page of the navigation is walked: no edit,
// delete, import, add or bulk control is there (hidden, not greyed out), 导入台账 is not offered, and the one
// thing a leader writes — a 批示 on a 督办单 — is saved, shown on the 督办 page and in the 督办单 printout.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { PrintPage } from './pages/print-page.ts';
import { MonthlyReportPage } from './pages/monthly-report-page.ts';

const expect = baseExpect.configure({ timeout: 30_000 });

/** Names of the controls that change data; none may be on a page the 领导 opens (disabled ones count too). */
const EDIT_CONTROL =
  /新增|编辑|删除|修改|保存|导入|批量|记录资金|记一笔|恢复|报送|退回|关账|开账|上传|载入示例|增加一行|逾期自动升级|回复|办结|升级|备份到|立即备份|设立|添加|复制上月|督办$|记录本期|移除|^填报$|^选择文件/;

const rpc = async (page: Page, channel: string, input: unknown) => {
  const r = (await (await page.request.post(`/rpc/${channel}`, { data: input })).json()) as {
    ok: boolean;
    data: unknown;
    error?: { message: string };
  };
  expect(r.ok, `${channel} ${r.error?.message ?? ''}`).toBe(true);
  return r.data;
};

async function editControls(page: Page): Promise<string[]> {
  const names = await page
    .locator('.ant-layout-content')
    .getByRole('button')
    .evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? e.textContent ?? '').trim()));
  return names.filter((n) => EDIT_CONTROL.test(n));
}

test('a 领导 reads every page without edit controls, writes a 批示 on a 督办单 and sees it in the printout', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await new LedgerPage(page).freshStart('载入示例数据');
  // The office issues a 督办单 for the red 新建旅游接待中心 (as the 管理员 who set the ledger up).
  const picked = (await rpc(page, 'projects:list', {})) as { id: number; name: string }[];
  const center = picked.find((p) => p.name === '新建旅游接待中心')!;
  const order = (await rpc(page, 'supervision:create', {
    projectId: center.id,
    period: '2017-09',
    deadline: '2099-12-31',
    content: '主体工程招标滞后，请于期限内完成招标',
  })) as { no: string };

  await new MonthlyReportPage(page).actAs('赵建国', '领导');
  await expect(page.getByText('领导（只读）')).toBeVisible();
  const nav = page.getByRole('menu').getByRole('menuitem');
  await expect(nav.filter({ hasText: '导入台账' })).toHaveCount(0);
  const labels = (await nav.allTextContents()).map((t) => t.trim());
  expect(labels.length).toBeGreaterThanOrEqual(15);

  const found: string[] = [];
  for (const label of labels) {
    await page.getByRole('menuitem', { name: label }).click();
    // Each page has settled when its loading spinners are gone.
    await expect(page.locator('.ant-layout-content .ant-spin-spinning')).toHaveCount(0);
    await page.waitForTimeout(300);
    for (const n of await editControls(page)) found.push(`${label}：${n}`);
  }
  expect(found).toEqual([]);
  // 报送收集: the 领导 picks the month whose returns they read
  await page.getByRole('menuitem', { name: '报送收集' }).click();
  await expect(page.locator('.ant-card-head').filter({ hasText: '报送情况' }).locator('.ant-picker')).toBeVisible();

  // A project's own page: read-only lists, no 编辑基本信息, the 领导批示 tab first.
  await page.getByRole('menuitem', { name: '项目台账' }).click();
  await page.getByRole('button', { name: '档案 新建旅游接待中心' }).click();
  await expect(page.getByText('一项目一档：新建旅游接待中心')).toBeVisible();
  await expect(page.getByRole('tab', { name: /领导批示/ })).toHaveAttribute('aria-selected', 'true');
  for (const tab of ['建设子项', '资金构成', '年度计划', '节点', '附件与照片']) {
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForTimeout(200);
    expect(await editControls(page), tab).toEqual([]);
    await expect(
      page.locator('.ant-tabs-tabpane-active input:not([type="search"]):not([type="checkbox"])'),
    ).toHaveCount(0);
  }

  // The 批示 on the 督办单.
  await page.getByRole('menuitem', { name: '督办' }).click();
  await page.getByRole('button', { name: `批示 督办单${order.no}` }).click();
  const text = '请城建办本周内完成招标挂网，月底前开工，每周报告进度。';
  await page.getByLabel('批示内容').fill(text);
  await page.getByRole('button', { name: '保存批示' }).click();
  await expect(page.getByText('已保存赵建国的批示')).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: order.no });
  await expect(row.getByTestId('instruction')).toContainText(text);
  await expect(row.getByTestId('instruction')).toContainText('—— 赵建国');
  await page.screenshot({ path: 'test-results/screens/leader-supervision.png' });
  // On an office's 1366×768 screen the 批示 is read where it stands, not scrolled to: the table does not run sideways.
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect(row.getByTestId('instruction')).toBeInViewport();
  const sideways = await page
    .locator('.ant-layout-content .ant-table-content')
    .evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(sideways).toBeLessThanOrEqual(1);
  await page.screenshot({ path: 'test-results/screens/leader-supervision-1366.png' });

  // …and in the 督办单 printout.
  const print = new PrintPage(page);
  await print.open();
  await print.chooseDocument('督办单');
  await expect(print.preview().getByText(text)).toBeVisible();
  await expect(print.preview().locator('th', { hasText: '领导批示' }).first()).toBeVisible();
  await expect(
    print
      .preview()
      .getByText(/赵建国\s*\d{4}年\d{1,2}月\d{1,2}日/)
      .first(),
  ).toBeVisible();
  expect(await editControls(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/screens/leader-print-supervision.png' });

  // The core keeps it, with the leader's name, and logged it.
  const list = (await rpc(page, 'instructions:list', {})) as { leader: string; content: string }[];
  expect(list).toEqual([expect.objectContaining({ leader: '赵建国', content: text })]);
});
