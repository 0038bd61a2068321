import { describe, expect, it } from 'vitest';
import {
  CollatedValues,
  compareCodes,
  compareLedgerPlaces,
  compareValues,
  type SortValue,
} from '../../shared/domain/collate.ts';

describe('ledger sort order', () => {
  it('collates Chinese by pinyin, numbers inside text by value, blanks last', () => {
    expect(['张庄', '安居', null, '第10号', '', '第9号', '北关'].sort(compareValues)).toEqual([
      '安居',
      '北关',
      '第9号',
      '第10号',
      '张庄',
      null,
      '',
    ]);
    expect([30, 4, null, 100].sort(compareValues)).toEqual([4, 30, 100, null]);
  });
  it('remembers collated values and merges new ones into the same order', () => {
    const c = new CollatedValues();
    const order = (vals: SortValue[]) => {
      const rank = c.ranks(vals);
      return [...vals].sort((a, b) => rank.get(a)! - rank.get(b)!);
    };
    expect(order(['张庄', '安居', '第10号'])).toEqual(['安居', '第10号', '张庄']);
    const more = ['张庄', '北关', '安居', '阿里', '第9号', '第10号', '周村'];
    expect(order(more)).toEqual([...more].sort(compareValues));
  });
  it('编号: number parts by value, text by pinyin, no 编号 first', () => {
    expect(['X-1', 'X-10', 'X-2', 'X-2-1'].sort(compareCodes)).toEqual(['X-1', 'X-2', 'X-2-1', 'X-10']);
    expect(['2017-01-10', '2017-01-02', '2017-10', '2017-9'].sort(compareCodes)).toEqual([
      '2017-01-02',
      '2017-01-10',
      '2017-9',
      '2017-10',
    ]);
    expect(['张庄-2', null, '安居-10', '张庄-10', '安居-9', ''].sort(compareCodes)).toEqual([
      null,
      '',
      '安居-9',
      '安居-10',
      '张庄-2',
      '张庄-10',
    ]);
  });
  it("a project's place: 排序 first, then 编号, then id", () => {
    const at = (sort: number, code: string | null, id: number) => ({ sort, code, id });
    const places = [at(0, 'X-10', 1), at(1, 'X-1', 2), at(0, 'X-2', 3), at(0, 'X-2', 0), at(0, null, 9)];
    expect(places.sort(compareLedgerPlaces).map((p) => p.id)).toEqual([9, 0, 3, 1, 2]);
  });
});
