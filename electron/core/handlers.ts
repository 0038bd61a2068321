/** Channel → service call. One line per channel; logic lives in services. */
import type { Handlers } from '../../shared/ipc/contract.ts';
import type { Ctx } from './context.ts';
import { listOrgs, listStaff } from './repositories/org.repository.ts';
import { appInfo, onboard } from './services/app.service.ts';
import * as projects from './services/project.service.ts';
import { computePeriodFigures } from './services/figures.service.ts';
import { statsSummary } from './services/stats.service.ts';
import * as reports from './services/reports.service.ts';

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
    'reports:render': (input) => reports.renderReport(ctx, input),
    'reports:pdf': (input) => reports.renderReportPdf(ctx, input),
    'reports:getSettings': ({ doc }) => reports.getReportSettings(ctx, doc),
    'reports:saveSettings': ({ doc, settings }) => reports.saveReportSettings(ctx, doc, settings),
    'reports:options': ({ period }) => reports.reportOptions(ctx, period),
    'briefings:list': ({ year }) => reports.listBriefings(ctx, year),
    'briefings:save': (data) => reports.saveBriefing(ctx, data),
  };
}
