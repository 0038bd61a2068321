// A county sheet written by openpyxl (a county IT person's script) stores every non-ASCII character as a numeric
// reference. Names with characters beyond U+FFFF — CJK Extension B, where rare characters of villages and people
// live (𠮷家村, 王𬘭), or an emoji — were read as other characters or NUL, silently, into the ledger and every
// export after. The fixture was written by this machine's openpyxl (python3-openpyxl); it holds such references.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

const FILE = join(import.meta.dirname, '../../fixtures/openpyxl-char-refs.xlsx');
let t: TempCore;
beforeAll(async () => {
  t = await tempCore({ autoBackup: false });
});
afterAll(async () => {
  t.cleanup();
  await stopParseWorker();
});

it('the file really stores them as references (else this test proves nothing)', () => {
  const zip = XLSX.CFB.read(readFileSync(FILE), { type: 'buffer' });
  const sheet = (zip.FileIndex as { name: string; content: Uint8Array }[]).find((f) => f.name === 'sheet1.xml')!;
  expect(Buffer.from(sheet.content).toString('utf8')).toContain('&#134071;');
});

it('names beyond U+FFFF are imported and exported exactly', async () => {
  const base64 = readFileSync(FILE).toString('base64');
  const done = await t.ok('excel:importApply', { fileName: '项目清单.xlsx', base64, duplicates: 'skip' });
  expect(done.created).toBe(3);
  const { sqlite } = t.core.ctx.db;
  const names = sqlite.prepare(`SELECT name, location FROM project ORDER BY id`).raw(true).all();
  expect(names).toEqual([
    ['𠮷家村道路硬化工程', '𠮷家村'],
    ['乡村振兴示范点😀', '东𡋾村'],
    ['普通项目', '前进村'],
  ]);
  expect(sqlite.prepare(`SELECT name FROM staff WHERE name LIKE '王%'`).pluck().all()).toEqual(['王𬘭']);
  const t2 = await t.ok('excel:export', { template: 'T2', period: '2021-06' });
  const wb = XLSX.read(Buffer.from(t2.base64, 'base64'), { type: 'buffer' });
  const text = JSON.stringify(XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 }));
  for (const s of ['𠮷家村道路硬化工程', '乡村振兴示范点😀', '东𡋾村', '王𬘭']) expect(text).toContain(s);
});
