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
  'reports:batch',
  'reports:save',
  'reports:submit',
  'reports:return',
  'periods:list',
  'periods:close',
  'periods:reopen',
  'lights:rules:get',
  'lights:rules:save',
  'lights:history',
  'supervision:list',
  'supervision:create',
  'supervision:reply',
  'supervision:close',
  'supervision:escalate',
  'supervision:escalateOverdue',
] as const;

export type Channel = (typeof CHANNELS)[number];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}
