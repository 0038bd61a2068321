/**
 * The PdfPrinter for the CLI, browser mode, the benchmark and tests: the Chromium or Edge installed on the
 * machine prints the document with its own headless printer (`--headless --print-to-pdf`). No library and
 * no DevTools connection, so nothing beyond Node is needed at run time (the app itself prints with Electron,
 * electron/main/print.ts). Each PDF is one short browser run with a throw-away profile; the page may run no
 * script and load nothing (documents are self-contained). The headless printer honours the document's @page size,
 * margins and margin boxes (page numbers) like printToPDF with preferCSSPageSize, and the documents' own
 * print-color-adjust: exact keeps the coloured lights, so nothing here repeats the layout.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../core/errors.ts';
import { lockedDown, type PdfPrinter, type PdfPrintOptions } from '../core/printables/pdf-printer.ts';

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
    list.push(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    );
  } else {
    list.push(
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/snap/bin/chromium',
    );
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

/** The command line of one print, without the browser program itself. */
export function printArgs(
  pageFile: string,
  pdfFile: string,
  profileDir: string,
  platform = process.platform,
): string[] {
  return [
    '--headless',
    // Without these the headless printer adds the date, title and file URL as header and footer; the first is
    // today's name, the second the name in older Edge/Chrome builds. An unknown switch is ignored.
    '--no-pdf-header-footer',
    '--print-to-pdf-no-header',
    `--print-to-pdf=${pdfFile}`,
    ...quietBrowserArgs(profileDir, platform),
    pathToFileURL(pageFile).href,
  ];
}

/** A headless browser on a throw-away profile that does nothing but what it is asked: no sync, updates or GPU. */
export function quietBrowserArgs(profileDir: string, platform = process.platform): string[] {
  return [
    `--user-data-dir=${profileDir}`,
    '--disable-gpu',
    '--disable-extensions',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    // Chromium's own sandbox cannot start as root or in most containers on Linux (the only place the CLI and
    // CI print); Windows and macOS keep it.
    ...(platform === 'linux' ? ['--no-sandbox'] : []),
  ];
}

export interface ChromiumPrinterOptions {
  /** The browser program; found with findChromium at each print when not given. */
  executablePath?: string;
  /** A print that takes longer is ended (a county-size 一项目一档 has thousands of pages). */
  timeoutMs?: number;
}

function runBrowser(exe: string, args: string[], timeoutMs: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const child = spawn(exe, args, { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-4000);
    });
    let ended: Error | null = null;
    const stop = (why: Error) => {
      ended = why;
      child.kill();
    };
    const timer = setTimeout(
      () =>
        stop(
          new AppError('INTERNAL', `浏览器生成 PDF 超时（超过 ${Math.round(timeoutMs / 1000)} 秒），已停止：${exe}`),
        ),
      timeoutMs,
    );
    const onAbort = () => stop(signal!.reason instanceof Error ? signal!.reason : new Error('已取消'));
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (err: Error | null) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    child.on('error', (e) => done(new AppError('UNREADABLE', `无法启动浏览器 ${exe} 生成 PDF：${e.message}`)));
    child.on('close', (code, sig) => {
      if (ended) return done(ended);
      if (code === 0) return done(null);
      // The browser's own diagnostics are English; they go to the error's cause for logs, not into the message.
      const err = new AppError('INTERNAL', `浏览器生成 PDF 失败（${exe}，退出码 ${code ?? sig}）`);
      (err as Error & { cause?: unknown }).cause = stderr.trim().split('\n').slice(-5).join('\n');
      done(err);
    });
  });
}

/** Prints one self-contained document to PDF bytes with the machine's Chromium. */
export async function printWithChromium(
  html: string,
  opts: ChromiumPrinterOptions & PdfPrintOptions = {},
): Promise<Buffer> {
  const exe = opts.executablePath ?? findChromium();
  return withDocumentFile(html, async (page, dir) => {
    const pdfFile = join(dir, 'document.pdf');
    await runBrowser(exe, printArgs(page, pdfFile, join(dir, 'profile')), opts.timeoutMs ?? 600_000, opts.signal);
    const pdf = await readFile(pdfFile).catch(() => null);
    if (!pdf || pdf.length === 0) throw new AppError('INTERNAL', `浏览器没有写出 PDF 文件（${exe}）`);
    return pdf;
  });
}

/**
 * The document written, locked down, to a throw-away folder for a browser to open, and the folder removed after
 * `print` whatever its end. The browser's helpers may hold files there for a moment after it exits (Windows): the
 * removal retries and never fails the print.
 */
export async function withDocumentFile<T>(
  html: string,
  print: (pageFile: string, dir: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ledger-pdf-'));
  try {
    const page = join(dir, 'document.html');
    await writeFile(page, lockedDown(html), 'utf8');
    return await print(page, dir);
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch(() => undefined);
  }
}

export function createChromiumPrinter(opts: ChromiumPrinterOptions = {}): PdfPrinter {
  return { print: (html, printOpts) => printWithChromium(html, { ...opts, ...printOpts }) };
}

/** The printer the CLI, browser mode and tests hand to the core. */
export const chromiumPrinter: PdfPrinter = createChromiumPrinter();
