/** Channel → service call. One line per channel; logic lives in services. */
import type { Handlers } from '../../shared/ipc/contract.ts';
import type { Ctx } from './context.ts';
import { listOrgs, listStaff } from './repositories/org.repository.ts';
import { appInfo, onboard } from './services/app.service.ts';
import * as attachments from './services/attachment.service.ts';
import { listHistory } from './services/history.service.ts';
import * as parts from './services/project-parts.service.ts';
import * as projects from './services/project.service.ts';
import { getUi, setUi } from './services/ui-settings.service.ts';
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
    'history:list': (f) => listHistory(ctx, f),
    'settings:getUi': ({ key }) => getUi(ctx, key),
    'settings:setUi': ({ key, value }) => setUi(ctx, key, value),
  };
}
