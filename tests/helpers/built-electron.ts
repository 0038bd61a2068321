/**
 * The Electron bundle (out/main, out/preload) built from the sources as they are, once per test run: the first
 * test that needs it builds it and the others, maybe in another worker at the same moment, wait for that build
 * instead of building again (the build empties out/ first, so two at once would pull files from under each other).
 * Outside a `vitest run` with its globalSetup (tests/setup/run-dir.ts) every call builds.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { RUN_DIR_ENV } from '../setup/run-dir.ts';

const ROOT = resolve(import.meta.dirname, '../..');

function build(): void {
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'vite.electron.config.ts', '--logLevel', 'silent'],
    { cwd: ROOT },
  );
}

export async function buildElectronOnce(): Promise<void> {
  const runDir = process.env[RUN_DIR_ENV];
  if (!runDir) return build();
  const lock = join(runDir, 'electron-build');
  const done = join(lock, 'result');
  try {
    mkdirSync(lock); // atomic: exactly one caller gets here first
  } catch {
    while (!existsSync(done)) await wait(100);
    const failure = readFileSync(done, 'utf8');
    if (failure) throw new Error(`本次测试中构建 out/ 失败：${failure}`);
    return;
  }
  // Written beside and renamed, so that a waiter never reads a half-written result.
  const settle = (failure: string) => {
    writeFileSync(`${done}.part`, failure);
    renameSync(`${done}.part`, done);
  };
  try {
    build();
    settle('');
  } catch (e) {
    settle((e as Error).message || 'vite build');
    throw e;
  }
}
