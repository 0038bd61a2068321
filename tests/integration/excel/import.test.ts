// Import of county-style sheets (title, 单位 row, merged two-row header, section and 合计 rows) in every
// format and encoding; duplicate choices; all-or-nothing; the T2 round trip into an empty database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';
import { rowCounts } from '../../../electron/core/repositories/excel.repository.ts';
import { stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { storedSearchKey } from '../../../electron/core/search-key.ts';
import { AOA, b64, FORMATS, gb18030, MERGES, workbookBytes } from '../../helpers/county-sheet.ts';

let t: TempCore;
beforeAll(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'empty' });
});
afterAll(async () => {
  t.cleanup();
  await stopParseWorker();
});

describe('GB18030 test encoder', () => {
  it('round-trips through Node’s decoder, including a 4-byte character', () => {
    const s = '商业街𠀀改造';
    expect(new TextDecoder('gb18030').decode(gb18030(s))).toBe(s);
  });
});

describe('preview of a county-style sheet', () => {
  for (const [name, bytes] of FORMATS) {
    it(`reads ${name}: header block, sections and 合计 skipped, money and year ranges parsed`, async () => {
      const p = await t.ok('excel:importPreview', { fileName: name, base64: b64(bytes()), year: 2017 });
      expect(p.counts).toMatchObject({ create: 3, update: 0, error: 0 });
      expect(p.counts.totals).toBe(1);
      expect(p.counts.sections).toBe(2);
      const fields = Object.fromEntries(p.columns.map((c) => [c.header, c.field]));
      expect(fields['工程名称']).toBe('name');
      expect(fields['计划总投资']).toBe('totalWan');
      expect(fields['资金来源/上级补助']).toBe('fund:上级补助');
      expect(p.rows.map((r) => r.totalFen)).toEqual([1_234_500_000, 600_000_000, 88_880_000]);
      expect(p.rows[2]!.name).toBe(name.includes('gb18030') ? '卫生院𠀀改造' : '卫生院改造');
    });
  }
});

describe('apply', () => {
  it('reports every problem with sheet, row, column and a Chinese reason, and writes nothing', async () => {
    const bad = AOA.map((r) => [...r]);
    bad[6]![4] = '六百';
    bad[8]![7] = '2018-2017';
    const ws = XLSX.utils.aoa_to_sheet(bad);
    ws['!merges'] = MERGES;
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '项目清单');
    const base64 = (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
    const before = rowCounts(t.core.ctx.db);
    const p = await t.ok('excel:importPreview', { fileName: 'bad.xlsx', base64, year: 2017 });
    const errs = p.problems.filter((x) => x.level === 'error');
    // An amount that cannot be read is that error only, not also "总投资为空" (the cell is not empty).
    expect(p.problems.filter((x) => x.row === 7 && x.column === 'E').map((x) => x.level)).toEqual(['error']);
    expect(errs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sheet: '项目清单',
          row: 7,
          column: 'E',
          message: expect.stringContaining('不是有效的金额'),
        }),
        expect.objectContaining({
          sheet: '项目清单',
          row: 9,
          column: 'H',
          message: expect.stringContaining('不能早于'),
        }),
      ]),
    );
    const r = await t.call('excel:importApply', { fileName: 'bad.xlsx', base64, year: 2017 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('VALIDATION');
    expect(rowCounts(t.core.ctx.db)).toEqual(before);
  });

  it('a row with figures but no 项目名称 is one error on that cell, not two', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['序号', '项目名称', '总投资（万元）'],
      [1, '甲村道路', 300],
      [2, '', 500],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '项目');
    const base64 = (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
    const p = await t.ok('excel:importPreview', { fileName: 'noname.xlsx', base64, year: 2017 });
    expect(p.problems.filter((x) => x.row === 3 && x.level === 'error')).toEqual([
      expect.objectContaining({ sheet: '项目', column: 'B', message: '项目名称为空' }),
    ]);
  });

  it('creates, then on re-import skips, updates or copies duplicates as chosen', async () => {
    const base64 = b64(workbookBytes('xlsx'));
    const cacheSize = () => t.core.ctx.db.sqlite.pragma('cache_size', { simple: true });
    const cacheBefore = cacheSize();
    const first = await t.ok('excel:importApply', { fileName: 'a.xlsx', base64, year: 2017 });
    // the larger page cache of the import's write (withPageCache) is given back
    expect(cacheSize()).toBe(cacheBefore);
    expect(first).toMatchObject({ created: 3, updated: 0, skipped: 0 });
    expect(first.backupFile).toMatch(/导入前.*\.db$/);
    const list = await t.ok('projects:list', {});
    const street = list.find((p) => p.name === '商业街改造工程')!;
    expect(street.totalFen).toBe(1_234_500_000);
    expect(street.yearFrom).toBe(2017);
    expect(street.yearTo).toBe(2018);
    expect(street.fundingSumFen).toBe(1_234_500_000);

    const skip = await t.ok('excel:importPreview', { fileName: 'a.xlsx', base64, year: 2017 });
    expect(skip.counts).toMatchObject({ create: 0, skip: 3 });
    expect(skip.rows[0]!.duplicateOf?.name).toBe('商业街改造工程');

    const changed = AOA.map((r) => [...r]);
    changed[5]![4] = 1300;
    const ws = XLSX.utils.aoa_to_sheet(changed);
    ws['!merges'] = MERGES;
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const base64b = (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
    const upd = await t.ok('excel:importApply', {
      fileName: 'b.xlsx',
      base64: base64b,
      year: 2017,
      duplicates: 'update',
      rowDecisions: { '9': 'skip', '7': 'create' },
    });
    expect(upd).toMatchObject({ updated: 1, created: 1, skipped: 1 });
    const after = await t.ok('projects:list', {});
    expect(after.find((p) => p.id === street.id)!.totalFen).toBe(1_300_000_000);
    expect(after.some((p) => p.name === '污水管网工程（导入副本）')).toBe(true);
  });

  it('refuses unreadable input with UNREADABLE and a Chinese message', async () => {
    const r = await t.call('excel:importPreview', {
      fileName: 'x.xlsx',
      base64: b64(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3])),
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('UNREADABLE');
      expect(r.error.message).toContain('文件已损坏');
    }
  });
});

describe('round trip: T2 export → import into an empty database', () => {
  it('gives the same projects, every amount to the 分', async () => {
    const src = await tempCore();
    const dst = await tempCore();
    try {
      await src.ok('app:onboard', { mode: 'demo' });
      await dst.ok('app:onboard', { mode: 'empty' });
      const out = await src.ok('excel:export', { template: 'T2', period: '2017-09' });
      const p = await dst.ok('excel:importPreview', { fileName: out.fileName, base64: out.base64 });
      expect(p.problems.filter((x) => x.level === 'error')).toEqual([]);
      const rep = await dst.ok('excel:importApply', { fileName: out.fileName, base64: out.base64 });
      const a = await src.ok('projects:list', {});
      const b = await dst.ok('projects:list', {});
      expect(rep.created).toBe(a.length);
      const parentCode = (l: typeof a, x: (typeof a)[number]) => l.find((y) => y.id === x.parentId)?.code ?? null;
      const pick = (x: (typeof a)[number], l: typeof a) => ({
        parent: parentCode(l, x),
        code: x.code,
        name: x.name,
        planYear: x.planYear,
        category: x.category,
        location: x.location,
        scope: x.scope,
        nature: x.nature,
        totalFen: x.totalFen,
        approx: x.approx,
        yearFrom: x.yearFrom,
        yearTo: x.yearTo,
        planStart: x.planStart,
        planEnd: x.planEnd,
        status: x.status,
        contact: x.contact,
        phone: x.phone,
        note: x.note,
        fundingSumFen: x.fundingSumFen,
        leadOrgName: x.leadOrgName,
        responsibleOrgNames: [...x.responsibleOrgNames].sort(),
        leaderName: x.leaderName,
      });
      const byCode = (l: typeof a) =>
        [...l].sort((x, y) => (x.code ?? x.name).localeCompare(y.code ?? y.name)).map((x) => pick(x, l));
      expect(byCode(b)).toEqual(byCode(a));
      // the pinyin search key stored with each imported project is the one of its final name, code and location
      const stored = dst.core.ctx.db.sqlite.prepare('SELECT name, code, location, search_key FROM project').all() as {
        name: string;
        code: string | null;
        location: string | null;
        search_key: string;
      }[];
      expect(stored.length).toBe(a.length);
      for (const r of stored) expect(r.search_key).toBe(storedSearchKey(r));
    } finally {
      src.cleanup();
      dst.cleanup();
    }
  });
});
