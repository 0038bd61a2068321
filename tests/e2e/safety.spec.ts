import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { journalText, restoreJournalPath } from '../../electron/core/audit/restore-anchor.ts';
import { LedgerPage } from './pages/ledger-page.ts';
import { SafetyPage } from './pages/safety-page.ts';
import { SessionGate, TEST_ADMIN } from './pages/session.ts';

test.describe.configure({ mode: 'serial' });

test('backups: here and to a U盘, restore with preview, undo, audit check and export', async ({ page }) => {
  const ledger = new LedgerPage(page);
  const safety = new SafetyPage(page);
  await ledger.freshStart('载入示例数据');
  await page.reload();
  // The header names the last U盘 backup's day, or that there was none (issue 17).
  await expect(page.getByText('还没有备份到U盘', { exact: true })).toBeVisible();

  await safety.open();
  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByText(/^已备份：/)).toBeVisible();
  const manual = safety.backupRow('手动');
  await expect(manual).toHaveCount(1);
  await expect(manual).toContainText('24');
  await expect(manual).toContainText('21,390.00');

  await page.getByRole('button', { name: '备份到U盘…' }).first().click();
  await expect(page.getByText(/已备份到 .*U盘/)).toBeVisible();
  await expect(page.getByText('还没有备份到U盘或其他文件夹')).toHaveCount(0);
  // The header's reminder shares the page's answer: gone at once, without leaving the page.
  await expect(page.getByText('还没有备份到U盘', { exact: true })).toHaveCount(0);
  const files = (await (await page.request.get('/__harness/files')).json()) as string[];
  expect(files.some((f) => /^U盘\/乡镇建设项目台账-备份-\d{8}-\d{6}\.db$/.test(f))).toBe(true);

  // A change after the backup, then restore the backup: the change is gone; undo brings it back.
  const projects = await safety.rpc<{ id: number; name: string }[]>('projects:list');
  const victim = projects[0]!;
  await safety.rpc('projects:delete', { id: victim.id });
  await page.reload();
  await safety
    .backupRow('手动')
    .getByRole('button', { name: /^恢\s*复$/ })
    .click();
  await expect(page.locator('.ant-modal-confirm')).toContainText('总投资');
  await expect(page.locator('.ant-modal-confirm')).toContainText('恢复前');
  await page.screenshot({ path: 'test-results/e2e/safety-restore-confirm.png' });
  await safety.confirm('恢复');
  // The restored ledger has the operators of the backup: the 管理员 signs in again.
  await new SessionGate(page).signIn(TEST_ADMIN);
  await expect(page.getByText(/上次于 .* 从备份“台账-.*-手动\.db”恢复/)).toBeVisible();
  expect((await safety.rpc<{ id: number }[]>('projects:list')).some((p) => p.id === victim.id)).toBe(true);

  await page.getByRole('button', { name: '撤销恢复' }).click();
  // After a restore or its undo the app reloads itself, so every view re-reads the swapped database.
  const reloaded = page.waitForEvent('framenavigated');
  await safety.confirm('撤销恢复');
  await reloaded;
  await page.waitForLoadState('load');
  await new SessionGate(page).signIn(TEST_ADMIN);
  await expect(page.getByRole('button', { name: '校验留痕' })).toBeVisible();
  await expect(page.getByText(/上次于 .* 恢复/)).toHaveCount(0);
  expect((await safety.rpc<{ id: number }[]>('projects:list')).some((p) => p.id === victim.id)).toBe(false);

  await page.getByRole('button', { name: '校验留痕' }).click();
  await expect(page.getByText(/校验链完整/)).toBeVisible();
  await page.getByRole('button', { name: '导出 Excel…' }).click();
  await expect(page.getByText(/已导出 \d+ 条留痕到 修改留痕（审计导出）\.xlsx/)).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/safety-page.png', fullPage: true });
});

test('a damaged database opens the recovery screen and comes back from the newest good backup', async ({ page }) => {
  const ledger = new LedgerPage(page);
  const safety = new SafetyPage(page);
  await ledger.freshStart('载入示例数据');
  await safety.rpc('backups:create', { target: 'auto' });
  await page.request.post('/__harness/damage');
  await page.goto('/');
  await expect(page.getByText('台账数据库已损坏，无法打开')).toBeVisible();
  await expect(page.getByText('推荐')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/recovery-screen.png', fullPage: true });
  await page.getByRole('button', { name: '从此备份恢复' }).first().click();
  await safety.confirm('恢复');
  // A restored database starts a new session, signed out: the 管理员 signs in, then sees the ledger.
  await new SessionGate(page).signIn(TEST_ADMIN);
  await page.getByRole('menuitem', { name: '项目台账' }).click();
  await expect(ledger.row('蒲州')).not.toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: '项目台账' })).toBeVisible();
});

test('the recovery screen names another town’s backup as that town’s, never recommends or restores it', async ({
  page,
}) => {
  const ledger = new LedgerPage(page);
  const safety = new SafetyPage(page);
  // A backup of 虞乡镇's ledger, kept aside while this harness's ledger is begun again as 蒲州镇's.
  await ledger.freshStart('载入示例数据');
  await safety.rpc('settings:save', { townName: '虞乡镇', filler: '虞乡镇人民政府', receiver: null, fiscalYear: 2017 });
  const theirs = await safety.rpc<{ name: string; file: string }>('backups:create', { target: 'auto' });
  const aside = mkdtempSync(join(tmpdir(), 'e2e-other-town-'));
  copyFileSync(theirs.file, join(aside, 'theirs.db'));
  try {
    await page.goto('about:blank'); // the same address again would not load the page anew
    await ledger.freshStart('载入示例数据');
    const ours = await safety.rpc<{ name: string }>('backups:create', { target: 'auto' });
    const { dir } = await safety.rpc<{ dir: string }>('backups:list');
    // copied into this town's folder, and newer than the town's own
    copyFileSync(join(aside, 'theirs.db'), join(dir, '台账-20991231-235959-手动.db'));
    // and a backup cut off by a full disk: 0 bytes
    writeFileSync(join(dir, '台账-20170101-080000-每日.db'), Buffer.alloc(0));
    // 数据安全 lists them as they are
    await page.reload();
    await safety.open();
    await expect(safety.backupRow('虞乡镇的台账')).toHaveCount(1);
    const empty = safety.backupRow('空文件，不可用');
    await expect(empty).toContainText('0 字节');
    await expect(empty.getByRole('button', { name: /^恢\s*复$/ })).toBeDisabled();
    await page.screenshot({ path: 'test-results/e2e/safety-other-town-empty.png' });
    await page.request.post('/__harness/damage');
    await page.goto('/');
    await expect(page.getByText('台账数据库已损坏，无法打开')).toBeVisible();
    const foreign = safety.backupRow('虞乡镇的台账');
    await expect(foreign).toHaveCount(1);
    await expect(foreign.getByRole('button', { name: '从此备份恢复' })).toBeDisabled();
    await expect(foreign).not.toContainText('完好');
    await expect(
      page.getByText(/备份文件夹中有 1 份其他乡镇（虞乡镇）的台账备份：它们不是本台账（蒲州镇）的备份/),
    ).toBeVisible();
    // 推荐 is the town's own backup, not the newer file of 虞乡镇
    const recommended = page.locator('.ant-table-row').filter({ hasText: '推荐' });
    await expect(recommended).toHaveCount(1);
    await expect(recommended).toContainText('完好');
    await page.screenshot({ path: 'test-results/e2e/recovery-other-town.png', fullPage: true });
    await recommended.getByRole('button', { name: '从此备份恢复' }).click();
    await expect(page.locator('.ant-modal-confirm')).toContainText('这是“蒲州镇”的台账备份');
    await safety.confirm('恢复');
    await new SessionGate(page).signIn(TEST_ADMIN);
    expect(await safety.rpc<{ townName: string }>('settings:get')).toMatchObject({ townName: '蒲州镇' });
    expect(ours.name).toMatch(/-手动\.db$/);
  } finally {
    rmSync(aside, { recursive: true, force: true });
  }
});

test('a restore cut off by a crash: after the restart the clerk is told once, at the top, that the ledger is as before', async ({
  page,
}) => {
  const ledger = new LedgerPage(page);
  const safety = new SafetyPage(page);
  await ledger.freshStart('载入示例数据');
  const made = await safety.rpc<{ name: string }>('backups:create', { target: 'auto' });
  const { dir } = await safety.rpc<{ dir: string }>('backups:list');
  // What a restore killed while it copies the current ledger leaves beside it: its journal, begun (the crash test
  // kills a real restore at every step: tests/integration/safety/restore-crash.test.ts). Then the core dies and the
  // shell starts it again, as after a kill.
  writeFileSync(restoreJournalPath(join(dir, '..', 'town-ledger.db')), journalText(null, { restoredName: made.name }));
  expect(await (await page.request.post('/__harness/crash-core')).json()).toEqual({ ok: true, mode: 'normal' });
  // The shell's word on the restart follows what the new core's start did: it rolled the restore back.
  const restarted = page.locator('.ant-notification-notice').filter({ hasText: '程序核心已重新启动' });
  await expect(restarted).toContainText('台账没有被替换，仍是恢复前的数据');
  await expect(restarted).not.toContainText('台账保持操作前的样子');
  await page.screenshot({ path: 'test-results/e2e/restore-cut-off-restarted.png' });
  const gate = new SessionGate(page);
  await expect(gate.dialog()).toBeVisible();
  await gate.signIn(TEST_ADMIN);
  const notice = page.getByTestId('restore-notice');
  await expect(notice).toContainText('上次从备份恢复时程序意外中断，台账没有被替换');
  await expect(notice).toContainText(
    `上次从备份“${made.name}”恢复时，在替换台账文件之前程序意外中断（如断电或被强行关闭）：台账没有被替换，仍是恢复前的数据，没有任何改动。如仍要恢复，请重新操作。`,
  );
  // the shell's own word on the restart (top right) is closed first: it lies over the notice's button
  await page.locator('.ant-notification-notice-close').click();
  await page.screenshot({ path: 'test-results/e2e/restore-cut-off-notice.png' });
  // and the change log keeps it
  await page.getByRole('menuitem', { name: '修改记录' }).click();
  await expect(page.getByText(/替换台账文件之前中断；台账未被替换，仍是恢复前的数据/).first()).toBeVisible();
  await notice.getByRole('button', { name: /^知\s*道\s*了$/ }).click();
  await expect(notice).toHaveCount(0);
  // once: not again, neither on this window read anew nor for the next one who signs in
  await page.reload();
  await safety.open();
  await expect(page.getByText('还没有备份到U盘或其他文件夹')).toBeVisible();
  await expect(notice).toHaveCount(0);
  await page.getByRole('button', { name: '退出登录' }).click();
  await new SessionGate(page).signIn(TEST_ADMIN);
  await safety.open();
  await expect(page.getByText('还没有备份到U盘或其他文件夹')).toBeVisible();
  await expect(notice).toHaveCount(0);
});

test('校验留痕 after the ledger was put back from an older copy by hand: each problem once, where to look, the list the command line gives', async ({
  page,
}) => {
  const ledger = new LedgerPage(page);
  const safety = new SafetyPage(page);
  await ledger.freshStart('载入示例数据');
  const made = await safety.rpc<{ file: string }>('backups:create', { target: 'auto' });
  await safety.rpc('projects:create', {
    name: '备份之后新建的项目',
    planYear: 2017,
    location: '镇区',
    scope: '测试用',
    totalWan: '3',
  });
  // The older backup is copied over the ledger by hand while the program is closed; the anchor beside it stays. The
  // program opens the file again and sets that anchor aside as evidence.
  const replaced = await page.request.post('/__harness/replace-ledger', { data: { from: made.file } });
  expect(await replaced.json()).toEqual({ ok: true, mode: 'normal' });
  await page.reload();
  await new SessionGate(page).signIn(TEST_ADMIN);
  await safety.open();
  await page.getByRole('button', { name: '校验留痕' }).click();
  const result = page.getByTestId('verify-result');
  await expect(result).toContainText('校验未通过：发现 1 处问题');
  const items = result.locator('li');
  await expect(items).toHaveCount(1);
  await expect(items).toContainText(
    /打开台账时曾发现台账与外部锚点不符，当时的锚点（.*）已另存为“.*town-ledger\.db\.anchor\.不符-/,
  );
  await expect(items).toContainText('核查清楚后可删除该文件');
  // The same list as the command line's verify (one function for both: verifyLedgerAudit's findings).
  const check = await safety.rpc<{ findings: string[] }>('audit:verify');
  await expect(items).toHaveText(check.findings);
  await result.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/e2e/verify-older-copy.png' });
});
