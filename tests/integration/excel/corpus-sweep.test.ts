// Every file of the shared spreadsheet corpus through the real import path (excel:importPreview and
// excel:importApply): a preview or a Chinese UNREADABLE/VALIDATION error, within 10 s, and the database unchanged
// whenever the answer is an error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { rowCounts } from '../../../electron/core/repositories/excel.repository.ts';
import { CORPUS_ROOT as ROOT, corpusFiles, corpusManifest } from '../../helpers/corpus.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

const manifest = corpusManifest();
const files = corpusFiles();

let t: TempCore;
beforeAll(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'empty' });
});
afterAll(async () => {
  t.cleanup();
  await stopParseWorker();
});

describe('shared spreadsheet corpus', () => {
  it('lists every file in the manifest', () => {
    expect(files.sort()).toEqual(manifest.map((m) => m[0]).sort());
  });

  it('never crashes, hangs or writes partially', { timeout: 600_000 }, async () => {
    const outcomes: string[] = [];
    for (const f of files) {
      const base64 = readFileSync(join(ROOT, f)).toString('base64');
      const before = rowCounts(t.core.ctx.db);
      const started = performance.now();
      const r = await t.call('excel:importApply', { fileName: f.split('/')[1]!, base64, year: 2017 });
      const ms = performance.now() - started;
      expect(ms, f).toBeLessThan(10_500);
      if (!r.ok) {
        expect(['UNREADABLE', 'VALIDATION'], `${f}: ${r.error.code} ${r.error.message}`).toContain(r.error.code);
        expect(r.error.message, f).toMatch(/[\u4e00-\u9fff]/);
        // The corpus's rule: every refusal says that nothing was imported.
        expect(r.error.message, f).toContain('未导入任何数据');
        expect(r.error.message, f).not.toMatch(/。（/);
        expect(rowCounts(t.core.ctx.db), f).toEqual(before);
      }
      outcomes.push(`${f}\t${r.ok ? `imported ${r.data.created}` : `${r.error.code} ${r.error.message.slice(0, 40)}`}`);
    }
    expect(t.core.ctx.db.sqlite.pragma('integrity_check', { simple: true }) as string).toBe('ok');
    const byName = Object.fromEntries(outcomes.map((o) => o.split('\t')));
    expect(byName['encrypted/password.xls']).toMatch(/加密/);
    expect(byName['encrypted/protected_passtika.xlsx']).toMatch(/加密/);
    expect(byName['odd-formats/word_doc.xls']).toMatch(/不是电子表格/);
    expect(byName['crash/missing-bits.xlsx']).toMatch(/损坏/);
    expect(byName['encrypted/workbookProtection-workbook_password-2013.xlsx']).not.toMatch(/加密/);
  });
});
