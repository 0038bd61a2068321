/**
 * The one look for dates, months and money wherever people read them — pages, printouts, messages, the CLI's text
 * output: 2017年9月30日, 2017年9月, 2017年1-9月, 1,234.56 万元. Inputs keep ISO text (2017-09-30); the county
 * tables write real Excel dates shown the same way (number format yyyy"年"m"月"d"日", electron/core/excel/export/frame.ts).
 * Nothing here imports the other domain modules: dates.ts and period.ts re-export their formatters from here.
 */
import { formatWan } from './money.ts';

export { formatWan, formatWanExact, formatPercent } from './money.ts';

const DATE_LIKE = /^(\d{4})-(\d{2})(?:-(\d{2}))?/;
const pad2 = (n: number) => String(n).padStart(2, '0');

/** "2017-09-30" → "2017年9月30日"; a month "2017-09" → "2017年9月"; empty → ''. */
export function formatDateCn(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = DATE_LIKE.exec(iso);
  if (!m) return iso;
  return m[3] ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : `${m[1]}年${Number(m[2])}月`;
}

/**
 * A span of days as a 方案 writes its 实施步骤: 2021年5月1日—2022年6月30日, 2021年4月30日前 (an end alone: “4月底前”),
 * 2022年6月1日起 (a start alone); '' when neither is set — a lone dash (—2021年4月30日, （—）) read as a misprint.
 */
export function formatDateSpanCn(from: string | null | undefined, to: string | null | undefined): string {
  if (from && to) return `${formatDateCn(from)}—${formatDateCn(to)}`;
  if (to) return `${formatDateCn(to)}前`;
  return from ? `${formatDateCn(from)}起` : '';
}

/**
 * The refusal of a date of something done (实际开工, a 节点's 实际日期) later than today on the PC's clock: a year
 * mistyped (2071 for 2017) would stand as done. Names today, so a PC whose clock is wrong shows itself.
 */
export const afterTodayText = (label: string, iso: string, today: string): string =>
  `${label}（${formatDateCn(iso)}）不能晚于今天（${formatDateCn(today)}），请核对年份；如电脑日期不对请先校正`;

/** The month of a date or a period: "2017-09-30" or "2017-09" → "2017年9月" (plan start/end in tight columns). */
export function formatMonthCn(isoOrPeriod: string | null | undefined): string {
  if (!isoOrPeriod) return '';
  const m = DATE_LIKE.exec(isoOrPeriod);
  return m ? `${m[1]}年${Number(m[2])}月` : isoOrPeriod;
}

function periodParts(period: string): [year: string, month: number] {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!m) throw new Error(`期别“${period}”格式应为 YYYY-MM`);
  return [m[1]!, Number(m[2])];
}

/**
 * The months from January to the period's, as a column, a label or a sentence names them: "1-9月" ("1月" in
 * January, where "1-1月" reads as a typo). Every title of a year-to-date figure says it this way, never "1-N月".
 */
export function monthsSpan(period: string): string {
  const [, month] = periodParts(period);
  return month === 1 ? '1月' : `1-${month}月`;
}

/**
 * 建设起止年限 as the county's tables write it: 2017-2018, one year alone as 2017 (not 2017-2017), nothing without a
 * start year. Pages, printouts and exports all print it through this.
 */
export function formatYearRange(from: number | null | undefined, to: number | null | undefined): string {
  if (!from) return '';
  return to && to !== from ? `${from}-${to}` : String(from);
}

/** A report month "2017-09" → "2017年9月"; with `range`, "2017年1-9月". Throws on a text that is not a month. */
export function formatPeriodCn(period: string, range = false): string {
  const [year, month] = periodParts(period);
  return range ? `${year}年${monthsSpan(period)}` : `${year}年${month}月`;
}

/** An ISO instant (stored in UTC) → "2017年9月30日 14:05" in the office's local time. */
export function formatInstantCn(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/**
 * The local calendar day of an ISO instant → "2017年10月8日". Not `iso.slice(0, 10)`: that is the UTC day, which
 * in Beijing is the previous day for everything done before 08:00.
 */
export function formatInstantDateCn(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

/** An ISO instant → "2017年10月8日 09:15" in Beijing time (UTC+8, no daylight saving), whatever the machine's zone. */
export function formatBeijingTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** Money with its unit, as read in sentences: "1,234.56 万元" (two decimals; integer 分 in). */
export function formatWanUnit(fen: number | null | undefined, approx = false): string {
  return `${formatApproxWan(fen, approx, { grouping: true })} 万元`;
}

/** The mark after an approximate amount (formatApproxWan; the exports' number format 0.00"余" writes the same). */
export const APPROX_MARK = '余';

/**
 * An amount the ledger holds as approximate (投资为约数: the county's “860余万元”): 860.00余 on every surface —
 * the pages, the printouts and the Excel exports (number format 0.00"余", still a number there) — as the county's
 * own sheets write it. The pages said 约860.00, the 一项目一档 860.00（约数） and the 进展情况表 860.00 beside T1's
 * 860.00余 on the same row.
 */
export function formatApproxWan(
  fen: number | null | undefined,
  approx: boolean,
  opts: Parameters<typeof formatWan>[1] = {},
): string {
  const text = formatWan(fen, opts);
  return approx && text !== '' && fen !== null && fen !== undefined ? `${text}${APPROX_MARK}` : text;
}

/**
 * A stored value shown as text (the 修改记录's 原值/新值): a whole ISO date reads 2017年9月30日 and a whole month
 * 2017年9月; anything else is shown as it is.
 */
export function formatValueCn(text: string | null | undefined): string {
  if (text === null || text === undefined) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) || /^\d{4}-(0[1-9]|1[0-2])$/.test(text)) return formatDateCn(text);
  return text;
}

/**
 * 责任单位 as a county table prints it: the 牵头单位 first, then the other responsible units in their order. The
 * T1 sheet and the printed T1 each wrote their own (the sheet without the 牵头单位, the printout with it).
 */
export function responsibleUnitsText(leadOrgName: string | null, responsibleOrgNames: readonly string[]): string {
  return [leadOrgName, ...responsibleOrgNames.filter((n) => n !== leadOrgName)].filter(Boolean).join('、');
}

/**
 * What the window (ClockWarning.tsx) and the CLI say when the PC's clock reads earlier than the ledger's latest record
 * (AppInfo.clockBehind): both times in Beijing time, and how to put the clock right.
 */
export function clockWarningText(behind: { now: string; latestAt: string }): string {
  return (
    `电脑的日期时间可能不对：本机现在是${formatBeijingTime(behind.now)}，而台账里已有${formatBeijingTime(behind.latestAt)}的记录。` +
    '日期不对时，修改记录、登录记录的时间和序时进度、节点是否逾期都会算错。' +
    '请先校正本机的日期和时间（在屏幕右下角的时间上点右键，选“调整日期/时间”），再继续录入。'
  );
}
