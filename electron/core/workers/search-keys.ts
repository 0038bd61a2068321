/**
 * Pinyin search keys for many projects at once, computed on another core while the caller goes on (an import
 * validates its rows meanwhile): pinyin of 10,000 names and locations costs about a second on an office PC.
 * The answer is keyed by the exact text it was computed from, so a caller whose text changed afterwards (a name
 * trimmed by validation) simply finds no key and computes that one itself.
 */
import type { Searchable } from '../../../shared/domain/search.ts';
import { storedSearchKey } from '../search-key.ts';
import { JobWorker } from './job-worker.ts';

/** Below this a worker's start-up (loading the pinyin dictionary) costs more than the keys. */
const WORKER_FROM = 1000;

export type SearchKeys = ReadonlyMap<string, string>;

export const searchKeySource = (s: Searchable): string => `${s.name}\u0001${s.code ?? ''}\u0001${s.location ?? ''}`;

function inline(items: Searchable[]): SearchKeys {
  return new Map(items.map((s) => [searchKeySource(s), storedSearchKey(s)]));
}

export type SearchKeyWorker = JobWorker<Searchable[], string[]>;

const newWorker = (): SearchKeyWorker => new JobWorker<Searchable[], string[]>('search-key-worker', import.meta.url);

/**
 * A worker started before its list is known: an import starts it as it begins to read a large file, so the
 * pinyin dictionary is loaded on the other core meanwhile (on the 10,000-row county sheet the keys were otherwise
 * waited for, 0.15–0.35 s, after the rows were checked). Whoever starts it stops it (`stop()` twice is harmless).
 */
export function startSearchKeyWorker(): SearchKeyWorker {
  const worker = newWorker();
  worker.warm();
  return worker;
}

/** Never rejects: if the worker fails, the keys are computed here. `started`: a worker already started for them. */
export async function searchKeysOffThread(items: Searchable[], started?: SearchKeyWorker): Promise<SearchKeys> {
  if (items.length < WORKER_FROM) {
    void started?.stop();
    return inline(items);
  }
  // One worker for this list, stopped once it answered: the next import is minutes away.
  const worker = started ?? newWorker();
  try {
    const keys = await worker.run(
      items.map((s) => ({ name: s.name, code: s.code ?? null, location: s.location ?? null })),
    );
    return new Map(items.map((s, i) => [searchKeySource(s), keys[i]!]));
  } catch {
    return inline(items);
  } finally {
    void worker.stop();
  }
}
