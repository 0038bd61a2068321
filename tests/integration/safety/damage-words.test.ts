/**
 * A damaged page inside the ledger or a backup is named in Chinese: integrity_check and quick_check answer in
 * SQLite's own words (“*** in database main ***”, “Page 16: btreeInitPage() returns error code 11”, “database disk
 * image is malformed”), which reached the recovery screen and the 数据安全 page's 恢复 message as they were.
 */
import { copyFileSync, openSync, closeSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { handleCall } from '../../../electron/core/handle-call.ts';
import { createCore, createCoreOrRecovery } from '../../../electron/core/index.ts';
import { checkBackupFile } from '../../../electron/core/backup/backup-files.ts';
import { restoreProblem } from '../../../electron/core/backup/restore-check.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

/** Overwrites the first bytes of the `project` table's root page (its page type), as a bad sector would. */
function damageProjectPage(file: string): void {
  const db = new Database(file, { readonly: true });
  const root = db.prepare(`SELECT rootpage FROM sqlite_schema WHERE name = 'project'`).pluck().get() as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.from('ABCD', 'latin1'), 0, 4, (root - 1) * pageSize);
  closeSync(fd);
}

/** Letters of an English word, once the file's own name is taken out of the message. */
const english = (message: string, file: string) => message.replaceAll(basename(file), '').match(/[A-Za-z]{3,}/g);

async function closedLedger() {
  t = await tempCore({ role: '管理员' });
  await t.ok('app:onboard', { mode: 'demo' });
  const { name } = await t.ok('backups:create', { target: 'auto' });
  t.core.close();
  return { file: t.file, backup: join(t.dir, 'backups', name) };
}

describe('damage named in Chinese', () => {
  it('a backup with a damaged page: 备份文件已损坏, no SQLite words, in the check and in the restore refusal', async () => {
    const { backup } = await closedLedger();
    const copy = join(t!.dir, 'damaged-copy.db');
    copyFileSync(backup, copy);
    damageProjectPage(copy);
    for (const problem of [checkBackupFile(copy, 'full'), checkBackupFile(copy, 'quick'), restoreProblem(copy, null)]) {
      expect(problem).toMatch(/^备份文件已损坏/);
      expect(english(problem!, copy)).toBeNull();
    }
  });

  it('a ledger with a damaged page: DB_DAMAGED for the recovery screen, no SQLite words', async () => {
    const { file } = await closedLedger();
    damageProjectPage(file);
    const err = await createCore({ dbPath: file, log: () => {}, autoBackup: false }).then(
      (c) => (c.close(), null),
      (e: unknown) => e as { code: string; message: string },
    );
    expect(err).toMatchObject({ code: 'DB_DAMAGED', message: expect.stringMatching(/已损坏.*可以从它恢复/) });
    expect(english(err!.message, file)).toBeNull();
  });
});

describe('the recovery screen restores only what 恢复 would', () => {
  it('a backup changed with a SQLite tool is refused there too, and the damaged ledger stays where it was', async () => {
    const { file, backup } = await closedLedger();
    const edit = new Database(backup);
    edit.prepare(`UPDATE project SET name = '背着程序改的名称' WHERE id = 1`).run();
    edit.close();
    damageProjectPage(file);
    const rec = await createCoreOrRecovery({ dbPath: file, log: () => {}, autoBackup: false, role: '管理员' });
    expect(rec.mode).toBe('recovery');
    const r = await handleCall(rec, 'recovery:restore', { name: basename(backup) });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/不能从备份.*在程序之外被改动过/) } });
    expect(rec.mode).toBe('recovery');
    rec.close();
  });
});
