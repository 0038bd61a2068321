/** Utility-process entry of the core host (built to out/main/core-host.js; forked by electron/main/core-process.ts). */
import { startUtilityHost } from './utility-host.ts';

if (!process.parentPort) {
  console.error('程序核心只能由桌面程序启动');
  process.exit(2);
}
void startUtilityHost(process.parentPort);
