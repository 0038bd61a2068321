/**
 * Browser mode's entry point (`npm run start:web -- [--data DIR] [--port N] [--no-open]`): the same app as the
 * desktop shell, over the same ledger file in the same per-user data folder, for machines where Electron
 * cannot run. stdout carries exactly one line, `URL: http://127.0.0.1:N/?token=…`, once the server listens
 * (scripts read it); everything else goes to stderr.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ArgsError, flagString, parseArgs, type ParsedArgs } from '../cli/args.ts';
import { workInTypedFolder } from '../cli/typed-folder.ts';
import { userDataDir } from '../core/paths.ts';

const USAGE = '用法：npm run start:web -- [--data 数据文件夹] [--port 端口] [--no-open]';
const DEFAULT_PORT = 5180;

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

/** The system's way of opening a URL in the default browser; if it is missing the printed URL still works. */
function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], {
      detached: true,
      stdio: 'ignore',
      windowsHide: true,
      windowsVerbatimArguments: process.platform === 'win32',
    });
    child.on('error', () => {});
    child.unref();
  } catch {}
}

// `--data 台账` is the folder beside where `npm run start:web` was typed, not beside the app (typed-folder.ts).
workInTypedFolder('start:web');

let args: ParsedArgs = { positionals: [], flags: new Map() };
try {
  // An unknown flag (不认识的参数：--db) or --data without its folder is refused here, in Chinese.
  args = parseArgs(process.argv.slice(2), { values: ['data', 'port'], switches: ['no-open', 'help'] });
} catch (e) {
  if (!(e instanceof ArgsError)) throw e;
  fail(`${e.message}\n${USAGE}`, 2);
}
if (args.flags.has('help')) fail(USAGE, 0);
if (args.positionals.length) fail(`不认识的参数：${args.positionals.join(' ')}\n${USAGE}`, 2);
const portText = args.flags.has('port') ? flagString(args, 'port') : String(DEFAULT_PORT);
const port = Number(portText);
if (!portText || !/^\d+$/.test(portText) || port > 65535) fail(`端口必须是 0–65535 的整数\n${USAGE}`, 2);

const dataFlag = flagString(args, 'data');
// --data names the folder the ledger is kept in; given the ledger file itself (or any file), making the folder
// failed with Node's English (EEXIST: file already exists, mkdir …) after the core had loaded.
if (dataFlag && existsSync(dataFlag) && !statSync(dataFlag).isDirectory())
  fail(`--data 应为存放台账的文件夹，“${resolve(dataFlag)}”是一个文件（台账是文件夹中的 town-ledger.db）\n${USAGE}`, 2);

// The core loads only once the arguments are known to be right: a usage error answers at once.
const { resolveDbPath } = await import('../core/index.ts');
const { PRODUCT_NAME } = await import('../core/services/app.service.ts');
const { startWebServer } = await import('./server.ts');

// Without --data: the desktop app's own ledger (TOWN_LEDGER_DB overrides it there too).
const dbFile = dataFlag ? join(resolve(dataFlag), 'town-ledger.db') : resolveDbPath(userDataDir(PRODUCT_NAME));

let server;
try {
  server = await startWebServer({ dbFile, port });
} catch (e) {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') fail(`端口 ${port} 已被占用（也许浏览器方式已经在运行），请用 --port 指定其他端口`, 1);
  if (err.code === 'EACCES') fail(`没有权限使用端口 ${port}，请用 --port 指定其他端口`, 1);
  fail(`${PRODUCT_NAME}（浏览器方式）无法启动：${err.message ?? String(e)}\n数据库文件：${dbFile}`, 1);
}

console.error(`${PRODUCT_NAME}（浏览器方式）已启动，数据库：${dbFile}`);
console.error('请只在本机浏览器中打开下面的地址；令牌每次启动都会更换。按 Ctrl+C 停止。');
console.log(`URL: ${server.url}`);
if (!args.flags.has('no-open')) openInBrowser(server.url);

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
