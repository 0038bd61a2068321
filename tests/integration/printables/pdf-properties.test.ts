/**
 * The properties of a printed PDF, as a reader's 文档属性 shows them (poppler's pdfinfo reads them): the title is the
 * document's own, and 创建者 and 生成程序 name the app in Chinese — the browser's English (HeadlessChrome, Skia/PDF)
 * is gone from the file, and the file is still whole.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRODUCT_NAME } from '../../../electron/core/product.ts';
import { latinWords } from '../../helpers/latin.ts';
import { hasChromium } from '../../helpers/chromium.ts';
import { useSampleCoreOnce } from '../../helpers/demo-core.ts';

const hasPoppler = existsSync('/usr/bin/pdfinfo');

const sample = useSampleCoreOnce();
const saved = sample.saved;

describe.skipIf(!hasChromium || !hasPoppler)('a printed PDF: 标题, 创建者 and 生成程序 in Chinese', () => {
  it("the briefing's PDF is titled as the document and names the app, with no English left in the file", async () => {
    const r = await sample.t.ok('reports:pdf', { doc: 'briefing', period: '2017-09' });
    const rendered = await sample.t.ok('reports:render', { doc: 'briefing', period: '2017-09' });
    const file = saved('简报.pdf', r.base64);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(info)?.[1];
    expect(field('Title')).toBe(/<title>([^<]*)<\/title>/.exec(rendered.html)![1]);
    expect(field('Title')).toMatch(/^蒲州镇.*简报/);
    expect(field('Creator')).toBe(PRODUCT_NAME);
    expect(field('Producer')).toBe(PRODUCT_NAME);
    expect(latinWords(`${field('Title')} ${field('Creator')} ${field('Producer')}`)).toEqual([]);
    // the browser's own names are gone from the bytes, not only hidden behind a newer revision
    expect(readFileSync(file).toString('latin1')).not.toMatch(/HeadlessChrome|Skia\/PDF|Mozilla/);
    // and the file is whole: poppler reads every page and its text
    expect(Number(field('Pages'))).toBeGreaterThanOrEqual(1);
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('蒲州镇');
  }, 60_000);
});
