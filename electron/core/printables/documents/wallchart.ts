/**
 * 挂图作战图 (domain.md §3.3, A3 landscape): projects × the months of the year. A grey band marks the
 * plan window, each milestone sits in its planned month: 完成贴红旗, 超期贴黑旗 (莱西), 未到期 an
 * outlined flag; the period's month is framed in red.
 */
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import { parsePeriod } from '../../../../shared/domain/period.ts';
import { windowInYear } from '../../../../shared/domain/schedule.ts';
import type { ProjectFigures } from '../../../../shared/schemas/figures.ts';
import type { PrintableSettings } from '../../../../shared/schemas/printables.ts';
import type { CardData, WallchartData } from '../data.ts';
import { html, trusted, type Markup } from '../html.ts';
import { TABLE_MARGINS, type PageSetup } from '../print-css.ts';
import { HEADING_CSS, lightDot, monthsSpan, pctText } from './common.ts';
import { documentOut, has, type DocumentOut } from './types.ts';
import { isTopLevel, numberedTree } from '../../../../shared/domain/figure-rules.ts';

type FlagKind = 'done' | 'late' | 'plan';
const FLAG_FILL: Record<FlagKind, string> = { done: '#d40000', late: '#000', plan: '#fff' };

function flag(kind: FlagKind): Markup {
  return trusted(
    `<svg class="flag" width="9" height="11" viewBox="0 0 9 11" aria-hidden="true"><path d="M1 0.5V11" stroke="#000" stroke-width="1"/><path d="M1.5 1H8.5L6.5 3.5L8.5 6H1.5Z" fill="${FLAG_FILL[kind]}" stroke="#000" stroke-width="0.6"/></svg>`,
  );
}

function flagKind(m: CardData['milestones'][number], asOf: string): FlagKind {
  if (m.actDate && m.actDate <= asOf) return m.daysLate ? 'late' : 'done';
  return m.daysLate ? 'late' : 'plan';
}

export function wallchartDocument(d: WallchartData, s: PrintableSettings): DocumentOut {
  const setup: PageSetup = {
    paper: s.paper,
    orientation: 'landscape',
    margins: TABLE_MARGINS,
    pageNumbers: 'of-total',
  };
  const f = d.figures;
  const { year, month } = parsePeriod(f.period);
  const title = `${d.town.name}${year}年小城镇建设项目挂图作战图`;
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  // 序号 as on the 进展情况表, T1–T4 and the 资金 page (1, 1-1, 1-2 …): one numbering, not a 1.1 of its own
  const ordered = numberedTree(f.projects.filter(isTopLevel), f.projects).map(({ item, seq }) => ({
    p: item,
    no: seq,
  }));
  const row = ({ p, no }: { p: ProjectFigures; no: string }) => {
    const win = windowInYear({ planStart: p.planStart, planEnd: p.planEnd }, year);
    const ms = (d.milestones.get(p.id) ?? []).filter((m) => m.planDate && Number(m.planDate.slice(0, 4)) === year);
    const cells = months.map((m) => {
      const inWin = win !== null && m >= win[0] && m <= win[1];
      const here = ms.filter((x) => Number(x.planDate!.slice(5, 7)) === m);
      return html`<td class="m ${inWin ? 'win' : ''} ${m === month ? 'cur' : ''}">${here.map((x) => html`<span class="mk ${flagKind(x, f.asOf)}">${flag(flagKind(x, f.asOf))}${x.node}</span>`)}</td>`;
    });
    return html`<tr class="${p.parentId !== null ? 'child' : ''}"><td class="c">${no}</td><td class="name">${p.name}</td><td class="c">${p.leaderName ?? ''}</td>${cells}<td class="num">${pctText(p.ytdPct)}</td><td class="c">${lightDot(p.level)}</td></tr>`;
  };
  const legend = has(s, 'legend')
    ? html`<div class="legend">图例：<span class="swatch"></span>计划工期\u3000${flag('done')}节点按期完成（红旗）\u3000${flag('late')}节点超期（黑旗）\u3000${flag('plan')}节点未到期\u3000<span class="swatch cur"></span>本期（${month}月）\u3000灯：${lightDot('red')}红 ${lightDot('yellow')}黄 ${lightDot('green')}绿 ${lightDot(null)}未到期</div>`
    : '';
  const page = html`<section class="sheet">
<div class="heading avoid"><h1 class="title doc-title">${title}</h1><div class="heading-row"><span>${d.town.fullName}</span><span>截至${formatDateCn(f.asOf)}（${month}月）</span><span>完成率＝${monthsSpan(f.period)}完成投资÷年度计划</span></div></div>
${legend}
<table class="grid wall"><colgroup><col style="width:3%"><col style="width:17%"><col style="width:4.5%">${months.map(() => html`<col style="width:6%">`)}<col style="width:4.5%"><col style="width:2.5%"></colgroup>
<thead><tr><th>序号</th><th>项目名称</th><th>包联领导</th>${months.map((m) => html`<th class="${m === month ? 'cur' : ''}">${m}月</th>`)}<th>完成率</th><th>灯</th></tr></thead>
<tbody>${ordered.map(row)}</tbody></table>
</section>`;
  const css = `${HEADING_CSS}
table.wall { font-size: 9pt; line-height: 1.25; }
table.wall td.m { vertical-align: top; padding: 0.5mm; }
table.wall td.win { background: linear-gradient(#d9d9d9, #d9d9d9) no-repeat left bottom / 100% 1.6mm; }
table.wall .cur { border-left: 1.5pt solid #d40000; border-right: 1.5pt solid #d40000; }
table.wall tr.child td.name { padding-left: 1em; color: #333; }
.mk { display: inline-block; white-space: nowrap; font-size: 7.5pt; margin-right: 1mm; }
.mk.late { font-weight: bold; }
.flag { vertical-align: -1pt; margin-right: 0.3mm; }
.legend { font-size: 9pt; margin: 0 0 1.5mm; }
.legend .swatch { display: inline-block; width: 8mm; height: 1.6mm; background: #d9d9d9; vertical-align: middle; }
.legend .swatch.cur { background: #fff; border-left: 1.5pt solid #d40000; border-right: 1.5pt solid #d40000; height: 3mm; width: 5mm; }
`;
  return documentOut({ title, setup, css, body: page });
}
