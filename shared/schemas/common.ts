/** zod building blocks that carry the domain's rules and Chinese messages. */
import { isValidIsoDate, isValidPeriod } from '../domain/dates.ts';
import { parseMoney } from '../domain/money.ts';
import { z } from './zod-zh.ts';

export const id = z.number().int().positive();

/** Optional text: '' and whitespace become null. */
export const optText = (label: string, max = 500) =>
  z
    .string()
    .max(max, `${label}不能超过${max}个字`)
    .nullish()
    .transform((v) => (v == null || v.trim() === '' ? null : v.trim()));

export const reqText = (label: string, min = 1, max = 500) =>
  z
    .string({ error: `请填写${label}` })
    .transform((v) => v.trim())
    .pipe(
      z
        .string()
        .min(1, { error: `请填写${label}`, abort: true })
        .min(min, `${label}至少${min}个字`)
        .max(max, `${label}不能超过${max}个字`),
    );

function fenOrIssue(v: string | number, label: string, ctx: z.RefinementCtx, approxOk = false): number {
  const r = parseMoney(v, '万元', label);
  // "约30", "30余": a 总投资 or a plan as county documents write it may be round (approxOk); what was done — a
  // month's 完成投资, a payment — is added up as reported, and taken as exactly 30 it would be a figure nobody gave
  if (r.ok && r.approx && !approxOk)
    ctx.addIssue({ code: 'custom', message: `${label}“${String(v).trim()}”是约数，请填写确切金额` });
  else if (r.ok) return r.fen;
  else ctx.addIssue({ code: 'custom', message: r.message });
  return z.NEVER;
}

/**
 * 万元 text or number → integer 分; rejects negatives and more than 6 decimals. The parsed 分 stays under the input's
 * key (`totalWan`, the contract's name for what the user types): read it into a …Fen name (shared/domain/money.ts).
 */
export const moneyWan = (label: string, { approxOk = false } = {}) =>
  z
    .union([z.string(), z.number()], { error: `请填写${label}` })
    .transform((v, ctx) => fenOrIssue(v, label, ctx, approxOk));

/**
 * An amount typed as approximate ("860余万元", "约460") keeps its number and marks the row approximate (domain §0):
 * a preprocess that sets `approx` when the text under `key` carries the mark (总投资, a 资金构成 amount).
 */
export const markApprox =
  (key: string) =>
  (raw: unknown): unknown => {
    const text = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
    return typeof text === 'string' && /余|多|^\s*约/.test(text) ? { ...(raw as object), approx: true } : raw;
  };

/** Optional 万元 amount: ''/null → null. */
export const optMoneyWan = (label: string, { approxOk = false } = {}) =>
  z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v, ctx) =>
      v == null || (typeof v === 'string' && v.trim() === '') ? null : fenOrIssue(v, label, ctx, approxOk),
    );

export const isoDate = (label: string) =>
  z.string({ error: `请填写${label}` }).refine(isValidIsoDate, {
    message: `${label}不是有效日期（应写作 2017-09-30 这样的日期，且须是日历上存在的日期）`,
  });

export const optIsoDate = (label: string) =>
  z
    .string()
    .nullish()
    .transform((v) => (v == null || v.trim() === '' ? null : v.trim()))
    .refine((v) => v === null || isValidIsoDate(v), {
      message: `${label}不是有效日期（应写作 2017-09-30 这样的日期，且须是日历上存在的日期）`,
    });

export const period = (label = '期别') =>
  z.string({ error: `请填写${label}` }).refine(isValidPeriod, { message: `${label}格式应为年-月，如 2017-09` });

export const year = (label: string) =>
  z
    .number({ error: `${label}应为年份数字` })
    .int(`${label}应为整数年份`)
    .min(1900, `${label}不能早于1900年`)
    .max(2099, `${label}不能晚于2099年`);

export const optYear = (label: string) =>
  year(label)
    .nullish()
    .transform((v) => v ?? null);

export const optId = id.nullish().transform((v) => v ?? null);

export const oneOf = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.enum(values, { error: `${label}应为：${values.join('、')}` });

export const optOneOf = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z
    .union([z.enum(values), z.literal(''), z.null()], { error: `${label}应为：${values.join('、')}` })
    .optional()
    .transform((v) => (v ? v : null));
