import { expect, test } from '@playwright/test';
import { SessionGate, TEST_ADMIN, TEST_PASSWORD } from './pages/session.ts';

const IDLE_MESSAGE = '长时间未操作，已自动退出登录，请重新登录';

test('登录记录 lists wrong passwords for the 管理员; an idle sign-out keeps the page and its unsaved typing', async ({
  page,
}) => {
  test.setTimeout(180_000); // a shared 2-core machine
  await page.request.post('/__harness/reset');
  await page.goto('/');
  const gate = new SessionGate(page);
  await gate.firstRun('空白台账');

  // Two wrong passwords, then the right one: the 管理员 sees all three, newest first, in Chinese.
  await page.getByRole('button', { name: '退出登录' }).click();
  const signIn = page.getByRole('dialog').filter({ hasText: '选择操作员' });
  await signIn.locator('.ant-select-selector').click();
  await page
    .locator('.ant-select-dropdown:visible')
    .getByText(new RegExp(`^${TEST_ADMIN}（`))
    .click();
  for (let i = 1; i <= 2; i++) {
    await signIn.getByLabel('密码').fill(`错误密码${i}`);
    await signIn.getByRole('button', { name: '进入台账' }).click();
    await expect(signIn.getByRole('alert')).toContainText('密码不正确');
  }
  await signIn.getByLabel('密码').fill(TEST_PASSWORD);
  await signIn.getByRole('button', { name: '进入台账' }).click();
  await expect(page.getByTestId('current-operator')).toHaveText(`操作员：${TEST_ADMIN}`);
  await page.getByRole('menuitem', { name: '设置' }).click();
  const log = page.getByTestId('sign-in-log');
  const rows = log.locator('.ant-table-row');
  await expect(rows.nth(0)).toContainText('登录成功');
  await expect(rows.nth(1)).toContainText('密码错误');
  await expect(rows.nth(1)).toContainText('连续第2次输错密码');
  await expect(rows.nth(1)).toContainText('浏览器模式');
  await expect(rows.nth(2)).toContainText('连续第1次输错密码');
  await expect(rows.nth(3)).toContainText('退出登录');
  await expect(rows.nth(0)).toContainText(/\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d/);
  await log.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/sign-in-log.png', fullPage: true });

  // The idle limit: out of range is refused in Chinese, naming the field.
  const minutes = page.getByLabel('未操作多长时间后自动退出');
  await minutes.fill('4');
  await page
    .getByRole('button', { name: '保 存' })
    .or(page.getByRole('button', { name: '保存', exact: true }))
    .click();
  await expect(page.getByText('自动退出登录时间须是5至240分钟的整数')).toBeVisible();
  await minutes.fill('20');
  await page
    .getByRole('button', { name: '保 存' })
    .or(page.getByRole('button', { name: '保存', exact: true }))
    .click();
  await expect(page.getByText('已保存：20分钟未操作自动退出登录')).toBeVisible();

  // Unsaved typing on the page, then the clerk walks away. The core's refusal after the limit (integration tests:
  // session-idle.test.ts, on the core's own clock) reaches the window through its change-watcher poll, which is the
  // first to notice; here the core is signed out and the poll's answer is the one the core gives then.
  const town = page.getByLabel('乡镇名称');
  await town.fill('蒲州镇（尚未保存）');
  await page.evaluate(() => window.api.invoke('session:logout', {}));
  await page.route('**/rpc/app%3Aelsewhere', (route) =>
    route.fulfill({
      json: { ok: false, error: { code: 'SIGNED_OUT_IDLE', message: '长时间未操作，已自动退出登录，请重新登录' } },
    }),
  );
  const idle = page.getByTestId('idle-signed-out');
  await expect(idle).toContainText(IDLE_MESSAGE);
  await expect(idle).toContainText('重新登录后回到原来的页面');
  // The page is hidden behind the sign-in screen, which cannot be closed without signing in.
  await expect(signIn.locator('.ant-modal-close')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/idle-sign-out.png' });
  await page.unroute('**/rpc/app%3Aelsewhere');

  // The same clerk signs in again (already chosen on the screen): back on 设置, the typing still there.
  await expect(signIn.locator('.ant-select-selection-item')).toContainText(TEST_ADMIN);
  await signIn.getByLabel('密码').fill(TEST_PASSWORD);
  await signIn.getByRole('button', { name: '进入台账' }).click();
  await expect(signIn).toBeHidden();
  expect(new URL(page.url()).hash).toBe('#/settings');
  await expect(page.getByLabel('乡镇名称')).toHaveValue('蒲州镇（尚未保存）');
});
