/** A project's figures for a report period: what every table, printout and light is built from. */
import { ProjectSchema } from './project.ts';
import { z } from './zod-zh.ts';

export const LevelSchema = z.enum(['green', 'yellow', 'red']);

export const DimensionLightSchema = z.object({
  dimension: z.enum(['投资进度', '开工', '节点', '资金支付', '入统', '填报']),
  level: LevelSchema,
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  rule: z.string(),
  reason: z.string(),
});

export const ProjectFiguresSchema = ProjectSchema.pick({
  id: true,
  code: true,
  name: true,
  parentId: true,
  category: true,
  subcategory: true,
  stageGroup: true,
  nature: true,
  scope: true,
  location: true,
  status: true,
  yearFrom: true,
  yearTo: true,
  planStart: true,
  planEnd: true,
  actStart: true,
  actEnd: true,
  totalFen: true,
}).extend({
  isParent: z.boolean(),
  /**
   * Σ of the direct sub-projects' 总投资 (null without sub-projects). `totalFen` is the project's own 总投资, or this
   * sum where it has none of its own (figure-rules.ts rollUpTotal); absent in snapshots closed before it existed.
   */
  partsTotalFen: z.number().int().nullable().optional(),
  /** 总投资 − Σ sub-projects' 总投资 where they differ, shown beside the parent (null when equal or no parts). */
  partsDiffFen: z.number().int().nullable().optional(),
  leaderName: z.string().nullable(),
  leadOrgName: z.string().nullable(),
  responsibleOrgNames: z.array(z.string()),
  /** 至上年底累计完成投资. */
  priorFen: z.number().int(),
  yearPlanFen: z.number().int(),
  monthFen: z.number().int(),
  /** 1-N月累计. */
  ytdFen: z.number().int(),
  /** 开工以来累计 = prior + ytd. */
  cumFen: z.number().int(),
  /** 占年度计划%, null without a year plan. */
  ytdPct: z.number().nullable(),
  /** The project's own 序时进度 %, null when its window has not started. */
  timeSharePct: z.number().nullable(),
  report: z
    .object({
      imageText: z.string(),
      imagePct: z.number().int().nullable(),
      issues: z.string().nullable(),
      nextSteps: z.string().nullable(),
      needs: z.string().nullable(),
      state: z.string(),
    })
    .nullable(),
  lights: z.array(DimensionLightSchema),
  level: LevelSchema.nullable(),
  /** The reason of the worst light, in words. */
  levelReason: z.string().nullable(),
  flags: z.array(z.string()),
});
export type ProjectFigures = z.infer<typeof ProjectFiguresSchema>;

export const PeriodFiguresSchema = z.object({
  period: z.string(),
  asOf: z.string(),
  closed: z.boolean(),
  townTimeSharePct: z.number(),
  projects: z.array(ProjectFiguresSchema),
  /** With a page asked for: how many projects the filter gives in all. */
  projectsTotal: z.number().int().optional(),
});
export type PeriodFigures = z.infer<typeof PeriodFiguresSchema>;

const fen = z.object({ fen: z.number().int() });

/** How a month's reports stand (shared/domain/figure-rules.ts reportTally), on the 总览 and in `figures --json`. */
export const ReportTallySchema = z.object({
  owe: z.number().int(),
  submitted: z.number().int(),
  未报: z.number().int(),
  草稿: z.number().int(),
  退回: z.number().int(),
});
const pct = z.number().nullable();

/**
 * Every figure of docs/figures.md for a period under a stable key (`figures --json`, channel figures:set):
 * money in 分 as `{ fen }`, counts as integers, percentages with one decimal (null without a base).
 */
export const FigureSetSchema = z.object({
  period: z.string(),
  asOf: z.string(),
  closed: z.boolean(),
  projects: z.object({
    top: z.number().int(),
    all: z.number().int(),
    sub: z.number().int(),
    lightUnits: z.number().int(),
    byStatus: z.record(z.string(), z.number().int()),
    byCategory: z.record(
      z.string(),
      z.object({
        projects: z.number().int(),
        totalFen: z.number().int(),
        yearPlanFen: z.number().int(),
        ytdFen: z.number().int(),
        ytdPct: pct,
      }),
    ),
  }),
  investment: z.object({
    totalFen: z.number().int(),
    priorFen: z.number().int(),
    yearPlanFen: z.number().int(),
    monthFen: z.number().int(),
    ytdFen: z.number().int(),
    cumFen: z.number().int(),
    unfundedFen: z.number().int(),
    partsDiffs: z.array(
      z.object({
        id: z.number().int(),
        code: z.string().nullable(),
        name: z.string(),
        totalFen: z.number().int(),
        partsFen: z.number().int().nullable(),
        diffFen: z.number().int(),
      }),
    ),
  }),
  rates: z.object({ 完成率: pct, 序时进度: pct, 差距: pct, 开工率: pct, 竣工率: pct, 到位率: pct, 支付率: pct }),
  starts: z.object({
    dueToStart: z.number().int(),
    started: z.number().int(),
    dueToFinish: z.number().int(),
    finished: z.number().int(),
    /** 已竣工项目, due or not (absent from packages of earlier versions, like `reports`) */
    completed: z.number().int().optional(),
  }),
  lights: z.object({
    red: z.number().int(),
    yellow: z.number().int(),
    green: z.number().int(),
    none: z.number().int(),
  }),
  /**
   * The month's reports (figure-rules.ts reportTally): owed, submitted, and the owed ones not submitted. Absent
   * from a town's data package made by a version before it (the county still reads those).
   */
  reports: ReportTallySchema.optional(),
  funds: z.record(z.string(), z.record(z.string(), fen)),
  fundGroups: z.record(z.string(), z.record(z.string(), fen)),
  award: z.object({ 申报: fen, 预拨: fen, 兑现: fen }),
  matching: z.object({ 上级补助计划: fen, 镇自筹计划: fen, 不足项目: z.number().int() }),
  lagging: z.array(
    z.object({
      id: z.number().int(),
      code: z.string().nullable(),
      name: z.string(),
      level: LevelSchema.nullable(),
      gapPts: pct,
    }),
  ),
});
export type FigureSet = z.infer<typeof FigureSetSchema>;
