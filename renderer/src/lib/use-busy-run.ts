/**
 * A page's action run one at a time: `busy` while it runs (its buttons show loading), and its failure as the page's
 * one error message, cleared when the next action starts. What the collection, import, export and county pages
 * each wrote out for themselves.
 */
import { useCallback, useState } from 'react';

export function useBusyRun() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
