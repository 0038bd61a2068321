// The clerk's most frequent import: the county's sheet again, into the ledger the first import of it made, its rows
// updating the projects they match. Nothing in the sheet moved, so nothing in the ledger may move: every updated
// project is reported as left as it was, no 修改 line enters the 修改记录, no project is marked written for the
// figures. The sheet lists 责任单位 in its own order, which is not the order the ledger reads them back in (it keeps
// them as a set): compared in order, each such project was "changed" at every import of the sheet.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { journalSeq, writtenAfter } from '../../../electron/core/repositories/figure-store.repository.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

const ROWS = 120;
const UNITS = ['城建办', '财政所', '水利站', '交通站', '国土所', '农业站', '安监站'];
let t: TempCore;
let base64: string;

/** 责任单位 of row i as the county lists them: two or three units, in no particular order. */
const unitsOf = (i: number) => [UNITS[(i * 5 + 3) % 7]!, UNITS[(i * 3 + 1) % 7]!, ...(i % 3 ? [] : [UNITS[i % 7]!])];

/** The county's sheet; `edit` changes a row's cells (0-based row index → cells) before it is written. */
function countySheet(edit: (i: number, cells: (string | number)[]) => void = () => {}): string {
  const ws = XLSX.utils.aoa_to_sheet([
    ['某镇2017年重点项目清单'],
    ['填报单位（盖章）：某镇人民政府', null, null, null, null, '单位：万元'],
    ['序号', '项目名称', '建设地点', '建设内容', '总投资', '责任单位', '责任领导', '建设起止年限'],
    ...Array.from({ length: ROWS }, (_, i) => {
      const cells: (string | number)[] = [
        i + 1,
        `测试工程${i + 1}号`,
        `${i % 9}村`,
        '道路硬化',
        100 + i * 3.25,
        [...new Set(unitsOf(i))].join('、'),
        ['张三', '李四', '王五'][i % 3]!,
        i % 2 ? '2017' : '2017-2018',
      ];
      edit(i, cells);
      return cells;
    }),
    ['合计'],
  ]);
  ws['!merges'] = [XLSX.utils.decode_range('A1:H1')];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '项目清单');
  return (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
}

beforeAll(async () => {
  base64 = countySheet();
  t = await tempCore({ autoBackup: false });
  const first = await t.ok('excel:importApply', { fileName: '县里台账.xlsx', base64, duplicates: 'skip' });
  expect(first.created).toBe(ROWS);
});
afterAll(() => t.cleanup());

it('the same county sheet again changes nothing and says so', async () => {
  const { sqlite } = t.core.ctx.db;
  // The sheet's order of 责任单位 is really not the order the ledger reads them back in (by the units' ids).
  const readBack = sqlite
    .prepare(
      `SELECT (SELECT group_concat(name, '、') FROM (SELECT o.name FROM project_org po JOIN org_unit o ON o.id = po.org_id WHERE po.project_id = p.id ORDER BY o.id)) FROM project p ORDER BY p.id`,
    )
    .pluck()
    .all() as string[];
  const listedOtherwise = readBack.filter((names, i) => names !== [...new Set(unitsOf(i))].join('、'));
  expect(listedOtherwise.length).toBeGreaterThan(ROWS / 4);
  const seq = journalSeq(t.core.ctx.db);
  const logged = sqlite.prepare(`SELECT count(*) FROM change_log WHERE action = '修改'`).pluck().get();
  // The preview already says so, row by row…
  const preview = await t.ok('excel:importPreview', { fileName: '县里台账.xlsx', base64, duplicates: 'update' });
  expect(preview.counts.unchanged).toBe(ROWS);
  expect(preview.rows.every((x) => x.action === 'update' && x.unchanged)).toBe(true);
  const backups = () => (existsSync(join(t.dir, 'backups')) ? readdirSync(join(t.dir, 'backups')).sort() : []);
  const backupsBefore = backups();
  const r = await t.ok('excel:importApply', { fileName: '县里台账.xlsx', base64, duplicates: 'update' });
  expect(r.updated).toBe(ROWS);
  expect(r.unchanged).toBe(ROWS);
  // …and with nothing to change no copy of the ledger is kept (a county's is 200 MB, and it would push an older one out).
  expect(r.backupFile).toBeNull();
  expect(backups()).toEqual(backupsBefore);
  expect(sqlite.prepare(`SELECT count(*) FROM change_log WHERE action = '修改'`).pluck().get()).toBe(logged);
  expect(writtenAfter(t.core.ctx.db, seq)).toEqual([]);
});

it('a reordered list of the same units is no change; another unit is, and is logged by name', async () => {
  const id = t.core.ctx.db.sqlite.prepare('SELECT min(id) FROM project').pluck().get() as number;
  const project = await t.ok('projects:get', { id });
  const reversed = [...project.responsibleOrgIds].reverse();
  expect(reversed.length).toBeGreaterThan(1);
  const logged = () => t.core.ctx.db.sqlite.prepare(`SELECT count(*) FROM change_log`).pluck().get() as number;
  const before = logged();
  const seq = journalSeq(t.core.ctx.db);
  await t.ok('projects:update', { id, patch: { responsibleOrgIds: reversed } });
  expect(logged()).toBe(before);
  expect(writtenAfter(t.core.ctx.db, seq)).toEqual([]);
  const other = t.core.ctx.db.sqlite
    .prepare(`SELECT id FROM org_unit WHERE id NOT IN (SELECT org_id FROM project_org WHERE project_id = ?) LIMIT 1`)
    .pluck()
    .get(id) as number;
  await t.ok('projects:update', { id, patch: { responsibleOrgIds: [...reversed, other] } });
  const last = t.core.ctx.db.sqlite
    .prepare(`SELECT field, new_value FROM change_log WHERE action = '修改' ORDER BY id DESC LIMIT 1`)
    .get() as { field: string; new_value: string };
  expect(last.field).toBe('responsibleOrgIds');
  expect(last.new_value.split('、')).toHaveLength(reversed.length + 1);
});

it('the preview names exactly the rows that would change, and the import changes just those', async () => {
  // Row 3: a unit the ledger does not know yet; row 5: another 总投资; row 8: another 责任领导 (a new one).
  const edited = countySheet((i, cells) => {
    if (i === 2) cells[5] = `${cells[5]}、新设的规划办`;
    if (i === 4) cells[4] = 999.99;
    if (i === 7) cells[6] = '赵六';
  });
  const preview = await t.ok('excel:importPreview', {
    fileName: '县里台账.xlsx',
    base64: edited,
    duplicates: 'update',
  });
  // …and row 1, whose units the test before changed in the ledger: the sheet puts them back.
  const moving = preview.rows.filter((x) => !x.unchanged).map((x) => x.name);
  expect(moving).toEqual(['测试工程1号', '测试工程3号', '测试工程5号', '测试工程8号']);
  expect(preview.counts.unchanged).toBe(ROWS - 4);
  const { sqlite } = t.core.ctx.db;
  const lastLogged = sqlite.prepare('SELECT max(id) FROM change_log').pluck().get() as number;
  const r = await t.ok('excel:importApply', { fileName: '县里台账.xlsx', base64: edited, duplicates: 'update' });
  expect(r.unchanged).toBe(ROWS - 4);
  expect(r.backupFile).not.toBeNull();
  const fields = sqlite
    .prepare(`SELECT field FROM change_log WHERE action = '修改' AND id > ? ORDER BY id`)
    .pluck()
    .all(lastLogged);
  expect(fields).toEqual(['responsibleOrgIds', 'responsibleOrgIds', 'totalWan', 'leaderStaffId']);
});
