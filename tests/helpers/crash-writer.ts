/**
 * Child process for the crash tests: opens the ledger through the real core and writes, printing a line
 * only AFTER each commit returned (an "acknowledged" commit). The parent kills it with SIGKILL.
 *   node --import tsx tests/helpers/crash-writer.ts DBFILE loop RUN
 *   node --import tsx tests/helpers/crash-writer.ts DBFILE import RUN ROWS
 * stdout to a pipe is synchronous on Linux, so a printed line means the commit had returned.
 */
import { appendChanges } from '../../electron/core/audit/change-log.ts';
import { createCore } from '../../electron/core/index.ts';
import { insertProject } from '../../electron/core/repositories/project.repository.ts';
import { parseProjectInput } from '../../electron/core/services/project.service.ts';

const [file, mode, run = '0', rowsArg = '5000'] = process.argv.slice(2);
const core = await createCore({
  dbPath: file!,
  autoBackup: false,
  operator: '崩溃测试',
  role: '录入员',
  log: () => {},
});
const write = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const input = (name: string) => ({ name, planYear: 2017, location: '镇区', scope: '崩溃测试', totalWan: '1.5' });
write('ready');

if (mode === 'loop') {
  for (let i = 1; ; i++) {
    const name = `崩溃${run}-${i}`;
    await core.dispatch('projects:create', parseProjectInput(input(name)) as never);
    write(`ack ${name}`);
  }
} else {
  // One import transaction: all rows and their change-log rows commit together or not at all.
  const rows = Number(rowsArg);
  const db = core.ctx.db;
  db.tx(() => {
    const at = new Date().toISOString();
    for (let i = 1; i <= rows; i++) {
      const id = insertProject(db, parseProjectInput(input(`导入${run}-${i}`)), at);
      appendChanges(db, '崩溃测试', at, [{ action: '导入', entity: 'project', entityId: id, projectId: id }]);
      if (i % 250 === 0) {
        write(`progress ${i}`);
        sleep(2); // keeps the transaction open long enough to be killed in the middle
      }
    }
  });
  write('done');
  core.close();
}
