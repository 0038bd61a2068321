import { expect, type Page } from '@playwright/test';

/** The operator gate shown at start: create the first operator, or pick one (切换操作员). */
export class SessionGate {
  constructor(readonly page: Page) {}

  dialog() {
    return this.page.getByRole('dialog').filter({ hasText: /创建第一位操作员|选择操作员/ });
  }

  async createFirst(name = '测试录入员', role: '录入员' | '审核人' = '录入员') {
    const d = this.page.getByRole('dialog').filter({ hasText: '创建第一位操作员' });
    await d.getByLabel('操作员姓名').fill(name);
    if (role !== '录入员') {
      await d.locator('.ant-form-item').filter({ hasText: '角色' }).locator('.ant-select-selector').click();
      await this.page.locator('.ant-select-dropdown:visible').getByTitle(role, { exact: true }).click();
    }
    // On a loaded machine a click could land beside the button while the dialog is still zooming in (seen once
    // in CI: the click never reached the button), so wait until its opening animation has finished.
    await expect(d).not.toHaveClass(/ant-zoom-(appear|enter)/);
    await d.getByRole('button', { name: '创建并开始使用' }).click();
    await expect(this.page.getByTestId('current-operator')).toHaveText(`操作员：${name}`);
  }

  async switchTo(name: string, password?: string) {
    await this.page.getByRole('button', { name: '切换操作员' }).click();
    const d = this.page.getByRole('dialog').filter({ hasText: '选择操作员' });
    await d.locator('.ant-select-selector').click();
    await this.page.locator('.ant-select-dropdown:visible').getByText(new RegExp(`^${name}（`)).click();
    if (password) await d.getByLabel('密码').fill(password);
    await expect(d).not.toHaveClass(/ant-zoom-(appear|enter)/);
    await d.getByRole('button', { name: '进入台账' }).click();
    await expect(this.page.getByTestId('current-operator')).toHaveText(`操作员：${name}`);
  }
}
