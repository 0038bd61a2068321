/**
 * A windowed sheet grid: a sticky header, the selection column and the row numbers pinned left with the frozen
 * columns, the actions pinned right, and only the rows in view (plus a margin) in the DOM. Written by hand rather
 * than with antd's virtual Table, which does per-row work over every row (selection keys, flattening, measuring) on
 * each open and keystroke, and whose mount re-renders itself synchronously several times (measured scroll bars,
 * fixed-column shadows, column widths): the 项目台账 and the 月报填报 each cost more than the 300 ms a clerk
 * tolerates that way (docs/performance.md). Rows are fixed-height, so a scroll offset maps to a row index with one
 * division.
 *
 * It is an ARIA grid (row, columnheader, rowheader, gridcell with aria-rowindex/aria-colindex, aria-selected,
 * aria-readonly) whose cell cursor and selected block come from the page's sheet (use-sheet.ts): the grid draws
 * them and reports the mouse; the keys, clipboard and undo live in the sheet.
 */
import type React from 'react';
import {
  memo,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type Ref,
} from 'react';
import { roomAtEnd, useViewWidth } from '../scroll-by-columns.ts';
import { ResizeHandle } from './column-layout.tsx';
import type { Sheet } from './use-sheet.ts';

const OVERSCAN = 4;
const SELECT_WIDTH = 40;
/** the row number (行号/序号) column: a click selects the whole row, as a spreadsheet's row header */
const ROWNO_WIDTH = 48;

export interface GridColumn {
  key: string;
  title: string;
  width: number;
  align?: 'right' | 'center';
  /** the cell takes typing (the others are derived or locked: aria-readonly) */
  editable?: boolean;
  /** stays in view when the grid scrolls sideways (冻结列); only a leading run of columns is pinned */
  pinned?: boolean;
}

export interface GridSort {
  key: string;
  desc: boolean;
}

export interface WindowedGridProps<R> {
  /** the grid's accessible name (屏幕阅读器与测试据此找到表格) */
  label: string;
  /** every row's height in px: fixed, so the window is worked out by division */
  rowHeight: number;
  columns: GridColumn[];
  rows: readonly R[];
  rowId: (row: R) => number;
  /** the data of a row changed (a block arrived, an edit was saved): rows re-render when their version moves */
  rowVersion?: (row: R) => unknown;
  /**
   * Moves whenever row data arrives while `rows` stays the same list (a page holding its rows' data apart, as the
   * 台账 does): the grid is memoised on its props, so without it the rows in view would go on showing “…” until the
   * next scroll drew them again.
   */
  dataVersion?: unknown;
  /** classes of the row as a whole (a parent's sum row, a child) */
  rowClass?: (row: R) => string;
  cell: (col: GridColumn, row: R, index: number) => ReactNode;
  /** a cell that takes no typing in this row (aria-readonly); by default the columns not `editable` */
  readOnly?: (col: GridColumn, row: R) => boolean;
  rowLabel: (row: R) => string;
  /** the row-number column's title (行号 in the 台账, 序号 in a report) */
  rowNoTitle?: string;
  actions?: { title: string; width: number; render: (row: R) => ReactNode };
  /** sorting by a header's mark is offered only with onSort */
  sort?: GridSort | null;
  onSort?: (sort: GridSort | null) => void;
  /** null: no selection column */
  selected: ReadonlySet<number> | null;
  onSelect: (ids: number[]) => void;
  /** whether a row's check box may be ticked (a parent's sum row, a closed month: not) */
  canSelect?: (row: R) => boolean;
  /** the sheet's cell cursor and selected block, by screen row and column index */
  cursor: { row: number; col: number } | null;
  block: { top: number; left: number; bottom: number; right: number } | null;
  /** mouse on a cell (row and column index): press, drag over, double-click */
  cellMouse: CellMouse;
  onSelectRow: (row: number, extend: boolean) => void;
  onSelectColumn: (col: number, extend: boolean) => void;
  /** a column's edge was dragged (done: the mouse was released, the width may be remembered) */
  onResize: (key: string, width: number, done: boolean) => void;
  /** rows [from, to) of `rows` are on screen: their data should be fetched */
  onRowsShown: (from: number, to: number) => void;
  /** the body's height in px (the header's row comes on top) */
  height: number;
  loading: boolean;
  /** what the body says while loading, and when there is no row */
  loadingText?: string;
  empty: string;
  ref?: Ref<WindowedGridHandle>;
}

export interface CellMouse {
  down: (row: number, col: number, e: React.MouseEvent) => void;
  enter: (row: number, col: number, e: React.MouseEvent) => void;
  double: (row: number, col: number) => void;
}

export interface WindowedGridHandle {
  /** brings a cell into view: its row vertically, its column sideways (past the pinned columns and the actions) */
  scrollToCell: (index: number, col: string) => void;
}

/** Where each pinned column sticks (its left offset) and which one draws the edge; null for scrolling columns. */
type Pins = ({ left: number; edge: boolean } | null)[];

function pinsOf(columns: GridColumn[], selectable: boolean): Pins {
  let left = (selectable ? SELECT_WIDTH : 0) + ROWNO_WIDTH;
  let leading = true;
  const pins: Pins = columns.map((c) => {
    leading &&= !!c.pinned;
    if (!leading) return null;
    const pin = { left, edge: false };
    left += c.width;
    return pin;
  });
  const last = pins.findLastIndex((p) => p !== null);
  if (last >= 0) pins[last]!.edge = true;
  return pins;
}

/** Where each scrolling (not pinned) column starts, from the grid's left edge. */
function columnStarts(columns: GridColumn[], pins: Pins, start: number): number[] {
  const starts: number[] = [];
  let x = start;
  for (const [i, col] of columns.entries()) {
    if (!pins[i]) starts.push(x);
    x += col.width;
  }
  return starts;
}

const ALIGN_CLASS = { right: ' lg-right', center: ' lg-center' } as const;
const cellClass = (col: GridColumn, pin: Pins[number]) =>
  `lg-cell${col.align ? ALIGN_CLASS[col.align] : ''}${pin ? ` lg-pin-left${pin.edge ? ' lg-pin-edge' : ''}` : ''}`;

const cellStyle = (col: GridColumn, pin: Pins[number]) =>
  pin ? { width: col.width, left: pin.left } : { width: col.width };

/**
 * A figure in a right-aligned column that the pinned 操作 column half covers (the last column in view at 1366×768)
 * read “8,800.” — a wrong number to a clerk, where the cell held 8,800.00. Its text slides left into the part of the
 * cell in view instead (.lg-in-view: sticky against the actions' width; global.css), as long as that part is wide
 * enough. Plain text only: an editor or a marked cell keeps its own layout.
 */
function inViewBeside(col: GridColumn, pin: Pins[number], content: ReactNode): ReactNode {
  if (col.align !== 'right' || pin || (typeof content !== 'string' && typeof content !== 'number') || content === '')
    return content;
  return <span className="lg-in-view">{content}</span>;
}

interface RowProps<R> {
  row: R;
  id: number;
  index: number;
  version: unknown;
  height: number;
  rowClass: string;
  columns: GridColumn[];
  pins: Pins;
  cell: WindowedGridProps<R>['cell'];
  readOnly: WindowedGridProps<R>['readOnly'];
  label: string;
  actions: WindowedGridProps<R>['actions'];
  selectable: boolean;
  checkable: boolean;
  checked: boolean;
  /** the selected columns of this row [selFrom, selTo], -1 when the row is outside the block */
  selFrom: number;
  selTo: number;
  cursorCol: number;
  onToggle: (id: number, checked: boolean) => void;
  mouse: CellMouse;
  onSelectRow: WindowedGridProps<R>['onSelectRow'];
}

/** One row; re-renders only when its own data, selection or active cell changed (not on every scroll step). */
const GridRow = memo(function GridRow<R>(p: RowProps<R>) {
  const { row, index } = p;
  const lead = (p.selectable ? 1 : 0) + 1;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`lg-row${p.checked ? ' lg-row-selected' : ''}${p.rowClass ? ` ${p.rowClass}` : ''}`}
      style={{ top: index * p.height, height: p.height }}
      data-id={p.id}
    >
      {p.selectable && (
        <div role="gridcell" aria-colindex={1} className="lg-cell lg-pin-left lg-check" style={{ width: SELECT_WIDTH }}>
          <input
            type="checkbox"
            checked={p.checked}
            disabled={!p.checkable}
            aria-label={`选择 ${p.label}`}
            onChange={(e) => p.onToggle(p.id, e.target.checked)}
          />
        </div>
      )}
      <div
        role="rowheader"
        aria-colindex={lead}
        className="lg-cell lg-pin-left lg-rowno"
        title="点击选中整行"
        style={{ width: ROWNO_WIDTH, left: p.selectable ? SELECT_WIDTH : 0 }}
        onMouseDown={(e) => {
          e.preventDefault();
          p.onSelectRow(index, e.shiftKey);
        }}
      >
        {index + 1}
      </div>
      {p.columns.map((col, c) => {
        const selected = c >= p.selFrom && c <= p.selTo;
        return (
          <div
            key={col.key}
            role="gridcell"
            aria-colindex={lead + c + 1}
            aria-selected={selected}
            aria-readonly={(p.readOnly ? p.readOnly(col, row) : !col.editable) || undefined}
            data-col={col.key}
            data-r={index}
            data-c={c}
            className={`${cellClass(col, p.pins[c]!)}${col.editable ? ' cell-editable' : ''}${selected ? ' cell-selected' : ''}${p.cursorCol === c ? ' cell-active' : ''}`}
            style={cellStyle(col, p.pins[c]!)}
            onMouseDown={(e) => {
              if ((e.target as HTMLElement).closest('button, a, [role="button"], input[type="checkbox"], .ant-select'))
                return;
              p.mouse.down(index, c, e);
            }}
            onMouseEnter={(e) => p.mouse.enter(index, c, e)}
            onDoubleClick={() => p.mouse.double(index, c)}
          >
            {inViewBeside(col, p.pins[c]!, p.cell(col, row, index))}
          </div>
        );
      })}
      {p.actions && (
        <div
          role="gridcell"
          aria-colindex={lead + p.columns.length + 1}
          className="lg-cell lg-pin-right"
          style={{ width: p.actions.width }}
        >
          {p.actions.render(row)}
        </div>
      )}
    </div>
  );
}) as <R>(p: RowProps<R>) => ReactNode;

function WindowedGridView<R>(p: WindowedGridProps<R>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const rowHeight = p.rowHeight;
  const bodyHeight = p.height;
  const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
  const last = Math.min(p.rows.length, Math.ceil((top + bodyHeight) / rowHeight) + OVERSCAN);

  const layout = useRef({ columns: p.columns, pins: [] as Pins, start: 0, pinnedWidth: 0, actions: 0 });
  useImperativeHandle(
    p.ref,
    () => ({
      scrollToCell(index, colKey) {
        const el = scroller.current;
        if (!el) return;
        const y = index * rowHeight;
        const header = rowHeight;
        if (y < el.scrollTop) el.scrollTop = y;
        else if (y + rowHeight > el.scrollTop + el.clientHeight - header)
          el.scrollTop = y + rowHeight - el.clientHeight + header;
        const { columns, pins, start, pinnedWidth, actions } = layout.current;
        const c = columns.findIndex((col) => col.key === colKey);
        if (c < 0 || pins[c]) return;
        const left = start + columns.slice(0, c).reduce((sum, col) => sum + col.width, 0);
        const right = left + columns[c]!.width;
        if (left - el.scrollLeft < pinnedWidth) el.scrollLeft = left - pinnedWidth;
        else if (right - el.scrollLeft > el.clientWidth - actions) {
          // By whole columns (scroll-by-columns.ts): the first column start that brings the cell's right edge in view
          const need = right - el.clientWidth + actions;
          const snap = columnStarts(columns, pins, start).find((x) => x <= left && x - pinnedWidth >= need);
          el.scrollLeft = (snap ?? left) - pinnedWidth;
        }
      },
    }),
    [rowHeight],
  );

  // The grid's width in view, for the room after the last column (roomAtEnd)
  const viewWidth = useViewWidth(scroller);

  // A new, shorter list (a keystroke's answer) must not leave the window past its end. The offset is read from
  // state, not the element: reading scrollTop here would force a layout of the whole page before the paint.
  const rowsNow = p.rows.length;
  useLayoutEffect(() => {
    if (top > rowsNow * rowHeight && scroller.current) {
      scroller.current.scrollTop = 0;
      setTop(0);
    }
  }, [rowsNow, top, rowHeight]);

  const { onRowsShown } = p;
  useEffect(() => {
    if (last > first) onRowsShown(first, last);
  }, [first, last, p.rows, onRowsShown]);

  const { selected, rowId } = p;
  const canSelect = p.canSelect ?? (() => true);
  const toggle = useRef((_id: number, _on: boolean) => {});
  toggle.current = (id, on) => {
    if (!selected) return;
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    p.onSelect([...next]);
  };
  const onToggle = useRef((id: number, on: boolean) => toggle.current(id, on)).current;
  // 全选 ticks the rows that may be ticked; it shows ticked when all of those are
  const allChecked =
    !!selected &&
    selected.size > 0 &&
    p.rows.every((r) => selected.has(rowId(r)) || !canSelect(r)) &&
    p.rows.some((r) => canSelect(r));
  const someChecked = !!selected && selected.size > 0 && !allChecked;
  const headerBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (headerBox.current) headerBox.current.indeterminate = someChecked;
  }, [someChecked]);

  const pins = useMemo(() => pinsOf(p.columns, !!selected), [p.columns, selected]);
  const start = (selected ? SELECT_WIDTH : 0) + ROWNO_WIDTH;
  const pinnedWidth = start + p.columns.reduce((sum, col, i) => sum + (pins[i] ? col.width : 0), 0);
  layout.current = { columns: p.columns, pins, start, pinnedWidth, actions: p.actions?.width ?? 0 };
  const starts = columnStarts(p.columns, pins, start);
  const content = start + p.columns.reduce((s, c) => s + c.width, 0) + (p.actions?.width ?? 0);
  // The 操作 column stays at the right edge, past the room (margin-left: auto, global.css).
  const width = content + roomAtEnd(starts, content, pinnedWidth, viewWidth);
  const lead = (selected ? 1 : 0) + 1;
  const headerSort = (key: string) => {
    const s = p.sort;
    // the spreadsheet cycle: ascending, descending, unsorted
    p.onSort?.(s?.key !== key ? { key, desc: false } : !s.desc ? { key, desc: true } : null);
  };

  // Rows are keyed by slot, not by row: a row scrolled out lends its DOM to the row scrolled in, and a keystroke's
  // new list updates the text of the rows on screen instead of building them again. (A cell whose content must not
  // pass from one row to another — an input holding the keyboard — is keyed by its row where it is made.)
  const slots = last - first;
  const shown: ReactNode[] = [];
  for (let slot = 0; slot < slots; slot++) {
    const i = first + ((slot - (first % slots) + slots) % slots);
    const row = p.rows[i]!;
    const id = rowId(row);
    const inBlock = !!p.block && i >= p.block.top && i <= p.block.bottom;
    shown.push(
      <GridRow
        key={slot}
        row={row}
        id={id}
        index={i}
        version={p.rowVersion?.(row)}
        height={rowHeight}
        rowClass={p.rowClass?.(row) ?? ''}
        columns={p.columns}
        pins={pins}
        cell={p.cell}
        readOnly={p.readOnly}
        label={p.rowLabel(row)}
        actions={p.actions}
        selectable={!!selected}
        checkable={canSelect(row)}
        checked={!!selected?.has(id)}
        selFrom={inBlock ? p.block!.left : -1}
        selTo={inBlock ? p.block!.right : -1}
        cursorCol={p.cursor?.row === i ? p.cursor.col : -1}
        onToggle={onToggle}
        mouse={p.cellMouse}
        onSelectRow={p.onSelectRow}
      />,
    );
  }

  return (
    <div
      ref={scroller}
      className="lg-scroller lg-snap"
      role="grid"
      aria-label={p.label}
      aria-rowcount={p.rows.length + 1}
      aria-colcount={p.columns.length + lead + (p.actions ? 1 : 0)}
      aria-multiselectable
      style={{
        height: bodyHeight + rowHeight,
        ['--lg-actions' as string]: `${p.actions?.width ?? 0}px`,
        scrollPaddingLeft: pinnedWidth,
        scrollPaddingRight: p.actions?.width ?? 0,
      }}
      onScroll={(e) => setTop(e.currentTarget.scrollTop)}
    >
      <div role="row" className="lg-row lg-header" aria-rowindex={1} style={{ width, height: rowHeight }}>
        {selected && (
          <div
            role="columnheader"
            aria-colindex={1}
            className="lg-cell lg-pin-left lg-check"
            style={{ width: SELECT_WIDTH }}
          >
            <input
              ref={headerBox}
              type="checkbox"
              checked={allChecked}
              aria-label="全选"
              disabled={p.rows.length === 0}
              onChange={(e) => p.onSelect(e.target.checked ? p.rows.filter(canSelect).map(rowId) : [])}
            />
          </div>
        )}
        <div
          role="columnheader"
          aria-colindex={lead}
          className="lg-cell lg-pin-left lg-rowno"
          style={{ width: ROWNO_WIDTH, left: selected ? SELECT_WIDTH : 0 }}
        >
          {p.rowNoTitle ?? '行号'}
        </div>
        {p.columns.map((col, c) => {
          const dir = p.sort?.key === col.key ? (p.sort.desc ? 'descending' : 'ascending') : undefined;
          return (
            <div
              key={col.key}
              role="columnheader"
              aria-sort={p.onSort ? (dir ?? 'none') : undefined}
              aria-colindex={lead + c + 1}
              data-col={col.key}
              title={`点击选中“${col.title}”整列`}
              className={`${cellClass(col, pins[c]!)} lg-colhead${dir ? ' lg-sorted' : ''}`}
              style={cellStyle(col, pins[c]!)}
              onMouseDown={(e) => {
                if (e.button === 0) e.preventDefault();
              }}
              onClick={(e) => p.onSelectColumn(c, e.shiftKey)}
            >
              {col.title}
              {p.onSort && (
                <button
                  type="button"
                  className="lg-sort-mark"
                  aria-label={`按“${col.title}”排序`}
                  title={`按“${col.title}”排序`}
                  onClick={(e) => {
                    e.stopPropagation();
                    headerSort(col.key);
                  }}
                >
                  {dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '⇅'}
                </button>
              )}
              <ResizeHandle colKey={col.key} width={col.width} onResize={p.onResize} />
            </div>
          );
        })}
        {p.actions && (
          <div
            role="columnheader"
            aria-colindex={lead + p.columns.length + 1}
            className="lg-cell lg-pin-right"
            style={{ width: p.actions.width }}
          >
            {p.actions.title}
          </div>
        )}
      </div>
      <div className="lg-body" style={{ height: Math.max(p.rows.length * rowHeight, rowHeight * 3), width }}>
        {shown}
        {p.rows.length === 0 && (
          <div className="lg-empty" style={{ width: Math.min(width, 900) }}>
            {p.loading ? (p.loadingText ?? '正在读取…') : p.empty}
          </div>
        )}
      </div>
    </div>
  );
}

/**
 * The grid's mouse props bound to a page's sheet (use-sheet.ts): objects made once, that call the sheet as it is
 * when the mouse acts (the sheet is a new object every render; the rows are not drawn again for it).
 */
export function useSheetMouse(sheetNow: { readonly current: Sheet }) {
  return useMemo(
    () => ({
      cellMouse: {
        down: (row, col, e) => sheetNow.current.cellMouseDown(row, col, e),
        enter: (row, col, e) => sheetNow.current.cellMouseEnter(row, col, e),
        double: (row, col) => sheetNow.current.cellDoubleClick(row, col),
      } satisfies CellMouse,
      onSelectRow: (row: number, extend: boolean) => sheetNow.current.selectRow(row, extend),
      onSelectColumn: (col: number, extend: boolean) => sheetNow.current.selectColumn(col, extend),
    }),
    [sheetNow],
  );
}

/** The grid; its props should stay the same objects between renders that change nothing it shows (memo). */
export const WindowedGrid = memo(WindowedGridView) as typeof WindowedGridView;
