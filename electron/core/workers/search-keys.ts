/**
 * Pinyin search keys for many projects at once, computed on another core while the caller goes on (an import
 * validates its rows meanwhile): pinyin of 10,000 names and locations costs about a second on an office PC.
 * The answer is keyed by the exact text it was computed from, so a caller whose text changed afterwards (a name
 * trimmed by validation) simply finds no key and computes that one itself.
 */
import { storedSearchKey, type Searchable } from '../../../shared/domain/search.ts';
import { spawnModuleWorker } from './spawn-worker.ts';

/** Below this a worker's start-up (loading the pinyin dictionary) costs more than the keys. */
const WORKER_FROM = 1000;

export type SearchKeys = ReadonlyMap<string, string>;

export const searchKeySource = (s: Searchable): string => `${s.name}\u0001${s.code ?? ''}\u0001${s.location ?? ''}`;

function inline(items: Searchable[]): SearchKeys {
  return new Map(items.map((s) => [searchKeySource(s), storedSearchKey(s)]));
}

/** Never rejects: if the worker fails, the keys are computed here. */
export function searchKeysOffThread(items: Searchable[]): Promise<SearchKeys> {
  if (items.length < WORKER_FROM) return Promise.resolve(inline(items));
  return new Promise<SearchKeys>((resolve) => {
    const worker = spawnModuleWorker('search-key-worker', import.meta.url);
    let settled = false;
    const finish = (keys: SearchKeys) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      resolve(keys);
    };
    worker.once('message', (m: { keys: string[] }) => finish(new Map(items.map((s, i) => [searchKeySource(s), m.keys[i]!]))));
    // Only while no answer came: the exit that follows our own terminate() must not compute every key again here
    // (it did, on the main thread, after every import — the argument was evaluated before finish looked).
    const fallBack = () => {
      if (!settled) finish(inline(items));
    };
    worker.once('error', fallBack);
    worker.once('exit', fallBack);
    worker.postMessage({ id: 1, items: items.map((s) => ({ name: s.name, code: s.code ?? null, location: s.location ?? null })) });
  });
}
