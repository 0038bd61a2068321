/** Channel → service call. One line per channel; logic lives in services. */
import type { Handlers } from '../../shared/ipc/contract.ts';
import type { Ctx } from './context.ts';
import { listOrgs, listStaff } from './repositories/org.repository.ts';
import { appInfo, onboard } from './services/app.service.ts';
import * as projects from './services/project.service.ts';
import { computePeriodFigures } from './services/figures.service.ts';
import { statsSummary } from './services/stats.service.ts';
import * as funds from './services/funds.service.ts';
import { dashboardSummary } from './services/dashboard.service.ts';
import * as assessments from './services/assessment.service.ts';

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
    'funds:listFlows': ({ projectId }) => funds.listFundFlows(ctx, projectId),
    'funds:saveFlow': (data) => funds.saveFundFlow(ctx, data),
    'funds:removeFlow': ({ id }) => funds.removeFundFlow(ctx, id),
    'funds:summary': ({ asOf, projectId }) => funds.fundsSummary(ctx, { asOf, projectId }),
    'funds:saveAward': (data) => funds.saveAward(ctx, data),
    'dashboard:summary': ({ period }) => dashboardSummary(ctx, period),
    'assessments:list': (f) => assessments.listAssessments(ctx, f),
    'assessments:get': ({ id }) => assessments.getAssessment(ctx, id),
    'assessments:save': (data) => assessments.saveAssessment(ctx, data),
    'assessments:saveItems': ({ id, items }) => assessments.saveAssessmentItems(ctx, id, items),
    'assessments:rank': ({ year, scheme }) => assessments.rankAssessments(ctx, year, scheme),
    'assessments:loadExample': ({ year }) => assessments.loadExampleAssessments(ctx, year),
  };
}
