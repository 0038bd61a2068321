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
  'projects:updateCells',
  'projects:delete',
  'projects:restore',
  'projects:page',
  'projects:rows',
  'projects:pick',
  'stats:summary',
  'figures:period',
  'figures:set',
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
  'session:logout',
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
  'excel:export',
  'excel:importPreview',
  'excel:importApply',
  'excel:mappingsList',
  'excel:mappingsSave',
  'excel:templateInspect',
  'excel:templateFill',
  'reports:render',
  'reports:pdf',
  'reports:getSettings',
  'reports:saveSettings',
  'reports:options',
  'briefings:list',
  'briefings:save',
  'funds:listFlows',
  'funds:saveFlow',
  'funds:removeFlow',
  'funds:summary',
  'funds:saveAward',
  'dashboard:summary',
  'assessments:list',
  'assessments:get',
  'assessments:save',
  'assessments:saveItems',
  'assessments:rank',
  'assessments:loadExample',
  'reports:batch',
  'reports:save',
  'reports:submit',
  'reports:return',
  'periods:list',
  'periods:current',
  'periods:pick',
  'periods:closePreview',
  'periods:close',
  'periods:reopen',
  'lights:rules:get',
  'lights:rules:save',
  'lights:history',
  'lights:record',
  'supervision:list',
  'supervision:create',
  'supervision:reply',
  'supervision:close',
  'supervision:escalate',
  'supervision:escalateOverdue',
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

/**
 * Shell channels beside the contract (Electron IPC; browser mode has its own routes for the same things): follow a
 * call the page tagged with an id, ask it to stop, and the core host's notices to the window.
 */
export const CALL_PROGRESS_CHANNEL = 'call:progress';
export const CALL_CANCEL_CHANNEL = 'call:cancel';
export const CORE_EVENT_CHANNEL = 'core:event';

/**
 * What the shell tells the window about the core host: it died and was restarted (the new core starts signed out,
 * so the window goes back to the sign-in screen), or it could not be brought back. `message` is the Chinese notice.
 */
export interface CoreEvent {
  kind: 'restarted' | 'failed';
  message: string;
}
