/**
 * No English identifier reaches a printout: each of the six documents of the 蒲州镇 sample is rendered through
 * handleCall and its text — what the paper shows, without the markup, styles and scripts — holds no Latin word
 * beyond those tests/helpers/latin.ts allows with their reasons.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DOC_KINDS } from '../../shared/schemas/printables.ts';
import { latinWords, SCREEN_ALLOWED } from '../helpers/latin.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeAll(async () => {
  t = await tempCore({ role: '管理员' });
  await t.ok('app:onboard', { mode: 'demo' });
});
afterAll(() => t.cleanup());

/** The printed text of a document: tags, style and script blocks, entities and attribute-free markup removed. */
const printedText = (html: string) =>
  html
    .replace(/<(style|script)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/gi, ' ');

it.each(DOC_KINDS.map((d) => [d]))('the %s printout shows no English identifier', async (doc) => {
  const supervision = (await t.ok('supervision:list', {}))[0];
  const input = {
    doc,
    period: '2017-09',
    projectId: 1,
    ...(doc === 'supervision' && supervision ? { supervisionId: supervision.id } : {}),
  };
  const r = await t.call('reports:render', input as never);
  if (!r.ok) {
    // Only the 督办单 may be missing from the sample; its refusal is Chinese too.
    expect(doc).toBe('supervision');
    expect(latinWords(r.error.message)).toEqual([]);
    return;
  }
  const text = printedText(r.data.html);
  expect(text).toMatch(/项目|蒲州/); // the document was really read
  const words = new Set(latinWords(text, SCREEN_ALLOWED));
  for (const w of latinWords(`${r.data.title} ${r.data.fontsNote}`, SCREEN_ALLOWED)) words.add(w);
  expect([...words]).toEqual([]);
});
