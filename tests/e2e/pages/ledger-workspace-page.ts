import { expect, type Locator, type Page } from '@playwright/test';
import { LedgerPage } from './ledger-page.ts';

/** Page object for the ledger grid and the 一项目一档 page, as a clerk works them. */
export class LedgerWorkspace extends LedgerPage {
  constructor(page: Page) {
    super(page);
  }

  cell(rowName: string, col: string): Locator {
    return this.row(rowName).locator(`[data-col="${col}"]`);
  }

  async search(text: string) {
    await this.page.getByLabel('搜索项目').fill(text);
  }

  async editCell(rowName: string, col: string, value: string) {
    await this.cell(rowName, col).click();
    await this.page.keyboard.press('F2'); // F2 edits in place, as in Excel (Enter moves the cursor down)
    const input = this.page.getByLabel(/^修改/);
    await input.fill(value);
    await input.press('Enter');
  }

  async select(rowNames: string[]) {
    for (const n of rowNames)
      await this.row(n)
        .getByRole('checkbox', { name: `选择 ${n}` })
        .check();
  }

  /** Picks an option in an antd Select found by its label (form item or aria-label). */
  async choose(scope: Locator, label: string, option: string) {
    await scope.getByLabel(label).click();
    await this.page.keyboard.type(option);
    await this.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click();
  }

  async openFile(rowName: string) {
    await this.row(rowName).getByRole('button', { name: /档案/ }).click();
    await expect(this.page.getByText(`一项目一档：${rowName}`)).toBeVisible();
  }

  tab(name: string) {
    return this.page.getByRole('tab', { name });
  }

  panel() {
    return this.page.locator('.ant-tabs-tabpane-active');
  }
}
