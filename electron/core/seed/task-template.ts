/** The shape of an example 责任清单 the user can load (see task-template-*.ts and tasks:loadTemplate). */
import type { TaskTemplateKey } from '../../../shared/schemas/task.ts';
import type { ORG_KINDS, ORG_LEVELS } from '../../../shared/domain/vocab.ts';

export interface TaskTemplate {
  key: TaskTemplateKey;
  label: string;
  campaign: {
    name: string;
    sourceDoc: string;
    phases: readonly { name: string; dateFrom: string | null; dateTo: string | null; goal: string }[];
  };
  /** Every unit the tasks name, created by name when missing. */
  orgs: readonly { name: string; level: (typeof ORG_LEVELS)[number]; kind: (typeof ORG_KINDS)[number] | null }[];
  tasks: readonly {
    no: string;
    category: string;
    title: string;
    lead: string | null;
    resp: readonly string[];
    content?: string;
    note?: string;
  }[];
}
