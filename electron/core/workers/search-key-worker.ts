/** Worker entry: the stored pinyin search keys of a list of projects (name, code, location), one message per list. */
import { parentPort } from 'node:worker_threads';
import { storedSearchKey, type Searchable } from '../../../shared/domain/search.ts';

parentPort!.on('message', (msg: { id: number; items: Searchable[] }) => {
  parentPort!.postMessage({ id: msg.id, keys: msg.items.map(storedSearchKey) });
});
