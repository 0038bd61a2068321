import { describe, expect, it } from 'vitest';
import { decoder, encoder, newLayout } from '../../electron/core/services/figure-codec.ts';
import type { ProjectFigures } from '../../shared/schemas/figures.ts';

const light = (reason: string) => ({ dimension: '节点' as const, level: 'red' as const, value: 398, threshold: 15, rule: '节点逾期为黄，逾期15天及以上为红', reason });
const figures = (id: number, extra: Record<string, unknown> = {}) =>
  ({
    id, code: `X-${id}`, name: `项目${id}`, parentId: null, isParent: false, category: '产业发展', subcategory: null, stageGroup: '加快建设',
    nature: '新建', scope: '内容', location: '镇区', status: '在建', yearFrom: 2017, yearTo: null, planStart: '2017-01-01', planEnd: null,
    actStart: null, actEnd: null, leaderName: '蔡卫', leadOrgName: null, responsibleOrgNames: ['城建办', '水利站'], totalFen: 123_456_789,
    partsTotalFen: null, partsDiffFen: -5, priorFen: 0, yearPlanFen: 0, monthFen: 1, ytdFen: 2, cumFen: 3, ytdPct: 12.5, timeSharePct: null,
    report: id % 2 ? { imageText: '主体施工', imagePct: 40, issues: null, nextSteps: '继续', needs: null, state: '已报送' } : null,
    lights: [light(`逾期 ${id} 天`)], level: 'red', levelReason: `逾期 ${id} 天`, flags: id % 3 ? [] : ['累计超总投资'], ...extra,
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
