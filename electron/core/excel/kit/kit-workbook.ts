/**
 * The 报送表 workbook (issue 18): one unit's projects for one month, to be filled in Excel or WPS and sent back.
 * - 月报填报: the unit's projects, pre-filled (编号, 名称, 年度计划, 截至上月累计 and whatever is already entered for
 *   the month); only the input cells are unlocked, the sheet is protected, and every input cell carries the
 *   validation of its field (money ≥ 0 in 万元 with two decimals, 形象进度% 0–100, texts within their length).
 * - 填报说明: the deadline, the contact and the rules in plain Chinese.
 * - 报送标识 (veryHidden): the kit's identity — kit key, town, month, unit, the project codes row by row and a
 *   checksum of the layout — so a returned file is matched by its content, never by its file name. The kit key is
 *   also in the document properties (keywords), so a file whose identity sheet was removed is still recognised.
 * Labels come from the field registry; reading a return gives the raw cell values, which the collect service
 * checks with the same rules (ReportRowSchema) as the 月报 window.
 */
import { yesNoText } from '../../../../shared/domain/cell-reads.ts';
import { createHash } from 'node:crypto';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../libraries.ts';
import { newWorkbook } from '../new-workbook.ts';
import { formatDateCn, formatPeriodCn } from '../../../../shared/domain/display.ts';
import { fenToWanNumber } from '../../../../shared/domain/money.ts';
import { IMAGE_PROGRESS_STATES } from '../../../../shared/domain/vocab.ts';
import { labelOf, titleOf } from '../../../../shared/fields/registry.ts';
import { COLLECT_BY, type CollectBy } from '../../../../shared/schemas/collect.ts';
import { linesHeight, textLines } from '../export/frame.ts';
import { columnLetter } from '../letters.ts';

/** 1-based column number → letters (the way the 月报填报 sheet and its refusals name columns). */
const colLetter = (n: number) => columnLetter(n - 1);

export const KIT_SHEET = '月报填报';
/** The width of the 填报说明's one column, in Excel's character units. */
const GUIDE_WIDTH = 110;
export const GUIDE_SHEET = '填报说明';
export const IDENTITY_SHEET = '报送标识';
export const HEADER_ROW = 3;
export const FIRST_ROW = 4;
/** Written into the identity: a later version of the app can still read kits of this one. */
const KIT_VERSION = '1';
const KEYWORD_PREFIX = '乡镇建设项目台账报送表:';
/** The kit key in the document's keywords, as written (prefix:key) or as a save by another program left them. */
const KEYWORD_PATTERN = new RegExp(`^${KEYWORD_PREFIX.slice(0, -1)}[:：\\s]\\s*(\\S+)\\s*$`);

/** The 月报 fields a unit fills in, in column order (keys as in ReportRowRaw). */
export const INPUT_KEYS = ['monthWan', 'imageText', 'imagePct', 'issues', 'nextSteps', 'needs'] as const;
export type InputKey = (typeof INPUT_KEYS)[number];

interface Column {
  header: string;
  width: number;
  input?: InputKey;
}

/** The columns of 月报填报, headers from the field registry. Column B holds the project code the rows are matched by. */
export const KIT_COLUMNS: readonly Column[] = [
  { header: '序号', width: 6 },
  { header: labelOf('project', 'code'), width: 12 },
  { header: labelOf('project', 'name'), width: 28 },
  // 年度计划投资(万元) and 本月完成投资(万元) on one line: at 14 the unit wrapped, leaving “)” alone (LibreOffice)
  { header: titleOf('project', 'yearPlanWan'), width: 20 },
  { header: `截至上月${labelOf('progress', 'cumFen')}(万元)`, width: 16 },
  { header: titleOf('progress', 'monthWan'), width: 20, input: 'monthWan' },
  { header: titleOf('progress', 'imageText'), width: 24, input: 'imageText' },
  { header: titleOf('progress', 'imagePct'), width: 10, input: 'imagePct' },
  { header: titleOf('progress', 'issues'), width: 24, input: 'issues' },
  { header: titleOf('progress', 'nextSteps'), width: 24, input: 'nextSteps' },
  { header: titleOf('progress', 'needs'), width: 24, input: 'needs' },
];
export const CODE_COLUMN = 2;
export const columnOfInput = (key: InputKey): number => KIT_COLUMNS.findIndex((c) => c.input === key) + 1;

export interface KitEntry {
  monthFen: number;
  imageText: string;
  imagePct: number | null;
  issues: string | null;
  nextSteps: string | null;
  needs: string | null;
}

export interface KitProject {
  code: string;
  name: string;
  yearPlanFen: number;
  lastCumFen: number;
  entry: KitEntry | null;
}

export interface KitSpec {
  kitKey: string;
  town: string;
  period: string;
  by: CollectBy;
  unit: string;
  deadline: string;
  contact: string;
  projects: KitProject[];
}

export interface KitIdentity {
  version: string;
  kitKey: string;
  town: string;
  period: string;
  by: CollectBy;
  unit: string;
  codes: string[];
  layoutHash: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The checksum of a kit's layout: sheet name, header row and the project code of every data row, in order. */
export function layoutHash(sheet: string, headers: readonly string[], codes: readonly string[]): string {
  return sha256(JSON.stringify({ sheet, headerRow: HEADER_ROW, firstRow: FIRST_ROW, headers, codes }));
}

const identitySeal = (i: Omit<KitIdentity, 'version'> & { version: string }) =>
  sha256(JSON.stringify([i.version, i.kitKey, i.town, i.period, i.by, i.unit, i.codes, i.layoutHash]));

/** What the kit's protection password is made from: not a secret, it keeps a clerk from unlocking cells by accident. */
const sheetPassword = (kitKey: string) => sha256(`报送表${kitKey}`).slice(0, 12);

const IDENTITY_ROWS: [string, (i: KitIdentity) => string][] = [
  ['版本', (i) => i.version],
  ['报送表编号', (i) => i.kitKey],
  ['乡镇', (i) => i.town],
  ['期别', (i) => i.period],
  ['分发方式', (i) => i.by],
  ['单位', (i) => i.unit],
  ['项目编号', (i) => JSON.stringify(i.codes)],
  ['表样校验码', (i) => i.layoutHash],
];

const FILL_INPUT: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const FILL_HEAD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** ExcelJS's rules of a sheet by address or range (worksheet.dataValidations, which its type file leaves out). */
const rangeRules = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: { add(address: string, rule: ExcelJS.DataValidation): void } }).dataValidations;

/** The validation of one input cell: the same limits as ReportRowSchema, in the words of the 填报说明. */
function validationOf(key: InputKey, ref: string): ExcelJS.DataValidation {
  const common = { allowBlank: true, showErrorMessage: true, errorTitle: '填写有误', showInputMessage: true };
  switch (key) {
    case 'monthWan':
      return {
        ...common,
        type: 'custom',
        formulae: [`AND(ISNUMBER(${ref}),${ref}>=0,ROUND(${ref},2)=${ref})`],
        error: `${labelOf('progress', key)}填数字，单位万元，不小于0，最多两位小数（如 12.50）；本月没有完成投资填 0。`,
        promptTitle: labelOf('progress', key),
        prompt: '单位：万元，最多两位小数',
      };
    case 'imageText':
      // A list to pick from, but a unit may describe its progress in its own words (a warning, not a refusal).
      return {
        ...common,
        type: 'list',
        formulae: [`"${IMAGE_PROGRESS_STATES.join(',')}"`],
        errorStyle: 'warning',
        error: '可从下拉列表选择，也可简要描述形象进度（不超过200字）。',
        promptTitle: labelOf('progress', key),
        prompt: '从下拉列表选择或简要描述',
      };
    case 'imagePct':
      return {
        ...common,
        type: 'whole',
        operator: 'between',
        formulae: [0, 100],
        error: `${labelOf('progress', key)} 填 0 到 100 之间的整数。`,
        promptTitle: labelOf('progress', key),
        prompt: '0–100 的整数',
      };
    default:
      return { ...common, type: 'textLength', operator: 'lessThanOrEqual', formulae: [500], error: '不超过500字。' };
  }
}

function entryValue(key: InputKey, e: KitEntry | null): ExcelJS.CellValue {
  if (!e) return null;
  switch (key) {
    case 'monthWan':
      return fenToWanNumber(e.monthFen);
    case 'imageText':
      return e.imageText;
    case 'imagePct':
      return e.imagePct;
    default:
      return e[key];
  }
}

/**
 * The rules of the 填报说明, in plain Chinese, dates written 2017年9月30日. The same rules go on the workbook's sheet
 * and on the paper form (issue 18: "also as one printable PDF per unit"); only where to write and how to hand it back differ.
 */
export function guideLines(spec: Omit<KitSpec, 'kitKey'>, medium: 'excel' | 'paper' = 'excel'): string[] {
  const who = spec.by;
  const inputs = KIT_COLUMNS.filter((c) => c.input)
    .map((c) => c.header)
    .join('、');
  const paper = medium === 'paper';
  return [
    `${spec.town}${formatPeriodCn(spec.period)}项目月报填报说明`,
    '',
    `${who}：${spec.unit}`,
    `项目数：${spec.projects.length}个（见${paper ? '填报表' : `“${KIT_SHEET}”工作表`}）`,
    `填报截止：${formatDateCn(spec.deadline)}（逾期未交回的，列入催报名单）`,
    `联系人：${spec.contact}`,
    '',
    '填报规则：',
    paper
      ? `一、只在表中空白方格内填写（${inputs}）；项目编号、名称、年度计划和截至上月累计已由镇里填好，请勿涂改。`
      : `一、只填写“${KIT_SHEET}”表中黄色底纹的格（${inputs}）；项目编号、名称、年度计划和截至上月累计已由镇里填好并锁定，请勿改动。`,
    '二、金额单位为万元，填数字，不小于0，最多保留两位小数（如 12.50）；本月没有完成投资的填 0。',
    `三、形象进度可${paper ? `填${IMAGE_PROGRESS_STATES.join('、')}之一` : '从下拉列表选择'}，也可用文字简要描述（不超过200字）；形象进度% 填 0 到 100 之间的整数。`,
    '四、存在问题、下步计划、需协调解决事项各不超过500字，没有的可不填。',
    '五、填了某个项目的，本月完成投资和形象进度必须填写；某项目整行未填的，视为本月未报。',
    paper
      ? '六、字迹工整，用黑色或蓝黑色墨水笔填写；写错的划去重写并在旁签名，请勿增删项目。'
      : '六、请勿增加、删除或移动行和列，请勿修改表头和工作表名称，否则交回后无法自动读取，须重新填报。',
    paper
      ? '七、填好后由填报人、审核人签字，在截止日期前交回镇里（可交纸质件或扫描件）。'
      : '七、填好后按 Excel 格式（.xlsx）保存，文件名可以修改，在截止日期前交回镇里。',
  ];
}

/** Builds one unit's 报送表; returns the .xlsx bytes and the identity written into it. */
export async function buildKit(spec: KitSpec): Promise<{ bytes: Buffer; identity: KitIdentity }> {
  const wb = await newWorkbook({
    title: `${spec.town}${formatPeriodCn(spec.period)}项目月报填报表（${spec.unit}）`,
    subject: '项目月报报送表',
    company: spec.town,
    keywords: `${KEYWORD_PREFIX}${spec.kitKey}`,
  });
  const ws = wb.addWorksheet(KIT_SHEET, {
    views: [{ state: 'frozen', xSplit: 3, ySplit: HEADER_ROW }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const guide = wb.addWorksheet(GUIDE_SHEET);
  const idSheet = wb.addWorksheet(IDENTITY_SHEET, { state: 'veryHidden' });

  const last = colLetter(KIT_COLUMNS.length);
  ws.mergeCells(`A1:${last}1`);
  ws.getCell('A1').value = `${spec.town}${formatPeriodCn(spec.period)}项目月报填报表`;
  ws.getCell('A1').font = { name: '宋体', size: 16, bold: true };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells(`A2:${last}2`);
  ws.getCell('A2').value =
    `${spec.by}：${spec.unit}\u3000\u3000金额单位：万元\u3000\u3000填报截止：${formatDateCn(spec.deadline)}`;
  KIT_COLUMNS.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
    const cell = ws.getCell(HEADER_ROW, i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = FILL_HEAD;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  ws.getRow(HEADER_ROW).height = 32;
  spec.projects.forEach((p, i) => {
    const r = FIRST_ROW + i;
    const fixed: ExcelJS.CellValue[] = [
      i + 1,
      p.code,
      p.name,
      fenToWanNumber(p.yearPlanFen),
      fenToWanNumber(p.lastCumFen),
    ];
    fixed.forEach((v, j) => {
      const cell = ws.getCell(r, j + 1);
      cell.value = v;
      cell.border = THIN;
      if (j >= 3) cell.numFmt = '0.00';
    });
    for (const key of INPUT_KEYS) {
      const col = columnOfInput(key);
      const cell = ws.getCell(r, col);
      cell.value = entryValue(key, p.entry);
      cell.protection = { locked: false };
      cell.fill = FILL_INPUT;
      cell.border = THIN;
      if (key === 'monthWan') cell.numFmt = '0.00';
      else if (key !== 'imagePct') cell.alignment = { wrapText: true, vertical: 'top' };
    }
  });
  // One rule per input column over all its rows (the formula's reference is the range's first cell, relative, as
  // Excel reads it). Set cell by cell, ExcelJS merges alike rules into ranges sorted as text — G10 before G4 — and
  // wrote G10:G12 and G4:G12 both: overlapping rules, which Excel offers to "repair" when the unit opens the file.
  if (spec.projects.length > 0)
    for (const key of INPUT_KEYS) {
      const letter = colLetter(columnOfInput(key));
      const range = `${letter}${FIRST_ROW}:${letter}${FIRST_ROW + spec.projects.length - 1}`;
      rangeRules(ws).add(range, validationOf(key, `${letter}${FIRST_ROW}`));
    }
  await ws.protect(sheetPassword(spec.kitKey), {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    spinCount: 1000,
  });

  guide.getColumn(1).width = GUIDE_WIDTH;
  // A rule longer than the column wraps; its row is made as tall as its lines, as no program is sure to do it on
  // opening (LibreOffice showed the first line only, the rest of rule 一 cut off), and the page fits the column.
  Object.assign(guide.pageSetup, {
    paperSize: 9,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  });
  guideLines(spec).forEach((line, i) => {
    const cell = guide.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    const size = i === 0 ? 14 : 11;
    if (i === 0) cell.font = { size, bold: true };
    const lines = textLines(line, GUIDE_WIDTH, size);
    if (lines > 1) guide.getRow(i + 1).height = linesHeight(lines, size);
  });
  await guide.protect(sheetPassword(spec.kitKey), {
    selectLockedCells: true,
    selectUnlockedCells: true,
    spinCount: 1000,
  });

  const codes = spec.projects.map((p) => p.code);
  const identity: KitIdentity = {
    version: KIT_VERSION,
    kitKey: spec.kitKey,
    town: spec.town,
    period: spec.period,
    by: spec.by,
    unit: spec.unit,
    codes,
    layoutHash: layoutHash(
      KIT_SHEET,
      KIT_COLUMNS.map((c) => c.header),
      codes,
    ),
  };
  IDENTITY_ROWS.forEach(([label, get], i) => (idSheet.getRow(i + 1).values = [label, get(identity)]));
  idSheet.getRow(IDENTITY_ROWS.length + 1).values = ['标识校验码', identitySeal(identity)];
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { bytes, identity };
}

/** A cell as the service checks it: a number stays a number (money is parsed from it without floats), the rest text. */
export type RawCell = string | number | null;

function rawOf(v: ExcelJS.CellValue): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return yesNoText(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return rawOf((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
    // a formula the program that saved the file never calculated (no cached result): say so, not [object Object]
    const f = v as { formula?: string; sharedFormula?: string };
    if (f.formula !== undefined || f.sharedFormula !== undefined)
      return `=${f.formula ?? f.sharedFormula}（公式，文件中没有计算结果）`;
  }
  return String(v);
}

/** The locked cells the kit fills in (名称, 年度计划, 截至上月累计): a unit may still change them (an unprotected copy). */
export const LOCKED_COLUMNS = { name: 3, yearPlan: 4, lastCum: 5 } as const;
export type LockedKey = keyof typeof LOCKED_COLUMNS;

export interface ReturnedRow {
  row: number;
  code: string;
  cells: Record<InputKey, RawCell>;
  locked: Record<LockedKey, RawCell>;
}

export interface ReturnedKit {
  /** null: no identity sheet; `sealBroken`: the identity was edited by hand. */
  identity: KitIdentity | null;
  sealBroken: boolean;
  /** The kit key from the document properties, when the identity sheet is gone. */
  keywordKey: string | null;
  sheetNames: string[];
  /** The fill-in sheet, or null when there is none by that name. */
  sheet: { headers: string[]; codes: string[]; rows: ReturnedRow[] } | null;
}

const textOf = (v: RawCell) => (v === null ? '' : String(v).trim());

/** Reads a returned workbook; throws when the bytes are not an .xlsx workbook at all. */
export async function readReturn(bytes: Uint8Array): Promise<ReturnedKit> {
  const wb = new (await loadExcelJS()).Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheetNames = wb.worksheets.map((w) => w.name);
  // LibreOffice (and so a WPS-like save) splits keywords at the colon and writes them back joined by a space
  const keywordKey = KEYWORD_PATTERN.exec(wb.keywords ?? '')?.[1] ?? null;
  let identity: KitIdentity | null = null;
  let sealBroken = false;
  const idSheet = wb.getWorksheet(IDENTITY_SHEET);
  if (idSheet) {
    const byLabel = new Map<string, string>();
    idSheet.eachRow((row) => byLabel.set(textOf(rawOf(row.getCell(1).value)), textOf(rawOf(row.getCell(2).value))));
    try {
      const by = byLabel.get('分发方式');
      const candidate: KitIdentity = {
        version: byLabel.get('版本') ?? '',
        kitKey: byLabel.get('报送表编号') ?? '',
        town: byLabel.get('乡镇') ?? '',
        period: byLabel.get('期别') ?? '',
        by: (COLLECT_BY as readonly string[]).includes(by ?? '') ? (by as CollectBy) : '责任单位',
        unit: byLabel.get('单位') ?? '',
        codes: JSON.parse(byLabel.get('项目编号') ?? '[]') as string[],
        layoutHash: byLabel.get('表样校验码') ?? '',
      };
      if (
        Array.isArray(candidate.codes) &&
        identitySeal(candidate) === byLabel.get('标识校验码') &&
        (COLLECT_BY as readonly string[]).includes(by ?? '')
      )
        identity = candidate;
      else sealBroken = true;
    } catch {
      sealBroken = true;
    }
  }
  const ws = wb.getWorksheet(KIT_SHEET);
  let sheet: ReturnedKit['sheet'] = null;
  if (ws) {
    const width = Math.max(ws.columnCount, KIT_COLUMNS.length);
    const headers: string[] = [];
    for (let c = 1; c <= width; c++) headers.push(textOf(rawOf(ws.getCell(HEADER_ROW, c).value)));
    while (headers.length > KIT_COLUMNS.length && headers[headers.length - 1] === '') headers.pop();
    const codes: string[] = [];
    const rows: ReturnedRow[] = [];
    for (let r = FIRST_ROW; r <= ws.rowCount; r++) {
      const code = textOf(rawOf(ws.getCell(r, CODE_COLUMN).value));
      const cells = Object.fromEntries(
        INPUT_KEYS.map((k) => [k, rawOf(ws.getCell(r, columnOfInput(k)).value)]),
      ) as Record<InputKey, RawCell>;
      const empty =
        code === '' &&
        INPUT_KEYS.every((k) => textOf(cells[k]) === '') &&
        textOf(rawOf(ws.getCell(r, LOCKED_COLUMNS.name).value)) === '';
      if (empty) continue;
      codes.push(code);
      const locked = Object.fromEntries(
        Object.entries(LOCKED_COLUMNS).map(([k, c]) => [k, rawOf(ws.getCell(r, c).value)]),
      ) as Record<LockedKey, RawCell>;
      rows.push({ row: r, code, cells, locked });
    }
    sheet = { headers, codes, rows };
  }
  return { identity, sealBroken, keywordKey, sheetNames, sheet };
}

/**
 * What a unit changed in the layout, in words (empty when nothing): a column deleted, moved or renamed, a column
 * added, project rows deleted, added or moved. The kit's layout is the one its identity's checksum was made from.
 */
export function layoutChanges(identity: KitIdentity, sheet: NonNullable<ReturnedKit['sheet']>): string[] {
  const expected = KIT_COLUMNS.map((c) => c.header);
  if (layoutHash(KIT_SHEET, sheet.headers, sheet.codes) === identity.layoutHash) return [];
  const out: string[] = [];
  const actual = sheet.headers;
  const renamedAt = new Set<number>();
  // A header that is gone: renamed when an unknown header stands where it was, else deleted.
  expected.forEach((h, i) => {
    if (actual.includes(h)) return;
    const there = actual[i];
    if (there && !expected.includes(there) && !renamedAt.has(i)) {
      renamedAt.add(i);
      out.push(`${colLetter(i + 1)}列表头“${h}”被改为“${there}”`);
    } else out.push(`删除了“${h}”列（原${colLetter(i + 1)}列）`);
  });
  // Moved: the columns both have are not in the kit's order (a column shifted by a deletion is not a move).
  const kept = expected.filter((h) => actual.includes(h));
  const order = actual.filter((h) => expected.includes(h));
  kept.forEach((h, k) => {
    if (order[k] !== h)
      out.push(`“${h}”列从${colLetter(expected.indexOf(h) + 1)}列移到了${colLetter(actual.indexOf(h) + 1)}列`);
  });
  actual.forEach((h, i) => {
    if (h !== '' && !expected.includes(h) && !renamedAt.has(i)) out.push(`增加了“${h}”列（${colLetter(i + 1)}列）`);
  });
  if (out.length === 0) {
    const want = new Set(identity.codes);
    const have = new Set(sheet.codes);
    const gone = identity.codes.filter((c) => !have.has(c));
    const added = sheet.codes.filter((c) => !want.has(c));
    if (gone.length) out.push(`删除了项目编号为 ${gone.join('、')} 的行`);
    const addedCodes = added.filter((c) => c !== '');
    if (addedCodes.length) out.push(`增加了表中没有的项目编号 ${addedCodes.join('、')}`);
    // a row typed in below (or between) with no 项目编号 at all: named as such, not as an empty code
    const blank = added.length - addedCodes.length;
    if (blank) out.push(`增加了${blank}个没有项目编号的行`);
    if (!gone.length && !added.length) out.push('项目行的顺序被改动（行被移动或项目编号被改写）');
  }
  return out;
}
