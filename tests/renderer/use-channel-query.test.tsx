// @vitest-environment happy-dom
import { act, render, renderHook, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/src/lib/api.ts';
import { channelKey, useChannelQuery, useRefresh } from '../../renderer/src/lib/use-channel-query.ts';
import { coreWithQueries } from './core-with-queries.tsx';

const fx = coreWithQueries();

describe('useChannelQuery: a channel read through TanStack Query, on a real core', () => {
  it('is fetching from the first render, then holds what the core answers', async () => {
    await fx.bridge.t.ok('orgs:save', { name: '县住建局', level: '县', kind: '县直部门' });
    const { result } = renderHook(() => useChannelQuery('orgs:list', {}), { wrapper: fx.wrapper });
    expect(result.current.isFetching).toBe(true);
    expect(result.current.data).toBeUndefined();
    await waitFor(() => expect(result.current.isFetching).toBe(false));
    expect(result.current.error).toBeNull();
    expect(result.current.data).toEqual(await fx.bridge.t.ok('orgs:list', {}));
    expect(result.current.data!.map((o) => o.name)).toContain('县住建局');
  });

  it('asks the core as the page renders, before the page’s children render and before any effect', async () => {
    const seenByChild: string[][] = [];
    const seenByEffect: string[][] = [];
    function Child() {
      seenByChild.push([...fx.bridge.asked]);
      return null;
    }
    function Page() {
      const q = useChannelQuery('orgs:list', {});
      useEffect(() => {
        seenByEffect.push([...fx.bridge.asked]);
      }, []);
      return q.data ? <p>{q.data.length}</p> : <Child />;
    }
    render(<Page />, { wrapper: fx.wrapper });
    // The question left during Page's render: the core works on it while the rest of the page is built.
    expect(seenByChild[0]).toEqual(['orgs:list']);
    expect(seenByEffect[0]).toEqual(['orgs:list']);
    await waitFor(() => expect(document.querySelector('p')).not.toBeNull());
    expect(fx.bridge.asked).toEqual(['orgs:list']);
  });

  it('keeps the core’s refusal as an ApiError with its Chinese message and code, asked once (no retry)', async () => {
    const { result } = renderHook(() => useChannelQuery('projects:get', { id: 987654 }), { wrapper: fx.wrapper });
    await waitFor(() => expect(result.current.error).not.toBeNull());
    expect(result.current.error).toBeInstanceOf(ApiError);
    expect(result.current.error!.code).toBe('NOT_FOUND');
    expect(result.current.error!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(result.current.data).toBeUndefined();
    expect(fx.bridge.asked.filter((c) => c === 'projects:get')).toHaveLength(1);
  });

  it('turns a broken connection into an INTERNAL ApiError naming it', async () => {
    window.api.invoke = () => Promise.reject(new Error('socket closed'));
    const { result } = renderHook(() => useChannelQuery('orgs:list', {}), { wrapper: fx.wrapper });
    await waitFor(() => expect(result.current.error).not.toBeNull());
    expect(result.current.error!.code).toBe('INTERNAL');
    expect(result.current.error!.message).toContain('与程序核心的连接中断');
  });

  it('asks once for two views of the same channel and input, and again for another input', async () => {
    const { result } = renderHook(
      () =>
        [
          useChannelQuery('staff:list', { active: true }),
          useChannelQuery('staff:list', { active: true }),
          useChannelQuery('staff:list', { active: null }),
        ] as const,
      { wrapper: fx.wrapper },
    );
    await waitFor(() => expect(result.current.every((q) => q.isSuccess)).toBe(true));
    expect(fx.bridge.asked.filter((c) => c === 'staff:list')).toHaveLength(2);
  });

  it('asks nothing while disabled, and asks once enabled', async () => {
    const { result, rerender } = renderHook(
      ({ on }: { on: boolean }) => useChannelQuery('orgs:list', {}, { enabled: on }),
      { wrapper: fx.wrapper, initialProps: { on: false } },
    );
    await new Promise((ok) => setTimeout(ok, 50));
    expect(fx.bridge.asked).not.toContain('orgs:list');
    expect(result.current.isPending).toBe(true);
    expect(result.current.isFetching).toBe(false);
    rerender({ on: true });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(fx.bridge.asked.filter((c) => c === 'orgs:list')).toHaveLength(1);
  });

  it('keeps the last answer on screen while another input is asked, then shows the new one', async () => {
    await fx.bridge.t.ok('orgs:save', { name: '县住建局', level: '县', kind: '县直部门' });
    const orgId = (await fx.bridge.t.ok('orgs:list', {}))[0]!.id;
    await fx.bridge.t.ok('staff:save', { name: '在任甲', title: '干事', orgId, active: true });
    await fx.bridge.t.ok('staff:save', { name: '离任乙', title: '干事', orgId, active: false, until: '2017-06-30' });
    const { result, rerender } = renderHook(
      ({ active }: { active: boolean | null }) => useChannelQuery('staff:list', { active }),
      { wrapper: fx.wrapper, initialProps: { active: true as boolean | null } },
    );
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data!.map((s) => s.name)).toEqual(['在任甲']);
    const release = fx.bridge.hold();
    rerender({ active: null });
    await waitFor(() => expect(result.current.isFetching).toBe(true));
    expect(result.current.isPlaceholderData).toBe(true);
    expect(result.current.data!.map((s) => s.name)).toEqual(['在任甲']);
    release();
    await waitFor(() => expect(result.current.isPlaceholderData).toBe(false));
    expect(result.current.data!.map((s) => s.name).sort()).toEqual(['在任甲', '离任乙'].sort());
  });

  it('asks again when a key part besides the input changes (`also`)', async () => {
    const { result, rerender } = renderHook(
      ({ doc }: { doc: string }) => useChannelQuery('orgs:list', {}, { also: [doc] }),
      { wrapper: fx.wrapper, initialProps: { doc: 'card' } },
    );
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    rerender({ doc: 'briefing' });
    await waitFor(() => expect(fx.bridge.asked.filter((c) => c === 'orgs:list')).toHaveLength(2));
  });

  it('a page opened again asks the core again instead of showing an earlier visit’s answer', async () => {
    const first = renderHook(() => useChannelQuery('orgs:list', {}), { wrapper: fx.wrapper });
    await waitFor(() => expect(first.result.current.isSuccess).toBe(true));
    expect(first.result.current.data).toEqual([]);
    first.unmount();
    await new Promise((ok) => setTimeout(ok, 10)); // the unobserved answer is dropped (gcTime 0)
    await fx.bridge.t.ok('orgs:save', { name: '县住建局', level: '县', kind: '县直部门' });
    const again = renderHook(() => useChannelQuery('orgs:list', {}), { wrapper: fx.wrapper });
    expect(again.result.current.data).toBeUndefined();
    await waitFor(() => expect(again.result.current.isSuccess).toBe(true));
    expect(again.result.current.data!.map((o) => o.name)).toEqual(['县住建局']);
  });

  it('every answer is a new object, so an editor reset from it resets after a save that reads back the same', async () => {
    const { result } = renderHook(() => ({ q: useChannelQuery('orgs:list', {}), refresh: useRefresh() }), {
      wrapper: fx.wrapper,
    });
    await waitFor(() => expect(result.current.q.isSuccess).toBe(true));
    const before = result.current.q.data;
    await act(() => result.current.refresh('orgs:list'));
    await waitFor(() => expect(result.current.q.data).not.toBe(before));
    expect(result.current.q.data).toEqual(before);
  });
});

describe('useRefresh: after a write, the channels it changed are asked again', () => {
  it('refreshes every input of the named channel on screen and resolves once they have come; other channels stay', async () => {
    const { result } = renderHook(
      () => ({
        orgs: useChannelQuery('orgs:list', {}),
        staff: useChannelQuery('staff:list', { active: true }),
        refresh: useRefresh(),
      }),
      { wrapper: fx.wrapper },
    );
    await waitFor(() => expect(result.current.orgs.isSuccess && result.current.staff.isSuccess).toBe(true));
    expect(result.current.orgs.data).toEqual([]);
    await fx.bridge.t.ok('orgs:save', { name: '县住建局', level: '县', kind: '县直部门' });
    const staffAsked = fx.bridge.asked.filter((c) => c === 'staff:list').length;
    await act(() => result.current.refresh('orgs:list'));
    // resolved once the answer is in the cache; the views draw it a moment later (TanStack batches its notices)
    expect((fx.client.getQueryData(channelKey('orgs:list', {})) as { name: string }[]).map((o) => o.name)).toEqual([
      '县住建局',
    ]);
    await waitFor(() => expect(result.current.orgs.data!.map((o) => o.name)).toEqual(['县住建局']));
    expect(fx.bridge.asked.filter((c) => c === 'staff:list')).toHaveLength(staffAsked);
  });

  it('names every answer of a channel by [channel], one of them by [channel, input]', () => {
    expect(channelKey('orgs:list')).toEqual(['orgs:list']);
    expect(channelKey('staff:list', { active: true })).toEqual(['staff:list', { active: true }]);
    expect(channelKey('reports:options', { period: '2017-09' }, 'card')).toEqual([
      'reports:options',
      { period: '2017-09' },
      'card',
    ]);
  });
});
