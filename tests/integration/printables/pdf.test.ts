/**
 * The printed result, checked the way a recipient would: poppler reads the PDFs (page size, embedded
 * fonts, extractable Chinese text, totals) and a PNG of every page is kept in test-results/documents/
 * for review by eye.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { chromiumCandidates, findChromium, printWithChromium } from '../../../electron/printing/chromium-printer.ts';
import { hasChromium } from '../../helpers/chromium.ts';
import { DOC_KINDS, type DocKind } from '../../../shared/schemas/printables.ts';
import { ownTmpdirForBlock, type TempCore } from '../../helpers/temp-core.ts';
import { addManyProjects, LONG_NAME, puzhouWithOrders } from './fixture.ts';

const hasPoppler = existsSync('/usr/bin/pdfinfo');
const OUT = join(process.cwd(), 'test-results', 'documents');

let t: TempCore;
let projectId: number;
let redOrderId: number;
beforeAll(async () => {
  ({ t, projectId, redOrderId } = await puzhouWithOrders());
  mkdirSync(OUT, { recursive: true });
});
afterAll(() => {
  t?.cleanup();
});

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });
const pdfInfo = (file: string) => {
  const info = run('pdfinfo', [file]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), w: Number(size[1]), h: Number(size[2]) };
};
/** Every font row of pdffonts says emb yes. */
const allEmbedded = (file: string) => {
  const rows = run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim());
  // Columns: name type encoding emb sub uni object ID; emb is the fifth field from the end.
  return { count: rows.length, notEmbedded: rows.filter((l) => l.trim().split(/\s+/).slice(-5, -4)[0] !== 'yes') };
};
const pageText = (file: string, page: number) => run('pdftotext', ['-f', String(page), '-l', String(page), file, '-']);
const squash = (s: string) => s.replace(/\s+/g, '');

/** The lines of a wrapped table cell: the words below the one that starts with `start`, at the same left edge. */
function columnText(file: string, start: string): string {
  const words = [
    ...run('pdftotext', ['-bbox', file, '-']).matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g),
  ].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    text: m[3]!,
  }));
  const i = words.findIndex((w) => w.text.startsWith(start));
  if (i < 0) return '';
  const first = words[i]!;
  return words
    .slice(i)
    .filter((w) => Math.abs(w.x - first.x) < 1 && w.y >= first.y)
    .map((w) => w.text)
    .join('');
}

/** Through the core's own `reports:pdf`, i.e. the PdfPrinter the test core was given (the machine's Chromium). */
async function printDoc(doc: DocKind, extra: Record<string, unknown> = {}, name: string = doc) {
  const r = await t.ok('reports:pdf', { doc, period: '2017-09', ...extra });
  const file = join(OUT, `${name}.pdf`);
  writeFileSync(file, Buffer.from(r.base64, 'base64'));
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(OUT, name)]);
  return { file, r };
}

const A4 = { w: 595, h: 842 };
const A3L = { w: 1191, h: 842 };
const EXPECT: Record<DocKind, { w: number; h: number; extra?: Record<string, unknown>; pages?: number }> = {
  briefing: { ...A4, pages: 1 },
  progress: A3L,
  card: { ...A4, extra: { projectId: 0 }, pages: 1 },
  lagging: { w: A4.h, h: A4.w },
  supervision: { ...A4, extra: { supervisionId: 0 }, pages: 1 },
  wallchart: { ...A3L, pages: 1 },
  leadingGroup: { ...A4, pages: 1 },
  tasks: { w: A4.h, h: A4.w },
};

describe.skipIf(!hasChromium || !hasPoppler)('PDFs of the 蒲州镇 2017-09 documents', () => {
  it.each(DOC_KINDS.map((d) => [d]))(
    '%s: paper size, embedded fonts, extractable Chinese text',
    async (doc) => {
      const e = EXPECT[doc];
      const extra = doc === 'card' ? { projectId } : doc === 'supervision' ? { supervisionId: redOrderId } : {};
      const { file } = await printDoc(doc, extra);
      const info = pdfInfo(file);
      expect(Math.abs(info.w - e.w), `width ${info.w}`).toBeLessThan(2);
      expect(Math.abs(info.h - e.h), `height ${info.h}`).toBeLessThan(2);
      if (e.pages) expect(info.pages).toBe(e.pages);
      const fonts = allEmbedded(file);
      expect(fonts.count).toBeGreaterThan(0);
      expect(fonts.notEmbedded).toEqual([]);
      const text = run('pdftotext', [file, '-']);
      expect(text).toContain('蒲州镇');
    },
    60_000,
  );

  it('一项目一档 prints the 责任人, name and 职务, beside the 包联领导 on its one page', async () => {
    const { file } = await printDoc('card', { projectId }, 'card-people');
    expect(pdfInfo(file).pages).toBe(1);
    // one line of the table, as printed: 包联领导 | 责任人 | 联系人
    const lines = run('pdftotext', ['-layout', file, '-']).split('\n').map(squash);
    expect(lines).toContain('包联领导周志强副镇长责任人王德胜交通道路站长联系人王德胜13903590113');
  }, 60_000);

  it('一项目一档 without a project gives exactly one A4 page per project and sub-project', async () => {
    const { file } = await printDoc('card', {}, 'card-all');
    expect(pdfInfo(file).pages).toBe((await t.ok('figures:period', { period: '2017-09' })).projects.length);
  }, 60_000);

  it('the printed totals equal the ledger: 21390.00 万元 in the briefing and the progress table', async () => {
    const stats = await t.ok('stats:summary', {});
    const total = (stats.totalInvestmentFen / 1_000_000).toFixed(2);
    expect(total).toBe('21390.00');
    for (const doc of ['briefing', 'progress'] as const) {
      const text = squash(run('pdftotext', [join(OUT, `${doc}.pdf`), '-']));
      expect(text, doc).toContain(total);
    }
    expect(squash(pageText(join(OUT, 'progress.pdf'), 1))).toContain('合计（24个）');
  });

  it('the briefing stays on one sheet, 版记 whole, with a red project of a 60-character name', async () => {
    const name = '蒲州镇𠮷祥村至黄河湿地公园段沿黄旅游公路拓宽改造及沿线村庄环境整治与绿化亮化一体化示范工程（一期）';
    const p = await t.ok('projects:create', {
      name,
      planYear: 2017,
      location: '𠮷祥村',
      scope: '公路拓宽12公里',
      totalWan: '1000',
      planStart: '2017-01-01',
      planEnd: '2017-12-31',
    });
    await t.ok('plans:save', { projectId: p.id, plans: [{ year: 2017, planWan: '600' }] });
    await t.ok('reports:save', {
      period: '2017-09',
      rows: [
        { projectId: p.id, monthWan: '150', imageText: '路基施工', imagePct: 25, issues: '', nextSteps: '', needs: '' },
      ],
    });
    const { file } = await printDoc('briefing', {}, 'briefing-long-red');
    expect(pdfInfo(file).pages).toBe(1);
    const text = squash(run('pdftotext', [file, '-']));
    expect(text).toContain('报送：');
    expect(text).toContain('抄送：');
    expect(text).toContain('蒲州镇𠮷祥村至黄河');
    await t.ok('projects:delete', { id: p.id });
  }, 60_000);

  it('the progress table on A4 landscape keeps a 3-character 责任领导 name, 改扩建 and 100.0% each on one line', async () => {
    // Seen on paper: the narrow columns broke 周志强 into 周志 / 强, 新建 into 新 / 建 — the cell padding was not
    // in the column widths, so a column of 3.4 em held 2.8 em of text at the A4 size.
    const { file } = await printDoc('progress', { settings: { paper: 'A4', orientation: 'landscape' } }, 'progress-a4');
    expect(Math.abs(pdfInfo(file).w - A4.h)).toBeLessThan(2);
    const words = new Set(
      [...run('pdftotext', ['-bbox', file, '-']).matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((m) => m[1]!),
    );
    const f = await t.ok('figures:period', { period: '2017-09' });
    const leaders = [...new Set(f.projects.map((p) => p.leaderName).filter((n): n is string => !!n))];
    expect(leaders.length).toBeGreaterThan(3);
    for (const name of leaders) expect(words, name).toContain(name);
    for (const nature of ['新建', '改扩建']) expect(words, nature).toContain(nature);
    expect(words).toContain('100.0%');
    for (const piece of ['周志', '李秀', '改扩', '新']) expect(words, piece).not.toContain(piece);
  }, 60_000);

  it('一项目一档: the 基本信息 labels and the 计划工期 wrap between words, never inside 规模, 10月 or （万元）', async () => {
    // Seen on paper: 建设内容及规 / 模, 2017年4月—2017年10 / 月, 1-9月完成（万 / 元）.
    const f = await t.ok('figures:period', { period: '2017-09' });
    const p = f.projects.find((x) => x.planStart?.startsWith('2017-04') && x.planEnd?.startsWith('2017-10'))!;
    const { file } = await printDoc('card', { projectId: p.id }, 'card-labels');
    const words = [...run('pdftotext', ['-bbox', file, '-']).matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map(
      (m) => m[1]!,
    );
    expect(words).toContain('建设内容及规模');
    expect(words).toContain('2017年10月');
    expect(words.filter((w) => w === '（万元）').length).toBeGreaterThanOrEqual(3);
    for (const broken of ['模', '月', '元）', '建设内容及规']) expect(words, broken).not.toContain(broken);
    expect(words.some((w) => w.endsWith('（万'))).toBe(false);
  }, 60_000);

  it('the progress table on A4 landscape repeats its header on every page, numbers pages and wraps a 100-character name whole', async () => {
    await addManyProjects(t);
    const { file } = await printDoc(
      'progress',
      { settings: { paper: 'A4', orientation: 'landscape' } },
      'progress-a4-many',
    );
    const info = pdfInfo(file);
    expect(Math.abs(info.w - A4.h)).toBeLessThan(2);
    expect(info.pages).toBeGreaterThanOrEqual(3);
    for (let p = 1; p <= info.pages; p++) {
      const text = squash(pageText(file, p));
      expect(text, `page ${p}`).toContain('建设内容及规模');
      expect(text, `page ${p}`).toContain('项目名称');
      expect(text, `page ${p}`).toContain('形象进度');
      expect(text, `page ${p}`).toContain(`第${p}页共${info.pages}页`);
      // a 类别 heading is never the last row of a page (it goes over with its first project)
      const lines = run('pdftotext', ['-layout', '-f', String(p), '-l', String(p), file, '-'])
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      expect(lines.at(-2), `page ${p}`).not.toMatch(/^[一二三四五六七八九十]+、/);
    }
    expect(LONG_NAME).toHaveLength(100);
    expect(columnText(file, LONG_NAME.slice(0, 5))).toContain(LONG_NAME);
  }, 60_000);

  it('the CLI writes the same document as HTML and as PDF', async () => {
    const html = join(t.dir, 'progress.html');
    const pdf = join(t.dir, 'lagging.pdf');
    const io = { out: () => {}, err: (m: string) => console.error(m) };
    t.core.close();
    expect(await runCli(['report', 'progress', '--period', '2017-09', '--out', html, '--db', t.file], io)).toBe(0);
    expect(await runCli(['report', 'lagging', '--period', '2017-09', '--out', pdf, '--db', t.file], io)).toBe(0);
    expect(await runCli(['report', 'bogus', '--period', '2017-09', '--out', pdf, '--db', t.file], io)).toBe(2);
    // A 名单 is no month's: it needs no --period; a month's document still does.
    const roster = join(t.dir, 'roster.html');
    expect(await runCli(['report', 'leadingGroup', '--out', roster, '--db', t.file], io)).toBe(0);
    expect(await runCli(['report', 'briefing', '--out', join(t.dir, 'b.html'), '--db', t.file], io)).toBe(2);
    await t.reopen();
    expect(run('pdftotext', [pdf, '-'])).toContain('滞后预警清单');
    expect(existsSync(html)).toBe(true);
    expect(readFileSync(roster, 'utf8')).toContain('领导组成员名单');
  }, 60_000);
});

describe.skipIf(!hasChromium || !hasPoppler)("the machine's Chromium as printer", () => {
  // The leftover checks below read the temp folder: this printer's own, not other workers' (ownTmpdirForBlock).
  ownTmpdirForBlock('pdf-printer-tmp-');

  it('prints consecutive and concurrent PDFs, each in its own browser run, and leaves no temporary folder behind', async () => {
    const leftovers = () =>
      readdirSync(tmpdir())
        .filter((n) => n.startsWith('ledger-pdf-'))
        .sort();
    const before = leftovers();
    const doc = (n: number) => `<!doctype html><meta charset="utf-8"><p>第${n}页</p>`;
    const pdfs = [
      await printWithChromium(doc(1)),
      ...(await Promise.all([printWithChromium(doc(2)), printWithChromium(doc(3))])),
    ];
    expect(leftovers()).toEqual(before);
    pdfs.forEach((pdf, i) => {
      const file = join(OUT, `shared-browser-${i + 1}.pdf`);
      writeFileSync(file, pdf);
      expect(run('pdftotext', [file, '-'])).toContain(`第${i + 1}页`);
    });
  }, 60_000);

  it("runs no script, adds no header or footer, and keeps the document's @page size and page counters", async () => {
    const html = `<!doctype html><meta charset="utf-8"><style>@page { size: A5 landscape; margin: 10mm; @bottom-center { content: "第" counter(page) "页共" counter(pages) "页"; } }</style>
      <p id="s">脚本未运行</p><script>document.getElementById('s').textContent = '脚本运行了';</script><p style="break-before: page">第二页</p>`;
    const file = join(OUT, 'printer-a5.pdf');
    writeFileSync(file, await printWithChromium(html));
    const info = pdfInfo(file);
    expect([Math.round(info.w), Math.round(info.h)]).toEqual([595, 420]);
    expect(info.pages).toBe(2);
    const text = squash(run('pdftotext', [file, '-']));
    expect(text).toContain('脚本未运行');
    expect(text).not.toContain('脚本运行了');
    expect(text).toContain('第1页共2页');
    expect(text).toContain('第2页共2页');
    expect(text).not.toMatch(/file:|document\.html/);
  }, 60_000);

  it("a cancelled print ends the browser and rejects with the caller's reason", async () => {
    const ac = new AbortController();
    const leftovers = () =>
      readdirSync(tmpdir())
        .filter((n) => n.startsWith('ledger-pdf-'))
        .sort();
    const before = leftovers();
    const printing = printWithChromium('<!doctype html><meta charset="utf-8"><p>取消</p>', { signal: ac.signal });
    // Once the browser is running (the temporary page is written first).
    await new Promise((r) => setTimeout(r, 400));
    const t0 = Date.now();
    ac.abort(new Error('用户取消'));
    await expect(printing).rejects.toThrow('用户取消');
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(leftovers()).toEqual(before);
  }, 60_000);
});

describe('without a Chromium', () => {
  it('says in Chinese which paths were tried (code UNREADABLE → CLI exit 2)', () => {
    expect(chromiumCandidates({ CHROMIUM_PATH: '/nope/chromium' }, 'win32')[0]).toBe('/nope/chromium');
    try {
      findChromium(
        { CHROMIUM_PATH: '/nope/chromium', ProgramFiles: '/nope/pf', 'ProgramFiles(x86)': '/nope/pf86' },
        'win32',
      );
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe('UNREADABLE');
      expect((e as Error).message).toContain('未找到可用于生成 PDF 的 Chromium');
      expect((e as Error).message).toContain('/nope/chromium');
    }
  });
});
