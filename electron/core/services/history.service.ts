/** The change history (修改记录) as people read it: field names in Chinese, newest first. */
import { fieldLabel } from '../../../shared/domain/field-labels.ts';
import type { HistoryRow } from '../../../shared/schemas/project-parts.ts';
import type { Ctx } from '../context.ts';
import { listChanges, type HistoryFilter } from '../repositories/project-parts.repository.ts';

const ENTITY_LABELS: Record<string, string> = {
  project: '项目', project_item: '建设子项', funding_plan: '资金构成', year_plan: '年度计划', milestone: '节点',
  attachment: '附件', ledger: '台账',
};

export function listHistory(ctx: Ctx, f: HistoryFilter): HistoryRow[] {
  return listChanges(ctx.db, f).map((r) => ({
    id: r.id, at: r.at, operator: r.operator, action: r.action, entity: r.entity, entityLabel: ENTITY_LABELS[r.entity] ?? r.entity,
    projectId: r.project_id, projectName: r.project_name, field: r.field, fieldLabel: r.field ? (r.field === 'attachment' ? '附件' : fieldLabel(r.field)) : null,
    oldValue: r.old_value, newValue: r.new_value, reason: r.reason,
  }));
}
