/**
 * Backups are whole: the attachment files travel inside the backup with their sha256, come back byte for byte
 * on restore, are checked by `verify`; a stored path outside the attachments folder is refused at restore and
 * at read/delete time. Also: two backups in the same second, and unfinished .partial copies.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyDatabase } from '../../../electron/cli/commands/safety.ts';
import { resolveStoredPath, sha256Of } from '../../../electron/core/attachments/store.ts';
import { settleBackupChecks, takeBackup } from '../../../electron/core/backup/backup.service.ts';
import { handleCall } from '../../../electron/core/handle-call.ts';
import { CANCELLED_MESSAGE } from '../../../electron/core/progress.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';
import { TINY_PNG } from '../printables/fixture.ts';

let t: TempCore | null = null;
afterEach(async () => {
  await settleBackupChecks();
  t?.cleanup();
  t = null;
});

// A minimal PDF and a second picture: different bytes, different kinds.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const PNG2 = Buffer.concat([TINY_PNG, Buffer.from('tail bytes that make it a different file')]);

async function ledgerWithAttachments() {
  t = await tempCore({ role: '管理员' });
  await t.ok('app:onboard', { mode: 'demo' });
  const p = await t.ok('projects:create', {
    name: '附件备份测试项目',
    planYear: 2017,
    location: '镇区',
    scope: '测试用',
    totalWan: '3',
  });
  const files = [
    { kind: '现场照片-前' as const, fileName: '施工前.png', bytes: TINY_PNG },
    { kind: '批复' as const, fileName: '批复.pdf', bytes: PDF },
    { kind: '现场照片-后' as const, fileName: '施工后.png', bytes: PNG2 },
  ];
  const rows = [];
  for (const f of files)
    rows.push(
      await t.ok('attachments:add', {
        projectId: p.id,
        kind: f.kind,
        fileName: f.fileName,
        dataBase64: f.bytes.toString('base64'),
      }),
    );
  return { t, projectId: p.id, files, rows };
}

function storedPathOf(file: string, id: number): string {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT stored_path FROM attachment WHERE id = ?').get(id) as { stored_path: string })
      .stored_path;
  } finally {
    db.close();
  }
}

describe('attachments inside backups', () => {
  it('a backup carries every attachment; restore puts them back byte for byte; verify checks their hashes', async () => {
    const { t, files, rows } = await ledgerWithAttachments();
    const b = await t.ok('backups:create', { target: 'auto' });
    const backupFile = join(t.core.ctx.paths.backupsDir, b.name);
    await settleBackupChecks();
    expect(existsSync(backupFile)).toBe(true); // the full check (hashes included) passed: not set aside

    const v = verifyDatabase(backupFile);
    expect(v).toMatchObject({ ok: true, attachments: { checked: 3, missing: 0, problem: null } });

    // The attachments folder is lost (a new PC, a wiped disk): only the backup is left.
    rmSync(t.core.ctx.paths.attachmentsDir, { recursive: true, force: true });
    expect((await t.call('attachments:get', { id: rows[0]!.id })).ok).toBe(false);

    await t.ok('backups:restore', { name: b.name });
    for (const [i, row] of rows.entries()) {
      const file = resolveStoredPath(t.core.ctx.paths.attachmentsDir, storedPathOf(t.file, row.id));
      expect(readFileSync(file).equals(files[i]!.bytes), files[i]!.fileName).toBe(true);
      const got = await t.ok('attachments:get', { id: row.id });
      expect(Buffer.from(got.dataUrl.split(',')[1]!, 'base64').equals(files[i]!.bytes)).toBe(true);
    }
    // The live ledger keeps attachments in the folder only: the carried copy is not in it.
    const live = new Database(t.file, { readonly: true });
    expect(live.prepare(`SELECT name FROM sqlite_schema WHERE name = 'backup_attachment_file'`).get()).toBeUndefined();
    live.close();
    expect(verifyDatabase(t.file)).toMatchObject({ ok: true, attachments: { checked: 3, missing: 0, problem: null } });
  });

  it('a backup whose carried bytes were altered fails verify and is refused for restore', async () => {
    const { t } = await ledgerWithAttachments();
    const b = await t.ok('backups:create', { target: 'auto' });
    await settleBackupChecks();
    const backupFile = join(t.core.ctx.paths.backupsDir, b.name);
    const db = new Database(backupFile);
    db.prepare(`UPDATE backup_attachment_file SET bytes = ? WHERE rowid = 1`).run(Buffer.from('forged'));
    db.close();
    const v = verifyDatabase(backupFile);
    expect(v.ok).toBe(false);
    expect(v.attachments.problem).toMatch(/内容与其校验值不符/);
    const r = await t.call('backups:restore', { name: b.name });
    expect(!r.ok && r.error.message).toMatch(/不能从备份.*内容与其校验值不符/);
  });

  it.each(['../../../../etc/passwd', '/etc/passwd', 'ab/../../outside.png'])(
    'a backup pointing an attachment at %s is refused, and nothing changes',
    async (evil) => {
      const { t, rows } = await ledgerWithAttachments();
      const b = await t.ok('backups:create', { target: 'auto' });
      await settleBackupChecks();
      const backupFile = join(t.core.ctx.paths.backupsDir, b.name);
      const db = new Database(backupFile);
      db.prepare('UPDATE attachment SET stored_path = ? WHERE id = ?').run(evil, rows[0]!.id);
      db.close();
      await t.ok('projects:create', {
        name: '恢复前新增',
        planYear: 2017,
        location: '镇区',
        scope: '测试用',
        totalWan: '1',
      });
      const before = (await t.ok('stats:summary', {})).projects;
      const r = await t.call('backups:restore', { name: b.name });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.message).toMatch(/不能从备份.*附件路径.*不在附件文件夹内/);
      expect((await t.ok('stats:summary', {})).projects).toBe(before);
      expect(verifyDatabase(backupFile).ok).toBe(false);
    },
  );

  it('a stored path outside the folder in the live ledger is refused for reading and deleting; the outside file stays', async () => {
    const { t, rows } = await ledgerWithAttachments();
    const outside = join(t.dir, 'outside-secret.png');
    writeFileSync(outside, TINY_PNG);
    t.core.ctx.db.sqlite
      .prepare('UPDATE attachment SET stored_path = ? WHERE id = ?')
      .run('../outside-secret.png', rows[0]!.id);
    const get = await t.call('attachments:get', { id: rows[0]!.id });
    expect(!get.ok && get.error).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/不在附件文件夹内/),
    });
    const del = await t.call('attachments:remove', { id: rows[0]!.id });
    expect(!del.ok && del.error.code).toBe('FORBIDDEN');
    expect(existsSync(outside)).toBe(true);
    expect((await t.ok('attachments:list', { projectId: rows[0]!.projectId })).length).toBe(3); // nothing written
  });
});

describe('a backup of many attachments is long work (issue 16)', () => {
  it('shows a 复制附件 stage that moves file by file, and a 取消 there leaves no backup file', async () => {
    const { t } = await ledgerWithAttachments();
    const names = () => readdirSync(join(t.dir, 'backups')).sort();
    const seen: string[] = [];
    await handleCall(t.core, 'backups:create', { target: 'auto' }, { progress: (s, p) => seen.push(`${s} ${p}`) });
    expect(seen.filter((s) => s.startsWith('复制附件'))).toEqual(['复制附件 42', '复制附件 61', '复制附件 80']);
    const before = names();

    const cancelled = await handleCall(
      t.core,
      'backups:create',
      { target: 'auto' },
      { progress: (s) => seen.push(s), cancelRequested: () => seen.at(-1) === '复制附件' },
    );
    expect(!cancelled.ok && cancelled.error.message).toBe(CANCELLED_MESSAGE);
    await settleBackupChecks();
    expect(names()).toEqual(before);
  });

  it('a 取消 heard after the last file is copied, before the copy takes its name, still leaves no backup file', async () => {
    // On a fast disk the 复制附件 stage passes in a second: the clerk's 取消 arrives once the files are all read.
    const { t } = await ledgerWithAttachments();
    const names = () => (existsSync(join(t.dir, 'backups')) ? readdirSync(join(t.dir, 'backups')).sort() : []);
    const before = names();
    let last = '';
    let asksSinceLastFile = 0;
    const cancelled = await handleCall(
      t.core,
      'backups:create',
      { target: 'auto' },
      {
        progress: (s, p) => (last = `${s} ${p}`),
        // The first ask after 复制附件 80 comes before the last file is read; the second after it.
        cancelRequested: () => last === '复制附件 80' && ++asksSinceLastFile === 2,
      },
    );
    expect(asksSinceLastFile).toBe(2);
    expect(!cancelled.ok && cancelled.error.message).toBe(CANCELLED_MESSAGE);
    await settleBackupChecks();
    expect(names()).toEqual(before);
  });
});

describe('backup files on disk', () => {
  it('two backups taken in the same second get their own names and are both whole', async () => {
    const { t } = await ledgerWithAttachments(); // the clock of tempCore stands still: every backup is "the same second"
    const [a, b, c] = await Promise.all([
      takeBackup(t.core.ctx, '手动'),
      takeBackup(t.core.ctx, '手动'),
      takeBackup(t.core.ctx, '每日'),
    ]);
    expect(new Set([a.name, b.name, c.name]).size).toBe(3);
    await settleBackupChecks();
    for (const x of [a, b, c])
      expect(verifyDatabase(x.file), x.name).toMatchObject({ ok: true, attachments: { checked: 3 } });
    expect(readdirSync(t.core.ctx.paths.backupsDir).filter((n) => n.includes('.partial'))).toEqual([]);
  });

  it('an unfinished copy left by a dead process is removed at start; one of a live process is kept', async () => {
    t = await tempCore({ role: '管理员' });
    const dir = t.core.ctx.paths.backupsDir;
    mkdirSync(dir, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    const stale = `台账-20171008-090000-手动.db.${deadPid}-1.partial`;
    const legacy = '台账-20171008-090000-每日.db.partial';
    const live = `台账-20171008-090000-手动.db.${process.pid}-99.partial`;
    for (const n of [stale, legacy, live]) writeFileSync(join(dir, n), 'half a copy');
    await t.reopen();
    const left = readdirSync(dir);
    expect(left).not.toContain(stale);
    expect(left).not.toContain(legacy);
    expect(left).toContain(live);
    expect(sha256Of(readFileSync(join(dir, live)))).toBe(sha256Of(Buffer.from('half a copy')));
  });
});
