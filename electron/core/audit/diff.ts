/** Field-by-field change-log entries for the non-project records (units, people, tasks, settings…). */
import { yesNoText } from '../../../shared/domain/cell-reads.ts';
import type { ChangeEntity } from '../../../shared/fields/registry.ts';
import type { ChangeEntry } from './change-log.ts';

export type Shown = Record<string, string | null>;

/** Compares two records already turned into display text; only fields that differ produce a row. */
export function diffShown(entity: ChangeEntity, entityId: number | null, before: Shown, after: Shown): ChangeEntry[] {
  const out: ChangeEntry[] = [];
  for (const field of Object.keys(after)) {
    const a = before[field] ?? null;
    const b = after[field] ?? null;
    if (a !== b) out.push({ action: '修改', entity, entityId, field, oldValue: a, newValue: b });
  }
  return out;
}

export const text = (v: unknown): string | null => {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return yesNoText(v);
  if (Array.isArray(v)) return v.length ? v.join('、') : null;
  return String(v);
};
