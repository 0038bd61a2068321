// The copy kept before an import is made while the file is read (backup-ahead.ts): the clerk no longer waits for it
// after the reading. A refused or cancelled import leaves the backups as they were (no copy added, none pruned for
// it), and a write that lands while the file is read is in the backup kept, the copy being taken again.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { backupNames } from '../../../electron/core/backup/backup-files.ts';
import { settleBackupChecks } from '../../../electron/core/backup/backup.service.ts';
import { RETENTION } from '../../../electron/core/backup/retention.ts';
import { stamp } from '../../../electron/core/backup/stamp.ts';
import { stopParseWorker } from '../../../electron/core/excel/import/read.ts';
import { CANCELLED_MESSAGE, runInCallScope } from '../../../electron/core/progress.ts';
import { importApply } from '../../../electron/core/services/excel-import.service.ts';
import { createProject, parseProjectInput } from '../../../electron/core/services/project.service.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

afterAll(() => stopParseWorker());

function sheet(rows: (string | number)[][], title = '某镇2017年项目清单'): string {
  const aoa = [[title], ['序号', '项目名称', '建设地点', '建设内容', '总投资（万元）'], ...rows];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '清单');
  return (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
}
const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => [i + 1, `测试工程${i + 1}号`, '镇区', '道路硬化', 100 + i]);
const good = sheet(rows(40));
/**
 * Large enough for the search keys to be made in their worker: the import waits for them after taking its backup, and a
 * cancel sent meanwhile reaches the core then (the county-style sheet of the report had 5,000 rows). A new file each
 * time: one read before is kept and not read again, and its reading is when the backup copy is made.
 */
const large = (k: number) => sheet(rows(1200), `某镇2017年项目清单（第${k}份）`);
// Row 4: 总投资 is text no amount can be read from: an error, so nothing is imported.
const refused = sheet([
  [1, '测试工程1号', '镇区', '道路硬化', 100],
  [2, '测试工程2号', '镇区', '道路硬化', '约一百万'],
]);

/**
 * `cancelWhen`: the clerk presses 取消 while this stage is shown. `late`: the cancel reaches the core as the desktop
 * app's core process gets it — a message read when the core next waits, not in the middle of its synchronous work —
 * and, as with a county-size sheet, only once the backup copy begun beside the reading is made: pressed during
 * 检查数据 (one synchronous loop) or 导入前备份, it lands after the import has taken that copy.
 */
function withStages(t: TempCore, base64: string, cancelWhen?: (stage: string) => boolean, late = false) {
  const stages: string[] = [];
  let cancelled = false;
  let settled = false;
  const abort = new AbortController();
  const copied = () => backupNames(t.core.ctx.paths.backupsDir).some((n) => n.includes('-导入前'));
  const deliver = () => {
    if (settled) return;
    if (copied()) abort.abort();
    else setImmediate(deliver);
  };
  const done = runInCallScope(
    {
      progress: (stage) => {
        stages.push(stage);
        if (!cancelWhen?.(stage) || cancelled || abort.signal.aborted) return;
        if (late) setImmediate(deliver);
        else cancelled = true;
      },
      cancelRequested: () => cancelled,
      signal: abort.signal,
    },
    () => importApply(t.core.ctx, { fileName: '清单.xlsx', base64, duplicates: 'skip', year: 2017 }),
  );
  void done.then(
    () => (settled = true),
    () => (settled = true),
  );
  return { done, stages };
}

/** As many backups as the retention keeps by count, all from the last minute: the next one kept prunes the oldest. */
function fillBackups(t: TempCore): string[] {
  const dir = t.core.ctx.paths.backupsDir;
  mkdirSync(dir, { recursive: true });
  const now = t.core.ctx.now().getTime();
  for (let k = 1; k <= RETENTION.last; k++)
    writeFileSync(join(dir, `台账-${stamp(new Date(now - k * 2000))}-手动.db`), '');
  return backupNames(dir).sort();
}

it('the copy made while the file is read is the one kept, and no copy stage follows the reading', async () => {
  const t = await tempCore({ autoBackup: false });
  try {
    const before = backupNames(t.core.ctx.paths.backupsDir);
    const { done, stages } = withStages(t, good);
    const r = await done;
    await settleBackupChecks();
    expect(r.created).toBe(40);
    expect(backupNames(t.core.ctx.paths.backupsDir)).toEqual([...before, r.backupFile!.split(/[\\/]/).pop()]);
    expect(stages).toContain('导入前备份');
    expect(stages).not.toContain('复制数据库');
    // The backup is the ledger before the import.
    const copy = new Database(r.backupFile!, { readonly: true });
    expect(copy.prepare("SELECT count(*) FROM project WHERE name LIKE '测试工程%'").pluck().get()).toBe(0);
    copy.close();
  } finally {
    t.cleanup();
  }
});

it('a write that lands while the file is read is in the backup kept: the copy is taken again', async () => {
  const t = await tempCore({ autoBackup: false });
  try {
    const { done, stages } = withStages(t, good);
    // The import is now reading the file in its worker, its copy begun; the clerk saves a project meanwhile.
    createProject(
      t.core.ctx,
      parseProjectInput({
        name: '读表期间新建的项目',
        planYear: 2017,
        location: '镇区',
        scope: '硬化',
        totalWan: '50',
      }),
    );
    const r = await done;
    await settleBackupChecks();
    expect(stages).toContain('复制数据库');
    const copy = new Database(r.backupFile!, { readonly: true });
    expect(copy.prepare("SELECT count(*) FROM project WHERE name = '读表期间新建的项目'").pluck().get()).toBe(1);
    expect(copy.prepare("SELECT count(*) FROM project WHERE name LIKE '测试工程%'").pluck().get()).toBe(0);
    copy.close();
    // The first copy is gone: one backup for the one import.
    expect(backupNames(t.core.ctx.paths.backupsDir).filter((n) => n.includes('导入前'))).toHaveLength(1);
  } finally {
    t.cleanup();
  }
});

it('a refused file or a cancel while reading leaves the backups as they were: none added, none pruned', async () => {
  const t = await tempCore({ autoBackup: false });
  try {
    const dir = t.core.ctx.paths.backupsDir;
    const full = fillBackups(t);
    await expect(withStages(t, refused).done).rejects.toThrow(/未导入任何数据/);
    await settleBackupChecks();
    expect(backupNames(dir).sort()).toEqual(full);

    const cancelled = withStages(t, good, (stage) => stage === '检查数据');
    await expect(cancelled.done).rejects.toThrow(CANCELLED_MESSAGE);
    await settleBackupChecks();
    expect(backupNames(dir).sort()).toEqual(full);

    // The same import let through keeps its copy, and the retention prunes the oldest for it.
    const r = await withStages(t, good).done;
    await settleBackupChecks();
    const after = backupNames(dir).sort();
    expect(after).toContain(r.backupFile!.split(/[\\/]/).pop());
    expect(after).not.toContain(full[0]);
    expect(after).toHaveLength(full.length);
  } finally {
    t.cleanup();
  }
});

it('a cancel at any stage leaves the backups exactly as they were, even one that lands while the copy is taken', async () => {
  const t = await tempCore({ autoBackup: false });
  try {
    const dir = t.core.ctx.paths.backupsDir;
    const full = fillBackups(t);
    let k = 0;
    for (const stage of ['读取文件', '检查数据', '导入前备份', '写入台账'])
      for (const late of [false, true]) {
        if (stage === '写入台账' && late) continue; // the write is one synchronous transaction: a late cancel finds it done
        const run = withStages(t, large(++k), (s) => s === stage, late);
        await expect(run.done, `${stage}${late ? '（稍后送达）' : ''}`).rejects.toThrow(CANCELLED_MESSAGE);
        await settleBackupChecks();
        expect(run.stages, stage).toContain(stage);
        expect(backupNames(dir).sort(), `${stage}${late ? '（稍后送达）' : ''}`).toEqual(full);
        expect(
          t.core.ctx.db.sqlite.prepare("SELECT count(*) FROM project WHERE name LIKE '测试工程%'").pluck().get(),
        ).toBe(0);
      }
  } finally {
    t.cleanup();
  }
});
