/**
 * A read-only table of figures drawn as a plain `<table>` in antd's small look: pinned columns by CSS `position:
 * sticky`, an optional line under each row opened by the + before it (资金's split by source).
 *
 * Why not antd's Table for such pages: rc-table measures the scroll bar and the sticky support in a layout effect at
 * every mount. That read forced the page's first style recalculation and layout inside React's commit, then set
 * state and rendered the table again — on the county's 资金 page about a third of the first paint. A table that only
 * shows a page of figures needs none of that: the browser pins the columns itself.
 */
import { Pagination, Spin } from 'antd';
import { afterPaint } from '../lib/after-paint.ts';
import { Fragment, useEffect, useRef, useState, type CSSProperties, type Key, type ReactNode } from 'react';
import { roomAtEnd, useViewWidth } from './scroll-by-columns.ts';
import { UnitTitle } from './UnitTitle.tsx';

export interface PlainColumn<T> {
  key: string;
  title: ReactNode;
  /** In px. With a width on every column the table is laid out at those widths and scrolls sideways below them. */
  width?: number;
  align?: 'left' | 'right' | 'center';
  /** Stays in view while the table scrolls sideways (the row's name on the left, its actions on the right). */
  fixed?: 'left' | 'right';
  render: (row: T, index: number) => ReactNode;
}

export interface PlainTableProps<T> {
  columns: readonly PlainColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => Key;
  rowClassName?: (row: T) => string;
  bordered?: boolean;
  /** A spinner over the rows shown while newer ones are read. */
  loading?: boolean;
  /** What opens under a row (a + button before the row; the column is pinned with the left ones). */
  expand?: { render: (row: T) => ReactNode; width: number };
  /** A CSS height: the rows scroll under the header beyond it (a page of 100 projects within the window). */
  maxHeight?: string;
  /** Shown for an answer without rows (else 暂无数据). */
  emptyText?: string;
  /** With maxHeight: the rows scroll back to the top when this changes (another page, another filter). */
  scrollTopOn?: unknown;
  /**
   * At the table's first answer only this many rows are drawn, then as many more each frame (useRowsDrawn): the
   * screenful the clerk sees first does not wait for the rows below it.
   */
  firstRows?: number;
  /** The pages of a longer list the core answers a page at a time: the pager under the table, “共 N 个项目”. */
  pager?: {
    current: number;
    pageSize: number;
    total: number;
    onChange: (page: number) => void;
    noun: string;
    /** what the total counts, when not simply `共 N noun` */
    totalText?: string;
  };
  style?: CSSProperties;
  'data-testid'?: string;
}

/** Where a cell sits: its classes and, for a pinned one, its offset from the table's edge. */
interface Place {
  className: string;
  style?: CSSProperties;
}

export function PlainTable<T>(props: PlainTableProps<T>) {
  const { columns, rows, rowKey, rowClassName, bordered, loading, expand, maxHeight, scrollTopOn, pager } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const drawn = useRowsDrawn(rows.length, props.firstRows);
  const shown = drawn >= rows.length ? rows : rows.slice(0, drawn);
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [scrollTopOn]);
  const [open, setOpen] = useState<ReadonlySet<Key>>(() => new Set());
  const toggle = (key: Key) =>
    setOpen((was) => {
      const next = new Set(was);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  const places = placesOf(columns, expand?.width);
  const allWidths = columns.every((c) => c.width !== undefined);
  const width = allWidths ? columns.reduce((sum, c) => sum + c.width!, expand?.width ?? 0) : undefined;
  // With every width known the table scrolls sideways by whole columns (scroll-by-columns.ts); the room after the
  // last column is the scroller's own padding, so the columns keep their widths.
  const viewWidth = useViewWidth(scroller);
  const room = width === undefined ? 0 : roomAtEnd(places.starts, width, places.frozenLeft, viewWidth);
  const snap: CSSProperties | undefined =
    width === undefined
      ? undefined
      : { scrollPaddingLeft: places.frozenLeft, scrollPaddingRight: places.frozenRight, paddingRight: room };
  const span = columns.length + (expand ? 1 : 0);
  const expandPlace = places.expand;

  const table = (
    <div
      ref={scroller}
      className={`pt-scroll${maxHeight ? ' pt-scroll-y' : ''}${snap ? ` pt-snap${room > 0 ? '' : ' pt-snap-end'}` : ''}`}
      style={{ ...snap, ...(maxHeight ? { maxHeight } : undefined) }}
    >
      <table
        className={`pt${bordered ? ' pt-bordered' : ''}`}
        style={allWidths ? { width, minWidth: '100%', tableLayout: 'fixed' } : { width: '100%' }}
      >
        {allWidths && (
          <colgroup>
            {expand && <col style={{ width: expand.width }} />}
            {columns.map((c) => (
              <col key={c.key} style={{ width: c.width }} />
            ))}
          </colgroup>
        )}
        <thead>
          <tr>
            {expand && <th className={expandPlace!.className} style={expandPlace!.style} aria-label="展开" />}
            {columns.map((c, i) => (
              <th key={c.key} scope="col" className={places.cells[i]!.className} style={places.cells[i]!.style}>
                {typeof c.title === 'string' ? <UnitTitle text={c.title} /> : c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td className="pt-cell pt-empty" colSpan={span}>
                {loading ? '正在读取…' : (props.emptyText ?? '暂无数据')}
              </td>
            </tr>
          )}
          {shown.map((row, index) => {
            const key = rowKey(row);
            const isOpen = open.has(key);
            const extra = rowClassName?.(row);
            return (
              <Fragment key={key}>
                <tr className={extra ? `pt-row ${extra}` : 'pt-row'}>
                  {expand && (
                    <td className={expandPlace!.className} style={expandPlace!.style}>
                      <button
                        type="button"
                        className={`pt-expand${isOpen ? ' pt-expand-open' : ''}`}
                        aria-label={isOpen ? '收起' : '展开'}
                        aria-expanded={isOpen}
                        onClick={() => toggle(key)}
                      />
                    </td>
                  )}
                  {columns.map((c, i) => (
                    <td key={c.key} className={places.cells[i]!.className} style={places.cells[i]!.style}>
                      {c.render(row, index)}
                    </td>
                  ))}
                </tr>
                {expand && isOpen && (
                  <tr className="pt-expanded">
                    <td className="pt-cell" colSpan={span}>
                      {/* Stays at the left edge while the row above scrolls sideways. */}
                      <div className="pt-expanded-body">{expand.render(row)}</div>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
  // Always inside the Spin: a wrapper put in and taken out with `loading` would make the table's elements anew at
  // every reload, losing the clerk's scroll position.
  return (
    <div className="pt-block" data-testid={props['data-testid']} style={props.style}>
      <Spin spinning={!!loading}>{table}</Spin>
      {pager && (
        <Pagination
          className="pt-pager"
          size="small"
          current={pager.current}
          pageSize={pager.pageSize}
          total={pager.total}
          showSizeChanger={false}
          showTotal={(n) => pager.totalText ?? `共 ${n} ${pager.noun}`}
          onChange={pager.onChange}
        />
      )}
    </div>
  );
}

/**
 * How many rows to draw: at the first answer `first`, then `first` more each frame until every row is drawn — each
 * step a short task, so the page answers the clerk's scroll or click between them — and from then on all of them
 * (another answer is drawn whole: the table never shrinks under the clerk's scroll position). Infinity without `first`.
 */
function useRowsDrawn(total: number, first: number | undefined): number {
  const [drawn, setDrawn] = useState(0);
  const whole = first === undefined || drawn === Infinity;
  useEffect(() => {
    if (whole || total === 0) return;
    const next = Math.max(drawn, first) + first;
    return afterPaint(() => setDrawn(next >= total ? Infinity : next));
  }, [whole, total, first, drawn]);
  return whole ? Infinity : Math.max(drawn, first);
}

/**
 * Each cell's classes and sticky offset. The pinned columns are those at the table's edges marked `fixed` (and the
 * expand column when any column is pinned left); the last of the left ones and the first of the right ones carry
 * the edge's shadow.
 */
function placesOf<T>(
  columns: readonly PlainColumn<T>[],
  expandWidth: number | undefined,
): { cells: Place[]; expand?: Place; starts: number[]; frozenLeft: number; frozenRight: number } {
  const pinsLeft = columns.length > 0 && columns[0]!.fixed === 'left';
  let leftEnd = 0;
  while (leftEnd < columns.length && columns[leftEnd]!.fixed === 'left') leftEnd++;
  let rightStart = columns.length;
  while (rightStart > leftEnd && columns[rightStart - 1]!.fixed === 'right') rightStart--;

  const cells: Place[] = columns.map((c) => ({
    className: `pt-cell${c.align === 'right' ? ' pt-right' : c.align === 'center' ? ' pt-center' : ''}`,
  }));
  let left = pinsLeft ? (expandWidth ?? 0) : 0;
  for (let i = 0; i < leftEnd; i++) {
    cells[i] = {
      className: `${cells[i]!.className} pt-pin${i === leftEnd - 1 ? ' pt-pin-left-last' : ''}`,
      style: { left },
    };
    left += columns[i]!.width ?? 0;
  }
  let right = 0;
  for (let i = columns.length - 1; i >= rightStart; i--) {
    cells[i] = {
      className: `${cells[i]!.className} pt-pin${i === rightStart ? ' pt-pin-right-first' : ''}`,
      style: { right },
    };
    right += columns[i]!.width ?? 0;
  }
  // where the scrolling columns start (the expand column scrolls too when nothing is pinned left)
  const starts: number[] = expandWidth !== undefined && !pinsLeft ? [0] : [];
  for (let i = leftEnd, x = left; i < rightStart; x += columns[i]!.width ?? 0, i++) starts.push(x);
  const frames = { cells, starts, frozenLeft: left, frozenRight: right };
  if (expandWidth === undefined) return frames;
  return {
    ...frames,
    expand: { className: `pt-cell pt-center${pinsLeft ? ' pt-pin' : ''}`, style: pinsLeft ? { left: 0 } : undefined },
  };
}
