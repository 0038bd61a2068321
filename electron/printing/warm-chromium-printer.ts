/**
 * The PdfPrinter of a long-lived shell without Electron (browser mode): one headless Chromium kept between prints and
 * driven over its DevTools pipe, so only the first PDF of a while pays for starting a browser (about 1.5–2 s here; the
 * 简报 budget is 2 s). Each print gets a fresh page of its own that is closed after it; the browser is closed after
 * IDLE_MS without a print, or with the shell. The CLI prints once per run and keeps the one-shot printer
 * (chromium-printer.ts), which is also what this falls back to when the browser cannot be started this way.
 *
 * The print asks what `--print-to-pdf` does: the document's own @page size and margins (preferCSSPageSize), no
 * header or footer, backgrounds as the documents' print-color-adjust says; the page runs no script (lockedDown).
 */
import { mkdtemp, readdir, readlink, rm, stat } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../core/errors.ts';
import type { PdfPrinter, PdfPrintOptions } from '../core/printables/pdf-printer.ts';
import { findChromium, printWithChromium, quietBrowserArgs, withDocumentFile } from './chromium-printer.ts';
import { openDevToolsPipe, type DevToolsPipe } from './devtools-pipe.ts';

const IDLE_MS = 30_000;
/** A browser that has not answered by then is not one this printer can drive: the one-shot printer is used. */
const START_MS = 20_000;

export interface WarmChromiumPrinter extends PdfPrinter {
  /** Ends the kept browser (the shell is closing); a later print starts another. */
  close(): Promise<void>;
}

interface Browser {
  pipe: DevToolsPipe;
  profile: string;
  /** Settles when the browser has ended and its profile is gone. */
  removed: Promise<void>;
  prints: number;
  idle: NodeJS.Timeout | null;
}

const PROFILE_PREFIX = 'ledger-pdf-browser-';

/**
 * Profiles of kept browsers whose shell was killed (no close(), no idle end: Chromium went with it, its profile
 * stayed). Chromium's SingletonLock names the host and process that held the profile; one whose process is gone is
 * removed. Where there is no such link (Windows), a profile untouched for a day is tried, and one still in use
 * refuses to be removed.
 */
async function sweepAbandonedProfiles(): Promise<void> {
  const dir = tmpdir();
  const names = (await readdir(dir).catch(() => [])).filter((n) => n.startsWith(PROFILE_PREFIX));
  for (const name of names) {
    const profile = join(dir, name);
    const lock = await readlink(join(profile, 'SingletonLock')).catch(() => null);
    const held = lock && /^(.*)-(\d+)$/.exec(lock);
    let abandoned: boolean;
    if (held) abandoned = held[1] === hostname() && !processAlive(Number(held[2]));
    else abandoned = Date.now() - ((await stat(profile).catch(() => null))?.mtimeMs ?? Date.now()) > 86_400_000;
    if (abandoned) await rm(profile, { recursive: true, force: true }).catch(() => undefined);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

function browserArgs(profile: string): string[] {
  return ['--headless', ...quietBrowserArgs(profile), 'about:blank'];
}

/** Rejects after `ms`, or at once when `signal` aborts; `stop` runs first in either case. */
function stopper(ms: number, timeoutError: () => Error, signal: AbortSignal | undefined, stop: (e: Error) => void) {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    const end = (e: Error) => {
      stop(e);
      reject(e);
    };
    timer = setTimeout(() => end(timeoutError()), ms);
    onAbort = () => end(signal!.reason instanceof Error ? signal!.reason : new Error('已取消'));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  stopped.catch(() => undefined);
  const release = () => {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  };
  return { stopped, release };
}

export function createWarmChromiumPrinter(
  opts: { executablePath?: string; timeoutMs?: number; idleMs?: number } = {},
): WarmChromiumPrinter {
  /** The browser being started, or running: one at a time. */
  let starting: Promise<Browser> | null = null;
  let live: Browser | null = null;
  let swept = false;
  const unremoved = new Set<Browser>();
  /** Set once this printer could not drive the machine's browser: every print is then one-shot. */
  let oneShotOnly = false;

  const shut = (b: Browser) => {
    if (live === b) {
      live = null;
      starting = null;
    }
    b.pipe.kill();
  };
  const removeProfile = (b: Browser) =>
    rm(b.profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch(() => undefined);

  const browser = (exe: string): Promise<Browser> =>
    (starting ??= (async () => {
      if (!swept) {
        swept = true;
        await sweepAbandonedProfiles();
      }
      const profile = await mkdtemp(join(tmpdir(), PROFILE_PREFIX));
      const pipe = openDevToolsPipe(exe, browserArgs(profile));
      // However the browser ends — shut here, crashed, or killed with its shell's process group (Ctrl+C) — it is
      // forgotten (the next print starts another) and its profile removed once it has let go of it.
      const b: Browser = {
        pipe,
        profile,
        prints: 0,
        idle: null,
        removed: pipe.ended.then(() => {
          if (live === b) {
            live = null;
            starting = null;
          }
          return removeProfile(b);
        }),
      };
      unremoved.add(b);
      void b.removed.then(() => unremoved.delete(b));
      const { stopped, release } = stopper(
        START_MS,
        () => new Error('浏览器未响应'),
        undefined,
        () => shut(b),
      );
      try {
        await Promise.race([pipe.send('Browser.getVersion'), stopped]);
      } catch (e) {
        shut(b);
        throw e;
      } finally {
        release();
      }
      live = b;
      return b;
    })().catch((e: unknown) => {
      starting = null;
      throw e;
    }));

  const idleLater = (b: Browser) => {
    if (b.prints > 0) return;
    b.idle = setTimeout(() => {
      if (b.prints === 0 && live === b) shut(b);
    }, opts.idleMs ?? IDLE_MS);
    b.idle.unref();
  };

  async function printIn(b: Browser, pageUrl: string, exe: string, o: PdfPrintOptions): Promise<Buffer> {
    const { pipe } = b;
    let targetId: string | undefined;
    let offLoad = () => {};
    const timeoutMs = opts.timeoutMs ?? 600_000;
    const { stopped, release } = stopper(
      timeoutMs,
      () => new AppError('INTERNAL', `浏览器生成 PDF 超时（超过 ${Math.round(timeoutMs / 1000)} 秒），已停止：${exe}`),
      o.signal,
      (e) => {
        // A page stuck in layout is ended with its browser; a 取消 only closes the page.
        if (e instanceof AppError) shut(b);
      },
    );
    const work = (async () => {
      ({ targetId } = await pipe.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' }));
      const { sessionId } = await pipe.send<{ sessionId: string }>('Target.attachToTarget', {
        targetId,
        flatten: true,
      });
      await pipe.send('Page.enable', {}, sessionId);
      const loaded = new Promise<void>((resolve) => {
        offLoad = pipe.onEvent((m) => {
          if (m.sessionId === sessionId && m.method === 'Page.loadEventFired') resolve();
        });
      });
      const nav = await pipe.send<{ errorText?: string }>('Page.navigate', { url: pageUrl }, sessionId);
      if (nav.errorText) throw new Error(nav.errorText);
      await loaded;
      const { data } = await pipe.send<{ data: string }>(
        'Page.printToPDF',
        { preferCSSPageSize: true, displayHeaderFooter: false, printBackground: false },
        sessionId,
      );
      return Buffer.from(data, 'base64');
    })();
    work.catch(() => undefined);
    try {
      return await Promise.race([work, stopped]);
    } finally {
      release();
      offLoad();
      if (targetId && pipe.alive()) pipe.send('Target.closeTarget', { targetId }).catch(() => undefined);
    }
  }

  return {
    async print(html, printOpts = {}) {
      const exe = opts.executablePath ?? findChromium();
      if (oneShotOnly) return printWithChromium(html, { ...opts, ...printOpts, executablePath: exe });
      let b: Browser;
      try {
        b = await browser(exe);
      } catch {
        oneShotOnly = true; // e.g. a browser without --remote-debugging-pipe
        return printWithChromium(html, { ...opts, ...printOpts, executablePath: exe });
      }
      if (b.idle) clearTimeout(b.idle);
      b.prints++;
      try {
        return await withDocumentFile(html, async (page) => {
          const pdf = await printIn(b, pathToFileURL(page).href, exe, printOpts);
          if (pdf.length === 0) throw new AppError('INTERNAL', `浏览器没有写出 PDF 文件（${exe}）`);
          return pdf;
        });
      } catch (e) {
        if (e instanceof AppError || printOpts.signal?.aborted) throw e;
        // The browser's own words are English: they go to the cause, for the log.
        const err = new AppError('INTERNAL', `浏览器生成 PDF 失败（${exe}）`);
        (err as Error & { cause?: unknown }).cause = e;
        throw err;
      } finally {
        b.prints--;
        idleLater(b);
      }
    },
    async close() {
      await starting?.catch(() => null);
      // Every browser this printer started and whose profile is not yet gone: the running one, and one that just
      // ended by itself (its removal still under way when the shell closes).
      await Promise.all(
        [...unremoved].map((b) => {
          if (b.idle) clearTimeout(b.idle);
          shut(b);
          return b.removed;
        }),
      );
    },
  };
}
