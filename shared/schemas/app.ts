import { reqText, year } from './common.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L_COMMON = labels('common');
const L_SETTING = labels('setting');

export const AppInfoSchema = z.object({
  productName: z.string(),
  version: z.string(),
  dbFile: z.string(),
  townName: z.string().nullable(),
  /** Set on a county's ledger (县级汇总, county.service.ts): the window lists the 县级汇总 page. */
  countyName: z.string().nullable(),
  /** True until the user chose an empty ledger or the sample (first run). */
  needsOnboarding: z.boolean(),
  /** True while the ledger has no 管理员 (with a password): the first-run screen creates one. */
  needsAdmin: z.boolean(),
  operator: z.string(),
  /**
   * The PC's clock reads earlier than the latest time the ledger recorded (a flat CMOS battery resets it to years
   * ago, or someone set it back): the window warns until it is put right, since every record written now is dated
   * wrongly and 序时进度 and overdue 节点 are judged by it. Null when the clock is not behind.
   */
  clockBehind: z.object({ now: z.string(), latestAt: z.string() }).nullable(),
  /**
   * What opening the ledger found and did that the clerk must hear, in the core's words (the ledger changed while the
   * program was closed, an upgrade that found edits made outside it, the seals renewed, the structure upgraded, an
   * empty file set aside). Shown at the top of the window for this run of the program; a settled restore is said by
   * its own notice (restoreNotice). A core host restarted after a crash says them as well (restartNotice).
   */
  startNotes: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/**
 * First run: how to start, the town and its working year, and the first 管理员 with a password. The town,
 * year and 管理员 are required when nobody is signed in (the first-run screen); the CLI's local administrator
 * may leave them out (seed-demo).
 */
export const OnboardInputSchema = z.object({
  mode: z.enum(['empty', 'demo'], { error: '请选择“空白台账”或“载入示例数据”' }),
  townName: reqText(L_SETTING.townName, 2, 30).optional(),
  fiscalYear: year(L_SETTING.fiscalYear).optional(),
  adminName: reqText(L_COMMON.adminName, 2, 20).optional(),
  adminPassword: z.string().max(64, '密码不能超过64个字符').optional(),
});
export type OnboardInput = z.output<typeof OnboardInputSchema>;

export const StatsSchema = z.object({
  projects: z.number().int(),
  subProjects: z.number().int(),
  totalInvestmentFen: z.number().int(),
  byCategory: z.array(
    z.object({ category: z.string(), projects: z.number().int(), totalInvestmentFen: z.number().int() }),
  ),
  byYear: z.array(
    z.object({ year: z.number().int(), projects: z.number().int(), totalInvestmentFen: z.number().int() }),
  ),
});
export type Stats = z.infer<typeof StatsSchema>;

/**
 * Where the ledger stands as written by OTHER programs (the CLI, a second window or copy of the app on the same
 * file): a number that changes whenever one of them commits (SQLite's PRAGMA data_version), never for this core's
 * own writes. The window asks every few seconds and reads its pages again when it moves.
 */
export const ElsewhereSchema = z.object({ version: z.number().int() });
