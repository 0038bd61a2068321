/**
 * The Playwright harness: browser mode's own server (electron/web/server.ts, with every check it makes —
 * Host, Origin, token, JSON only) plus test endpoints that exist only in this entry point, always over a
 * temporary data folder. It refuses a --db or --data outside the OS temp folder, so the endpoints below can
 * never reach a user's ledger.
 *   tsx tests/harness/core-server.ts [--port 5180] [--db FILE | --data DIR] [--token T]
 * The token comes from --token or E2E_TOKEN (playwright.config.ts sends it as X-Town-Ledger-Token);
 * without either a fresh one is made and printed.
 * Test endpoints (token required like everything else): POST /__harness/reset (fresh ledger),
 * POST /__harness/damage, POST /__harness/replace-ledger (a file copied over the ledger by hand), POST /__harness/token, POST /__harness/elsewhere (a write by another program, as the CLI's), POST /__harness/crash-core (kills the core's worker; the server
 * restarts it), GET /__harness/files, GET /__harness/fingerprint (every table's
 * row count and hash, the connection's data_version: what an e2e test compares to show that looking changed no row).
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { flagString, parseArgs } from '../../electron/cli/args.ts';
import type { DialogProvider } from '../../electron/core/files/file-tokens.ts';
import type { Channel } from '../../shared/ipc/channels.ts';
import type { ExtraRoute } from '../../electron/web/server.ts';

/** True when `path` (existing or not) lies inside the OS temp folder, links resolved (/tmp → /private/tmp). */
function insideTempDir(path: string): boolean {
  const tmp = realpathSync(tmpdir());
  const full = resolve(path);
  let existing = full;
  while (!existsSync(existing)) {
    if (dirname(existing) === existing) return false;
    existing = dirname(existing);
  }
  return join(realpathSync(existing), relative(existing, full)).startsWith(tmp + sep);
}
import Database from 'better-sqlite3';
import { fingerprint } from '../helpers/db-fingerprint.ts';

const args = parseArgs(process.argv.slice(2), { values: ['port', 'db', 'data', 'token'], switches: [] });
const port = Number(flagString(args, 'port') ?? process.env.HARNESS_PORT ?? 5180);
const dbFlag = flagString(args, 'db') ?? process.env.TOWN_LEDGER_DB;
const dataFlag = flagString(args, 'data');
for (const given of [dbFlag, dataFlag]) {
  if (given && !insideTempDir(given)) {
    console.error(`测试服务只在系统临时文件夹（${tmpdir()}）里工作，拒绝打开：${given}`);
    process.exit(2);
  }
}
const dataDir = dataFlag
  ? resolve(dataFlag)
  : dbFlag
    ? dirname(resolve(dbFlag))
    : mkdtempSync(join(tmpdir(), 'town-ledger-harness-'));
const dbFile = dbFlag ? resolve(dbFlag) : join(dataDir, 'town-ledger.db');
const ownsDataDir = !dataFlag && !dbFlag;

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

const json = (res: ServerResponse, body: unknown) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

const list = (d: string): string[] =>
  readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? list(join(d, e.name)).map((f) => `${e.name}/${f}`) : [e.name],
  );

const routes: ExtraRoute[] = [
  {
    // A fresh, empty ledger: the file and everything beside it (backups, attachments) go.
    method: 'POST',
    path: '/__harness/reset',
    handle: async (server, _req, res) => {
      closeWatcher();
      await server.reopen((file) => {
        // A folder of its own (temp, checked above) is emptied whole, whatever the core keeps beside the file;
        // a --db file may share its folder with others, so only the ledger's own files go.
        if (!dbFlag) for (const e of readdirSync(dataDir)) rmSync(join(dataDir, e), { recursive: true, force: true });
        else {
          for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
          for (const dir of ['backups', 'attachments'])
            rmSync(join(dirname(file), dir), { recursive: true, force: true });
        }
      });
      json(res, { ok: true });
    },
  },
  {
    // Overwrites the database's pages with junk and reopens, as if the disk had damaged it.
    method: 'POST',
    path: '/__harness/damage',
    handle: async (server, _req, res) => {
      closeWatcher();
      await server.reopen((file) => {
        const bytes = readFileSync(file);
        writeFileSync(
          file,
          Buffer.concat([
            bytes.subarray(0, 4096),
            Buffer.alloc(Math.max(0, bytes.length - 8192), 0x5a),
            bytes.subarray(bytes.length - 4096),
          ]),
        );
      });
      json(res, { ok: true, mode: await server.host.control({ op: 'mode' }) });
    },
  },
  {
    // Someone copies another file over the ledger by hand while the program is closed (a backup put back outside the
    // program); the anchor beside the ledger stays as it was. Body: {"from": FILE}, a file in the temp folder.
    method: 'POST',
    path: '/__harness/replace-ledger',
    handle: async (server, req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const { from } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { from: string };
      if (!insideTempDir(from)) throw new Error(`测试服务只复制系统临时文件夹里的文件：${from}`);
      closeWatcher();
      await server.reopen((file) => {
        for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
        copyFileSync(from, file);
      });
      json(res, { ok: true, mode: await server.host.control({ op: 'mode' }) });
    },
  },
  {
    // A folder token for a temp dir, as if the user had picked it in the dialog.
    method: 'POST',
    path: '/__harness/token',
    handle: async (server, _req, res) => {
      json(res, {
        token: await server.host.control({
          op: 'issueFileToken',
          path: (await dialogs.pickFolder({ title: '' }))!,
          kind: 'folder',
        }),
      });
    },
  },
  {
    // Kills the core host's worker as a crash would: the server's client answers the calls under way with an error,
    // restarts the host and tells the page on its event stream (the restart path's e2e test).
    method: 'POST',
    path: '/__harness/crash-core',
    handle: async (server, _req, res) => {
      const restarted = new Promise((ok) => server.host.once('restarted', ok));
      await server.host.crashForTest();
      json(res, { ok: true, mode: await restarted });
    },
  },
  {
    // Another program writes to the ledger, as the CLI does: a core of its own on the same file, one call, closed.
    // Body: {"channel": "...", "input": {...}}; answers the call's envelope.
    method: 'POST',
    path: '/__harness/elsewhere',
    handle: async (_server, req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const { channel, input } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        channel: Channel;
        input: never;
      };
      const { createCore } = await import('../../electron/core/index.ts');
      const { handleCall } = await import('../../electron/core/handle-call.ts');
      const other = await createCore({ dbPath: dbFile, operator: '命令行', role: '录入员', log: () => {} });
      try {
        json(res, await handleCall(other, channel, input));
      } finally {
        other.close();
      }
    },
  },
  { method: 'GET', path: '/__harness/files', handle: (_server, _req, res) => json(res, list(filesDir)) },
  {
    // Read-only: every table's row count and hash and the connection's change count, to show that looking wrote nothing.
    method: 'GET',
    path: '/__harness/fingerprint',
    // The core runs in a worker: the harness looks through a read-only connection of its own, kept open so that its
    // data_version moves exactly when another connection (the core's) commits.
    handle: (_server, _req, res) => {
      const db = (watcher ??= new Database(dbFile, { readonly: true, fileMustExist: true }));
      json(res, { ...fingerprint(db), totalChanges: String(db.pragma('data_version', { simple: true })) });
    },
  },
];

let watcher: Database.Database | null = null;
/** Before the harness replaces or damages the file, its read-only look at the old one ends. */
function closeWatcher(): void {
  watcher?.close();
  watcher = null;
}

// Loaded after the folder check, so a refusal answers before the core is even read.
const { newToken, startWebServer } = await import('../../electron/web/server.ts');
const token = flagString(args, 'token') ?? process.env.E2E_TOKEN ?? newToken();
const server = await startWebServer({
  dbFile,
  port,
  token,
  dialogs,
  extraRoutes: routes,
  log: (m) => console.error(`[harness] ${m}`),
});
console.log(`[harness] 测试服务 ${server.url}  数据库：${dbFile}`);

const stop = () => {
  void server.close().then(() => {
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    rmSync(filesDir, { recursive: true, force: true });
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
