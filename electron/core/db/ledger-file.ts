/**
 * What is wrong with a ledger file that cannot be opened — named truly, because each fault has its own safe
 * action and the wrong name invites the wrong one (a locked or unreadable ledger is healthy: restoring a backup
 * over it would throw away its newest work):
 *   locked (another program holds it)      → close that program, retry; never restore over it
 *   unreadable (permissions, disk error)   → fix access or the disk, retry; never restore over it
 *   empty (0 bytes)                        → restore the newest backup (the empty file is kept aside)
 *   foreign (SQLite, but not a ledger)     → check the data path; the file is never migrated or changed
 *   newer version                          → install the newer version (or restore; the file is kept aside)
 *   damaged                                → restore the newest good backup (the file is kept aside)
 * Everything here reads only; nothing is created, migrated or replaced.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../errors.ts';

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Codes of start-up faults that leave the file healthy: retrying is the action, restoring is refused. */
export const TRANSIENT_DB_CODES = new Set(['DB_LOCKED', 'DB_UNREADABLE']);
/** Every code for which an adapter with a UI opens the recovery screen instead of failing. */
export const RECOVERY_DB_CODES = new Set([
  'DB_LOCKED',
  'DB_UNREADABLE',
  'DB_EMPTY',
  'DB_FOREIGN',
  'DB_FROM_FUTURE',
  'DB_DAMAGED',
]);

export const lockedMessage = (file: string) =>
  `台账文件“${basename(file)}”正被另一个程序独占使用（另一个窗口、命令行或数据库工具正在写入它）。文件本身没有损坏：请关闭那个程序后点“重试”，不要用备份覆盖它。`;

const unreadableMessage = (file: string, why: string) =>
  `无法读取台账文件“${basename(file)}”（${why}）。文件本身可能完好：请检查文件权限、硬盘或U盘连接后点“重试”；不要用备份覆盖它。如怀疑硬盘有故障，请先把整个数据文件夹复制到别处。`;

const damagedMessage = (file: string, why: string) => `台账文件“${basename(file)}”已损坏（${why}），无法打开。`;

/**
 * What integrity_check or quick_check found, when it is not ok: their rows (*** in database main ***, Page 16:
 * btreeInitPage() returns error code 11, row 5 missing from index …) are SQLite's English, for a clerk one fact.
 */
export const INTEGRITY_FAILED = '完整性检查未通过';

/**
 * Why SQLite or the file system refused, in Chinese: their own messages (database disk image is malformed, file is
 * not a database, ENOSPC…) are English and reached the 数据安全 page and the CLI as they were.
 */
export function faultReasonCn(e: unknown): string {
  const code = String((e as { code?: unknown })?.code ?? '');
  const msg = String((e as Error)?.message ?? e);
  if (code === 'SQLITE_NOTADB' || /not a database/i.test(msg)) return '不是本软件的数据库文件';
  if (code.startsWith('SQLITE_CORRUPT') || /malformed|corrupt/i.test(msg)) return '文件内容已损坏';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || /no space|disk is full/i.test(msg)) return '磁盘空间已满';
  if (/^(EACCES|EPERM|EROFS)$/.test(code) || /^SQLITE_(PERM|AUTH|READONLY)/.test(code)) return '没有读写权限';
  if (code === 'EIO' || code.startsWith('SQLITE_IOERR') || /I\/O error/i.test(msg)) return '磁盘读写出错';
  if (/^(ENOENT|EISDIR|ENOTDIR)$/.test(code) || code.startsWith('SQLITE_CANTOPEN') || /unable to open/i.test(msg))
    return '无法打开文件';
  if (/^SQLITE_(BUSY|LOCKED)/.test(code) || code === 'EBUSY') return '文件正被另一个程序使用';
  return '原因无法识别';
}

/** A SQLite or file-system error met while opening/reading the ledger, as the fault it really is. */
export function ledgerFault(e: unknown, file: string): AppError {
  if (e instanceof AppError) return e;
  const code = String((e as { code?: unknown })?.code ?? '');
  if (/^SQLITE_(BUSY|LOCKED)/.test(code) || code === 'EBUSY') return new AppError('DB_LOCKED', lockedMessage(file));
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
    return new AppError('DB_DAMAGED', damagedMessage(file, faultReasonCn(e)));
  if (
    code === 'EACCES' ||
    code === 'EPERM' ||
    code.startsWith('SQLITE_PERM') ||
    code.startsWith('SQLITE_AUTH') ||
    code.startsWith('SQLITE_READONLY')
  )
    return new AppError('DB_UNREADABLE', unreadableMessage(file, '没有读写权限'));
  if (code === 'EIO' || code.startsWith('SQLITE_IOERR'))
    return new AppError('DB_UNREADABLE', unreadableMessage(file, '磁盘读写出错'));
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'EISDIR' || code === 'ENOTDIR')
    return new AppError('DB_UNREADABLE', unreadableMessage(file, '无法打开'));
  return new AppError('DB_DAMAGED', damagedMessage(file, faultReasonCn(e)));
}

export type LedgerFileKind = 'missing' | 'new' | 'ledger';

/**
 * Looks at the file before anything opens it for writing. Throws the fault (see above); returns 'missing' (first
 * start), 'new' (a SQLite file with no tables yet: a first start that stopped before creating them) or 'ledger'.
 */
export function diagnoseLedgerFile(file: string): LedgerFileKind {
  if (file === ':memory:') return 'new';
  let size: number;
  try {
    if (!existsSync(file)) return 'missing';
    const st = statSync(file);
    if (!st.isFile()) throw Object.assign(new Error('不是文件'), { code: 'EISDIR' });
    size = st.size;
    const fd = openSync(file, 'r');
    try {
      const head = Buffer.alloc(HEADER.length);
      const n = readSync(fd, head, 0, head.length, 0);
      if (size > 0 && (n < HEADER.length || !head.equals(HEADER)))
        throw new AppError('DB_DAMAGED', damagedMessage(file, '文件头不是 SQLite 数据库'));
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    throw ledgerFault(e, file);
  }
  if (size === 0) {
    const wal = `${file}-wal`;
    // Pages still in the WAL would make it a real database; only a file with nothing anywhere is "empty".
    if (!existsSync(wal) || statSync(wal).size === 0)
      throw new AppError(
        'DB_EMPTY',
        `台账文件“${basename(file)}”是空的（0 字节），里面没有任何数据（可能是上次写入时断电，或被其他程序清空）。请从备份恢复；空文件会原样移到备份文件夹的“已隔离”中保存。`,
      );
  }
  let db: Database.Database | null = null;
  try {
    // A short wait: another program's commit in progress is not a lock on the ledger.
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 1000 });
    const tables = (
      db
        .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
        .all() as { name: string }[]
    ).map((r) => r.name);
    if (tables.length === 0) return 'new';
    if (!tables.includes('schema_migration')) {
      const shown = tables.slice(0, 6).join('、') + (tables.length > 6 ? ` 等 ${tables.length} 张表` : '');
      throw new AppError(
        'DB_FOREIGN',
        `文件“${basename(file)}”是一个 SQLite 数据库，但不是本软件的台账（其中的表：${shown}）。为保护该文件，本软件不会修改它。请确认数据文件的位置是否指错了文件；如要改用备份中的台账，可以从备份恢复，该文件会原样移到“已隔离”中保存。`,
      );
    }
    return 'ledger';
  } catch (e) {
    // A read-only look cannot always read a WAL ledger left by a crash (no -shm yet): let the normal open decide.
    if (String((e as { code?: unknown })?.code ?? '').startsWith('SQLITE_READONLY')) return 'ledger';
    throw ledgerFault(e, file);
  } finally {
    db?.close();
  }
}
