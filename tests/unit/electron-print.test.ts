import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ BrowserWindow: vi.fn() }));

import { reportPdfViaElectron } from '../../electron/main/print.ts';
import { tempCore } from '../helpers/temp-core.ts';

describe('PDF in the desktop app', () => {
  it('prints the same HTML the core renders, through Electron, with a Chinese file name', async () => {
    const t = await tempCore();
    try {
      await t.ok('app:onboard', { mode: 'demo' });
      const seen: string[] = [];
      const r = await reportPdfViaElectron(t.core, { doc: 'lagging', period: '2017-09' }, async (html) => {
        seen.push(html);
        return Buffer.from('%PDF-1.7 fake');
      });
      expect(r).toMatchObject({ ok: true, data: { bytes: 13, base64: Buffer.from('%PDF-1.7 fake').toString('base64') } });
      expect((r as { data: { fileName: string } }).data.fileName).toMatch(/\.pdf$/);
      const rendered = await t.ok('reports:render', { doc: 'lagging', period: '2017-09' });
      expect(seen).toEqual([rendered.html]);
    } finally {
      t.cleanup();
    }
  });

  it('passes validation errors through and reports a failed print in Chinese', async () => {
    const t = await tempCore();
    try {
      expect(await reportPdfViaElectron(t.core, { doc: 'nope', period: '2017-09' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      await t.ok('app:onboard', { mode: 'demo' });
      const failed = await reportPdfViaElectron(t.core, { doc: 'lagging', period: '2017-09' }, async () => {
        throw new Error('boom');
      });
      expect(failed).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: '生成PDF失败，请改用“打印”并选择“另存为PDF”' } });
    } finally {
      t.cleanup();
    }
  });
});
