import { expect, type Locator, type Page } from '@playwright/test';

/** A sheet (ARIA grid) driven as a clerk does: cells by row and column index, the clipboard by real events. */
export class SheetGrid {
  constructor(readonly page: Page, readonly grid: Locator) {}

  /** The cell in data row `row` (0 = first row under the header) and ARIA column `colIndex`. */
  cell(row: number, colIndex: number) {
    return this.grid.locator(`[role="row"][aria-rowindex="${row + 2}"] [aria-colindex="${colIndex}"]`);
  }

  /** A column header by its title (a header's name may go on with its sort button's). */
  header(title: string) {
    return this.grid.getByRole('columnheader', { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\%]/g, '\\$&')}`) });
  }

  /**
   * Scrolls the grid's body until data row `row` is drawn (a windowed grid draws only the rows in
   * view, as the clerk sees them).
   */
  async scrollTo(row: number) {
    const body = this.grid.locator('.ant-table-tbody-virtual-holder');
    const drawn = () => this.grid.locator(`[role="row"][aria-rowindex="${row + 2}"]`).count();
    for (let i = 0; i < 60 && !(await drawn()); i++) {
      const firstDrawn = Number(await this.grid.locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"])').first().getAttribute('aria-rowindex')) - 2;
      // what the wheel does to rc-virtual-list's holder (its native scroll is followed by the list)
      await body.evaluate((el, dy) => {
        el.scrollTop += dy;
        el.dispatchEvent(new WheelEvent('wheel', { deltaY: dy, bubbles: true, cancelable: true }));
      }, row > firstDrawn ? 150 : -150);
      await this.page.waitForTimeout(150);
    }
  }

  /** Pastes text as Excel/WPS put it on the clipboard: a paste event with a DataTransfer, at the focused element. */
  async paste(text: string) {
    await this.page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, text);
  }

  /** Copies the selection the way Ctrl+C does, and returns what the clipboard would hold. */
  async copy(): Promise<{ text: string; html: string }> {
    return this.page.evaluate(() => {
      const dt = new DataTransfer();
      (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
      return { text: dt.getData('text/plain'), html: dt.getData('text/html') };
    });
  }

  async expectSelected(row: number, colIndex: number, selected = true) {
    await this.scrollTo(row);
    await expect(this.cell(row, colIndex)).toHaveAttribute('aria-selected', String(selected));
  }
}

/** One call through the harness (the same handleCall, on the test's SQLite file). */
export async function rpc<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const r = (await (await page.request.post(`/rpc/${channel}`, { data: input })).json()) as { ok: boolean; data: T; error?: { message: string } };
  expect(r.ok, `${channel}: ${r.error?.message ?? ''}`).toBe(true);
  return r.data;
}
