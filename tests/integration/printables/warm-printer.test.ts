/**
 * Browser mode's printer keeps one headless Chromium between PDFs (electron/printing/warm-chromium-printer.ts): the
 * PDFs are the ones the one-shot `--print-to-pdf` printer makes (same pages, page size, text, no script run), one
 * browser serves consecutive and concurrent prints, a 取消 stops its print and not the browser, the browser and its
 * profile go after the idle time or with close(), and a browser that cannot be driven over the pipe still prints,
 * one run per PDF. Real Chromium, real PDFs read back with poppler.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium, printWithChromium } from '../../../electron/printing/chromium-printer.ts';
import { createWarmChromiumPrinter } from '../../../electron/printing/warm-chromium-printer.ts';
import { hasChromium } from '../../helpers/chromium.ts';
import { ownTmpdirForBlock } from '../../helpers/temp-core.ts';

const hasPoppler = existsSync('/usr/bin/pdfinfo');

describe.skipIf(!hasChromium || !hasPoppler)('the kept browser of browser mode prints', () => {
  // The folders counted below are this printer's only, not those of test files printing in other workers.
  const ownTmp = ownTmpdirForBlock('warm-printer-tmp-');

  const browsers = () => readdirSync(tmpdir()).filter((n) => n.startsWith('ledger-pdf-browser-'));
  const pages = () =>
    readdirSync(tmpdir()).filter((n) => n.startsWith('ledger-pdf-') && !n.startsWith('ledger-pdf-browser-'));
  const save = (name: string, pdf: Buffer) => {
    const file = join(ownTmp.dir, name);
    writeFileSync(file, pdf);
    return file;
  };
  const info = (file: string) => {
    const text = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return { pages: /Pages:\s+(\d+)/.exec(text)![1], size: /Page size:\s+(.+)/.exec(text)![1] };
  };
  const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

  const A5 = `<!doctype html><meta charset="utf-8"><style>@page { size: A5 landscape; margin: 10mm; @bottom-center { content: "第" counter(page) "页共" counter(pages) "页"; } } .light { background: #c00; color: #fff; print-color-adjust: exact; }</style>
    <p id="s">脚本未运行</p><script>document.getElementById('s').textContent = '脚本运行了';</script><p class="light">红灯</p><p style="break-before: page">第二页</p>`;

  it('makes the PDF the one-shot printer makes; one browser serves consecutive and concurrent prints; close() ends it', async () => {
    const warm = createWarmChromiumPrinter();
    try {
      const first = save('warm-1.pdf', await warm.print(A5));
      expect(browsers()).toHaveLength(1);
      const [second, third] = await Promise.all([warm.print(A5), warm.print('<!doctype html><p>第三份</p>')]);
      expect(browsers()).toHaveLength(1); // the same browser, not one per print
      expect(pages()).toEqual([]); // each print's page file is gone after it
      const oneShot = save('one-shot.pdf', await printWithChromium(A5));
      expect(info(first)).toEqual(info(oneShot));
      expect(info(first)).toEqual({ pages: '2', size: '594.96 x 420 pts (A5)' }); // landscape: wider than tall
      expect(text(first)).toBe(text(oneShot));
      expect(text(first)).toContain('第1页共2页');
      expect(text(first)).not.toContain('脚本运行了');
      expect(text(save('warm-2.pdf', second!))).toBe(text(first));
      expect(text(save('warm-3.pdf', third!))).toContain('第三份');
    } finally {
      await warm.close();
    }
    expect(browsers()).toEqual([]);
  }, 90_000);

  it('a 取消 ends its print at once with the caller’s reason; the browser stays and prints the next', async () => {
    const warm = createWarmChromiumPrinter();
    try {
      await warm.print('<!doctype html><p>预热</p>');
      const ac = new AbortController();
      // A document heavy enough that the print is still running when 取消 comes.
      const rows = Array.from({ length: 20_000 }, (_, i) => `<tr><td>${i}</td><td>项目${i}</td></tr>`).join('');
      const printing = warm.print(`<!doctype html><meta charset="utf-8"><table>${rows}</table>`, { signal: ac.signal });
      await new Promise((r) => setTimeout(r, 150));
      const t0 = Date.now();
      ac.abort(new Error('用户取消'));
      await expect(printing).rejects.toThrow('用户取消');
      expect(Date.now() - t0).toBeLessThan(1000);
      expect(text(save('after-cancel.pdf', await warm.print('<!doctype html><p>取消之后</p>')))).toContain('取消之后');
      expect(browsers()).toHaveLength(1);
    } finally {
      await warm.close();
    }
  }, 90_000);

  it('the browser and its profile go after the idle time', async () => {
    const warm = createWarmChromiumPrinter({ idleMs: 300 });
    await warm.print('<!doctype html><p>一份</p>');
    expect(browsers()).toHaveLength(1);
    await expect.poll(() => browsers(), { timeout: 10_000 }).toEqual([]);
    // …and the next print starts another
    expect(text(save('after-idle.pdf', await warm.print('<!doctype html><p>又一份</p>')))).toContain('又一份');
    await warm.close();
    expect(browsers()).toEqual([]);
  }, 60_000);

  it('removes the profiles of kept browsers whose shell was killed, and not one still in use', async () => {
    const fake = (name: string, pid: number) => {
      const dir = join(tmpdir(), `ledger-pdf-browser-${name}`);
      mkdirSync(join(dir, 'Default'), { recursive: true });
      symlinkSync(`${hostname()}-${pid}`, join(dir, 'SingletonLock'));
      return dir;
    };
    const abandoned = fake('killed', 99_999_999); // no such process
    const inUse = fake('in-use', process.pid);
    const warm = createWarmChromiumPrinter();
    try {
      await warm.print('<!doctype html><p>清理</p>');
      expect(existsSync(abandoned)).toBe(false);
      expect(existsSync(inUse)).toBe(true);
    } finally {
      await warm.close();
      rmSync(inUse, { recursive: true, force: true });
    }
  }, 60_000);

  it('a browser that cannot be driven over the pipe still prints, one run per PDF', async () => {
    // The machine's Chromium behind a wrapper that refuses --remote-debugging-pipe (an old or locked-down browser).
    const wrapper = join(ownTmp.dir, 'no-pipe-browser.sh');
    writeFileSync(
      wrapper,
      `#!/bin/sh\nfor a in "$@"; do [ "$a" = "--remote-debugging-pipe" ] && exit 3; done\nexec "${findChromium()}" "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
    const warm = createWarmChromiumPrinter({ executablePath: wrapper });
    const pdf = save('no-pipe.pdf', await warm.print('<!doctype html><meta charset="utf-8"><p>无管道</p>'));
    expect(text(pdf)).toContain('无管道');
    expect(browsers()).toEqual([]);
    await warm.close();
  }, 60_000);
});
