// Before tests: make sure better-sqlite3 loads in this Node (a dev machine may have it built for
// Electron's ABI). If not, rebuild it for Node and drop the stale Electron marker.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const tryLoad = () =>
  spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { encoding: 'utf8' });
let r = tryLoad();
if (r.status === 0) process.exit(0);
console.log('[ensure-native] better-sqlite3 does not load in this Node; running npm rebuild better-sqlite3');
const b = spawnSync('npm', ['rebuild', 'better-sqlite3'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (b.status !== 0) process.exit(b.status ?? 1);
rmSync('node_modules/better-sqlite3/build/Release/.forge-meta', { force: true });
r = tryLoad();
if (r.status !== 0) {
  console.error(r.stderr);
  process.exit(1);
}
