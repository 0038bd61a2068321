/**
 * Indicator attainment (指标达标): the latest actual value against the target with its comparator.
 * The gap is how far the actual falls short, in the indicator's unit (0 when met).
 */
export type Comparator = '≥' | '≤' | '=';
export type AttainmentStatus = '达标' | '未达标' | '未填报' | '无量化目标';

export interface Attainment {
  status: AttainmentStatus;
  /** Shortfall in the indicator's unit; null when it cannot be computed. */
  gap: number | null;
}

/** Float noise from REAL columns (0.1+0.2) must not turn a met target into a miss. */
const EPS = 1e-9;
const round = (n: number) => Math.round(n * 1e6) / 1e6;

export function attainment(comparator: string | null, target: number | null, actual: number | null): Attainment {
  if (comparator === null || target === null) return { status: '无量化目标', gap: null };
  if (actual === null) return { status: '未填报', gap: null };
  let gap: number;
  switch (comparator) {
    case '≥':
      gap = Math.max(0, target - actual);
      break;
    case '≤':
      gap = Math.max(0, actual - target);
      break;
    case '=':
      gap = Math.abs(actual - target);
      break;
    default:
      return { status: '无量化目标', gap: null };
  }
  gap = gap < EPS ? 0 : round(gap);
  return { status: gap === 0 ? '达标' : '未达标', gap };
}

/** "≥ 30 %" style text of a target. */
export function targetText(
  comparator: string | null,
  target: number | null,
  unit: string | null,
  text: string | null,
): string {
  if (comparator === null || target === null) return text ?? '';
  return `${comparator}${target}${unit ?? ''}`;
}

/** Units of things counted whole (座 of toilets, 个 of villages…): 2.5座 is no count. */
const COUNT_UNITS = new Set([
  '座',
  '个',
  '处',
  '家',
  '所',
  '户',
  '人',
  '条',
  '项',
  '辆',
  '台',
  '栋',
  '盏',
  '名',
  '次',
  '块',
  '口',
  '间',
]);

/**
 * What a value of an indicator cannot be, in Chinese; null when it may be. A percentage lies in 0–100 and nothing
 * is negative, but for a 增长/提高/下降/变化 (a rate of change); a count is whole.
 */
export function indicatorValueIssue(name: string, unit: string | null, value: number): string | null {
  const change = /增长|提高|下降|变化|增幅|降幅/.test(name);
  if (unit === '%' && (value < 0 || value > 100) && !change) return `“${name}”是百分比，数值应在0到100之间`;
  if (value < 0 && !change) return `“${name}”的数值不能为负数`;
  if (unit && COUNT_UNITS.has(unit) && !Number.isInteger(value)) return `“${name}”以${unit}计，数值应为整数`;
  return null;
}
