/**
 * An antd Table (the short sheets: 考核, 责任清单, 人员, the lists of the 一项目一档; the long ones are drawn by
 * WindowedGrid.tsx) as an ARIA grid driven by useSheet: the table's own elements become presentation, its rows
 * `row`, its header cells `columnheader` and its cells `gridcell` (with `aria-selected` from the sheet), so screen
 * readers and tests see one grid however antd splits the header from the body. A column joins the sheet through
 * sheetCell/sheetHeader (its position in the sheet); other cells (the check boxes, the actions) stay outside it.
 */
import {
  createContext,
  useContext,
  useLayoutEffect,
  useRef,
  type HTMLAttributes,
  type MouseEvent,
  type TdHTMLAttributes,
  type ThHTMLAttributes,
} from 'react';
import type { Sheet } from './use-sheet.ts';
import { ResizeHandle, type ColumnLayout } from './column-layout.tsx';

export const SheetContext = createContext<Sheet | null>(null);

type CellProps = TdHTMLAttributes<HTMLTableCellElement> & { 'data-r'?: number; 'data-c'?: number };

/** A body cell: a td of the table, with the sheet's selection and cursor drawn on it. */
function SheetCell(props: CellProps) {
  const sheet = useContext(SheetContext);
  const ref = useRef<HTMLTableCellElement>(null);
  // The cell leaves the DOM with its row (a row deleted, the list read again): if it held the keyboard (its input,
  // or itself), the grid takes it before the browser drops it to the page, so arrows, Ctrl+Z and Ctrl+V go on
  // working as in Excel. A layout effect's clean-up runs while the cell is still in the document.
  useLayoutEffect(() => {
    const el = ref.current;
    return () => {
      if (el?.contains(document.activeElement))
        el.closest<HTMLElement>('[role="grid"]')?.focus({ preventScroll: true });
    };
  }, []);
  const r = props['data-r'];
  const c = props['data-c'];
  if (r === undefined || c === undefined || !sheet) return <td role="gridcell" {...props} ref={ref} />;
  const selected = sheet.isSelected(r, c);
  const cursor = sheet.cursor?.row === r && sheet.cursor.col === c;
  const className = [props.className, selected && 'sheet-selected', cursor && 'sheet-cursor'].filter(Boolean).join(' ');
  return <td role="gridcell" {...props} ref={ref} aria-selected={selected} className={className} />;
}

/** A header cell; a sheet column's header carries the drag handle at its right edge (column-layout.tsx). */
function SheetTh({ resize, children, ...props }: ThHTMLAttributes<HTMLTableCellElement> & { resize?: HeaderResize }) {
  return (
    <th role="columnheader" {...props}>
      {children}
      {resize && <ResizeHandle colKey={resize.colKey} width={resize.width} onResize={resize.onResize} />}
    </th>
  );
}

/** What a header needs to be widened by dragging: its column, its width now (measured when not set) and where to report. */
export interface HeaderResize {
  colKey: string;
  width?: number;
  onResize: ColumnLayout['onResize'];
}
const Presentation = (tag: 'table' | 'thead' | 'tbody') =>
  function Part(props: HTMLAttributes<HTMLElement>) {
    const Tag = tag;
    return <Tag {...(props as object)} role="presentation" />;
  };

/** The `components` of a sheet drawn by a plain antd Table (stable: defined once). */
export const SHEET_PLAIN_TABLE_COMPONENTS = {
  table: Presentation('table'),
  header: { wrapper: Presentation('thead'), cell: SheetTh },
  body: { wrapper: Presentation('tbody'), cell: SheetCell },
};

/**
 * The props of a sheet cell: its place, its ARIA state and the mouse habits. `readOnly`: derived or locked.
 * The handlers read the sheet when they run, so a table's columns need not be rebuilt for every cursor move.
 */
export function sheetCell(
  sheetNow: { current: Sheet },
  row: number,
  col: number,
  colIndex: number,
  readOnly: boolean,
): CellProps {
  return {
    'data-r': row,
    'data-c': col,
    'aria-colindex': colIndex,
    'aria-readonly': readOnly || undefined,
    tabIndex: -1,
    onMouseDown: (e: MouseEvent) => {
      // buttons and check boxes in a cell keep their own click
      if ((e.target as HTMLElement).closest('button, a, [role="button"], input[type="checkbox"]')) return;
      sheetNow.current.cellMouseDown(row, col, e);
    },
    onMouseEnter: (e: MouseEvent) => sheetNow.current.cellMouseEnter(row, col, e),
    onDoubleClick: () => sheetNow.current.cellDoubleClick(row, col),
  } as CellProps;
}

/** Header props: a click selects the whole column (Shift+click: up to it), as a spreadsheet's column letter does. */
export const sheetHeader = (sheetNow: { current: Sheet }, col: number, colIndex: number, resize?: HeaderResize) =>
  ({
    resize,
    'aria-colindex': colIndex,
    className: 'sheet-colhead',
    title: '点击选中整列',
    onClick: (e: MouseEvent) => sheetNow.current.selectColumn(col, e.shiftKey),
  }) as ThHTMLAttributes<HTMLTableCellElement>;
