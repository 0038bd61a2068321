/**
 * 一项目一档 (domain.md §3.3): one A4 page per project — 基本信息, 资金构成 plan vs 到位, 节点,
 * the last six monthly reports, 问题 and 督办, two to four photos, the 档案清单.
 */
import { formatApproxWan, formatDateCn, formatPeriodCn, formatYearRange } from '../../../../shared/domain/display.ts';
import type { PrintableSettings } from '../../../../shared/schemas/printables.ts';
import type { CardData, CardsData } from '../data.ts';
import { html, type Markup } from '../html.ts';
import { type PageSetup } from '../print-css.ts';
import { lightDot, lightWord, monthsSpan, pctText, wan, ym } from './common.ts';
import { documentOut, has, type DocumentOut } from './types.ts';
import { historyLine } from './supervision.ts';
import { shortOf } from '../../../../shared/fields/registry.ts';
import type { PersonShown } from '../../services/project-people.ts';

// A form, not a 公文: the binding margin of GB/T 9704 on the left, tighter elsewhere so one page holds it.
const CARD_MARGINS = { top: 12, right: 15, bottom: 14, left: 25 };

const money = (fen: number) => html`<span class="num">${wan(fen)}</span>`;

const kv = (pairs: [string | Markup, string | number | null | undefined | Markup][]) =>
  html`${pairs.map(([k, v]) => html`<th>${k}</th><td>${v ?? ''}</td>`)}`;

/** 包联领导 and 责任人 as the card has room for them: the name and 职务, an ideographic space between. */
const nameAndTitle = (p: PersonShown | null): string => (p ? [p.name, p.title].filter(Boolean).join('\u3000') : '');

/** A label with its unit: if it must wrap, it wraps before （万元）, never inside it. */
const inWan = (label: string) => html`${label}<wbr>（万元）`;

/** Field names on the card come from the field registry (shared/fields/registry.ts): the words of the form and grid. */
const P = (key: string): string => shortOf('project', key);

/** `parentName`: a sub-project's card names the project it belongs to (it was printed as if on its own). */
function card(
  c: CardData,
  s: PrintableSettings,
  period: string,
  asOf: string,
  townName: string,
  parentName: string | null,
): Markup {
  const p = c.project;
  const sh = c.sheet;
  const years = formatYearRange(p.yearFrom, p.yearTo);
  const units = [p.leadOrgName, ...p.responsibleOrgNames.filter((n) => n !== p.leadOrgName)].filter(Boolean).join('、');
  const section = (label: string, content: Markup) => html`<h2 class="hei ch">${label}</h2>${content}`;
  const parts: Markup[] = [];
  if (has(s, 'basic')) {
    parts.push(
      section(
        '一、基本信息',
        html`<table class="grid kv"><colgroup><col style="width:14%"><col style="width:19%"><col style="width:14%"><col style="width:19%"><col style="width:14%"><col style="width:20%"></colgroup>
<tr>${kv([
          [P('code'), p.code],
          [P('status'), p.status],
          ['当前灯', html`${lightDot(p.level)} ${lightWord(p.level)}`],
        ])}</tr>
<tr>${kv([
          [P('category'), [p.category, p.subcategory].filter(Boolean).join('/')],
          [P('nature'), p.nature],
          [P('delivery'), sh.delivery],
        ])}</tr>
<tr>${kv([
          [P('location'), [p.location, sh.village_name].filter(Boolean).join('，')],
          ['建设年限', years],
          [P('approvalKind'), sh.approval_kind],
        ])}</tr>
<tr>${kv([
          ['计划工期', html`<span class="nw">${ym(p.planStart)}</span>—<wbr><span class="nw">${ym(p.planEnd)}</span>`],
          // the days, as the project's page and every other date read (the plan is by month: 计划工期)
          [P('actStart'), formatDateCn(p.actStart) || '未开工'],
          [P('actEnd'), formatDateCn(p.actEnd)],
        ])}</tr>
<tr>${kv([
          [P('leaderStaffId'), nameAndTitle(c.people.leader)],
          [P('managerStaffId'), nameAndTitle(c.people.manager)],
          [P('contact'), [sh.contact, sh.phone?.replace(/[,，]\s*/g, '， ')].filter(Boolean).join(' ')],
        ])}</tr>
<tr>${kv([[P('ownerOrgId'), sh.owner_name]])}<th>${P('responsibleOrgIds')}</th><td colspan="3">${units}</td></tr>
<tr><th>${P('scope')}</th><td colspan="5">${p.scope}</td></tr>
<tr>${kv([
          [inWan(P('totalWan')), html`<span class="num">${formatApproxWan(p.totalFen, sh.approx === 1)}</span>`],
          [inWan(`${period.slice(0, 4)}年计划`), money(p.yearPlanFen)],
          [inWan('开工以来累计'), money(p.cumFen)],
        ])}</tr>
<tr>${kv([
          [inWan(`${monthsSpan(period)}完成`), money(p.ytdFen)],
          [shortOf('progress', 'ytdPct'), pctText(p.ytdPct)],
          ['序时进度', pctText(p.timeSharePct)],
        ])}</tr>
${c.children.length ? html`<tr><th>子项目</th><td colspan="5">${c.children.map((k, i) => html`${i ? '；' : ''}${k.name}（${wan(k.totalFen)}万元，${lightWord(k.level)}）`)}</td></tr>` : ''}
</table>`,
      ),
    );
  }
  if (has(s, 'funding')) {
    const tp = c.funding.reduce((a, f) => a + f.planFen, 0);
    const ta = c.funding.reduce((a, f) => a + f.arrivedFen, 0);
    const tpay = c.funding.reduce((a, f) => a + f.paidFen, 0);
    parts.push(
      section(
        '二、资金构成与到位（万元）',
        html`<table class="grid"><thead><tr><th>资金来源</th><th>计划安排</th><th>实际到位</th><th>到位率</th><th>实际支付</th><th>备注</th></tr></thead><tbody>
${c.funding.map((f) => html`<tr><td>${f.source}</td><td class="num">${formatApproxWan(f.planFen, f.planApprox)}</td><td class="num">${wan(f.arrivedFen)}</td><td class="num">${f.planFen ? pctText(Math.round((f.arrivedFen / f.planFen) * 1000) / 10) : '—'}</td><td class="num">${wan(f.paidFen)}</td><td></td></tr>`)}
<tr class="sum"><td class="c">合计</td><td class="num">${wan(tp)}</td><td class="num">${wan(ta)}</td><td class="num">${tp ? pctText(Math.round((ta / tp) * 1000) / 10) : '—'}</td><td class="num">${wan(tpay)}</td><td>${tp !== p.totalFen ? `与总投资差${wan(p.totalFen - tp)}（未落实）` : ''}</td></tr>
</tbody></table>`,
      ),
    );
  }
  if (has(s, 'milestones')) {
    parts.push(
      section(
        '三、节点计划与完成',
        html`<table class="grid"><thead><tr><th>节点</th><th>计划完成</th><th>实际完成</th><th>状态</th><th>说明</th></tr></thead><tbody>
${c.milestones.length ? c.milestones.map((m) => html`<tr><td>${m.node}</td><td class="c">${formatDateCn(m.planDate)}</td><td class="c">${formatDateCn(m.actDate)}</td><td class="c ${m.daysLate ? 'late' : ''}">${m.actDate && m.actDate <= asOf ? (m.daysLate ? `完成（延误${m.daysLate}天）` : '按期完成') : m.daysLate ? `逾期${m.daysLate}天` : '未到期'}</td><td>${m.note ?? ''}</td></tr>`) : html`<tr><td colspan="5" class="c">未设节点</td></tr>`}
</tbody></table>`,
      ),
    );
  }
  if (has(s, 'reports')) {
    parts.push(
      section(
        '四、近六个月月报',
        html`<table class="grid"><colgroup><col style="width:12%"><col style="width:13%"><col style="width:13%"><col style="width:15%"><col style="width:47%"></colgroup><thead><tr><th>期别</th><th>本月完成</th><th>年内累计</th><th>开工以来累计</th><th>形象进度</th></tr></thead><tbody>
${c.history.length ? c.history.map((h) => html`<tr><td class="c">${formatPeriodCn(h.period)}</td><td class="num">${wan(h.monthFen)}</td><td class="num">${wan(h.ytdFen)}</td><td class="num">${wan(h.cumFen)}</td><td>${h.imageText ?? ''}${h.imagePct !== null ? `（${h.imagePct}%）` : ''}</td></tr>`) : html`<tr><td colspan="5" class="c">近六个月无月报</td></tr>`}
</tbody></table>`,
      ),
    );
  }
  if (has(s, 'supervision')) {
    parts.push(
      section(
        '五、存在问题与督办',
        html`<div class="box">${p.report?.issues ? html`<p>存在问题：${p.report.issues}</p>` : ''}${p.level && p.level !== 'green' ? html`<p>预警：${p.levelReason ?? ''}</p>` : ''}
${c.orders.length ? c.orders.map((o) => html`<p>${historyLine(o, true)}</p>`) : html`<p class="muted">未下发督办单。</p>`}
${c.instructions.map((i) => html`<p>领导批示（${i.leader}，${formatDateCn(i.given_on)}${i.supervision_no ? `，督办单${i.supervision_no}` : ''}）：${i.content}</p>`)}</div>`,
      ),
    );
  }
  if (has(s, 'photos')) {
    parts.push(
      section(
        '六、现场照片',
        c.photos.length
          ? html`<div class="photos">${c.photos.map((ph) => html`<figure>${ph.src ? html`<img src="${ph.src}" alt="">` : html`<div class="missing">照片缺失</div>`}<figcaption>${ph.kind.replace('现场照片-', '')}：${ph.caption}${ph.takenAt ? `（${formatDateCn(ph.takenAt)}）` : ''}</figcaption></figure>`)}</div>`
          : html`<p class="muted">尚未上传现场照片（建议上传实施前、中、后对比照片2–4张）。</p>`,
      ),
    );
  }
  if (has(s, 'checklist')) {
    parts.push(
      section(
        '七、档案清单',
        html`<div class="checklist">${c.checklist.map((k) => html`<span>${k.count ? '☑' : '☐'} ${k.kind}${k.count > 1 ? `（${k.count}份）` : ''}</span>`)}</div>`,
      ),
    );
  }
  return html`<section class="sheet page card">
<h1 class="title card-title">${townName}小城镇建设项目档案</h1>
<div class="card-name">${p.name}</div>
<div class="card-meta"><span>一项目一档${parentName ? `\u3000所属项目：${parentName}` : ''}</span><span>数据截至${formatDateCn(asOf)}</span></div>
${parts}
</section>`;
}

export function cardDocument(d: CardsData, s: PrintableSettings): DocumentOut {
  // every card of a sub-project names its project: one lookup for all (printing all cards of a county)
  const nameOf = new Map(d.figures.projects.map((p) => [p.id, p.name]));
  const setup: PageSetup = { paper: 'A4', orientation: 'portrait', margins: CARD_MARGINS, pageNumbers: 'gb' };
  const title =
    d.cards.length === 1
      ? `项目档案：${d.cards[0]!.project.name}`
      : `${d.town.name}一项目一档（${d.cards.length}个项目）`;
  // an empty ledger prints a page that says so, as the other documents do, not a blank page numbered —1—
  const body = d.cards.length
    ? html`${d.cards.map((c) =>
        card(
          c,
          s,
          d.figures.period,
          d.figures.asOf,
          d.town.name,
          c.project.parentId === null ? null : (nameOf.get(c.project.parentId) ?? null),
        ),
      )}`
    : html`<section class="sheet page card"><h1 class="card-title">${d.town.name}一项目一档</h1><p class="card-empty">台账中还没有项目，没有可打印的项目档案。请先在“项目台账”中新增或导入项目。</p></section>`;
  const css = `
.card { font-size: 9pt; line-height: 1.3; }
.card-empty { font-size: 14pt; margin-top: 20mm; text-align: center; }
.card-title { font-size: 17pt; line-height: 1.15; }
.card-name { text-align: center; font-size: 13pt; margin: 1mm 0; font-family: inherit; overflow-wrap: anywhere; }
.card-meta { display: flex; justify-content: space-between; font-size: 9pt; border-bottom: 1.2pt solid #000; margin-bottom: 1mm; }
.ch { font-size: 10pt; font-weight: normal; margin: 1.2mm 0 0.4mm; }
.card table.grid { font-size: 8.5pt; line-height: 1.22; }
.card table.grid th, .card table.grid td { padding: 0.6pt 2pt; }
.card table.kv th { background: #f3f3f3; word-break: keep-all; }
.card .nw { white-space: nowrap; }
.card table.kv td .num { display: block; }
.card tr.sum td { background: #f3f3f3; }
.card td.late { color: #c00000; }
.box p { margin: 0.4mm 0; }
.photos { display: flex; gap: 3mm; }
.photos figure { margin: 0; flex: 1 1 0; text-align: center; }
.photos img, .photos .missing { width: 100%; height: 27mm; object-fit: cover; display: block; border: 0.6pt solid #999; }
.photos .missing { display: flex; align-items: center; justify-content: center; color: #888; background: #f6f6f6; }
.photos figcaption { font-size: 8pt; line-height: 1.2; }
.checklist { display: flex; flex-wrap: wrap; gap: 1mm 5mm; }
`;
  return documentOut({ title, setup, css, body });
}
