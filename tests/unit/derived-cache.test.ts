/**
 * The derived-figures cache on lru-cache, on a real SQLite file: a null value is kept like any other (lru-cache keeps
 * no null, so values are boxed), the least recently USED entry goes first when full (a read keeps an entry), and any
 * write empties it.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/connection.ts';
import { cached } from '../../electron/core/services/derived-cache.ts';
import { cleanupAll, tempDir } from '../helpers/temp-core.ts';

afterEach(cleanupAll);

function counting() {
  const computed: string[] = [];
  const clock = { now: new Date(2017, 9, 5, 9, 0) }; // local time, as the ledger's clock reads its day
  const get = (db: ReturnType<typeof openDatabase>, key: string, value: unknown = key) =>
    cached({ db, now: () => clock.now }, key, () => (computed.push(key), value));
  return { computed, get, clock };
}

describe('derived cache (lru-cache)', () => {
  it('keeps a null figure, evicts the least recently used of 9, and empties on a write', () => {
    const { dir } = tempDir();
    const db = openDatabase(join(dir, 'cache.db'));
    try {
      db.sqlite.exec('CREATE TABLE t (x INTEGER)');
      const { computed, get } = counting();
      expect(get(db, 'none', null)).toBeNull();
      expect(get(db, 'none', 'other')).toBeNull();
      expect(computed).toEqual(['none']);

      for (let i = 1; i <= 7; i++) get(db, `p${i}`); // 8 entries: full
      get(db, 'none'); // used again: now p1 is the least recently used
      get(db, 'p8'); // a ninth: p1 goes
      computed.length = 0;
      get(db, 'none');
      get(db, 'p2');
      expect(computed).toEqual([]);
      get(db, 'p1');
      expect(computed).toEqual(['p1']);

      db.sqlite.exec('INSERT INTO t VALUES (1)');
      computed.length = 0;
      get(db, 'p2');
      expect(computed).toEqual(['p2']);
    } finally {
      db.sqlite.close();
    }
  });

  it('empties when the ledger clock passes midnight: what was judged by yesterday is not served today', () => {
    const { dir } = tempDir();
    const db = openDatabase(join(dir, 'cache.db'));
    try {
      const { computed, get, clock } = counting();
      get(db, 'figures');
      clock.now = new Date(2017, 9, 5, 23, 59, 59);
      get(db, 'figures');
      expect(computed).toEqual(['figures']);
      clock.now = new Date(2017, 9, 6, 0, 0, 1);
      get(db, 'figures');
      expect(computed).toEqual(['figures', 'figures']);
    } finally {
      db.sqlite.close();
    }
  });
});
