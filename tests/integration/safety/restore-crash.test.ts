/**
 * A restore killed at any step. An outside tester restored the ledger's own older backup (24 projects) over a larger
 * ledger and killed the process the moment the file was renamed into place: the data was the restored one, but verify
 * said “留痕记录少于外部锚点记载……有留痕在程序之外被删除” for ever (the anchor still described the replaced file), the
 * change log had no 恢复备份 row and the restore could not be undone. Here a child process restores and SIGKILLs
 * itself at each named step of the swap (restore-swap.ts): before the rename the ledger stays as it was and nothing
 * of the restore remains; after it, verify holds the ledger against the anchor the restore wrote down, and the next
 * start completes the restore (anchor, change log, undo). Tampering after the crash is still found.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDatabase } from '../../../electron/cli/commands/safety.ts';
import { restoreJournalPath } from '../../../electron/core/audit/restore-anchor.ts';
import { settleBackupChecks } from '../../../electron/core/backup/backup.service.ts';
import { stagingPath } from '../../../electron/core/backup/swap.ts';
import { handleCall } from '../../../electron/core/handle-call.ts';
import { createCore, createCoreOrRecovery } from '../../../electron/core/index.ts';
import { bundleScript } from '../../helpers/crash.ts';
import { tempCore, tempDir } from '../../helpers/temp-core.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const tmp = tempDir('ledger-restore-crash-');
let script = '';
/** A ledger (the 蒲州镇 sample and more) and a backup of it taken before the more. */
const template = join(tmp.dir, 'template');
let backupName = '';
const SAMPLE = 24;
const MORE = 30;

beforeAll(async () => {
  script = await bundleScript(resolve(ROOT, 'tests/helpers/restore-crasher.ts'), 'restore-crasher');
  const t = await tempCore({ role: '管理员', autoBackup: false });
  try {
    await t.ok('app:onboard', { mode: 'demo' });
    backupName = (await t.ok('backups:create', { target: 'auto' })).name;
    for (let i = 1; i <= MORE; i++)
      await t.ok('projects:create', {
        name: `恢复后不见的项目${i}`,
        planYear: 2017,
        location: '镇区',
        scope: '测试用',
        totalWan: '3',
      });
    await settleBackupChecks();
    t.core.close();
    cpSync(t.dir, template, { recursive: true });
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
}, 60_000);
afterAll(() => {
  if (script) rmSync(script, { force: true });
  tmp.cleanup();
});

let cases = 0;
/** A fresh copy of the template ledger. */
function ledger(): string {
  const dir = join(tmp.dir, `case-${++cases}`);
  cpSync(template, dir, { recursive: true });
  return join(dir, 'ledger.db');
}

/** Runs the child until it kills itself at `step`; resolves with what it printed. */
function crashAt(file: string, mode: 'restore' | 'undo' | 'open' | 'recover', step: string): Promise<string> {
  return new Promise((done, fail) => {
    const from = mode === 'restore' || mode === 'recover' ? backupName : '-';
    const child = spawn(process.execPath, [script, file, mode, from, step], {
      cwd: ROOT,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && out.includes(`at ${step}`)) done(out);
      else fail(new Error(`child did not stop at ${step} (exit ${code} ${signal}): ${out} ${err}`));
    });
  });
}

const projects = (file: string) => count(file, 'SELECT count(*) FROM project WHERE parent_id IS NULL');
function count(file: string, sql: string, ...params: unknown[]): number {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(sql)
      .pluck()
      .get(...params) as number;
  } finally {
    db.close();
  }
}
const restoreRows = (file: string) => count(file, `SELECT count(*) FROM change_log WHERE action = '恢复备份'`);
const completionRows = (file: string) =>
  count(file, `SELECT count(*) FROM change_log WHERE action = '其他' AND reason LIKE '%替换台账文件之后中断%'`);
const rollbackRows = (file: string) =>
  count(file, `SELECT count(*) FROM change_log WHERE action = '其他' AND reason LIKE '%替换台账文件之前中断%'`);
type Notice = { at: string; ledger: string; message: string } | null;
/** What the window shows at the top after sign-in (backups:list → restoreNotice), then 知道了 and a start again. */
async function noticeOnce(file: string, call: <T>(channel: string, input: unknown) => Promise<T>): Promise<Notice> {
  const shown = (await call<{ restoreNotice: Notice }>('backups:list', {})).restoreNotice;
  await call('backups:dismissRestoreNotice', {});
  expect((await call<{ restoreNotice: Notice }>('backups:list', {})).restoreNotice).toBeNull();
  return shown;
}
async function noNoticeAfterRestart(file: string): Promise<void> {
  const again = await openAgain(file);
  try {
    expect((await again.call<{ restoreNotice: Notice }>('backups:list', {})).restoreNotice).toBeNull();
    expect(again.core.started).toEqual([]);
  } finally {
    again.core.close();
  }
}
const evidence = (file: string) => readdirSync(join(file, '..')).filter((f) => f.includes('.anchor.不符-'));

/** Opens the ledger as the app does next, and answers what the 数据安全 page would show. */
async function openAgain(file: string) {
  const core = await createCore({ dbPath: file, autoBackup: false, role: '管理员', log: () => {} });
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await handleCall(core, channel as never, input as never);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.data as T;
  };
  return { core, call };
}

describe('a restore killed before the ledger file is replaced', () => {
  // begun: while its 恢复前 copy is taken (the journal names the restore first); copied: that copy kept, nothing swapped
  for (const step of ['begun', 'copied', 'staged', 'journaled']) {
    it(
      `at “${step}” leaves the ledger as it was, nothing of the restore behind, and tells the clerk so once`,
      { timeout: 60_000 },
      async () => {
        const file = ledger();
        await crashAt(file, 'restore', step);
        expect(projects(file)).toBe(SAMPLE + MORE);
        expect(verifyDatabase(file).ok).toBe(true);

        const { core, call } = await openAgain(file);
        try {
          expect(existsSync(restoreJournalPath(file))).toBe(false);
          expect(existsSync(stagingPath(file))).toBe(false);
          expect(restoreRows(file)).toBe(0);
          expect((await call<{ undo: unknown }>('backups:list', {})).undo).toBeNull();
          expect((await call<{ ok: boolean }>('audit:verify', {})).ok).toBe(true);
          // The start said nothing to the clerk; now the window says it, and the change log keeps it.
          const told = `上次从备份“${backupName}”恢复时，在替换台账文件之前程序意外中断（如断电或被强行关闭）：台账没有被替换，仍是恢复前的数据，没有任何改动。如仍要恢复，请重新操作。`;
          expect(await noticeOnce(file, call)).toMatchObject({ ledger: '恢复前', message: told });
          // The start reports it too, in the same words (a restarted core host tells the window: client.ts).
          expect(core.started).toEqual([{ kind: 'restore-rolled-back', message: told }]);
          expect(rollbackRows(file)).toBe(1);
        } finally {
          core.close();
        }
        await noNoticeAfterRestart(file);
        expect(rollbackRows(file)).toBe(1);
        expect(evidence(file)).toEqual([]);
        expect(verifyDatabase(file).ok).toBe(true);
      },
    );
  }
});

describe('a restore killed after the ledger file is replaced', () => {
  for (const step of ['swapped', 'anchored', 'undone']) {
    it(
      `at “${step}”: verify is clean before and after the next start, which completes it`,
      { timeout: 60_000 },
      async () => {
        const file = ledger();
        await crashAt(file, 'restore', step);
        expect(projects(file)).toBe(SAMPLE);
        // Swapped in already in WAL mode (header bytes 18–19): opening it writes nothing through a rollback journal,
        // which a kill could leave hot for the read-only opens below.
        expect([...readFileSync(file).subarray(18, 20)]).toEqual([2, 2]);
        expect(existsSync(`${file}-journal`)).toBe(false);
        // Before anything opens it again (the tester's `verify` right after the kill): no tampering is reported.
        const before = verifyDatabase(file);
        expect(before.audit.message).not.toMatch(/程序之外|不符/);
        expect(before.ok).toBe(true);
        expect(before.audit.message).toContain('再次打开台账时自动完成恢复');

        const { core, call } = await openAgain(file);
        try {
          expect(existsSync(restoreJournalPath(file))).toBe(false);
          expect(restoreRows(file)).toBe(1);
          expect(completionRows(file)).toBe(1);
          const v = await call<{ ok: boolean; message: string }>('audit:verify', {});
          expect(v.ok, v.message).toBe(true);
          expect(v.message).not.toContain('尚未锚定');
          const list = await call<{ undo: { restoredName: string; undoName: string } | null }>('backups:list', {});
          expect(list.undo?.restoredName).toBe(backupName);
          const told = `上次从备份“${backupName}”恢复时，在替换台账文件之后程序意外中断（如断电或被强行关闭）：再次打开台账时已把这次恢复做完，台账现在是这份备份的数据。恢复前的数据已另存为备份“${list.undo?.undoName}”，如恢复错了，可在“数据安全”中点“撤销恢复”。`;
          expect(await noticeOnce(file, call)).toMatchObject({ ledger: '已恢复', message: told });
          expect(core.started).toEqual([{ kind: 'restore-finished', message: told }]);
          expect(rollbackRows(file)).toBe(0);
          // And it can be undone: the larger ledger is back.
          await call('backups:undoRestore', {});
          expect((await call<{ ok: boolean }>('audit:verify', {})).ok).toBe(true);
        } finally {
          core.close();
        }
        expect(projects(file)).toBe(SAMPLE + MORE);
        expect(evidence(file)).toEqual([]);
        expect(verifyDatabase(file).ok).toBe(true);
      },
    );
  }

  it(
    'a start killed while it completes the restore completes it once at the start after',
    { timeout: 60_000 },
    async () => {
      const file = ledger();
      await crashAt(file, 'restore', 'swapped');
      await crashAt(file, 'open', 'noted');
      expect(verifyDatabase(file).ok).toBe(true);
      const { core, call } = await openAgain(file);
      try {
        expect(completionRows(file)).toBe(1);
        expect((await call<{ ok: boolean }>('audit:verify', {})).ok).toBe(true);
        expect((await call<{ undo: unknown }>('backups:list', {})).undo).not.toBeNull();
        expect((await noticeOnce(file, call))?.ledger).toBe('已恢复');
      } finally {
        core.close();
      }
      expect(evidence(file)).toEqual([]);
    },
  );

  it('an undo killed after its swap is completed too, and is not itself undoable', { timeout: 60_000 }, async () => {
    const file = ledger();
    await crashAt(file, 'restore', 'undone');
    (await openAgain(file)).core.close();
    await crashAt(file, 'undo', 'swapped');
    expect(projects(file)).toBe(SAMPLE + MORE);
    expect(verifyDatabase(file).ok).toBe(true);
    const { core, call } = await openAgain(file);
    try {
      expect((await call<{ undo: unknown }>('backups:list', {})).undo).toBeNull();
      expect((await call<{ ok: boolean }>('audit:verify', {})).ok).toBe(true);
    } finally {
      core.close();
    }
    expect(evidence(file)).toEqual([]);
  });
});

describe('tampering after an interrupted restore is still found', () => {
  it(
    'a restored row edited before the next start is named by verify, before and after',
    { timeout: 60_000 },
    async () => {
      const file = ledger();
      await crashAt(file, 'restore', 'swapped');
      const raw = new Database(file);
      const id = raw.prepare('SELECT min(id) FROM project').pluck().get() as number;
      raw.prepare('UPDATE project SET total_fen = total_fen * 10 WHERE id = ?').run(id);
      raw.close();
      const before = verifyDatabase(file);
      expect(before.ok).toBe(false);
      expect(before.audit.message).toContain(`编号 ${id} `);
      const { core, call } = await openAgain(file);
      try {
        const v = await call<{ ok: boolean; message: string }>('audit:verify', {});
        expect(v.ok).toBe(false);
        expect(v.message).toContain(`编号 ${id} `);
      } finally {
        core.close();
      }
    },
  );

  it(
    'a row deleted together with its seal disagrees with the anchor the restore wrote down',
    { timeout: 60_000 },
    async () => {
      const file = ledger();
      await crashAt(file, 'restore', 'swapped');
      const raw = new Database(file);
      // A table nothing refers to (a deleted project would break references, and the start would refuse the file).
      const rowid = raw.prepare('SELECT max(rowid) FROM setting').pluck().get() as number;
      raw.exec(`DELETE FROM setting WHERE rowid = ${rowid};
      DELETE FROM row_seal WHERE tbl = 'setting' AND rk = '${rowid}'; UPDATE seal_state SET n = n - 1 WHERE tbl = 'setting';`);
      raw.close();
      expect(verifyDatabase(file).ok).toBe(false);
      const { core, call } = await openAgain(file);
      try {
        // The completion is not written over a ledger that is not as the restore left it, and the clerk is told so.
        expect(completionRows(file)).toBe(0);
        expect(core.started.map((n) => n.kind)).toEqual(['restore-unclear', 'anchor-mismatch']);
        expect(await noticeOnce(file, call)).toMatchObject({
          ledger: '待核对',
          message: expect.stringMatching(
            /台账已是这份备份的数据，但与恢复时记下的不符.*请在“数据安全”中点“校验留痕”查看。$/,
          ),
        });
        const v = await call<{ ok: boolean; message: string }>('audit:verify', {});
        expect(v.ok).toBe(false);
        expect(v.message).toContain('“设置”表');
      } finally {
        core.close();
      }
      expect(evidence(file)).toHaveLength(1);
    },
  );
});

describe('a recovery from the start-up screen (a ledger that cannot be opened) killed at any step', () => {
  const fingerprint = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
  /** The template ledger with its header overwritten: DB_DAMAGED at start. */
  function damaged(): { file: string; bytes: string } {
    const file = ledger();
    const bytes = readFileSync(file);
    bytes.write('this is not the sqlite header', 0, 'latin1');
    writeFileSync(file, bytes);
    return { file, bytes: fingerprint(file) };
  }
  const keptAside = (file: string) => readdirSync(join(file, '..', 'backups', '已隔离'));

  for (const step of ['journaled', 'set-aside']) {
    it(
      `at “${step}” the damaged file is still in place, untouched, and can be recovered again`,
      { timeout: 60_000 },
      async () => {
        const { file, bytes } = damaged();
        await crashAt(file, 'recover', step);
        expect(fingerprint(file)).toBe(bytes);
        const rec = await createCoreOrRecovery({ dbPath: file, autoBackup: false, role: '管理员', log: () => {} });
        try {
          expect(rec.mode).toBe('recovery');
          const r = await handleCall(rec, 'recovery:restore', { name: backupName });
          expect(r.ok, JSON.stringify(r)).toBe(true);
          const v = await handleCall(rec, 'audit:verify', {});
          expect(v.ok && (v.data as { ok: boolean }).ok).toBe(true);
        } finally {
          rec.close();
        }
        expect(projects(file)).toBe(SAMPLE);
        expect(existsSync(restoreJournalPath(file))).toBe(false);
        expect(evidence(file)).toEqual([]);
        expect(verifyDatabase(file).ok).toBe(true);
      },
    );
  }

  for (const step of ['swapped', 'anchored']) {
    it(
      `at “${step}” the next start completes it; the damaged file is kept byte for byte`,
      { timeout: 60_000 },
      async () => {
        const { file, bytes } = damaged();
        await crashAt(file, 'recover', step);
        expect(projects(file)).toBe(SAMPLE);
        expect(verifyDatabase(file).ok).toBe(true);
        const aside = keptAside(file).filter((n) => n.endsWith('损坏的数据库.db'));
        expect(aside).toHaveLength(1);
        expect(fingerprint(join(file, '..', 'backups', '已隔离', aside[0]!))).toBe(bytes);

        const { core, call } = await openAgain(file);
        try {
          expect(restoreRows(file)).toBe(1);
          expect(completionRows(file)).toBe(1);
          expect((await call<{ ok: boolean }>('audit:verify', {})).ok).toBe(true);
          expect(await noticeOnce(file, call)).toMatchObject({
            ledger: '已恢复',
            message: expect.stringMatching(
              /台账现在是这份备份的数据。无法打开的原台账文件已原样移到备份文件夹的“已隔离”中。$/,
            ),
          });
        } finally {
          core.close();
        }
        expect(evidence(file)).toEqual([]);
        expect(readdirSync(join(file, '..')).some((f) => f.includes('.anchor.恢复前-'))).toBe(true);
      },
    );
  }
});
