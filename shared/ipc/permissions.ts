/**
 * Who may call what: the one permission matrix, read by the core (handleCall refuses a call with FORBIDDEN
 * before looking at its input) and by the renderer (controls hidden or disabled from the same table).
 * Every channel of the contract is classified here; the compiler and a test refuse an unclassified one.
 *
 * Permissions, from least to most:
 * - public    — what the sign-in and first-run screens need while nobody is signed in: the app's name and
 *               state, the operators' names to pick from, the session itself, the recovery screen's status.
 * - firstRun  — setting up the ledger (town, year, the first 管理员): anyone while the ledger has no 管理员
 *               (a new ledger, or one from before sign-in was enforced), then a 管理员 only.
 * - read      — any signed-in operator: every page, printouts and exports (an export writes a file the
 *               user chose, not the ledger), and one's own UI preferences (kept per operator).
 * - edit      — changes ledger data: 录入员, 审核人, 管理员.
 * - approve   — 审核人 and 管理员: closing/reopening a month, returning reports, the light rules, and
 *               deleting for good (an attachment's file; projects go to the 回收站 and come back).
 * - instruct  — 领导批示: the leader's own written instruction on a project or a 督办单 (领导, and 管理员 entering one
 *               a leader gave on paper). Not 录入员 or 审核人: in a Chinese office the 批示 is the leader's act.
 * - admin     — 管理员 only: operators and restores (a restore replaces everyone's data).
 * - recovery  — the recovery screen's restore: the ledger cannot be opened, so nobody can sign in; the core
 *               allows it only in recovery mode (a normal ledger needs a 管理员 to restore).
 */
import { OPERATOR_ROLES, type OperatorRole } from '../domain/vocab.ts';
import type { Channel } from './channels.ts';

export type Permission = 'public' | 'firstRun' | 'read' | 'edit' | 'approve' | 'instruct' | 'admin' | 'recovery';

export const CHANNEL_PERMISSIONS = {
  'app:info': 'public',
  'app:onboard': 'firstRun',
  'app:elsewhere': 'read',
  'lookups:get': 'read',
  'projects:list': 'read',
  'projects:get': 'read',
  'projects:create': 'edit',
  'projects:update': 'edit',
  // a block of grid cells (paste, fill, Delete, undo): the same edits as projects:update, several projects at once
  'projects:updateCells': 'edit',
  // Into the 回收站: the project can be brought back (projects:restore), so a 录入员 may do it.
  'projects:delete': 'edit',
  'projects:restore': 'edit',
  'projects:page': 'read',
  'projects:rows': 'read',
  'projects:pick': 'read',
  'stats:summary': 'read',
  'figures:period': 'read',
  'figures:set': 'read',
  'orgs:list': 'read',
  'orgs:save': 'edit',
  'orgs:remove': 'edit',
  'staff:list': 'read',
  'staff:save': 'edit',
  'staff:updateCells': 'edit',
  'staff:rotate': 'edit',
  'leadingGroup:get': 'read',
  'leadingGroup:save': 'edit',
  'tasks:list': 'read',
  'tasks:save': 'edit',
  'tasks:updateCells': 'edit',
  'tasks:remove': 'edit',
  'tasks:loadTemplate': 'edit',
  'campaigns:list': 'read',
  'campaigns:save': 'edit',
  'indicators:list': 'read',
  'indicators:saveValue': 'edit',
  'indicators:removeValue': 'edit',
  // Names and roles for the sign-in list (no password hashes ever leave the core).
  'operators:list': 'public',
  'operators:save': 'admin',
  'operators:remove': 'admin',
  'session:login': 'public',
  'session:logout': 'public',
  'session:current': 'public',
  // The clerk is at the keyboard (typing that calls nothing): keeps the session from the idle sign-out. Not public:
  // a lapsed or signed-out session is refused like any other call, so it can never revive one.
  'session:active': 'read',
  // The 登录记录 shows who tried which password when: for the 管理员, who manages the operators.
  'security:signIns': 'admin',
  // How long a session may stay unused: anyone may know it, the 管理员 sets it.
  'security:getIdle': 'read',
  'security:saveIdle': 'admin',
  'history:list': 'read',
  'settings:get': 'read',
  // The town's name, 填报单位 and receiver: filled in by whoever prepares the submissions.
  'settings:save': 'edit',
  'projects:bulkUpdate': 'edit',
  'items:list': 'read',
  'items:save': 'edit',
  'funding:list': 'read',
  'funding:save': 'edit',
  'plans:list': 'read',
  'plans:save': 'edit',
  'milestones:list': 'read',
  'milestones:save': 'edit',
  'attachments:list': 'read',
  'attachments:add': 'edit',
  // Deletes the stored file for good (attachments have no 回收站): not for a 录入员.
  'attachments:remove': 'approve',
  'attachments:get': 'read',
  // Kept per operator (ui.<operator>.<key>): a 领导's own column choice changes nobody else's ledger.
  'settings:getUi': 'read',
  'settings:setUi': 'read',
  'excel:export': 'read',
  // Reading a workbook to import it is the first step of an import: only those who may import.
  'excel:importPreview': 'edit',
  'excel:importApply': 'edit',
  'excel:mappingsList': 'read',
  'excel:mappingsSave': 'edit',
  'excel:templateInspect': 'read',
  'excel:templateFill': 'read',
  'reports:render': 'read',
  'reports:pdf': 'read',
  'reports:getSettings': 'read',
  'reports:saveSettings': 'edit',
  'reports:options': 'read',
  'briefings:list': 'read',
  'briefings:save': 'edit',
  'funds:listFlows': 'read',
  'funds:pageFlows': 'read',
  'funds:saveFlow': 'edit',
  'funds:removeFlow': 'edit',
  'funds:summary': 'read',
  'funds:saveAward': 'edit',
  'dashboard:summary': 'read',
  'assessments:list': 'read',
  'assessments:get': 'read',
  'assessments:save': 'edit',
  'assessments:saveItems': 'edit',
  'assessments:updateCells': 'edit',
  'assessments:rank': 'read',
  'assessments:loadExample': 'edit',
  'reports:batch': 'read',
  'reports:save': 'edit',
  'reports:submit': 'edit',
  // Sending a submitted report back is the reviewer's decision.
  'reports:return': 'approve',
  'periods:list': 'read',
  'periods:current': 'read',
  // The operator's own pick of the month to look at (a per-operator setting, like the column choices).
  'periods:pick': 'read',
  'periods:closePreview': 'read',
  'periods:close': 'approve',
  'periods:reopen': 'approve',
  'lights:rules:get': 'read',
  // The light rules decide every project's colour: 审核人 or 管理员.
  'lights:rules:save': 'approve',
  'lights:history': 'read',
  // 记录本期灯色: writes the light history.
  'lights:record': 'edit',
  'supervision:list': 'read',
  'supervision:create': 'edit',
  'supervision:reply': 'edit',
  'supervision:close': 'edit',
  'supervision:escalate': 'edit',
  'supervision:escalateOverdue': 'edit',
  'instructions:list': 'read',
  'instructions:add': 'instruct',
  'backups:list': 'read',
  // A backup is written beside the ledger (or to a U盘) and pruned by retention: not for 领导.
  'backups:create': 'edit',
  'backups:preview': 'read',
  'backups:restore': 'admin',
  'backups:undoRestore': 'admin',
  // Whoever may back up and restore reads it and says 知道了; a 领导 sees it, and it stays for them.
  'backups:dismissRestoreNotice': 'edit',
  'audit:verify': 'read',
  'audit:export': 'read',
  'recovery:status': 'public',
  'recovery:restore': 'recovery',
  'dialog:pickBackupFolder': 'edit',
  'dialog:saveFile': 'read',
  'dialog:openFile': 'read',
  // 报送收集: sending kits out and merging what comes back is data entry (录入员 and up); anyone, 领导 included, reads the roster.
  'collect:make': 'edit',
  'collect:merge': 'edit',
  'collect:roster': 'read',
  // Paper forms go with the kits (data entry, like collect:make); the 督办通知 only prints the roster.
  'collect:paperForms': 'edit',
  'collect:notice': 'read',
  'collect:chase': 'read',
  // The town's data package for the county: an export like T1–T5 (a file the user keeps), so any signed-in operator.
  'package:export': 'read',
  'package:verify': 'read',
  // Receiving a town's package writes that town's figures into the county ledger: data entry.
  'package:import': 'edit',
  'county:settings': 'read',
  // The county's name and the towns it expects, like the town's own 设置.
  'county:saveSettings': 'edit',
  'county:summary': 'read',
} as const satisfies Record<Channel, Permission>;

/** What each role may do (a signed-out session has only 'public', and 'firstRun' while there is no 管理员). */
export const ROLE_PERMISSIONS: Record<OperatorRole, readonly Permission[]> = {
  领导: ['public', 'read', 'instruct'],
  录入员: ['public', 'read', 'edit'],
  审核人: ['public', 'read', 'edit', 'approve'],
  管理员: ['public', 'read', 'edit', 'approve', 'instruct', 'admin', 'recovery'],
};

/** Permissions that change the ledger (or its backups): `channels --json` reports these channels as writes. */
export const WRITE_PERMISSIONS: readonly Permission[] = [
  'firstRun',
  'edit',
  'approve',
  'instruct',
  'admin',
  'recovery',
];

export const permissionOf = (channel: Channel): Permission => CHANNEL_PERMISSIONS[channel];

export const writes = (channel: Channel): boolean => WRITE_PERMISSIONS.includes(permissionOf(channel));

/** May this role (null: signed out) call the channel? firstRun and recovery depend on the ledger's state too. */
export function roleMay(role: OperatorRole | null, channel: Channel): boolean {
  const p = permissionOf(channel);
  return p === 'public' || (role !== null && ROLE_PERMISSIONS[role].includes(p));
}

/** The Chinese names of the permissions, for refusals and the 设置 page. */
export const PERMISSION_TEXT: Record<Permission, string> = {
  public: '无需登录',
  firstRun: '首次设置',
  read: '查看',
  edit: '录入和修改数据',
  approve: '关账、重新开账、退回月报、修改亮灯规则、彻底删除附件',
  instruct: '写领导批示',
  admin: '管理操作员、从备份恢复',
  recovery: '数据库损坏时从备份恢复',
};

export const ROLES_FOR: (p: Permission) => OperatorRole[] = (p) =>
  OPERATOR_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(p));
