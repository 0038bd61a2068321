/**
 * Child process for the restore-exclusivity tests: a second program (like the CLI or another window) that
 * opens the ledger through the real core and keeps it open, writing a project per "write NAME" line on stdin
 * and answering "ack NAME" after the commit returned; "exit" closes the core and ends the process.
 *   node holder.mjs DBFILE
 */
import { createInterface } from 'node:readline';
import { createCore } from '../../electron/core/index.ts';
import { parseProjectInput } from '../../electron/core/services/project.service.ts';

const [file] = process.argv.slice(2);
const core = await createCore({
  dbPath: file!,
  autoBackup: false,
  operator: '第二个程序',
  holder: 'cli',
  log: () => {},
});
const say = (line: string) => process.stdout.write(`${line}\n`);
say(`ready ${process.pid}`);
for await (const line of createInterface({ input: process.stdin })) {
  const [cmd, name] = line.split(' ');
  if (cmd === 'write') {
    try {
      await core.dispatch(
        'projects:create',
        parseProjectInput({
          name: name!,
          planYear: 2017,
          location: '镇区',
          scope: '第二个程序写入',
          totalWan: '2',
        }) as never,
      );
      say(`ack ${name}`);
    } catch (e) {
      say(`error ${(e as Error).message}`);
    }
  } else if (cmd === 'exit') {
    core.close();
    say('closed');
    process.exit(0);
  }
}
