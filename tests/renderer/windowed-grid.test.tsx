// @vitest-environment happy-dom
/**
 * The windowed sheet grid (components/sheet/WindowedGrid.tsx) shared by the 项目台账 and the 月报填报: only the rows in
 * view are in the DOM, rows lend their element to the row scrolled in while a cell keyed by its row is made again,
 * the sheet's block and cursor are drawn on the cells, read-only cells are marked per row, and 全选 ticks only the
 * rows that may be ticked.
 */
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  WindowedGrid,
  type CellMouse,
  type GridColumn,
  type WindowedGridProps,
} from '../../renderer/src/components/sheet/WindowedGrid.tsx';

interface Line {
  id: number;
  name: string;
  parent: boolean;
}

const ROWS: Line[] = Array.from({ length: 20_000 }, (_, i) => ({
  id: 1000 + i,
  name: `项目${i + 1}`,
  parent: i % 10 === 0,
}));
const COLUMNS: GridColumn[] = [
  { key: 'name', title: '项目名称', width: 200, pinned: true },
  { key: 'month', title: '本月完成投资(万元)', width: 110, align: 'right', editable: true },
];
const mouse: CellMouse = { down: () => {}, enter: () => {}, double: () => {} };

function props(over: Partial<WindowedGridProps<Line>> = {}): WindowedGridProps<Line> {
  return {
    label: '测试表格',
    rowHeight: 40,
    columns: COLUMNS,
    rows: ROWS,
    rowId: (r) => r.id,
    rowClass: (r) => (r.parent ? 'row-parent' : ''),
    // the entry cell is an input keyed by its row, as the 月报's: it must not pass to the row taking its place
    cell: (col, r) => (col.key === 'name' ? r.name : <input key={r.id} aria-label={`${r.name} 本月完成投资`} />),
    readOnly: (col, r) => col.key !== 'month' || r.parent,
    rowLabel: (r) => r.name,
    rowNoTitle: '序号',
    selected: new Set<number>(),
    onSelect: () => {},
    canSelect: (r) => !r.parent,
    cursor: null,
    block: null,
    cellMouse: mouse,
    onSelectRow: () => {},
    onSelectColumn: () => {},
    onResize: () => {},
    onRowsShown: () => {},
    height: 400,
    loading: false,
    empty: '暂无在册项目',
    ...over,
  };
}

const bodyRows = (c: HTMLElement) => [...c.querySelectorAll<HTMLElement>('.lg-body [role="row"]')];
const indexes = (c: HTMLElement) => bodyRows(c).map((r) => Number(r.getAttribute('aria-rowindex')) - 2);

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

describe('WindowedGrid', () => {
  it('draws only the rows in view and a margin, and follows the scroll bar', () => {
    const shown = vi.fn();
    const { container, getByRole } = render(<WindowedGrid {...props({ onRowsShown: shown })} />);
    const grid = getByRole('grid', { name: '测试表格' });
    expect(grid.getAttribute('aria-rowcount')).toBe('20001');
    // 400 px of 40 px rows: 10 in view, 4 more below
    expect(indexes(container)).toEqual(Array.from({ length: 14 }, (_, i) => i));
    expect(shown).toHaveBeenLastCalledWith(0, 14);
    act(() => {
      fireEvent.scroll(grid, { target: { scrollTop: 40 * 12_000 } });
    });
    const now = indexes(container).sort((a, b) => a - b);
    expect(now[0]).toBe(12_000 - 4);
    expect(now.at(-1)).toBe(12_000 + 10 + 4 - 1);
    expect(shown).toHaveBeenLastCalledWith(11_996, 12_014);
    // absolute places in the body, one row height apart
    const row = container.querySelector<HTMLElement>('[aria-rowindex="12002"]')!;
    expect(row.style.top).toBe(`${12_000 * 40}px`);
    expect(row.textContent).toContain('项目12001');
  });

  it('a row scrolled in takes a scrolled-out row element, but a cell keyed by its row is made anew', () => {
    const { container, getByRole } = render(<WindowedGrid {...props()} />);
    const grid = getByRole('grid', { name: '测试表格' });
    const slotsBefore = bodyRows(container);
    const input = container.querySelector<HTMLInputElement>('input[aria-label="项目1 本月完成投资"]')!;
    input.focus();
    act(() => {
      fireEvent.scroll(grid, { target: { scrollTop: 40 * 100 } });
    });
    // the row elements of the first screen stay, now holding other rows (none was built again; the margin above
    // the window adds four)
    expect(slotsBefore.every((r) => r.isConnected)).toBe(true);
    expect(bodyRows(container)).toHaveLength(slotsBefore.length + 4);
    expect(slotsBefore.map((r) => r.getAttribute('aria-rowindex'))).not.toContain('2'); // row 0 is out of view
    expect(container.querySelector('input[aria-label="项目1 本月完成投资"]')).toBeNull();
    expect(input.isConnected).toBe(false); // not re-used for 项目101 with its text and keyboard
    expect(container.querySelector('input[aria-label="项目101 本月完成投资"]')).not.toBe(input);
  });

  it('rows whose data arrives while the list stays the same are drawn again once dataVersion moves', () => {
    // the 台账 holds its rows' data apart from the list: a block read from the core changes neither the list nor
    // any other prop; without a version that moves the memoised grid would keep showing “…”
    const data = new Map<number, string>();
    const over = (v: number): Partial<WindowedGridProps<Line>> => ({
      cell: (col, r) => (col.key === 'name' ? (data.get(r.id) ?? '…') : ''),
      rowVersion: (r) => data.get(r.id),
      dataVersion: v,
    });
    const base = props(over(0));
    const { container, rerender } = render(<WindowedGrid {...base} />);
    const first = () => container.querySelector('[aria-rowindex="2"] [data-col="name"]')!.textContent;
    expect(first()).toBe('…');
    data.set(1000, '项目1');
    rerender(<WindowedGrid {...base} />); // the same props: nothing to draw
    expect(first()).toBe('…');
    rerender(<WindowedGrid {...base} {...over(1)} cell={base.cell} rowVersion={base.rowVersion} />);
    expect(first()).toBe('项目1');
  });

  it("draws the sheet's block and cursor, and marks read-only cells per row", () => {
    const { container } = render(
      <WindowedGrid {...props({ cursor: { row: 2, col: 1 }, block: { top: 1, left: 0, bottom: 2, right: 1 } })} />,
    );
    const cell = (row: number, col: string) =>
      container.querySelector<HTMLElement>(`[aria-rowindex="${row + 2}"] [data-col="${col}"]`)!;
    expect(cell(0, 'name').getAttribute('aria-selected')).toBe('false');
    expect(cell(1, 'name').getAttribute('aria-selected')).toBe('true');
    expect(cell(2, 'month').className).toContain('cell-active');
    expect(cell(1, 'month').className).not.toContain('cell-active');
    expect(cell(0, 'month').getAttribute('aria-readonly')).toBe('true'); // a parent's sum row
    expect(cell(1, 'month').getAttribute('aria-readonly')).toBeNull();
    expect(cell(1, 'name').getAttribute('aria-readonly')).toBe('true');
    expect(cell(2, 'month').dataset.r).toBe('2');
    expect(cell(2, 'month').dataset.c).toBe('1');
    // the frozen column sticks after the check box and the row numbers
    expect(cell(1, 'name').className).toContain('lg-pin-left');
    expect(cell(1, 'name').style.left).toBe('88px');
    expect(container.querySelector('[aria-rowindex="2"]')!.className).toContain('row-parent');
  });

  it('全选 ticks the rows that may be ticked; a parent row’s box is disabled', () => {
    const onSelect = vi.fn();
    const { getByLabelText, rerender } = render(<WindowedGrid {...props({ onSelect })} />);
    expect((getByLabelText('选择 项目1') as HTMLInputElement).disabled).toBe(true);
    expect((getByLabelText('选择 项目2') as HTMLInputElement).disabled).toBe(false);
    fireEvent.click(getByLabelText('全选'));
    const ids = onSelect.mock.calls[0]![0] as number[];
    expect(ids).toHaveLength(18_000);
    expect(ids).not.toContain(1000);
    rerender(<WindowedGrid {...props({ onSelect, selected: new Set(ids) })} />);
    expect((getByLabelText('全选') as HTMLInputElement).checked).toBe(true);
    rerender(<WindowedGrid {...props({ onSelect, selected: new Set(ids.slice(1)) })} />);
    expect((getByLabelText('全选') as HTMLInputElement).checked).toBe(false);
    expect((getByLabelText('全选') as HTMLInputElement).indeterminate).toBe(true);
  });

  it('offers sorting only where the page sorts, and says it is loading or empty in Chinese', () => {
    const { queryByRole, getByText, rerender } = render(
      <WindowedGrid {...props({ rows: [], loading: true, loadingText: '正在读取本月月报…' })} />,
    );
    expect(getByText('正在读取本月月报…')).toBeTruthy();
    expect(queryByRole('button', { name: /排序/ })).toBeNull();
    rerender(<WindowedGrid {...props({ rows: [], sort: null, onSort: () => {} })} />);
    expect(getByText('暂无在册项目')).toBeTruthy();
    expect(queryByRole('button', { name: '按“项目名称”排序' })).not.toBeNull();
  });
});
