import { useEffect, useState } from 'react';

/**
 * The height left for a windowed table body: the window's height less what sits above and below it (`offset`),
 * at least 300 px; follows the window when it is resized. Virtual tables need a number, not a CSS calc().
 */
export function useTableHeight(offset: number) {
  const [h, setH] = useState(() => Math.max(300, window.innerHeight - offset));
  useEffect(() => {
    const on = () => setH(Math.max(300, window.innerHeight - offset));
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, [offset]);
  return h;
}
