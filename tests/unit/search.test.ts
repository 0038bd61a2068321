import { describe, expect, it } from 'vitest';
import { matchesName, matchesQuery, normaliseQuery } from '../../shared/domain/search.ts';
import { namePinyin, searchKey } from '../../electron/core/search-key.ts';
import { filterByName, staffOption } from '../../renderer/src/lib/options.ts';

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

describe('unit and person pickers (namePinyin, matchesName)', () => {
  const zhou = staffOption({ id: 7, name: '周志强', title: '副镇长', pinyin: namePinyin('周志强') });
  it('find a person by initials, full pinyin, the name or the post as typed', () => {
    for (const q of ['zzq', 'ZZQ', 'zhouzhiqiang', 'zhou zhi', '周志', '副镇长', ''])
      expect(filterByName(q, zhou), q).toBe(true);
    for (const q of ['qz', 'lxf', '李', 'zhouqiang']) expect(filterByName(q, zhou), q).toBe(false);
  });
  it('find a unit by the initials of its name; a vocabulary option without pinyin by its text only', () => {
    const unit = namePinyin('蒲州镇城建办');
    expect(matchesName('蒲州镇城建办', unit, 'cjb')).toBe(true);
    expect(matchesName('蒲州镇城建办', unit, 'pzzcjb')).toBe(true);
    expect(matchesName('在建', undefined, 'zj')).toBe(false);
    expect(matchesName('在建', undefined, '在')).toBe(true);
  });
});
