/** 滞后/预警清单 (domain.md §3.3): only yellow and red projects, red first then by gap. */
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import { rulesText } from '../../../../shared/domain/light-rules-text.ts';
import type { PrintableSettings } from '../../../../shared/schemas/printables.ts';
import type { LaggingData } from '../data.ts';
import { html } from '../html.ts';
import { TABLE_MARGINS, type PageSetup } from '../print-css.ts';
import { HEADING_CSS, lightDot, lightWord, tableHeading } from './common.ts';
import { documentOut, has, type DocumentOut } from './types.ts';

const COLS = [3, 4.6, 15, 7, 13, 26, 5, 11, 7, 4.4];

/**
 * What the rules under the list are: an open month's are the ones in force; a closed month's were kept at its close
 * (the town may have changed its rules since); a month closed before closes kept them can only be given the current
 * rules, and a leader comparing its lights with them must be told they may not be the ones it was judged by.
 */
export function rulesLabel(source: LaggingData['rules']['source']): string {
  if (source === 'kept') return '预警规则（本月关账时执行）：';
  if (source === 'notKept') return '预警规则（现行规则；本月关账时未留存当时执行的规则，本表灯色以关账时为准）：';
  return '预警规则：';
}

export function laggingDocument(d: LaggingData, s: PrintableSettings): DocumentOut {
  const setup: PageSetup = {
    paper: s.paper,
    orientation: s.orientation,
    margins: TABLE_MARGINS,
    pageNumbers: 'of-total',
  };
  const f = d.figures;
  const { year, month } = { year: f.period.slice(0, 4), month: Number(f.period.slice(5)) };
  const title = `${d.town.name}重点项目滞后预警清单（${year}年${month}月）`;
  const total = COLS.reduce((a, b) => a + b, 0);
  const reds = d.entries.filter((e) => e.level === 'red').length;
  const rows = d.entries.map(
    (e, i) => html`<tr class="${e.level}">
<td class="c">${i + 1}</td><td class="c nowrap">${lightDot(e.level)} ${lightWord(e.level)}</td><td>${e.project.name}</td><td class="c">${e.dimensions.join('、')}</td><td>${e.gapText}</td>
<td>${e.reason}</td><td class="c">${e.leader}</td><td>${e.units}</td><td class="c">${e.deadline ? formatDateCn(e.deadline) : '待定'}</td><td class="c">${e.orders}</td></tr>`,
  );
  const page = html`<section class="sheet">
${tableHeading({ title, filler: d.town.filler, period: f.period, asOf: f.asOf, unit: `红灯${reds}个\u3000黄灯${d.entries.length - reds}个` })}
<table class="grid lagging"><colgroup>${COLS.map((w) => html`<col style="width:${(100 * w) / total}%">`)}</colgroup>
<thead><tr><th>序号</th><th>灯</th><th>项目名称</th><th>滞后维度</th><th>差距</th><th>滞后原因</th><th>责任领导</th><th>责任单位</th><th>整改时限</th><th>督办次数</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="10" class="c">本期无红灯、黄灯项目。</td></tr>`}</tbody></table>
${has(s, 'rules') ? html`<p class="rules">${rulesLabel(d.rules.source)}${rulesText(d.rules.rules)}序时进度按计划工期逐月计算；同为红灯（黄灯）时按差距从大到小排列。</p>` : ''}
</section>`;
  const css = `${HEADING_CSS}
table.lagging { font-size: 10pt; line-height: 1.35; }
table.lagging tr.red td:nth-child(2) { color: #c00000; }
.rules { font-size: 9pt; margin-top: 2mm; color: #333; }
`;
  return documentOut({ title, setup, css, body: page });
}
