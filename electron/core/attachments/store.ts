/**
 * The attachments folder: content-addressed files under attachments/<sha prefix>/<sha>.<ext>. Every path
 * read from a database (attachment.stored_path) goes through resolveStoredPath, because a database can come
 * from elsewhere (a backup on a U盘, a file edited with a SQLite tool): a stored path that is not exactly
 * our own form, or that would leave the folder, is refused instead of being read, written or deleted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { AppError } from '../errors.ts';

/** Where the bytes with this hash are kept (relative to the attachments folder). */
export const storedPathFor = (sha256: string, ext: string) => join(sha256.slice(0, 2), `${sha256}.${ext}`);

/** Our own form only: two hex digits, a separator ("/" or, written on Windows, "\"), the hash, a short extension. */
const STORED_PATH = /^([0-9a-f]{2})[/\\]([0-9a-f]{64})\.[a-z0-9]{1,5}$/;

/**
 * The file inside `dir` that `storedPath` names, or an AppError saying why not. With `sha256`, the path must
 * also be the one for those bytes (a row cannot borrow another file's name).
 */
export function resolveStoredPath(dir: string, storedPath: string, sha256?: string): string {
  const m = STORED_PATH.exec(storedPath);
  const refuse = () =>
    new AppError(
      'FORBIDDEN',
      `附件路径“${storedPath.slice(0, 120)}”不在附件文件夹内或格式不对，已拒绝读取或删除（数据库可能来自不可信的来源）`,
    );
  if (!m || m[1] !== m[2]!.slice(0, 2) || (sha256 !== undefined && m[2] !== sha256)) throw refuse();
  const root = resolve(dir);
  const file = resolve(root, storedPath.replace(/[/\\]/, sep));
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw refuse();
  return file;
}

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Content-addressed: an existing file with the right hash is already the same bytes. Temp + rename so a crash leaves no half file. */
export function writeAttachmentFile(file: string, bytes: Buffer, sha256: string): void {
  if (existsSync(file) && sha256Of(readFileSync(file)) === sha256) return;
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}
