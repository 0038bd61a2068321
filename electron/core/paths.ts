import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const resolveFile = (dbPath: string) => (dbPath === ':memory:' ? ':memory:' : resolve(dbPath));

/** The data folders beside the database file. */
export function corePaths(file: string) {
  const dataDir = file === ':memory:' ? process.cwd() : dirname(file);
  return { dataDir, backupsDir: join(dataDir, 'backups'), attachmentsDir: join(dataDir, 'attachments') };
}

/**
 * The per-user data folder the desktop app gets from Electron's app.getPath('userData'), resolved the same
 * way without Electron (browser mode shares it): %APPDATA%\NAME on Windows, ~/Library/Application Support/NAME
 * on macOS, $XDG_CONFIG_HOME/NAME or ~/.config/NAME elsewhere.
 */
export function userDataDir(
  appName: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), appName);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', appName);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), appName);
}

/** Where the database lives: TOWN_LEDGER_DB overrides the app's user-data folder. */
export function resolveDbPath(userDataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.TOWN_LEDGER_DB ? resolve(env.TOWN_LEDGER_DB) : join(userDataDir, 'town-ledger.db');
}
