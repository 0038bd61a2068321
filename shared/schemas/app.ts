import { z } from './zod-zh.ts';

export const AppInfoSchema = z.object({
  productName: z.string(),
  version: z.string(),
  dbFile: z.string(),
  townName: z.string().nullable(),
  /** True until the user chose an empty ledger or the sample (first run). */
  needsOnboarding: z.boolean(),
  operator: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const OnboardInputSchema = z.object({ mode: z.enum(['empty', 'demo'], { error: '请选择“空白台账”或“载入示例数据”' }) });

export const StatsSchema = z.object({
  projects: z.number().int(),
  subProjects: z.number().int(),
  totalInvestmentFen: z.number().int(),
  byCategory: z.array(z.object({ category: z.string(), projects: z.number().int(), totalInvestmentFen: z.number().int() })),
  byYear: z.array(z.object({ year: z.number().int(), projects: z.number().int(), totalInvestmentFen: z.number().int() })),
});
export type Stats = z.infer<typeof StatsSchema>;
