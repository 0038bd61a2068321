/** The import's pinyin search keys computed on another core are the keys the main thread would store. */
import { describe, expect, it } from 'vitest';
import { parseStoredSearchKey, matchesQuery, type Searchable } from '../../shared/domain/search.ts';
import { storedSearchKey } from '../../electron/core/search-key.ts';
import { searchKeysOffThread, searchKeySource, startSearchKeyWorker } from '../../electron/core/workers/search-keys.ts';

const villages = ['东王村', '南坡村', '双塔村', '和平村', '重庆路'];
const items: Searchable[] = Array.from({ length: 1200 }, (_, i) => ({
  name: `蒲州镇${villages[i % villages.length]}道路硬化工程（${i}）`,
  code: i % 3 === 0 ? null : `2017-${String(i).padStart(4, '0')}`,
  location: i % 4 === 0 ? null : `蒲州镇${villages[(i + 1) % villages.length]}`,
}));

describe('search keys off the main thread', () => {
  it('a large list goes through the worker and every key equals the main-thread key for the same text', async () => {
    const keys = await searchKeysOffThread(items);
    expect(keys.size).toBe(items.length);
    for (const s of items) expect(keys.get(searchKeySource(s))).toBe(storedSearchKey(s));
    // and the keys find what the search box should find
    expect(matchesQuery(parseStoredSearchKey(keys.get(searchKeySource(items[0]!))!), 'pzzdwc')).toBe(true);
  });

  it('a small list is computed in place, and text changed afterwards finds no key', async () => {
    const few = items.slice(0, 3);
    const keys = await searchKeysOffThread(few);
    expect([...keys.values()]).toEqual(few.map(storedSearchKey));
    expect(keys.get(searchKeySource({ ...few[0]!, name: `${few[0]!.name}（导入副本）` }))).toBeUndefined();
  });

  it('a worker started before its list (an import reading a large file) gives the same keys and is stopped after', async () => {
    const started = startSearchKeyWorker();
    const keys = await searchKeysOffThread(items, started);
    for (const s of items) expect(keys.get(searchKeySource(s))).toBe(storedSearchKey(s));
    // stopped once it answered: a second list would need a new worker, and stopping again is harmless
    expect((started as unknown as { worker: unknown }).worker).toBeNull();
    await started.stop();
  });

  it('a worker started for a list that turns out small is stopped, and the keys are made in place', async () => {
    const started = startSearchKeyWorker();
    const few = items.slice(0, 3);
    expect([...(await searchKeysOffThread(few, started)).values()]).toEqual(few.map(storedSearchKey));
    expect((started as unknown as { worker: unknown }).worker).toBeNull();
  });
});
