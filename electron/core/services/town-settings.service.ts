/** 设置: town name, 填报单位, default receiver and fiscal year, each change logged like any data. */
import { TOWN_SETTING_KEYS, type TownSettings, type TownSettingsSave } from '../../../shared/schemas/town-settings.ts';
import { appendChanges, type ChangeEntry } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { deleteSetting, getSetting, setSetting } from '../repositories/setting.repository.ts';

export function getTownSettings(ctx: Ctx): TownSettings {
  const year = getSetting(ctx.db, TOWN_SETTING_KEYS.fiscalYear);
  return {
    townName: getSetting(ctx.db, TOWN_SETTING_KEYS.townName),
    filler: getSetting(ctx.db, TOWN_SETTING_KEYS.filler),
    receiver: getSetting(ctx.db, TOWN_SETTING_KEYS.receiver),
    fiscalYear: year ? Number(year) : null,
  };
}

export function saveTownSettings(ctx: Ctx, s: TownSettingsSave): TownSettings {
  return ctx.db.tx(() => {
    const before = getTownSettings(ctx);
    const entries: ChangeEntry[] = [];
    for (const field of Object.keys(TOWN_SETTING_KEYS) as (keyof typeof TOWN_SETTING_KEYS)[]) {
      const oldValue = before[field] === null ? null : String(before[field]);
      const newValue = s[field] === null ? null : String(s[field]);
      if (oldValue === newValue) continue;
      const key = TOWN_SETTING_KEYS[field];
      if (newValue === null) deleteSetting(ctx.db, key);
      else setSetting(ctx.db, key, newValue);
      entries.push({ action: '修改', entity: 'setting', field: key, oldValue, newValue });
    }
    appendChanges(ctx.db, ctx.session.operator, nowIso(ctx), entries);
    return getTownSettings(ctx);
  });
}

/**
 * 填报单位 / 编印单位 as every printout and every county sheet writes it: the town's setting, else its full name
 * (永济市蒲州镇) + 人民政府. The T1 sheet wrote the short name while the printed T1 wrote the setting.
 */
export function fillerName(ctx: Ctx): string {
  const name = getSetting(ctx.db, TOWN_SETTING_KEYS.townName) ?? '本镇';
  const fullName = getSetting(ctx.db, 'town.fullName') ?? name;
  return getSetting(ctx.db, TOWN_SETTING_KEYS.filler) ?? `${fullName}人民政府`;
}

/**
 * The names the town goes by, longest first (永济市蒲州镇, 蒲州镇): its own units are written with or without them in
 * front (蒲州镇城建办, 城建办), and an import takes both for one unit (import-orgs.ts).
 */
export function townNames(ctx: Ctx): string[] {
  const names = [getSetting(ctx.db, 'town.fullName'), getSetting(ctx.db, TOWN_SETTING_KEYS.townName)];
  return [...new Set(names.filter((n): n is string => !!n))].sort((a, b) => b.length - a.length);
}
