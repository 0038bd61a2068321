/** 资金到位/拨付/支付 records, 以奖代补 applications and the funding summary (domain.md §1.3, §2.4). */
import { T4_GROUPS } from '../domain/funds.ts';
import { FUND_FLOW_BATCHES, FUND_FLOW_TYPES, FUND_SOURCES } from '../domain/vocab.ts';
import { id, isoDate, moneyWan, optIsoDate, optOneOf, optText, oneOf } from './common.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L_AWARD_SUBSIDY = labels('award_subsidy');
const L_FUND_FLOW = labels('fund_flow');

export const FundFlowInputSchema = z.object({
  id: id.optional(),
  projectId: z.number({ error: '请选择项目' }).int().positive('请选择项目'),
  date: isoDate(L_FUND_FLOW.date),
  type: oneOf(FUND_FLOW_TYPES, L_FUND_FLOW.type),
  source: oneOf(FUND_SOURCES as unknown as readonly [string, ...string[]], '资金来源'),
  amountWan: moneyWan(L_FUND_FLOW.amountWan).refine((fen) => fen > 0, { message: '金额应大于0' }),
  batch: optOneOf(FUND_FLOW_BATCHES, L_FUND_FLOW.batch),
  voucherNo: optText(L_FUND_FLOW.voucherNo, 50),
  note: optText(L_FUND_FLOW.note, 200),
});
export type FundFlowInput = z.input<typeof FundFlowInputSchema>;
/** What the schema returns: the amount typed in 万元 under `amountWan` (the contract's key) is 分 by now. */
export type FundFlowParsed = z.output<typeof FundFlowInputSchema>;
/** The parsed flow under names that say the unit: what the service and the repository work with. */
export type FundFlowData = Omit<FundFlowParsed, 'amountWan'> & { amountFen: number };
export const fundFlowData = ({ amountWan: amountFen, ...rest }: FundFlowParsed): FundFlowData => ({
  ...rest,
  amountFen,
});

export const FundFlowSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  date: z.string(),
  type: z.string(),
  source: z.string(),
  amountFen: z.number().int(),
  batch: z.string().nullable(),
  voucherNo: z.string().nullable(),
  note: z.string().nullable(),
});
export type FundFlow = z.infer<typeof FundFlowSchema>;

export const FundFlowSavedSchema = z.object({ flow: FundFlowSchema, warnings: z.array(z.string()) });

export const AwardInputSchema = z.object({
  projectId: z.number({ error: '请选择项目' }).int().positive('请选择项目'),
  appliedWan: moneyWan(L_AWARD_SUBSIDY.appliedWan),
  appliedOn: optIsoDate(L_AWARD_SUBSIDY.appliedOn),
  note: optText(L_FUND_FLOW.note, 200),
});
/** The parsed application: `appliedWan` (the contract's key) holds 分 after the schema; named for what it holds. */
export type AwardData = { projectId: number; appliedFen: number; appliedOn: string | null; note: string | null };
export const awardData = ({ appliedWan: appliedFen, ...rest }: z.output<typeof AwardInputSchema>): AwardData => ({
  ...rest,
  appliedFen,
});

const amounts = {
  planFen: z.number().int(),
  arrivedFen: z.number().int(),
  allocatedFen: z.number().int(),
  paidFen: z.number().int(),
  arrivedPct: z.number().nullable(),
  paidPct: z.number().nullable(),
};
const group = z.enum(T4_GROUPS);
export const SourceLineSchema = z.object({ source: z.string(), group, ...amounts });
export const GroupLineSchema = z.object({ group, ...amounts });

const matchingSide = z.object({
  upperFen: z.number().int(),
  localFen: z.number().int(),
  ratio: z.number().nullable(),
  ok: z.boolean(),
});

export const FundsBlockSchema = z.object({
  ...amounts,
  bySource: z.array(SourceLineSchema),
  byGroup: z.array(GroupLineSchema),
});

export const ProjectFundsSchema = FundsBlockSchema.extend({
  id: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  parentId: z.number().int().nullable(),
  totalFen: z.number().int(),
  /** 总投资 − Σ 资金构成 (未落实); the project's figures include its sub-projects' (fund-figures.ts). */
  unfundedFen: z.number().int(),
  needsMatching: z.boolean(),
  /** The ≥1:1 配套 check, only for projects marked as needing it. */
  matching: z.object({ plan: matchingSide, arrived: matchingSide, ok: z.boolean() }).nullable(),
  /** 以奖代补, only for projects with an application. */
  award: z
    .object({
      appliedFen: z.number().int(),
      advancedFen: z.number().int(),
      redeemedFen: z.number().int(),
      outstandingFen: z.number().int(),
      advancedPct: z.number().nullable(),
    })
    .nullable(),
  warnings: z.array(z.string()),
  /** The source groups (T4: 上级补助 …) whose 计划 holds an amount written as approximate (460余): shown 460.00余. */
  approxPlanGroups: z.array(z.string()).optional(),
  /**
   * In a page of the list: 序号 as T4 numbers it — 3 for a project, 3-1 for its part (a 其中 row: its money is in
   * its project's row already, not to be added again).
   */
  seq: z.string().optional(),
});
export type ProjectFunds = z.infer<typeof ProjectFundsSchema>;

export const FundsSummarySchema = z.object({
  asOf: z.string().nullable(),
  overall: FundsBlockSchema.extend({
    /** Σ over top-level projects of 总投资 − 资金构成: the 总投资 no 资金构成 row covers. */
    unfundedFen: z.number().int(),
    matchingFailures: z.number().int(),
    award: z.object({ appliedFen: z.number().int(), advancedFen: z.number().int(), redeemedFen: z.number().int() }),
  }),
  projects: z.array(ProjectFundsSchema),
  /** With a page asked for: how many projects have any money (plan, 到位, 拨付, 支付 or 以奖代补) — the pages' whole. */
  projectsTotal: z.number().int().optional(),
  /** With a page asked for: of those rows, the top-level projects (the parts are 其中 rows under them). */
  topProjects: z.number().int().optional(),
});
export type FundsSummary = z.infer<typeof FundsSummarySchema>;
