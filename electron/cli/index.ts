import { runCli } from './main.ts';
import { workInTypedFolder } from './typed-folder.ts';

// Relative paths on the command line are read where the command was typed (typed-folder.ts).
workInTypedFolder('cli');

// A reader that stops early (`… | head`) closes the pipe: the rest of the output has nowhere to go, which is not a
// failure of the command — and must not end in Node's stack trace on the terminal.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

try {
  process.exitCode = await runCli(process.argv.slice(2));
} catch {
  // runCli answers every failure itself; anything escaping it is reported in Chinese, never as a stack trace.
  console.error('错误：程序内部错误，本次操作未保存。');
  process.exitCode = 1;
}
