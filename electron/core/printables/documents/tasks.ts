/**
 * 责任清单 (domain.md §1.4, §2.5): one 行动方案's tasks in the page's order — 序号, 类别, 重点工作 with its 工作内容,
 * 牵头单位, 责任单位, 完成时限, 完成情况 and 工作进展 — A4 landscape like the 滞后/预警清单, the table head on every
 * page and 第X页 共Y页. A task past its 完成时限 and not 已完成 is marked 已逾期N天 beside the date, counted to the
 * day of printing as the 责任清单 page counts it (task-deadline.ts).
 */
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import { taskDaysOverdue } from '../../../../shared/domain/task-deadline.ts';
import { labelOf } from '../../../../shared/fields/registry.ts';
import type { PrintableSettings } from '../../../../shared/schemas/printables.ts';
import type { TaskRow } from '../../../../shared/schemas/task.ts';
import type { TasksData } from '../data.ts';
import { html, paragraphs, type Markup } from '../html.ts';
import { TABLE_MARGINS, type PageSetup } from '../print-css.ts';
import { issuedHeading, ISSUED_HEADING_CSS } from './common.ts';
import { documentOut, has, type DocumentOut } from './types.ts';

/** The task's field names, as the page and T5 head their columns (shared/fields/registry.ts). */
const T = (key: string): string => labelOf('task', key);

interface Column {
  head: string;
  weight: number;
  cell: (t: TaskRow, late: number | null) => Markup | string;
  cls?: string;
}

/** “随县…行动责任清单”; a 行动方案 already named …责任清单 is not named twice. */
const titleOf = (d: TasksData): string => {
  if (!d.campaign) return `${d.town.name}小城镇建设责任清单`;
  return d.campaign.name.endsWith('责任清单') ? d.campaign.name : `${d.campaign.name}责任清单`;
};

/**
 * The width 重点工作 and 工作内容 share, by how much each holds: 随县's 重点工作 are a few words over a paragraph of
 * 工作内容, 吉林's are the whole paragraph over a short 备注 — fixed widths printed the one in a column a quarter of
 * its need, a dozen pages of one-word lines.
 */
function textWidths(tasks: readonly TaskRow[], withContent: boolean): { titleWeight: number; contentWeight: number } {
  const SHARED = 42;
  if (!withContent) return { titleWeight: SHARED, contentWeight: 0 };
  const mean = (f: (t: TaskRow) => string | null) =>
    tasks.reduce((a, t) => a + (f(t)?.length ?? 0), 0) / Math.max(1, tasks.length);
  const title = mean((t) => t.title);
  const share = Math.min(0.75, Math.max(0.25, title / (title + mean((t) => t.note) || 1)));
  return { titleWeight: SHARED * share, contentWeight: SHARED * (1 - share) };
}

export function tasksDocument(d: TasksData, s: PrintableSettings): DocumentOut {
  const setup: PageSetup = {
    paper: s.paper,
    orientation: s.orientation,
    margins: TABLE_MARGINS,
    pageNumbers: 'of-total',
  };
  const title = titleOf(d);
  const late = new Map(d.tasks.map((t) => [t.id, taskDaysOverdue(t, d.today)]));
  const overdue = [...late.values()].filter((n) => n !== null).length;
  const done = d.tasks.filter((t) => t.status === '已完成').length;
  const withContent = has(s, 'content') && d.tasks.some((t) => t.note);
  const { titleWeight, contentWeight } = textWidths(d.tasks, withContent);
  const columns: Column[] = [
    { head: '序号', weight: 3.6, cell: (t) => t.no ?? '', cls: 'c' },
    { head: T('category'), weight: 6.5, cell: (t) => t.category ?? '', cls: 'c' },
    { head: T('title'), weight: titleWeight, cell: (t) => t.title, cls: 'title-cell' },
    ...(withContent
      ? [
          {
            head: '工作内容',
            weight: contentWeight,
            cell: (t: TaskRow) => paragraphs(t.note, (t.note?.length ?? 0) > 40 ? 'para' : ''),
            cls: 'txt',
          },
        ]
      : []),
    // a list whose source names no 牵头单位 (吉林's appendix: 责任部门 only) is not given an empty column
    ...(d.tasks.some((t) => t.leadOrgName)
      ? [{ head: T('leadOrgId'), weight: 9.5, cell: (t: TaskRow) => t.leadOrgName ?? '' }]
      : []),
    { head: T('respOrgIds'), weight: 13, cell: (t) => t.respOrgNames.join('、') },
    {
      head: T('deadline'),
      // 2017年10月30日 on one line at 10.5pt
      weight: 10.5,
      cell: (t, n) =>
        html`${t.deadline ? formatDateCn(t.deadline) : ''}${n !== null ? html`<div class="late">已逾期${n}天</div>` : ''}`,
      cls: 'c',
    },
    {
      head: `${T('status')}及${T('progressText')}`,
      weight: 15,
      cell: (t) =>
        html`<div class="status ${t.status === '滞后' ? 'late' : ''}">${t.status}</div>${paragraphs(t.progressText)}`,
    },
  ];
  const total = columns.reduce((a, c) => a + c.weight, 0);
  const rows = d.tasks.map(
    (t) =>
      html`<tr class="${late.get(t.id) !== null ? 'overdue' : ''}">${columns.map(
        (c) => html`<td class="${c.cls ?? ''}">${c.cell(t, late.get(t.id) ?? null)}</td>`,
      )}</tr>`,
  );
  const tally = `共${d.tasks.length}项，已完成${done}项${overdue ? `，已逾期${overdue}项` : ''}`;
  // The note is the table's last row, kept with the row above it: after the table it could go alone onto a page.
  const note = overdue
    ? html`<tr class="tail"><td colspan="${columns.length}"><p class="note">注：已过完成时限而未完成的任务标注“已逾期N天”，逾期天数计至${formatDateCn(d.today)}。</p></td></tr>`
    : '';
  const page = html`<section class="sheet">
${issuedHeading({ title, editor: d.town.editor, date: d.today, tally })}
<table class="grid tasks"><colgroup>${columns.map((c) => html`<col style="width:${(100 * c.weight) / total}%">`)}</colgroup>
<thead><tr>${columns.map((c) => html`<th>${c.head}</th>`)}</tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="${columns.length}" class="c">暂无任务。</td></tr>`}${note}</tbody></table>
</section>`;
  const css = `${ISSUED_HEADING_CSS}
table.tasks { font-size: 10.5pt; line-height: 1.4; }
table.tasks th { font-size: 10.5pt; padding: 1mm 2pt; }
table.tasks td { padding: 1mm 3pt; }
table.tasks td.txt { font-size: 10pt; text-align: justify; }
table.tasks .para { text-indent: 2em; }
table.tasks .late { color: #c00000; white-space: nowrap; }
table.tasks .status { font-weight: bold; }
table.tasks tr.tail td { border: none; padding: 1.5mm 0 0; }
table.tasks tr.tail { break-inside: avoid; }
table.tasks tbody tr:nth-last-child(2):has(+ tr.tail) { break-after: avoid; }
.note { font-size: 10pt; }
`;
  return documentOut({ title, setup, css, body: page });
}
