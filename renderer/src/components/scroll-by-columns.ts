/**
 * Sideways scrolling by whole columns, as Excel and WPS scroll: a table wider than its window snaps each scrolling
 * column's start to the edge of the frozen columns (CSS scroll snap: global.css .lg-snap and .pt-snap, with
 * scroll-padding-left set to the frozen columns' width), so no column stands half under them — a figure half hidden
 * read cut (8,800.00 as 00.00), a name lost its first characters.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The blank room after the last column that lets the table, scrolled all the way, end on a column start right
 * after the frozen columns (as Excel scrolls past its last column): without it the farthest position cut a column
 * in two. `starts`: where each scrolling column begins, from the table's left edge, in order.
 */
export function roomAtEnd(
  starts: readonly number[],
  contentWidth: number,
  frozenWidth: number,
  viewWidth: number,
): number {
  const farthest = contentWidth - viewWidth;
  if (viewWidth <= 0 || farthest <= 0) return 0;
  const start = starts.find((x) => x - frozenWidth >= farthest);
  return start === undefined ? 0 : start - frozenWidth - farthest;
}

/** The width of the element's window (clientWidth), followed as the window or the page around it changes. */
export function useViewWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const seen = new ResizeObserver(() => setWidth(el.clientWidth));
    seen.observe(el);
    return () => seen.disconnect();
  }, [ref]);
  return width;
}
