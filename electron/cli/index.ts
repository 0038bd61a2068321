import { runCli } from './main.ts';

try {
  process.exitCode = await runCli(process.argv.slice(2));
} catch {
  // runCli answers every failure itself; anything escaping it is reported in Chinese, never as a stack trace.
  console.error('错误：程序内部错误，本次操作未保存。');
  process.exitCode = 1;
}
