/** The town's own settings (设置): names printed on submissions and the working year. */
import { optText, reqText, year } from './common.ts';
import { z } from './zod-zh.ts';

export const TownSettingsSaveSchema = z.object({
  townName: reqText('乡镇名称', 2, 30),
  filler: reqText('填报单位', 2, 60),
  receiver: optText('默认报送单位', 60),
  fiscalYear: year('年度'),
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
export const TOWN_SETTING_KEYS = { townName: 'town.name', filler: 'org.filler', receiver: 'org.receiver', fiscalYear: 'fiscal.year' } as const;
