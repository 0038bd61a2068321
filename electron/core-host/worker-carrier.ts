/**
 * The worker-thread carrier of the core host (browser mode, integration tests): the core runs in a Worker, so the
 * thread that serves HTTP never waits on SQLite. Shared memory is available, so a cancel reaches the core even
 * while it is inside a transaction.
 */
import type { HolderKind } from '../core/db/ledger-users.ts';
import { spawnModuleWorker } from '../core/workers/spawn-worker.ts';
import { CoreHostClient, hostConfig, type Carrier, type ShellPorts } from './client.ts';
import type { HostConfig, HostMessage } from './protocol.ts';

export function workerCarrier(config: HostConfig): Carrier {
  const worker = spawnModuleWorker('worker-entry', import.meta.url, { workerData: config });
  let exited = false;
  const exitListeners: ((reason: string) => void)[] = [];
  const gone = (reason: string) => {
    if (exited) return;
    exited = true;
    for (const l of exitListeners) l(reason);
  };
  worker.on('error', (e) => gone(`线程出错：${e.message}`));
  worker.on('exit', (code) => gone(`线程退出，代码 ${code}`));
  return {
    sharedMemory: true,
    post: (m) => worker.postMessage(m),
    onMessage: (listener) => worker.on('message', (m: HostMessage) => listener(m)),
    onExit: (listener) => exitListeners.push(listener),
    terminate: async () => {
      await worker.terminate();
    },
  };
}

/** A started core host in a worker thread over the ledger file, registered as `holder` (browser mode: 'web'). */
export async function startWorkerHost(
  dbPath: string,
  holder: HolderKind,
  ports: ShellPorts = {},
): Promise<CoreHostClient> {
  const config = hostConfig(dbPath, ports, holder);
  const client = new CoreHostClient(() => workerCarrier(config), ports);
  await client.start();
  return client;
}
