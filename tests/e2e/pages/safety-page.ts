import { expect, type Page } from '@playwright/test';

/** Page object for 数据安全 and the recovery screen. */
export class SafetyPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('menuitem', { name: '数据安全' }).click();
    await expect(this.page.getByText('修改留痕（审计）')).toBeVisible();
  }

  backupRow(text: string | RegExp) {
    return this.page.locator('.ant-table-row').filter({ hasText: text });
  }

  async confirm(button: string) {
    const dialog = this.page.locator('.ant-modal-confirm');
    await expect(dialog).toBeVisible();
    // antd spaces out two-character button labels (恢 复).
    await dialog.getByRole('button', { name: new RegExp(`^${[...button].join('\\s*')}$`) }).click();
  }

  async rpc<T>(channel: string, input: unknown = {}): Promise<T> {
    const r = await this.page.request.post(`/rpc/${encodeURIComponent(channel)}`, { data: input });
    const body = (await r.json()) as { ok: boolean; data: T; error?: { message: string } };
    expect(body.ok, body.error?.message).toBe(true);
    return body.data;
  }
}
