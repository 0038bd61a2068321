/**
 * A full disk during a write gives the clear Chinese message and leaves an intact database; a backup
 * taken while another connection keeps writing contains every row committed before it finished.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { onlineBackup } from '../../../electron/core/backup/online-backup.ts';
import { openDatabase } from '../../../electron/core/db/connection.ts';
import { createCore } from '../../../electron/core/index.ts';
import { inspect, removeWriter, runAndKill } from '../../helpers/crash.ts';
import { tempCore, tempDir } from '../../helpers/temp-core.ts';

const tmp = tempDir('ledger-full-');
afterAll(async () => {
  tmp.cleanup();
  await removeWriter();
});
const input = (name: string) => ({ name, planYear: 2017, location: '镇区', scope: '磁盘测试', totalWan: '3' });

describe('disk full', () => {
  it('SQLITE_FULL answers 磁盘空间已满, nothing half-written, earlier rows intact', async () => {
    const t = await tempCore();
    try {
      await t.ok('app:onboard', { mode: 'demo' });
      const sqlite = t.core.ctx.db.sqlite;
      const pages = sqlite.pragma('page_count', { simple: true }) as number;
      // Cap the file a few pages above its size: SQLite then fails exactly like on a full disk.
      sqlite.pragma(`max_page_count = ${pages + 3}`);
      const written: string[] = [];
      let full: { code: string; message: string } | null = null;
      for (let i = 1; i <= 2000 && !full; i++) {
        const r = await t.call('projects:create', input(`磁盘测试${i}-${'长'.repeat(180)}`.slice(0, 100)));
        if (r.ok) written.push(r.data.name);
        else full = r.error;
      }
      expect(full).not.toBeNull();
      expect(full!.message).toContain('磁盘空间已满');
      expect(full!.message).toContain('数据库保持原样');
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      // The failed create left no project and no change-log row behind; every earlier one is there.
      const stats = await t.ok('projects:list', {});
      const names = new Set(stats.map((p) => p.name));
      expect(written.every((n) => names.has(n))).toBe(true);
      expect(stats.filter((p) => p.name.startsWith('磁盘测试'))).toHaveLength(written.length);
      expect((await t.ok('audit:verify', {})).ok).toBe(true);
      // After space is freed the same write succeeds.
      sqlite.pragma('max_page_count = 1073741823');
      expect((await t.call('projects:create', input('磁盘恢复后'))).ok).toBe(true);
    } finally {
      t.cleanup();
    }
  });
});

describe('online backup under concurrent writes', () => {
  it('contains every row committed (by another process) before the backup finished', { timeout: 60_000 }, async () => {
    const file = join(tmp.dir, 'live.db');
    (await createCore({ dbPath: file, autoBackup: false, log: () => {} })).close();
    const acked: string[] = [];
    let backupDone: Promise<void> | null = null;
    let ackedBeforeDone: string[] = [];
    const dest = join(tmp.dir, 'live-backup.db');
    const reader = openDatabase(file);
    try {
      await runAndKill([file, 'loop', '1'], {
        killWhen: (line) => {
          if (line.startsWith('ack ')) acked.push(line.slice(4));
          if (acked.length === 40 && !backupDone) {
            backupDone = onlineBackup(reader.sqlite, dest).then(() => {
              ackedBeforeDone = [...acked];
            });
          }
          return acked.length >= 200;
        },
      });
      await backupDone;
    } finally {
      reader.close();
    }
    expect(ackedBeforeDone.length).toBeGreaterThanOrEqual(40);
    const copy = new Database(dest, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      const names = new Set((copy.prepare('SELECT name FROM project').all() as { name: string }[]).map((r) => r.name));
      expect(ackedBeforeDone.filter((n) => !names.has(n))).toEqual([]);
    } finally {
      copy.close();
    }
    expect(inspect(file).integrity).toBe('ok');
  });
});
