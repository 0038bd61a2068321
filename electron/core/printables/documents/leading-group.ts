/**
 * 领导小组成员名单 (domain.md §1.2): the group as the 领导小组 page keeps it, by rank and never by name — 组长,
 * 常务副组长, 副组长, 成员, each post heading its people — with their 职务, 单位, 联系电话 and 分工, then the
 * 办公室: where it sits and who directs it (蒲州镇's 副镇长 is also a 副组长, so he 兼任). A4 portrait on the
 * GB/T 9704 版心 with its page numbers; a group too long for one sheet carries the table head onto the next.
 */
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import type { LgMember } from '../../../../shared/schemas/org.ts';
import type { PrintableSettings } from '../../../../shared/schemas/printables.ts';
import type { LeadingGroupData } from '../data.ts';
import { fontStack } from '../fonts.ts';
import { html, type Markup } from '../html.ts';
import { documentPage, GB_MARGINS, type PageSetup } from '../print-css.ts';
import { issuedHeading, ISSUED_HEADING_CSS } from './common.ts';
import { has, type DocumentOut } from './types.ts';

const OFFICE_ROLE = '办公室主任';

interface Column {
  head: string;
  /** Share of the width among the columns printed. */
  weight: number;
  cell: (m: LgMember) => Markup | string;
  cls?: string;
}

/** Several numbers of one person (0359-8021006,13903590106) are printed one a line. */
const phoneLines = (phone: string | null): Markup =>
  html`${(phone ?? '')
    .split(/[,，、;；\s]+/)
    .filter(Boolean)
    .map((p, i) => html`${i ? html`<br>` : ''}${p}`)}`;

/** “周志强同志（副镇长）兼任办公室主任，负责…”: 兼任 when the director also holds a post of the group. */
function officeText(d: LeadingGroupData, directors: LgMember[]): string {
  const g = d.group.group!;
  const at = g.officeAt ? `，办公室设在${g.officeAt}` : '';
  if (!directors.length) return `领导小组下设办公室${at}。`;
  const others = d.group.members.filter((m) => m.role !== OFFICE_ROLE);
  const who = directors
    .map((m) => {
      const also = others.some((o) => o.staffId === m.staffId);
      return `${m.name}同志（${m.title}）${also ? '兼任' : '任'}`;
    })
    .join('，');
  const duty = directors.map((m) => m.duty).find(Boolean);
  return `领导小组下设办公室${at}，${who}办公室主任${duty ? `，${duty.replace(/[。；;，,\s]+$/, '')}` : ''}。`;
}

export function leadingGroupDocument(d: LeadingGroupData, s: PrintableSettings): DocumentOut {
  const setup: PageSetup = { paper: s.paper, orientation: s.orientation, margins: GB_MARGINS, pageNumbers: 'gb' };
  const g = d.group.group;
  const title = g ? `${g.name}成员名单` : `${d.town.name}小城镇建设领导小组成员名单`;
  const founded = g
    ? [g.docNo, g.establishedOn ? `${formatDateCn(g.establishedOn)}成立` : null].filter(Boolean).join('，')
    : '';
  const heading = issuedHeading({
    title,
    subtitle: founded ? `（${founded}）` : null,
    editor: d.town.editor,
    date: d.today,
  });
  const withOffice = has(s, 'office');
  const directors = d.group.members.filter((m) => m.role === OFFICE_ROLE);
  const listed = withOffice ? d.group.members.filter((m) => m.role !== OFFICE_ROLE) : d.group.members;
  // 分工 is printed when someone has one: in the sample only the 办公室主任 has, and his is said under the table
  const duties = has(s, 'duty') && listed.some((m) => m.duty);
  const columns: Column[] = [
    { head: '姓名', weight: 12, cell: (m) => m.name, cls: 'c' },
    { head: '职务', weight: 19, cell: (m) => m.title },
    { head: '单位', weight: 24, cell: (m) => m.orgName ?? '' },
    ...(has(s, 'phone')
      ? [{ head: '联系电话', weight: 20, cell: (m: LgMember) => phoneLines(m.phone), cls: 'c phone' }]
      : []),
    ...(duties ? [{ head: '分工', weight: 24, cell: (m: LgMember) => m.duty ?? '' }] : []),
  ];
  const NO_WEIGHT = 7;
  const total = NO_WEIGHT + columns.reduce((a, c) => a + c.weight, 0);
  // Each post heads its people in a row of its own (组长, 副组长（4人）, 成员（7人）), kept with the first of them: a
  // post's cell spanning its rows was carried whole onto the next sheet, or split there without its name.
  const rows = listed.flatMap((m, i) => {
    const row = html`<tr><td class="c">${i + 1}</td>${columns.map((c) => html`<td class="${c.cls ?? ''}">${c.cell(m)}</td>`)}</tr>`;
    if (i > 0 && listed[i - 1]!.role === m.role) return [row];
    const count = listed.filter((x) => x.role === m.role).length;
    return [
      html`<tr class="post"><td colspan="${columns.length + 1}">${m.role}${count > 1 ? `（${count}人）` : ''}</td></tr>`,
      row,
    ];
  });
  const body = g
    ? html`<table class="grid roster"><colgroup>${[NO_WEIGHT, ...columns.map((c) => c.weight)].map(
        (w) => html`<col style="width:${(100 * w) / total}%">`,
      )}</colgroup>
<thead><tr><th>序号</th>${columns.map((c) => html`<th>${c.head}</th>`)}</tr></thead>
<tbody>${rows}</tbody></table>
${withOffice ? html`<p class="office">${officeText(d, directors)}</p>` : ''}
<p class="count">共${new Set(d.group.members.map((m) => m.staffId)).size}人。</p>`
    : html`<p class="empty">尚未设立领导小组。请在“领导小组”页设立后再打印。</p>`;
  const page = html`<section class="sheet">${heading}${body}</section>`;
  const css = `${ISSUED_HEADING_CSS}
table.roster { font-size: 12pt; line-height: 1.45; }
table.roster th { font-size: 12pt; padding: 1.5mm 2pt; }
table.roster td { padding: 1.5mm 3pt; }
table.roster tr.post td { font-family: ${fontStack('hei')}; background: #f2f2f2; padding-left: 2mm; break-after: avoid; }
table.roster tr.post { break-after: avoid; }
/* 0359-8021006 on one line: a number broken over two lines is misdialled */
table.roster td.phone { font-size: 11pt; white-space: nowrap; padding-left: 1pt; padding-right: 1pt; }
.office { font-size: 14pt; line-height: 1.6; text-indent: 2em; margin-top: 4mm; text-align: justify; break-before: avoid; }
.count { font-size: 12pt; margin-top: 2mm; text-align: right; }
.empty { margin-top: 20mm; text-align: center; font-size: 16pt; }
`;
  return {
    html: documentPage({ title, setup, css, body: page }),
    title,
    setup,
    roles: ['title', 'kai', 'body', 'song', 'hei'],
    notes: [],
  };
}
