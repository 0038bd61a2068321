/** 总览 (dashboard): one period's headline figures, built from the period figures and the funds summary. */
import { T4_GROUPS } from '../domain/funds.ts';
import { LevelSchema, ReportTallySchema } from './figures.ts';
import { z } from './zod-zh.ts';

export const DashboardSchema = z.object({
  period: z.string().nullable(),
  /** Periods that have reports, newest first (the picker's choices). */
  periods: z.array(z.string()),
  asOf: z.string().nullable(),
  townTimeSharePct: z.number().nullable(),
  totals: z.object({
    projects: z.number().int(),
    subProjects: z.number().int(),
    totalFen: z.number().int(),
    yearPlanFen: z.number().int(),
    ytdFen: z.number().int(),
    cumFen: z.number().int(),
    /** 完成率 = 1-N月累计 ÷ 年度计划. */
    ytdPct: z.number().nullable(),
  }),
  /** Counted over the projects that report (sub-projects, not their parents). */
  lights: z.object({
    red: z.number().int(),
    yellow: z.number().int(),
    green: z.number().int(),
    none: z.number().int(),
  }),
  /** The month's reports: a month not wholly submitted is said above the figures (reportTallyParts). */
  reports: ReportTallySchema,
  byCategory: z.array(
    z.object({
      category: z.string(),
      projects: z.number().int(),
      yearPlanFen: z.number().int(),
      ytdFen: z.number().int(),
      ytdPct: z.number().nullable(),
    }),
  ),
  funding: z.array(
    z.object({
      group: z.enum(T4_GROUPS),
      planFen: z.number().int(),
      arrivedFen: z.number().int(),
      paidFen: z.number().int(),
    }),
  ),
  trend: z.array(z.object({ period: z.string(), monthFen: z.number().int(), ytdFen: z.number().int() })),
  lagging: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      parentName: z.string().nullable(),
      level: LevelSchema,
      reason: z.string().nullable(),
      ytdPct: z.number().nullable(),
      timeSharePct: z.number().nullable(),
      /** 完成率 − 序时进度, points: negative = behind (shared/domain/figure-rules.ts gapPts). */
      gapPts: z.number().nullable(),
      /** How far behind in words, one per lit dimension, worst first (figure-rules.ts laggingGaps). */
      gaps: z.array(z.string()),
    }),
  ),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
