import type { Json } from '../../../shared/schemas/project-parts.ts';

/** Per-operator UI settings (chosen columns, …), stored as JSON in `setting` under ui.<operator>.<key>. */
import type { Ctx } from '../context.ts';
import { getSetting, setSetting } from '../repositories/setting.repository.ts';

const uiKey = (ctx: Ctx, key: string) => `ui.${ctx.session.operator}.${key}`;

export function getUi(ctx: Ctx, key: string): { value: Json } {
  const text = getSetting(ctx.db, uiKey(ctx, key));
  if (text === null) return { value: null };
  try {
    return { value: JSON.parse(text) as Json };
  } catch {
    return { value: null }; // a damaged preference falls back to the defaults rather than blocking the page
  }
}

export function setUi(ctx: Ctx, key: string, value: Json): { value: Json } {
  setSetting(ctx.db, uiKey(ctx, key), JSON.stringify(value));
  return { value };
}
