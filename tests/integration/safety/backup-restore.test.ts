import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { settleBackupChecks } from '../../../electron/core/backup/backup.service.ts';
import { handleCall } from '../../../electron/core/handle-call.ts';
import { CANCELLED_MESSAGE } from '../../../electron/core/progress.ts';
import { CallRegistry, type CallProgress } from '../../../electron/core-host/call-registry.ts';
import { createCore, createCoreOrRecovery } from '../../../electron/core/index.ts';
import type { RecoveryStatus } from '../../../shared/schemas/safety.ts';
import { tempCore, tempDir, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

async function withSample(): Promise<TempCore> {
  t = await tempCore({ role: '管理员' }); // restores are for the 管理员
  await t.ok('app:onboard', { mode: 'demo' });
  return t;
}

/** Top-level projects of the 蒲州镇 sample (what stats:summary and the backup list count). */
const TOP = 24;
const project = (name: string) => ({ name, planYear: 2017, location: '镇区', scope: '测试用', totalWan: '12.5' });

describe('backups', () => {
  it('a manual backup into the backups folder lists with date, operator, counts and total investment', async () => {
    const c = await withSample();
    const made = await c.ok('backups:create', { target: 'auto' });
    expect(made.name).toMatch(/^台账-\d{8}-\d{6}-手动\.db$/);
    const list = await c.ok('backups:list', {});
    const info = list.backups.find((b) => b.name === made.name)!;
    expect(info).toMatchObject({ ok: true, reason: '手动', operator: '测试员', projects: TOP });
    expect(info.totalInvestmentFen).toBe((await c.ok('stats:summary', {})).totalInvestmentFen);
    // A backup is one self-contained file.
    expect(readdirSync(c.core.ctx.paths.backupsDir).filter((f) => /-(wal|shm)$/.test(f))).toEqual([]);
  });

  it('takes one daily backup at start once the ledger holds data, and only one a day', async () => {
    const c = await withSample();
    await c.reopen();
    await c.reopen();
    const daily = readdirSync(c.core.ctx.paths.backupsDir).filter((f) => f.includes('-每日'));
    expect(daily).toHaveLength(1);
  });

  it('a backup to a folder the user picked needs a token from the dialog, never a path', async () => {
    const c = await withSample();
    const usb = tempDir('usb-');
    try {
      const refused = await c.call('backups:create', { target: 'manual', destToken: usb.dir });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.code).toBe('VALIDATION');
      const before = await c.ok('backups:list', {});
      expect(before.manualReminder).toBe(true);
      const { token } = c.core.ctx.fileTokens.issue(usb.dir, 'folder');
      const made = await c.ok('backups:create', { target: 'manual', destToken: token });
      expect(existsSync(join(usb.dir, made.name))).toBe(true);
      const after = await c.ok('backups:list', {});
      expect(after.manualReminder).toBe(false);
      expect(after.lastManualAt).toBe(made.at);
      // A save token cannot be used as a folder.
      const save = c.core.ctx.fileTokens.issue(join(usb.dir, 'x.xlsx'), 'save');
      expect((await c.call('backups:create', { target: 'manual', destToken: save.token })).ok).toBe(false);
    } finally {
      usb.cleanup();
    }
  });

  it('a 取消 heard during the full check of a U盘 copy keeps no copy there; the stage is named', async () => {
    const c = await withSample();
    const usb = tempDir('usb-');
    try {
      const { token } = c.core.ctx.fileTokens.issue(usb.dir, 'folder');
      const stages: string[] = [];
      const r = await handleCall(
        c.core,
        'backups:create',
        { target: 'manual', destToken: token },
        { progress: (s) => stages.push(s), cancelRequested: () => stages.at(-1) === '全面校验备份文件' },
      );
      expect(!r.ok && r.error.message).toBe(CANCELLED_MESSAGE);
      expect(stages.at(-1)).toBe('全面校验备份文件');
      expect(readdirSync(usb.dir)).toEqual([]);
      expect((await c.ok('backups:list', {})).manualReminder).toBe(true);
    } finally {
      usb.cleanup();
    }
  });

  it('a U盘 copy cut off by a kill leaves half copies there: the next copy to that folder clears those of dead processes', async () => {
    const c = await withSample();
    const usb = tempDir('usb-');
    try {
      const dead = Number(
        spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout,
      );
      // what a copy killed mid-way leaves (online-backup.ts partialPath), and one another process is writing now
      const stale = [
        `乡镇建设项目台账-备份-20171001-090000.db.${dead}-1.partial`,
        `乡镇建设项目台账-备份-20171001-090000.db.${dead}-1.partial-journal`,
      ];
      const live = `乡镇建设项目台账-备份-20171008-090000.db.${process.pid}-99.partial`;
      for (const n of [...stale, live]) writeFileSync(join(usb.dir, n), 'half a copy');
      const { token } = c.core.ctx.fileTokens.issue(usb.dir, 'folder');
      const made = await c.ok('backups:create', { target: 'manual', destToken: token });
      expect(readdirSync(usb.dir).sort()).toEqual([made.name, live].sort());
      // and a half copy is never listed as a backup
      writeFileSync(join(c.core.ctx.paths.backupsDir, live), 'half a copy');
      expect((await c.ok('backups:list', {})).backups.map((b) => b.name)).not.toContain(live);
    } finally {
      usb.cleanup();
    }
  });

  it('the U盘 reminder names the last U盘 backup even after a restore from a copy taken before it (issue 17)', async () => {
    const c = await withSample();
    const usb = tempDir('usb-');
    try {
      // An automatic copy first (it holds no U盘 date), then the U盘 backup the office really made.
      const before = await c.ok('backups:create', { target: 'auto' });
      const { token } = c.core.ctx.fileTokens.issue(usb.dir, 'folder');
      const made = await c.ok('backups:create', { target: 'manual', destToken: token });
      expect((await c.ok('backups:list', {})).lastManualAt).toBe(made.at);
      await c.ok('backups:restore', { name: before.name });
      // The restored database's own setting knows no U盘 backup: before the fix the reminder said “还没有备份到U盘”.
      expect(
        c.core.ctx.db.sqlite.prepare("SELECT value FROM setting WHERE key = 'backup.lastManualAt'").get(),
      ).toBeUndefined();
      const after = await c.ok('backups:list', {});
      expect(after.lastManualAt).toBe(made.at);
      expect(after.manualReminder).toBe(false);
      // Restoring the U盘 copy itself: it holds the date of the U盘 backup before it (none), the file still names this one.
      const copy = join(usb.dir, made.name);
      expect(existsSync(copy)).toBe(true);
      const usbCopy = new Database(copy, { readonly: true });
      expect(usbCopy.prepare("SELECT value FROM setting WHERE key = 'backup.lastManualAt'").get()).toBeUndefined();
      usbCopy.close();
    } finally {
      usb.cleanup();
    }
  });

  it('dialog channels answer CONFLICT where no dialog can be shown, and tokens where one can', async () => {
    const c = await withSample();
    const r = await c.call('dialog:pickBackupFolder', {});
    expect(!r.ok && r.error.code).toBe('CONFLICT');
    await c.reopen({
      dialogs: {
        pickFolder: async () => '/tmp/u',
        saveFile: async (o) => `/tmp/${o.defaultName}`,
        openFile: async () => null,
      },
    });
    const picked = await c.ok('dialog:pickBackupFolder', {});
    expect(picked).toMatchObject({ label: '/tmp/u' });
    expect(picked!.token).not.toContain('/');
    expect(await c.ok('dialog:saveFile', { kind: 'xlsx', defaultName: '留痕' })).toMatchObject({ label: '留痕.xlsx' });
    expect(await c.ok('dialog:openFile', { kind: 'excel' })).toBeNull();
    expect((await c.call('dialog:saveFile', { kind: 'xlsx', defaultName: '../../etc/passwd' })).ok).toBe(false);
  });
});

describe('restore', () => {
  it('previews, restores atomically, keeps the replaced ledger and undoes', async () => {
    const c = await withSample();
    const snap = await c.ok('backups:create', { target: 'auto' });
    const created = await c.ok('projects:create', project('恢复测试新增项目'));
    const preview = await c.ok('backups:preview', { name: snap.name });
    expect(preview).toMatchObject({ ok: true, projects: TOP });

    const r = await c.ok('backups:restore', { name: snap.name });
    expect(r.undoName).toMatch(/-恢复前\.db$/);
    expect((await c.call('projects:get', { id: created.id })).ok).toBe(false);
    expect((await c.ok('audit:verify', {})).ok).toBe(true);
    const list = await c.ok('backups:list', {});
    expect(list.undo).toMatchObject({ restoredName: snap.name, undoName: r.undoName });
    expect(list.backups.find((b) => b.name === r.undoName)?.projects).toBe(TOP + 1);

    await c.ok('backups:undoRestore', {});
    expect((await c.ok('projects:get', { id: created.id })).name).toBe('恢复测试新增项目');
    expect((await c.ok('backups:list', {})).undo).toBeNull();
    expect((await c.call('backups:undoRestore', {})).ok).toBe(false);
    // The restored ledger survives a restart.
    await c.reopen();
    expect((await c.ok('projects:get', { id: created.id })).name).toBe('恢复测试新增项目');
  });

  it('a restore cancelled once the current ledger is copied changes nothing and leaves no 恢复前 copy', async () => {
    const c = await withSample();
    const made = await c.ok('backups:create', { target: 'auto' });
    await c.ok('projects:create', project('取消恢复后仍在的项目'));
    const names = () => readdirSync(c.core.ctx.paths.backupsDir).sort();
    const before = names();
    const stages: string[] = [];
    const r = await handleCall(
      c.core,
      'backups:restore',
      { name: made.name },
      // 取消 pressed once the copy is made and checked (its own 校验备份文件, after the restore's check of the backup):
      // a cancel during the copy discards the copy itself (backup-whole.test.ts).
      {
        progress: (s) => stages.push(s),
        cancelRequested: () => stages.filter((s) => s === '校验备份文件').length >= 2,
      },
    );
    expect(!r.ok && r.error.message).toBe(CANCELLED_MESSAGE);
    await settleBackupChecks();
    expect(names()).toEqual(before);
    expect((await c.ok('projects:list', {})).some((p) => p.name === '取消恢复后仍在的项目')).toBe(true);
    expect((await c.ok('backups:list', {})).undo).toBeNull();
  });

  it('a 0-byte backup (cut off by a full disk or a pulled U盘) is listed as it is: 0 bytes, 空文件, not restorable', async () => {
    const c = await withSample();
    const dir = c.core.ctx.paths.backupsDir;
    const good = await c.ok('backups:create', { target: 'auto' });
    const name = '台账-20171008-080000-每日.db';
    writeFileSync(join(dir, name), Buffer.alloc(0));
    const listed = (await c.ok('backups:list', {})).backups;
    expect(listed.find((b) => b.name === name)).toMatchObject({
      sizeBytes: 0,
      ok: false,
      state: '空文件',
      problem: expect.stringMatching(/^备份文件是空的（0 字节.*），不能用于恢复$/),
    });
    expect(listed.find((b) => b.name === good.name)).toMatchObject({ ok: true, state: '完好' });
    expect(await c.ok('backups:preview', { name })).toMatchObject({ ok: false, state: '空文件' });
    const r = await c.call('backups:restore', { name });
    expect(!r.ok && r.error.message).toMatch(/^不能从备份“.+”恢复：备份文件是空的（0 字节/);
    expect((await c.ok('stats:summary', {})).projects).toBe(TOP);
  });

  it('a backup cut short but not empty (a U盘 pulled mid-copy) is 不可用 in the list at once, not 完好 until checked, and its restore is refused', async () => {
    const c = await withSample();
    const dir = c.core.ctx.paths.backupsDir;
    const good = await c.ok('backups:create', { target: 'auto' });
    const whole = readFileSync(join(dir, good.name));
    const name = '台账-20171008-080000-每日.db';
    // The first pages only: SQLite opens it and reads its summary; the missing end shows only in a full check.
    writeFileSync(join(dir, name), whole.subarray(0, Math.floor(whole.length * 0.6)));
    const listed = (await c.ok('backups:list', {})).backups;
    expect(listed.find((b) => b.name === name)).toMatchObject({
      ok: false,
      state: '不可用',
      problem: '备份文件不完整（只有应有大小的 59%，可能是备份时磁盘已满或U盘被拔出），不能用于恢复',
    });
    expect(listed.find((b) => b.name === good.name)).toMatchObject({ ok: true, state: '完好' });
    const r = await c.call('backups:restore', { name });
    expect(!r.ok && r.error.message).toMatch(/^不能从备份“.+”恢复：备份文件不完整/);
    expect((await c.ok('stats:summary', {})).projects).toBe(TOP);
  });

  it('from 替换数据库文件 on, the core says a 取消 can no longer be kept: its reports say so, the shell refuses the cancel, the restore finishes', async () => {
    const c = await withSample();
    const made = await c.ok('backups:create', { target: 'auto' });
    await c.ok('projects:create', project('恢复后不再有的项目'));
    const calls = new CallRegistry(); // what the window polls and cancels through (Electron main, browser mode)
    const seen: { stage: string; cancellable: boolean }[] = [];
    let shown: CallProgress | null = null;
    let accepted: boolean | null = null;
    const r = await calls.run('restore-call', (opts) =>
      handleCall(
        c.core,
        'backups:restore',
        { name: made.name },
        {
          signal: opts.signal,
          // the worker's shared cancel flag, set as soon as 替换数据库文件 shows
          cancelRequested: () => seen.some((s) => s.stage === '替换数据库文件'),
          progress: (stage, percent, cancellable) => {
            opts.onProgress?.(stage, percent, cancellable);
            seen.push({ stage, cancellable });
            if (stage === '替换数据库文件' && shown === null) {
              shown = calls.progressOf('restore-call');
              accepted = calls.cancel('restore-call');
            }
          },
        },
      ),
    );
    expect(r.ok).toBe(true);
    const from = seen.findIndex((s) => s.stage === '替换数据库文件');
    expect(from).toBeGreaterThan(0);
    expect(seen.slice(0, from).every((s) => s.cancellable)).toBe(true);
    expect(seen.slice(from).every((s) => !s.cancellable)).toBe(true);
    expect(shown).toMatchObject({ running: true, stage: '替换数据库文件', cancellable: false, cancelling: false });
    expect(accepted).toBe(false);
    expect((await c.ok('projects:list', {})).some((p) => p.name === '恢复后不再有的项目')).toBe(false);
    expect((await c.ok('backups:list', {})).undo).toMatchObject({ restoredName: made.name });
  });

  it('refuses a damaged backup or a name that is a path, and changes nothing', async () => {
    const c = await withSample();
    const dir = c.core.ctx.paths.backupsDir;
    const made = await c.ok('backups:create', { target: 'auto' });
    writeFileSync(join(dir, '台账-20170101-000000-手动.db'), 'not a database');
    const bad = await c.call('backups:restore', { name: '台账-20170101-000000-手动.db' });
    expect(!bad.ok && bad.error.code).toBe('CONFLICT');
    // said in Chinese, SQLite's own English (file is not a database) left out
    expect(!bad.ok && bad.error.message).toMatch(/不是本软件的数据库文件/);
    expect(!bad.ok && bad.error.message).not.toMatch(/[A-Za-z]{4,}/);
    const seen = await c.ok('backups:preview', { name: '台账-20170101-000000-手动.db' });
    expect(seen.ok).toBe(false);
    expect(JSON.stringify(seen)).not.toMatch(/database|malformed/);
    for (const name of ['../ledger.db', '/etc/passwd.db', '..\\x.db', '.hidden.db']) {
      const r = await c.call('backups:restore', { name });
      expect(!r.ok && r.error.code).toBe('VALIDATION');
    }
    expect((await c.ok('stats:summary', {})).projects).toBe(TOP);
    expect((await c.ok('backups:preview', { name: made.name })).ok).toBe(true);
  });
});

/** The bytes of a backup of 虞乡镇's ledger (the sample under another town's name), as a clerk might copy it over. */
async function otherTownBackup(): Promise<Buffer> {
  const elsewhere = await tempCore({ role: '管理员' });
  try {
    await elsewhere.ok('app:onboard', { mode: 'demo' });
    await elsewhere.ok('settings:save', {
      townName: '虞乡镇',
      filler: '虞乡镇人民政府',
      receiver: null,
      fiscalYear: 2017,
    });
    const theirs = await elsewhere.ok('backups:create', { target: 'auto' });
    return readFileSync(join(elsewhere.core.ctx.paths.backupsDir, theirs.name));
  } finally {
    elsewhere.cleanup();
  }
}

describe('what a restore refuses (the core, whoever asks)', () => {
  /** A file dropped into the backups folder under a backup's name, then asked for by the window. */
  async function refused(c: TempCore, bytes: Buffer | null, make?: (file: string) => void) {
    const name = '台账-20170102-000000-手动.db';
    const file = join(c.core.ctx.paths.backupsDir, name);
    mkdirSync(c.core.ctx.paths.backupsDir, { recursive: true });
    if (bytes) writeFileSync(file, bytes);
    make?.(file);
    const seen = await c.ok('backups:preview', { name });
    const r = await c.call('backups:restore', { name });
    expect(!r.ok && r.error.code).toBe('CONFLICT');
    expect(seen.ok).toBe(false);
    expect((await c.ok('stats:summary', {})).projects).toBe(TOP);
    expect(await c.ok('settings:get', {})).toMatchObject({ townName: '蒲州镇' });
    return { message: !r.ok ? r.error.message : '', problem: seen.problem };
  }

  it('an empty file, or a SQLite file of another program, is no ledger', async () => {
    const c = await withSample();
    // 0 bytes: a copy cut off by a full disk or a pulled U盘, said as such (SQLite reads it as an empty database)
    expect((await refused(c, Buffer.alloc(0))).message).toMatch(/备份文件是空的（0 字节.*），不能用于恢复$/);
    const other = await refused(c, null, (file) => {
      const db = new Database(file);
      db.exec('CREATE TABLE foo (a INTEGER)');
      db.close();
    });
    expect(other.message).toMatch(/不是本软件的台账（文件中没有台账的数据表）/);
    expect(other.problem).toBe(other.message.replace(/^不能从备份“[^”]+”恢复：/, ''));
  });

  it('a backup of another town does not replace this town’s ledger, and is listed as that town’s', async () => {
    const c = await withSample();
    expect((await refused(c, await otherTownBackup())).message).toMatch(
      /这是“虞乡镇”的台账，当前台账是“蒲州镇”：不能用别的乡镇的备份替换本镇台账/,
    );
    // the list says whose it is, as the restore does (it read 完好 there, exactly like the town's own)
    expect(
      (await c.ok('backups:list', {})).backups.find((b) => b.name === '台账-20170102-000000-手动.db'),
    ).toMatchObject({
      ok: false,
      state: '其他乡镇',
      town: '虞乡镇',
      problem: expect.stringMatching(/这是“虞乡镇”的台账/),
    });
  });

  it('a backup changed with a SQLite tool is refused, naming the row (a restore would seal it as the app’s)', async () => {
    const c = await withSample();
    const ours = await c.ok('backups:create', { target: 'auto' });
    const bytes = readFileSync(join(c.core.ctx.paths.backupsDir, ours.name));
    const r = await refused(c, bytes, (file) => {
      const db = new Database(file);
      db.prepare('UPDATE project SET total_fen = total_fen + 500000000 WHERE id = (SELECT min(id) FROM project)').run();
      db.close();
    });
    expect(r.message).toMatch(/备份在程序之外被改动过：.*“项目”表中编号 \d+ 的记录与封签不符/);
    // the untouched one still restores
    await c.ok('backups:restore', { name: ours.name });
  });

  it('a ledger that signs in is not replaced by a backup without a 管理员', async () => {
    const c = await withSample();
    const before = await c.ok('backups:create', { target: 'auto' }); // taken before anyone could sign in
    await c.signIn('管理员', '王管理');
    const r = await c.call('backups:restore', { name: before.name });
    expect(!r.ok && r.error.message).toMatch(/当前台账设有管理员，而备份中没有可用的管理员/);
    expect((await c.ok('operators:list', {})).map((o) => o.name)).toEqual(['王管理']);
  });
});

describe('start-up checks and recovery', () => {
  it('a damaged database opens the recovery core, which restores the newest good backup', async () => {
    const c = await withSample();
    const good = await c.ok('backups:create', { target: 'auto' });
    const file = c.file;
    c.core.close();
    // Overwrite the middle of the file: pages of the project table become garbage.
    const fd = new Database(file);
    const pages = fd.pragma('page_count', { simple: true }) as number;
    fd.close();
    const { openSync, writeSync, closeSync } = await import('node:fs');
    const h = openSync(file, 'r+');
    writeSync(h, Buffer.alloc(4096 * Math.max(1, pages - 3), 0x5a), 0, 4096 * Math.max(1, pages - 3), 4096);
    closeSync(h);

    await expect(createCore({ dbPath: file, log: () => {} })).rejects.toMatchObject({ code: 'DB_DAMAGED' });
    const rec = await createCoreOrRecovery({ dbPath: file, log: () => {}, role: '管理员' });
    expect(rec.mode).toBe('recovery');
    const info = await handleCall(rec, 'app:info', {});
    expect(!info.ok && info.error.code).toBe('DB_DAMAGED');
    const status = await handleCall(rec, 'recovery:status', {});
    expect(status.ok && status.data).toMatchObject({ mode: 'recovery', newestGood: expect.any(String) });
    const restored = await handleCall(rec, 'recovery:restore', { name: good.name });
    expect(restored.ok).toBe(true);
    expect(rec.mode).toBe('normal');
    const stats = await handleCall(rec, 'stats:summary', {});
    expect(stats.ok && (stats.data as { projects: number }).projects).toBe(TOP);
    expect(readdirSync(join(c.core.ctx.paths.backupsDir, '已隔离')).some((f) => f.endsWith('损坏的数据库.db'))).toBe(
      true,
    );
    rec.close();
    t = null;
    const { rmSync } = await import('node:fs');
    rmSync(c.dir, { recursive: true, force: true });
  });

  for (const fault of ['damaged', 'emptied'] as const)
    it(`the recovery screen of ${fault === 'damaged' ? 'a damaged' : 'an emptied'} ledger names another town’s backup as such, never recommends it, and refuses it`, async () => {
      const c = await withSample();
      const ours = await c.ok('backups:create', { target: 'auto' });
      const dir = c.core.ctx.paths.backupsDir;
      // 虞乡镇's backup copied into this town's folder, newer than the town's own
      const theirs = '台账-20171009-080000-手动.db';
      writeFileSync(join(dir, theirs), await otherTownBackup());
      const file = c.file;
      c.core.close();
      if (fault === 'damaged') {
        // pages past the first overwritten: the 设置 may or may not still be readable
        const h = openSync(file, 'r+');
        writeSync(h, Buffer.alloc(4096 * 40, 0x5a), 0, 4096 * 40, 4096 * 4);
        closeSync(h);
      } else writeFileSync(file, Buffer.alloc(0)); // nothing left to read the town from: the anchor's key tells
      for (const s of ['-wal', '-shm']) rmSync(file + s, { force: true });
      const damaged = readFileSync(file);
      const rec = await createCoreOrRecovery({ dbPath: file, log: () => {}, role: '管理员' });
      t = null;
      try {
        expect(rec.mode).toBe('recovery');
        const status = await handleCall(rec, 'recovery:status', {});
        const s = status.ok ? (status.data as RecoveryStatus) : null;
        expect(s?.town).toBe('蒲州镇');
        expect(s?.backups.find((b) => b.name === theirs)).toMatchObject({
          ok: false,
          state: '其他乡镇',
          town: '虞乡镇',
          problem: '这是“虞乡镇”的台账，当前台账是“蒲州镇”：不能用别的乡镇的备份替换本镇台账',
        });
        expect(s?.backups.find((b) => b.name === ours.name)).toMatchObject({ ok: true, state: '完好', town: '蒲州镇' });
        expect(s?.newestGood).toBe(ours.name);
        const r = await handleCall(rec, 'recovery:restore', { name: theirs });
        expect(!r.ok && r.error).toMatchObject({
          code: 'CONFLICT',
          message: `不能从备份“${theirs}”恢复：这是“虞乡镇”的台账，当前台账是“蒲州镇”：不能用别的乡镇的备份替换本镇台账`,
        });
        expect(rec.mode).toBe('recovery');
        expect(readFileSync(file).equals(damaged)).toBe(true);
        // the town's own still comes back
        expect((await handleCall(rec, 'recovery:restore', { name: ours.name })).ok).toBe(true);
        expect(await handleCall(rec, 'settings:get', {})).toMatchObject({ ok: true, data: { townName: '蒲州镇' } });
      } finally {
        rec.close();
        rmSync(c.dir, { recursive: true, force: true });
      }
    });

  it('foreign-key breakage found at start is reported as DB_DAMAGED', async () => {
    const c = await withSample();
    c.core.close();
    const raw = new Database(c.file);
    raw.pragma('foreign_keys = OFF');
    raw.prepare('UPDATE project SET parent_id = 99999 WHERE id = (SELECT min(id) FROM project)').run();
    raw.close();
    await expect(createCore({ dbPath: c.file, log: () => {} })).rejects.toMatchObject({
      code: 'DB_DAMAGED',
      message: expect.stringContaining('关联记录不一致'),
    });
    t = null;
    const { rmSync } = await import('node:fs');
    rmSync(c.dir, { recursive: true, force: true });
  });
});
