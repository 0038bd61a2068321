import { describe, expect, it } from 'vitest';
import { importRowParser, ImportProjectInputSchema } from '../../shared/schemas/project.ts';

/** What a county row becomes through the full schema: the reference the picked parser must match. */
const full = (raw: Record<string, unknown>) => {
  const r = ImportProjectInputSchema.safeParse(raw);
  return r.success
    ? { ok: true, data: r.data }
    : { ok: false, issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
};

const ROWS: Record<string, unknown>[] = [
  // As the T2 reader hands them over: a dozen fields named, the rest absent.
  {
    code: 'X2015-00001',
    planYear: 2015,
    category: '公共服务',
    name: '开张镇韩家庄村老旧小区改造工程',
    location: '开张镇韩家庄村',
    scope: '老旧小区改造，规模约4579㎡',
    nature: '新建',
    totalWan: '1620.240000',
    yearFrom: 2015,
    yearTo: 2015,
    planStart: '2015-02-01',
    planEnd: '2015-06-28',
    status: '在建',
  },
  // Only a name and a year: location, scope and 总投资 come in empty.
  { name: '蒲州镇污水管网', planYear: 2026 },
  // "860余万元": approximate, from the preprocess.
  { name: '蒲州镇道路硬化', planYear: 2026, totalWan: '860余' },
  // Fields given as null, empty text, tags and units.
  { name: '西厢村文化广场', planYear: 2026, note: null, contact: '  ', tags: ['民生'], responsibleOrgIds: [3, 4] },
  // Refusals: no name, a date not on the calendar, a negative area, an unknown status, an inverted year span.
  { planYear: 2026, totalWan: '12' },
  { name: '坏日期项目', planYear: 2026, planStart: '2026-02-30' },
  { name: '负面积项目', planYear: 2026, landMuNeed: -3 },
  { name: '状态不明项目', planYear: 2026, status: '搁置' },
  { name: '年度颠倒项目', planYear: 2026, yearFrom: 2027, yearTo: 2025, totalWan: 'abc' },
  // A key the schema does not know is dropped, as by the full schema.
  { name: '多余列项目', planYear: 2026, 额外: '值' },
  // No year at all: refused as by the full schema.
  { name: '缺年度项目' },
];

describe('importRowParser (a row parsed by the schema picked to its fields)', () => {
  it('gives the full schema’s output and issues for every row', () => {
    const parse = importRowParser();
    for (const raw of ROWS) {
      const r = parse(raw);
      const got = r.success
        ? { ok: true, data: r.data }
        : { ok: false, issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
      expect(got, JSON.stringify(raw)).toEqual(full(raw));
    }
  });

  it('keeps one schema per set of fields and gives every row its own default arrays', () => {
    const parse = importRowParser();
    const a = parse({ name: '项目甲工程', planYear: 2026 });
    const b = parse({ name: '项目乙工程', planYear: 2026 });
    expect(a.success && b.success).toBe(true);
    if (!a.success || !b.success) return;
    expect(a.data.tags).toEqual([]);
    expect(a.data.tags).not.toBe(b.data.tags);
    expect(a.data.responsibleOrgIds).not.toBe(b.data.responsibleOrgIds);
    expect(a.data.approx).toBe(false);
    expect(a.data.totalWan).toBe(0);
  });
});
