import { describe, expect, it } from 'vitest';
import { matchesQuery, normaliseQuery } from '../../shared/domain/search.ts';
import { searchKey } from '../../electron/core/search-key.ts';

const key = searchKey({ name: '蒲州镇商业街工程', code: '2017-01', location: '蒲州镇区' });
const match = (q: string) => matchesQuery(key, normaliseQuery(q));

describe('ledger search', () => {
  it('matches name, code and location as typed', () => {
    expect(match('商业街')).toBe(true);
    expect(match('2017-01')).toBe(true);
    expect(match('镇区')).toBe(true);
    expect(match('停车场')).toBe(false);
  });
  it('matches pinyin initials and full pinyin, case-insensitive and ignoring spaces', () => {
    expect(match('pzz')).toBe(true);
    expect(match('PZZ')).toBe(true);
    expect(match('syj')).toBe(true);
    expect(match('puzhou')).toBe(true);
    expect(match('pu zhou zhen')).toBe(true);
    expect(match('shangyejie')).toBe(true);
    expect(match('xyz')).toBe(false);
  });
  it('does not match across two fields', () => {
    // name ends 工程 (gc), location starts 蒲州 (pz): "gcpz" must not match
    expect(match('gcpz')).toBe(false);
  });
  it('an empty query matches everything', () => {
    expect(match('  ')).toBe(true);
  });
  it('keeps latin letters and digits of mixed names', () => {
    const k = searchKey({ name: 'G208国道A段', code: null, location: null });
    expect(matchesQuery(k, normaliseQuery('g208'))).toBe(true);
    expect(matchesQuery(k, normaliseQuery('gd'))).toBe(true);
  });
});
