/**
 * Nothing on screen a clerk cannot read: every page of the app, as a 录入员 and as a 领导 on the 蒲州镇 sample
 * ledger, with its tabs, the main dialogs opened and a validation message triggered in each, must show no
 * English identifier. The check reads what a person sees — the visible text (chart labels included),
 * placeholders, tooltips and image texts of visible elements — and fails on any run of two or more Latin
 * letters except the words tests/helpers/latin.ts allows, each with its reason. Not checked: aria-labels that
 * antd writes itself on its icons and arrows (never shown; inside controls that carry Chinese text), and file
 * paths, which name folders on the machine as the system does.
 */
import { writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { latinWords, SCREEN_ALLOWED } from '../helpers/latin.ts';
import { LedgerPage } from './pages/ledger-page.ts';
import { SessionGate, TEST_PASSWORD } from './pages/session.ts';

const PAGES = [
  ['dashboard', '总览'],
  ['ledger', '项目台账'],
  ['reports', '月报填报'],
  ['lights', '红黄绿灯'],
  ['supervision', '督办'],
  ['funds', '资金到位与拨付'],
  ['print', '打印'],
  ['excel-export', '报表导出'],
  ['excel-import', '导入台账'],
  ['tasks', '责任清单'],
  ['indicators', '指标'],
  ['assessment', '考核'],
  ['org', '组织机构'],
  ['leading-group', '领导小组'],
  ['history', '修改记录'],
  ['safety', '数据安全'],
  ['settings', '设置'],
] as const;

/** What a person can read on the page now: visible text and the visible elements' placeholders, titles, labels. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [document.title, document.body.innerText];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[placeholder], [title], img[alt]'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      for (const a of ['placeholder', 'title', 'alt']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    // Chart labels are drawn as SVG text.
    for (const t of Array.from(document.querySelectorAll('svg text'))) if (t.textContent) out.push(t.textContent);
    return out;
  });
}

/** A file path (/home/…/备份.db, C:\\Users\\…): the system's names for folders, shown so the clerk can find a file. */
const PATH = /(?:[A-Za-z]:\\|\/)[^\s；，。）]+/g;

/** Collects every Latin word seen, with where it was seen; the test fails at the end with the whole list. */
class Watcher {
  readonly found = new Map<string, string>();
  /** Dialogs in which a validation message was seen (the test asserts there were some). */
  readonly refusals: string[] = [];
  constructor(readonly page: Page) {}
  async check(where: string) {
    for (const text of await visibleTexts(this.page))
      for (const line of text.split('\n'))
        for (const w of latinWords(line.replace(PATH, ''), SCREEN_ALLOWED))
          if (!this.found.has(`${w} @ ${line.slice(0, 80)}`)) this.found.set(`${w} @ ${line.slice(0, 80)}`, where);
    writeFileSync('test-results/latin-on-screen.txt', [...this.found].map(([k, at]) => `${at}: ${k}`).join('\n'));
  }
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  await expect(page.locator('.ant-spin-spinning'))
    .toHaveCount(0, { timeout: 10_000 })
    .catch(() => {});
}

/**
 * Every tab of the page, each looked at. The URL changes before the page in view does: on a slow machine the tabs of
 * the page before were counted, and a click waited the whole test out for a tab that had left with its page. The
 * tabs are known by their keys; one gone before its click means they were the old page's, and they are read again.
 */
async function eachTab(page: Page, w: Watcher, where: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const keys = await page
      .locator('.ant-tabs-tab:visible')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-node-key') ?? ''));
    let stale = false;
    for (const key of keys) {
      const tab = page.locator(`.ant-tabs-tab[data-node-key="${key}"]:visible`).first();
      if (
        !(await tab.click({ timeout: 15_000 }).then(
          () => true,
          () => false,
        ))
      ) {
        stale = true;
        break;
      }
      await settle(page);
      await w.check(`${where} · ${await tab.innerText()}`);
    }
    if (!stale) return;
    await settle(page);
  }
  throw new Error(`${where}：页签在点击前一再消失`);
}

/** Opens a dialog or drawer by its button, presses its primary button with the form empty, looks, closes. */
async function tryDialog(page: Page, w: Watcher, where: string, button: RegExp | string) {
  const b = page.getByRole('button', { name: button }).first();
  if (!(await b.isVisible().catch(() => false)) || !(await b.isEnabled())) return false;
  await b.click({ timeout: 5_000 });
  const box = page.locator('.ant-modal-content:visible, .ant-drawer-content:visible').last();
  await expect(box).toBeVisible();
  await w.check(`${where} · ${String(button)}`);
  const ok = box.getByRole('button', { name: /^(保\s*存|确\s*定|提\s*交|创\s*建|确认|发起督办|登\s*记)/ }).last();
  if (await ok.isVisible().catch(() => false)) {
    await ok.click({ timeout: 5_000 });
    await page.waitForTimeout(400);
    await w.check(`${where} · ${String(button)} · 空表单提交`);
    const shown = await page
      .locator('.ant-form-item-explain-error:visible, .ant-message-notice:visible, .ant-alert-error:visible')
      .allInnerTexts();
    if (shown.some((t) => t.trim())) w.refusals.push(`${where} · ${String(button)}：${shown.join(' ').slice(0, 60)}`);
  }
  await page.keyboard.press('Escape');
  const cancel = box.getByRole('button', { name: /^(取\s*消|关\s*闭)$/ });
  if ((await box.isVisible().catch(() => false)) && (await cancel.count()))
    await cancel
      .first()
      .click()
      .catch(() => {});
  await expect(box)
    .toBeHidden()
    .catch(() => {});
  return true;
}

const DIALOGS: Partial<Record<(typeof PAGES)[number][0], (RegExp | string)[]>> = {
  ledger: ['新增项目', /批量修改/],
  supervision: [/发起督办|新增督办/],
  funds: [/登记|新增/],
  tasks: [/新增任务|新增/, /行动方案/],
  indicators: [/录入|填报|新增/],
  assessment: [/新增|新建/],
  org: ['新增单位', '新增人员'],
  'leading-group': [/编辑|修改/],
  settings: ['新增操作员'],
  // 备份到U盘… opens a dialog wherever it is (the reminder's or the card's); 立即备份 opens none
  safety: ['备份到U盘…'],
};

async function visitAll(page: Page, w: Watcher, role: string) {
  const started = Date.now();
  for (const [key, label] of PAGES) {
    // A 领导 has no 导入台账 in the menu (reading, printing and 批示 only): a page the role is not given is skipped.
    const item = page.getByRole('menuitem', { name: label });
    if ((await item.count()) === 0) continue;
    await item.click();
    await expect(page).toHaveURL(new RegExp(`#/${key}`));
    await settle(page);
    await w.check(`${role} · ${label}`);
    await eachTab(page, w, `${role} · ${label}`);
    for (const d of DIALOGS[key] ?? []) await tryDialog(page, w, `${role} · ${label}`, d);
    console.log(`${role} · ${label}: ${((Date.now() - started) / 1000).toFixed(0)}s`);
  }
  // 一项目一档 of the first project, with its tabs.
  await page.evaluate(() => {
    location.hash = '#/ledger/1';
  });
  await expect(page.getByText(/一项目一档：/)).toBeVisible();
  await settle(page);
  await w.check(`${role} · 一项目一档`);
  await eachTab(page, w, `${role} · 一项目一档`);
}

test('no English identifier on any page, dialog or message, as 录入员 and as 领导', async ({ page }) => {
  test.setTimeout(600_000); // every page twice on a shared 2-core machine
  const ledger = new LedgerPage(page);
  const gate = new SessionGate(page);
  const w = new Watcher(page);
  await ledger.freshStart('载入示例数据');
  await w.check('管理员 · 首页');

  // The operators, made by the 管理员 the way an office does it.
  await page.getByRole('menuitem', { name: '设置' }).click();
  for (const [name, role] of [
    ['郑晓明', '录入员'],
    ['赵建国', '领导'],
  ] as const) {
    await page.getByRole('button', { name: '新增操作员' }).click();
    const d = page.getByRole('dialog').filter({ hasText: '新增操作员' });
    await d.getByLabel('操作员姓名').fill(name);
    await d.locator('.ant-form-item').filter({ hasText: '角色' }).locator('.ant-select-selector').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle(role, { exact: true }).click();
    await d.getByLabel('登录密码').fill(TEST_PASSWORD);
    await d.getByRole('button', { name: /保\s*存/ }).click();
    await expect(page.getByText(`已保存操作员“${name}”`)).toBeVisible();
  }

  await gate.switchTo('郑晓明');
  await visitAll(page, w, '录入员');

  // A message from the core (not the form): a project whose 总投资 is not an amount.
  await page.getByRole('menuitem', { name: '项目台账' }).click();
  await ledger.openNew();
  await ledger.fill({ 项目名称: '测试道路工程', 建设地点: '蒲州镇', 建设内容及规模: '道路硬化1公里' });
  await ledger.drawer().getByLabel('总投资', { exact: false }).first().fill('一百万');
  await ledger.save();
  await expect(
    page
      .getByText(/总投资/)
      .filter({ hasText: /一百万|金额|数字/ })
      .first(),
  ).toBeVisible();
  await w.check('录入员 · 新增项目 · 金额有误');
  await page.keyboard.press('Escape');
  // the typing is not saved: closing asks first (use-guarded-close.ts), and its question is read too
  await expect(page.locator('.ant-modal-confirm-title')).toHaveText('放弃未保存的内容？');
  await w.check('录入员 · 新增项目 · 放弃未保存的内容');
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '放弃并关闭' }).click();

  await gate.switchTo('赵建国');
  await visitAll(page, w, '领导');

  // The dialogs were really tried: an empty form was refused with a message in several of them.
  console.log(w.refusals.join('\n'));
  expect(w.refusals.length).toBeGreaterThanOrEqual(5);
  const list = [...w.found].map(([k, where]) => `${where}: ${k}`);
  writeFileSync('test-results/latin-on-screen.txt', list.join('\n'));
  expect(list, list.join('\n')).toEqual([]);
});
