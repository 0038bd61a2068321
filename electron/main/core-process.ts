/**
 * Main's core host: the core runs in an Electron utility process (utility-carrier.ts), never in main. Main answers
 * the core's port requests for dialogs and printing (client.ts); if the process dies, the client restarts it.
 */
import { fileURLToPath } from 'node:url';
import { utilityProcess } from 'electron';
import { workerModuleUrl } from '../core/workers/spawn-worker.ts';
import { CoreHostClient, hostConfig, type ShellPorts } from '../core-host/client.ts';
import { utilityCarrier, type ForkUtility } from './utility-carrier.ts';

/** Built at the bundle root beside out/main/index.js (vite.electron.config.ts), also when this code lands in chunks/. */
export const CORE_HOST_ENTRY = fileURLToPath(workerModuleUrl('core-host', import.meta.url));

/** A core host in a utility process over the ledger file, with main's dialogs and printer as its ports; not started. */
export function utilityHost(
  dbPath: string,
  ports: ShellPorts,
  fork: ForkUtility = utilityProcess.fork,
): CoreHostClient {
  const config = hostConfig(dbPath, ports, 'app');
  return new CoreHostClient(() => utilityCarrier(config, fork, CORE_HOST_ENTRY), ports);
}
