/**
 * Pinyin search keys for many projects at once, computed on another core while the caller goes on (an import
 * validates its rows meanwhile): pinyin of 10,000 names and locations costs about a second on an office PC.
 * The answer is keyed by the exact text it was computed from, so a caller whose text changed afterwards (a name
 * trimmed by validation) simply finds no key and computes that one itself.
 */
import { storedSearchKey, type Searchable } from '../../../shared/domain/search.ts';
import { JobWorker } from './job-worker.ts';

/** Below this a worker's start-up (loading the pinyin dictionary) costs more than the keys. */
const WORKER_FROM = 1000;

export type SearchKeys = ReadonlyMap<string, string>;

export const searchKeySource = (s: Searchable): string => `${s.name}\u0001${s.code ?? ''}\u0001${s.location ?? ''}`;

function inline(items: Searchable[]): SearchKeys {
  return new Map(items.map((s) => [searchKeySource(s), storedSearchKey(s)]));
}

/** Never rejects: if the worker fails, the keys are computed here. */
export async function searchKeysOffThread(items: Searchable[]): Promise<SearchKeys> {
  if (items.length < WORKER_FROM) return inline(items);
  // One worker for this list, stopped once it answered: the next import is minutes away.
  const worker = new JobWorker<Searchable[], string[]>('search-key-worker', import.meta.url);
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
