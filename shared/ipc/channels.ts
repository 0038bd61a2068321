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
  'reports:render',
  'reports:pdf',
  'reports:getSettings',
  'reports:saveSettings',
  'reports:options',
  'briefings:list',
  'briefings:save',
] as const;

export type Channel = (typeof CHANNELS)[number];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}
