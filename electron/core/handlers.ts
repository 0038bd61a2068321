/** Channel → service call. One line per channel; logic lives in services. */
import type { Handlers } from '../../shared/ipc/contract.ts';
import { verifyAudit, exportAudit } from './audit/audit.service.ts';
import { createBackup, listBackups } from './backup/backup.service.ts';
import { previewBackup, restoreBackup, undoRestore } from './backup/restore.service.ts';
import type { Ctx } from './context.ts';
import { AppError } from './errors.ts';
import { openFileDialog, pickBackupFolder, saveFileDialog } from './files/dialog.service.ts';
import { recoveryStatus } from './recovery.ts';
import { listOrgs, listStaff } from './repositories/org.repository.ts';
import { appInfo, onboard } from './services/app.service.ts';
import * as projects from './services/project.service.ts';
import { computePeriodFigures } from './services/figures.service.ts';
import { statsSummary } from './services/stats.service.ts';

export function createHandlers(ctx: Ctx): Handlers {
  return {
    'app:info': () => appInfo(ctx),
    'app:onboard': ({ mode }) => onboard(ctx, mode),
    'lookups:get': () => ({ orgs: listOrgs(ctx.db), staff: listStaff(ctx.db) }),
    'projects:list': (f) => projects.listProjects(ctx, f),
    'projects:get': ({ id }) => projects.requireProject(ctx, id),
    'projects:create': (data) => projects.createProject(ctx, data),
    'projects:update': ({ id, patch }) => projects.updateProject(ctx, id, patch),
    'projects:delete': ({ id }) => projects.deleteProject(ctx, id),
    'projects:restore': ({ id }) => projects.restoreProject(ctx, id),
    'stats:summary': () => statsSummary(ctx),
    'figures:period': ({ period, asOf }) => computePeriodFigures(ctx, period, { asOf }),
    'backups:list': () => listBackups(ctx),
    'backups:create': ({ target, destToken }) => createBackup(ctx, target, destToken),
    'backups:preview': ({ name }) => previewBackup(ctx, name),
    'backups:restore': ({ name }) => restoreBackup(ctx, name),
    'backups:undoRestore': () => undoRestore(ctx),
    'audit:verify': () => verifyAudit(ctx),
    'audit:export': (input) => exportAudit(ctx, input),
    'recovery:status': () => recoveryStatus(ctx.db.file, ctx.paths.backupsDir, null),
    'recovery:restore': () => {
      throw new AppError('CONFLICT', '数据库状态正常，请在“数据安全”页面从备份恢复');
    },
    'dialog:pickBackupFolder': () => pickBackupFolder(ctx),
    'dialog:saveFile': ({ kind, defaultName }) => saveFileDialog(ctx, kind, defaultName),
    'dialog:openFile': ({ kind }) => openFileDialog(ctx, kind),
  };
}
