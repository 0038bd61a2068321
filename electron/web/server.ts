/**
 * Browser mode: the app's second shell beside Electron main. It serves the built renderer and answers
 * `POST /rpc/CHANNEL` with the same handleCall over the ledger file, on 127.0.0.1 only. The core runs in a
 * worker thread (electron/core-host), so this thread — HTTP, progress polls, cancels — never waits on SQLite.
 * A call the page tags with an `X-Call-Id` header can be followed: `GET /rpc-progress/ID` gives its latest
 * {running, stage, percent}, `POST /rpc-cancel/ID` asks it to stop (it rolls back). Both pass the same checks.
 * `GET /rpc-events` is a server-sent event stream of the core host's notices (what Electron main sends on
 * core:event): 'core' {kind, message, restarts} when the host died and was restarted, or will not come back, and
 * on every (re)connection a 'hello' {restarts, notice}, so a page whose stream was down during a restart still learns
 * of it. A call under way when the host dies is answered with a Chinese error, never dropped (core-host/client.ts).
 *
 * Any web page the clerk visits, and any other program on the machine, can reach a loopback port, so
 * every request must prove it comes from the page this server handed out:
 *   - Host is 127.0.0.1:PORT or localhost:PORT (a DNS-rebinding page sends its own name);
 *   - Origin, when sent, is this server's own origin (a cross-site fetch or form always sends its own);
 *   - the per-launch secret token, from the HttpOnly SameSite=Strict cookie set when the launch URL is
 *     opened, or from the X-Town-Ledger-Token header (scripts), compared in constant time;
 *   - a call's body is `application/json`, which no cross-site form or "simple" request can send.
 * Anything else gets a 4xx with a short Chinese message before any core code runs. Static files, the index
 * page included, are served only after the same checks. Test endpoints do not exist here: the Playwright
 * harness registers its own through `extraRoutes`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DialogProvider } from '../core/files/file-tokens.ts';
import type { PdfPrinter } from '../core/printables/pdf-printer.ts';
import { isChannel, type CoreEvent } from '../../shared/ipc/channels.ts';
import { CallRegistry } from '../core-host/call-registry.ts';
import {
  HOST_RESTARTED_NOTICE,
  hostFailedNotice,
  restartNotice,
  type CoreHostClient,
  type StartReport,
} from '../core-host/client.ts';
import { startWorkerHost } from '../core-host/worker-carrier.ts';
import { CONTENT_SECURITY_POLICY } from '../main/security-policy.ts';
import { createWarmChromiumPrinter } from '../printing/warm-chromium-printer.ts';
import { BODY_TOO_LARGE_MESSAGE, MAX_BODY_BYTES } from './body-limit.ts';
import { browserDialogs } from './dialogs.ts';

export const TOKEN_HEADER = 'x-town-ledger-token';
export const BRIDGE_PATH = '/town-ledger-api.js';
const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const BRIDGE_SOURCE = readFileSync(fileURLToPath(new URL('./api-bridge.js', import.meta.url)), 'utf8');

/** A route added by an entry point (the test harness); it runs only after every check above has passed. */
export interface ExtraRoute {
  method: 'GET' | 'POST';
  path: string;
  handle(server: WebServer, req: IncomingMessage, res: ServerResponse): Promise<void> | void;
}

export interface WebServerOptions {
  /** The ledger file; backups, attachments and the 导出 folder sit beside it. */
  dbFile: string;
  /** 0 picks a free port. */
  port: number;
  /** Defaults to 32 random bytes; the harness passes the one its test runner knows. */
  token?: string;
  /** Defaults to browser mode's stand-ins (see dialogs.ts). */
  dialogs?: DialogProvider;
  /** Defaults to the machine's Chromium (electron/printing/chromium-printer.ts). */
  pdfPrinter?: PdfPrinter;
  rendererDir?: string;
  extraRoutes?: ExtraRoute[];
  log?: (msg: string) => void;
}

export interface WebServer {
  readonly port: number;
  readonly origin: string;
  readonly token: string;
  /** The launch URL: opening it sets the cookie. */
  readonly url: string;
  /** The core host (a worker thread); host-level operations go through `host.control`. */
  readonly host: CoreHostClient;
  /** Closes the ledger, runs `between` (the harness wipes or damages the file there), opens it again. */
  reopen(between?: (dbFile: string) => void): Promise<void>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** Refusals: a status and a short Chinese text; nothing behind the checks has run. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const newToken = () => randomBytes(32).toString('base64url');

/** Constant-time equality of two strings of any length (hashing first makes the lengths equal). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, ...extra });
  res.end(body);
}

/**
 * The body as text, or a 413 once it is over the limit (body-limit.ts). An over-limit body is read to its end and
 * dropped, not kept: leaving the loop early destroyed the request's socket, and the page saw a broken connection
 * instead of the refusal. Only a request that passed the token checks gets this far.
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) over = true;
      if (over) chunks.length = 0;
      else chunks.push(c);
    });
    req.on('end', () =>
      over ? reject(new Refusal(413, BODY_TOO_LARGE_MESSAGE)) : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const dbFile = resolve(opts.dbFile);
  const token = opts.token ?? newToken();
  const log = opts.log ?? ((m: string) => console.error(`[浏览器方式] ${m}`));
  const dialogs = opts.dialogs ?? browserDialogs(dirname(dbFile), log);
  const rendererDir = resolve(opts.rendererDir ?? DEFAULT_RENDERER_DIR);
  const routes = opts.extraRoutes ?? [];
  // A server prints many PDFs in a session: one browser kept between them (warm-chromium-printer.ts), ended with it.
  const ownPrinter = opts.pdfPrinter ? null : createWarmChromiumPrinter();
  const pdfPrinter = opts.pdfPrinter ?? ownPrinter!;
  // Named 浏览器模式 to another program whose restore it holds off (the worker cannot tell what it runs in).
  const host = await startWorkerHost(dbFile, 'web', { dialogs, pdfPrinter });
  host.on('log', (m: string) => log(m));
  // Open event streams of the pages; `restarts` counts the host's restarts since this server started.
  const eventStreams = new Set<ServerResponse>();
  let restarts = 0;
  // The latest restart's notice, which follows what that start did to the ledger: a page that connects later hears it.
  let restartedNotice = HOST_RESTARTED_NOTICE;
  const notify = (e: CoreEvent) => {
    const frame = `event: core\ndata: ${JSON.stringify({ ...e, restarts })}\n\n`;
    for (const stream of eventStreams) stream.write(frame);
  };
  host.on('restarted', (_mode: string, report: StartReport) => {
    restarts++;
    restartedNotice = restartNotice(report);
    log(`程序核心已重新启动：${restartedNotice}`);
    notify({ kind: 'restarted', message: restartedNotice });
  });
  host.on('failed', (m: string) => {
    log(m);
    notify({ kind: 'failed', message: hostFailedNotice(m) });
  });
  const calls = new CallRegistry();
  let port = 0;
  // Cookies are shared by every port of a host, so the name carries the port: two instances never mix.
  const cookieName = () => `town_ledger_${port}`;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);

  function check(req: IncomingMessage, url: URL): void {
    if (!allowedHosts().includes(String(req.headers.host ?? '').toLowerCase()))
      throw new Refusal(403, '拒绝访问：主机名不符，只接受 127.0.0.1 或 localhost 上本服务的端口');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().includes(origin.toLowerCase()))
      throw new Refusal(403, '拒绝访问：请求来自其他网页');
    const given =
      url.searchParams.get('token') ?? headerValue(req, TOKEN_HEADER) ?? cookieValue(req.headers.cookie, cookieName());
    if (given === null) throw new Refusal(403, '拒绝访问：缺少令牌，请打开启动时打印的 URL（带 token）');
    if (!sameSecret(given, token))
      throw new Refusal(403, '拒绝访问：令牌不对（令牌每次启动都会更换，请打开这次启动时打印的 URL）');
  }

  async function rpc(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    // Only JSON: text/plain, form and multipart bodies are what a cross-site page can send without asking.
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    if (type !== 'application/json') throw new Refusal(415, '拒绝调用：请求内容类型必须是 application/json');
    // Only the contract's channels are calls: any other path under /rpc/ is refused as a page that is not there
    // (4xx, like every other request outside the contract), not answered 200 with an envelope.
    if (!isChannel(channel)) throw new Refusal(404, `没有这个调用通道：${channel}`);
    const text = await readBody(req);
    let input: unknown;
    try {
      input = text ? JSON.parse(text) : undefined;
    } catch {
      throw new Refusal(400, '拒绝调用：请求不是有效的 JSON');
    }
    const callId = headerValue(req, 'x-call-id');
    // The page's own calls (polls, timed re-reads) say so: they do not keep the session from its idle sign-out.
    const background = headerValue(req, 'x-background') === '1';
    const result = await calls.run(callId, (opts) => host.call(channel, input, { ...opts, background }));
    send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8' });
    // retry: a stream cut by a restart of this server's peer comes back within a second.
    res.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify({ restarts, notice: restartedNotice })}\n\n`);
    eventStreams.add(res);
    req.on('close', () => eventStreams.delete(res));
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const rel = pathname.replace(/^\/+/, '') || 'index.html';
    const file = normalize(join(rendererDir, rel));
    if (!file.startsWith(rendererDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      if (rel === 'index.html')
        return send(res, 503, '界面尚未构建：请先运行 npm run build:renderer', 'text/plain; charset=utf-8');
      return send(res, 404, '没有这个页面', 'text/plain; charset=utf-8');
    }
    // A symlink inside the renderer folder must not lead out of it.
    if (!realpathSync(file).startsWith(realpathSync(rendererDir) + sep))
      return send(res, 404, '没有这个页面', 'text/plain; charset=utf-8');
    if (rel === 'index.html') {
      // The bridge stands in for Electron's preload: window.api.invoke → POST /rpc/CHANNEL.
      const html = readFileSync(file, 'utf8').replace('<head>', `<head><script src=".${BRIDGE_PATH}"></script>`);
      return send(res, 200, html, TYPES['.html']!);
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    check(req, url);
    if (url.searchParams.has('token')) {
      if (method !== 'GET') throw new Refusal(405, '不支持的请求方式');
      // The launch URL: keep the token in an HttpOnly cookie and drop it from the address bar and history.
      url.searchParams.delete('token');
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        'set-cookie': `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        location: url.pathname + url.search,
      });
      return void res.end();
    }
    const route = routes.find((r) => r.method === method && r.path === url.pathname);
    if (route) return route.handle(server, req, res);
    if (method === 'POST' && url.pathname.startsWith('/rpc/'))
      return rpc(req, res, decodeURIComponent(url.pathname.slice(5)));
    if (method === 'GET' && url.pathname === '/rpc-events') return events(req, res);
    if (method === 'GET' && url.pathname.startsWith('/rpc-progress/'))
      return send(
        res,
        200,
        JSON.stringify(calls.progressOf(decodeURIComponent(url.pathname.slice(14)))),
        'application/json; charset=utf-8',
      );
    if (method === 'POST' && url.pathname.startsWith('/rpc-cancel/')) {
      // Like a call: JSON only, so no cross-site form can cancel a clerk's import.
      const type = String(req.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim()
        .toLowerCase();
      if (type !== 'application/json') throw new Refusal(415, '拒绝调用：请求内容类型必须是 application/json');
      return send(
        res,
        200,
        JSON.stringify({ cancelled: calls.cancel(decodeURIComponent(url.pathname.slice(12))) }),
        'application/json; charset=utf-8',
      );
    }
    if (method !== 'GET' && method !== 'HEAD') throw new Refusal(405, '不支持的请求方式');
    if (url.pathname === BRIDGE_PATH) return send(res, 200, BRIDGE_SOURCE, TYPES['.js']!);
    return serveStatic(decodeURIComponent(url.pathname), res);
  };

  const http = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) return void res.end();
      if (e instanceof Refusal) return send(res, e.status, e.message, 'text/plain; charset=utf-8');
      if (e instanceof URIError) return send(res, 400, '地址编码有误', 'text/plain; charset=utf-8');
      log(`请求处理失败：${e instanceof Error ? e.message : String(e)}`);
      send(res, 500, '服务内部错误，请查看命令行窗口里的提示', 'text/plain; charset=utf-8');
    });
  });

  await new Promise<void>((ok, fail) => {
    http.once('error', fail);
    http.listen(opts.port, '127.0.0.1', () => {
      http.off('error', fail);
      ok();
    });
  }).catch(async (e: unknown) => {
    await host.close();
    await ownPrinter?.close();
    throw e;
  });
  port = (http.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  const server: WebServer = {
    port,
    origin,
    token,
    url: `${origin}/?token=${token}`,
    host,
    async reopen(between) {
      await host.control({ op: 'close' });
      between?.(dbFile);
      await host.control({ op: 'open' });
    },
    close: async () => {
      await new Promise<void>((ok) => {
        http.closeAllConnections();
        http.close(() => ok());
      });
      await host.close();
      await ownPrinter?.close();
    },
  };
  return server;
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
}
