/** 修改记录: who changed what, when, from which value to which — overall or for one project. */
import { changeEntityLabel, changeFieldLabel } from '../../../shared/fields/labels.ts';
import type { HistoryPage } from '../../../shared/schemas/change-history.ts';
import type { Ctx } from '../context.ts';
import { changeOperators, queryChanges } from '../repositories/change-log.repository.ts';
import { localDayStartIso } from '../../../shared/domain/dates.ts';

export interface HistoryQuery {
  projectId?: number | null;
  operator?: string | null;
  from?: string | null;
  to?: string | null;
  entity?: string | null;
  limit: number;
  offset: number;
}

export function listHistory(ctx: Ctx, q: HistoryQuery): HistoryPage {
  const { total, rows } = queryChanges(ctx.db, {
    projectId: q.projectId,
    operator: q.operator,
    entity: q.entity,
    limit: q.limit,
    offset: q.offset,
    fromAt: q.from ? localDayStartIso(q.from) : null,
    toAt: q.to ? localDayStartIso(q.to, 1) : null,
  });
  return {
    total,
    operators: changeOperators(ctx.db),
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at,
      operator: r.operator,
      action: r.action,
      entity: r.entity,
      entityLabel: changeEntityLabel(r.entity),
      entityId: r.entity_id,
      projectId: r.project_id,
      projectName: r.project_name,
      field: r.field,
      fieldLabel: changeFieldLabel(r.entity, r.field),
      oldValue: r.old_value,
      newValue: r.new_value,
      reason: r.reason,
    })),
  };
}
