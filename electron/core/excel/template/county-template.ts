/**
 * The county's own template: find its header, propose which ledger field each column takes, then fill rows
 * under the header keeping the template's styles, merges, widths, print setup and fixed rows (a 合计 row
 * under the header, the signature lines under the table). Loaded and saved with ExcelJS, which keeps them.
 */
import ExcelJS from 'exceljs';
import { isFooterText, isSectionOrTotal, normalizeHeader, proposeTemplateMapping, TEMPLATE_FIELDS, type TemplateField } from '../../../../shared/domain/excel-synonyms.ts';
import type { ProjectFigures } from '../../../../shared/schemas/figures.ts';
import { detectTable } from '../import/detect.ts';
import type { CellValue, SheetData } from '../import/sheet-data.ts';
import { columnLetter } from '../letters.ts';
import { fenToWan, sumFormula } from '../export/frame.ts';

export async function loadTemplate(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return wb;
}

function sheetData(ws: ExcelJS.Worksheet, maxRows = 40): SheetData {
  const rows: SheetData['rows'] = [];
  for (let r = 1; r <= Math.min(ws.rowCount, maxRows); r++) {
    const cells: CellValue[] = [];
    ws.getRow(r).eachCell({ includeEmpty: false }, (cell, c) => {
      const v = cell.isMerged && cell.master !== cell ? null : cell.text;
      cells[c - 1] = v && v.trim() ? v : null;
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    if (cells.some((c) => c !== null)) rows.push({ r: r - 1, cells });
  }
  const merges = ((ws.model as { merges?: string[] }).merges ?? []).map((ref) => {
    const [a, b] = ref.split(':') as [string, string];
    const pa = ws.getCell(a);
    const pb = ws.getCell(b ?? a);
    return { s: { r: Number(pa.row) - 1, c: Number(pa.col) - 1 }, e: { r: Number(pb.row) - 1, c: Number(pb.col) - 1 } };
  });
  return { name: ws.name, rows, merges };
}

export interface TemplateLayout {
  ws: ExcelJS.Worksheet;
  headerRows: number[];
  /** 1-based first row under the header. */
  firstDataRow: number;
  columns: { index: number; letter: string; header: string; field: TemplateField | null }[];
}

export function inspectTemplate(wb: ExcelJS.Workbook): TemplateLayout {
  for (const ws of wb.worksheets) {
    const t = detectTable(sheetData(ws));
    if (!t) continue;
    const fields = proposeTemplateMapping(t.columns.map((c) => c.path));
    return {
      ws,
      headerRows: t.headerRows.map((r) => r + 1),
      firstDataRow: t.headerRows[t.headerRows.length - 1]! + 2,
      columns: t.columns.map((c, i) => ({ index: c.index, letter: c.letter, header: c.path, field: fields[i] ?? null })),
    };
  }
  throw new Error('模板中没有找到表头（如“项目名称”“总投资”），请确认选择的是县里的报表模板');
}

export const templateFingerprint = (cols: { header: string }[]) => cols.map((c) => normalizeHeader(c.header)).join('|');

export interface FillRow {
  figures: ProjectFigures;
  extra: Partial<Record<TemplateField, string | number | null>>;
}

const MONEY: TemplateField[] = ['totalWan', 'openingCumWan', 'yearPlanWan', 'monthWan', 'ytdWan', 'cumWan'];
const isMoney = (f: TemplateField) => MONEY.includes(f) || f.startsWith('fund:');

function valueOf(f: TemplateField, row: FillRow, seq: number): string | number | Date | null {
  const p = row.figures;
  const byField: Partial<Record<TemplateField, string | number | null>> = {
    seq, code: p.code, name: p.name, category: p.category, subcategory: p.subcategory, stageGroup: p.stageGroup, nature: p.nature,
    location: p.location, scope: p.scope, status: p.status, totalWan: p.totalFen, openingCumWan: p.priorFen, yearPlanWan: p.yearPlanFen,
    monthWan: p.monthFen, ytdWan: p.ytdFen, cumWan: p.cumFen, ytdPct: p.ytdPct,
    yearRange: p.yearFrom ? (p.yearTo && p.yearTo !== p.yearFrom ? `${p.yearFrom}-${p.yearTo}` : String(p.yearFrom)) : null,
    planStart: p.planStart, planEnd: p.planEnd, actStart: p.actStart, actEnd: p.actEnd, leader: p.leaderName, leadOrg: p.leadOrgName,
    responsibleOrgs: p.responsibleOrgNames.join('、') || null, imageText: p.report?.imageText ?? null, issues: p.report?.issues ?? null,
    nextSteps: [p.report?.nextSteps, p.report?.needs].filter(Boolean).join('；') || null,
    level: p.level ? `${{ red: '红灯', yellow: '黄灯', green: '绿灯' }[p.level]}${p.levelReason && p.level !== 'green' ? `：${p.levelReason}` : ''}` : null,
    ...row.extra,
  };
  const v = byField[f] ?? null;
  if (v === null) return null;
  if (isMoney(f)) return fenToWan(Number(v));
  if (['planStart', 'planEnd', 'actStart', 'actEnd'].includes(f) && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d));
  }
  return v;
}

/** Fills the template in place and returns the rows written. */
export function fillTemplate(layout: TemplateLayout, fields: (TemplateField | null)[], rows: FillRow[]): void {
  const { ws } = layout;
  let start = layout.firstDataRow;
  const firstText = ws.getRow(start).values as unknown[];
  const fixedTotalTop = (firstText ?? []).some((v) => typeof v === 'string' && isSectionOrTotal(v) === 'total');
  const totalTopRow = fixedTotalTop ? start : null;
  if (fixedTotalTop) start++;
  // The signature lines (and anything else) under the table move down below the filled rows.
  let footerAt = 0;
  for (let r = start; r <= ws.rowCount; r++) {
    const texts = (ws.getRow(r).values as unknown[]).filter((v) => typeof v === 'string') as string[];
    if (texts.some((t) => isFooterText(t))) {
      footerAt = r;
      break;
    }
  }
  const styleRow = ws.getRow(start);
  const styles = layout.columns.map((c) => ({ ...styleRow.getCell(c.index + 1).style }));
  const needed = rows.length + (totalTopRow ? 0 : 1);
  if (footerAt > 0 && footerAt < start + needed + 1) ws.spliceRows(footerAt, 0, ...Array.from({ length: start + needed + 1 - footerAt }, () => []));
  const dataRows: number[] = [];
  rows.forEach((row, k) => {
    const r = start + k;
    dataRows.push(r);
    const xr = ws.getRow(r);
    layout.columns.forEach((c, i) => {
      const f = fields[i];
      const cell = xr.getCell(c.index + 1);
      if (Object.keys(styles[i]!).length) cell.style = { ...styles[i]! };
      if (!f) return;
      cell.value = valueOf(f, row, k + 1);
      if (isMoney(f) && !cell.numFmt) cell.numFmt = '0.00';
    });
  });
  const totalRow = totalTopRow ?? start + rows.length;
  const tr = ws.getRow(totalRow);
  const nameIdx = layout.columns.find((c, i) => fields[i] === 'name')?.index ?? layout.columns[0]!.index;
  if (!totalTopRow) layout.columns.forEach((c, i) => Object.keys(styles[i]!).length && (tr.getCell(c.index + 1).style = { ...styles[i]!, font: { ...styles[i]!.font, bold: true } }));
  const label = tr.getCell(nameIdx + 1);
  if (!label.value || typeof label.value === 'string') label.value = `合计（${rows.length}个）`;
  layout.columns.forEach((c, i) => {
    const f = fields[i];
    if (!f || !isMoney(f)) return;
    const fen = rows.reduce((a, row) => a + Number(rowFen(f, row)), 0);
    tr.getCell(c.index + 1).value = { formula: sumFormula(columnLetter(c.index), dataRows), result: fenToWan(fen) };
    if (!tr.getCell(c.index + 1).numFmt) tr.getCell(c.index + 1).numFmt = '0.00';
  });
}

function rowFen(f: TemplateField, row: FillRow): number {
  const p = row.figures;
  const m: Partial<Record<TemplateField, number>> = {
    totalWan: p.totalFen, openingCumWan: p.priorFen, yearPlanWan: p.yearPlanFen, monthWan: p.monthFen, ytdWan: p.ytdFen, cumWan: p.cumFen,
  };
  return m[f] ?? Number(row.extra[f] ?? 0);
}

export const templateFieldLabel = (f: string | null): string | null => (f && f in TEMPLATE_FIELDS ? TEMPLATE_FIELDS[f as TemplateField] : null);
