/**
 * The native file dialogs behind the dialog:* channels. Main shows them; the core turns the chosen path
 * into an opaque token for the renderer, which never sees or supplies a path it could forge.
 */
import { BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { DialogProvider } from '../core/files/file-tokens.ts';

const owner = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? null;

async function open(options: OpenDialogOptions): Promise<string | null> {
  const win = owner();
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

async function save(options: SaveDialogOptions): Promise<string | null> {
  const win = owner();
  const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return r.canceled || !r.filePath ? null : r.filePath;
}

export const electronDialogs: DialogProvider = {
  pickFolder: ({ title }) =>
    open({ title, buttonLabel: '选择此文件夹', properties: ['openDirectory', 'createDirectory'] }),
  saveFile: ({ title, defaultName, filter }) =>
    save({
      title,
      defaultPath: defaultName,
      buttonLabel: '保存',
      filters: [filter],
      properties: ['showOverwriteConfirmation'],
    }),
  openFile: ({ title, filter }) => open({ title, buttonLabel: '打开', filters: [filter], properties: ['openFile'] }),
};
