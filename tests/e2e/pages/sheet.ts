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
   * Scrolls the grid's body until data row `row` is drawn (a windowed grid draws only the rows in view, as the clerk
   * sees them), leaving the selection alone. Each step sets the scroll offset of rc-virtual-list's holder — which the
   * list follows on the scroll event — by the distance to the row in drawn rows' heights, then waits for the rows to
   * be drawn again; steps that were lost or landed short are worked out afresh from what is drawn.
   */
  async scrollTo(row: number) {
    const index = row + 2;
    const target = this.grid.locator(`[role="row"][aria-rowindex="${index}"]`);
    const holder = this.grid.locator('.ant-table-tbody-virtual-holder');
    // a grid that is not an antd virtual table (the ledger's own) draws the row itself
    for (let i = 0; i < 40 && (await holder.count()); i++) {
      if (await target.count()) return;
      await holder.evaluate((el, want) => {
        const drawn = [...el.querySelectorAll<HTMLElement>('[role="row"][aria-rowindex]')].map((r) => ({
          i: Number(r.getAttribute('aria-rowindex')),
          h: r.offsetHeight,
        }));
        if (!drawn.length) return;
        const rowHeight = drawn.reduce((sum, d) => sum + d.h, 0) / drawn.length || 40;
        const middle = (drawn[0]!.i + drawn[drawn.length - 1]!.i) / 2;
        el.scrollTop = Math.max(0, el.scrollTop + (want - middle) * rowHeight);
      }, index);
      await expect
        .poll(() => target.count(), { timeout: 1_000, intervals: [50, 100, 200] })
        .toBeGreaterThan(0)
        .catch(() => {});
    }
    await expect(target, `第${row + 1}行未能滚动到视野内`).toHaveCount(1);
  }

  /**
   * Clicks a cell as the clerk does: its row scrolled into the window first, and the sheet turned sideways with the
   * wheel while the cell lies under the frozen columns on either side (the browser would click those instead).
   */
  async click(row: number, colIndex: number) {
    await this.scrollTo(row);
    const cell = this.cell(row, colIndex);
    const holder = this.grid.locator('.ant-table-tbody-virtual-holder');
    for (let i = 0; i < 20 && (await holder.count()); i++) {
      // a re-render (a resized window, a refetch) may draw other rows meanwhile: bring the row back rather than wait
      if (!(await cell.count())) {
        await this.scrollTo(row);
        continue;
      }
      const dx = await cell
        .evaluate(
          (el) => {
            const body = el
              .closest('[role="grid"]')!
              .querySelector('.ant-table-tbody-virtual-holder')!
              .getBoundingClientRect();
            const line = el.closest('[role="row"]')!;
            const left = [...line.querySelectorAll('.ant-table-cell-fix-left')].reduce(
              (x, c) => Math.max(x, c.getBoundingClientRect().right),
              body.left,
            );
            const right = [...line.querySelectorAll('.ant-table-cell-fix-right')].reduce(
              (x, c) => Math.min(x, c.getBoundingClientRect().left),
              body.right,
            );
            const box = el.getBoundingClientRect();
            return box.left < left - 1 ? box.left - left : box.right > right + 1 ? box.right - right : 0;
          },
          undefined,
          { timeout: 2_000 },
        )
        .catch(() => null);
      if (dx === null) continue;
      if (dx === 0) break;
      await holder.evaluate(
        (el, deltaX) => el.dispatchEvent(new WheelEvent('wheel', { deltaX, bubbles: true, cancelable: true })),
        dx,
      );
      await this.page.waitForTimeout(150);
    }
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
