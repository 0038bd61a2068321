/**
 * 留痕 for auditors: verify the hash chain, and export the change log by date range, operator and
 * project. Dates are Beijing calendar days; times are shown in Beijing time.
 */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { changeEntityLabel, changeFieldLabel } from '../../../shared/fields/labels.ts';
import { formatBeijingTime, formatDateCn } from '../../../shared/domain/display.ts';
import type { AuditExportInput } from '../../../shared/schemas/safety.ts';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { checkpoint, inBand, progress, progressOf } from '../progress.ts';
import { auditRows } from '../repositories/audit.repository.ts';
import { html } from '../printables/html.ts';
import { printPdf } from '../printables/pdf-printer.ts';
import { documentPage, TABLE_MARGINS } from '../printables/print-css.ts';
import { newWorkbook } from '../excel/new-workbook.ts';
import { verifyChain } from './change-log.ts';
import { verifyLedgerAudit } from './verify-ledger.ts';

/** The export's title: the sheet's and the printout's heading and the file's 标题. */
const AUDIT_TITLE = '修改留痕（审计导出）';

const BEIJING_MS = 8 * 3600 * 1000;
const dayStart = (iso: string) => new Date(`${iso}T00:00:00+08:00`).toISOString();
const nextDayStart = (iso: string) =>
  new Date(new Date(`${iso}T00:00:00+08:00`).getTime() + 24 * 3600 * 1000).toISOString();

export function verifyAudit(ctx: Ctx) {
  progress('核对修改留痕', 0);
  const check = verifyLedgerAudit(ctx.db);
  progress('核验完成', 100);
  return check;
}

export async function exportAudit(ctx: Ctx, input: AuditExportInput) {
  if (input.from && input.to && input.from > input.to)
    throw new AppError('VALIDATION', '起始日期不能晚于截止日期', [
      { path: 'from', message: '起始日期不能晚于截止日期' },
    ]);
  const file = ctx.fileTokens.resolve(input.destToken, 'save');
  progress('读取修改记录', 0);
  const rows = auditRows(ctx.db, {
    from: input.from ? dayStart(input.from) : null,
    to: input.to ? nextDayStart(input.to) : null,
    operator: input.operator,
    projectId: input.projectId,
  });
  checkpoint();
  // The whole chain is checked for the 校验 line (a county's is hundreds of thousands of rows): its own stage.
  const chain = inBand(5, 40, () => verifyChain(ctx.db));
  checkpoint();

  const wb = await newWorkbook({ title: AUDIT_TITLE, created: ctx.now() });
  const ws = wb.addWorksheet('修改留痕', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const headers = ['序号', '时间', '操作员', '操作', '对象', '项目', '字段', '原值', '新值', '原因', '校验值'];
  const widths = [8, 20, 12, 10, 10, 28, 14, 26, 26, 30, 18];
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell(1, 1).value = AUDIT_TITLE;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, headers.length);
  const scope = [
    input.from || input.to
      ? `日期：${input.from ? formatDateCn(input.from) : '最早'} 至 ${input.to ? formatDateCn(input.to) : '最新'}`
      : '日期：全部',
    `操作员：${input.operator ?? '全部'}`,
    `项目：${input.projectId ?? '全部'}`,
    `校验：${chain.message}`,
    `导出时间：${formatBeijingTime(ctx.now().toISOString())}`,
  ];
  // The time: on paper 2017年10月8日 09:15 (Beijing); in Excel a real date-time (Beijing wall clock, number format
  // yyyy-mm-dd hh:mm:ss) that sorts and filters as a date.
  const cells = (r: (typeof rows)[number], paper: boolean) => [
    r.id,
    paper ? formatBeijingTime(r.at) : new Date(Date.parse(r.at) + BEIJING_MS),
    r.operator,
    r.action,
    changeEntityLabel(r.entity),
    r.project_name ?? (r.project_id ? `编号 ${r.project_id}` : ''),
    changeFieldLabel(r.entity, r.field),
    r.old_value ?? '',
    r.new_value ?? '',
    r.reason ?? '',
    r.hash.slice(0, 16),
  ];
  if (input.format === 'pdf') {
    progress('生成 PDF', 40);
    await writeOrRefuse(
      file,
      await printPdf(
        ctx,
        auditHtml(
          headers,
          widths,
          scope,
          rows.map((r) => cells(r, true) as (string | number)[]),
        ),
      ),
    );
    return { file: basename(file), rows: rows.length };
  }
  ws.getCell(2, 1).value = scope.join('　');
  const head = ws.getRow(3);
  headers.forEach((h, i) => {
    const c = head.getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle' };
    c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const [i, r] of rows.entries()) {
    if ((i & 2047) === 0) {
      progressOf('生成表格', i, rows.length, 40, 80);
      checkpoint();
    }
    const row = ws.addRow(cells(r, false));
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
  }
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  ws.pageSetup.printTitlesRow = '3:3';
  progress('压缩生成文件', 80);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  checkpoint(); // the last moment a 取消 leaves no file
  await writeOrRefuse(file, bytes);
  return { file: basename(file), rows: rows.length };
}

async function writeOrRefuse(file: string, bytes: Buffer): Promise<void> {
  try {
    await writeFile(file, bytes);
  } catch (e) {
    throw new AppError('UNREADABLE', `无法写入所选文件（${(e as Error).message}），请换一个位置`);
  }
}

/** The same table for paper: A4 landscape, header repeated on every page, 第X页 共Y页. */
function auditHtml(headers: string[], widths: number[], scope: string[], rows: (string | number)[][]): string {
  const total = widths.reduce((a, b) => a + b, 0);
  const body = html`<h2 class="title" style="font-size:18pt;margin-bottom:4pt">${AUDIT_TITLE}</h2>
<p style="font-size:9pt;margin-bottom:6pt">${scope.join('　')}</p>
<table class="grid" style="font-size:8pt"><colgroup>${widths.map((w) => html`<col style="width:${((w / total) * 100).toFixed(2)}%">`)}</colgroup>
<thead><tr>${headers.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr>${r.map((v) => html`<td>${v}</td>`)}</tr>`)}</tbody></table>`;
  const setup = { paper: 'A4', orientation: 'landscape', margins: TABLE_MARGINS, pageNumbers: 'of-total' } as const;
  return documentPage({ title: AUDIT_TITLE, setup, css: '', body });
}
