// An approximate 总投资 (投资为约数, the county's “860余万元”) reads the same on every surface: 860.00余 on the
// pages (the formatter they call), the 进展情况表 and the 一项目一档, and in T1, T2 and T4 as the number 860 with the
// format 0.00"余". The pages said 约860.00, the 一项目一档 860.00（约数） and the 进展情况表 a bare 860.00 beside T1's
// 860.00余 on the same row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { formatApproxWan, formatWanUnit } from '../../shared/domain/display.ts';
import { formatWan } from '../../shared/domain/money.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
let approx: { id: number; name: string; total_fen: number }[];

beforeAll(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
  // independently of the code under test: the sample's approximate projects as the database holds them
  approx = t.core.ctx.db.sqlite
    .prepare(`SELECT id, name, total_fen FROM project WHERE approx = 1 AND deleted_at IS NULL ORDER BY code`)
    .all() as typeof approx;
});
afterAll(() => t.cleanup());

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, '');

describe('an approximate 总投资', () => {
  it('is in the sample (the 蒲州商业街 parts, as S3 words them with 余)', () => {
    expect(approx.length).toBeGreaterThanOrEqual(5);
    expect(approx.map((p) => formatWan(p.total_fen))).toContain('860.00');
  });

  it('is written 860.00余 by the one formatter the pages call', () => {
    expect(formatApproxWan(860_000_000, true, { grouping: true })).toBe('860.00余');
    expect(formatApproxWan(1_234_567_800, true, { grouping: true })).toBe('1,234.57余');
    expect(formatApproxWan(860_000_000, false)).toBe('860.00');
    expect(formatApproxWan(null, true)).toBe('');
    expect(formatWanUnit(860_000_000, true)).toBe('860.00余 万元');
  });

  it('prints 860.00余 in the 进展情况表 and the 一项目一档, and an exact one without the mark', async () => {
    const progress = (await t.ok('reports:render', { doc: 'progress', period: '2017-09' })).html;
    for (const p of approx) expect(text(progress)).toContain(p.name);
    const marked = [...progress.matchAll(/>([\d,]+\.\d\d余)</g)].map((m) => m[1]);
    expect(marked.sort()).toEqual(approx.map((p) => `${formatWan(p.total_fen)}余`).sort());
    for (const p of approx) {
      const card = text((await t.ok('reports:render', { doc: 'card', period: '2017-09', projectId: p.id })).html);
      expect(card).toContain(`${formatWan(p.total_fen)}余`);
      expect(card).not.toContain('约数');
    }
  });

  it('is the number with the format 0.00"余" in T1, T2 and T4, on the rows of exactly those projects', async () => {
    for (const template of ['T1', 'T2', 'T4'] as const) {
      const out = await t.ok('excel:export', { template, period: '2017-09' });
      const wb = XLSX.read(Buffer.from(out.base64, 'base64'), { type: 'buffer', cellNF: true });
      const ws = wb.Sheets[wb.SheetNames[0]!]!;
      const marked: string[] = [];
      for (const [ref, cell] of Object.entries(ws)) {
        if (ref.startsWith('!') || (cell as XLSX.CellObject).z !== '0.00"余"') continue;
        const c = cell as XLSX.CellObject;
        expect(c.t, `${template} ${ref}`).toBe('n');
        marked.push(formatWan(Math.round((c.v as number) * 1_000_000)));
      }
      expect(marked.sort(), template).toEqual(approx.map((p) => formatWan(p.total_fen)).sort());
    }
  });
});
