/**
 * Runs in the child process that the stand-in utilityProcess.fork starts (utility-fork.ts): gives the module
 * Electron's `process.parentPort` over Node's IPC channel, then loads it. Like Electron's parentPort, messages wait
 * until someone listens, and each arrives as a MessageEvent-like `{ data }` (Node's 'advanced' serialization is a
 * structured clone, as Electron's is).
 *   node --import tsx utility-child.ts ENTRY [ARGS…]
 */
import { pathToFileURL } from 'node:url';

type Listener = (event: { data: unknown }) => void;
const listeners: Listener[] = [];
const waiting: unknown[] = [];
process.on('message', (data) => {
  if (listeners.length === 0) waiting.push(data);
  else for (const l of listeners) l({ data });
});
// The parent is gone (killed test runner, closed channel): so is this stand-in utility process, as in Electron.
process.on('disconnect', () => process.exit(0));

const parentPort = {
  on(event: string, listener: Listener) {
    if (event !== 'message') return parentPort;
    listeners.push(listener);
    for (const data of waiting.splice(0)) listener({ data });
    return parentPort;
  },
  postMessage(message: unknown) {
    if (process.connected) process.send!(message);
  },
};
Object.defineProperty(process, 'parentPort', { value: parentPort });

const entry = process.argv[2];
if (!entry) {
  console.error('utility-child: 缺少入口模块');
  process.exit(2);
}
await import(pathToFileURL(entry).href);
