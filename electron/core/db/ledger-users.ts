/**
 * Who has the ledger open, across processes — so that a restore never swaps the file under another process
 * (a second window, the CLI, browser mode), whose later commits would land in the replaced file and vanish.
 *
 * Every process that opens the ledger registers first: it creates a small SQLite file in `<ledger>-users/`
 * named after its pid and kind, and keeps an EXCLUSIVE lock on it (locking_mode=EXCLUSIVE + one write) for as
 * long as it has the ledger open. The operating system drops that lock when the process ends, however it
 * ends (kill -9, power cut), so "is this registration alive" is answered by trying to read the file: busy =
 * alive. No pid guessing, no stale-timeout on a live process, and it works the same on Windows and Linux
 * because SQLite does the locking.
 *
 * A restore takes `restore.lock` the same way, then looks for live registrations of other processes and
 * refuses if there is any. A process that starts meanwhile registers first and then looks at `restore.lock`:
 * whichever of the two comes second sees the first, so no interleaving lets a process write into a ledger
 * that is being replaced. Registrations of this same process are not counted: within one process every call
 * goes through the one core, which closes and reopens its own connection around the swap.
 *
 * Not covered: tools that do not register (a SQLite browser); they are the user's own doing.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../errors.ts';

export const HOLDER_KINDS = { app: '桌面程序窗口', cli: '命令行', web: '浏览器模式', other: '另一个程序' } as const;
export type HolderKind = keyof typeof HOLDER_KINDS;

export const usersDir = (ledgerFile: string) => `${ledgerFile}-users`;
const RESTORE_LOCK = 'restore.lock';
const REGISTRATION = /^(\d+)-(app|cli|web|other)-[0-9a-f]+\.lock$/;
/** An unlocked registration file younger than this may be one being created right now: not removed yet. */
const CREATING_GRACE_MS = 30_000;

/**
 * What kind of process this is, for the message another process shows ("命令行，进程号 …"), guessed for a core
 * created without `holder` (the CLI). The core hosts are told by their shell (HostConfig.holder): in browser mode's
 * worker thread the argv names the worker, and browser mode was named “另一个程序”.
 */
export function thisHolderKind(): HolderKind {
  if (process.versions.electron) return 'app';
  const script = process.argv[1] ?? '';
  if (/[\\/]cli[\\/]|cli\.m?[jt]s$/.test(script)) return 'cli';
  if (/core-server|web/.test(script)) return 'web';
  return 'other';
}

export interface Held {
  readonly file: string;
  release(): void;
}

/** Creates `file` (if needed) and holds an exclusive lock on it until release(); null when another process holds it. */
function holdLockFile(file: string, info: string): Held | null {
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = DELETE');
    // The first write takes the EXCLUSIVE lock; in exclusive locking mode it is kept until the connection closes.
    db.exec('CREATE TABLE IF NOT EXISTS holder (info TEXT)');
    db.prepare('INSERT INTO holder (info) VALUES (?)').run(info);
  } catch (e) {
    db.close();
    if (isBusy(e)) return null;
    throw e;
  }
  return {
    file,
    release() {
      if (db.open) db.close();
    },
  };
}

const isBusy = (e: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(String((e as { code?: unknown }).code ?? ''));

/** Is the lock file held by a live process? Unlocked files older than the grace time are removed as leftovers. */
function heldByAlive(file: string): boolean {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 0 });
  } catch {
    return false; // gone meanwhile: its process closed it
  }
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (e) {
    if (isBusy(e)) return true;
  } finally {
    db.close();
  }
  // Not locked: its process is gone — or it is being created right now, in which case its process takes the
  // lock next and only then looks at restore.lock, which the restorer took before looking here: it will see it
  // and back off. So "not locked" safely means "not a user"; only the file's removal waits a little.
  try {
    if (Date.now() - statSync(file).mtimeMs > CREATING_GRACE_MS) removeLockFile(file);
  } catch {
    // removed by its owner or another process meanwhile
  }
  return false;
}

/** Ledgers this process is restoring: its own reopen during the restore is not held off. */
const restoringHere = new Set<string>();

export interface LedgerUser {
  pid: number;
  kind: HolderKind;
}

/** Live registrations of other processes. */
export function otherUsers(ledgerFile: string): LedgerUser[] {
  const dir = usersDir(ledgerFile);
  if (!existsSync(dir)) return [];
  const users: LedgerUser[] = [];
  for (const name of readdirSync(dir)) {
    const m = REGISTRATION.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    if (heldByAlive(join(dir, name))) users.push({ pid: Number(m[1]), kind: m[2] as HolderKind });
  }
  return users;
}

export const describeUsers = (users: readonly LedgerUser[]) =>
  users.map((u) => `${HOLDER_KINDS[u.kind]}，进程号 ${u.pid}`).join('；');

/**
 * Registers this process as a user of the ledger (call before opening it). Refused while a restore of the
 * ledger is under way. Best effort when the folder cannot be written: then neither can the ledger's folder be
 * renamed into by a restore, so nothing is at risk.
 */
export function registerLedgerUser(ledgerFile: string, kind: HolderKind = thisHolderKind()): Held | null {
  if (ledgerFile === ':memory:') return null;
  const dir = usersDir(ledgerFile);
  let held: Held | null;
  try {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${process.pid}-${kind}-${randomBytes(6).toString('hex')}.lock`);
    held = holdLockFile(
      file,
      JSON.stringify({ pid: process.pid, host: hostname(), kind, at: new Date().toISOString() }),
    );
  } catch {
    return null;
  }
  const registration = held!;
  const lock = join(dir, RESTORE_LOCK);
  if (!restoringHere.has(ledgerFile) && existsSync(lock) && heldRestoreLock(lock)) {
    release(registration);
    throw new AppError('DB_LOCKED', '台账正在从备份恢复，请稍候片刻再打开');
  }
  return { file: registration.file, release: () => release(registration) };
}

function heldRestoreLock(lock: string): boolean {
  const db = new Database(lock, { readonly: true, fileMustExist: true, timeout: 0 });
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return false;
  } catch (e) {
    return isBusy(e);
  } finally {
    db.close();
  }
}

function release(h: Held): void {
  h.release();
  removeLockFile(h.file);
}

/**
 * A lock file and its journal: in exclusive locking mode SQLite keeps the journal between transactions (zeroed, not
 * hot), so a process killed with its registration open left a `….lock-journal` behind after its `.lock` was cleared.
 */
function removeLockFile(file: string): void {
  rmSync(file, { force: true });
  rmSync(`${file}-journal`, { force: true });
}

/**
 * Runs `fn` (a restore) only when no other process has the ledger open, holding off new ones meanwhile.
 * Refused with a Chinese message naming what to close.
 */
export async function withLedgerExclusive<T>(ledgerFile: string, fn: () => Promise<T>): Promise<T> {
  if (ledgerFile === ':memory:') return fn();
  const dir = usersDir(ledgerFile);
  mkdirSync(dir, { recursive: true });
  const lock = holdLockFile(
    join(dir, RESTORE_LOCK),
    JSON.stringify({ pid: process.pid, at: new Date().toISOString() }),
  );
  if (!lock) throw new AppError('CONFLICT', '另一个恢复操作正在进行，请等它完成后再试');
  restoringHere.add(ledgerFile);
  try {
    const users = otherUsers(ledgerFile);
    if (users.length > 0) {
      throw new AppError(
        'CONFLICT',
        `另一个程序（${describeUsers(users)}）正在使用台账，请先关闭后再恢复。本次未做任何改动。`,
      );
    }
    return await fn();
  } finally {
    restoringHere.delete(ledgerFile);
    lock.release();
  }
}
