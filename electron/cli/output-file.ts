/**
 * Writing what a command produced (an export, a PDF, a data package). A path that cannot be written — a folder
 * that is not there, no permission, a disk full — is the caller's input at fault, said in Chinese with the path
 * (exit 2), not "程序内部错误" (the error escaped as an internal one).
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { CliFailure, UsageError } from './command.ts';

/**
 * For an output written by something else (the online backup, which makes its folder as the app's own backups/
 * needs): a folder that is not there is refused as writeOutput refuses it, not made — a mistyped --out folder
 * would otherwise hold the file where nobody looks for it.
 */
export function requireOutputFolder(file: string): void {
  const folder = dirname(file);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new CliFailure('UNREADABLE', `无法写入文件：${file}（文件夹“${folder}”不存在）`);
}

/**
 * Reading a file the command was given (the spreadsheet to import, a template, a data package): one that cannot be
 * read is named with why — 无法读取文件：X alone left the clerk to guess between a typo, a folder and permissions.
 */
export function readInputFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? '文件不存在'
        : code === 'EISDIR'
          ? '这是一个文件夹，请写出其中的文件名'
          : code === 'EACCES' || code === 'EPERM'
            ? '没有读取权限'
            : code === 'EBUSY'
              ? '文件正被其他程序（如 Excel、WPS）打开，请关闭后重试'
              : '读取出错';
    throw new CliFailure('UNREADABLE', `无法读取文件：${file}（${why}）`);
  }
}

/**
 * --out named for what is written (an .xlsx workbook, a .zip package): `export T1 --out 月报.xls` wrote the .xlsx's bytes
 * under a name Excel opens with a warning, and `--out 月报.csv` under one no spreadsheet reads — wrong usage (exit 2),
 * as report refuses an --out that is neither .html nor .pdf. A folder given as --out is left for writeOutput to name.
 */
export function requireOutEnding(file: string, ending: '.xlsx' | '.zip'): string {
  if (existsSync(file) && statSync(file).isDirectory()) return file;
  if (extname(file).toLowerCase() !== ending)
    throw new UsageError(`输出文件须以 ${ending} 结尾（收到“${basename(file)}”）`);
  return file;
}

export function writeOutput(file: string, data: Uint8Array | string): void {
  try {
    writeFileSync(file, data);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? `文件夹“${dirname(file)}”不存在`
        : code === 'EACCES' || code === 'EPERM'
          ? '没有写入权限'
          : code === 'EISDIR'
            ? '这是一个文件夹，请写出文件名'
            : code === 'ENOSPC'
              ? '磁盘空间已满'
              : code === 'EBUSY'
                ? '文件正被其他程序（如 Excel、WPS）打开，请关闭后重试'
                : '无法写入';
    throw new CliFailure('UNREADABLE', `无法写入文件：${file}（${why}）`);
  }
}
