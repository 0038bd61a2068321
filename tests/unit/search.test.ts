import { describe, expect, it } from 'vitest';
import { matchesName, matchesQuery, normaliseQuery } from '../../shared/domain/search.ts';
import { namePinyin, searchKey, vocabularyPinyin } from '../../electron/core/search-key.ts';
import { filterByName, staffOption, vocabOptions } from '../../renderer/src/lib/options.ts';
import { PROJECT_TAGS, SUBCATEGORIES } from '../../shared/domain/vocab.ts';

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
  it("the ledger's 七补齐类别 and 标记 filters find their words by pinyin, with the lookups' vocabPinyin", () => {
    const find = (list: readonly string[], q: string) =>
      vocabOptions(list, vocabularyPinyin())
        .filter((o) => filterByName(q, o))
        .map((o) => o.value);
    expect(find(SUBCATEGORIES, 'gs')).toContain('供水'); // and 健身场所: jianshenchan·gs·uo, as with any name
    expect(find(SUBCATEGORIES, 'gongshui')).toEqual(['供水']);
    expect(find(SUBCATEGORIES, 'ywgw')).toEqual(['雨污管网']);
    expect(find(SUBCATEGORIES, 'paishui')).toEqual(['排水']);
    expect(find(PROJECT_TAGS, 'sjzd')).toEqual(['省级重点', '市级重点']); // shěng and shì: both s
    expect(find(PROJECT_TAGS, 'shengji')).toEqual(['省级重点']);
    expect(find(PROJECT_TAGS, 'yjdb')).toEqual(['以奖代补']);
    expect(find(PROJECT_TAGS, '市级')).toEqual(['市级重点']);
  });
});
