/**
 * The ledger's windowed grid: a sticky header, the selection column pinned left and the actions pinned right,
 * and only the rows in view (plus a margin) in the DOM. Written by hand rather than with antd's virtual Table
 * because that table does per-row work over all 20,000 rows (selection keys, flattening, measuring) on every
 * open and keystroke, and its mount alone cost more than the 300 ms a clerk tolerates (see docs/performance.md).
 * Rows are fixed-height, so a scroll offset maps to a row index with one division.
 */
import { forwardRef, memo, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { FlatRow } from './ledger-view.ts';

export const ROW_HEIGHT = 34;
const OVERSCAN = 4;
const SELECT_WIDTH = 40;

export interface GridColumn {
  key: string;
  title: string;
  width: number;
  align?: 'right';
  editable?: boolean;
  /** stays in view when the grid scrolls sideways (冻结列); only a leading run of columns is pinned */
  pinned?: boolean;
}

export interface GridSort {
  key: string;
  desc: boolean;
}

export interface LedgerGridProps {
  columns: GridColumn[];
  rows: FlatRow[];
  /** the data of a row changed (a block arrived, an edit was saved): rows re-render when their version moves */
  rowVersion: (id: number) => unknown;
  cell: (col: GridColumn, row: FlatRow) => ReactNode;
  rowLabel: (row: FlatRow) => string;
  actions?: { title: string; width: number; render: (row: FlatRow) => ReactNode };
  sort: GridSort | null;
  onSort: (sort: GridSort | null) => void;
  /** null: no selection column */
  selected: ReadonlySet<number> | null;
  onSelect: (ids: number[]) => void;
  active: { id: number; col: string } | null;
  onCellClick: (id: number, col: string) => void;
  onCellDoubleClick: (id: number, col: string) => void;
  /** rows [from, to) of `rows` are on screen: their data should be fetched */
  onRowsShown: (from: number, to: number) => void;
  height: number;
  loading: boolean;
  empty: string;
}

export interface LedgerGridHandle {
  /** brings a cell into view: its row vertically, its column sideways (past the pinned columns and the actions) */
  scrollToCell: (index: number, col: string) => void;
}

/** Where each pinned column sticks (its left offset) and which one draws the edge; null for scrolling columns. */
type Pins = ({ left: number; edge: boolean } | null)[];

function pinsOf(columns: GridColumn[], selectable: boolean): Pins {
  let left = selectable ? SELECT_WIDTH : 0;
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

const cellClass = (col: GridColumn, pin: Pins[number]) =>
  `lg-cell${col.align === 'right' ? ' lg-right' : ''}${pin ? ` lg-pin-left${pin.edge ? ' lg-pin-edge' : ''}` : ''}`;

const cellStyle = (col: GridColumn, pin: Pins[number]) => (pin ? { width: col.width, left: pin.left } : { width: col.width });

interface RowProps {
  row: FlatRow;
  index: number;
  version: unknown;
  columns: GridColumn[];
  pins: Pins;
  cell: LedgerGridProps['cell'];
  label: string;
  actions: LedgerGridProps['actions'];
  selectable: boolean;
  checked: boolean;
  activeCol: string | null;
  onToggle: (id: number, checked: boolean) => void;
  onCellClick: LedgerGridProps['onCellClick'];
  onCellDoubleClick: LedgerGridProps['onCellDoubleClick'];
}

/** One row; re-renders only when its own data, selection or active cell changed (not on every scroll step). */
const GridRow = memo(function GridRow(p: RowProps) {
  const { row } = p;
  return (
    <div
      role="row"
      aria-rowindex={p.index + 2}
      aria-selected={p.selectable ? p.checked : undefined}
      className={`lg-row${p.checked ? ' lg-row-selected' : ''}${row.depth === 0 ? '' : ' lg-row-child'}`}
      style={{ top: p.index * ROW_HEIGHT }}
      data-id={row.id}
    >
      {p.selectable && (
        <div role="gridcell" className="lg-cell lg-pin-left lg-check" style={{ width: SELECT_WIDTH }}>
          <input type="checkbox" checked={p.checked} aria-label={`选择 ${p.label}`} onChange={(e) => p.onToggle(row.id, e.target.checked)} />
        </div>
      )}
      {p.columns.map((col, c) => (
        <div
          key={col.key}
          role="gridcell"
          data-col={col.key}
          className={`${cellClass(col, p.pins[c]!)}${col.editable ? ' cell-editable' : ''}${p.activeCol === col.key ? ' cell-active' : ''}`}
          style={cellStyle(col, p.pins[c]!)}
          onClick={() => p.onCellClick(row.id, col.key)}
          onDoubleClick={() => p.onCellDoubleClick(row.id, col.key)}
        >
          {p.cell(col, row)}
        </div>
      ))}
      {p.actions && (
        <div role="gridcell" className="lg-cell lg-pin-right" style={{ width: p.actions.width }}>
          {p.actions.render(row)}
        </div>
      )}
    </div>
  );
});

export const LedgerGrid = memo(forwardRef<LedgerGridHandle, LedgerGridProps>(function LedgerGrid(p, ref) {
  const scroller = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const bodyHeight = p.height;
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(p.rows.length, Math.ceil((top + bodyHeight) / ROW_HEIGHT) + OVERSCAN);

  const layout = useRef({ columns: p.columns, pins: [] as Pins, start: 0, actions: 0 });
  useImperativeHandle(ref, () => ({
    scrollToCell(index, colKey) {
      const el = scroller.current;
      if (!el) return;
      const y = index * ROW_HEIGHT;
      const header = ROW_HEIGHT;
      if (y < el.scrollTop) el.scrollTop = y;
      else if (y + ROW_HEIGHT > el.scrollTop + el.clientHeight - header) el.scrollTop = y + ROW_HEIGHT - el.clientHeight + header;
      const { columns, pins, start, actions } = layout.current;
      const c = columns.findIndex((col) => col.key === colKey);
      if (c < 0 || pins[c]) return;
      const left = start + columns.slice(0, c).reduce((sum, col) => sum + col.width, 0);
      const pinnedWidth = start + columns.reduce((sum, col, i) => sum + (pins[i] ? col.width : 0), 0);
      const right = left + columns[c]!.width;
      if (left - el.scrollLeft < pinnedWidth) el.scrollLeft = left - pinnedWidth;
      else if (right - el.scrollLeft > el.clientWidth - actions) el.scrollLeft = right - el.clientWidth + actions;
    },
  }), []);

  // A new, shorter list (a keystroke's answer) must not leave the window past its end. The offset is read from
  // state, not the element: reading scrollTop here would force a layout of the whole page before the paint.
  const rowsNow = p.rows.length;
  useLayoutEffect(() => {
    if (top > rowsNow * ROW_HEIGHT && scroller.current) {
      scroller.current.scrollTop = 0;
      setTop(0);
    }
  }, [rowsNow, top]);

  const { onRowsShown } = p;
  useEffect(() => {
    if (last > first) onRowsShown(first, last);
  }, [first, last, p.rows, onRowsShown]);

  const selected = p.selected;
  const toggle = useRef((_id: number, _on: boolean) => {});
  toggle.current = (id, on) => {
    if (!selected) return;
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    p.onSelect([...next]);
  };
  const onToggle = useRef((id: number, on: boolean) => toggle.current(id, on)).current;
  const allChecked = !!selected && p.rows.length > 0 && selected.size >= p.rows.length && p.rows.every((r) => selected.has(r.id));
  const someChecked = !!selected && selected.size > 0 && !allChecked;
  const headerBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (headerBox.current) headerBox.current.indeterminate = someChecked;
  }, [someChecked]);

  const pins = useMemo(() => pinsOf(p.columns, !!selected), [p.columns, selected]);
  layout.current = { columns: p.columns, pins, start: selected ? SELECT_WIDTH : 0, actions: p.actions?.width ?? 0 };
  const width = (selected ? SELECT_WIDTH : 0) + p.columns.reduce((s, c) => s + c.width, 0) + (p.actions?.width ?? 0);
  const headerSort = (key: string) => {
    const s = p.sort;
    // the spreadsheet cycle: ascending, descending, unsorted
    p.onSort(s?.key !== key ? { key, desc: false } : !s.desc ? { key, desc: true } : null);
  };

  // Rows are keyed by slot, not by project: a row scrolled out lends its DOM to the row scrolled in, and a
  // keystroke's new list updates the text of the rows on screen instead of building them again.
  const slots = last - first;
  const shown: ReactNode[] = [];
  for (let slot = 0; slot < slots; slot++) {
    const i = first + ((slot - (first % slots) + slots) % slots);
    const row = p.rows[i]!;
    shown.push(
      <GridRow
        key={slot} row={row} index={i} version={p.rowVersion(row.id)} columns={p.columns} pins={pins} cell={p.cell}
        label={p.rowLabel(row)} actions={p.actions} selectable={!!selected} checked={!!selected?.has(row.id)}
        activeCol={p.active?.id === row.id ? p.active.col : null}
        onToggle={onToggle} onCellClick={p.onCellClick} onCellDoubleClick={p.onCellDoubleClick}
      />,
    );
  }

  return (
    <div
      ref={scroller}
      className="lg-scroller"
      role="grid"
      aria-rowcount={p.rows.length + 1}
      aria-colcount={p.columns.length + (selected ? 1 : 0) + (p.actions ? 1 : 0)}
      style={{ height: bodyHeight + ROW_HEIGHT }}
      onScroll={(e) => setTop(e.currentTarget.scrollTop)}
    >
      <div role="row" className="lg-row lg-header" aria-rowindex={1} style={{ width }}>
        {selected && (
          <div role="columnheader" className="lg-cell lg-pin-left lg-check" style={{ width: SELECT_WIDTH }}>
            <input
              ref={headerBox} type="checkbox" checked={allChecked} aria-label="全选"
              disabled={p.rows.length === 0}
              onChange={(e) => p.onSelect(e.target.checked ? p.rows.map((r) => r.id) : [])}
            />
          </div>
        )}
        {p.columns.map((col, c) => {
          const dir = p.sort?.key === col.key ? (p.sort.desc ? 'descending' : 'ascending') : undefined;
          return (
            <div
              key={col.key} role="columnheader" aria-sort={dir ?? 'none'} data-col={col.key} title={`按“${col.title}”排序`}
              className={`${cellClass(col, pins[c]!)} lg-sortable${dir ? ' lg-sorted' : ''}`}
              style={cellStyle(col, pins[c]!)}
              onClick={() => headerSort(col.key)}
            >
              {col.title}
              <span aria-hidden className="lg-sort-mark">{dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '⇅'}</span>
            </div>
          );
        })}
        {p.actions && (
          <div role="columnheader" className="lg-cell lg-pin-right" style={{ width: p.actions.width }}>{p.actions.title}</div>
        )}
      </div>
      <div className="lg-body" style={{ height: Math.max(p.rows.length * ROW_HEIGHT, ROW_HEIGHT * 3), width }}>
        {shown}
        {p.rows.length === 0 && (
          <div className="lg-empty" style={{ width: Math.min(width, 900) }}>{p.loading ? '正在读取台账…' : p.empty}</div>
        )}
      </div>
    </div>
  );
}));
