import type { TaskTemplateKey } from '../../../shared/schemas/task.ts';
import type { TaskTemplate } from './task-template.ts';
import { TASK_TEMPLATE_JILIN } from './task-template-jilin.ts';
import { TASK_TEMPLATE_SUIXIAN } from './task-template-suixian.ts';

export const TASK_TEMPLATES: Record<TaskTemplateKey, TaskTemplate> = {
  suixian: TASK_TEMPLATE_SUIXIAN,
  jilin: TASK_TEMPLATE_JILIN,
};
