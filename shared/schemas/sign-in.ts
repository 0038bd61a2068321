/**
 * 登录记录 and the idle sign-out: every sign-in event the core records (electron/core/services/sign-in-log.service.ts),
 * read back by the 管理员, and the minutes without a clerk's call after which a session is signed out.
 */
import { optIsoDate, optText } from './common.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';

const L_COMMON = labels('common');

/** The events, as stored and as shown (the table's CHECK lists the same words: migration 0016). */
export const SIGN_IN_EVENTS = [
  '登录成功',
  '密码错误',
  '账户锁定',
  '登录被拒（账户锁定中）',
  '退出登录',
  '因长时间未操作退出',
] as const;
export type SignInEvent = (typeof SIGN_IN_EVENTS)[number];

/** Which program the sign-in came through (the core host is told by its shell: HostConfig.holder). */
export const SIGN_IN_SHELLS = ['桌面程序', '浏览器模式', '命令行', '其他'] as const;
export type SignInShell = (typeof SIGN_IN_SHELLS)[number];

export const SignInQuerySchema = z
  .object({
    operator: optText(L_COMMON.operator, 20),
    from: optIsoDate(L_COMMON.from),
    to: optIsoDate(L_COMMON.to),
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '截止日期不能早于起始日期', path: ['to'] })
  .optional()
  .default({ operator: null, from: null, to: null, limit: 100, offset: 0 });

export const SignInRowSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  operatorId: z.number().int().nullable(),
  operator: z.string(),
  event: z.enum(SIGN_IN_EVENTS),
  /** What else the event says, in Chinese: 连续第3次输错, 锁定至…, 最后一次操作…. Empty when nothing. */
  detail: z.string(),
  shell: z.enum(SIGN_IN_SHELLS),
});
export type SignInRow = z.infer<typeof SignInRowSchema>;

export const SignInPageSchema = z.object({
  total: z.number().int(),
  rows: z.array(SignInRowSchema),
  /** Every operator name in the record, for the filter. */
  operators: z.array(z.string()),
});
export type SignInPage = z.infer<typeof SignInPageSchema>;

export const IDLE_MINUTES_DEFAULT = 30;
export const IDLE_MINUTES_MIN = 5;
export const IDLE_MINUTES_MAX = 240;
/** The refusal a call gets after the idle time ran out (the renderer goes back to the sign-in screen on it). */
export const IDLE_SIGNED_OUT_MESSAGE = '长时间未操作，已自动退出登录，请重新登录';

const IDLE_LABEL = '自动退出登录时间';
export const IdleSettingSchema = z.object({
  idleMinutes: z
    .number({ error: `请填写${IDLE_LABEL}（分钟）` })
    .int(`${IDLE_LABEL}须是整数分钟`)
    .min(IDLE_MINUTES_MIN, `${IDLE_LABEL}不能少于${IDLE_MINUTES_MIN}分钟`)
    .max(IDLE_MINUTES_MAX, `${IDLE_LABEL}不能超过${IDLE_MINUTES_MAX}分钟`),
});
export type IdleSetting = z.infer<typeof IdleSettingSchema>;
