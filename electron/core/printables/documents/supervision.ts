/**
 * 督办单 (domain.md §1.4, 华亭 escalation): 蓝 = 提醒, 黄 = 警告, 红 = 约谈. One official-style A4 page
 * per order, printed in the order's colour with its escalation level and the orders that led to it.
 */
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import { supervisionOutcome } from '../../../../shared/domain/dispatch.ts';
import type { SupervisionRow } from '../../repositories/printables.repository.ts';
import type { PrintableSettings } from '../../../../shared/schemas/printables.ts';
import type { SupervisionData } from '../data.ts';
import { fontStack } from '../fonts.ts';
import { html, paragraphs } from '../html.ts';
import { documentPage, GB_MARGINS, type PageSetup } from '../print-css.ts';
import { lightDot, lightWord } from './common.ts';
import { has, type DocumentOut } from './types.ts';

/** 办结情况 of an order as printed (an escalated order says what it became): the card and the order alike. */
export const outcomeOf = (o: SupervisionRow) =>
  supervisionOutcome({
    closed: o.closed === 1,
    closedAt: o.closed_at,
    escalatedToNo: o.next_no,
    escalatedToColor: o.next_color,
  });

/** One line of an order's history: 2017年10月8日 蓝色督办（提醒）…，时限…，已升级为黄色督办（督〔2017〕2号） */
export const historyLine = (o: SupervisionRow, withContent: boolean) =>
  `${formatDateCn(o.issued)} ${o.color}色督办（${ESCALATION[o.color]?.word ?? ''}）${
    withContent ? `：${o.content.replace(/[。；，,.;\s]+$/, '')}` : ''
  }，时限${formatDateCn(o.deadline)}，${outcomeOf(o)}`;

export const ESCALATION: Record<string, { level: string; word: string; ink: string }> = {
  蓝: { level: '一级', word: '提醒', ink: '#1f4e9c' },
  黄: { level: '二级', word: '警告', ink: '#b07d00' },
  红: { level: '三级', word: '约谈', ink: '#c00000' },
};

export function supervisionDocument(d: SupervisionData, s: PrintableSettings): DocumentOut {
  const setup: PageSetup = { paper: 'A4', orientation: 'portrait', margins: GB_MARGINS, pageNumbers: 'none' };
  const title = `${d.town.name}小城镇建设项目督办单`;
  const pages = d.orders.map((o) => {
    const e = ESCALATION[o.color] ?? ESCALATION['蓝']!;
    const p = o.project;
    const no = o.no ?? `督办〔${o.issued.slice(0, 4)}〕${o.id}号`;
    // One page an order: each line of its 督办经过 takes its room from the blank rows left for writing by hand.
    const room = Math.min(o.chain.length, 3);
    return html`<section class="sheet page order" style="--ink:${e.ink};--tall:${26 - 2 * room}mm;--sign:${16 - 2 * room}mm">
<h1 class="title o-title">${title}</h1>
<div class="o-band"><span class="o-color">${o.color}色督办</span><span>${e.level}（${e.word}${o.interview && e.word !== '约谈' ? '，约谈' : ''}）</span></div>
<div class="o-no"><span>${no}</span><span>签发日期：${formatDateCn(o.issued)}</span></div>
<table class="grid form">
<colgroup><col style="width:22%"><col style="width:78%"></colgroup>
<tr><th>督办对象</th><td>${o.to_org_name ?? p?.leadOrgName ?? ''}</td></tr>
<tr><th>项目名称</th><td>${o.project_name}${o.project_code ? `（${o.project_code}）` : ''}</td></tr>
<tr><th>责任领导</th><td>${p?.leaderName ?? ''}</td></tr>
<tr><th>当前状态</th><td>${p ? html`${lightDot(p.level)} ${lightWord(p.level)}\u3000${p.levelReason ?? ''}` : ''}</td></tr>
<tr class="tall"><th>督办事项</th><td>${paragraphs(o.content, 'para')}</td></tr>
<tr><th>整改时限</th><td>${formatDateCn(o.deadline)}前办结，并书面报告办理情况</td></tr>
<tr class="tall"><th>办理情况</th><td>${o.reply ? paragraphs(o.reply, 'para') : ''}${o.replied_at ? html`<p class="r">（${formatDateCn(o.replied_at)}回复）</p>` : ''}</td></tr>
<tr class="${o.instructions.length ? '' : 'sign-space'}"><th>领导批示</th><td>${o.instructions.map((i) => html`<div class="inst"><p class="para">${i.content}</p><p class="r">${i.leader}\u3000${formatDateCn(i.given_on)}</p></div>`)}</td></tr>
<tr><th>办结情况</th><td>${outcomeOf(o)}</td></tr>
${has(s, 'history') && o.chain.length ? html`<tr class="history"><th>督办经过</th><td>${o.chain.map((c) => html`<p>${historyLine(c, false)}</p>`)}</td></tr>` : ''}
</table>
<div class="o-sign"><span>签发人：</span><span>${d.town.editor}（印章）</span></div>
<p class="o-note">说明：督办事项逾期未办结的，升级为${o.color === '蓝' ? '黄色督办（警告）' : '红色督办并约谈责任领导'}。</p>
</section>`;
  });
  const body = pages.length
    ? html`${pages}`
    : html`<section class="sheet page"><h1 class="title o-title">${title}</h1><p class="empty">截至${formatDateCn(d.figures.asOf)}，尚未签发督办单。</p></section>`;
  const css = `
.o-title { color: var(--ink, #c00000); font-size: 22pt; line-height: 1.3; }
.o-band { display: flex; justify-content: center; gap: 6mm; margin: 3mm 0; font-family: ${fontStack('hei')}; font-size: 14pt; color: var(--ink); }
.o-color { border: 1.2pt solid var(--ink); padding: 0 3mm; }
.o-no { display: flex; justify-content: space-between; font-size: 12pt; border-bottom: 2pt solid var(--ink); padding-bottom: 1mm; margin-bottom: 4mm; }
table.form { font-size: 14pt; line-height: 1.5; }
table.form th { padding: 2mm; }
table.form td { padding: 2mm 3mm; word-break: normal; }
table.form tr.tall td { height: var(--tall, 26mm); vertical-align: top; }
/* Room for a leader to write a 批示 by hand on the printed order when none was entered. */
table.form tr.sign-space td { height: var(--sign, 16mm); }
/* The orders that led to this one: a record beside the order, a size smaller so the order stays on its page. */
table.form tr.history td { font-size: 12pt; line-height: 1.4; padding: 1.5mm 3mm; }
.para { text-indent: 2em; }
.r { text-align: right; }
.inst + .inst { border-top: 0.5pt dashed #999; margin-top: 1mm; padding-top: 1mm; }
.o-sign { display: flex; justify-content: space-between; margin-top: 6mm; font-size: 14pt; break-before: avoid; break-inside: avoid; }
.o-note { margin-top: 4mm; font-size: 11pt; color: #333; }
.empty { margin-top: 20mm; text-align: center; font-size: 16pt; }
`;
  return { html: documentPage({ title, setup, css, body }), title, setup, roles: ['title', 'body', 'hei'], notes: [] };
}
