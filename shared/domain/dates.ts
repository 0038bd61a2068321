/**
 * Dates are ISO text (YYYY-MM-DD), periods YYYY-MM. Validation never rolls over: 2017-09-31 is an
 * error, not 2017-10-01 (a defect in the 渭城 source document).
 */
import { toHalfWidth } from './money.ts';

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function isValidDateParts(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function isValidIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  return isValidDateParts(y, m, d);
}

export function isValidPeriod(text: string): boolean {
  if (!PERIOD.test(text)) return false;
  const y = Number(text.slice(0, 4));
  return y >= 1900 && y <= 2099;
}

const pad2 = (n: number) => n.toString().padStart(2, '0');

export function isoDate(y: number, m: number, d: number): string {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

export type DateParse = { ok: true; date: string; monthOnly: boolean } | { ok: false; message: string };

/**
 * Reads the date texts clerks really type or that spreadsheets hold: 2017-09-30, 2017/9/30, 2017.9.30,
 * 2017年9月30日, 20170930, 2017-09 / 2017年9月 (month only: first day, flagged), and Excel serials.
 */
export function parseDateText(input: string | number, label = '日期', date1904 = false): DateParse {
  // 2020.3 typed as a number (Excel keeps it so) is March 2020: as a serial day it would be 1905, a date no project
  // has, so a number of 1900–2099 is read as year.month (Excel drops a month's trailing zero: 2020.10 arrives as
  // 2020.1, January — the month-only note makes the clerk look).
  if (typeof input === 'number')
    return input >= 1900 && input < 2100
      ? parseDateText(String(input), label, date1904)
      : excelSerialToDate(input, label, date1904);
  const text = toHalfWidth(String(input)).trim().replace(/\s+/g, '');
  if (text === '') return { ok: false, message: `${label}不能为空` };
  if (/^(19|20)\d\d年?$/.test(text))
    return {
      ok: false,
      message: `${label}“${input}”只有年份，请写明月份，如 ${text.slice(0, 4)}年3月 或 ${text.slice(0, 4)}-03-01`,
    };
  if (/^\d+(\.\d+)?$/.test(text) && text.length <= 6 && Number(text) > 59 && !/^(19|20)\d\d\./.test(text)) {
    return excelSerialToDate(Number(text), label, date1904);
  }
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!isValidDateParts(y, mo, d))
      return { ok: false, message: `${label}“${input}”不是有效日期（${y}年${mo}月没有${d}日）` };
    return { ok: true, date: isoDate(y, mo, d), monthOnly: false };
  }
  m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(text);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    if (!isValidDateParts(y, mo, 1)) return { ok: false, message: `${label}“${input}”不是有效年月` };
    return { ok: true, date: isoDate(y, mo, 1), monthOnly: true };
  }
  return { ok: false, message: `${label}“${input}”无法识别，请写成 2017-09-30 或 2017年9月30日` };
}

/** Excel serial day number → ISO date (1900 system with its fake 1900-02-29, or the 1904 system). */
export function excelSerialToDate(serial: number, label = '日期', date1904 = false): DateParse {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1) || serial > 2958465)
    return { ok: false, message: `${label}“${serial}”不是有效日期` };
  const whole = Math.floor(serial);
  let days: number;
  if (date1904)
    days = whole + 1461; // 1904 system: serial 0 is 1904-01-01
  else days = whole >= 60 ? whole - 1 : whole; // Lotus bug: serial 60 is the non-existent 1900-02-29
  if (!date1904 && whole === 60) return { ok: false, message: `${label}为 1900-02-29，该日期不存在` };
  const ms = Date.UTC(1899, 11, 31) + days * 86_400_000;
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  if (y < 1900 || y > 2099) return { ok: false, message: `${label}“${serial}”超出 1900–2099 年范围` };
  return { ok: true, date: isoDate(y, d.getUTCMonth() + 1, d.getUTCDate()), monthOnly: false };
}

// The display formats live in display.ts (one look everywhere); re-exported for the modules that import them here.
export { formatBeijingTime, formatDateCn, formatInstantCn, formatInstantDateCn } from './display.ts';

export function daysBetween(fromIso: string, toIso: string): number {
  const a = Date.UTC(+fromIso.slice(0, 4), +fromIso.slice(5, 7) - 1, +fromIso.slice(8, 10));
  const b = Date.UTC(+toIso.slice(0, 4), +toIso.slice(5, 7) - 1, +toIso.slice(8, 10));
  return Math.round((b - a) / 86_400_000);
}

export function todayIso(now: Date = new Date()): string {
  return isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** "2017-09-30" + 7 → "2017-10-07" (calendar days, no time zone involved). */
export function addDays(iso: string, days: number): string {
  const d = new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) + days * 86_400_000);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * A local calendar day → the UTC instant it starts, `plusDays` later: logs store UTC instants and people filter them
 * by the days of their own calendar (修改记录, 登录记录: 截止 2017-10-08 is everything before 2017-10-09 local).
 */
export function localDayStartIso(iso: string, plusDays = 0): string {
  const d = new Date(`${iso}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
}
