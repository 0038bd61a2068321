/**
 * HTML → PDF for the CLI, the browser harness and tests, through a Chromium found on the machine
 * (Electron main prints the same HTML with webContents.printToPDF). The @page rules inside the
 * document decide paper, margins and page numbers, so nothing here repeats the layout.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.ts';

export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string[] {
  const list = [env.CHROMIUM_PATH];
  if (platform === 'win32') {
    const pf = env['ProgramFiles'] ?? 'C:\\Program Files';
    const pf86 = env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)';
    list.push(
      join(pf86, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      join(pf, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      join(pf, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(pf86, 'Google', 'Chrome', 'Application', 'chrome.exe'),
    );
  } else if (platform === 'darwin') {
    list.push('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium');
  } else {
    list.push('/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium');
  }
  return list.filter((p): p is string => !!p);
}

export function findChromium(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const tried = chromiumCandidates(env, platform);
  const found = tried.find((p) => existsSync(p));
  if (!found) {
    throw new AppError(
      'UNREADABLE',
      `未找到可用于生成 PDF 的 Chromium 浏览器（已查找：${tried.join('；')}）。请安装 Chromium（Debian/UOS：apt install chromium）或 Edge，或用环境变量 CHROMIUM_PATH 指定浏览器程序；也可先输出 .html 文件，在浏览器中打印为 PDF。`,
    );
  }
  return found;
}

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Starting Chromium is most of a PDF's time (~1 s of a ~1.3 s briefing), so consecutive PDFs in one process (a
 * CLI batch, the harness, the benchmark) share one browser, each in its own page. It closes itself after a short
 * idle time, so a process that printed once still ends soon after; `closePdfBrowser` ends it at once.
 */
const IDLE_CLOSE_MS = 10_000;
let shared: { executablePath: string; browser: Promise<Browser>; context: Promise<Context>; users: number; idle: NodeJS.Timeout | null } | null = null;

type Browser = Awaited<ReturnType<(typeof import('playwright-core'))['chromium']['launch']>>;
type Context = Awaited<ReturnType<Browser['newContext']>>;

/** One context for all pages (a context per PDF costs a few hundred ms); no network: documents are self-contained. */
async function offlineContext(browser: Browser): Promise<Context> {
  const context = await browser.newContext();
  await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
  return context;
}

async function acquire(executablePath: string): Promise<NonNullable<typeof shared>> {
  if (shared && shared.executablePath !== executablePath) await closePdfBrowser();
  if (!shared) {
    const launching = import('playwright-core').then(({ chromium }) => chromium.launch({ executablePath, args: ARGS, headless: true }));
    const entry = { executablePath, browser: launching, context: launching.then(offlineContext), users: 0, idle: null as NodeJS.Timeout | null };
    shared = entry;
    // A crashed or killed browser is forgotten, so the next PDF starts a new one.
    launching.then((b) => b.on('disconnected', () => { if (shared === entry) shared = null; }), () => { if (shared === entry) shared = null; });
    entry.context.catch(() => { if (shared === entry) shared = null; });
  }
  if (shared.idle) clearTimeout(shared.idle);
  shared.idle = null;
  shared.users++;
  return shared;
}

function release(entry: NonNullable<typeof shared>): void {
  entry.users--;
  if (entry.users > 0 || shared !== entry) return;
  entry.idle = setTimeout(() => void closePdfBrowser(), IDLE_CLOSE_MS);
  entry.idle.unref();
}

/** Closes the shared browser now (the CLI does so before exiting). */
export async function closePdfBrowser(): Promise<void> {
  const entry = shared;
  shared = null;
  if (!entry) return;
  if (entry.idle) clearTimeout(entry.idle);
  await entry.browser.then((b) => b.close(), () => undefined);
}

/** Prints a self-contained document to PDF bytes. */
export async function htmlToPdf(html: string, opts: { executablePath?: string } = {}): Promise<Buffer> {
  const entry = await acquire(opts.executablePath ?? findChromium());
  try {
    const page = await (await entry.context).newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return await page.pdf({ preferCSSPageSize: true, printBackground: true });
    } finally {
      await page.close();
    }
  } finally {
    release(entry);
  }
}
