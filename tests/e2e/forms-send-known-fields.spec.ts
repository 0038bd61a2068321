// A form filled with what the ledger holds and sent back sends only the fields its channel takes: the core refuses
// any other (不认识的字段, shared/schemas/strict.ts). The 预警规则 form was filled with the stored rules and sent whole,
// 入统门槛 in 分 beside its 万元; the 行动方案 form sent each 实施步骤 row back with its id and order.
import { expect, test, type Page } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { rpc } from './pages/sheet.ts';

/** The body of the next call of `channel` the page sends. */
function nextBody(page: Page, channel: string): Promise<Record<string, unknown>> {
  return page
    .waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/rpc/${encodeURIComponent(channel)}`))
    .then((r) => r.postDataJSON() as Record<string, unknown>);
}

test('预警规则: saved from the form, with the 入统门槛 in 万元 only', async ({ page }) => {
  await new LedgerPage(page).freshStart('载入示例数据');
  await page.getByRole('menuitem', { name: '红黄绿灯' }).click();
  await page.getByRole('button', { name: '预警规则' }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: '红黄绿灯预警规则' });
  await expect(dialog.getByLabel('入统门槛（总投资）')).toHaveValue('500.00');
  await dialog.getByLabel('节点逾期（红灯）').fill('45');
  const sent = nextBody(page, 'lights:rules:save');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('预警规则已保存')).toBeVisible();
  expect(Object.keys(await sent).sort()).toEqual(
    [
      'investYellowFromPts',
      'investRedAbovePts',
      'startRedMonths',
      'nodeYellowDays',
      'nodeRedDays',
      'paymentMinPct',
      'statsThresholdWan',
      'reportDueDay',
    ].sort(),
  );
  const { rules } = await rpc<{ rules: { nodeRedDays: number; statsThresholdFen: number } }>(
    page,
    'lights:rules:get',
    {},
  );
  expect(rules).toMatchObject({ nodeRedDays: 45, statsThresholdFen: 500_000_000 });
});

test('行动方案: edited with its 实施步骤, each step sent as the form shows it', async ({ page }) => {
  await new LedgerPage(page).freshStart('空白台账');
  await rpc(page, 'campaigns:save', {
    name: '擦亮小城镇行动',
    phases: [
      { name: '动员部署', dateFrom: '2017-03-01', dateTo: '2017-03-31' },
      { name: '集中整治', dateFrom: '2017-04-01', dateTo: '2017-10-31', goal: '主街立面改造完成' },
    ],
  });
  await page.getByRole('menuitem', { name: '责任清单' }).click();
  await page.getByRole('button', { name: '编辑行动方案' }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: '编辑行动方案' });
  await expect(dialog.getByPlaceholder('步骤名称')).toHaveCount(2);
  await dialog.getByPlaceholder('目标要求').first().fill('成立工作专班');
  const sent = nextBody(page, 'campaigns:save');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存“擦亮小城镇行动”')).toBeVisible();
  const phases = (await sent).phases as Record<string, unknown>[];
  expect(phases.map((p) => Object.keys(p).sort())).toEqual([
    ['dateFrom', 'dateTo', 'goal', 'name'],
    ['dateFrom', 'dateTo', 'goal', 'name'],
  ]);
  const [campaign] = await rpc<{ phases: { name: string; goal: string | null }[] }[]>(page, 'campaigns:list', {});
  expect(campaign!.phases.map((p) => [p.name, p.goal])).toEqual([
    ['动员部署', '成立工作专班'],
    ['集中整治', '主街立面改造完成'],
  ]);
});
