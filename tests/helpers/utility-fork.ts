/**
 * A stand-in for Electron's `utilityProcess.fork` that really runs the module in a Node child process (there is no
 * Electron binary here): the child gets `process.parentPort` (utility-child.ts) and the parent gets an object with
 * UtilityProcess's events ('spawn', 'message', 'exit' with a code) and methods (postMessage, kill). Main's entry
 * path, which names the built out/main/core-host.js (absent when running from source), is mapped to the source
 * entry electron/core-host/utility-entry.ts; an existing file (the built entry) runs as it is.
 */
import { fork as forkNode, type ChildProcess, type Serializable } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import type { ForkUtility, UtilityChild } from '../../electron/main/utility-carrier.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CHILD = resolve(import.meta.dirname, 'utility-child.ts');
export const SOURCE_ENTRY = resolve(ROOT, 'electron/core-host/utility-entry.ts');

export interface StandInFork {
  fork: ForkUtility;
  /** Every child started, oldest first (a test kills one as a crash would). */
  children: ChildProcess[];
  /** The module paths fork was asked for, in order. */
  asked: string[];
}

export function standInFork(): StandInFork {
  const children: ChildProcess[] = [];
  const asked: string[] = [];
  const fork: ForkUtility = (modulePath, args) => {
    asked.push(modulePath);
    const entry = existsSync(modulePath) ? modulePath : SOURCE_ENTRY;
    const cp = forkNode(CHILD, [entry, ...args], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: 'inherit',
      cwd: ROOT,
    });
    children.push(cp);
    const child = new EventEmitter() as EventEmitter & UtilityChild;
    let exited = false;
    const exit = (code: number) => {
      if (exited) return;
      exited = true;
      child.emit('exit', code);
    };
    cp.once('spawn', () => child.emit('spawn'));
    cp.on('message', (m) => child.emit('message', m));
    // Electron reports a signal death as a code too; 128 + signal number is how a shell shows it.
    cp.once('exit', (code, signal) => exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
    cp.once('error', () => exit(-1));
    child.postMessage = (m: unknown) => {
      if (cp.connected) cp.send(m as Serializable);
    };
    child.kill = () => cp.kill();
    return child;
  };
  return { fork, children, asked };
}
