import { expect, test, type Page } from '@playwright/test';

// As in a clerk's browser: no token header, only what the launch URL's cookie gives.
test.use({ extraHTTPHeaders: {} });
test.describe.configure({ mode: 'serial' });

const token = process.env.E2E_TOKEN!;
const withToken = { 'X-Town-Ledger-Token': token };

async function projectNames(page: Page): Promise<string[]> {
  const r = await page.request.post('/rpc/projects:list', { data: {}, headers: withToken });
  return ((await r.json()) as { data: { name: string }[] }).data.map((p) => p.name);
}

test('the launch URL lets the clerk in and leaves the token in an HttpOnly cookie only', async ({ page, baseURL }) => {
  const refused = await page.goto('/');
  expect(refused!.status()).toBe(403);
  await expect(page.locator('body')).toContainText('缺少令牌');

  await page.request.post('/__harness/reset', { headers: withToken });
  await page.goto(`/?token=${token}`);
  expect(page.url()).toBe(`${baseURL}/`);
  await expect(page.getByText('欢迎使用乡镇建设项目台账')).toBeVisible();
  const [cookie] = await page.context().cookies();
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', value: token });
  expect(await page.evaluate(() => document.cookie)).toBe('');
  await page.screenshot({ path: 'test-results/e2e/browser-mode-start.png' });
});

test('a page on another site cannot change the ledger: its text/plain form and fetch are refused', async ({
  page,
  baseURL,
}) => {
  await page.goto(`/?token=${token}`);
  // The first run sets up the 管理员 and signs in (a fresh ledger starts signed out and reads nothing).
  const first = await page.request.post('/rpc/app:onboard', {
    data: {
      mode: 'empty',
      townName: '蒲州镇',
      fiscalYear: 2017,
      adminName: '测试管理员',
      adminPassword: '测试密码2017',
    },
    headers: withToken,
  });
  expect(((await first.json()) as { ok: boolean }).ok).toBe(true);
  const before = await projectNames(page);
  const payload = JSON.stringify({ name: '恶意项目', planYear: 2026, location: '镇区', scope: '内容', totalWan: '1' });
  // A form with enctype text/plain sends `name=value`: the name carries the JSON, the value closes it,
  // so the body would be valid JSON: {…,"x":"="}.
  const [head, tail] = [`${payload.slice(0, -1)},"x":"`, '"}'];
  await page.route('http://evil.example/**', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><meta charset="utf-8"><script>
        fetch(${JSON.stringify(`${baseURL}/rpc/projects:create`)}, { method: 'POST', mode: 'no-cors', credentials: 'include',
          headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(payload)} }).catch(() => {});
      </script>
      <form method="post" enctype="text/plain" action="${baseURL}/rpc/projects:create"><input name='${head}' value='${tail}'></form>
      <script>setTimeout(() => document.forms[0].submit(), 300);</script>`,
    }),
  );
  const landed = page.waitForURL(`${baseURL}/rpc/projects:create`);
  await page.goto('http://evil.example/');
  await landed;
  // The cross-site form arrives without the SameSite=Strict cookie and with a foreign Origin.
  await expect(page.locator('body')).toContainText('拒绝');
  expect(await projectNames(page)).toEqual(before);
  expect(before).not.toContain('恶意项目');
});
