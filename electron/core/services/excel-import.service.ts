/**
 * Import of the ledgers offices already keep. Preview and apply share one pipeline (read off-thread →
 * detect header → map columns → validate every row with the UI's project schema → match duplicates), so the
 * preview shows exactly what apply will do. Apply is one transaction after an automatic online backup:
 * any row error means nothing is written.
 */
import { headerUnit, IMPORT_FIELDS, normalizeHeader, proposeMapping, type ImportField } from '../../../shared/domain/excel-synonyms.ts';
import type { ImportDecision, ImportInput, ImportPreview, ImportProblem, ImportReport, Mapping } from '../../../shared/schemas/excel.ts';
import { projectCrossFieldIssues, type ProjectData } from '../../../shared/schemas/project.ts';
import { appendChanges } from '../audit/change-log.ts';
import { takeBackup } from '../backup/backup.service.ts';
import { nowIso, type Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { memoized } from '../memo.ts';
import { checkpoint, inBand, progress, progressOf } from '../progress.ts';
import { detectTable, type DetectedTable } from '../excel/import/detect.ts';
import { readWorkbookBytes } from '../excel/import/read.ts';
import { searchKeysOffThread, searchKeySource, type SearchKeys } from '../workers/search-keys.ts';
import { rowValues, type MappedColumn, type RowValues } from '../excel/import/row-values.ts';
import { PARSE_FAILURE_MESSAGES, type WorkbookData } from '../excel/import/sheet-data.ts';
import * as repo from '../repositories/excel.repository.ts';
import * as projectRepo from '../repositories/project.repository.ts';
import { parseProjectInput, projectBatch } from './project.service.ts';

type Parsed = Omit<ImportInput, 'duplicates'> & { duplicates: ImportDecision };

/** T2's 资金来源 columns → the funding source an imported amount is booked under. */
export const FUND_COLUMN_SOURCE: Record<string, string> = {
  上级补助: '省级资金', 县级配套: '县级资金', 镇级自筹: '镇政府自筹', '村(户)自筹': '村集体自筹', 债券: '一般债券', 社会资本: '社会资本',
  中央资金: '中央资金', 省级资金: '省级资金', 市级资金: '市级资金', 县级资金: '县级资金', 银行贷款: '银行贷款', 企业自筹: '企业自筹',
};

export function decodeBase64(b64: string): Uint8Array {
  const buf = Buffer.from(b64, 'base64');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

export async function readWorkbookOrThrow(bytes: Uint8Array): Promise<WorkbookData> {
  const out = await readWorkbookBytes(bytes);
  if (!out.ok) throw new AppError('UNREADABLE', PARSE_FAILURE_MESSAGES[out.kind]);
  return out.workbook;
}

interface RowPlan {
  row: number;
  values: RowValues;
  data: ProjectData | null;
  action: 'create' | 'update' | 'skip' | 'error';
  duplicateOf: { id: number; name: string } | null;
}

interface Prepared {
  preview: ImportPreview;
  plans: RowPlan[];
  columns: MappedColumn[];
  table: DetectedTable;
  /** apply only: the rows' pinyin search keys, computed on another core while the rows are validated */
  searchKeys: Promise<SearchKeys> | null;
}

const fingerprint = (paths: string[]) => paths.map(normalizeHeader).join('|');

function pickTable(wb: WorkbookData, sheet: string | null | undefined): DetectedTable {
  if (sheet) {
    const s = wb.sheets.find((x) => x.name === sheet);
    if (!s) throw new AppError('VALIDATION', `文件中没有名为“${sheet}”的工作表（有：${wb.sheets.map((x) => x.name).join('、')}）`);
    const t = detectTable(s);
    if (!t) throw new AppError('UNREADABLE', `工作表“${sheet}”中没有找到表头（如“项目名称”“总投资”），${PARSE_FAILURE_MESSAGES.NO_DATA}`);
    return t;
  }
  for (const s of wb.sheets) {
    const t = detectTable(s);
    if (t && t.rows.length > 0) return t;
  }
  throw new AppError('UNREADABLE', `${PARSE_FAILURE_MESSAGES.NO_DATA}（未找到含“项目名称”“总投资”等表头的工作表）`);
}

function resolveMapping(ctx: Ctx, table: DetectedTable, input: Parsed): { fields: (ImportField | null)[]; name: string | null } {
  const paths = table.columns.map((c) => c.path);
  let name: string | null = null;
  let byPath: Record<string, string | null> | null = null;
  if (input.mapping) {
    const m = repo.findMapping(ctx.db, input.mapping);
    if (!m) throw new AppError('NOT_FOUND', `没有名为“${input.mapping}”的列映射`);
    byPath = JSON.parse(m.mapping) as Record<string, string | null>;
    name = m.name;
  } else {
    const saved = repo.findMappingByFingerprint(ctx.db, 'import', fingerprint(paths));
    if (saved) {
      byPath = JSON.parse(saved.mapping) as Record<string, string | null>;
      name = saved.name;
    }
  }
  const proposed = proposeMapping(paths);
  const fields = table.columns.map((c, i) => {
    const override = input.columns?.[c.letter];
    const chosen = override !== undefined ? override : byPath && normalizeHeader(c.path) in byPath ? byPath[normalizeHeader(c.path)] : proposed[i];
    return chosen && chosen in IMPORT_FIELDS ? (chosen as ImportField) : null;
  });
  return { fields, name };
}

const textOf = (v: unknown): string | null => (typeof v === 'string' ? v.trim() || null : null);

/** `upTo`: the percentage of the whole call reached when the rows are checked (the rest is the apply's). */
async function prepare(ctx: Ctx, input: Parsed, opts: { searchKeys?: boolean; upTo?: number } = {}): Promise<Prepared> {
  const upTo = opts.upTo ?? 100;
  progress('读取文件', 0);
  const wb = await readWorkbookOrThrow(decodeBase64(input.base64));
  checkpoint();
  const table = pickTable(wb, input.sheet);
  const { fields, name: mappingName } = resolveMapping(ctx, table, input);
  const columns: MappedColumn[] = [];
  table.columns.forEach((c, i) => {
    const field = fields[i];
    if (field) columns.push({ index: c.index, letter: c.letter, header: c.path, field, unit: headerUnit(c.path) ?? table.unit });
  });
  const problems: ImportProblem[] = [];
  const colOf = (f: string) => columns.find((c) => c.field === f || (f === 'yearFrom' || f === 'yearTo' ? c.field === 'yearRange' : false));
  const problem = (row: number, field: string, level: 'error' | 'warning', message: string) => {
    const col = colOf(field) ?? colOf(field.replace(/Wan$/, 'Wan'));
    problems.push({ sheet: table.sheet, row, column: col?.letter ?? '', header: col?.header ?? '', level, message });
    if (level === 'error') rowHasError.add(row);
  };
  if (!columns.some((c) => c.field === 'name')) throw new AppError('VALIDATION', `工作表“${table.sheet}”中没有“项目名称”列，请在列映射中指定`);
  const defaultYear = input.year ?? ctx.now().getFullYear();
  const keys = projectRepo.projectKeys(ctx.db);
  const knownOrg = memoized((n: string) => repo.orgIdByName(ctx.db, n) !== undefined);
  const rowHasError = new Set<number>();
  const seen = new Map<string, number>();
  const plans: RowPlan[] = [];
  const newOrgs = new Set<string>();
  let sections = 0;
  let totals = 0;
  const valuesOf = new Map(table.rows.filter((r) => r.kind === 'data').map((r) => [r, rowValues(r.cells, columns, wb.date1904)]));
  const searchKeys = opts.searchKeys
    ? searchKeysOffThread([...valuesOf.values()].flatMap(({ input: v }) => {
      const name = textOf(v.name);
      return name ? [{ name, code: textOf(v.code), location: textOf(v.location) }] : [];
    }))
    : null;
  const rowCount = table.rows.length;
  for (const [ri, r] of table.rows.entries()) {
    if ((ri & 63) === 0) {
      progressOf('检查数据', ri, rowCount, upTo * 0.3, upTo);
      checkpoint();
    }
    if (r.kind === 'section') sections++;
    if (r.kind === 'total') totals++;
    if (r.kind !== 'data') continue;
    const row = r.r + 1;
    const values = valuesOf.get(r)!;
    if (!values.present.has('name')) {
      if (values.present.size > (values.present.has('seq') ? 1 : 0)) problem(row, 'name', 'error', '项目名称为空');
      else continue;
    }
    const raw = { ...values.input };
    if (raw.planYear === undefined) raw.planYear = (raw.yearFrom as number | undefined) ?? defaultYear;
    for (const p of values.problems) problem(row, p.field, p.level, p.message);
    let data: ProjectData | null = null;
    try {
      data = parseProjectInput(raw);
      for (const i of projectCrossFieldIssues(data)) problem(row, i.path, 'error', i.message);
    } catch (e) {
      for (const i of (e as AppError).issues ?? [{ path: '', message: (e as Error).message }]) problem(row, i.path.split('.')[0] ?? '', 'error', i.message);
    }
    for (const n of [values.orgNames.ownerOrg, values.orgNames.leadOrg, values.orgNames.village, ...(values.orgNames.responsibleOrgs ?? [])])
      if (n && !knownOrg(n)) newOrgs.add(n);
    const hasError = values.problems.some((p) => p.level === 'error') || rowHasError.has(row);
    const key = data ? (data.code ? `code:${data.code}` : `name:${data.name}|${data.planYear}`) : null;
    if (key && seen.has(key)) problem(row, data!.code ? 'code' : 'name', 'error', `与第 ${seen.get(key)} 行重复（${data!.code ? `项目编号“${data!.code}”` : `名称“${data!.name}”`}）`);
    if (key && !seen.has(key)) seen.set(key, row);
    const dup = data ? findDuplicate(keys, data) : null;
    const decision: ImportDecision = input.rowDecisions?.[String(row)] ?? (dup ? input.duplicates : 'create');
    const errorNow = hasError || rowHasError.has(row);
    const action: RowPlan['action'] = decision === 'skip' ? 'skip' : errorNow ? 'error' : dup ? (decision === 'update' ? 'update' : 'create') : 'create';
    plans.push({ row, values, data, action, duplicateOf: dup });
  }
  const skipped = new Set(plans.filter((p) => p.action === 'skip').map((p) => p.row));
  const visibleProblems = problems.filter((p) => !skipped.has(p.row));
  const count = (a: RowPlan['action']) => plans.filter((p) => p.action === a).length;
  const preview: ImportPreview = {
    fileName: input.fileName,
    format: wb.format,
    sheet: table.sheet,
    sheets: wb.sheets.map((s) => s.name),
    headerRows: table.headerRows.map((r) => r + 1),
    unit: table.unit,
    mappingName,
    columns: table.columns.map((c, i) => ({ letter: c.letter, header: c.path, field: fields[i] ?? null, fieldLabel: fields[i] ? IMPORT_FIELDS[fields[i]!] : null })),
    rows: plans.map((p) => ({
      row: p.row,
      code: p.data?.code ?? ((p.values.input.code as string | undefined) ?? null),
      name: p.data?.name ?? String(p.values.input.name ?? ''),
      totalFen: p.values.fen.totalWan ?? null,
      action: p.action,
      duplicateOf: p.duplicateOf,
    })),
    problems: visibleProblems,
    counts: { create: count('create'), update: count('update'), skip: count('skip'), error: count('error'), sections, totals },
    newOrgs: [...newOrgs],
  };
  return { preview, plans, columns, table, searchKeys };
}

/** The ledger's project with the row's 编号 (recycle bin included), else the active one with its 名称 and 年度. */
function findDuplicate(keys: projectRepo.ProjectKeys, d: ProjectData): { id: number; name: string } | null {
  const hit = (d.code ? keys.byCode.get(d.code) : undefined) ?? keys.byNameYear.get(projectRepo.nameYearKey(d.name, d.planYear));
  return hit ? { id: hit.id, name: hit.name } : null;
}

export async function importPreview(ctx: Ctx, input: Parsed): Promise<ImportPreview> {
  const { preview } = await prepare(ctx, input);
  progress('完成', 100);
  return preview;
}

export async function importApply(ctx: Ctx, input: Parsed): Promise<ImportReport> {
  const { preview, plans, columns, table, searchKeys } = await prepare(ctx, input, { searchKeys: true, upTo: 40 });
  const errors = preview.problems.filter((p) => p.level === 'error');
  if (errors.length > 0) {
    const head = errors.slice(0, 5).map((p) => `第${p.row}行${p.column ? ` ${p.column}列` : ''}：${p.message}`).join('；');
    throw new AppError('VALIDATION', `有 ${errors.length} 处错误，未导入任何数据。${head}${errors.length > 5 ? '……' : ''}`,
      errors.map((p) => ({ path: `${p.sheet}!${p.column}${p.row}`, message: p.message })));
  }
  const todo = plans.filter((p) => p.action === 'create' || p.action === 'update');
  let backupFile: string | null = null;
  if (todo.length > 0) {
    progress('导入前备份', 40);
    backupFile = (await inBand(40, 50, () => takeBackup(ctx, '导入前'))).file;
  }
  const keys = (await searchKeys) ?? new Map<string, string>();
  checkpoint();
  // One transaction: a cancel at a checkpoint inside it throws, and the whole import rolls back.
  ctx.db.tx(() => {
    const at = nowIso(ctx);
    const idBySeq = new Map<string, number>();
    const batch = projectBatch(ctx);
    const names = nameResolver(ctx);
    for (const [i, p] of todo.entries()) {
      if ((i & 31) === 0) {
        progressOf('写入台账', i, todo.length, 50, 98);
        checkpoint();
      }
      const data = { ...p.data! };
      names.resolve(p.values, data);
      const parentSeq = /^(.+)-\d+$/.exec(p.values.seq ?? '')?.[1];
      if (parentSeq && idBySeq.has(parentSeq)) data.parentId = idBySeq.get(parentSeq)!;
      let id: number;
      if (p.action === 'update' && p.duplicateOf) {
        id = p.duplicateOf.id;
        batch.update(id, patchOf(p.values, data));
      } else {
        if (p.duplicateOf) {
          data.code = null;
          data.name = `${data.name}（导入副本）`.slice(0, 100);
        }
        id = batch.create(data, keys.get(searchKeySource(data)));
      }
      if (p.values.seq) idBySeq.set(p.values.seq, id);
      writeFunding(ctx, id, p.values, columns);
      if (p.values.fen.yearPlanWan !== undefined) repo.upsertYearPlan(ctx.db, id, data.planYear, p.values.fen.yearPlanWan);
    }
    batch.flush();
    checkpoint();
    appendChanges(ctx.db, ctx.session.operator, at, [
      { action: '导入', entity: 'import', reason: `${input.fileName}（${table.sheet}）：新增 ${preview.counts.create}，更新 ${preview.counts.update}，跳过 ${preview.counts.skip}` },
    ]);
    if (input.saveMappingAs) saveMappingOf(ctx, input.saveMappingAs, 'import', preview.columns);
  });
  progress('完成', 100);
  return {
    fileName: input.fileName,
    created: preview.counts.create,
    updated: preview.counts.update,
    skipped: preview.counts.skip,
    problems: preview.problems,
    backupFile,
    rows: preview.rows,
  };
}

/** Names in the sheet → ids; a unit or leader the ledger does not know yet is created (listed in the preview). */
function nameResolver(ctx: Ctx): { resolve(v: RowValues, data: ProjectData): void } {
  const org = memoized((name: string) => repo.orgIdByName(ctx.db, name) ?? repo.insertOrg(ctx.db, name));
  const leader = memoized((name: string) => repo.staffIdByName(ctx.db, name) ?? repo.insertStaff(ctx.db, name, '责任领导'));
  return {
    resolve(v, data) {
      if (v.orgNames.ownerOrg) data.ownerOrgId = org(v.orgNames.ownerOrg);
      if (v.orgNames.leadOrg) data.leadOrgId = org(v.orgNames.leadOrg);
      if (v.orgNames.village) data.villageOrgId = org(v.orgNames.village);
      if (v.orgNames.responsibleOrgs) data.responsibleOrgIds = v.orgNames.responsibleOrgs.map(org);
      if (v.leaderName) data.leaderStaffId = leader(v.leaderName);
    },
  };
}

/** An update touches only the fields the sheet has. */
function patchOf(v: RowValues, data: ProjectData): Partial<ProjectData> {
  const keys = new Set<string>();
  for (const f of v.present) {
    if (f === 'yearRange') keys.add('yearFrom').add('yearTo');
    else if (f === 'contactPhone') keys.add('contact').add('phone');
    else if (f === 'ownerOrg') keys.add('ownerOrgId');
    else if (f === 'leadOrg') keys.add('leadOrgId');
    else if (f === 'village') keys.add('villageOrgId');
    else if (f === 'responsibleOrgs') keys.add('responsibleOrgIds');
    else if (f === 'leader') keys.add('leaderStaffId');
    else if (f in data) keys.add(f);
  }
  if (keys.has('totalWan')) keys.add('approx');
  return Object.fromEntries([...keys].map((k) => [k, data[k as keyof ProjectData]]));
}

function writeFunding(ctx: Ctx, projectId: number, v: RowValues, columns: MappedColumn[]): void {
  const fundCols = columns.filter((c) => c.field.startsWith('fund:'));
  if (fundCols.length === 0) return;
  const rows: { source: string; fen: number; note: string | null }[] = [];
  for (const c of fundCols) {
    const fen = v.fen[c.field];
    if (!fen) continue;
    const label = c.field.slice(5);
    rows.push({ source: FUND_COLUMN_SOURCE[label] ?? '其他', fen, note: FUND_COLUMN_SOURCE[label] === label ? null : `导入：${label}` });
  }
  repo.replaceFunding(ctx.db, projectId, rows);
}

export function saveMappingOf(ctx: Ctx, name: string, kind: 'import' | 'template', cols: { header: string; field: string | null }[]): void {
  const byPath = Object.fromEntries(cols.map((c) => [normalizeHeader(c.header), c.field]));
  repo.upsertMapping(ctx.db, { name, kind, fingerprint: fingerprint(cols.map((c) => c.header)), mapping: JSON.stringify(byPath), at: nowIso(ctx) });
}

export function listMappings(ctx: Ctx): Mapping[] {
  return repo.listMappings(ctx.db).map((m) => ({ name: m.name, kind: m.kind as Mapping['kind'], columns: JSON.parse(m.mapping) as Record<string, string | null>, updatedAt: m.updated_at }));
}

export function saveMapping(ctx: Ctx, m: { name: string; kind: 'import' | 'template'; columns: Record<string, string | null> }): Mapping[] {
  ctx.db.tx(() => saveMappingOf(ctx, m.name, m.kind, Object.entries(m.columns).map(([header, field]) => ({ header, field }))));
  return listMappings(ctx);
}


