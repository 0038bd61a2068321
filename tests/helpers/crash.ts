/** Spawning the crash writer and killing it: shared by the crash tests. */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { mulberry32 } from '../../shared/domain/random.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const WRITER = resolve(import.meta.dirname, 'crash-writer.ts');
let bundled: Promise<string> | null = null;

/**
 * The writer bundled once into plain JS (esbuild, which tsx already brings): a child then starts in a
 * fraction of a second instead of compiling the core through tsx on every kill. Written under .tmp/ in
 * the repository so that its external native module resolves from node_modules.
 */
export function writerScript(): Promise<string> {
  bundled ??= bundleScript(WRITER, 'crash-writer');
  return bundled;
}

/** Any test child script bundled the same way (see writerScript); the caller removes the file. */
export async function bundleScript(entry: string, name: string): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = join(ROOT, '.tmp', `${name}-${process.pid}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: ['better-sqlite3', 'exceljs'],
    logLevel: 'silent',
  });
  return outfile;
}

/** Deterministic random numbers, so a failing run can be replayed with its seed. */
export const seeded = mulberry32;

export async function removeWriter(): Promise<void> {
  if (bundled) rmSync(await bundled, { force: true });
  bundled = null;
}

export interface KillRun {
  lines: string[];
  signal: NodeJS.Signals | null;
  code: number | null;
}

/**
 * Runs the writer and kills it with SIGKILL when `killWhen(line)` says so (or `delayMs` after "ready").
 * Only complete lines count: a line is acknowledged once its newline arrived.
 */
export async function runAndKill(
  args: string[],
  opts: { delayMs?: number; killWhen?: (line: string) => boolean },
): Promise<KillRun> {
  const script = await writerScript();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buf = '';
    let err = '';
    const kill = () => child.kill('SIGKILL');
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        lines.push(line);
        if (line === 'ready' && opts.delayMs !== undefined) setTimeout(kill, opts.delayMs);
        if (opts.killWhen?.(line)) kill();
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) fail(new Error(`writer exited ${code}: ${err}`));
      else done({ lines, signal, code });
    });
  });
}

export function inspect(file: string, like = '%') {
  const db = new Database(file, { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      names: new Set((db.prepare('SELECT name FROM project').all() as { name: string }[]).map((r) => r.name)),
      matching: (db.prepare('SELECT count(*) AS n FROM project WHERE name LIKE ?').get(like) as { n: number }).n,
      logCount: (db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}
