/**
 * The loopback harness: serves the built renderer and answers POST /rpc/:channel with the SAME
 * handleCall as Electron main, over a real SQLite file. Used by Playwright e2e tests and by
 * `npm run start:web` where no Electron binary exists. Binds 127.0.0.1 only.
 *   tsx tests/harness/core-server.ts [--port 5180] [--db FILE] [--open]
 * Harness-only endpoints: POST /__harness/reset (fresh temp database), POST /__harness/damage,
 * POST /__harness/token, GET /__harness/files (see below), GET /__harness/fingerprint (every table's row count and
 * hash, the connection's data_version: what an e2e test compares to show that looking changed no row).
 */
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { handleCall } from '../../electron/core/handle-call.ts';
import type { DialogProvider } from '../../electron/core/files/file-tokens.ts';
import { createCore, createCoreOrRecovery, type Core } from '../../electron/core/index.ts';
import { flagString, parseArgs } from '../../electron/cli/args.ts';
import { fingerprint } from '../helpers/db-fingerprint.ts';

const args = parseArgs(process.argv.slice(2));
const port = Number(flagString(args, 'port') ?? process.env.HARNESS_PORT ?? 5180);
const root = resolve(fileURLToPath(new URL('../../dist/renderer', import.meta.url)));
const shim = readFileSync(fileURLToPath(new URL('./api-shim.js', import.meta.url)), 'utf8');
const fixedDb = flagString(args, 'db') ?? process.env.TOWN_LEDGER_DB;

let tempDir: string | null = null;
let core: Core;

/**
 * Stand-ins for Electron's native dialogs: a folder "U盘" and saved files under a temp folder, so e2e
 * tests exercise the same token flow as the app. GET /__harness/files lists what was written there.
 */
const filesDir = mkdtempSync(join(tmpdir(), 'town-ledger-harness-files-'));
const dialogs: DialogProvider = {
  pickFolder: async () => {
    const dir = join(filesDir, 'U盘');
    mkdirSync(dir, { recursive: true });
    return dir;
  },
  saveFile: async ({ defaultName }) => join(filesDir, defaultName),
  openFile: async () => null,
};

async function freshCore(): Promise<Core> {
  if (fixedDb) return createCoreOrRecovery({ dbPath: fixedDb, dialogs });
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  tempDir = mkdtempSync(join(tmpdir(), 'town-ledger-harness-'));
  return createCore({ dbPath: join(tempDir, 'town-ledger.db'), dialogs });
}

/** Test hook: overwrites the database's pages with junk and restarts, as if the disk had damaged it. */
async function damageAndRestart(): Promise<void> {
  const file = core.ctx.db.file;
  core.close();
  const bytes = readFileSync(file);
  writeFileSync(file, Buffer.concat([bytes.subarray(0, 4096), Buffer.alloc(Math.max(0, bytes.length - 8192), 0x5a), bytes.subarray(bytes.length - 4096)]));
  core = await createCoreOrRecovery({ dbPath: file, dialogs });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.json': 'application/json', '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

async function readBody(req: IncomingMessage, limit = 64 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw new Error('请求体过大');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function serveStatic(urlPath: string, res: ServerResponse) {
  const rel = decodeURIComponent(urlPath.split('?')[0]!).replace(/^\/+/, '') || 'index.html';
  const file = normalize(join(root, rel));
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return send(res, 404, 'not found', 'text/plain');
  if (rel === 'index.html') {
    // The shim stands in for Electron's preload: window.api.invoke → POST /rpc/:channel.
    const html = readFileSync(file, 'utf8').replace('<head>', '<head><script src="./__harness/api-shim.js"></script>');
    return send(res, 200, html, TYPES['.html']);
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

const server = createServer(async (req, res) => {
  try {
    const url = req.url ?? '/';
    if (req.method === 'GET' && url === '/health') return send(res, 200, '{"ok":true}');
    if (req.method === 'GET' && url.startsWith('/__harness/api-shim.js')) return send(res, 200, shim, TYPES['.js']);
    if (req.method === 'POST' && url === '/__harness/damage') {
      await damageAndRestart();
      return send(res, 200, JSON.stringify({ ok: true, mode: core.mode }));
    }
    if (req.method === 'POST' && url === '/__harness/token') {
      // A folder token for a temp dir, as if the user had picked it in the dialog.
      const { token } = core.ctx.fileTokens.issue((await dialogs.pickFolder({ title: '' }))!, 'folder');
      return send(res, 200, JSON.stringify({ token }));
    }
    if (req.method === 'GET' && url === '/__harness/files') {
      const { readdirSync } = await import('node:fs');
      const list = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(join(d, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
      return send(res, 200, JSON.stringify(list(filesDir)));
    }
    if (req.method === 'GET' && url === '/__harness/fingerprint') {
      const sqlite = core.ctx.db.sqlite;
      return send(res, 200, JSON.stringify({ ...fingerprint(sqlite), totalChanges: core.ctx.db.generation() }));
    }
    if (req.method === 'POST' && url === '/__harness/reset') {
      core.close();
      core = await freshCore();
      return send(res, 200, '{"ok":true}');
    }
    if (req.method === 'POST' && url.startsWith('/rpc/')) {
      const channel = decodeURIComponent(url.slice(5));
      const text = await readBody(req);
      let input: unknown;
      try {
        input = text ? JSON.parse(text) : undefined;
      } catch {
        return send(res, 200, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: '请求不是有效的 JSON' } }));
      }
      return send(res, 200, JSON.stringify(await handleCall(core, channel, input)));
    }
    if (req.method === 'GET') return serveStatic(url, res);
    send(res, 405, 'method not allowed', 'text/plain');
  } catch (e) {
    send(res, 500, JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: String(e) } }));
  }
});

core = await freshCore();
if (!existsSync(join(root, 'index.html'))) console.error(`[harness] 未找到 ${root}/index.html，请先运行 npm run build:renderer`);
server.listen(port, '127.0.0.1', () => {
  console.log(`[harness] 乡镇建设项目台账 http://127.0.0.1:${port}/  数据库：${core.ctx.db.file}`);
});
const stop = () => {
  server.close();
  core.close();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  rmSync(filesDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
