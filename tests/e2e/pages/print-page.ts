import { expect, type Page } from '@playwright/test';

/** Page object for the 打印 page. */
export class PrintPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('menuitem', { name: /打印/ }).click();
    await expect(this.page.getByText('打印文档')).toBeVisible();
  }

  preview() {
    return this.page.frameLocator('iframe[title="打印预览"]');
  }

  async chooseDocument(title: string) {
    await this.page
      .locator('.ant-select', { has: this.page.getByRole('combobox', { name: '文档', exact: true }) })
      .click();
    await this.page.locator('.ant-select-item-option').filter({ hasText: title }).first().click();
  }
}
