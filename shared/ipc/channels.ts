/**
 * Channel names only, so the sandboxed preload can allow-list them without loading zod.
 * contract.ts must define exactly these (checked at compile time and by a test).
 */
export const CHANNELS = [
  'app:info',
  'app:onboard',
  'lookups:get',
  'projects:list',
  'projects:get',
  'projects:create',
  'projects:update',
  'projects:delete',
  'projects:restore',
  'stats:summary',
  'figures:period',
  'backups:list',
  'backups:create',
  'backups:preview',
  'backups:restore',
  'backups:undoRestore',
  'audit:verify',
  'audit:export',
  'recovery:status',
  'recovery:restore',
  'dialog:pickBackupFolder',
  'dialog:saveFile',
  'dialog:openFile',
] as const;

export type Channel = (typeof CHANNELS)[number];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}
