/**
 * Restore is exclusive: while a second process (here a real child process that opened the ledger through the
 * core, as the CLI or a second window would) holds the ledger, a restore is refused with a message naming it,
 * and the child's writes — before and after the refusal — survive. Once it has exited (cleanly or killed), the
 * restore goes through. A process starting while a restore holds the ledger is held off.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, rmSync, utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { settleBackupChecks } from '../../../electron/core/backup/backup.service.ts';
import { otherUsers, usersDir, withLedgerExclusive } from '../../../electron/core/db/ledger-users.ts';
import { bundleScript } from '../../helpers/crash.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
let script: Promise<string> | null = null;
const holderScript = () => (script ??= bundleScript(resolve(ROOT, 'tests/helpers/ledger-holder.ts'), 'ledger-holder'));

let t: TempCore | null = null;
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  await settleBackupChecks();
  t?.cleanup();
  t = null;
});
afterAll(async () => {
  if (script) rmSync(await script, { force: true });
});

/** A second program with the ledger open; `send` resolves with the first line that answers it. */
async function holder(file: string) {
  const child = spawn(process.execPath, [await holderScript(), file], { cwd: ROOT });
  children.push(child);
  const lines: string[] = [];
  let waiting: { test: (l: string) => boolean; done: (l: string) => void } | null = null;
  let buf = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      lines.push(line);
      if (waiting?.test(line)) {
        waiting.done(line);
        waiting = null;
      }
    }
  });
  const next = (test: (l: string) => boolean) =>
    new Promise<string>((done, fail) => {
      const seen = lines.find(test);
      if (seen) return done(seen);
      waiting = { test, done };
      child.once('exit', (code) => fail(new Error(`holder exited ${code}: ${err}`)));
    });
  const ready = await next((l) => l.startsWith('ready '));
  return {
    child,
    pid: Number(ready.split(' ')[1]),
    write: (name: string) => (
      child.stdin.write(`write ${name}\n`),
      next((l) => l === `ack ${name}` || l.startsWith('error '))
    ),
    exit: () => (child.stdin.write('exit\n'), next((l) => l === 'closed')),
    exited: () =>
      new Promise<void>((done) =>
        child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done()),
      ),
  };
}

const projectNames = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return new Set((db.prepare('SELECT name FROM project').all() as { name: string }[]).map((r) => r.name));
  } finally {
    db.close();
  }
};

describe('restore while another process holds the ledger', () => {
  it(
    'is refused naming the process, the other process keeps writing, nothing is lost; after it exits the restore works',
    { timeout: 60_000 },
    async () => {
      t = await tempCore({ role: '管理员' });
      await t.ok('app:onboard', { mode: 'demo' });
      const snap = await t.ok('backups:create', { target: 'auto' });
      const other = await holder(t.file);
      expect(await other.write('第二程序写入甲')).toBe('ack 第二程序写入甲');
      expect(otherUsers(t.file)).toEqual([{ pid: other.pid, kind: 'cli' }]);

      const backupsBefore = readdirSync(t.core.ctx.paths.backupsDir).sort();
      const refused = await t.call('backups:restore', { name: snap.name });
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.error).toMatchObject({
        code: 'CONFLICT',
        message: `另一个程序（命令行，进程号 ${other.pid}）正在使用台账，请先关闭后再恢复。本次未做任何改动。`,
      });
      // Not even the 恢复前 copy was taken: nothing at all happened.
      expect(readdirSync(t.core.ctx.paths.backupsDir).sort()).toEqual(backupsBefore);

      // The other process writes on, into the same file the app still has open.
      expect(await other.write('第二程序写入乙')).toBe('ack 第二程序写入乙');
      await other.exit();
      await other.exited();
      const names = projectNames(t.file);
      expect(names.has('第二程序写入甲') && names.has('第二程序写入乙')).toBe(true);
      expect((await t.ok('projects:list', {} as never)) as unknown).toBeTruthy();

      const r = await t.ok('backups:restore', { name: snap.name });
      expect(projectNames(t.file).has('第二程序写入乙')).toBe(false); // the backup predates them…
      expect(projectNames(`${t.core.ctx.paths.backupsDir}/${r.undoName}`).has('第二程序写入乙')).toBe(true); // …and they are kept in 恢复前
    },
  );

  it('a process killed without closing does not block a restore', { timeout: 60_000 }, async () => {
    t = await tempCore({ role: '管理员' });
    await t.ok('app:onboard', { mode: 'demo' });
    const snap = await t.ok('backups:create', { target: 'auto' });
    const other = await holder(t.file);
    await other.write('被强行结束前写入');
    other.child.kill('SIGKILL');
    await other.exited();
    expect(otherUsers(t.file)).toEqual([]);
    expect((await t.call('backups:restore', { name: snap.name })).ok).toBe(true);
    // Its registration is cleared once past the grace for files being created — with the journal SQLite kept beside it
    // (exclusive locking mode keeps the journal between transactions), which stayed as clutter after every kill -9.
    const dir = usersDir(t.file);
    const its = () => readdirSync(dir).filter((n) => n.startsWith(`${other.pid}-`));
    expect(its().length).toBeGreaterThan(0);
    const past = new Date(Date.now() - 60_000);
    for (const n of its()) utimesSync(join(dir, n), past, past);
    expect(otherUsers(t.file)).toEqual([]);
    expect(its()).toEqual([]);
  });

  it(
    'a process that starts while a restore holds the ledger is held off, and can open it afterwards',
    { timeout: 60_000 },
    async () => {
      t = await tempCore({ role: '管理员' });
      await t.ok('app:onboard', { mode: 'demo' });
      const file = t.file;
      await withLedgerExclusive(file, async () => {
        await expect(holder(file)).rejects.toThrow(/台账正在从备份恢复，请稍候片刻再打开/);
      });
      const other = await holder(file);
      expect(await other.write('恢复之后打开')).toBe('ack 恢复之后打开');
      await other.exit();
    },
  );
});
