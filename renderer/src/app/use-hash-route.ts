import { useCallback, useEffect, useState } from 'react';

const read = () => decodeURIComponent(window.location.hash.replace(/^#\/?/, '')) || '';

export function useHashRoute(fallback: string): [string, (route: string) => void] {
  const [route, setRoute] = useState(() => read() || fallback);
  useEffect(() => {
    const on = () => setRoute(read() || fallback);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, [fallback]);
  const go = useCallback((r: string) => {
    window.location.hash = `#/${r}`;
  }, []);
  return [route, go];
}
