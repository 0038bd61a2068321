/**
 * 编号 go in their natural order on every surface that lists projects by code: X-1, X-2, X-2-1, X-10 — not as text
 * (X-1, X-10, X-2) — and a parent's sub-projects alike (X-2-9 before X-2-10). The core's list, the ledger grid
 * (its own order, its 编号 column, the project picker), an export's rows (表2 项目清单, read by SheetJS), a
 * printout's rows (进展情况表) and the funds' projects are read from one real ledger and compared with each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

const TOPS = ['X-1', 'X-10', 'X-2', 'X-2-1'];
const NATURAL = ['X-1', 'X-2', 'X-2-1', 'X-10'];
/** Sub-projects of X-2, given out of order. */
const KIDS = ['X-2-10', 'X-2-9'];
/** The whole ledger as a tree: each project, its sub-projects right after it. */
const TREE = ['X-1', 'X-2', 'X-2-9', 'X-2-10', 'X-2-1', 'X-10'];
/** The whole ledger as one list (the picker, the funds' projects). */
const FLAT = ['X-1', 'X-2', 'X-2-1', 'X-2-9', 'X-2-10', 'X-10'];

let t: TempCore;
const codeOf = new Map<number, string>();
const nameOf = (code: string) => `${code}号道路工程`;

beforeAll(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'empty' });
  const create = async (code: string, parentId: number | null) => {
    const p = await t.ok('projects:create', {
      name: nameOf(code),
      code,
      parentId,
      planYear: 2017,
      location: '镇区',
      scope: '道路硬化',
      totalWan: '100',
    });
    codeOf.set(p.id, code);
    return p.id;
  };
  const ids = new Map<string, number>();
  for (const code of TOPS) ids.set(code, await create(code, null));
  for (const code of KIDS) await create(code, ids.get('X-2')!);
});
afterAll(() => t?.cleanup());

const codes = (ids: readonly number[]) => ids.map((id) => codeOf.get(id)!);

describe('编号 in natural order, the same on every surface', () => {
  it('the core list', async () => {
    const list = await t.ok('projects:list', {});
    expect(list.filter((p) => p.parentId === null).map((p) => p.code)).toEqual(NATURAL);
    expect(list.filter((p) => p.parentId !== null).map((p) => p.code)).toEqual(['X-2-9', 'X-2-10']);
  });

  it('the ledger grid: its own order, sorted by 编号 both ways, and the picker', async () => {
    const page = await t.ok('projects:page', { filters: {}, deleted: false, first: 0 });
    expect(codes(page.ids)).toEqual(TREE);
    const up = await t.ok('projects:page', {
      filters: {},
      sort: { key: 'code', desc: false },
      deleted: false,
      first: 0,
    });
    expect(codes(up.ids)).toEqual(TREE);
    const down = await t.ok('projects:page', {
      filters: {},
      sort: { key: 'code', desc: true },
      deleted: false,
      first: 0,
    });
    expect(codes(down.ids)).toEqual(['X-10', 'X-2-1', 'X-2', 'X-2-10', 'X-2-9', 'X-1']);
    const picked = await t.ok('projects:pick', { query: '', scope: 'all', ids: [], limit: 50 });
    expect(picked.map((p) => p.code)).toEqual(FLAT);
  });

  it("an export's rows, a printout's rows and the funds' projects", async () => {
    const out = await t.ok('excel:export', { template: 'T2', period: '2017-09' });
    const sheet = XLSX.read(Buffer.from(out.base64, 'base64'), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet.Sheets[sheet.SheetNames[0]!]!, { header: 1 });
    const exported = rows.flat().filter((v): v is string => typeof v === 'string' && /^X-[\d-]+$/.test(v));
    expect(exported).toEqual(TREE);

    const printed = await t.ok('reports:render', { doc: 'progress', period: '2017-09' });
    const names = [...printed.html.matchAll(/(X-[\d-]+)号道路工程/g)].map((m) => m[1]);
    expect(names).toEqual(TREE);

    const funds = await t.ok('funds:summary', {});
    expect(funds.projects.map((p) => p.code)).toEqual(FLAT);
  });
});
