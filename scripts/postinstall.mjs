// Rebuilds better-sqlite3 for Electron only where that can work. An offline rebuild deletes the
// Node build (or silently compiles against Node headers and labels it Electron), so we skip it
// on offline / CI machines and leave better-sqlite3 built for the Node that runs the tests.
import { spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';

const env = process.env;
const log = (m) => console.log(`[postinstall] ${m}`);
const truthy = (v) => v === '1' || v === 'true';

async function resolvable(host, ms = 3000) {
  try {
    await Promise.race([lookup(host), new Promise((_, r) => setTimeout(() => r(new Error('timeout')), ms))]);
    return true;
  } catch {
    return false;
  }
}

let skip = null;
if (truthy(env.SKIP_ELECTRON_REBUILD) || truthy(env.CI)) skip = 'SKIP_ELECTRON_REBUILD or CI is set';
else if (!truthy(env.FORCE_ELECTRON_REBUILD)) {
  if (env.npm_config_nodedir) skip = `npm_config_nodedir=${env.npm_config_nodedir} is set (offline Node-headers setup)`;
  else if (!(await resolvable('www.electronjs.org'))) skip = 'www.electronjs.org is not resolvable (offline)';
}
if (skip) {
  log(`skipping Electron rebuild: ${skip}. better-sqlite3 stays built for Node ${process.version}.`);
  process.exit(0);
}
log('rebuilding native deps for Electron: electron-builder install-app-deps');
const r = spawnSync('npx', ['electron-builder', 'install-app-deps'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exit(r.status ?? 1);
