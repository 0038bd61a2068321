/**
 * Child process for the commit-failure test: run under a file-size limit (bash `ulimit -f`), so that a large
 * transaction really fails while SQLite writes it (EFBIG → SQLITE_IOERR_WRITE / SQLITE_FULL). Prints one JSON
 * line — the message the clerk would be shown, what a read right after shows, the WAL's size — then kills
 * itself without closing (a power cut right after the failure: no orderly checkpoint to tidy up).
 *   bash -c 'ulimit -f N; exec node commit-failure.mjs DBFILE ROWS'
 */
import { existsSync, statSync } from 'node:fs';
import { appendChanges } from '../../electron/core/audit/change-log.ts';
import { toErrorBody } from '../../electron/core/handle-call.ts';
import { createCore } from '../../electron/core/index.ts';
import { insertProject } from '../../electron/core/repositories/project.repository.ts';
import { parseProjectInput } from '../../electron/core/services/project.service.ts';

const [file, rowsArg = '20000'] = process.argv.slice(2);
const core = await createCore({ dbPath: file!, autoBackup: false, operator: '磁盘故障测试', log: () => {} });
const db = core.ctx.db;
const count = () =>
  (db.sqlite.prepare(`SELECT count(*) AS n FROM project WHERE name LIKE '写入失败%'`).get() as { n: number }).n;
let error: { code: string; message: string } | null = null;
let sqliteCode: string | null = null;
try {
  db.tx(() => {
    const at = new Date().toISOString();
    for (let i = 1; i <= Number(rowsArg); i++) {
      const id = insertProject(
        db,
        parseProjectInput({
          name: `写入失败${i}`,
          planYear: 2017,
          location: '镇区',
          scope: '磁盘故障测试'.repeat(20),
          totalWan: '1.5',
        }),
        at,
      );
      appendChanges(db, '磁盘故障测试', at, [{ action: '新增', entity: 'project', entityId: id, projectId: id }]);
    }
  });
} catch (e) {
  sqliteCode = String((e as { code?: unknown }).code);
  error = toErrorBody(e, () => {});
}
const walBytes = existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0;
process.stdout.write(`${JSON.stringify({ error, sqliteCode, visibleAfter: count(), walBytes })}\n`);
process.kill(process.pid, 'SIGKILL');
