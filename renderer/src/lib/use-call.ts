import { useCallback, useEffect, useState } from 'react';
import type { Channel } from '../../../shared/ipc/channels.ts';
import type { In, Out } from '../../../shared/ipc/contract.ts';
import { ApiError, call } from './api.ts';

/**
 * Loads a channel's data and reloads on demand; errors are kept for display, never thrown. With `enabled` false
 * nothing is asked (loading stays true) until it turns true.
 */
export function useCall<C extends Channel>(channel: C, input: In<C>, deps: unknown[] = [], enabled = true) {
  const [data, setData] = useState<Out<C> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const key = JSON.stringify(input);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await call(channel, JSON.parse(key) as In<C>));
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('INTERNAL', String(e)));
    } finally {
      setLoading(false);
    }
  }, [channel, key, ...deps]);
  useEffect(() => {
    if (enabled) void reload();
  }, [reload, enabled]);
  return { data, error, loading, reload };
}
