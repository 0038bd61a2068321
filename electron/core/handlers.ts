/** Channel → service call. One line per channel; logic lives in services. */
import type { Handlers } from '../../shared/ipc/contract.ts';
import type { Ctx } from './context.ts';
import { listOrgs, listStaff } from './repositories/org.repository.ts';
import { appInfo, onboard } from './services/app.service.ts';
import * as projects from './services/project.service.ts';
import * as excel from './services/excel.service.ts';
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
    'excel:export': ({ template, period }) => excel.exportReport(ctx, template, period),
    'excel:importPreview': (input) => excel.importPreview(ctx, input),
    'excel:importApply': (input) => excel.importApply(ctx, input),
    'excel:mappingsList': () => excel.listMappings(ctx),
    'excel:mappingsSave': (m) => excel.saveMapping(ctx, m),
    'excel:templateInspect': ({ base64 }) => excel.templateInspect(ctx, base64),
    'excel:templateFill': (input) => excel.templateFill(ctx, input),
  };
}
