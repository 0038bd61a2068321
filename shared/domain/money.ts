/**
 * Money is INTEGER 分 in storage and computation; people type and read 万元 (two decimals on screens and paper).
 * 1万元 = 10,000 元 = 1,000,000 分, so an exact 万元 amount has at most 6 decimals. Parsing works on the text's
 * digits (never parseFloat × 1e6), so "0.07" 万元 is exactly 70000 分.
 * Names say the unit: a number of 分 is `…Fen`, a 万元 text `…Wan`. The contract's input keys (`totalWan`,
 * `amountWan` …) are the one exception the contract fixes: they carry the 万元 the user typed, and the zod schema
 * (shared/schemas/common.ts moneyWan) turns that into 分 under the same key, so code reading a parsed input
 * renames the value to …Fen at once (shared/schemas/funds.ts fundFlowData, project-parts.service.ts).
 */

export const FEN_PER_WAN = 1_000_000;
export const FEN_PER_YUAN = 100;

export const FEN_PER_YI = 10_000_000_000;

/** RMB units a county sheet states (header, unit line or the cell itself). */
export type MoneyUnit = '万元' | '元' | '亿元';

/** Decimal places of 分 per unit: 1元 = 10^2 分, 1万元 = 10^6 分, 1亿元 = 10^10 分. */
const SCALE: Record<MoneyUnit, number> = { 元: 2, 万元: 6, 亿元: 10 };

/** A foreign currency stated in a header, unit line or cell (万美元, 美元, 万港元 …): never converted. */
export function foreignCurrency(text: string): string | null {
  const m = /(万?(?:美元|港元|港币|欧元|日元))|USD|\$/.exec(toHalfWidth(text));
  return m ? (m[1] ?? '美元') : null;
}

export type MoneyParse = { ok: true; fen: number; approx: boolean } | { ok: false; message: string };

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0C\uFF0D\uFF0B]/g;
const HAS_FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0C\uFF0D\uFF0B]/;

/**
 * Folds full-width digits and punctuation (１２３．５) to ASCII. An import calls this on every cell it reads and
 * few hold any: a test first is a fifth of the cost of a replace that finds nothing.
 */
export function toHalfWidth(text: string): string {
  if (!HAS_FULL_WIDTH.test(text)) return text;
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Parses a money text into 分. Accepts "1,234.5", "¥1,234.5", "860余", "860余万元", "1234.56万", "1.2亿", "３００", and
 * in 元 mode "1234.50元". A trailing 元/万/万元/亿/亿元 overrides the column's unit; "余"/"多"/"约" mark it approximate.
 * `label` names the field in the Chinese message.
 */
export function parseMoney(
  input: string | number | null | undefined,
  unit: MoneyUnit = '万元',
  label = '金额',
): MoneyParse {
  if (input === null || input === undefined) return { ok: false, message: `${label}不能为空` };
  let text = typeof input === 'number' ? numberToPlainText(input) : toHalfWidth(String(input)).trim();
  if (text === '') return { ok: false, message: `${label}不能为空` };
  // Plain digits (every number cell of an import): none of the unit, 约/余, separator or sign rules below can apply.
  if (PLAIN_DECIMAL.test(text)) return digitsToFen(text, unit, label, input, false);
  let approx = false;
  // A cell in Excel's currency format is copied with its symbol (¥1,234.56): the symbol says RMB, not a unit.
  text = text.replace(/^[¥￥]\s*/, '');
  text = text.replace(/^约/, () => ((approx = true), ''));
  let effectiveUnit: MoneyUnit = unit;
  const unitMatch = /(亿元|亿|万元|万|元)$/.exec(text);
  if (unitMatch) {
    effectiveUnit = unitMatch[1] === '元' ? '元' : unitMatch[1]!.startsWith('亿') ? '亿元' : '万元';
    text = text.slice(0, -unitMatch[1]!.length);
  }
  text = text.replace(/(余|多)$/, () => ((approx = true), '')).trim();
  text = text.replace(/[,\s，]/g, '');
  if (/^-/.test(text)) return { ok: false, message: `${label}不能为负数` };
  text = text.replace(/^\+/, '');
  const m = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[1] === '' && (m[2] ?? '') === ''))
    return { ok: false, message: `${label}“${String(input)}”不是有效的金额` };
  return digitsToFen(text, effectiveUnit, label, input, approx);
}

const PLAIN_DECIMAL = /^\d+(?:\.\d+)?$/;

/** "1234.56" (digits, optional decimals) in a unit → integer 分, refusing too many decimals or unsafe integers. */
function digitsToFen(
  text: string,
  effectiveUnit: MoneyUnit,
  label: string,
  input: string | number,
  approx: boolean,
): MoneyParse {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(text)!;
  const intPart = m[1] || '0';
  const decPart = m[2] ?? '';
  const maxDecimals = SCALE[effectiveUnit];
  if (decPart.length > maxDecimals) {
    const trimmed = decPart.replace(/0+$/, '');
    if (trimmed.length > maxDecimals) {
      return {
        ok: false,
        message: `${label}最多保留${maxDecimals}位小数（单位：${effectiveUnit}，精确到分），“${String(input)}”小数位过多`,
      };
    }
  }
  const scale = SCALE[effectiveUnit];
  const digits = (intPart.replace(/^0+(?=\d)/, '') + decPart.padEnd(scale, '0').slice(0, scale)).replace(
    /^0+(?=\d)/,
    '',
  );
  const fen = Number(digits);
  if (!Number.isSafeInteger(fen)) return { ok: false, message: `${label}“${String(input)}”超出可记录范围` };
  return { ok: true, fen, approx };
}

/** Number → plain decimal text without exponent (Excel cells arrive as numbers). */
export function numberToPlainText(n: number): string {
  if (!Number.isFinite(n)) return 'NaN';
  // toPrecision(15) drops binary noise (1234.5600000000001 → 1234.56) as Excel itself shows 15 digits.
  const s = Number(n.toPrecision(15)).toString();
  if (!/e/i.test(s)) return s;
  const [mant, expText] = s.toLowerCase().split('e') as [string, string];
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const [ip, dp = ''] = mant.replace('-', '').split('.') as [string, string?];
  const allDigits = ip + dp;
  const pointAt = ip.length + exp;
  let out: string;
  if (pointAt <= 0) out = '0.' + '0'.repeat(-pointAt) + allDigits;
  else if (pointAt >= allDigits.length) out = allDigits + '0'.repeat(pointAt - allDigits.length);
  else out = allDigits.slice(0, pointAt) + '.' + allDigits.slice(pointAt);
  return (neg ? '-' : '') + out;
}

/** 万元 text → 分 for code paths that already validated it: throws (an Error with the Chinese message) when it is not money. */
export function wanToFen(text: string | number): number {
  const r = parseMoney(text, '万元');
  if (!r.ok) throw new Error(r.message);
  return r.fen;
}

function roundHalfUpDiv(abs: number, divisor: number): number {
  return Math.floor((abs + divisor / 2) / divisor);
}

export interface FormatOptions {
  decimals?: number;
  /** Group thousands with commas (screen tables); print and Excel omit it. */
  grouping?: boolean;
  /** Text for null/undefined. */
  empty?: string;
}

/** 分 → "1234.50" (万元, half-up on the absolute value). */
export function formatWan(fen: number | null | undefined, opts: FormatOptions = {}): string {
  if (fen === null || fen === undefined) return opts.empty ?? '';
  const decimals = opts.decimals ?? 2;
  const divisor = 10 ** (6 - decimals);
  const units = roundHalfUpDiv(Math.abs(fen), divisor);
  const sign = fen < 0 && units !== 0 ? '-' : '';
  const s = units.toString().padStart(decimals + 1, '0');
  let ip = decimals > 0 ? s.slice(0, -decimals) : s;
  const dp = decimals > 0 ? s.slice(-decimals) : '';
  if (opts.grouping) ip = ip.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + ip + (dp ? '.' + dp : '');
}

/** 分 → 万元 as a full-precision number (for Excel cells with format 0.00). */
export function fenToWanNumber(fen: number): number {
  return fen / FEN_PER_WAN;
}

/** 分 → the number a cell in `unit` holds (a county template's 总投资（亿元）, 单位：元 …). */
export function fenToUnitNumber(fen: number, unit: MoneyUnit): number {
  return fen / 10 ** SCALE[unit];
}

/** 分 → "1234.56" 元 text. */
export function formatYuan(fen: number | null | undefined, opts: FormatOptions = {}): string {
  if (fen === null || fen === undefined) return opts.empty ?? '';
  const units = Math.abs(fen);
  const sign = fen < 0 ? '-' : '';
  let ip = Math.floor(units / 100).toString();
  if (opts.grouping) ip = ip.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${ip}.${(units % 100).toString().padStart(2, '0')}`;
}

/** Sum of fen values; nulls count as 0. Totals are summed raw, then rounded once when shown. */
export function sumFen(values: Iterable<number | null | undefined>): number {
  let s = 0;
  for (const v of values) s += v ?? 0;
  return s;
}

/** A ratio as a percentage with `decimals` places, or null when the base is 0. */
export function percent(part: number, whole: number, decimals = 1): number | null {
  if (!whole) return null;
  const f = 10 ** decimals;
  return Math.round((part / whole) * 100 * f) / f;
}

export function formatPercent(p: number | null | undefined, decimals = 1): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return `${p.toFixed(decimals)}%`;
}

/**
 * 分 → the exact 万元 text with at least two decimals ("1500.00", "0.07", "12.345678"): for edit fields and change
 * logs, which must not round, yet read like every other amount (two decimals). `grouping`: with thousands commas,
 * as a sheet's cell shows it beside the page's other amounts (1,500.00).
 */
export function formatWanExact(fen: number, opts: { grouping?: boolean } = {}): string {
  return formatWan(fen, { decimals: 6, grouping: opts.grouping }).replace(/(\.\d\d\d*?)0+$/, '$1');
}
