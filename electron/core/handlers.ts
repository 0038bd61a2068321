/** Channel → service call. One line per channel; logic lives in services. */
import type { Handlers } from '../../shared/ipc/contract.ts';
import { verifyAudit, exportAudit } from './audit/audit.service.ts';
import { createBackup, listBackups } from './backup/backup.service.ts';
import { previewBackup, restoreBackup, undoRestore } from './backup/restore.service.ts';
import { dismissRestoreNotice } from './backup/restore-notice.ts';
import type { Ctx } from './context.ts';
import { AppError } from './errors.ts';
import { openFileDialog, pickBackupFolder, saveFileDialog } from './files/dialog.service.ts';
import { recoveryStatus } from './recovery.ts';
import { listOrgs, listStaff } from './repositories/org.repository.ts';
import { vocabularyPinyin } from './search-key.ts';
import { appInfo, onboard, writtenElsewhere } from './services/app.service.ts';
import { listHistory } from './services/change-history.service.ts';
import * as indicators from './services/indicator.service.ts';
import * as operators from './services/operator.service.ts';
import { getIdleSetting, saveIdleSetting } from './services/idle-setting.service.ts';
import { listSignIns } from './services/sign-in-log.service.ts';
import * as org from './services/org.service.ts';
import * as projects from './services/project.service.ts';
import * as grid from './services/ledger-grid.service.ts';
import * as excel from './services/excel.service.ts';
import * as attachments from './services/attachment.service.ts';
import * as parts from './services/project-parts.service.ts';
import { getUi, setUi } from './services/ui-settings.service.ts';
import { getLightRules, lightHistory, saveLightRules } from './services/lights.service.ts';
import {
  closePeriod,
  closePreview,
  currentPeriod,
  figuresSlice,
  listPeriods,
  periodFigures,
  periodLightRules,
  pickPeriod,
  recordLightsCommand,
  reopenPeriod,
} from './services/period.service.ts';
import * as monthlyReport from './services/monthly-report.service.ts';
import * as supervision from './services/supervision.service.ts';
import { addInstruction, listInstructions } from './services/instruction.service.ts';
import * as tasks from './services/task.service.ts';
import { getTownSettings, saveTownSettings, townNames } from './services/town-settings.service.ts';
import * as printables from './services/printables.service.ts';
import * as funds from './services/funds.service.ts';
import { dashboardSummary } from './services/dashboard.service.ts';
import * as assessments from './services/assessment.service.ts';
import * as collect from './services/collect.service.ts';
import {
  countySettings,
  countySummary,
  figuresOfLedger,
  saveCountySettings,
  statsOfLedger,
} from './services/county.service.ts';
import { exportPackage, importPackage, verifyPackage } from './services/package.service.ts';

/**
 * A restore replaces the operator table with the backup's (ids, roles and passwords as they were then):
 * an operator who restored signs in again against it. The CLI's local administrator has no row to lose.
 * Their 退出登录 goes into the restored ledger's 登录记录, which the restore carried their sign-in into.
 */
function signedOutAfter<T>(ctx: Ctx, result: T): T {
  if (ctx.session.operatorId != null) operators.logout(ctx);
  return result;
}

export function createHandlers(ctx: Ctx): Handlers {
  return {
    'app:info': () => appInfo(ctx),
    'app:onboard': (input) => onboard(ctx, input),
    'app:elsewhere': () => writtenElsewhere(ctx),
    'lookups:get': () => ({
      orgs: listOrgs(ctx.db),
      staff: listStaff(ctx.db),
      vocabPinyin: vocabularyPinyin(),
      townNames: townNames(ctx),
    }),
    'projects:list': (f) => projects.listProjects(ctx, f),
    'projects:get': ({ id }) => projects.requireProject(ctx, id),
    'projects:create': (data) => projects.createProject(ctx, data),
    'projects:update': ({ id, patch }) => projects.updateProject(ctx, id, patch),
    'projects:updateCells': ({ rows }) => projects.updateProjectCells(ctx, rows),
    'projects:delete': ({ id }) => projects.deleteProject(ctx, id),
    'projects:restore': ({ id }) => projects.restoreProject(ctx, id),
    'projects:page': (q) => grid.ledgerPage(ctx, q),
    'projects:rows': ({ ids }) => grid.ledgerRows(ctx, ids),
    'projects:pick': (q) => grid.pickProjects(ctx, q),
    'stats:summary': () => statsOfLedger(ctx),
    'orgs:list': () => org.listOrgRows(ctx),
    'orgs:save': (o) => org.saveOrg(ctx, o),
    'orgs:remove': ({ id }) => org.removeOrg(ctx, id),
    'staff:list': ({ active }) => org.listStaffRows(ctx, active),
    'staff:save': (s) => org.saveStaff(ctx, s),
    'staff:updateCells': ({ cells }) => org.updateStaffCells(ctx, cells),
    'staff:rotate': (r) => org.rotateStaff(ctx, r),
    'leadingGroup:get': () => org.getLeadingGroup(ctx),
    'leadingGroup:save': (g) => org.saveLeadingGroup(ctx, g),
    'tasks:list': ({ campaignId }) => tasks.listTasks(ctx, campaignId),
    'tasks:save': (t) => tasks.saveTask(ctx, t),
    'tasks:updateCells': ({ cells }) => tasks.updateTaskCells(ctx, cells),
    'tasks:remove': ({ id }) => tasks.removeTask(ctx, id),
    'tasks:loadTemplate': ({ template }) => tasks.loadTaskTemplate(ctx, template),
    'campaigns:list': () => tasks.listCampaigns(ctx),
    'campaigns:save': (c) => tasks.saveCampaign(ctx, c),
    'indicators:list': () => indicators.listIndicators(ctx),
    'indicators:saveValue': (v) => indicators.saveIndicatorValue(ctx, v),
    'indicators:removeValue': ({ id }) => indicators.removeIndicatorValue(ctx, id),
    'operators:list': () => operators.listOperators(ctx),
    'operators:save': (o) => operators.saveOperator(ctx, o),
    'operators:remove': ({ id }) => operators.removeOperator(ctx, id),
    'session:login': ({ operatorId, password }) => operators.login(ctx, operatorId, password),
    'session:logout': () => operators.logout(ctx),
    'session:current': () => operators.currentSession(ctx),
    // Nothing to do: the call itself is the activity (session-idle.ts noteActivity).
    'session:active': () => operators.currentSession(ctx),
    'security:signIns': (q) => listSignIns(ctx, q),
    'security:getIdle': () => getIdleSetting(ctx),
    'security:saveIdle': (s) => saveIdleSetting(ctx, s),
    'history:list': (q) => listHistory(ctx, q),
    'settings:get': () => getTownSettings(ctx),
    'settings:save': (s) => saveTownSettings(ctx, s),
    'projects:bulkUpdate': ({ ids, patch }) => projects.bulkUpdateProjects(ctx, ids, patch),
    'items:list': ({ projectId }) => parts.getItems(ctx, projectId),
    'items:save': (input) => parts.saveItems(ctx, input),
    'funding:list': ({ projectId }) => parts.getFunding(ctx, projectId),
    'funding:save': (input) => parts.saveFunding(ctx, input),
    'plans:list': ({ projectId }) => parts.getYearPlans(ctx, projectId),
    'plans:save': (input) => parts.saveYearPlans(ctx, input),
    'milestones:list': ({ projectId }) => parts.getMilestones(ctx, projectId),
    'milestones:save': (input) => parts.saveMilestones(ctx, input),
    'attachments:list': ({ projectId }) => attachments.listAttachments(ctx, projectId),
    'attachments:add': (input) => attachments.addAttachment(ctx, input),
    'attachments:remove': ({ id }) => attachments.removeAttachment(ctx, id),
    'attachments:get': ({ id }) => attachments.getAttachment(ctx, id),
    'settings:getUi': ({ key }) => getUi(ctx, key),
    'settings:setUi': ({ key, value }) => setUi(ctx, key, value),
    'excel:export': ({ template, period, campaignId }) => excel.exportReport(ctx, template, period, campaignId),
    'excel:importPreview': (input) => excel.importPreview(ctx, input),
    'excel:importApply': (input) => excel.importApply(ctx, input),
    'excel:mappingsList': () => excel.listMappings(ctx),
    'excel:mappingsSave': (m) => excel.saveMapping(ctx, m),
    'excel:templateInspect': ({ base64, fileName }) => excel.templateInspect(ctx, base64, fileName),
    'excel:templateFill': (input) => excel.templateFill(ctx, input),
    'reports:render': (input) => printables.renderPrintable(ctx, input),
    'reports:pdf': (input) => printables.renderPrintablePdf(ctx, input),
    'reports:getSettings': ({ doc }) => printables.getPrintableSettings(ctx, doc),
    'reports:saveSettings': ({ doc, settings }) => printables.savePrintableSettings(ctx, doc, settings),
    'reports:options': ({ period }) => printables.printableOptions(ctx, period),
    'briefings:list': ({ year }) => printables.listBriefings(ctx, year),
    'briefings:save': (data) => printables.saveBriefing(ctx, data),
    'funds:listFlows': ({ projectId }) => funds.listFundFlows(ctx, projectId),
    'funds:pageFlows': ({ offset, limit, projectId }) => funds.pageFundFlows(ctx, { offset, limit, projectId }),
    'funds:saveFlow': (data) => funds.saveFundFlow(ctx, data),
    'funds:removeFlow': ({ id }) => funds.removeFundFlow(ctx, id),
    'funds:summary': ({ asOf, projectId, page }) => funds.fundsSummary(ctx, { asOf, projectId, page }),
    'funds:saveAward': (data) => funds.saveAward(ctx, data),
    'dashboard:summary': ({ period }) => dashboardSummary(ctx, period),
    'assessments:list': (f) => assessments.listAssessments(ctx, f),
    'assessments:get': ({ id }) => assessments.getAssessment(ctx, id),
    'assessments:save': (data) => assessments.saveAssessment(ctx, data),
    'assessments:saveItems': ({ id, items }) => assessments.saveAssessmentItems(ctx, id, items),
    'assessments:updateCells': ({ id, cells }) => assessments.updateAssessmentCells(ctx, id, cells),
    'assessments:rank': ({ year, scheme }) => assessments.rankAssessments(ctx, year, scheme),
    'assessments:loadExample': ({ year }) => assessments.loadExampleAssessments(ctx, year),
    'figures:period': ({ period, asOf, projectIds, level, page }) =>
      !projectIds && !level && !page
        ? periodFigures(ctx, period, { asOf })
        : figuresSlice(ctx, period, { asOf, projectIds, level, page }),
    'figures:set': ({ period }) => figuresOfLedger(ctx, period),
    'reports:batch': ({ period, page, projectIds, ids, pending }) =>
      monthlyReport.monthlyReportBatch(ctx, period, { page, projectIds, ids, pending }),
    'reports:save': ({ period, rows }) => monthlyReport.saveMonthlyReports(ctx, period, rows),
    'reports:submit': ({ period, projectIds }) => monthlyReport.submitMonthlyReports(ctx, period, projectIds),
    'reports:return': ({ period, projectIds, reason }) =>
      monthlyReport.returnMonthlyReports(ctx, period, projectIds, reason),
    'periods:list': () => listPeriods(ctx),
    'periods:current': () => currentPeriod(ctx),
    'periods:pick': ({ period }) => pickPeriod(ctx, period),
    'periods:closePreview': ({ period }) => closePreview(ctx, period),
    'periods:close': ({ period, confirmUnreported }) => closePeriod(ctx, period, confirmUnreported),
    'periods:reopen': ({ period, reason }) => reopenPeriod(ctx, period, reason),
    'lights:rules:get': ({ period }) => getLightRules(ctx, period ? periodLightRules(ctx, period) : undefined),
    'lights:rules:save': (rules) => saveLightRules(ctx, rules),
    'lights:history': ({ projectId }) => lightHistory(ctx, projectId),
    'lights:record': ({ period }) => recordLightsCommand(ctx, period),
    'supervision:list': (f) => supervision.listSupervision(ctx, f),
    'supervision:create': (input) => supervision.createSupervision(ctx, input),
    'supervision:reply': ({ id, reply }) => supervision.replySupervision(ctx, id, reply),
    'supervision:close': ({ id, note }) => supervision.closeSupervision(ctx, id, note),
    'supervision:escalate': ({ id, deadline, reason }) =>
      supervision.escalateSupervision(ctx, id, { deadline, reason }),
    'supervision:escalateOverdue': ({ asOf }) => supervision.escalateOverdue(ctx, asOf),
    'instructions:list': (f) => listInstructions(ctx, f),
    'instructions:add': (input) => addInstruction(ctx, input),
    'backups:list': () => listBackups(ctx),
    'backups:create': ({ target, destToken }) => createBackup(ctx, target, destToken),
    'backups:preview': ({ name }) => previewBackup(ctx, name),
    'backups:restore': async ({ name }) => signedOutAfter(ctx, await restoreBackup(ctx, name)),
    'backups:undoRestore': async () => signedOutAfter(ctx, await undoRestore(ctx)),
    'backups:dismissRestoreNotice': () => (dismissRestoreNotice(ctx.paths.backupsDir), null),
    'audit:verify': () => verifyAudit(ctx),
    'audit:export': (input) => exportAudit(ctx, input),
    'recovery:status': () => recoveryStatus(ctx.db.file, ctx.paths.backupsDir, null),
    'recovery:restore': () => {
      throw new AppError('CONFLICT', '数据库状态正常，请在“数据安全”页面从备份恢复');
    },
    'dialog:pickBackupFolder': () => pickBackupFolder(ctx),
    'dialog:saveFile': ({ kind, defaultName }) => saveFileDialog(ctx, kind, defaultName),
    'dialog:openFile': ({ kind }) => openFileDialog(ctx, kind),
    'collect:make': (input) => collect.makeKits(ctx, input),
    'collect:merge': (input) => collect.mergeReturns(ctx, input),
    'collect:roster': ({ period }) => collect.collectRoster(ctx, period),
    'collect:paperForms': (input) => collect.paperForms(ctx, input),
    'collect:notice': (input) => collect.overdueNotice(ctx, input),
    'collect:chase': ({ period }) => collect.chaseList(ctx, period),
    'package:export': ({ period }) => exportPackage(ctx, period),
    'package:verify': (input) => verifyPackage(input),
    'package:import': (input) => importPackage(ctx, input),
    'county:settings': () => countySettings(ctx),
    'county:saveSettings': (s) => saveCountySettings(ctx, s),
    'county:summary': ({ period }) => countySummary(ctx, period),
  };
}
