/** Channel → service call. One line per channel; logic lives in services. */
import type { Handlers } from '../../shared/ipc/contract.ts';
import type { Ctx } from './context.ts';
import { listOrgs, listStaff } from './repositories/org.repository.ts';
import { appInfo, onboard } from './services/app.service.ts';
import * as projects from './services/project.service.ts';
import { getLightRules, lightHistory, saveLightRules } from './services/lights.service.ts';
import { closePeriod, listPeriods, periodFigures, reopenPeriod } from './services/period.service.ts';
import * as reports from './services/report.service.ts';
import * as supervision from './services/supervision.service.ts';
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
    'figures:period': ({ period, asOf }) => periodFigures(ctx, period, { asOf }),
    'reports:batch': ({ period }) => reports.reportsBatch(ctx, period),
    'reports:save': ({ period, rows }) => reports.saveReports(ctx, period, rows),
    'reports:submit': ({ period, projectIds }) => reports.submitReports(ctx, period, projectIds),
    'reports:return': ({ period, projectIds, reason }) => reports.returnReports(ctx, period, projectIds, reason),
    'periods:list': () => listPeriods(ctx),
    'periods:close': ({ period }) => closePeriod(ctx, period),
    'periods:reopen': ({ period, reason }) => reopenPeriod(ctx, period, reason),
    'lights:rules:get': () => getLightRules(ctx),
    'lights:rules:save': (rules) => saveLightRules(ctx, rules),
    'lights:history': ({ projectId }) => lightHistory(ctx, projectId),
    'supervision:list': (f) => supervision.listSupervision(ctx, f),
    'supervision:create': (input) => supervision.createSupervision(ctx, input),
    'supervision:reply': ({ id, reply }) => supervision.replySupervision(ctx, id, reply),
    'supervision:close': ({ id, note }) => supervision.closeSupervision(ctx, id, note),
    'supervision:escalate': ({ id, deadline, reason }) => supervision.escalateSupervision(ctx, id, { deadline, reason }),
    'supervision:escalateOverdue': ({ asOf }) => supervision.escalateOverdue(ctx, asOf),
  };
}
