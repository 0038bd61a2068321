/**
 * The renderer's reads, on TanStack Query (a kept library in place of the home-made use-call hook): one cache entry
 * per channel + input, so two panels asking the same thing share one call and an answer that comes after a newer
 * question is dropped; after a write the page names the channels it changed (`useRefresh()`), and every view of
 * them on screen asks again.
 */
import { keepPreviousData, QueryClient, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Channel } from '../../../shared/ipc/channels.ts';
import type { In, Out } from '../../../shared/ipc/contract.ts';
import { ApiError, call } from './api.ts';

/** The one client of the window (main.tsx); tests make their own. */
export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The core answered with a Chinese message (or the connection is gone): asking again would only delay it.
        retry: false,
        // A desktop window gains and loses focus all day; the pages ask again after their own writes instead.
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        // A page opened again asks the core and shows its spinner, never an earlier visit's figures: imports,
        // restores and other pages' writes change what it showed without naming its channels.
        gcTime: 0,
        // Every answer is a new object, as with the hook this replaced: an editor that resets from the data
        // (ListEditor) resets after a save even when the saved rows read back the same.
        structuralSharing: false,
        // A page's reads go to the core as the page renders, not in an effect after its whole first render: the core
        // answers while antd builds the page's frame (on the county's 资金 page the frame took 75–160 ms before the
        // question left). TanStack's own fetch-in-render, made for `useQuery().promise`; nothing else changes.
        experimental_prefetchInRender: true,
      },
    },
  });
}

/** The cache key of a channel's answers: [channel] names all of them (for invalidation), [channel, input] one. */
export function channelKey<C extends Channel>(channel: C, input?: In<C>, ...also: unknown[]): unknown[] {
  return input === undefined ? [channel] : [channel, input, ...also];
}

export interface ChannelQueryOptions {
  /** false: nothing is asked until it turns true (the query stays pending). */
  enabled?: boolean;
  /** More of the key besides the input: the page asks again when one of these changes. */
  also?: unknown[];
  /** Asked again this often while shown (an answer that changes with the clock alone, as the U盘 reminder's). */
  refetchEveryMs?: number;
}

/**
 * A channel's answer for `input`; an error is kept for display (an ApiError with the core's message), never thrown.
 * While another input is asked the last answer stays on screen (the table shows its spinner over it).
 */
export function useChannelQuery<C extends Channel>(
  channel: C,
  input: In<C>,
  options: ChannelQueryOptions = {},
): UseQueryResult<Out<C>, ApiError> {
  return useQuery<Out<C>, ApiError>({
    queryKey: channelKey(channel, input, ...(options.also ?? [])),
    queryFn: async () => {
      try {
        return await call(channel, input);
      } catch (e) {
        throw e instanceof ApiError ? e : new ApiError('INTERNAL', String(e));
      }
    },
    enabled: options.enabled ?? true,
    refetchInterval: options.refetchEveryMs ?? false,
    placeholderData: keepPreviousData,
  });
}

/**
 * After a write: every answer of these channels is out of date, and those on screen are asked again. Resolves
 * once they have come (a failed one shows its error where it is displayed).
 */
export function useRefresh(): (...channels: Channel[]) => Promise<void> {
  const client = useQueryClient();
  return useCallback(
    async (...channels: Channel[]) => {
      await Promise.all(channels.map((c) => client.invalidateQueries({ queryKey: channelKey(c) })));
    },
    [client],
  );
}
