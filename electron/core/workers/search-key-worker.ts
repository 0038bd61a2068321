/** Worker entry: the stored pinyin search keys of a list of projects (name, code, location), one job per list. */
import type { Searchable } from '../../../shared/domain/search.ts';
import { storedSearchKey } from '../search-key.ts';
import { serveJobs } from './job-worker.ts';

serveJobs((items: Searchable[]) => items.map(storedSearchKey));
