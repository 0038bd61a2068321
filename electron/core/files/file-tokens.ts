/**
 * Paths never come from the renderer. The adapter (Electron main, the harness) shows a dialog, and the
 * core issues an opaque token for the chosen path; services resolve tokens back to paths. A token is
 * bound to its purpose (folder / save / open) and expires.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { AppError } from '../errors.ts';

export type TokenKind = 'folder' | 'save' | 'open';

export interface FileTokens {
  issue(path: string, kind: TokenKind): { token: string; label: string };
  resolve(token: unknown, kind: TokenKind): string;
}

const TTL_MS = 30 * 60 * 1000;

export function createFileTokens(now: () => number = Date.now): FileTokens {
  const tokens = new Map<string, { path: string; kind: TokenKind; expires: number }>();
  return {
    issue(path, kind) {
      const token = randomUUID();
      tokens.set(token, { path, kind, expires: now() + TTL_MS });
      return { token, label: kind === 'folder' ? path : basename(path) };
    },
    resolve(token, kind) {
      const t = typeof token === 'string' ? tokens.get(token) : undefined;
      if (!t || t.kind !== kind || t.expires < now())
        throw new AppError('VALIDATION', '所选位置已失效，请重新选择', [
          { path: 'destToken', message: '所选位置已失效，请重新选择' },
        ]);
      return t.path;
    },
  };
}

/** The dialogs an adapter can show; each returns the chosen path or null when cancelled. */
export interface DialogProvider {
  pickFolder(opts: { title: string }): Promise<string | null>;
  saveFile(opts: {
    title: string;
    defaultName: string;
    filter: { name: string; extensions: string[] };
  }): Promise<string | null>;
  openFile(opts: { title: string; filter: { name: string; extensions: string[] } }): Promise<string | null>;
}
