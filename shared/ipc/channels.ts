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
  'orgs:list',
  'orgs:save',
  'orgs:remove',
  'staff:list',
  'staff:save',
  'staff:rotate',
  'leadingGroup:get',
  'leadingGroup:save',
  'tasks:list',
  'tasks:save',
  'tasks:remove',
  'tasks:loadTemplate',
  'campaigns:list',
  'campaigns:save',
  'indicators:list',
  'indicators:saveValue',
  'indicators:removeValue',
  'operators:list',
  'operators:save',
  'operators:remove',
  'session:login',
  'session:current',
  'history:list',
  'settings:get',
  'settings:save',
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
  'settings:getUi',
  'settings:setUi',
] as const;

export type Channel = (typeof CHANNELS)[number];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}
