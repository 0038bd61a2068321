/** Pieces several documents share: money and date cells, lights, the table heading block. */
import { formatDateCn, formatMonthCn } from '../../../../shared/domain/display.ts';
import { formatWan } from '../../../../shared/domain/money.ts';
import { periodEnd } from '../../../../shared/domain/period.ts';
export { monthsSpan } from '../../../../shared/domain/period.ts';
import { LEVEL_CN, type Level } from '../../../../shared/domain/schedule.ts';
import { fontStack } from '../fonts.ts';
import { html, type Markup } from '../html.ts';

export const wan = (fen: number | null | undefined): string => formatWan(fen, { empty: '' });
export const pctText = (p: number | null | undefined): string =>
  p === null || p === undefined ? '—' : `${p.toFixed(1)}%`;
/** A plan date shown by its month, 2017年9月 (the one look, shared/domain/display.ts). */
export const ym = (iso: string | null | undefined): string => formatMonthCn(iso);

export function lightDot(level: Level | null): Markup {
  return html`<span class="light ${level ?? 'none'}" title="${level ? LEVEL_CN[level] : '未到期'}"></span>`;
}

export const lightWord = (level: Level | null): string => (level ? `${LEVEL_CN[level]}灯` : '—');

/** "2017年9月30日" for the period's last day. */
export const periodEndCn = (period: string): string => formatDateCn(periodEnd(period));

/** 一、二、… for section numbering. */
export function cnOrdinal(n: number): string {
  const d = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n]!;
  if (n < 20) return `十${d[n - 10]}`;
  return `${d[Math.floor(n / 10)]}十${d[n % 10]}`;
}

/** Title and the row under it: 填报单位 (left), 统计截止 (middle), 单位 (right). */
export function tableHeading(opts: {
  title: string;
  filler: string;
  period: string;
  asOf: string;
  unit?: string;
}): Markup {
  return html`<div class="heading avoid">
  <h1 class="title doc-title">${opts.title}</h1>
  <div class="heading-row"><span>填报单位（盖章）：${opts.filler}</span><span>统计截止：${formatDateCn(opts.asOf)}</span><span>${opts.unit ?? '单位：万元'}</span></div>
</div>`;
}

export const HEADING_CSS = `
.heading { margin-bottom: 2mm; }
.doc-title { font-size: 18pt; line-height: 1.3; margin-bottom: 2mm; }
.heading-row { display: flex; justify-content: space-between; font-size: 10.5pt; font-family: inherit; }
`;

/**
 * The head of a document the 领导小组办公室 issues rather than fills in (名单, 责任清单): the title in 2号 (22pt) of
 * the title face, an optional line under it, then 编印单位 at the left and the date (2017年9月30日) at the right,
 * as the 简报's 报头 has them; a count for the reader may stand between them.
 */
export function issuedHeading(opts: {
  title: string;
  subtitle?: string | null;
  editor: string;
  date: string;
  /** A count for the reader, between the two (共15项，已逾期3项). */
  tally?: string;
}): Markup {
  return html`<div class="heading issued avoid">
  <h1 class="title doc-title">${opts.title}</h1>
  ${opts.subtitle ? html`<p class="subtitle">${opts.subtitle}</p>` : ''}
  <div class="heading-row"><span>编印单位：${opts.editor}</span>${opts.tally ? html`<span>${opts.tally}</span>` : ''}<span>${formatDateCn(opts.date)}</span></div>
</div>`;
}

export const ISSUED_HEADING_CSS = `${HEADING_CSS}
.issued .doc-title { font-size: 22pt; line-height: 1.35; margin-bottom: 1mm; }
.issued .subtitle { text-align: center; font-family: ${fontStack('kai')}; font-size: 14pt; line-height: 1.4; margin-bottom: 2mm; }
.issued .heading-row { font-size: 12pt; border-bottom: 1pt solid #000; padding-bottom: 1mm; margin-bottom: 3mm; }
`;
