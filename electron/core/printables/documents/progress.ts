/**
 * 重点项目建设进展情况表 (domain.md §2.1 columns A–T; §3.3): A4 or A3 landscape, the 合计 row first,
 * one section per 七补齐 category with its subtotal, sub-projects listed under their parent (not added
 * twice), the header repeated on every printed page, the signature footer and 第X页 共Y页.
 * The table is laid out in em so it scales with one font size: the size is chosen to fill the paper's
 * width; below the minimum size the table moves to A3 rather than clip or shrink further.
 */
import { remarkText, reportTally, reportTallyParts } from '../../../../shared/domain/figure-rules.ts';
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import type { ProjectFigures } from '../../../../shared/schemas/figures.ts';
import type { PrintableSettings } from '../../../../shared/schemas/printables.ts';
import type { CategorySection, ProgressData } from '../data.ts';
import { html, type Markup } from '../html.ts';
import { contentWidthMm, documentPage, TABLE_MARGINS, type PageSetup } from '../print-css.ts';
import { cnOrdinal, HEADING_CSS, monthsSpan, pctText, tableHeading, wan, ym } from './common.ts';
import { has, type DocumentOut } from './types.ts';
import { formatApproxWan, formatYearRange, responsibleUnitsText } from '../../../../shared/domain/display.ts';

/** 2017年9月 in the narrow 计划开工/竣工 columns: if it must wrap, it wraps after 年, never inside a number. */
const ymCell = (iso: string | null | undefined) => {
  const text = ym(iso);
  const at = text.indexOf('年');
  return at < 0 ? text : html`${text.slice(0, at + 1)}<wbr>${text.slice(at + 1)}`;
};

/**
 * Column widths in em of the table font (A … T). Each holds its padding (2pt a side, about 0.6 em at the
 * A4 size) besides its text: 建设性质 改扩建 and a 3-character 责任领导 on one line, 占年度计划 100.0% clear
 * of the rule (at 2.4 and 3.4 em they printed 新/建 and 周志/强 on A4).
 */
const COLS = [2.2, 9, 3.8, 9.5, 4.8, 4.8, 4.8, 4.8, 4.6, 4.8, 4.0, 4.8, 6.9, 4.2, 4.2, 4.2, 7, 6, 5.5, 6.8] as const;
const TOTAL_EM = COLS.reduce((a, b) => a + b, 0);
const MAX_PT = 10;
const MM_PER_PT = 25.4 / 72;

/** The font size (pt) that makes the table exactly as wide as the printable width. */
export function fittedFontPt(setup: PageSetup): number {
  return Math.min(MAX_PT, Math.floor((contentWidthMm(setup) / (TOTAL_EM * MM_PER_PT)) * 10) / 10);
}

export function progressSetup(s: PrintableSettings): { setup: PageSetup; fontPt: number; notes: string[] } {
  const notes: string[] = [];
  let setup: PageSetup = {
    paper: s.paper,
    orientation: s.orientation,
    margins: TABLE_MARGINS,
    pageNumbers: 'of-total',
  };
  let fontPt = fittedFontPt(setup);
  if (fontPt < s.minFontPt && !(setup.paper === 'A3' && setup.orientation === 'landscape')) {
    const was = `${setup.paper}${setup.orientation === 'landscape' ? '横向' : '纵向'}`;
    setup = { ...setup, paper: 'A3', orientation: 'landscape' };
    fontPt = fittedFontPt(setup);
    notes.push(`表格共20列，${was}时字号将小于${s.minFontPt}磅，已改用A3横向（${fontPt}磅）。`);
  }
  return { setup, fontPt, notes };
}

function moneyCells(t: CategorySection['totals'], withRatio = true): Markup {
  const ratio = t.yearPlanFen > 0 ? pctText(Math.round((t.ytdFen / t.yearPlanFen) * 1000) / 10) : '—';
  return html`<td class="num">${wan(t.totalFen)}</td><td class="num">${wan(t.priorFen)}</td><td class="num">${wan(t.yearPlanFen)}</td><td class="num">${wan(t.monthFen)}</td><td class="num">${wan(t.ytdFen)}</td><td class="num">${withRatio ? ratio : ''}</td><td class="num">${wan(t.cumFen)}</td>`;
}

function projectRow(p: ProjectFigures, no: string, child: boolean, period: string, approx: boolean): Markup {
  const years = formatYearRange(p.yearFrom, p.yearTo);
  const units = responsibleUnitsText(p.leadOrgName, p.responsibleOrgNames);
  const next = [p.report?.nextSteps, p.report?.needs ? `需协调：${p.report.needs}` : null].filter(Boolean).join('；');
  const remark = remarkText(p, period) ?? '';
  return html`<tr class="${child ? 'child' : 'item'}">
<td class="c no">${no}</td><td class="name">${p.name}</td><td class="c">${p.nature ?? ''}</td><td class="txt">${p.scope}</td><td class="c">${years}</td>
<td class="num">${formatApproxWan(p.totalFen, approx)}</td><td class="num">${wan(p.priorFen)}</td><td class="num">${wan(p.yearPlanFen)}</td><td class="num">${wan(p.monthFen)}</td><td class="num">${wan(p.ytdFen)}</td><td class="num">${pctText(p.ytdPct)}</td><td class="num">${wan(p.cumFen)}</td>
<td class="txt">${p.report?.imageText ?? ''}</td><td class="c ym">${ymCell(p.planStart)}</td><td class="c ym">${ymCell(p.planEnd)}</td><td class="c">${p.leaderName ?? ''}</td><td class="txt">${units}</td>
<td class="txt">${p.report?.issues ?? ''}</td><td class="txt">${next}</td><td class="txt remark ${p.level ?? ''}">${remark}</td>
</tr>`;
}

/**
 * Under the table, when not every report owed is submitted: how many, and that drafts are counted — a
 * reader of the paper must not take a 0 or a draft for a submitted figure.
 */
function reportNote(projects: readonly ProjectFigures[], period: string): Markup | string {
  const parts = reportTallyParts(reportTally(projects, period));
  return parts.length ? html`<p class="report-note avoid">注：${parts.join('；')}，见备注（预警）栏。</p>` : '';
}

export function progressDocument(d: ProgressData, s: PrintableSettings): DocumentOut {
  const { setup, fontPt, notes } = progressSetup(s);
  const f = d.figures;
  const year = f.period.slice(0, 4);
  const span = monthsSpan(f.period);
  const title = `${d.town.name}${year}年重点项目建设进展情况表（${span}）`;
  const withChildren = has(s, 'subProjects');
  const body: Markup[] = [];
  d.sections.forEach((sec, i) => {
    body.push(
      html`<tr class="section"><td colspan="5">${cnOrdinal(i + 1)}、${sec.category}（${sec.rows.length}个）</td>${moneyCells(sec.totals)}<td colspan="8"></td></tr>`,
    );
    // numbered as the T1 sheet numbers them: from 1 under each 类别, a sub-project 3-1 under its project 3
    sec.rows.forEach((p, n) => {
      body.push(projectRow(p, String(n + 1), false, f.period, d.approx.has(p.id)));
      if (withChildren)
        (d.children.get(p.id) ?? []).forEach((c, k) =>
          body.push(projectRow(c, `${n + 1}-${k + 1}`, true, f.period, d.approx.has(c.id))),
        );
    });
  });
  const colgroup = html`<colgroup>${COLS.map((w) => html`<col style="width:${(100 * w) / TOTAL_EM}%">`)}</colgroup>`;
  const thead = html`<thead>
<tr><th rowspan="2">序号</th><th rowspan="2">项目名称</th><th rowspan="2">建设性质</th><th rowspan="2">建设内容及规模</th><th rowspan="2">建设起止年限</th><th rowspan="2">总投资</th><th rowspan="2">至上年底累计完成投资</th><th rowspan="2">${year}年计划投资</th><th colspan="3">${year}年完成投资</th><th rowspan="2">开工以来累计完成投资</th><th rowspan="2">形象进度</th><th colspan="2">建设时间</th><th rowspan="2">责任领导（包联领导）</th><th rowspan="2">责任单位</th><th rowspan="2">存在问题</th><th rowspan="2">下步计划（需协调事项）</th><th rowspan="2">备注（预警）</th></tr>
<tr><th>本月</th><th>${span}累计</th><th>占年度计划%</th><th>计划开工</th><th>计划竣工</th></tr>
</thead>`;
  const total = html`<tr class="total"><td colspan="5">合计（${d.count}个）</td>${moneyCells(d.totals)}<td colspan="8"></td></tr>`;
  const signature = has(s, 'signature')
    ? html`<div class="signature avoid"><span>单位负责人：</span><span>审核人：</span><span>填报人：</span><span>联系电话：</span><span>填报日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日</span></div>`
    : '';
  // The note and the signature are the table's last row, kept with the row above it: as a block after the table
  // they could be carried onto a page of their own, with no table on it.
  const note = reportNote(f.projects, f.period);
  const tail = note || signature ? html`${note}${signature}` : '';
  const page = html`<section class="sheet">
${tableHeading({ title, filler: d.town.filler, period: f.period, asOf: f.asOf })}
<table class="grid progress">${colgroup}${thead}<tbody>${total}${body}${tail ? html`<tr class="tail"><td colspan="20">${tail}</td></tr>` : ''}</tbody></table>
</section>`;
  const css = `${HEADING_CSS}
table.progress { font-size: ${fontPt}pt; line-height: 1.3; }
table.progress th { font-size: ${fontPt}pt; }
table.progress tr.total td, table.progress tr.section td { font-family: ${'inherit'}; background: #f2f2f2; }
/* a 类别 heading goes with its first project, never alone at the foot of a page */
table.progress tr.section { break-after: avoid; break-inside: avoid; }
table.progress tr.total td:first-child { text-align: center; letter-spacing: 2pt; }
table.progress tr.child td { color: #333; }
table.progress tr.child td.name { padding-left: 1em; }
/* "12-10" in the narrow 序号 column, kept on one line. */
table.progress td.no { white-space: nowrap; padding-left: 0; padding-right: 0; }
table.progress td.ym { word-break: keep-all; }
table.progress td.remark.red { color: #c00000; }
table.progress td.remark.yellow { color: #8a6d00; }
table.progress tr.tail td { border: none; padding: 0; font-family: inherit; }
table.progress tr.tail { break-inside: avoid; }
table.progress tbody tr:nth-last-child(2):has(+ tr.tail) { break-after: avoid; }
.report-note { margin: 2mm 4mm 0; font-size: ${Math.max(fontPt, 10.5)}pt; }
.signature { display: flex; justify-content: space-between; margin-top: 4mm; font-size: ${Math.max(fontPt, 10.5)}pt; padding: 0 4mm; }
`;
  return {
    html: documentPage({ title, setup, css, body: page }),
    title: `${title}（截至${formatDateCn(f.asOf)}）`,
    setup,
    roles: ['title', 'song', 'hei'],
    notes,
  };
}
