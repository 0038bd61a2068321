/** Worker-thread entry of the core host (browser mode): the core runs here, off the HTTP server's thread. */
import { parentPort, workerData } from 'node:worker_threads';
import { runHost } from './host.ts';
import type { HostConfig, HostMessage, ParentMessage } from './protocol.ts';

const port = parentPort!;
runHost(
  {
    post: (m: HostMessage) => port.postMessage(m),
    onMessage: (listener: (m: ParentMessage) => void) => port.on('message', listener),
  },
  workerData as HostConfig,
);
