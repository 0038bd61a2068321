import { describe, expect, it } from 'vitest';
import { decoder, encoder, newLayout } from '../../electron/core/services/figure-codec.ts';
import type { ProjectFigures } from '../../shared/schemas/figures.ts';

const light = (reason: string) => ({
  dimension: '节点' as const,
  level: 'red' as const,
  value: 398,
  threshold: 15,
  rule: '节点逾期为黄，逾期15天及以上为红',
  reason,
});
const figures = (id: number, extra: Record<string, unknown> = {}) =>
  ({
    id,
    code: `X-${id}`,
    name: `项目${id}`,
    parentId: null,
    isParent: false,
    category: '产业发展',
    subcategory: null,
    stageGroup: '加快建设',
    nature: '新建',
    scope: '内容',
    location: '镇区',
    status: '在建',
    yearFrom: 2017,
    yearTo: null,
    planStart: '2017-01-01',
    planEnd: null,
    actStart: null,
    actEnd: null,
    leaderName: '蔡卫',
    leadOrgName: null,
    responsibleOrgNames: ['城建办', '水利站'],
    totalFen: 123_456_789,
    partsTotalFen: null,
    partsDiffFen: -5,
    priorFen: 0,
    yearPlanFen: 0,
    monthFen: 1,
    ytdFen: 2,
    cumFen: 3,
    ytdPct: 12.5,
    timeSharePct: null,
    report:
      id % 2
        ? { imageText: '主体施工', imagePct: 40, issues: null, nextSteps: '继续', needs: null, state: '已报送' }
        : null,
    lights: [light(`逾期 ${id} 天`)],
    level: 'red',
    levelReason: `逾期 ${id} 天`,
    flags: id % 3 ? [] : ['累计超总投资'],
    ...extra,
  }) as unknown as ProjectFigures;

describe('figure codec', () => {
  it('gives back every field of every project, repeated words kept once', () => {
    const all = [1, 2, 3, 4, 5].map((id) => figures(id));
    const layout = newLayout(all[0]);
    const encode = encoder(layout);
    const rows = all.map(encode);
    const decode = decoder(JSON.parse(JSON.stringify(layout)));
    expect(rows.map(decode)).toEqual(all);
    expect(layout.words.filter((w) => w === '节点逾期为黄，逾期15天及以上为红')).toHaveLength(1);
    expect(rows.join('')).not.toContain('节点逾期为黄');
  });

  it('writes the 灯色原因 as the place of the light it repeats, and gives back frozen records sharing short word lists', () => {
    const own = figures(1);
    const parent = figures(2, { isParent: true, levelReason: '子项目“项目3”：逾期 3 天', level: 'red' });
    const layout = newLayout(own);
    const encode = encoder(layout);
    const rows = [own, parent].map(encode);
    expect(rows[0]).not.toContain('逾期 1 天”');
    expect(rows[0]!.split('逾期 1 天')).toHaveLength(2); // once, in the light
    expect(rows[1]).toContain('子项目“项目3”');
    const decode = decoder(JSON.parse(JSON.stringify(layout)));
    const [a, b] = rows.map(decode);
    expect([a, b]).toEqual([own, parent]);
    expect(
      Object.isFrozen(a) &&
        Object.isFrozen(a!.lights) &&
        Object.isFrozen(a!.lights[0]) &&
        Object.isFrozen(a!.responsibleOrgNames),
    ).toBe(true);
    expect(decode(encode(figures(4))).flags).toBe(decode(encode(figures(5))).flags); // [] once
    expect(() => (a!.flags as string[]).push('x')).toThrow();
  });

  it('reads a layout written before the 灯色原因 had its own way (as text)', () => {
    const own = figures(7);
    const layout = newLayout(own);
    layout.kinds[layout.keys.indexOf('levelReason')] = 'raw' as never;
    const row = encoder(layout)(own);
    expect(row).toContain('"逾期 7 天",[');
    expect(decoder(layout)(row)).toEqual(own);
  });

  it('carries a field it does not know as it is, and words met later are added to the list', () => {
    const first = figures(1, { newField: { a: [1, '二'] } });
    const layout = newLayout(first);
    const encode = encoder(layout);
    const row1 = encode(first);
    const later = figures(2, { newField: null, category: '新的类别' });
    const row2 = encode(later);
    const decode = decoder(layout);
    expect(decode(row1)).toEqual(first);
    expect(decode(row2)).toEqual(later);
  });
});
