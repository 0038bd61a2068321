// The side menu at the office PC's 1366×768 and at 125 % scaling (1093×614 CSS pixels): 18 items of antd's 40 px ran
// to 860 px, so 数据安全 and 设置 lay below the window, and on a long page (总览) the menu scrolled away with the page.
// Every item must be in the window as the page opens and after the page is scrolled to its end; where the window is
// too short for all of them (125 %), the menu scrolls on its own and its last item can be clicked.
import { expect, test, type Page } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';

/** The menu items lying (partly) outside the window, by their text. */
const outsideWindow = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.ant-layout-sider .ant-menu-item')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.top < 0 || r.bottom > innerHeight;
      })
      .map((el) => (el.textContent ?? '').trim()),
  );

test('侧边菜单: at 1366×768 every item is in the window, before and after the page is scrolled', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await new LedgerPage(page).freshStart('载入示例数据');
  await page.getByRole('menuitem', { name: '总览' }).click();
  await expect(page.getByText('七补齐分类完成率')).toBeVisible();
  expect(await page.getByRole('menuitem').count()).toBeGreaterThanOrEqual(18);
  expect(await outsideWindow(page), '打开页面时在窗口之外的菜单项').toEqual([]);

  // 总览 is longer than the window: scrolled to its end, the menu stays beside it.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  expect(await page.evaluate(() => window.scrollY), '总览应比窗口长').toBeGreaterThan(100);
  expect(await outsideWindow(page), '页面滚到底后在窗口之外的菜单项').toEqual([]);
  await page.screenshot({ path: 'test-results/screens/side-menu-1366.png' });
  await page.getByRole('menuitem', { name: '设置' }).click();
  await expect(page).toHaveURL(/#\/settings/);
});

test('侧边菜单: at 125 % (1093×614) the menu scrolls on its own and 设置 is reached', async ({ page }) => {
  await page.setViewportSize({ width: 1093, height: 614 });
  await new LedgerPage(page).freshStart('载入示例数据');
  await page.getByRole('menuitem', { name: '总览' }).click();
  await expect(page.getByText('七补齐分类完成率')).toBeVisible();
  const scroller = await page.evaluate(() => {
    const sider = document.querySelector<HTMLElement>('.ant-layout-sider')!;
    const box = sider.getBoundingClientRect();
    return { overflowY: getComputedStyle(sider).overflowY, bottom: box.bottom, top: box.top };
  });
  expect(scroller.overflowY, '菜单应自行滚动').toBe('auto');
  // The page scrolled to its end: the menu stays at the window's top, from the window's top to its bottom.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const stuck = await page.evaluate(() => document.querySelector('.ant-layout-sider')!.getBoundingClientRect().top);
  expect(Math.abs(stuck), '页面滚到底时菜单应贴在窗口顶部').toBeLessThan(1);
  // Not scrolled: the menu's own scroll bar brings its last item into the window (above the window's bottom).
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('.ant-layout-sider').evaluate((el) => (el.scrollTop = el.scrollHeight));
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const last = await page
    .getByRole('menuitem', { name: '设置' })
    .evaluate((el) => el.getBoundingClientRect().bottom <= innerHeight);
  expect(last, '菜单滚到底时“设置”应在窗口之内').toBe(true);
  await page.screenshot({ path: 'test-results/screens/side-menu-125pct.png' });
  await page.getByRole('menuitem', { name: '设置' }).click();
  await expect(page).toHaveURL(/#\/settings/);
});

test('侧边菜单: a short page (修改记录) does not scroll — the menu adds no height of its own to the window', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await new LedgerPage(page).freshStart('载入示例数据');
  await page.getByRole('menuitem', { name: '修改记录' }).click();
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
  const doc = await page.evaluate(() => ({
    scroll: document.documentElement.scrollHeight,
    window: innerHeight,
  }));
  // a window-high menu below the header made every page 64 px taller than the window: the header scrolled away
  expect(doc.scroll, '短页面不应出现滚动').toBeLessThanOrEqual(doc.window);
  await expect(page.getByTestId('current-operator')).toBeInViewport();
});
