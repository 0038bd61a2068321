/**
 * 报送收集's printed documents (issue 18):
 * - the paper 填报表: one unit's kit on paper for units that fill by hand — the same projects and pre-filled figures
 *   as its workbook (the caller hands the very KitProject rows the workbook is built from), empty boxes to write in,
 *   the 填报说明 rules and deadline, and a 填报人/审核人/日期 signature line; A4 landscape.
 * - the 督办通知: one A4 page per unit still owing the month's report after the deadline, which projects, the
 *   deadline passed and the date to reply by, sent by the town office.
 * Both are self-contained HTML in the official-document look of the other documents, printed through the PdfPrinter.
 */
import { wrongReturnText } from '../../../../shared/domain/collect-report.ts';
import { formatDateCn, formatPeriodCn } from '../../../../shared/domain/display.ts';
import { formatWan } from '../../../../shared/domain/money.ts';
import type { CollectBy, RosterEntry } from '../../../../shared/schemas/collect.ts';
import { guideLines, INPUT_KEYS, KIT_COLUMNS, type KitProject, type KitSpec } from '../../excel/kit/kit-workbook.ts';
import { fontStack } from '../fonts.ts';
import { html } from '../html.ts';
import { documentPage, GB_MARGINS, TABLE_MARGINS, type PageSetup } from '../print-css.ts';
import { documentOut, type DocumentOut } from './types.ts';

/** A paper form is the unit's kit without the workbook's identity key: the same spec, so the two never drift. */
export type PaperFormSpec = Omit<KitSpec, 'kitKey'>;

/** What an input box shows: what is already entered for the month (as the workbook pre-fills it), else nothing. */
function entryText(key: (typeof INPUT_KEYS)[number], p: KitProject): string {
  const e = p.entry;
  if (!e) return '';
  switch (key) {
    case 'monthWan':
      return formatWan(e.monthFen);
    case 'imagePct':
      return e.imagePct === null ? '' : String(e.imagePct);
    default:
      return e[key] ?? '';
  }
}

// Millimetres of the 270 mm a landscape A4 leaves between TABLE_MARGINS; the boxes to write in get the room.
const COL_WIDTH_MM = [9, 22, 44, 19, 22, 19, 30, 13, 30, 30, 30];

export function paperFormDocument(spec: PaperFormSpec): DocumentOut {
  const setup: PageSetup = { paper: 'A4', orientation: 'landscape', margins: TABLE_MARGINS, pageNumbers: 'of-total' };
  const title = `${spec.town}${formatPeriodCn(spec.period)}项目月报填报表`;
  const rules = guideLines(spec, 'paper');
  const ruleLines = rules.slice(rules.indexOf('填报规则：') + 1);
  const rows = spec.projects.map(
    (p, i) => html`<tr>
<td class="c">${i + 1}</td><td class="c">${p.code}</td><td>${p.name}</td>
<td class="num">${formatWan(p.yearPlanFen)}</td><td class="num">${formatWan(p.lastCumFen)}</td>
${INPUT_KEYS.map((k) => html`<td class="box${k === 'monthWan' || k === 'imagePct' ? ' num' : ''}">${entryText(k, p)}</td>`)}
</tr>`,
  );
  const body = html`<section class="sheet">
<h1 class="title f-title">${title}</h1>
<div class="f-head"><span>${spec.by}：${spec.unit}</span><span>项目数：${spec.projects.length}个</span><span>填报截止：${formatDateCn(spec.deadline)}</span><span>金额单位：万元</span></div>
<table class="grid f-table">
<colgroup>${COL_WIDTH_MM.map((w) => html`<col style="width:${w}mm">`)}</colgroup>
<thead><tr>${KIT_COLUMNS.map((c) => html`<th>${c.header}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
</table>
<div class="f-sign"><span>填报人：<u></u></span><span>审核人：<u></u></span><span>日期：<u class="short"></u>年<u class="tiny"></u>月<u class="tiny"></u>日</span></div>
<div class="f-rules avoid">
<h2 class="hei">填报说明</h2>
<p>填报截止：${formatDateCn(spec.deadline)}（逾期未交回的，列入催报名单）\u3000联系人：${spec.contact}</p>
${ruleLines.map((l) => html`<p>${l}</p>`)}
</div>
</section>`;
  const css = `
.f-title { font-size: 20pt; line-height: 1.4; }
.f-head { display: flex; justify-content: space-between; margin: 2mm 0 2mm; font-size: 12pt; }
table.f-table { font-size: 10pt; }
table.f-table th { background: #f2f2f2; padding: 1.5mm 1mm; }
table.f-table td { height: 15mm; }
table.f-table td.box { background: #fff; }
.f-sign { display: flex; justify-content: space-between; margin: 6mm 4mm 4mm; font-size: 13pt; }
.f-sign u { display: inline-block; width: 42mm; border-bottom: 0.8pt solid #000; text-decoration: none; }
.f-sign u.short { width: 16mm; } .f-sign u.tiny { width: 9mm; }
.f-rules { border-top: 0.6pt solid #000; padding-top: 2mm; font-family: ${fontStack('song')}; font-size: 10.5pt; line-height: 1.6; }
.f-rules h2 { font-size: 13pt; font-weight: normal; margin-bottom: 1mm; }
`;
  return documentOut({ title, setup, css, body });
}

export interface OverdueUnit {
  unit: string;
  by: CollectBy;
  status: '未报' | '有误';
  deadline: string;
  /** The kit's projects that have no report for the month yet. */
  projects: { code: string; name: string }[];
}

export interface OverdueNoticeSpec {
  town: string;
  period: string;
  /** The day the notice is issued and the day the units must reply by. */
  issued: string;
  replyBy: string;
  sender: string;
  units: OverdueUnit[];
}

/** The office's signature and date at the foot, and the page for a month with nothing to chase: 催报单 and 督办通知. */
const SIGN_CSS = `
.n-sign { margin-top: 6mm; text-align: right; font-size: 15pt; line-height: 1.6; padding-right: 8mm; }
.n-empty { margin-top: 20mm; text-align: center; font-size: 16pt; }
`;

export interface ChaseSpec {
  town: string;
  period: string;
  issued: string;
  sender: string;
  rows: readonly Pick<RosterEntry, 'unit' | 'projects' | 'status' | 'deadline' | 'overdue' | 'late' | 'reasons'>[];
}

/**
 * 催报单: the units whose kit of the month is not back or back wrong, on one A4 page in the office's own look,
 * signed and dated — what the clerk hands round or sends before (or after) the deadline.
 */
export function chaseDocument(spec: ChaseSpec): DocumentOut {
  const setup: PageSetup = { paper: 'A4', orientation: 'portrait', margins: GB_MARGINS, pageNumbers: 'none' };
  const month = formatPeriodCn(spec.period);
  const title = `${spec.town}${month}项目月报催报单`;
  const allOverdue = spec.rows.length > 0 && spec.rows.every((r) => r.overdue);
  const ask = allOverdue
    ? '已过填报截止日期，请即按报送表填报说明填好交回'
    : '请于截止日期前按报送表填报说明填好交回；已过截止日期的，请即交回';
  // what is wrong in a return goes under the table, where its sentences have the page's width
  const wrong = spec.rows.filter((r) => r.status === '有误');
  const remark = (r: ChaseSpec['rows'][number]) =>
    [r.status === '有误' ? '见表后说明' : '', r.overdue ? '已逾期' : ''].filter(Boolean).join('；');
  const wrongBlock = wrong.length
    ? html`<div class="c-wrong avoid"><p>有误的报送表：</p>${wrong.map((r, i) => html`<p>${i + 1}．${r.unit}：${wrongReturnText(r.reasons, 5)}。</p>`)}</div>`
    : '';
  const body = spec.rows.length
    ? html`<section class="sheet page">
<h1 class="title c-title">${title}</h1>
<p class="para">以下单位的${month}项目月报报送表尚未交回或填报有误，${ask}。</p>
<table class="grid c-table">
<colgroup><col style="width:9%"><col style="width:25%"><col style="width:11%"><col style="width:14%"><col style="width:23%"><col style="width:18%"></colgroup>
<thead><tr><th>序号</th><th>单位</th><th>项目数</th><th>报送情况</th><th>截止日期</th><th>备注</th></tr></thead>
<tbody>${spec.rows.map((r, i) => html`<tr><td class="c">${i + 1}</td><td>${r.unit}</td><td class="c">${r.projects}</td><td class="c">${r.status}</td><td class="c">${formatDateCn(r.deadline)}</td><td>${remark(r)}</td></tr>`)}</tbody>
</table>
${wrongBlock}
<div class="n-sign"><p>${spec.sender}</p><p>${formatDateCn(spec.issued)}</p></div>
</section>`
    : html`<section class="sheet page"><h1 class="title c-title">${title}</h1><p class="n-empty">${month}的报送表都已交回。</p></section>`;
  const css = `
.c-title { font-size: 20pt; line-height: 1.4; margin-bottom: 4mm; }
.para { text-indent: 2em; font-size: 15pt; line-height: 1.6; margin-bottom: 3mm; }
table.c-table { font-size: 12pt; line-height: 1.4; }
table.c-table td, table.c-table th { padding: 1mm 2mm; }
table.c-table td.c, table.c-table th { white-space: nowrap; }
.c-wrong { font-size: 12pt; line-height: 1.5; margin-top: 3mm; }
.c-wrong p + p { padding-left: 2em; text-indent: -1.2em; }
${SIGN_CSS}`;
  return { html: documentPage({ title, setup, css, body }), title, setup, roles: ['title', 'body', 'hei'], notes: [] };
}

export function overdueNoticeDocument(spec: OverdueNoticeSpec): DocumentOut {
  const setup: PageSetup = { paper: 'A4', orientation: 'portrait', margins: GB_MARGINS, pageNumbers: 'none' };
  const title = `${spec.town}${formatPeriodCn(spec.period)}项目月报督办通知`;
  const month = formatPeriodCn(spec.period);
  const pages = spec.units.map(
    (u, i) => html`<section class="sheet page">
<h1 class="title n-title">督办通知</h1>
<div class="n-no"><span>${spec.town}月报督办〔${spec.period.slice(0, 4)}〕${spec.period.slice(5)}-${i + 1}号</span><span>${formatDateCn(spec.issued)}</span></div>
<p class="n-to">${u.unit}：</p>
<p class="para">按照镇里${month}项目月报报送要求，你单位应于${formatDateCn(u.deadline)}前交回${month}项目月报报送表。截至${formatDateCn(spec.issued)}，已过填报截止日期，${u.status === '有误' ? '你单位交回的报送表填报有误，以下项目的月报仍未报齐' : '你单位尚未交回报送表，以下项目的月报仍未报送'}：</p>
<table class="grid n-table">
<colgroup><col style="width:12%"><col style="width:28%"><col style="width:60%"></colgroup>
<thead><tr><th>序号</th><th>项目编号</th><th>项目名称</th></tr></thead>
<tbody>${u.projects.map((p, j) => html`<tr><td class="c">${j + 1}</td><td class="c">${p.code}</td><td>${p.name}</td></tr>`)}</tbody>
</table>
<p class="para">请你单位接此通知后，于<b>${formatDateCn(spec.replyBy)}前</b>按报送表填报说明补报上述项目的${month}月报，并书面回复未按时报送的原因。逾期仍未报送的，将在全镇通报。</p>
<div class="n-sign"><p>${spec.sender}</p><p>${formatDateCn(spec.issued)}</p></div>
</section>`,
  );
  const body = pages.length
    ? html`${pages}`
    : html`<section class="sheet page"><h1 class="title n-title">督办通知</h1><p class="n-empty">${month}没有逾期未报的单位。</p></section>`;
  const css = `
.n-title { color: #c00000; font-size: 26pt; line-height: 1.2; letter-spacing: 0.3em; }
.n-no { display: flex; justify-content: space-between; font-size: 12pt; border-bottom: 2pt solid #c00000; padding-bottom: 1mm; margin: 2mm 0 4mm; }
.n-to { font-size: 16pt; margin-bottom: 2mm; }
.para { text-indent: 2em; font-size: 15pt; line-height: 1.6; margin-bottom: 2mm; }
.para b { font-family: ${fontStack('hei')}; font-weight: normal; }
table.n-table { font-size: 12pt; line-height: 1.4; margin: 2mm 0 4mm; }
table.n-table td, table.n-table th { padding: 1mm 2mm; }
${SIGN_CSS}`;
  return { html: documentPage({ title, setup, css, body }), title, setup, roles: ['title', 'body', 'hei'], notes: [] };
}
