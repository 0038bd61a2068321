import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listProjectPage } from '../../electron/core/repositories/project.repository.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore();
});
afterEach(() => t.cleanup());

const make = (code: string, name: string, category: string, totalWan: string) =>
  t.ok('projects:create', { code, name, category, planYear: 2017, location: '镇区', scope: '新建', totalWan, planStart: '2017-03-01', planEnd: '2017-10-31' });

describe('listProjectPage (the grid page query)', () => {
  it('filters by category and name/code text, sorts in SQL, pages, and leaves out the 回收站', async () => {
    await make('A-1', '镇区道路硬化', '基础设施', '300');
    await make('A-2', '西街道路改造', '基础设施', '500');
    await make('A-3', '道路绿化', '公共环境', '900');
    const gone = await make('A-4', '北街道路', '基础设施', '800');
    await make('A_5', '文化广场', '基础设施', '100');
    await t.ok('projects:delete', { id: gone.id });
    const db = t.core.ctx.db;
    const page = (f: Partial<Parameters<typeof listProjectPage>[1]>) => listProjectPage(db, { sort: 'total_fen', desc: true, limit: 10, ...f }).map((r) => r.code);
    expect(page({ category: '基础设施', search: '道路' })).toEqual(['A-2', 'A-1']);
    expect(page({ category: '基础设施', search: '道路', desc: false })).toEqual(['A-1', 'A-2']);
    expect(page({ search: '道路', limit: 1, offset: 1 })).toEqual(['A-2']);
    // LIKE wildcards in the search text are literal.
    expect(page({ search: '_' })).toEqual(['A_5']);
    const [row] = listProjectPage(db, { search: 'A-2', sort: 'code', limit: 1 });
    expect(row).toMatchObject({ name: '西街道路改造', totalFen: 500_000_000, childCount: 0 });
  });
});
