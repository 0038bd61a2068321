/** Traffic-light rules (configurable, domain §3.4) and the stored history of computed lights. */
import { formatWanExact } from '../domain/money.ts';
import type { LightRules } from '../domain/schedule.ts';
import { LIGHT_DIMENSIONS } from '../domain/vocab.ts';
import { id, moneyWan, period as periodText } from './common.ts';
import { LevelSchema } from './figures.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L_LIGHT_RULE = labels('light_rule');

const int = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(min, `${label}不能小于${min}`)
    .max(max, `${label}不能大于${max}`);

const rulesObject = z.object({
  investYellowFromPts: int(L_LIGHT_RULE.investYellowFromPts, 0, 100),
  investRedAbovePts: int(L_LIGHT_RULE.investRedAbovePts, 1, 100),
  startRedMonths: int(L_LIGHT_RULE.startRedMonths, 1, 12),
  nodeYellowDays: int(L_LIGHT_RULE.nodeYellowDays, 1, 365),
  nodeRedDays: int(L_LIGHT_RULE.nodeRedDays, 1, 365),
  paymentMinPct: int(L_LIGHT_RULE.paymentMinPct, 0, 100),
  statsThresholdWan: moneyWan(L_LIGHT_RULE.statsThresholdWan),
  reportDueDay: int(L_LIGHT_RULE.reportDueDay, 1, 28),
});

/** The rules as a settings form sends them (入统门槛 in 万元); cross-field order checked here too. */
export const LightRulesInputSchema = rulesObject.superRefine((r, ctx) => {
  if (r.investRedAbovePts <= r.investYellowFromPts)
    ctx.addIssue({
      code: 'custom',
      path: ['investRedAbovePts'],
      message: `红灯界限（${r.investRedAbovePts}个百分点）应大于黄灯起点（${r.investYellowFromPts}个百分点）`,
    });
  if (r.nodeRedDays <= r.nodeYellowDays)
    ctx.addIssue({
      code: 'custom',
      path: ['nodeRedDays'],
      message: `节点逾期红灯天数（${r.nodeRedDays}）应大于黄灯天数（${r.nodeYellowDays}）`,
    });
});
export type LightRulesInput = z.input<typeof LightRulesInputSchema>;

/**
 * The rules as the settings form and lights:rules:save take them: the 入统门槛 as exact 万元 text in place of its 分
 * (a form filled with the stored rules and sent whole carried statsThresholdFen, a field the channel does not take).
 */
export function lightRulesInput(rules: LightRules): LightRulesInput {
  const { statsThresholdFen, ...rest } = rules;
  return { ...rest, statsThresholdWan: formatWanExact(statsThresholdFen) };
}

export const LightRulesSchema = z.object({
  investYellowFromPts: z.number(),
  investRedAbovePts: z.number(),
  startRedMonths: z.number(),
  nodeYellowDays: z.number(),
  nodeRedDays: z.number(),
  paymentMinPct: z.number(),
  statsThresholdFen: z.number().int(),
  reportDueDay: z.number().int(),
}) satisfies z.ZodType<LightRules>;

/**
 * The 预警规则 a month's lights were judged by (period.service.ts periodLightRules): 'current' — an open month, by the
 * rules in force; 'kept' — a closed month, by the rules kept at its close; 'notKept' — a month closed before closes
 * kept their rules: only the current rules can be given, and they must be said to be the current ones.
 */
export const PeriodRulesSchema = z.object({
  rules: LightRulesSchema,
  source: z.enum(['current', 'kept', 'notKept']),
});
export type PeriodRules = z.infer<typeof PeriodRulesSchema>;

/** lights:rules:get — with a period asked for, also the rules that month's lights were judged by. */
export const LightRulesGetInputSchema = z.object({ period: periodText().optional() }).strict().optional().default({});

export const LightRulesViewSchema = z.object({
  rules: LightRulesSchema,
  defaults: LightRulesSchema,
  periodRules: PeriodRulesSchema.optional(),
});
export type LightRulesView = z.infer<typeof LightRulesViewSchema>;

export const LightHistoryInputSchema = z.object({ projectId: id });

export const LightHistoryRowSchema = z.object({
  period: z.string(),
  computedAt: z.string(),
  dimension: z.enum(LIGHT_DIMENSIONS),
  level: LevelSchema,
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  text: z.string(),
});
export type LightHistoryRow = z.infer<typeof LightHistoryRowSchema>;
