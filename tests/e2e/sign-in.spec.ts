import { expect, test } from '@playwright/test';
import { SessionGate, TEST_ADMIN, TEST_PASSWORD } from './pages/session.ts';

test('first run sets up the 管理员; signed out nothing shows; five wrong passwords lock the account', async ({
  page,
}) => {
  await page.request.post('/__harness/reset');
  await page.goto('/');
  const gate = new SessionGate(page);
  const welcome = page.getByRole('dialog').filter({ hasText: '欢迎使用' });
  await expect(welcome.getByLabel('管理员姓名')).toBeVisible();
  // Submitting empty names every missing field, in Chinese.
  await welcome.getByLabel('乡镇名称').fill('');
  await welcome.getByRole('button', { name: '开始使用' }).click();
  await expect(welcome.getByText('请填写管理员姓名')).toBeVisible();
  await expect(welcome.getByText('请设置管理员密码')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/first-run.png' });
  await gate.firstRun('空白台账');

  // Sign out: no page, no menu, only the sign-in screen.
  await page.getByRole('button', { name: '退出登录' }).click();
  const signIn = page.getByRole('dialog').filter({ hasText: '选择操作员' });
  await expect(signIn).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '项目台账' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/sign-in.png' });

  await signIn.locator('.ant-select-selector').click();
  await page
    .locator('.ant-select-dropdown:visible')
    .getByText(new RegExp(`^${TEST_ADMIN}（`))
    .click();
  for (let i = 1; i <= 4; i++) {
    await signIn.getByLabel('密码').fill(`错误密码${i}`);
    await signIn.getByRole('button', { name: '进入台账' }).click();
    await expect(signIn.getByRole('alert')).toHaveText(`密码不正确（再输错${5 - i}次，账户将锁定15分钟）`);
  }
  await signIn.getByLabel('密码').fill('错误密码5');
  await signIn.getByRole('button', { name: '进入台账' }).click();
  await expect(signIn.getByRole('alert')).toContainText(
    /已连续5次输错密码，账户锁定至\d{4}年\d+月\d+日 \d\d:\d\d（北京时间）/,
  );
  // Locked: even the right password is refused until then.
  await signIn.getByLabel('密码').fill(TEST_PASSWORD);
  await signIn.getByRole('button', { name: '进入台账' }).click();
  await expect(signIn.getByRole('alert')).toContainText('账户锁定至');
  await page.screenshot({ path: 'test-results/screens/sign-in-locked.png' });
  // The core refuses a signed-out call whatever the page does.
  const refused = await page.evaluate(() => window.api.invoke('projects:list', {}));
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('载入示例数据 fills the sample’s town and year: 2017 is not overwritten with today’s year', async ({ page }) => {
  await page.request.post('/__harness/reset');
  await page.goto('/');
  const welcome = page.getByRole('dialog').filter({ hasText: '欢迎使用' });
  await expect(welcome).not.toHaveClass(/ant-zoom-(appear|enter)/);
  await expect(welcome.getByText('24个项目（另有子项目12个）')).toBeVisible();
  await welcome.getByLabel('载入示例数据').click();
  await expect(welcome.getByLabel('乡镇名称')).toHaveValue('蒲州镇');
  await expect(welcome.getByLabel('年度')).toHaveValue('2017');
  await page.screenshot({ path: 'test-results/e2e/first-run-sample.png' });
  // Back to 空白台账: the sample's defaults give way to the blank ones; a name the clerk typed would stay.
  await welcome.getByLabel('空白台账').click();
  await expect(welcome.getByLabel('年度')).toHaveValue(String(new Date().getFullYear()));
  await welcome.getByLabel('载入示例数据').click();
  await welcome.getByLabel('管理员姓名').fill(TEST_ADMIN);
  await welcome.getByLabel('管理员密码').fill(TEST_PASSWORD);
  await welcome.getByLabel('再次输入密码').fill(TEST_PASSWORD);
  await welcome.getByRole('button', { name: '开始使用' }).click();
  await expect(page.getByText('已载入示例数据')).toBeVisible();
  await page.getByRole('menuitem', { name: /设置/ }).click();
  await expect(page.getByLabel('年度')).toHaveValue('2017');
  await page.getByRole('menuitem', { name: /修改记录/ }).click();
  await expect(page.getByText('2017 → ', { exact: false })).toHaveCount(0);

  // Signed out (or the next morning): the sign-in opens on the name, the keyboard in 密码 — type it and press Enter.
  for (const reload of [false, true]) {
    await page.getByRole('button', { name: '退出登录' }).click();
    if (reload) await page.reload(); // the window opened anew: the name is remembered on this PC
    const signIn = page.getByRole('dialog').filter({ hasText: '选择操作员' });
    await expect(signIn.locator('.ant-select-selection-item')).toHaveText(new RegExp(`^${TEST_ADMIN}（`));
    await expect(signIn.getByLabel('密码')).toBeFocused();
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('current-operator')).toHaveText(`操作员：${TEST_ADMIN}`);
  }
});
