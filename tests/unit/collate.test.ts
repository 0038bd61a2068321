import { describe, expect, it } from 'vitest';
import { CollatedValues, compareValues, type SortValue } from '../../shared/domain/collate.ts';

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
});
