/**
 * The county's own template: find its header (read with ExcelJS), propose which ledger field each column
 * takes, then fill the data rows under the header in the template's own XML (sheet-xml.ts), so the file
 * goes back exactly as the county sent it but for the figures.
 */
import type ExcelJS from 'exceljs';
import { formatYearRange } from '../../../../shared/domain/display.ts';
import { fenToUnitNumber } from '../../../../shared/domain/money.ts';
import {
  headerUnit,
  isFooterText,
  isMoneyTemplateField,
  isSectionOrTotal,
  normalizeHeader,
  proposeTemplateMapping,
  TEMPLATE_FIELDS,
  type ColumnUnit,
  type TemplateField,
} from '../../../../shared/domain/excel-synonyms.ts';
import type { ProjectFigures } from '../../../../shared/schemas/figures.ts';
import { detectTable } from '../import/detect.ts';
import type { CellValue, SheetData } from '../import/sheet-data.ts';
import { columnLetter } from '../letters.ts';
import { loadExcelJS } from '../libraries.ts';
import { sumFormula } from '../export/frame.ts';
import { openPackage, savePackage } from './sheet-xml.ts';

export async function loadTemplate(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new (await loadExcelJS()).Workbook();
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
  /**
   * Each column's money unit: its header's (总投资（亿元）), else the sheet's unit line (单位：元), else 万元 — read as
   * the import reads a county sheet (detect.ts), so a figure goes back in the unit the county asked for.
   */
  columns: { index: number; letter: string; header: string; field: TemplateField | null; unit: ColumnUnit }[];
}

export function inspectTemplate(wb: ExcelJS.Workbook): TemplateLayout {
  for (const ws of wb.worksheets) {
    // A 合计 row right under the header (domain §2: some counties put it first) would read as a second
    // header row (项目名称/合计); the table is found without it, and the fill finds it again under the header.
    const data = sheetData(ws);
    const t = detectTable({
      ...data,
      rows: data.rows.filter((row) => !row.cells.some((c) => typeof c === 'string' && isSectionOrTotal(c) === 'total')),
    });
    if (!t) continue;
    const fields = proposeTemplateMapping(t.columns.map((c) => c.path));
    return {
      ws,
      headerRows: t.headerRows.map((r) => r + 1),
      firstDataRow: t.headerRows[t.headerRows.length - 1]! + 2,
      columns: t.columns.map((c, i) => ({
        index: c.index,
        letter: c.letter,
        header: c.path,
        field: fields[i] ?? null,
        unit: headerUnit(c.path) ?? t.unit,
      })),
    };
  }
  throw new Error('模板中没有找到表头（如“项目名称”“总投资”），请确认选择的是县里的报表模板');
}

export const templateFingerprint = (cols: { header: string }[]) => cols.map((c) => normalizeHeader(c.header)).join('|');

export interface FillRow {
  figures: ProjectFigures;
  /** what the figures do not hold: 实施主体, 联系人, 资金构成, the 包联领导 and 责任人 (project-people.ts) … */
  extra: Partial<Record<TemplateField, string | number | null>>;
}

/** 分 → the cell's number in the column's unit (a foreign unit is refused before the fill: templateFill). */
const inUnit = (fen: number, unit: ColumnUnit) => fenToUnitNumber(fen, typeof unit === 'object' ? '万元' : unit);

function valueOf(f: TemplateField, row: FillRow, seq: number, unit: ColumnUnit): string | number | Date | null {
  const p = row.figures;
  const byField: Partial<Record<TemplateField, string | number | null>> = {
    seq,
    code: p.code,
    name: p.name,
    category: p.category,
    subcategory: p.subcategory,
    stageGroup: p.stageGroup,
    nature: p.nature,
    location: p.location,
    scope: p.scope,
    status: p.status,
    totalWan: p.totalFen,
    openingCumWan: p.priorFen,
    yearPlanWan: p.yearPlanFen,
    monthWan: p.monthFen,
    ytdWan: p.ytdFen,
    cumWan: p.cumFen,
    ytdPct: p.ytdPct,
    yearRange: formatYearRange(p.yearFrom, p.yearTo) || null,
    planStart: p.planStart,
    planEnd: p.planEnd,
    actStart: p.actStart,
    actEnd: p.actEnd,
    leadOrg: p.leadOrgName,
    responsibleOrgs: p.responsibleOrgNames.join('、') || null,
    imageText: p.report?.imageText ?? null,
    issues: p.report?.issues ?? null,
    nextSteps: [p.report?.nextSteps, p.report?.needs].filter(Boolean).join('；') || null,
    level: p.level
      ? `${{ red: '红灯', yellow: '黄灯', green: '绿灯' }[p.level]}${p.levelReason && p.level !== 'green' ? `：${p.levelReason}` : ''}`
      : null,
    ...row.extra,
  };
  const v = byField[f] ?? null;
  if (v === null) return null;
  if (isMoneyTemplateField(f)) return inUnit(Number(v), unit);
  if (
    ['planStart', 'planEnd', 'actStart', 'actEnd'].includes(f) &&
    typeof v === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(v)
  ) {
    const [y, m, d] = v.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d));
  }
  return v;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const NOTE_TEXT = /^\s*(注|说明|备注|附注)\s*\d*\s*[:：、.]/;

/**
 * Fills the county's template and returns the new file. Only the cells of the data rows change: values are
 * written into the template's own cells (their styles kept), sample values in rows the ledger does not fill
 * are cleared, and rows are inserted (copies of the last template row: style, height, merges) when there
 * are more projects than template rows. The title, 填报单位 line, header, 合计 label, 注 and signature rows
 * are never written; the 合计 row's money cells get a SUM formula whose cached value is the Σ分 of the
 * rows. Everything else in the package (styles.xml and its default font, defined names, print setup) is
 * left as the template had it; see sheet-xml.ts for why this edits the XML rather than going through ExcelJS.
 */
export async function fillTemplate(
  bytes: Uint8Array,
  layout: TemplateLayout,
  fields: (TemplateField | null)[],
  rows: FillRow[],
): Promise<Buffer> {
  const pkg = await openPackage(bytes, layout.ws.name);
  const x = pkg.sheet;
  const indexes = layout.columns.map((c) => c.index);
  const minC = Math.min(...indexes);
  const maxC = Math.max(...indexes);
  const width = maxC - minC + 1;
  const fieldAt = new Map(layout.columns.map((c, i) => [c.index, fields[i] ?? null]));
  const unitAt = new Map(layout.columns.map((c) => [c.index, c.unit]));
  const texts = (r: number) => {
    const out: string[] = [];
    for (let c = minC; c <= maxC; c++) {
      const t = x.text(r, c).trim();
      if (t) out.push(t);
    }
    return out;
  };
  const isTotal = (r: number) => texts(r).some((t) => isSectionOrTotal(t) === 'total');

  let start = layout.firstDataRow;
  let totalRow: number | null = null;
  if (isTotal(start)) totalRow = start++;
  // The template's data rows: styled rows under the header, up to the 合计 row, a gap, a 注 or signature
  // line, a section heading, or a row merged across the table (a note or title never takes a project).
  const templateRows: number[] = [];
  const sampleSections: number[] = [];
  for (let r = start; ; r++) {
    const row = x.row(r);
    if (!row || !row.cells.some((cell) => cell.c >= minC && cell.c <= maxC)) break;
    if (isTotal(r)) {
      totalRow ??= r;
      break;
    }
    const rowTexts = texts(r);
    if (rowTexts.some((t) => isFooterText(t) || NOTE_TEXT.test(t))) break;
    if (rowTexts.some((t) => isSectionOrTotal(t) === 'section')) {
      sampleSections.push(r);
      templateRows.push(r);
      continue;
    }
    if (x.merges.some((m) => m.s.r + 1 <= r && r <= m.e.r + 1 && (m.e.c - m.s.c + 1) * 2 > width)) break;
    templateRows.push(r);
  }
  // A data area of blank rows (no borders, no sample rows) above the 合计, 注 or 填报人 line: those rows are the room
  // for the projects, and the line stays where the county put it while they fit (it moved 25 rows down, under the
  // 26 blank rows it had above it). One blank row is kept above a 注 or 填报人 line, as the county left it.
  if (templateRows.length === 0 && totalRow === null) {
    const lastRow = x.rows.reduce((m, row) => Math.max(m, row.r), 0);
    let next = start;
    while (next <= lastRow && texts(next).length === 0) next++;
    if (next <= lastRow && isTotal(next)) {
      totalRow = next;
      for (let r = start; r < next; r++) templateRows.push(r);
    } else if (next <= lastRow && texts(next).some((t) => isFooterText(t) || NOTE_TEXT.test(t)))
      for (let r = start; r < next - 1; r++) templateRows.push(r);
  }
  // Sample section headings among the sample rows (一、基础设施 …) are part of the sample: they become plain
  // data rows like the first sample project row (its styles, height, merges), so no project lands in a
  // merged heading and no sample heading is left between the ledger's rows.
  const plain = templateRows.find((r) => !sampleSections.includes(r));
  if (plain === undefined) templateRows.length = 0;
  else for (const r of sampleSections) x.restyleRow(r, plain);

  const hadTotal = totalRow !== null;
  const needed = rows.length + (hadTotal ? 0 : 1);
  const by = Math.max(0, needed - templateRows.length);
  const last = templateRows[templateRows.length - 1];
  const at = last ?? start;
  x.insertRows(at, by, last ?? null);
  if (totalRow !== null && totalRow >= at) totalRow += by;
  const regionEnd = start + Math.max(templateRows.length + by, needed) - 1;
  const dataRows = rows.map((_, k) => start + k);
  totalRow ??= start + rows.length;

  const writable = (r: number, c: number) => {
    const m = x.mergeAt(r, c);
    return !m || (m.s.r + 1 === r && m.s.c === c);
  };
  rows.forEach((row, k) => {
    const r = start + k;
    for (let c = minC; c <= maxC; c++) {
      if (!writable(r, c)) continue;
      const f = fieldAt.get(c) ?? null;
      const v = f ? valueOf(f, row, k + 1, unitAt.get(c)!) : null;
      if (v instanceof Date) {
        const s = x.cell(r, c)?.s ?? null;
        x.set(r, c, pkg.dateStyle(s) ? (v.getTime() - EXCEL_EPOCH_MS) / 86_400_000 : v.toISOString().slice(0, 10));
      } else x.set(r, c, v);
    }
  });
  // Template rows the ledger does not fill keep their style and lose their sample values; so does the template row
  // that becomes the 合计 of a template without one (it kept its sample's 序号 and 包联领导 beside 合计（24个）). The
  // template's own 合计 row keeps its labels.
  for (let r = start + rows.length; r <= regionEnd; r++) {
    if (r === totalRow && hadTotal) continue;
    for (let c = minC; c <= maxC; c++) if (writable(r, c)) x.set(r, c, null);
  }

  const nameIdx = layout.columns.find((_, i) => fields[i] === 'name')?.index ?? minC;
  if (!hadTotal && writable(totalRow, nameIdx)) x.set(totalRow, nameIdx, `合计（${rows.length}个）`);
  // The 合计 the fill adds is a data row's copy: printed in bold, as the county's own 合计 rows are.
  if (!hadTotal)
    for (const cell of x.row(totalRow)?.cells ?? []) {
      const bold = pkg.bold.boldOf(cell.s);
      if (bold !== null) x.restyleCell(totalRow, cell.c, bold);
    }
  layout.columns.forEach((c, i) => {
    const f = fields[i];
    if (!f || !isMoneyTemplateField(f) || !writable(totalRow, c.index)) return;
    const fen = rows.reduce((a, row) => a + Number(rowFen(f, row)), 0);
    x.set(totalRow, c.index, { formula: sumFormula(columnLetter(c.index), dataRows), result: inUnit(fen, c.unit) });
  });
  if (by > 0) x.freePageHeight();
  return savePackage(pkg, [{ at, by }]);
}

function rowFen(f: TemplateField, row: FillRow): number {
  const p = row.figures;
  const m: Partial<Record<TemplateField, number>> = {
    totalWan: p.totalFen,
    openingCumWan: p.priorFen,
    yearPlanWan: p.yearPlanFen,
    monthWan: p.monthFen,
    ytdWan: p.ytdFen,
    cumWan: p.cumFen,
  };
  return m[f] ?? Number(row.extra[f] ?? 0);
}

export const templateFieldLabel = (f: string | null): string | null =>
  f && f in TEMPLATE_FIELDS ? TEMPLATE_FIELDS[f as TemplateField] : null;
