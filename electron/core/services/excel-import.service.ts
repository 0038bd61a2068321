/**
 * Import of the ledgers offices already keep. Preview and apply share one pipeline (read off-thread →
 * detect header and the sheet's structure → map columns → validate every project row (only the name is required:
 * county forms rarely have 建设地点/建设内容) → sub-projects, sections, 合计 checks, year and unit → match
 * duplicates), so the preview shows exactly what apply will do. Apply is one transaction after an automatic online backup:
 * any row error means nothing is written.
 */
import {
  columnUnitText,
  figureField,
  headerUnit,
  IMPORT_FIELDS,
  normalizeHeader,
  proposeMapping,
  TEMPLATE_FIELDS,
  type ImportField,
} from '../../../shared/domain/excel-synonyms.ts';
import {
  checkTotals,
  detectPeriod,
  looksLikeSubItem,
  parentSeqOf,
  periodFromText,
  sectionField,
  seqKey,
  type TotalsRow,
} from '../../../shared/domain/import-structure.ts';
import { parseMoney, sumFen } from '../../../shared/domain/money.ts';
import { makePeriod, parsePeriod } from '../../../shared/domain/period.ts';
import { formatWanUnit } from '../../../shared/domain/display.ts';
import { totalsMismatchText } from '../../../shared/domain/import-totals.ts';
import type {
  ImportDecision,
  ImportInput,
  ImportPreview,
  ImportProblem,
  ImportReport,
  ImportSummary,
  Mapping,
} from '../../../shared/schemas/excel.ts';
import { ImportSummarySchema } from '../../../shared/schemas/excel.ts';
import { importCountsText } from '../../../shared/domain/import-counts.ts';
import { projectCrossFieldIssues, type Project, type ProjectData } from '../../../shared/schemas/project.ts';
import { appendChanges, type ChangeEntry } from '../audit/change-log.ts';
import { withDeferredSeals } from '../audit/row-seal.ts';
import { withBackupAhead, type TakeBackup } from '../backup/backup-ahead.ts';
import { nowIso, type Ctx } from '../context.ts';
import { withPageCache } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import { memoized } from '../memo.ts';
import { checkpoint, inBand, progress, progressOf } from '../progress.ts';
import { cellText, detectTable, type DetectedTable } from '../excel/import/detect.ts';
import { readWorkbookBytes } from '../excel/import/read.ts';
import {
  searchKeysOffThread,
  searchKeySource,
  startSearchKeyWorker,
  type SearchKeys,
  type SearchKeyWorker,
} from '../workers/search-keys.ts';
import { newProjectFunding, updatedFunding, type FundCell, type PlanRow } from '../excel/import/imported-funding.ts';
import { rowValues, type MappedColumn, type RowValues } from '../excel/import/row-values.ts';
import {
  newPersonUses,
  peopleReader,
  PERSON_FIELDS,
  PROJECT_KEY,
  TITLE_TO_FILL,
  type RowPeople,
} from './import-people.ts';
import { newOrgUses, ORG_KEY, orgReader, severalUnitsInOne, type OrgPick, type RowOrgs } from './import-orgs.ts';
import { collectNewNames, newNamesNotice } from './import-new-names.ts';
import { PARSE_FAILURE_MESSAGES, type CellValue, type WorkbookData } from '../excel/import/sheet-data.ts';
import { namedAfterFile } from '../excel/import/sheet-name.ts';
import { forgetWorkbook, keepWorkbook, keptWorkbook } from '../excel/import/workbook-reuse.ts';
import * as repo from '../repositories/excel.repository.ts';
import { getTownSettings, townNames } from './town-settings.service.ts';
import { currentPeriod, periodFigures, periodNotBegunText } from './period.service.ts';
import * as journalRepo from '../repositories/figure-store.repository.ts';
import * as projectRepo from '../repositories/project.repository.ts';
import { withDeferredWatches } from '../repositories/write-watch.repository.ts';
import { actualDateIssues, parseImportProjectInput, patchMoves, projectBatch } from './project.service.ts';

type Parsed = Omit<ImportInput, 'duplicates'> & { duplicates: ImportDecision };

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
  /** The sheet row of the parent project (sub-projects), else null. */
  parentRow: number | null;
  section: string | null;
  /** The year the row's annual-plan figure is for. */
  yearPlanYear: number;
  /** An update: whether it would change its project (updateMoves); true for every other row. */
  moves: boolean;
  /** Its 包联领导 and 责任人, found among the ledger's people or to be added (import-people.ts). */
  people: RowPeople;
  /** Its units, found in the ledger's 组织机构 or to be added (import-orgs.ts). */
  orgs: RowOrgs;
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

/** The sheet the user named, else the first sheet with project rows under a recognisable header. */
function pickTable(wb: WorkbookData, sheet: string | null | undefined): DetectedTable {
  if (sheet) {
    const s = wb.sheets.find((x) => x.name === sheet);
    if (!s)
      throw new AppError(
        'VALIDATION',
        `文件中没有名为“${sheet}”的工作表（有：${wb.sheets.map((x) => x.name).join('、')}）`,
      );
    const t = detectTable(s);
    if (!t)
      throw new AppError(
        'VALIDATION',
        `工作表“${sheet}”中没有找到表头（如“项目名称”“总投资”），${PARSE_FAILURE_MESSAGES.NO_DATA}。`,
      );
    return t;
  }
  const tables = wb.sheets.map(detectTable).filter((t): t is DetectedTable => t !== null);
  const withProjects = tables.find((t) => t.rows.some((r) => r.kind === 'data'));
  if (withProjects) return withProjects;
  if (tables[0]) return tables[0];
  throw new AppError(
    'VALIDATION',
    `${PARSE_FAILURE_MESSAGES.NO_DATA}（未找到含“项目名称”“总投资”等表头的工作表），未导入任何数据。`,
  );
}

function resolveMapping(
  ctx: Ctx,
  table: DetectedTable,
  input: Parsed,
): { fields: (ImportField | null)[]; name: string | null } {
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
    const chosen =
      override !== undefined
        ? override
        : byPath && normalizeHeader(c.path) in byPath
          ? byPath[normalizeHeader(c.path)]
          : proposed[i];
    return chosen && chosen in IMPORT_FIELDS ? (chosen as ImportField) : null;
  });
  return { fields, name };
}

/** Sheet rows as a clerk reads them: 第5行, 第5–9、12行（共6行）; a long list cut after eight runs with 等. */
function rowList(rows: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    runs.push(j > i ? `${rows[i]}–${rows[j]}` : `${rows[i]}`);
    i = j + 1;
  }
  const shown = `${runs.slice(0, 8).join('、')}${runs.length > 8 ? '等' : ''}`;
  return rows.length > 1 ? `第${shown}行（共${rows.length}行）` : `第${shown}行`;
}

const textOf = (v: unknown): string | null => (typeof v === 'string' ? v.trim() || null : null);

/** Fields a project form asks for that county forms often lack: named once in the preview when absent. */
const FORM_FIELDS: [ImportField, string][] = [
  ['location', '建设地点'],
  ['scope', '建设内容及规模'],
  ['totalWan', '总投资'],
];

/** Why a period-figure column is left out: the figures come from the monthly reports, the texts belong in them. */
const FIGURE_NOTE = (f: ReturnType<typeof figureField> & string) =>
  f === 'level'
    ? `${TEMPLATE_FIELDS[f]}：由系统按灯色规则计算，导入台账时不读入`
    : f === 'unfundedWan'
      ? `${TEMPLATE_FIELDS[f]}：由总投资减资金构成计算，导入台账时不读入`
      : ['imageText', 'issues', 'nextSteps'].includes(f)
        ? `${TEMPLATE_FIELDS[f]}：属于月报内容，请在月报填报中录入，导入台账时不读入`
        : `${TEMPLATE_FIELDS[f]}：由月报数据计算，导入台账时不读入`;

/** A column whose header matches no ledger field: the window's preview names it as the command line does. */
const UNREAD_NOTE = '表头未识别，导入时不读入';

interface Period {
  year: number;
  month: number | null;
  source: string;
  /** Not named by the file nor the request: guessed, from this (ImportPreview.periodFromClock), else null. */
  guessedFrom: '台账设置的年度' | '本机日期' | null;
}

/** The year the request names, else the one the file states, else (said so) the ledger's 年度, else the clock. */
function resolvePeriod(ctx: Ctx, input: Parsed, table: DetectedTable): Period {
  const found = detectPeriod(table.periodHints, input.fileName);
  // A header such as "2019年投资/1-6月" gives the month of a file whose title names only the year.
  if (found && found.month === null) {
    const m = table.columns
      .map((c) => periodFromText(c.path))
      .find((x) => x && x.year === found.year && x.month !== null);
    if (m) found.month = m.month;
  }
  if (input.year) {
    return {
      year: input.year,
      month: found && found.year === input.year ? found.month : null,
      source: '导入时指定',
      guessedFrom: null,
    };
  }
  if (found)
    return {
      year: found.year,
      month: found.month,
      source: `${found.source}“${found.text ?? ''}”`,
      guessedFrom: null,
    };
  // Not in the file: the year the ledger is kept for (设置 · 年度), else the computer's clock; either way said.
  const ledgerYear = getTownSettings(ctx).fiscalYear;
  if (ledgerYear !== null)
    return {
      year: ledgerYear,
      month: null,
      source: '文件中没有写明年份，按台账设置的年度，请核对',
      guessedFrom: '台账设置的年度',
    };
  return {
    year: ctx.now().getFullYear(),
    month: null,
    source: '文件中没有写明年份，暂按本机日期的年份，请核对',
    guessedFrom: '本机日期',
  };
}

/** The year an annual-plan column is for: the year its header names ("2019年计划投资"), else the file's. */
const headerYear = (header: string): number | null => {
  const m = /((?:19|20)\d{2})\s*年/.exec(header);
  return m ? Number(m[1]) : null;
};

/** `upTo`: the percentage of the whole call reached when the rows are checked (the rest is the apply's). */
async function prepare(
  ctx: Ctx,
  input: Parsed,
  opts: { searchKeys?: boolean; searchKeyWorker?: SearchKeyWorker; upTo?: number } = {},
): Promise<Prepared> {
  const upTo = opts.upTo ?? 100;
  progress('读取文件', 0);
  let read = keptWorkbook(ctx.db, input.base64);
  if (!read) {
    read = await readWorkbookOrThrow(decodeBase64(input.base64));
    keepWorkbook(ctx.db, input.base64, read);
  }
  // From here on a CSV's sheet goes by the file's name, wherever a sheet is named or asked for.
  const wb = namedAfterFile(read, input.fileName);
  checkpoint();
  const table = pickTable(wb, input.sheet);
  const { fields, name: mappingName } = resolveMapping(ctx, table, input);
  const columns: MappedColumn[] = [];
  table.columns.forEach((c, i) => {
    const field = fields[i];
    if (field)
      columns.push({ index: c.index, letter: c.letter, header: c.path, field, unit: headerUnit(c.path) ?? table.unit });
  });
  const problems: ImportProblem[] = [];
  const colOf = (f: string) =>
    columns.find((c) => c.field === f || (f === 'yearFrom' || f === 'yearTo' ? c.field === 'yearRange' : false));
  const problem = (row: number, field: string, level: 'error' | 'warning', message: string) => {
    const col = colOf(field);
    problems.push({ sheet: table.sheet, row, column: col?.letter ?? '', header: col?.header ?? '', level, message });
    if (level === 'error') rowHasError.add(row);
  };
  const nameCol = columns.find((c) => c.field === 'name');
  if (!nameCol) throw new AppError('VALIDATION', `工作表“${table.sheet}”中没有“项目名称”列，请在列映射中指定`);
  const totalCol = columns.find((c) => c.field === 'totalWan') ?? null;
  const hasSeqCol = columns.some((c) => c.field === 'seq');
  const period = resolvePeriod(ctx, input, table);
  const defaultYear = period.year;
  const openingCol = columns.find((c) => c.field === 'openingCumWan');
  const openingYear = (openingCol && headerYear(openingCol.header)) ?? defaultYear - 1;
  const keys = projectRepo.projectKeys(ctx.db);
  const rowHasError = new Set<number>();
  const seen = new Map<string, number>();
  const plans: RowPlan[] = [];
  const readPeople = peopleReader(ctx.db);
  const readOrgs = orgReader(ctx.db, townNames(ctx));
  let sections = 0;
  let totals = 0;
  let breakdowns = 0;
  const valuesOf = new Map(
    table.rows.filter((r) => r.kind === 'data').map((r) => [r, rowValues(r.cells, columns, wb.date1904)]),
  );
  const searchKeys = opts.searchKeys
    ? searchKeysOffThread(
        [...valuesOf.values()].flatMap(({ input: v }) => {
          const name = textOf(v.name);
          return name ? [{ name, code: textOf(v.code), location: textOf(v.location) }] : [];
        }),
        opts.searchKeyWorker,
      )
    : null;
  const nameCount = new Map<string, number>();
  for (const v of valuesOf.values()) {
    const n = textOf(v.input.name);
    if (n) nameCount.set(n, (nameCount.get(n) ?? 0) + 1);
  }
  const yearPlanCol = columns.find((c) => c.field === 'yearPlanWan');
  const yearPlanYear = (yearPlanCol && headerYear(yearPlanCol.header)) ?? defaultYear;
  // The file's structure as the rows go by: open section headings, the last top-level project, 序号 → row.
  const stack: { level: number; label: string }[] = [];
  let lastTop: RowPlan | null = null;
  const bySeq = new Map<string, RowPlan>();
  const totalsRows: TotalsRow[] = [];
  const labels = new Map<number, string>();
  const fileFigure = (cells: CellValue[]): number | null => {
    if (!totalCol || typeof totalCol.unit === 'object') return null;
    const v = cells[totalCol.index];
    if (v === null || v === undefined || cellText(v) === '') return null;
    const r = parseMoney(typeof v === 'number' ? v : cellText(v), totalCol.unit);
    return r.ok ? r.fen : null;
  };
  // Rows and columns the file hides (by hand, or filtered out): read like the others unless the clerk skips the rows.
  const hidden = wb.sheets.find((x) => x.name === table.sheet)?.hidden;
  const hiddenRowSet = new Set((hidden?.rows ?? []).map((r) => r + 1));
  const hiddenPlanRows: number[] = [];
  /** sub-projects shown in the file under a hidden project: skipped with it */
  const subOfHidden: number[] = [];
  const hiddenOrUnder = new Set<number>();
  const rowCount = table.rows.length;
  for (const [ri, r] of table.rows.entries()) {
    if ((ri & 63) === 0) {
      progressOf('检查数据', ri, rowCount, upTo * 0.3, upTo);
      checkpoint();
    }
    const row = r.r + 1;
    if (r.kind === 'breakdown') {
      breakdowns++;
      continue;
    }
    if (r.kind === 'section' || r.kind === 'total') {
      if (r.kind === 'section') {
        sections++;
        const level = r.shape.level ?? 1;
        while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
        if (r.shape.label) stack.push({ level, label: r.shape.label });
      } else totals++;
      lastTop = null;
      const words = r.cells.map(cellText).filter((t) => t && !/^[\d.,\s%-]+$/.test(t));
      // 一 | 规划设计（3个）: an ordinal alone in 序号 is read with the heading beside it (its count is there)
      const label =
        /^[（(]?[一二三四五六七八九十]+[)）]?$/.test(words[0] ?? '') && words[1]
          ? `${words[0]}${/[)）]$/.test(words[0]!) ? '' : '、'}${words[1]}`
          : (words[0] ?? '');
      labels.set(row, label);
      totalsRows.push({ row, kind: r.kind, level: r.shape.level, scope: r.shape.scope, fen: fileFigure(r.cells) });
      continue;
    }
    if (r.kind !== 'data') continue;
    const values = valuesOf.get(r)!;
    if (!values.present.has('name')) {
      if (values.present.size > (values.present.has('seq') ? 1 : 0)) problem(row, 'name', 'error', '项目名称为空');
      else continue;
    }
    // A sub-project: 序号 3-2 / 1.1 under the row numbered 3 / 1; an indented name or （1） under the project
    // above; or a blank 序号 under a numbered project (the county's way of listing a project's parts).
    const rawName = typeof r.cells[nameCol.index] === 'string' ? (r.cells[nameCol.index] as string) : '';
    const pSeq = parentSeqOf(values.seq);
    let parent: RowPlan | null = pSeq ? (bySeq.get(seqKey(pSeq)) ?? null) : null;
    const marked = looksLikeSubItem(rawName, values.seq);
    if (!parent && !pSeq && lastTop && (marked || (hasSeqCol && !values.seq && lastTop.values.seq))) {
      // A blank 序号 alone is a weak sign: a row costing more than the whole project above is a project of its own
      // whose 序号 was left out, not one of its parts.
      const own = values.fen.totalWan ?? 0;
      const above = lastTop.values.fen.totalWan ?? 0;
      if (!marked && above > 0 && own > above)
        problem(
          row,
          'name',
          'warning',
          `序号为空，但总投资（${formatWanUnit(own)}）大于上一项目（${formatWanUnit(above)}），不当作其子项目，按独立项目导入，请核对`,
        );
      else parent = lastTop;
    }
    const raw = { ...values.input };
    // Parts named alike under different projects (1.1 土建工程 under each): the ledger keeps names unique per
    // 年度, so such a sub-project is named after its project too, and the preview says so.
    const ownName = textOf(raw.name);
    if (parent && ownName && (nameCount.get(ownName) ?? 0) > 1) {
      const parentName = textOf(parent.values.input.name) ?? '';
      raw.name = `${parentName}·${ownName}`.slice(0, 100);
      problem(row, 'name', 'warning', `子项目名称“${ownName}”在本文件中出现多次，导入为“${raw.name as string}”`);
    }
    // 年度: the row's own, else the year the file is about; a start year only when the file names none.
    if (raw.planYear === undefined)
      raw.planYear = period.guessedFrom !== null ? ((raw.yearFrom as number | undefined) ?? defaultYear) : defaultYear;
    // 至上年底累计 runs to the end of the year before the file's, or of the year its header names (截至2018年底累计);
    // a 0 keeps none (a project re-imported from its own T1 with nothing before the year stays as it was).
    if (values.fen.openingCumWan && raw.openingCumYear === undefined) raw.openingCumYear = openingYear;
    // The file's section headings fill the category fields the row itself leaves blank.
    for (const sec of stack) {
      const f = sectionField(sec.label);
      if (f && raw[f.field] === undefined) raw[f.field] = f.value;
    }
    for (const p of values.problems) problem(row, p.field, p.level, p.message);
    if (values.foreign.length) {
      const rmb = (x: { currency: string }) => ['元', '万元', '亿元'].includes(x.currency);
      const kept = values.foreign.map((x) => `${x.header.replace(/[（(][^)）]*[)）]$/, '')} ${x.text}`).join('；');
      const anyForeign = values.foreign.some((x) => !rmb(x));
      raw.note = [textOf(raw.note), anyForeign ? `外币金额（未折算，不计入人民币合计）：${kept}` : kept]
        .filter(Boolean)
        .join('；')
        .slice(0, 1000);
      for (const x of values.foreign.filter((y) => !rmb(y)))
        problem(row, x.field, 'warning', `${x.header}“${x.text}”是外币，未折算成人民币，不计入万元合计；原值记入备注`);
    }
    // One 包联领导 and one 责任人 per project: the further names of a cell go to 备注 (import-people.ts).
    const people = readPeople(values);
    for (const w of people.warnings) problem(row, w.field, 'warning', w.message);
    if (people.kept) raw.note = [textOf(raw.note), people.kept].filter(Boolean).join('；').slice(0, 1000);
    // Only an empty cell: one that cannot be read as an amount (or is in a foreign currency) says so itself.
    if (totalCol && !values.present.has('totalWan'))
      problem(row, 'totalWan', 'warning', '总投资为空，按 0 记录，导入后可补录');
    let data: ProjectData | null = null;
    try {
      data = parseImportProjectInput(raw);
      for (const i of projectCrossFieldIssues(data)) problem(row, i.path, 'error', i.message);
    } catch (e) {
      for (const i of (e as AppError).issues ?? [{ path: '', message: (e as Error).message }]) {
        const field = i.path.split('.')[0] ?? '';
        // 项目名称为空 is said above; the schema's 请填写项目名称 for the same cell would list it twice.
        if (field === 'name' && !values.present.has('name')) continue;
        problem(row, field, 'error', i.message);
      }
    }
    const hasError = values.problems.some((p) => p.level === 'error') || rowHasError.has(row);
    const key = data ? (data.code ? `code:${data.code}` : `name:${data.name}|${data.planYear}`) : null;
    if (key && seen.has(key))
      problem(
        row,
        data!.code ? 'code' : 'name',
        'error',
        `与第 ${seen.get(key)} 行重复（${data!.code ? `项目编号“${data!.code}”` : `名称“${data!.name}”`}）`,
      );
    if (key && !seen.has(key)) seen.set(key, row);
    const dup = data ? findDuplicate(keys, data) : null;
    // A hidden row skipped takes the sub-projects under it along: they would otherwise come in as projects.
    const underHidden = parent !== null && hiddenOrUnder.has(parent.row);
    if (hiddenRowSet.has(row)) hiddenPlanRows.push(row);
    else if (underHidden) subOfHidden.push(row);
    if (hiddenRowSet.has(row) || underHidden) hiddenOrUnder.add(row);
    const decision: ImportDecision =
      hiddenOrUnder.has(row) && input.hiddenRows === 'skip'
        ? 'skip'
        : (input.rowDecisions?.[String(row)] ?? (dup ? input.duplicates : 'create'));
    // 实际开工/实际竣工 after today, refused as the window refuses them: an error of the cell, nothing imported. An
    // update carrying the date its project already has is not judged (as a window edit that leaves it).
    if (data && decision !== 'skip' && actualDateIssues(ctx, data, null).length > 0) {
      const before = decision === 'update' && dup ? (projectRepo.getProject(ctx.db, dup.id) ?? null) : null;
      for (const i of actualDateIssues(ctx, data, before)) problem(row, i.path, 'error', i.message);
    }
    const errorNow = hasError || rowHasError.has(row);
    const action: RowPlan['action'] =
      decision === 'skip'
        ? 'skip'
        : errorNow
          ? 'error'
          : dup
            ? decision === 'update'
              ? 'update'
              : 'create'
            : 'create';
    const plan: RowPlan = {
      row,
      values,
      data,
      action,
      duplicateOf: dup,
      parentRow: parent?.row ?? null,
      section: stack.length ? stack.map((x) => x.label).join(' / ') : null,
      yearPlanYear,
      moves: true,
      people,
      orgs: readOrgs(values, action === 'skip'),
    };
    plans.push(plan);
    for (const w of severalUnitsInOne(values, plan.orgs)) problem(row, w.field, 'warning', w.message);
    for (const w of plan.orgs.legalRepNotRead) problem(row, 'ownerLegalRep', 'warning', w);
    if (values.seq) bySeq.set(seqKey(values.seq), plan);
    if (!parent) lastTop = plan;
    totalsRows.push({ row, kind: 'data', topLevel: !parent, fen: values.fen.totalWan ?? null });
  }
  for (const s of parentOpenings(plans)) {
    if (s.ownFen === s.partsFen) {
      s.plan.values.present.delete('openingCumWan');
      if (s.plan.data) Object.assign(s.plan.data, { openingCumWan: null, openingCumYear: null });
    } else
      problem(
        s.plan.row,
        'openingCumWan',
        'warning',
        `至上年底累计（${formatWanUnit(s.ownFen)}）与其子项目之和（${formatWanUnit(s.partsFen)}）不同：有子项目的项目按子项目之和统计，本行的数值不计入，请核对后填到子项目`,
      );
  }
  if (plans.length === 0) {
    throw new AppError(
      'VALIDATION',
      `工作表“${table.sheet}”的表头下没有项目行（只有${[sections ? '分类' : '', totals ? '合计' : '', breakdowns ? '其中' : ''].filter(Boolean).join('、') || '空'}行），未导入任何数据。`,
    );
  }
  // Which updates would change their project, read as apply would write them: the preview says so, and apply leaves
  // the others alone (no write; no backup when nothing at all would change).
  const updates = plans.filter(isUpdate);
  if (updates.length > 0) {
    const ids = updates.map((p) => p.duplicateOf!.id);
    const now: LedgerNow = {
      projects: projectRepo.getProjects(ctx.db, ids),
      funding: repo.fundingPlansOf(ctx.db, ids),
      yearPlans: repo.yearPlansOf(ctx.db, ids),
      names: nameResolver(ctx, 'lookup'),
    };
    const shown = openingsShown(ctx, openingYear, updates);
    for (const p of updates) {
      // A 至上年底累计 that is what the ledger already shows for the project (its 期初累计 and the 月报 of the years
      // before, as T1 prints it) is no change, whatever the project's own field holds: written, a T1 re-imported with
      // 更新 "updated" every sub-project with 月报 before the year, and moved no figure.
      if (p.values.present.has('openingCumWan') && shown.get(p.duplicateOf!.id) === (p.values.fen.openingCumWan ?? 0))
        p.values.present.delete('openingCumWan');
      // Names kept in 备注 join the project's own 备注 when the file has no 备注 column (once: a second run of the
      // same file finds them there and changes nothing).
      const kept = p.people.kept;
      if (kept && !p.values.present.has('note') && p.data) {
        const base = now.projects.get(p.duplicateOf!.id)?.note ?? null;
        p.data.note = base?.includes(kept) ? base : [base, kept].filter(Boolean).join('；').slice(0, 1000);
      }
      p.moves = updateMoves(ctx, p, columns, now);
    }
  }
  // A 合计 that disagrees with its rows is a warning of its row (the rows still import): in the preview's problems
  // and the CLI's warnings, not only in totalsChecked for the clerk to compare figure by figure.
  // Rows without a readable 总投资 too: a heading 一、工业（5个） over 4 projects is a row missed all the same.
  const totalsFound = checkTotals(totalsRows, true).map((t) => ({ ...t, label: labels.get(t.row) ?? '' }));
  for (const t of totalsFound) {
    const text = totalsMismatchText(t);
    if (text) problem(t.row, t.fileFen !== null && t.fileFen !== t.sumFen ? 'totalWan' : 'name', 'warning', text);
  }
  // Compared figure by figure on the page: the rows that show a figure.
  const totalsChecked = totalsFound.flatMap((t) => (t.fileFen === null ? [] : [{ ...t, fileFen: t.fileFen }]));
  const skipped = new Set(plans.filter((p) => p.action === 'skip').map((p) => p.row));
  const visibleProblems = problems.filter((p) => !skipped.has(p.row));
  const count = (a: RowPlan['action']) => plans.filter((p) => p.action === a).length;
  const tops = plans.filter((p) => p.parentRow === null);
  const present = new Set(columns.map((c) => c.field));
  const foreignCols = columns.filter((c) => typeof c.unit === 'object');
  const shownUnit = totalCol ? totalCol.unit : table.unit;
  const notices: string[] = [];
  if (period.guessedFrom !== null)
    notices.push(
      `文件的标题、单位行和文件名中都没有年份，年度暂按${period.guessedFrom}记为 ${period.year} 年，请核对后再导入。`,
    );
  // A month the file names that has not come (2071年9月 for 2017年9月): nothing of that month is written (its figure
  // columns are not read), but its year becomes the projects' 年度 — said with the 月报's own rule and sentence.
  const notBegun = period.month === null ? null : periodNotBegunText(ctx, makePeriod(period.year, period.month));
  if (notBegun)
    notices.push(
      `${period.source}写明的${notBegun}。导入台账不读入该月月报的数字，项目按 ${period.year} 年度导入；如年份有误，请改选年度后再导入。`,
    );
  for (const c of foreignCols)
    notices.push(
      `“${c.header}”列的金额是${columnUnitText(c.unit)}，本系统只记人民币：不折算、不计入万元合计，原值写入各项目的备注。`,
    );
  // 合计/小计 rows whose 总投资 cell holds nothing readable: typically formulas saved by a program that never
  // computed them (no cached value), so the file's own totals cannot be compared with its rows — said, not skipped.
  const blankTotals = totalsRows.filter((t) => t.kind === 'total' && t.fen === null);
  if (totalCol && blankTotals.length > 0)
    notices.push(
      `${blankTotals.map((t) => `第${t.row}行`).join('、')}的合计/小计没有可读的总投资数值（可能是未经 Excel 或 WPS 计算保存的公式），未能与各项目核对；如需核对，请在 Excel 或 WPS 中打开并保存后再导入。`,
    );
  if (hiddenPlanRows.length > 0)
    notices.push(
      `${rowList(hiddenPlanRows)}在表格中是隐藏的（隐藏或被筛选掉）${
        input.hiddenRows === 'skip'
          ? `，按您的选择不导入${subOfHidden.length ? `，其下的子项目（${rowList(subOfHidden)}）一并不导入` : ''}`
          : `，仍按项目读入；如这些行不该导入，可选择不导入${subOfHidden.length ? `（其下的子项目${rowList(subOfHidden)}一并不导入）` : ''}`
      }。`,
    );
  // The units and people the import will add to 组织机构 (import-orgs.ts, import-people.ts: why added), named before
  // anything is written — of the rows it writes.
  const written = plans.filter((p) => p.action === 'create' || (isUpdate(p) && p.moves));
  const newOrgs = collectNewNames(written.map((p) => ({ row: p.row, uses: newOrgUses(p.orgs) })));
  const newPeople = collectNewNames(written.map((p) => ({ row: p.row, uses: newPersonUses(p.people) })));
  for (const n of [
    newNamesNotice(
      newOrgs,
      (n) => `组织机构中没有以下 ${n} 个单位，导入时新建为单位并关联到项目`,
      '导入后请在“组织机构 · 单位”中补全级别和类别；如是已有单位的另一种写法，请先在“组织机构 · 单位”中把它填为该单位的简称，或改正表格。',
    ),
    newNamesNotice(
      newPeople,
      (n) => `人员中没有以下 ${n} 人，导入时新建为人员并关联到项目`,
      `表格未写职务的，职务记为“${TITLE_TO_FILL}”，导入后请在“组织机构 · 人员”中补全职务和单位；如是已有人员的别名或错字，请先改正表格。`,
    ),
  ])
    if (n) notices.push(n);
  // A unit's 法人代表 the import writes (import-orgs.ts: only where the unit names nobody yet), said before it is.
  const ledgerUnits = written.some((p) => p.orgs.legalRep) ? repo.orgLegalReps(ctx.db) : null;
  const repsSet = written.flatMap((p) => {
    const owner = p.orgs.one.ownerOrg;
    if (!p.orgs.legalRep || !owner) return [];
    const unit = 'id' in owner ? (ledgerUnits?.get(owner.id)?.name ?? '') : owner.newName;
    return [`${unit}（${p.orgs.legalRep}）`];
  });
  if (repsSet.length > 0)
    notices.push(
      `导入时填入以下 ${repsSet.length} 个单位的${IMPORT_FIELDS.ownerLegalRep}（组织机构中已填的单位不改）：${repsSet.join('、')}。`,
    );
  const hiddenCols = columns.filter((c) => hidden?.cols.includes(c.index));
  if (hiddenCols.length > 0)
    notices.push(
      `${hiddenCols.map((c) => `${c.letter}列“${c.header}”`).join('、')}在表格中是隐藏的，仍按表头读入；如这些列不该导入，请在表格中删除后重新选择文件。`,
    );
  const preview: ImportPreview = {
    fileName: input.fileName,
    format: wb.format,
    sheet: table.sheet,
    sheets: wb.sheets.map((s) => s.name),
    headerRows: table.headerRows.map((r) => r + 1),
    unit: columnUnitText(shownUnit),
    unitSource:
      totalCol && headerUnit(totalCol.header)
        ? `表头“${totalCol.header}”`
        : (table.unitSource ?? '文件未注明单位，按万元'),
    year: period.year,
    month: period.month,
    periodSource: period.source,
    periodFromClock: period.guessedFrom !== null,
    missingFields: FORM_FIELDS.filter(
      ([f]) => !present.has(f) || (f === 'totalWan' && totalCol && typeof totalCol.unit === 'object'),
    ).map(([, l]) => l),
    totalsChecked: totalsChecked.map((t) => ({
      sheet: table.sheet,
      row: t.row,
      label: t.label,
      fileFen: t.fileFen,
      sumFen: t.sumFen,
    })),
    notices,
    hiddenRows: hiddenPlanRows,
    mappingName,
    columns: table.columns.map((c, i) => {
      const field = fields[i] ?? null;
      const figure = field ? null : figureField(c.path);
      return {
        letter: c.letter,
        header: c.path,
        field,
        fieldLabel: field ? IMPORT_FIELDS[field] : null,
        note: figure ? FIGURE_NOTE(figure) : field ? null : UNREAD_NOTE,
      };
    }),
    rows: plans.map((p) => ({
      row: p.row,
      code: p.data?.code ?? (p.values.input.code as string | undefined) ?? null,
      name: p.data?.name ?? String(p.values.input.name ?? ''),
      totalFen: p.values.fen.totalWan ?? null,
      approx: p.values.approxTotal,
      action: p.action,
      duplicateOf: p.duplicateOf,
      parentRow: p.parentRow,
      section: p.section,
      unchanged: !p.moves,
    })),
    problems: visibleProblems,
    counts: {
      create: count('create'),
      update: count('update'),
      unchanged: plans.filter((p) => !p.moves).length,
      skip: count('skip'),
      error: count('error'),
      sections,
      totals,
      breakdowns,
      projects: tops.length,
      subProjects: plans.length - tops.length,
      totalInvestmentFen: sumFen(tops.map((p) => p.values.fen.totalWan)),
    },
    newOrgs: newOrgs.map((n) => n.name),
    newStaff: newPeople.map((n) => n.name),
  };
  return { preview, plans, columns, table, searchKeys };
}

/** The ledger's project with the row's 编号 (recycle bin included), else the active one with its 名称 and 年度. */
function findDuplicate(keys: projectRepo.ProjectKeys, d: ProjectData): { id: number; name: string } | null {
  const hit =
    (d.code ? keys.byCode.get(d.code) : undefined) ?? keys.byNameYear.get(projectRepo.nameYearKey(d.name, d.planYear));
  return hit ? { id: hit.id, name: hit.name } : null;
}

/**
 * The file refused before anything was checked row by row (unreadable, no header, no 项目名称 column, an unknown
 * mapping): the message also says that nothing was imported, as every refusal of an import does.
 */
async function prepareOrRefuse(...args: Parameters<typeof prepare>): Promise<Prepared> {
  try {
    return await prepare(...args);
  } catch (e) {
    if (!(e instanceof AppError) || e.message.includes('未导入任何数据')) throw e;
    const said = /[。！？]$/.test(e.message) ? e.message : `${e.message}。`;
    throw new AppError(e.code, `${said}未导入任何数据。`, e.issues);
  }
}

export async function importPreview(ctx: Ctx, input: Parsed): Promise<ImportPreview> {
  const { preview } = await prepareOrRefuse(ctx, input);
  progress('完成', 100);
  return preview;
}

/**
 * `deferSealsFrom`: the shortest run of new projects sealed in one pass at its end (withDeferredSeals); a test
 * passes Infinity to write the same import row by row and compare.
 */
export async function importApply(
  ctx: Ctx,
  input: Parsed,
  opts: { deferSealsFrom?: number } = {},
): Promise<ImportReport> {
  const deferSealsFrom = opts.deferSealsFrom ?? DEFER_SEALS_FROM;
  // A large file: the pinyin worker starts now and loads its dictionary while the file is read.
  const keyWorker = input.base64.length >= EARLY_KEY_WORKER_FROM_BASE64 ? startSearchKeyWorker() : undefined;
  try {
    // The copy kept before the import is made while the file is read, and removed if nothing is imported.
    return await withBackupAhead(ctx, '导入前', (take) => applyPrepared(ctx, input, deferSealsFrom, keyWorker, take));
  } finally {
    void keyWorker?.stop();
  }
}

async function applyPrepared(
  ctx: Ctx,
  input: Parsed,
  deferSealsFrom: number,
  searchKeyWorker: SearchKeyWorker | undefined,
  takeBackup: TakeBackup,
): Promise<ImportReport> {
  const { preview, plans, columns, table, searchKeys } = await prepareOrRefuse(ctx, input, {
    searchKeys: true,
    searchKeyWorker,
    upTo: 40,
  });
  const errors = preview.problems.filter((p) => p.level === 'error');
  if (errors.length > 0) {
    const head = errors
      .slice(0, 5)
      .map((p) => `第${p.row}行${p.column ? ` ${p.column}列` : ''}：${p.message}`)
      .join('；');
    throw new AppError(
      'VALIDATION',
      `有 ${errors.length} 处错误，未导入任何数据。${head}${errors.length > 5 ? '……' : ''}`,
      errors.map((p) => ({ path: `${p.sheet}!${p.column}${p.row}`, message: p.message })),
    );
  }
  // An update that would leave its project as it is is not written (prepare: updateMoves).
  const todo = plans.filter((p) => p.action === 'create' || (p.action === 'update' && p.moves));
  const counts = {
    created: preview.counts.create,
    updated: preview.counts.update,
    unchanged: preview.counts.unchanged,
    skipped: preview.counts.skip,
  };
  let backupFile: string | null = null;
  if (todo.length > 0) {
    progress('导入前备份', 40);
    backupFile = (await inBand(40, 50, takeBackup)).file;
  }
  const keys = (await searchKeys) ?? new Map<string, string>();
  checkpoint();
  // One transaction: a cancel at a checkpoint inside it throws, and the whole import rolls back.
  withPageCache(ctx.db, IMPORT_PAGE_CACHE_MIB, () =>
    ctx.db.tx(() => {
      const at = nowIso(ctx);
      const idByRow = new Map<number, number>();
      const planByRow = new Map(plans.map((p) => [p.row, p]));
      const batch = projectBatch(ctx);
      const names = nameResolver(ctx, 'create', input.fileName);
      const write = (i: number) => {
        const p = todo[i]!;
        if ((i & 31) === 0) {
          progressOf('写入台账', i, todo.length, 50, 98);
          checkpoint();
        }
        const data = { ...p.data! };
        names.resolve(p, data);
        if (p.orgs.legalRep && data.ownerOrgId) names.legalRep(data.ownerOrgId, p.orgs.legalRep);
        if (p.parentRow !== null) {
          // A parent row skipped as a duplicate stands for the ledger's existing project.
          const parentId = idByRow.get(p.parentRow) ?? planByRow.get(p.parentRow)?.duplicateOf?.id;
          if (parentId !== undefined) data.parentId = parentId;
        }
        let id: number;
        const created = !isUpdate(p);
        if (!created) {
          id = p.duplicateOf!.id;
          batch.update(id, patchOf(p, data));
        } else {
          if (p.duplicateOf) {
            data.code = null;
            data.name = `${data.name}（导入副本）`.slice(0, 100);
          }
          id = batch.create(data, keys.get(searchKeySource(data)));
        }
        idByRow.set(p.row, id);
        writeFunding(ctx, id, p.values, columns, created);
        if (p.values.fen.yearPlanWan !== undefined)
          repo.upsertYearPlan(ctx.db, id, p.yearPlanYear, p.values.fen.yearPlanWan);
      };
      // A run of new projects only adds rows: their seals, the figure journal's marks and this connection's watch
      // stamps are made in one pass at the run's end (withDeferredSeals, withDeferredJournal, withDeferredWatches),
      // as the per-row triggers would leave them. An update of an
      // existing project is written as any edit.
      for (let i = 0; i < todo.length; ) {
        let end = i;
        while (end < todo.length && !isUpdate(todo[end]!)) end++;
        if (end - i >= deferSealsFrom) {
          const from = i;
          // A run of creates adds 单位 and 标签 rows only for the projects it adds: newParentsOnly.
          withDeferredSeals(
            ctx.db.sqlite,
            CREATE_TABLES,
            () =>
              journalRepo.withDeferredJournal(ctx.db, CREATE_TABLES, () =>
                withDeferredWatches(
                  ctx.db,
                  CREATE_TABLES,
                  () => {
                    for (let k = from; k < end; k++) write(k);
                  },
                  { newParentsOnly: true },
                ),
              ),
            { newParentsOnly: true },
          );
          i = end;
        } else write(i++);
      }
      batch.flush();
      checkpoint();
      appendChanges(ctx.db, ctx.session.operator, at, [
        ...names.created,
        {
          action: '导入',
          entity: 'import',
          reason: `${input.fileName}（${table.sheet}）：${importCountsText(counts)}`,
        },
      ]);
      if (input.saveMappingAs) saveMappingOf(ctx, input.saveMappingAs, 'import', preview.columns);
    }),
  );
  forgetWorkbook(ctx.db);
  progress('完成', 100);
  return {
    fileName: input.fileName,
    summary: summaryOf(preview),
    ...counts,
    problems: preview.problems,
    backupFile,
    rows: preview.rows,
  };
}

/** The preview's description of the file, as the summary schema picks it (its one list of those fields). */
const summaryOf = (p: ImportPreview): ImportSummary => ImportSummarySchema.parse(p);

/** An update of the ledger's existing project (else the row creates one). */
const isUpdate = (p: RowPlan) => p.action === 'update' && p.duplicateOf !== null;

/** The tables a new project's rows go to (insertProject, writeFunding, upsertYearPlan). */
const CREATE_TABLES = ['project', 'project_org', 'project_tag', 'funding_plan', 'year_plan'];
/**
 * From this size of file (as base64: about 1,000 rows of a county sheet) the pinyin worker is started before the file
 * is read (search-keys.ts WORKER_FROM: below 1,000 names the keys are made in the core).
 */
const EARLY_KEY_WORKER_FROM_BASE64 = 200_000;
/** Shorter runs of new projects are sealed row by row: setting up the one-pass sealing costs more than it saves. */
const DEFER_SEALS_FROM = 32;
/** The page cache an import writes with (connection.ts withPageCache: the figure there). */
const IMPORT_PAGE_CACHE_MIB = 64;

/**
 * The row's units and people (read in prepare: import-orgs.ts, import-people.ts) → ids. `create`: a unit or person the
 * ledger does not have yet is created (each was listed in the preview: import-new-names.ts). `lookup` (read only, the
 * preview): an unknown name is left unresolved and `resolve` says false.
 */
function nameResolver(
  ctx: Ctx,
  mode: 'create' | 'lookup',
  fileName = '',
): {
  resolve(p: Pick<RowPlan, 'orgs' | 'people'>, data: ProjectData): boolean;
  /** writes a unit's 法人代表 where it names nobody yet (import-orgs.ts), on the record */
  legalRep(orgId: number, name: string): void;
  created: ChangeEntry[];
} {
  const madeBy = `导入台账时新建（${fileName}）`;
  // Each unit and person the import adds gets its own 新增 in the 修改记录, as one added on its page does: the import's
  // one 导入 entry counts projects and would leave 人员 and 单位 rows no record says where they came from.
  const created: ChangeEntry[] = [];
  const added = (entity: 'org_unit' | 'staff', id: number, shown: string) => {
    created.push({ action: '新增', entity, entityId: id, newValue: shown, reason: madeBy });
    return id;
  };
  // One new unit and one new person per name however many rows name them (the readers give every spelling of it the
  // same name), and none on a second run: found by name then.
  const orgId = memoized((name: string) =>
    mode === 'create'
      ? added('org_unit', repo.insertOrg(ctx.db, { name, note: madeBy.slice(0, 200) }), name)
      : undefined,
  );
  const people = new Map<string, number | undefined>();
  const newPerson = (name: string, title: string) =>
    added('staff', repo.insertStaff(ctx.db, { name, title, note: madeBy.slice(0, 200) }), `${name}（${title}）`);
  const personId = (name: string, title: string | null) => {
    if (!people.has(name))
      people.set(
        name,
        mode === 'create'
          ? (repo.staffByName(ctx.db, name)[0]?.id ?? newPerson(name, (title ?? TITLE_TO_FILL).slice(0, 40)))
          : undefined,
      );
    return people.get(name);
  };
  return {
    created,
    legalRep(orgId, name) {
      if (mode === 'create' && repo.fillOrgLegalRep(ctx.db, orgId, name))
        created.push({
          action: '修改',
          entity: 'org_unit',
          entityId: orgId,
          field: 'legalRep',
          oldValue: null,
          newValue: name,
          reason: `导入台账（${fileName}）`,
        });
    },
    resolve({ orgs, people }, data) {
      let known = true;
      const id = <T>(got: T | undefined): T | undefined => {
        if (got === undefined) known = false;
        return got;
      };
      const org = (pick: OrgPick) => ('id' in pick ? pick.id : id(orgId(pick.newName)));
      for (const [f, pick] of Object.entries(orgs.one) as [keyof RowOrgs['one'], OrgPick][])
        data[ORG_KEY[f]] = org(pick) ?? data[ORG_KEY[f]];
      if (orgs.responsible)
        data.responsibleOrgIds = orgs.responsible.flatMap((pick) => {
          const got = org(pick);
          return got === undefined ? [] : [got];
        });
      for (const f of PERSON_FIELDS) {
        const pick = people.picks[f];
        if (!pick) continue;
        const got = 'id' in pick ? pick.id : id(personId(pick.newName, pick.title));
        if (got !== undefined) data[PROJECT_KEY[f]] = got;
      }
      return known;
    },
  };
}

/** What the ledger holds for the projects an import updates, read in one go (updateMoves). */
interface LedgerNow {
  projects: Map<number, Project>;
  funding: Map<number, PlanRow[]>;
  yearPlans: Map<number, Map<number, number>>;
  names: ReturnType<typeof nameResolver>;
}

/**
 * Whether an update row would change its project, read only and as apply writes it: its names resolved (a unit or
 * leader the ledger does not have yet is a change), the fields the sheet has (patchOf: never the parent; the same
 * comparison updateProject makes), its 资金来源 (updatedFunding) and its 年度计划 (the rule of upsertYearPlan).
 */
function updateMoves(ctx: Ctx, p: RowPlan, columns: MappedColumn[], now: LedgerNow): boolean {
  const data = { ...p.data! };
  if (!now.names.resolve(p, data)) return true;
  // the 实施主体 gets the 法人代表 the row gives (import-orgs.ts): a change the row writes
  if (p.orgs.legalRep) return true;
  const id = p.duplicateOf!.id;
  const project = now.projects.get(id);
  if (!project || patchMoves(ctx, project, patchOf(p, data))) return true;
  const cells = fundCellsOf(p.values, columns);
  if (cells.length > 0) {
    const current = now.funding.get(id) ?? [];
    if (updatedFunding(current, cells) !== current) return true;
  }
  const yearPlanFen = p.values.fen.yearPlanWan;
  return yearPlanFen !== undefined && repo.yearPlanMoves(now.yearPlans.get(id)?.get(p.yearPlanYear), yearPlanFen);
}

/**
 * Each updated project's 至上年底累计 as the ledger shows it at the end of `openingYear` (figures' priorFen: what T1
 * and the 进展表 print), read only when the file has that column.
 */
function openingsShown(ctx: Ctx, openingYear: number, updates: readonly RowPlan[]): Map<number, number> {
  if (!updates.some((p) => p.values.present.has('openingCumWan'))) return new Map();
  // Any month of the year shows the same 至上年底累计: the open month's figures are kept (a read), another month's
  // would be computed (seconds on a county's 20,000 projects).
  const open = currentPeriod(ctx).period;
  const figures = periodFigures(
    ctx,
    parsePeriod(open).year === openingYear + 1 ? open : makePeriod(openingYear + 1, 1),
  );
  return new Map(figures.projects.map((f) => [f.id, f.priorFen]));
}

/**
 * The rows of projects that have parts in the file and a 至上年底累计 of their own. A project's is its parts'
 * (figures.service: a parent's own is never counted), and the county's sheet and our T1 show that sum on its row:
 * where it is just that sum it is not a figure of the project's own and is not written (an import wrote a number
 * nobody entered, and a T1 re-imported with 更新 "updated" every project whose parts had 月报 before the year).
 * Compared as the file has them (a middle level's own value is its parts' sum, as the sheet shows it).
 */
function parentOpenings(plans: readonly RowPlan[]): { plan: RowPlan; ownFen: number; partsFen: number }[] {
  const partsFen = new Map<number, number>();
  for (const p of plans)
    if (p.parentRow !== null)
      partsFen.set(p.parentRow, (partsFen.get(p.parentRow) ?? 0) + (p.values.fen.openingCumWan ?? 0));
  return plans
    .filter((p) => partsFen.has(p.row) && p.values.present.has('openingCumWan'))
    .map((plan) => ({ plan, ownFen: plan.values.fen.openingCumWan ?? 0, partsFen: partsFen.get(plan.row)! }));
}

/**
 * An update touches only the fields the sheet has: a 包联领导/责任人 only when its cell named someone to link (a cell
 * with a post nobody holds leaves the project's as it is), 备注 also when names were kept there.
 */
function patchOf({ values: v, people }: Pick<RowPlan, 'values' | 'people'>, data: ProjectData): Partial<ProjectData> {
  const keys = new Set<string>();
  for (const f of v.present) {
    if (f === 'yearRange') keys.add('yearFrom').add('yearTo');
    else if (f === 'contactPhone') keys.add('contact').add('phone');
    else if (f === 'ownerOrg') keys.add('ownerOrgId');
    else if (f === 'leadOrg') keys.add('leadOrgId');
    else if (f === 'village') keys.add('villageOrgId');
    else if (f === 'responsibleOrgs') keys.add('responsibleOrgIds');
    else if (f === 'openingCumWan') keys.add(f).add('openingCumYear');
    else if (f === 'leader' || f === 'manager') {
      if (people.picks[f]) keys.add(PROJECT_KEY[f]);
    } else if (f in data) keys.add(f);
  }
  if (people.kept) keys.add('note');
  if (keys.has('totalWan')) keys.add('approx');
  return Object.fromEntries([...keys].map((k) => [k, data[k as keyof ProjectData]]));
}

/** The row's 资金来源 cells: each `fund:` column's label and amount (null: the cell is empty). */
const fundCellsOf = (v: RowValues, columns: MappedColumn[]): FundCell[] =>
  columns
    .filter((c) => c.field.startsWith('fund:'))
    .map((c) => ({ label: c.field.slice(5), fen: v.fen[c.field] ?? null, approx: v.approx.has(c.field) }));

/**
 * The row's 资金来源 columns into the project's funding plan (imported-funding.ts: an update keeps what it folds
 * alike, and rewrites nothing when nothing moved).
 */
function writeFunding(ctx: Ctx, projectId: number, v: RowValues, columns: MappedColumn[], created: boolean): void {
  const cells = fundCellsOf(v, columns);
  if (cells.length === 0) return;
  if (created) return repo.insertFunding(ctx.db, projectId, newProjectFunding(cells));
  const current = repo.fundingPlanRows(ctx.db, projectId);
  const next = updatedFunding(current, cells);
  if (next !== current) repo.replaceFunding(ctx.db, projectId, next);
}

/** `field` undefined: the column counts in the fingerprint but nothing is remembered for it (its proposal applies). */
export function saveMappingOf(
  ctx: Ctx,
  name: string,
  kind: 'import' | 'template',
  cols: { header: string; field: string | null | undefined }[],
): void {
  const byPath = Object.fromEntries(
    cols.filter((c) => c.field !== undefined).map((c) => [normalizeHeader(c.header), c.field]),
  );
  repo.upsertMapping(ctx.db, {
    name,
    kind,
    fingerprint: fingerprint(cols.map((c) => c.header)),
    mapping: JSON.stringify(byPath),
    at: nowIso(ctx),
  });
}

export function listMappings(ctx: Ctx): Mapping[] {
  return repo.listMappings(ctx.db).map((m) => ({
    name: m.name,
    kind: m.kind as Mapping['kind'],
    columns: JSON.parse(m.mapping) as Record<string, string | null>,
    updatedAt: m.updated_at,
  }));
}

export function saveMapping(
  ctx: Ctx,
  m: { name: string; kind: 'import' | 'template'; columns: Record<string, string | null> },
): Mapping[] {
  ctx.db.tx(() =>
    saveMappingOf(
      ctx,
      m.name,
      m.kind,
      Object.entries(m.columns).map(([header, field]) => ({ header, field })),
    ),
  );
  return listMappings(ctx);
}
