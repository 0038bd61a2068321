/** The town's own settings (设置): names printed on submissions and the working year. */
import { optText, reqText, year } from './common.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L_SETTING = labels('setting');

export const TownSettingsSaveSchema = z.object({
  townName: reqText(L_SETTING.townName, 2, 30),
  filler: reqText(L_SETTING.filler, 2, 60),
  receiver: optText(L_SETTING.receiver, 60),
  fiscalYear: year(L_SETTING.fiscalYear),
});
export type TownSettingsSave = z.output<typeof TownSettingsSaveSchema>;

export const TownSettingsSchema = z.object({
  townName: z.string().nullable(),
  filler: z.string().nullable(),
  receiver: z.string().nullable(),
  fiscalYear: z.number().int().nullable(),
});
export type TownSettings = z.infer<typeof TownSettingsSchema>;

/** Setting keys in the `setting` table. */
export const TOWN_SETTING_KEYS = {
  townName: 'town.name',
  filler: 'org.filler',
  receiver: 'org.receiver',
  fiscalYear: 'fiscal.year',
} as const;
