/**
 * What the file dialogs do in browser mode. A web page cannot show the system's folder or save dialogs, and
 * the core must never take a path from the page, so the server decides: everything "saved" or "backed up to
 * a U盘" goes into the 导出 folder beside the ledger, under a name that never overwrites an earlier file, and
 * the success message names the full path so the clerk can copy it on. Opening a file goes through the page's
 * own upload buttons (Excel import, attachments), never through this dialog.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { AppError } from '../core/errors.ts';
import type { DialogProvider } from '../core/files/file-tokens.ts';

export const EXPORT_FOLDER = '导出';

/** name.ext, or name（2）.ext, name（3）.ext … — the first that does not exist yet. */
export function freeName(dir: string, name: string): string {
  const ext = extname(name);
  const stem = basename(name, ext);
  let candidate = name;
  for (let n = 2; existsSync(join(dir, candidate)); n++) candidate = `${stem}（${n}）${ext}`;
  return join(dir, candidate);
}

/** `log` tells the terminal where each file will go (the page's message may name only the file). */
export function browserDialogs(dataDir: string, log: (msg: string) => void = () => {}): DialogProvider {
  const exportDir = () => {
    const dir = join(dataDir, EXPORT_FOLDER);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  return {
    pickFolder: async () => {
      const dir = exportDir();
      log(`浏览器方式不能选择文件夹，存入：${dir}`);
      return dir;
    },
    // basename: the default name comes from the page and must not climb out of the folder.
    saveFile: async ({ defaultName }) => {
      const file = freeName(exportDir(), basename(defaultName));
      log(`浏览器方式不能弹出保存对话框，保存为：${file}`);
      return file;
    },
    openFile: async () => {
      throw new AppError('CONFLICT', '浏览器方式不能弹出“打开文件”对话框，请用页面上的“选择文件”按钮上传');
    },
  };
}
