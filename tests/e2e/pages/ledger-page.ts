import { expect, type Page } from '@playwright/test';
import { SessionGate } from './session.ts';
import { SheetGrid } from './sheet.ts';

/** Page object for the 项目台账 page; role and label locators, as a clerk sees it. */
export class LedgerPage {
  constructor(readonly page: Page) {}

  async freshStart(mode: '空白台账' | '载入示例数据' = '空白台账') {
    await this.page.request.post('/__harness/reset');
    await this.page.goto('/#/ledger');
    // A fresh ledger has no 管理员 yet: the first-run screen sets one up and signs them in.
    await new SessionGate(this.page).firstRun(mode);
  }

  /** The 蒲州镇 sample in a fresh ledger, its 项目台账 as a sheet (the grid, and the sheet's cells and keys). */
  async sampleSheet() {
    await this.freshStart('载入示例数据');
    const grid = this.page.getByRole('grid', { name: '项目台账表格' });
    return { grid, sheet: new SheetGrid(this.page, grid) };
  }

  /** A row of the ledger grid (the header row carries no project name). */
  row(name: string) {
    return this.page.locator('.ledger-grid .lg-body').getByRole('row').filter({ hasText: name });
  }

  drawer() {
    return this.page.locator('.ant-drawer-content');
  }

  async openNew() {
    await this.page.getByRole('button', { name: '新增项目' }).click();
    await expect(this.drawer().getByText('新增项目')).toBeVisible();
  }

  async fill(fields: Record<string, string>) {
    for (const [label, value] of Object.entries(fields)) {
      const input = this.drawer().getByLabel(label, { exact: true });
      await input.fill(value);
    }
  }

  /** 新增项目: the form opened, the fields filled by their labels, 保存 pressed (what follows is the caller's to check). */
  async submitNew(fields: Record<string, string>) {
    await this.openNew();
    await this.fill(fields);
    await this.save();
  }

  async save() {
    await this.drawer()
      .getByRole('button', { name: '保 存' })
      .or(this.drawer().getByRole('button', { name: '保存' }))
      .click();
  }
}
