/**
 * The desktop app's carrier of the core host: an Electron utility process (a Node child process that Electron
 * manages — https://www.electronjs.org/docs/latest/api/utility-process). The core's SQLite work happens there, so
 * the main process, which owns the windows, never freezes; main answers the core's port requests for dialogs and
 * printing (client.ts). If the process dies, the client restarts it.
 */
import { fileURLToPath } from 'node:url';
import { utilityProcess, type UtilityProcess } from 'electron';
import { CoreHostClient, type Carrier, type ShellPorts } from '../core-host/client.ts';
import type { HostConfig, HostMessage } from '../core-host/protocol.ts';
import type { ConfigMessage } from '../core-host/utility-host.ts';

/** Built beside out/main/index.js (vite.electron.config.ts). */
const ENTRY = fileURLToPath(new URL('./core-host.js', import.meta.url));

export function utilityCarrier(config: HostConfig, fork: typeof utilityProcess.fork = utilityProcess.fork): Carrier {
  const child: UtilityProcess = fork(ENTRY, [], { serviceName: '乡镇建设项目台账-核心', stdio: 'inherit' });
  let exited = false;
  const exitListeners: ((reason: string) => void)[] = [];
  const exitedPromise = new Promise<void>((ok) => child.once('exit', () => ok()));
  child.on('exit', (code) => {
    if (exited) return;
    exited = true;
    for (const l of exitListeners) l(`核心进程退出，代码 ${code}`);
  });
  // Nothing is posted before the child has spawned; the config goes first, the rest in order after it.
  let spawned = false;
  const queued: unknown[] = [];
  child.once('spawn', () => {
    spawned = true;
    child.postMessage({ type: 'config', config } satisfies ConfigMessage);
    for (const m of queued.splice(0)) child.postMessage(m);
  });
  return {
    sharedMemory: false,
    post: (m) => (spawned ? child.postMessage(m) : void queued.push(m)),
    onMessage: (listener) => child.on('message', (m: HostMessage) => listener(m)),
    onExit: (listener) => exitListeners.push(listener),
    terminate: async () => {
      if (exited) return;
      child.kill();
      await exitedPromise;
    },
  };
}

/** A started core host in a utility process over the ledger file, with main's dialogs and printer as its ports. */
export async function startUtilityHost(dbPath: string, ports: ShellPorts): Promise<CoreHostClient> {
  const config: HostConfig = { dbPath, ports: (['dialogs', 'pdfPrinter'] as const).filter((p) => ports[p]) };
  const client = new CoreHostClient(() => utilityCarrier(config), ports);
  await client.start();
  return client;
}
