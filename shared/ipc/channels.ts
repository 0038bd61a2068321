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
  'projects:bulkUpdate',
  'items:list',
  'items:save',
  'funding:list',
  'funding:save',
  'plans:list',
  'plans:save',
  'milestones:list',
  'milestones:save',
  'attachments:list',
  'attachments:add',
  'attachments:remove',
  'attachments:get',
  'history:list',
  'settings:getUi',
  'settings:setUi',
] as const;

export type Channel = (typeof CHANNELS)[number];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}
