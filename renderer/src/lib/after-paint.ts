/**
 * Work put off until the browser has painted what is on screen: a page's first rows show without waiting for what
 * sits below them or for what the clerk has not reached yet.
 */
import { useEffect, useState } from 'react';

/** Runs `fn` once the next frame has been painted (a timeout queued in the animation frame); returns its cancel. */
export function afterPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** False until `ready` has been true through a painted frame; then true for good. */
export function usePaintedOnce(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => (ready && !painted ? afterPaint(() => setPainted(true)) : undefined), [ready, painted]);
  return painted;
}
