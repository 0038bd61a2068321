import { expect, type Page } from '@playwright/test';
import { TEST_PASSWORD } from './session.ts';
import { rpc } from './sheet.ts';

/** A row of reports:batch as the e2e tests read it (the database is the witness). */
export interface BatchRow {
  projectId: number;
  name: string;
  isParent: boolean;
  state: string | null;
  entry: { monthFen: number; imageText: string; imagePct: number | null } | null;
}

/** The 月报 batch of a period, read through the channel the page reads. */
export const reportsBatch = async (page: Page, period = '2017-10') =>
  (await rpc<{ rows: BatchRow[] }>(page, 'reports:batch', { period })).rows;

/** Page object for 月报填报 and 督办; role and label locators, as a clerk sees them. */
export class MonthlyReportPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('menuitem', { name: '月报填报' }).click();
    await expect(this.page.getByText('报送截止：')).toBeVisible();
  }

  /** Types a month into the page's 期别 box (any page that has one), as the clerk does, and waits for it to hold. */
  async pickPeriod(label: string) {
    const box = this.page.getByLabel('期别');
    await box.click();
    await box.fill(label);
    await this.page.keyboard.press('Enter');
    await expect(box).toHaveValue(label);
  }

  row(name: string) {
    return this.page
      .getByRole('grid', { name: '月报填报表格' })
      .locator('.lg-body [role="row"]')
      .filter({ has: this.page.getByText(name, { exact: true }) });
  }

  cell(project: string, field: '本月完成投资' | '形象进度' | '形象进度%' | '存在问题' | '下步计划' | '需协调解决事项') {
    return this.page.getByLabel(`${project} ${field}`, { exact: true });
  }

  async enter(project: string, values: Partial<Record<'本月完成投资' | '形象进度' | '形象进度%', string>>) {
    for (const [field, value] of Object.entries(values)) await this.cell(project, field as '本月完成投资').fill(value);
  }

  async save() {
    await this.page.getByRole('button', { name: /保存草稿/ }).click();
  }

  async confirm(name: RegExp) {
    await this.page.locator('.ant-modal-confirm').getByRole('button', { name }).click();
  }

  /**
   * Signs in as another operator through the real channels (the signed-in 管理员 creates the operator if
   * needed), then reloads.
   */
  async actAs(operator: string, role: '录入员' | '审核人' | '领导') {
    const rpc = async (channel: string, input: unknown) => {
      const r = (await (await this.page.request.post(`/rpc/${channel}`, { data: input })).json()) as {
        ok: boolean;
        data: unknown;
      };
      expect(r.ok, channel).toBe(true);
      return r.data;
    };
    const list = (await rpc('operators:list', {})) as { id: number; name: string }[];
    const op =
      list.find((o) => o.name === operator) ??
      ((await rpc('operators:save', { name: operator, role, password: TEST_PASSWORD })) as { id: number });
    await rpc('session:login', { operatorId: op.id, password: TEST_PASSWORD });
    await this.page.reload();
  }
}
