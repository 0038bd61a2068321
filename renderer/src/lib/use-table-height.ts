/**
 * The body height of a virtual antd Table, in pixels (a virtual table needs a number, not calc()): the window's
 * inner height less what the page draws above and below the table, never under 240 px; follows window resizes.
 */
import { useEffect, useState } from 'react';

export function useTableHeight(offsetPx: number): number {
  const measure = () => Math.max(240, window.innerHeight - offsetPx);
  const [heightPx, setHeightPx] = useState(measure);
  useEffect(() => {
    const on = () => setHeightPx(measure());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, [offsetPx]);
  return heightPx;
}
