import { expect, type Locator, type Page } from '@playwright/test';

/** A sheet (ARIA grid) driven as a clerk does: cells by row and column index, the clipboard by real events. */
export class SheetGrid {
  constructor(
    readonly page: Page,
    readonly grid: Locator,
  ) {}

  /** The cell in data row `row` (0 = first row under the header) and ARIA column `colIndex`. */
  cell(row: number, colIndex: number) {
    return this.grid.locator(`[role="row"][aria-rowindex="${row + 2}"] [aria-colindex="${colIndex}"]`);
  }

  /** A column header by its title (a header's name may go on with its sort button's). */
  header(title: string) {
    return this.grid.getByRole('columnheader', {
      name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\%]/g, '\\$&')}`),
    });
  }

  /**
   * Scrolls the grid until data row `row` is drawn (a windowed grid draws only the rows in view, as the clerk sees
   * them), leaving the selection alone: the scroller's offset is set as the scroll bar would, with the row in the
   * middle of the window (rows are fixed-height: the header row's height). A grid of a few rows draws them all.
   */
  async scrollTo(row: number) {
    const index = row + 2;
    const target = this.grid.locator(`[role="row"][aria-rowindex="${index}"]`);
    if (await target.count()) return;
    if (await this.grid.evaluate((el) => el.classList.contains('lg-scroller')))
      await this.grid.evaluate((el, want) => {
        const rowHeight = el.querySelector<HTMLElement>('.lg-header')?.offsetHeight || 34;
        el.scrollTop = Math.max(0, want * rowHeight - el.clientHeight / 2);
        el.dispatchEvent(new Event('scroll'));
      }, row);
    await expect(target, `第${row + 1}行未能滚动到视野内`).toHaveCount(1);
  }

  /**
   * Clicks a cell as the clerk does: its row scrolled into the window first, and the sheet turned sideways with
   * the scroll bar while the cell lies under the frozen columns on either side (the browser would click those
   * instead).
   */
  async click(row: number, colIndex: number) {
    await this.scrollTo(row);
    const cell = this.cell(row, colIndex);
    if (await this.grid.evaluate((el) => el.classList.contains('lg-scroller')))
      await cell.evaluate((el) => {
        const grid = el.closest<HTMLElement>('.lg-scroller')!;
        const line = el.closest('[role="row"]')!;
        const body = grid.getBoundingClientRect();
        const left = [...line.querySelectorAll('.lg-pin-left')].reduce(
          (x, c) => Math.max(x, c.getBoundingClientRect().right),
          body.left,
        );
        const right = [...line.querySelectorAll('.lg-pin-right')].reduce(
          (x, c) => Math.min(x, c.getBoundingClientRect().left),
          body.right,
        );
        const box = el.getBoundingClientRect();
        const dx = box.left < left - 1 ? box.left - left : box.right > right + 1 ? box.right - right : 0;
        if (dx) grid.scrollLeft += dx;
      });
    await this.scrollTo(row);
    await cell.click();
  }

  /** Pastes text as Excel/WPS put it on the clipboard: a paste event with a DataTransfer, at the focused element. */
  async paste(text: string) {
    await this.page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      (document.activeElement ?? document.body).dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
      );
    }, text);
  }

  /** Copies the selection the way Ctrl+C does, and returns what the clipboard would hold. */
  async copy(): Promise<{ text: string; html: string }> {
    return this.page.evaluate(() => {
      const dt = new DataTransfer();
      (document.activeElement ?? document.body).dispatchEvent(
        new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }),
      );
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
  const r = (await (await page.request.post(`/rpc/${channel}`, { data: input })).json()) as {
    ok: boolean;
    data: T;
    error?: { message: string };
  };
  expect(r.ok, `${channel}: ${r.error?.message ?? ''}`).toBe(true);
  return r.data;
}
