/**
 * A 督办单 is one A4 page an order (domain.md §1.4): the red order of a 蓝 → 黄 → 红 escalation, with its two lines
 * of 督办经过, ran onto a second page that held only 签发人 …（印章） and the 说明 — a page to stamp with nothing on it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../../helpers/chromium.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

const hasPoppler = existsSync('/usr/bin/pdfinfo');
const OUT = join(process.cwd(), 'test-results', 'documents');
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

let t: TempCore;
let red: number;
beforeAll(async () => {
  t = await tempCore({ now: () => new Date('2017-10-08T09:00:00+08:00') });
  await t.ok('app:onboard', { mode: 'demo' });
  const s = t.core.ctx.db.sqlite;
  const lamps = (s.prepare(`SELECT id FROM project WHERE code = '2017-03-03'`).get() as { id: number }).id; // 商业街亮化工程
  const blue = await t.ok('supervision:create', {
    projectId: lamps,
    period: '2017-09',
    deadline: '2017-10-15',
    content: '商业街亮化工程计划8月开工至今未开工，投资完成率落后序时50个百分点，请加快灯具采购招标，尽快进场施工。',
  });
  const yellow = await t.ok('supervision:escalate', { id: blue.id, deadline: '2017-10-20', reason: '逾期未办结' });
  red = (await t.ok('supervision:escalate', { id: yellow.id, deadline: '2017-10-31', reason: '仍未办结' })).id;
  mkdirSync(OUT, { recursive: true });
});
afterAll(() => t?.cleanup());

async function print(name: string, extra: Record<string, unknown>) {
  const r = await t.ok('reports:pdf', { doc: 'supervision', period: '2017-09', ...extra });
  const file = join(OUT, `${name}.pdf`);
  writeFileSync(file, Buffer.from(r.base64, 'base64'));
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(OUT, name)]);
  return file;
}
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))![1]);
const pageText = (file: string, page: number) =>
  run('pdftotext', ['-f', String(page), '-l', String(page), file, '-']).replace(/\s+/g, '');

describe.skipIf(!hasChromium || !hasPoppler)('督办单 of an escalated order', () => {
  it('the red order with its 督办经过 is one page, 签发人 and 印章 on it', async () => {
    const file = await print('supervision-red-escalated', { supervisionId: red });
    expect(pages(file)).toBe(1);
    const text = pageText(file, 1);
    expect(text).toContain('红色督办三级（约谈）');
    expect(text).toContain('督办经过');
    expect(text).toContain('签发人：');
    expect(text).toContain('蒲州镇小城镇建设领导组办公室（印章）');
  }, 60_000);

  it('the three orders of the escalation print as three pages, each whole', async () => {
    const file = await print('supervision-escalation', {});
    expect(pages(file)).toBe(3);
    for (const [page, colour] of [
      [1, '蓝色督办'],
      [2, '黄色督办'],
      [3, '红色督办'],
    ] as const) {
      const text = pageText(file, page);
      expect(text).toContain(colour);
      expect(text).toContain('签发人：');
    }
  }, 60_000);
});
