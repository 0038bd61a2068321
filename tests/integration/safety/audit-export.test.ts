import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;
beforeAll(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
  const p = (await t.ok('projects:list', {}))[0]!;
  await t.ok('projects:update', { id: p.id, patch: { status: '停工' } });
});
afterAll(() => t.cleanup());

const tokenFor = (name: string) => t.core.ctx.fileTokens.issue(join(t.dir, name), 'save').token;

describe('留痕 exported for 审计', () => {
  it('as Excel: every change with operator, field, old and new value', async () => {
    const r = await t.ok('audit:export', {
      format: 'xlsx',
      destToken: tokenFor('留痕.xlsx'),
      from: null,
      to: null,
      operator: null,
    });
    const ws = XLSX.read(readFileSync(join(t.dir, '留痕.xlsx')), { cellNF: true }).Sheets['修改留痕']!;
    const rows = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 });
    expect(rows[0]![0]).toBe('修改留痕（审计导出）');
    expect(rows.length - 3).toBe(r.rows);
    expect(rows.some((row) => row.includes('项目状态') && row.includes('停工'))).toBe(true);
    // 时间 is a real Excel date-time (number format yyyy-mm-dd hh:mm:ss), not text (issue 17).
    const time = ws['B4']!;
    expect(time.t).toBe('n');
    expect(time.z).toBe('yyyy-mm-dd hh:mm:ss');
  });

  it('as PDF: A4 landscape, fonts embedded, the Chinese text extractable', async () => {
    const r = await t.ok('audit:export', {
      format: 'pdf',
      destToken: tokenFor('留痕.pdf'),
      from: null,
      to: null,
      operator: '测试员',
    });
    const pdf = join(t.dir, '留痕.pdf');
    expect(existsSync(pdf)).toBe(true);
    expect(r.rows).toBeGreaterThan(0);
    const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))!;
    expect([Math.round(Number(size[1])), Math.round(Number(size[2]))]).toEqual([842, 595]);
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    for (const f of fonts) expect(f).toMatch(/\syes\s+(yes|no)\s+(yes|no)\s+\d+/);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('修改留痕（审计导出）');
    expect(text).toContain('项目状态');
    expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/); // times as people read them
    expect(text).toMatch(/第\s*1\s*页\s*共\s*\d+\s*页/);
  }, 60_000);
});
