/** The file dialogs behind the dialog:* channels: shown by the adapter, answered with opaque tokens. */
import { FILE_FILTERS } from '../../../shared/schemas/safety.ts';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import type { DialogProvider } from './file-tokens.ts';

function dialogs(ctx: Ctx): DialogProvider {
  if (!ctx.dialogs) throw new AppError('CONFLICT', '当前运行方式不能弹出文件对话框（命令行请直接给出文件路径）');
  return ctx.dialogs;
}

export async function pickBackupFolder(ctx: Ctx) {
  const path = await dialogs(ctx).pickFolder({ title: '选择备份到哪个文件夹（如U盘）' });
  return path ? ctx.fileTokens.issue(path, 'folder') : null;
}

export async function saveFileDialog(ctx: Ctx, kind: 'xlsx' | 'pdf' | 'db', defaultName: string) {
  const filter = FILE_FILTERS[kind];
  const name = defaultName.toLowerCase().endsWith(`.${kind}`) ? defaultName : `${defaultName}.${kind}`;
  const path = await dialogs(ctx).saveFile({ title: '保存到', defaultName: name, filter });
  return path ? ctx.fileTokens.issue(path, 'save') : null;
}

export async function openFileDialog(ctx: Ctx, kind: 'excel' | 'attachment' | 'backup') {
  const path = await dialogs(ctx).openFile({ title: '选择文件', filter: FILE_FILTERS[kind] });
  return path ? ctx.fileTokens.issue(path, 'open') : null;
}
