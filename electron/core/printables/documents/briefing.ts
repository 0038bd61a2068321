/**
 * 工作简报 (domain.md §3.2): one A4 page. 报头 in red (title, 第X期, 编印单位 and date, red rule),
 * 报核 (总体情况 with two small charts, 亮点, 红黄灯项目, 存在问题, 下步打算), 报尾 (报送/抄送, 共印X份).
 */
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import { behindPts, reportTallyParts } from '../../../../shared/domain/figure-rules.ts';
import type { PrintableSettings } from '../../../../shared/schemas/printables.ts';
import { lightsRing, planVsDoneBars } from '../charts.ts';
import type { BriefingData } from '../data.ts';
import { html, paragraphs } from '../html.ts';
import { contentHeightMm, documentPage, GB_MARGINS, type PageSetup } from '../print-css.ts';
import { cnOrdinal, lightDot, monthsSpan, pctText, periodEndCn, wan } from './common.ts';
import { has, type DocumentOut } from './types.ts';
import { labelOf } from '../../../../shared/fields/registry.ts';

const FEN_PER_WAN = 1_000_000;
const FLAGGED_MAX = 7;

export function briefingDocument(d: BriefingData, s: PrintableSettings, fit = 1): DocumentOut {
  const setup: PageSetup = { paper: 'A4', orientation: 'portrait', margins: GB_MARGINS, pageNumbers: 'none' };
  const { overview: o, issue, town, figures } = d;
  const span = monthsSpan(figures.period);
  const noText = issue.supplement ? `增刊第${issue.no}期` : `第${issue.no}期`;
  const title = `${town.name}小城镇建设工作简报`;
  const date = formatDateCn(issue.issuedOn ?? figures.asOf);
  const gap =
    o.gapPts === null
      ? ''
      : o.gapPts >= 0
        ? `，超出序时进度（${o.timeSharePct}%）${o.gapPts.toFixed(1)}个百分点`
        : `，落后序时进度（${o.timeSharePct}%）${behindPts(o.gapPts).toFixed(1)}个百分点`;
  const units = o.lights.red + o.lights.yellow + o.lights.green + o.lights.none;
  // A month not wholly submitted says so: the figures hold drafts, returned reports and 0 for the missing
  const tally = reportTallyParts(o.reports);
  const reporting = tally.length ? `${tally.join('，')}。` : '';
  let n = 0;
  const head = (label: string) => html`<h2 class="hei bh">${cnOrdinal(++n)}、${label}</h2>`;

  const overviewBlock = has(s, 'overview')
    ? html`${head('总体情况')}<p class="para">截至${periodEndCn(figures.period)}，全镇列入小城镇建设的项目<b>${o.projects}</b>个${o.subProjects ? `（另有子项目${o.subProjects}个）` : ''}，总投资<b>${wan(o.totalFen)}</b>万元，${figures.period.slice(0, 4)}年计划投资<b>${wan(o.yearPlanFen)}</b>万元；${span}完成投资<b>${wan(o.ytdFen)}</b>万元，完成年度计划的<b>${pctText(o.ytdPct)}</b>${gap}。应开工项目${o.dueToStart}个，已开工${o.started}个，开工率<b>${pctText(o.startRatePct)}</b>。本月红灯${o.lights.red}个、黄灯${o.lights.yellow}个、绿灯${o.lights.green}个${o.lights.none ? `、未亮灯${o.lights.none}个` : ''}（计${units}个无子项目的项目）。${reporting}</p>`
    : '';
  const charts = has(s, 'charts')
    ? html`<div class="charts avoid"><figure class="chart">${planVsDoneBars({
        categories: d.sections.map((c) => c.category),
        plan: d.sections.map((c) => Math.round(c.totals.yearPlanFen / (FEN_PER_WAN / 100)) / 100),
        done: d.sections.map((c) => Math.round(c.totals.ytdFen / (FEN_PER_WAN / 100)) / 100),
        doneLabel: `${span}完成`,
        width: 340,
        height: 104,
      })}<figcaption>分类别年度计划与完成投资（万元）</figcaption></figure><figure class="chart">${lightsRing({ ...o.lights, width: 220, height: 104 })}<figcaption>项目红黄绿灯分布（个）</figcaption></figure></div>`
    : '';
  const highlights =
    has(s, 'highlights') && issue.highlights
      ? html`${head(labelOf('briefing_issue', 'highlights'))}${paragraphs(issue.highlights, 'para')}`
      : '';
  const reds = d.flagged.filter((e) => e.level === 'red');
  const yellows = d.flagged.filter((e) => e.level === 'yellow');
  const flaggedCell = (e: (typeof d.flagged)[number] | undefined) =>
    e
      ? html`<td class="fl"><div class="fl-line" title="${e.project.name}">${lightDot(e.level)} <span class="fl-name">${e.project.name}</span><span class="muted fl-gap">（${e.gapText.split('；')[0]}）</span></div></td>`
      : html`<td class="fl"></td>`;
  // One page: long lists end with a pointer to the 滞后/预警清单 rather than spill onto a second sheet.
  const more = (list: typeof reds) =>
    list.length > FLAGGED_MAX
      ? html`<td class="fl muted">……另有${list.length - FLAGGED_MAX + 1}个，详见滞后/预警清单</td>`
      : undefined;
  const column = (list: typeof reds, i: number) =>
    i === FLAGGED_MAX - 1 && list.length > FLAGGED_MAX ? more(list)! : flaggedCell(list[i]);
  const rows = Math.min(FLAGGED_MAX, Math.max(reds.length, yellows.length));
  const lights = has(s, 'lights')
    ? html`${head('红黄灯项目')}${
        d.flagged.length
          ? html`<table class="flagged"><thead><tr><th>红灯项目（${reds.length}个）</th><th>黄灯项目（${yellows.length}个）</th></tr></thead><tbody>${Array.from(
              { length: rows },
              (_, i) => html`<tr>${column(reds, i)}${column(yellows, i)}</tr>`,
            )}</tbody></table>`
          : html`<p class="para">本月无红灯、黄灯项目。</p>`
      }`
    : '';
  const problems =
    has(s, 'problems') && issue.problems
      ? html`${head(labelOf('briefing_issue', 'problems'))}${paragraphs(issue.problems, 'para')}`
      : '';
  const next =
    has(s, 'nextSteps') && issue.nextSteps
      ? html`${head(labelOf('briefing_issue', 'nextSteps'))}${paragraphs(issue.nextSteps, 'para')}`
      : '';

  const body = html`<section class="sheet page"><div class="briefing">
  <header class="bt-head">
    <div class="secret hei">内部资料\u3000注意保存</div>
    <h1 class="title bt-title">${title}</h1>
    <div class="bt-no">${noText}</div>
    <div class="bt-meta"><span>${town.editor}</span><span>${date}</span></div>
    <div class="red-rule"></div>
  </header>
  <main class="bt-core">${overviewBlock}${charts}${highlights}${lights}${problems}${next}</main>
  <footer class="bt-foot">
    <div class="rule"></div>
    <div class="foot-row"><span>报送：${issue.sendTo ?? ''}</span></div>
    <div class="foot-row"><span>抄送：${issue.copyTo ?? ''}</span><span class="nowrap">共印${issue.copies ?? ''}份</span></div>
    <div class="rule"></div>
  </footer>
</div></section>`;
  const css = `
.briefing { display: flex; flex-direction: column; min-height: ${contentHeightMm(setup) - 2}mm; }
.secret { font-size: 9pt; }
.bt-title { color: #d40000; font-size: 28pt; line-height: 1.1; letter-spacing: 1pt; }
.bt-no { text-align: center; font-size: 12pt; margin: 1mm 0 1mm; }
.bt-meta { display: flex; justify-content: space-between; font-size: 11pt; padding: 0 2mm; }
.red-rule { border-top: 2pt solid #d40000; margin: 1mm 0 1.5mm; }
.bt-core { font-size: 10.5pt; line-height: 1.36; }
.bh { font-size: 11pt; font-weight: normal; margin: 1.2mm 0 0.4mm; }
.para { text-indent: 2em; text-align: justify; }
.para b { font-weight: normal; font-family: inherit; }
.charts { display: flex; justify-content: space-between; align-items: flex-end; margin: 1.5mm 0 0; }
.chart { margin: 0; text-align: center; }
.chart figcaption { font-size: 8.5pt; line-height: 1.1; }
table.flagged { table-layout: fixed; font-size: 8.5pt; line-height: 1.25; }
table.flagged th { font-weight: normal; text-align: left; border-bottom: 0.6pt solid #000; font-size: 10pt; }
table.flagged td.fl { vertical-align: top; padding: 0.4mm 1.5mm 0.4mm 0; overflow-wrap: anywhere; }
/* one line a project: a 60-character name cut with …, its lag kept — three lines of it pushed the 版记 onto a
   second sheet (the full names are on the 滞后/预警清单) */
table.flagged .fl-line { display: flex; align-items: baseline; white-space: nowrap; min-width: 0; }
table.flagged .fl-name { overflow: hidden; text-overflow: ellipsis; min-width: 0; flex: 0 1 auto; }
table.flagged .fl-gap { flex: none; }
.bt-foot { break-inside: avoid; }
${fit < 1 ? `.bt-core { zoom: ${fit}; }` : ''}
.bt-foot { margin-top: auto; font-size: 10.5pt; padding-top: 2mm; }
.bt-foot .rule { border-top: 0.8pt solid #000; margin: 1mm 0; }
.foot-row { display: flex; justify-content: space-between; gap: 4mm; }
`;
  return {
    html: documentPage({ title: `${title}（${noText}）`, setup, css, body }),
    title: `${title}（${figures.period.slice(0, 4)}年${noText}）`,
    setup,
    roles: ['title', 'body', 'hei'],
    notes: [],
  };
}
