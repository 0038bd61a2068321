import { describe, expect, it } from 'vitest';
import { attainment, targetText } from '../../shared/domain/indicators.ts';
import { byRank, leadingGroupIssues } from '../../shared/domain/leading-group.ts';

describe('attainment', () => {
  it('≥: met at or above the target, otherwise the shortfall', () => {
    expect(attainment('≥', 30, 30)).toEqual({ status: '达标', gap: 0 });
    expect(attainment('≥', 30, 42.5)).toEqual({ status: '达标', gap: 0 });
    expect(attainment('≥', 30, 25.5)).toEqual({ status: '未达标', gap: 4.5 });
  });
  it('≤: met at or below the target', () => {
    expect(attainment('≤', 5, 3)).toEqual({ status: '达标', gap: 0 });
    expect(attainment('≤', 5, 7)).toEqual({ status: '未达标', gap: 2 });
  });
  it('=: any difference is a gap', () => {
    expect(attainment('=', 0, 0)).toEqual({ status: '达标', gap: 0 });
    expect(attainment('=', 0, 3)).toEqual({ status: '未达标', gap: 3 });
    expect(attainment('=', 1, 0.8)).toEqual({ status: '未达标', gap: 0.2 });
  });
  it('float noise does not turn a met target into a miss', () => {
    expect(attainment('≥', 0.3, 0.1 + 0.2)).toEqual({ status: '达标', gap: 0 });
  });
  it('unknown without an actual value, or without a numeric target', () => {
    expect(attainment('≥', 30, null)).toEqual({ status: '未填报', gap: null });
    expect(attainment(null, null, 5)).toEqual({ status: '无量化目标', gap: null });
    expect(attainment(null, 500, 5)).toEqual({ status: '无量化目标', gap: null });
  });
  it('writes the target as people read it', () => {
    expect(targetText('≥', 30, '%', null)).toBe('≥30%');
    expect(targetText(null, null, null, '垃圾日产日清')).toBe('垃圾日产日清');
  });
});

describe('leading group rank', () => {
  it('orders 组长, 常务副组长, 副组长, 成员, 办公室主任, then sort', () => {
    const m = [
      { role: '办公室主任', sort: 1 },
      { role: '成员', sort: 2 },
      { role: '副组长', sort: 9 },
      { role: '副组长', sort: 3 },
      { role: '组长', sort: 7 },
      { role: '常务副组长', sort: 8 },
    ];
    expect(byRank(m).map((x) => `${x.role}${x.sort}`)).toEqual([
      '组长7',
      '常务副组长8',
      '副组长3',
      '副组长9',
      '成员2',
      '办公室主任1',
    ]);
  });
  it('needs exactly one 组长', () => {
    expect(leadingGroupIssues([{ role: '组长', name: '甲' }])).toEqual([]);
    expect(leadingGroupIssues([])).toEqual(['领导小组必须有一名组长']);
    expect(
      leadingGroupIssues([
        { role: '组长', name: '甲' },
        { role: '组长', name: '乙' },
      ])[0],
    ).toMatch(/只能有一名组长/);
    // one post a person
    expect(
      leadingGroupIssues([
        { role: '组长', name: '甲' },
        { role: '常务副组长', name: '乙' },
        { role: '成员', name: '乙' },
      ]),
    ).toEqual(['“乙”在领导小组中只能任一职，现为常务副组长、成员']);
  });
});
