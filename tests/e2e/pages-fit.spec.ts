// Issue 17, deliverable 5: pages that fit. Every page of the navigation at 1366×768 and at 125 % scaling (a 1366×768
// screen at 125 % gives the page 1093×614 CSS pixels): a screenshot of each (looked at: test-results/screens/fit-*),
// no sideways overflow of the page body or of the content area, no heading, card title or statistic whose text is
// cut (scrollWidth > clientWidth), chart labels inside their chart, and the print preview showing the whole page.
import { expect as baseExpect, test, type Locator, type Page } from '@playwright/test';
import { LedgerPage } from './pages/ledger-page.ts';
import { PrintPage } from './pages/print-page.ts';

const expect = baseExpect.configure({ timeout: 30_000 });

interface Fit {
  bodyOverflow: number;
  contentOverflow: number;
  clipped: string[];
  chartLabelsOutside: string[];
}

/** Measured in the page: how far the body and the content scroll sideways, and which texts are cut. */
async function measure(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const content = document.querySelector<HTMLElement>('.ant-layout-content');
    const texts = document.querySelectorAll<HTMLElement>(
      '.ant-layout-content :is(h1, h2, h3, h4, h5, .ant-card-head-title, .ant-statistic-title, .ant-statistic-content-value, .ant-descriptions-item-label, .ant-alert-message, .ant-tabs-tab-btn, .ant-segmented-item-label)',
    );
    const clipped: string[] = [];
    for (const el of texts) {
      if (!el.offsetParent) continue; // not shown
      // An ellipsis on purpose (antd's ellipsis) is a choice with a tooltip, not clipped text.
      if (el.closest('.ant-typography-ellipsis, [title]') && getComputedStyle(el).textOverflow === 'ellipsis') continue;
      if (el.scrollWidth > el.clientWidth + 1)
        clipped.push(`${el.className.split(' ')[0] || el.tagName}：${(el.textContent ?? '').trim().slice(0, 40)}`);
    }
    const chartLabelsOutside: string[] = [];
    for (const svg of document.querySelectorAll<SVGSVGElement>('.ant-layout-content [data-testid^="chart-"] svg')) {
      const box = svg.getBoundingClientRect();
      for (const t of svg.querySelectorAll('text')) {
        const r = t.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
          chartLabelsOutside.push(`${svg.closest('[data-testid]')?.getAttribute('data-testid')}：${t.textContent}`);
      }
    }
    return {
      bodyOverflow: doc.scrollWidth - doc.clientWidth,
      contentOverflow: content ? content.scrollWidth - content.clientWidth : 0,
      clipped,
      chartLabelsOutside,
    };
  });
}

/** The project codes of the 红黄绿灯 table cut short in their cell (a sub-project's 2017-01-01-01 at 125 %). */
async function cutCodes(page: Page): Promise<string[]> {
  const cells = page.locator('.ant-layout-content .pt-row > .pt-cell:nth-child(2) .cell-ellipsis');
  await expect(cells.first()).toBeVisible();
  expect(await cells.filter({ hasText: /^\d{4}-\d{2}-\d{2}/ }).count(), '示例数据应有子项目编号').toBeGreaterThan(0);
  return cells.evaluateAll((els) =>
    els.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent ?? ''),
  );
}

/**
 * The ledger grid's figures that the pinned 操作 column covers though their cell shows room for them (总投资 read
 * “8,800.” at 1366 where the cell held 8,800.00).
 */
async function figuresUnderActions(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const actions = document.querySelector('.lg-body .lg-pin-right')?.getBoundingClientRect();
    if (!actions) return ['没有操作列'];
    const out: string[] = [];
    for (const cell of document.querySelectorAll<HTMLElement>('.lg-body .lg-right')) {
      const box = cell.getBoundingClientRect();
      if (box.right <= actions.left || box.left >= actions.left) continue; // whole, or wholly under it
      const text = (cell.textContent ?? '').trim();
      // where the text is laid out, whether or not it is clipped
      const range = document.createRange();
      range.selectNodeContents(cell);
      const shown = range.getBoundingClientRect();
      const room = actions.left - box.left - 8; // the cell's part in view, less its padding
      if (text && shown.right > actions.left + 1 && room >= shown.width) out.push(text);
    }
    return out;
  });
}

/**
 * The scrolling column of the first sheet grid whose heading stands half under the frozen columns (Excel scrolls by
 * whole columns: a figure half under them read 00.00 for 8,800.00), with the grid's sideways offset; null if none.
 */
async function columnUnderFrozen(page: Page): Promise<string | null> {
  return page
    .locator('.lg-scroller')
    .first()
    .evaluate((el) => {
      const frozen = Math.max(
        ...[...el.querySelectorAll('.lg-header .lg-pin-left')].map((c) => c.getBoundingClientRect().right),
      );
      for (const c of el.querySelectorAll<HTMLElement>('.lg-header .lg-colhead:not(.lg-pin-left)')) {
        const r = c.getBoundingClientRect();
        if (r.left < frozen - 1 && r.right > frozen + 1)
          return `“${(c.textContent ?? '').replace(/[⇅▲▼]/g, '')}”（横向位置 ${el.scrollLeft}）`;
      }
      return null;
    });
}

/** The same for the read-only tables (红黄绿灯, 资金): the heading half under the frozen columns or the table's edge. */
async function tableColumnUnderFrozen(table: Locator): Promise<string | null> {
  return table.evaluate((el) => {
    const frozen = Math.max(
      el.getBoundingClientRect().left,
      ...[...el.querySelectorAll<HTMLElement>('thead th.pt-pin')]
        .filter((c) => c.style.left !== '')
        .map((c) => c.getBoundingClientRect().right),
    );
    for (const c of el.querySelectorAll<HTMLElement>('thead th:not(.pt-pin)')) {
      const r = c.getBoundingClientRect();
      if (r.left < frozen - 1 && r.right > frozen + 1)
        return `“${(c.textContent ?? '').trim()}”（横向位置 ${el.scrollLeft}）`;
    }
    return null;
  });
}

/** Buttons spelt with antd's space between two characters (“保 存”) where every other screen writes “保存”. */
async function spacedButtons(page: Page): Promise<string[]> {
  const texts = await page.locator('button:visible').allTextContents();
  return texts.map((t) => t.trim()).filter((t) => /^\p{Script=Han} \p{Script=Han}$/u.test(t));
}

/** Links and link buttons in antd's own blue (#1677ff) rather than the app's red. */
async function blueLinks(page: Page): Promise<string[]> {
  return page
    .locator('.ant-layout-content :is(a, .ant-btn-link):visible')
    .evaluateAll((els) =>
      els.filter((el) => getComputedStyle(el).color === 'rgb(22, 119, 255)').map((el) => (el.textContent ?? '').trim()),
    );
}

async function settle(page: Page) {
  await expect(page.locator('.ant-layout-content .ant-spin-spinning')).toHaveCount(0);
  await page.waitForTimeout(400);
}

for (const screen of [
  { name: '1366', viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 },
  { name: '1366-125pct', viewport: { width: 1093, height: 614 }, deviceScaleFactor: 1.25 },
]) {
  test.describe(`at ${screen.name}`, () => {
    test.use({ viewport: screen.viewport, deviceScaleFactor: screen.deviceScaleFactor });

    test(`every page fits (${screen.viewport.width}×${screen.viewport.height} @${screen.deviceScaleFactor})`, async ({
      page,
    }) => {
      test.setTimeout(300_000);
      await new LedgerPage(page).freshStart('载入示例数据');
      const labels = (await page.getByRole('menu').getByRole('menuitem').allTextContents()).map((t) => t.trim());
      const problems: string[] = [];
      for (const [i, label] of labels.entries()) {
        await page.getByRole('menuitem', { name: label }).click();
        await settle(page);
        await page.screenshot({
          path: `test-results/screens/fit-${screen.name}/${String(i + 1).padStart(2, '0')}-${label}.png`,
        });
        const fit = await measure(page);
        if (fit.bodyOverflow > 0) problems.push(`${label}：页面横向溢出 ${fit.bodyOverflow}px`);
        if (fit.contentOverflow > 0) problems.push(`${label}：内容区横向溢出 ${fit.contentOverflow}px`);
        for (const c of fit.clipped) problems.push(`${label}：文字被截断 ${c}`);
        for (const c of fit.chartLabelsOutside) problems.push(`${label}：图表标签超出图表 ${c}`);
        if (label === '红黄绿灯') for (const c of await cutCodes(page)) problems.push(`${label}：编号被截断 ${c}`);
        for (const b of await spacedButtons(page)) problems.push(`${label}：按钮字间有空格 ${b}`);
        for (const b of await blueLinks(page)) problems.push(`${label}：链接是蓝色（应与全程序一致用红色） ${b}`);
        if (label === '总览') {
          // the five figure cards stand equally tall (项目数's title wrapped and its card stood taller)
          const heights = await page
            .locator('.ant-layout-content .ant-row')
            .first()
            .locator('.ant-card')
            .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().height)));
          if (new Set(heights).size > 1) problems.push(`${label}：数字卡片高低不齐 ${heights.join('/')}`);
        }
        if (label === '项目台账')
          for (const c of await figuresUnderActions(page)) problems.push(`${label}：金额被操作列遮住 ${c}`);
        // At 1366 the 资金 projects' table shows every column (配套 and 以奖代补 ran under the pinned 操作 column);
        // at 125 % it may scroll sideways inside its card.
        if (label === '资金到位与拨付' && screen.deviceScaleFactor === 1) {
          const hidden = await page
            .locator('.ant-layout-content .pt-scroll')
            .evaluateAll((els) => els.map((el) => el.scrollWidth - el.clientWidth).filter((d) => d > 1));
          for (const d of hidden) problems.push(`${label}：表格需横向滚动 ${d}px`);
          // the 配套 ratio and its word are not cut (计划 0.75:1 不足)
          const cut = await page
            .locator('.ant-layout-content .pt-row .cell-ellipsis')
            .filter({ hasText: /^(计划|到位) / })
            .evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent));
          for (const c of cut) problems.push(`${label}：配套被截断 ${c}`);
        }
      }
      expect(problems).toEqual([]);
    });

    test(`the sheets scroll sideways by whole columns (${screen.name})`, async ({ page }) => {
      test.setTimeout(180_000);
      await new LedgerPage(page).freshStart('载入示例数据');
      const problems: string[] = [];
      for (const label of ['项目台账', '月报填报']) {
        await page.getByRole('menuitem', { name: label }).click();
        await settle(page);
        const grid = page.locator('.lg-scroller').first();
        const box = (await grid.boundingBox())!;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        // small and large steps of the wheel sideways, then to the farthest position
        for (const dx of [40, 150, 230, 5000]) {
          await page.mouse.wheel(dx, 0);
          await page.waitForTimeout(600);
          const cut = await columnUnderFrozen(page);
          if (cut) problems.push(`${label}：滚动 ${dx} 后 ${cut} 一半在冻结列下`);
        }
        expect(await grid.evaluate((el) => el.scrollLeft), `${label}：应能横向滚动`).toBeGreaterThan(0);
        // and by the keyboard: from the first scrolling cell to the right edge and back
        await page.mouse.wheel(-10_000, 0);
        await page.waitForTimeout(600);
        await grid.locator('.lg-body [role="gridcell"]:not(.lg-pin-left)').first().click();
        for (let i = 0; i < 12; i++) {
          await page.keyboard.press('ArrowRight');
          await page.waitForTimeout(120);
          const cut = await columnUnderFrozen(page);
          if (cut) problems.push(`${label}：按 → ${i + 1} 次后 ${cut} 一半在冻结列下`);
        }
        for (let i = 0; i < 12; i++) {
          await page.keyboard.press('ArrowLeft');
          await page.waitForTimeout(120);
          const cut = await columnUnderFrozen(page);
          if (cut) problems.push(`${label}：按 ← ${i + 1} 次后 ${cut} 一半在冻结列下`);
        }
      }
      // the read-only tables that scroll sideways (at 125 %: 红黄绿灯's, and 资金's table of projects)
      let scrolled = 0;
      for (const label of ['红黄绿灯', '资金到位与拨付']) {
        await page.getByRole('menuitem', { name: label }).click();
        await settle(page);
        const tables = page.locator('.ant-layout-content .pt-scroll');
        for (let k = 0; k < (await tables.count()); k++) {
          const table = tables.nth(k);
          if ((await table.evaluate((el) => el.scrollWidth - el.clientWidth)) <= 1) continue;
          scrolled++;
          await table.scrollIntoViewIfNeeded();
          const box = (await table.boundingBox())!;
          await page.mouse.move(box.x + box.width / 2, box.y + Math.min(100, box.height / 2));
          for (const dx of [40, 150, 5000]) {
            await page.mouse.wheel(dx, 0);
            await page.waitForTimeout(600);
            const cut = await tableColumnUnderFrozen(table);
            if (cut) problems.push(`${label}：滚动 ${dx} 后 ${cut} 一半在冻结列下`);
          }
        }
      }
      if (screen.deviceScaleFactor > 1) expect(scrolled, '125% 时应有横向滚动的表格').toBeGreaterThan(0);
      expect(problems).toEqual([]);
    });

    test(`红黄绿灯: another filter shows its table from the top (${screen.name})`, async ({ page }) => {
      await new LedgerPage(page).freshStart('载入示例数据');
      await page.getByRole('menuitem', { name: '红黄绿灯' }).click();
      await settle(page);
      const table = page.locator('.ant-layout-content .pt-scroll-y').first();
      await table.evaluate((el) => (el.scrollTop = el.scrollHeight));
      expect(await table.evaluate((el) => el.scrollTop), '示例数据的红黄绿灯表应能纵向滚动').toBeGreaterThan(0);
      // the list of red lights opened at the scroll position of the whole list: its first rows out of sight
      await page.locator('.ant-segmented-item', { hasText: '红灯' }).click();
      await settle(page);
      await expect.poll(() => table.evaluate((el) => el.scrollTop)).toBe(0);
    });

    test(`the print preview shows the whole page (${screen.name})`, async ({ page }) => {
      test.setTimeout(180_000);
      await new LedgerPage(page).freshStart('载入示例数据');
      const print = new PrintPage(page);
      await print.open();
      for (const doc of ['工作简报', '进展情况表', '督办单']) {
        await print.chooseDocument(doc);
        await expect(print.preview().locator('.sheet').first()).toBeVisible();
        await page.waitForTimeout(300);
        // The preview frame lies wholly inside the window, and the first sheet lies wholly inside the frame's width.
        const frame = await page.locator('iframe[title="打印预览"]').boundingBox();
        expect(frame).not.toBeNull();
        expect(frame!.y + frame!.height, `${doc}：预览框底边`).toBeLessThanOrEqual(screen.viewport.height + 1);
        expect(frame!.x + frame!.width, `${doc}：预览框右边`).toBeLessThanOrEqual(screen.viewport.width + 1);
        const sheet = await print
          .preview()
          .locator('.sheet')
          .first()
          .evaluate((el) => {
            const r = el.getBoundingClientRect();
            return { left: r.left, right: r.right, viewport: document.documentElement.clientWidth };
          });
        expect(sheet.left, `${doc}：纸张左边`).toBeGreaterThanOrEqual(0);
        expect(sheet.right, `${doc}：纸张右边`).toBeLessThanOrEqual(sheet.viewport + 1);
        await page.screenshot({ path: `test-results/screens/fit-${screen.name}/print-${doc}.png` });
      }
    });
  });
}
