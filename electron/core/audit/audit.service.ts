/**
 * 留痕 for auditors: verify the hash chain, and export the change log by date range, operator and
 * project. Dates are Beijing calendar days; times are shown in Beijing time.
 */
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import { fieldLabel } from '../../../shared/domain/field-labels.ts';
import type { AuditExportInput } from '../../../shared/schemas/safety.ts';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { auditRows } from '../repositories/audit.repository.ts';
import { verifyChain } from './change-log.ts';

const BEIJING_MS = 8 * 3600 * 1000;
const dayStart = (iso: string) => new Date(`${iso}T00:00:00+08:00`).toISOString();
const nextDayStart = (iso: string) => new Date(new Date(`${iso}T00:00:00+08:00`).getTime() + 24 * 3600 * 1000).toISOString();
export const beijingTime = (at: string) => new Date(new Date(at).getTime() + BEIJING_MS).toISOString().slice(0, 19).replace('T', ' ');

export function verifyAudit(ctx: Ctx) {
  return verifyChain(ctx.db);
}

export async function exportAudit(ctx: Ctx, input: AuditExportInput) {
  if (input.from && input.to && input.from > input.to) throw new AppError('VALIDATION', '起始日期不能晚于截止日期', [{ path: 'from', message: '起始日期不能晚于截止日期' }]);
  if (input.format === 'pdf') {
    // TODO(printing): PDF goes through the print engineer's shared PDF helper (electron/core/reports/pdf.ts) once merged.
    throw new AppError('CONFLICT', '审计留痕的 PDF 导出尚未提供，请先导出 Excel');
  }
  const file = ctx.fileTokens.resolve(input.destToken, 'save');
  const rows = auditRows(ctx.db, {
    from: input.from ? dayStart(input.from) : null,
    to: input.to ? nextDayStart(input.to) : null,
    operator: input.operator,
    projectId: input.projectId,
  });
  const chain = verifyChain(ctx.db);

  const wb = new ExcelJS.Workbook();
  wb.creator = '乡镇建设项目台账';
  const ws = wb.addWorksheet('修改留痕', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const headers = ['序号', '时间', '操作员', '操作', '对象', '项目', '字段', '原值', '新值', '原因', '校验值'];
  const widths = [8, 20, 12, 10, 10, 28, 14, 26, 26, 30, 18];
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell(1, 1).value = '修改留痕（审计导出）';
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, headers.length);
  const scope = [
    input.from || input.to ? `日期：${input.from ?? '最早'} 至 ${input.to ?? '最新'}` : '日期：全部',
    `操作员：${input.operator ?? '全部'}`,
    `项目：${input.projectId ?? '全部'}`,
    `校验：${chain.message}`,
    `导出时间：${beijingTime(ctx.now().toISOString())}`,
  ];
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
  for (const r of rows) {
    const row = ws.addRow([
      r.id, beijingTime(r.at), r.operator, r.action, r.entity, r.project_name ?? (r.project_id ? `编号 ${r.project_id}` : ''),
      r.field ? fieldLabel(r.field) : '', r.old_value ?? '', r.new_value ?? '', r.reason ?? '', r.hash.slice(0, 16),
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  ws.pageSetup.printTitlesRow = '3:3';
  try {
    await wb.xlsx.writeFile(file);
  } catch (e) {
    throw new AppError('UNREADABLE', `无法写入所选文件（${(e as Error).message}），请换一个位置`);
  }
  return { file: basename(file), rows: rows.length };
}
