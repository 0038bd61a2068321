/**
 * 报送收集 (issue 18): the month's fill-in workbooks for each 责任单位 (a project's 牵头单位) or 包联领导, the merge of
 * the files that come back, and the roster of who has returned.
 * - Make: one 报送表 per unit from the 月报 batch (monthlyReportBatch: the same rows, entries and 累计 the window shows),
 *   each kit recorded with its identity in one transaction, audit-logged.
 * - Merge: every file is matched by the identity inside it (never its name) and goes into its own kit's month (a
 *   late return of last month into last month) unless a month is asked for, its layout checked against the checksum,
 *   every input cell checked with the 月报's own rules (ReportRowSchema). The preview lists what is taken, what is
 *   refused (file, sheet, row, column, reason), what differs from the ledger and which files were altered, each file
 *   with its month. The merge itself takes a backup, then writes every month in one transaction through
 *   saveMonthlyReports — the same service as the 月报 window, so the figures, the lights, the figure store and the
 *   change log follow as for a clerk's own save. A file merged a second time finds nothing to change and writes nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { pushTo } from '../../../shared/domain/collections.ts';
import { refusedPlaces, returnReasons } from '../../../shared/domain/collect-report.ts';
import { addDays, todayIso } from '../../../shared/domain/dates.ts';
import { entriesEqual, investedBeforeStart, type ReportEntry } from '../../../shared/domain/dispatch.ts';
import { formatDateCn, formatPeriodCn } from '../../../shared/domain/display.ts';
import { FEN_PER_WAN, formatWan, formatWanExact, parseMoney } from '../../../shared/domain/money.ts';
import { addMonths } from '../../../shared/domain/period.ts';
import { reportDueDate } from '../../../shared/domain/schedule.ts';
import { labelOf } from '../../../shared/fields/registry.ts';
import {
  type CollectBy,
  type CollectMade,
  type CollectMergeReport,
  type CollectChase,
  type CollectNotice,
  type CollectPaperForms,
  type CollectRefusal,
  type Roster,
  type RosterEntry,
} from '../../../shared/schemas/collect.ts';
import {
  ReportRowSchema,
  type ReportBatch,
  type ReportBatchRow,
  type ReportRowRaw,
} from '../../../shared/schemas/monthly-report.ts';
import { appendChanges, type ChangeEntry } from '../audit/change-log.ts';
import { withBackupAhead, type TakeBackup } from '../backup/backup-ahead.ts';
import { nowIso, type Ctx } from '../context.ts';
import { AppError, validationError } from '../errors.ts';
import {
  buildKit,
  columnOfInput,
  HEADER_ROW,
  IDENTITY_SHEET,
  INPUT_KEYS,
  KIT_COLUMNS,
  KIT_SHEET,
  layoutChanges,
  LOCKED_COLUMNS,
  readReturn,
  type InputKey,
  type KitIdentity,
  type KitProject,
  type LockedKey,
  type RawCell,
  type ReturnedKit,
} from '../excel/kit/kit-workbook.ts';
import { sniff } from '../excel/import/sniff.ts';
import { columnLetter } from '../excel/letters.ts';
import { progressOf } from '../progress.ts';
import {
  chaseDocument,
  overdueNoticeDocument,
  paperFormDocument,
  type OverdueUnit,
} from '../printables/documents/collect-forms.ts';
import { printPdf } from '../printables/pdf-printer.ts';
import * as repo from '../repositories/collect.repository.ts';
import { activeProjects } from '../repositories/figures.repository.ts';
import { decodeBase64 } from './excel-import.service.ts';
import { lightRules } from './figures.service.ts';
import { assertPeriodOpen, periodClosedText, periodFigures } from './period.service.ts';
import { monthlyReportBatch, saveMonthlyReports } from './monthly-report.service.ts';
import { getTownSettings } from './town-settings.service.ts';

type BatchRow = ReportBatch['rows'][number];

/** 0.01万元 in 分: the finest amount a kit takes. */
const FEN_PER_CENT_WAN = FEN_PER_WAN / 100;

const NO_UNIT: Record<CollectBy, string> = { 责任单位: '未指定责任单位', 包联领导: '未指定包联领导' };

/** The code a kit row carries: the project's 编号, or its ledger id for a project that has none yet. */
const rowCode = (r: { code: string | null; projectId: number }) => r.code ?? `台账内码${r.projectId}`;

function townName(ctx: Ctx): string {
  const town = getTownSettings(ctx).townName;
  if (!town) throw validationError([{ path: 'town', message: '请先在“设置”中填写乡镇名称，报送表要写明是哪个乡镇的' }]);
  return town;
}

const safeFileName = (text: string) => text.replace(/[\\/:*?"<>|\s]+/g, '_');

/** The rows a month's kits hold: projects filled directly (not 汇总 parents) that owe a report or already have one. */
function kitRows(batch: ReportBatch): BatchRow[] {
  return batch.rows.filter((r) => !r.isParent && (r.mustReport || r.entry !== null));
}

interface KitPlan {
  town: string;
  deadline: string;
  contact: string;
  /** Each unit's projects as its kit holds them, pre-filled (编号, 名称, 年度计划, 截至上月累计, what is entered). */
  groups: Map<string, KitProject[]>;
}

/**
 * What the month's kits hold, unit by unit: the one place the pre-filled figures are taken, for the workbooks and
 * for the paper forms alike (issue 18: the same projects and figures on paper as in the unit's workbook).
 */
function kitPlan(
  ctx: Ctx,
  input: { period: string; by: CollectBy; deadline: string | null; contact: string | null },
): KitPlan {
  const { period, by } = input;
  const town = townName(ctx);
  const deadline = input.deadline ?? reportDueDate(period, lightRules(ctx));
  // a month's figures cannot be due before the month has begun (a mistyped year or month)
  if (deadline < `${period}-01`)
    throw validationError([
      {
        path: 'deadline',
        message: `截止日期（${formatDateCn(deadline)}）早于${formatPeriodCn(period)}，请检查年份和月份`,
      },
    ]);
  const settings = getTownSettings(ctx);
  // The signed-in operator is named; the CLI's own stand-in (命令行, no operator behind it) is not a person to call.
  const who = ctx.session.operatorId ? `\u3000${ctx.session.operator}` : '';
  const contact = input.contact ?? `${settings.filler ?? town}${who}`;
  const batch = monthlyReportBatch(ctx, period);
  const lastCum = lastMonthCum(ctx, period);
  const leaders = new Map(periodFigures(ctx, period).projects.map((p) => [p.id, p.leaderName]));
  const groups = new Map<string, KitProject[]>();
  for (const r of kitRows(batch)) {
    const unit = (by === '责任单位' ? r.leadOrgName : leaders.get(r.projectId)) ?? NO_UNIT[by];
    const project: KitProject = {
      code: rowCode(r),
      name: r.name,
      yearPlanFen: r.yearPlanFen,
      lastCumFen: lastCum.get(r.projectId) ?? r.priorFen,
      entry: r.entry,
    };
    groups.set(unit, [...(groups.get(unit) ?? []), project]);
  }
  if (groups.size === 0)
    throw new AppError('VALIDATION', `${formatPeriodCn(period)}没有需要填报月报的项目，未生成报送表`);
  return { town, deadline, contact, groups };
}

/** The month's kits, one per unit (or per 包联领导), recorded in one transaction. */
export async function makeKits(
  ctx: Ctx,
  input: { period: string; by: CollectBy; deadline: string | null; contact: string | null },
): Promise<CollectMade> {
  const { period, by } = input;
  assertPeriodOpen(ctx, period);
  const { town, deadline, contact, groups } = kitPlan(ctx, input);
  const kits: (CollectMade['kits'][number] & { identity: KitIdentity; prefilled: KitPrefilled })[] = [];
  let i = 0;
  for (const [unit, projects] of groups) {
    progressOf('生成报送表', i++, groups.size, 0, 90);
    const kitKey = randomUUID().replaceAll('-', '');
    const { bytes, identity } = await buildKit({ kitKey, town, period, by, unit, deadline, contact, projects });
    const fileName = `${safeFileName(`${town}${formatPeriodCn(period)}月报报送表-${unit}`)}.xlsx`;
    kits.push({
      kitKey,
      unit,
      projects: projects.length,
      fileName,
      base64: bytes.toString('base64'),
      identity,
      prefilled: prefilledOf(projects),
    });
  }
  ctx.db.tx(() => {
    const at = nowIso(ctx);
    const changes: ChangeEntry[] = [];
    for (const k of kits) {
      const id = repo.insertKit(ctx.db, {
        kit_key: k.kitKey,
        period,
        town,
        by_kind: by,
        unit_name: k.unit,
        project_codes: JSON.stringify(k.identity.codes),
        layout_hash: k.identity.layoutHash,
        deadline,
        file_name: k.fileName,
        issued_by: ctx.session.operator,
        issued_at: at,
        prefilled: JSON.stringify(k.prefilled),
      });
      changes.push({
        action: '新增',
        entity: 'collect_kit',
        entityId: id,
        field: `${period}.unit`,
        newValue: k.unit,
        reason: `发出${formatPeriodCn(period)}月报报送表（${by}：${k.unit}，${k.projects}个项目，截止${formatDateCn(deadline)}）`,
      });
    }
    appendChanges(ctx.db, ctx.session.operator, at, changes);
  });
  return { period, by, deadline, kits: kits.map(({ identity: _i, prefilled: _p, ...k }) => k) };
}

// ---------------------------------------------------------------------------------------------------
// Roster
// ---------------------------------------------------------------------------------------------------

interface ReturnFacts {
  kitId: number;
  byKind: string;
  unit: string;
  fileName: string;
  status: '已报' | '有误';
  at: string;
  /** why a 有误 return is wrong (null: none kept) */
  reasons: string[] | null;
}

/** Each unit the month's kits went to, with its latest return (those of this merge counted when given). */
function rosterOf(ctx: Ctx, period: string, pending: readonly ReturnFacts[] = []): RosterEntry[] {
  const kits = repo.kitsOfPeriod(ctx.db, period);
  const latestKit = new Map<string, repo.KitRow>();
  for (const k of kits) latestKit.set(`${k.by_kind}|${k.unit_name}`, k);
  const returns: ReturnFacts[] = repo.returnsOfPeriod(ctx.db, period).map((r) => ({
    kitId: r.kit_id,
    byKind: r.by_kind,
    unit: r.unit_name,
    fileName: r.file_name,
    status: r.status,
    at: r.merged_at,
    reasons: r.reasons ? (JSON.parse(r.reasons) as string[]) : null,
  }));
  const latestReturn = new Map<string, ReturnFacts>();
  for (const r of [...returns, ...pending]) latestReturn.set(`${r.byKind}|${r.unit}`, r);
  const today = todayIso(ctx.now());
  return [...latestKit.entries()].map(([key, k]) => {
    const r = latestReturn.get(key);
    const returnedAt = r ? todayIso(new Date(r.at)) : null;
    return {
      period,
      unit: k.unit_name,
      by: k.by_kind,
      status: r ? r.status : '未报',
      file: r?.fileName ?? null,
      returnedAt,
      deadline: k.deadline,
      projects: (JSON.parse(k.project_codes) as string[]).length,
      overdue: !r && today > k.deadline,
      late: returnedAt !== null && returnedAt > k.deadline,
      reasons: r?.status === '有误' ? r.reasons : null,
    };
  });
}

export function collectRoster(ctx: Ctx, period: string): Roster {
  const roster = rosterOf(ctx, period);
  const kits = repo.kitsOfPeriod(ctx.db, period);
  return { period, town: getTownSettings(ctx).townName ?? '', deadline: kits.at(-1)?.deadline ?? null, roster };
}

// ---------------------------------------------------------------------------------------------------
// Merge
// ---------------------------------------------------------------------------------------------------

const blank = (v: RawCell) => v === null || String(v).trim() === '';
const textCell = (v: RawCell): string | null => (blank(v) ? null : String(v));

const shown = (key: keyof ReportEntry, v: unknown): string | null =>
  v === null || v === undefined ? null : key === 'monthFen' ? `${formatWan(v as number)}万元` : String(v);

/** The fields of a 月报 that read differently in `after` than in `before` (as the preview shows them). */
const changedKeys = (before: ReportEntry, after: ReportEntry): (keyof ReportEntry)[] =>
  (Object.keys(after) as (keyof ReportEntry)[]).filter((k) => shown(k, before[k]) !== shown(k, after[k]));

/** The registry key of a 月报 field as the schema names it (monthFen is typed as monthWan). */
const inputKeyOf = (field: string): InputKey | null =>
  field === 'monthFen' ? 'monthWan' : (INPUT_KEYS as readonly string[]).includes(field) ? (field as InputKey) : null;

interface Accepted {
  file: string;
  unit: string;
  row: number;
  batchRow: BatchRow;
  raw: ReportRowRaw;
  entry: ReportEntry;
}

interface FileOutcome {
  file: string;
  sha: string;
  kit: repo.KitRow | null;
  identity: KitIdentity | null;
  refused: CollectRefusal[];
  /**
   * Rows of projects no longer in the ledger (deleted, or their 编号 changed, since the kit went out): not taken and
   * named with the refusals, but no error of the unit's — it cannot correct a locked row — so the rest is taken.
   */
  skipped: CollectRefusal[];
  altered: boolean;
  accepted: Accepted[];
  rejected: boolean;
  alreadyMerged: boolean;
  /** the very same file was merged before and refused (有误): checked again and its errors said, not recorded twice */
  refusedBefore: boolean;
  /** the workbook as read (its locked cells are compared with the ledger) */
  read?: ReturnedKit;
  /** why it is wrong, kept with the return: its refusals before the summary that the file is not taken */
  reasons?: string[];
}

const fileRefusal = (
  file: string,
  reason: string,
  sheet: string | null = null,
  row: number | null = null,
  column: string | null = null,
): CollectRefusal => ({ file, sheet, row, column, reason });

/** Matches one returned file to its kit and checks its layout; the cells are checked afterwards. */
function matchFile(
  ctx: Ctx,
  town: string,
  period: string | null,
  file: string,
  read: ReturnedKit,
  out: FileOutcome,
): void {
  const refuse = (
    reason: string,
    sheet: string | null = null,
    row: number | null = null,
    column: string | null = null,
  ) => {
    out.refused.push(fileRefusal(file, reason, sheet, row, column));
    out.rejected = true;
  };
  const { identity } = read;
  if (!identity) {
    const kit = read.keywordKey ? repo.findKitByKey(ctx.db, read.keywordKey) : undefined;
    if (kit && kit.town === town) {
      out.kit = kit;
      out.altered = true;
      refuse(
        read.sealBroken
          ? `报送表的隐藏标识被改动（${kit.unit_name}的${formatPeriodCn(kit.period)}报送表），无法确认表样，整份文件未导入，请用原表重新填报`
          : `报送表的隐藏标识工作表“${IDENTITY_SHEET}”被删除（${kit.unit_name}的${formatPeriodCn(kit.period)}报送表），整份文件未导入，请用原表重新填报`,
      );
    } else
      refuse(
        read.sealBroken
          ? '报送表的隐藏标识被改动，无法确认是哪个单位、哪个月的报送表，整份文件未导入'
          : '不是本系统发出的报送表（找不到报送标识），请用镇里发出的报送表填报',
      );
    return;
  }
  if (identity.town !== town) return refuse(`本文件是${identity.town}的报送表，不属于本台账（${town}），未导入`);
  const kit = repo.findKitByKey(ctx.db, identity.kitKey);
  if (!kit)
    return refuse(
      `本台账没有发出过这份报送表（${identity.unit}，${formatPeriodCn(identity.period)}），可能来自另一份台账，未导入`,
    );
  out.kit = kit;
  out.identity = identity;
  if (
    kit.period !== identity.period ||
    kit.unit_name !== identity.unit ||
    kit.layout_hash !== identity.layoutHash ||
    kit.project_codes !== JSON.stringify(identity.codes)
  ) {
    out.altered = true;
    return refuse('报送表的隐藏标识与镇里发出时不一致，整份文件未导入，请用原表重新填报');
  }
  if (period && identity.period !== period)
    return refuse(
      `本文件是${formatPeriodCn(identity.period)}的报送表，本次收集的是${formatPeriodCn(period)}，未导入（请与${formatPeriodCn(identity.period)}的报送表另行合并）`,
    );
  // The very same file again (a folder merged once more as new returns arrive): taken once only, so a figure corrected
  // in the window since then is not overwritten by the old file.
  const before = repo.findReturn(ctx.db, kit.id, out.sha);
  // A file refused before (有误) and presented again is checked again, so its errors are said once more: nothing
  // of it was ever taken.
  if (before?.status === '有误') out.refusedBefore = true;
  else if (before) {
    out.alreadyMerged = true;
    return refuse(`这份文件已于${formatDateCn(todayIso(new Date(before.merged_at)))}合并过（内容相同），未重复导入`);
  }
  if (!read.sheet) {
    out.altered = true;
    return refuse(
      `找不到“${KIT_SHEET}”工作表（被删除或改名；文件中现有：${read.sheetNames.filter((n) => n !== IDENTITY_SHEET).join('、') || '无'}），整份文件未导入，请用原表重新填报`,
    );
  }
  const changes = layoutChanges(identity, read.sheet);
  if (changes.length) {
    out.altered = true;
    for (const c of changes) refuse(`表样被改动：${c}。整份文件未导入，请用原表重新填报`, KIT_SHEET, HEADER_ROW, null);
  }
}

/**
 * A returned kit saved in another format, and what to do. A unit that saved the kit as .xls (WPS's and old
 * Excel's default) or .ods (LibreOffice's) loses the kit's hidden identity and protection, so the file cannot be
 * taken; it says how to save it again instead of calling a valid spreadsheet damaged.
 */
async function savedInAnotherFormat(bytes: Uint8Array): Promise<string | null> {
  const found = await sniff(bytes);
  if (found.kind === 'cfb')
    return '这份报送表被另存成了 .xls 格式（或加了密码），无法核对表样；请在 Excel 或 WPS 中打开镇里发出的原表填报，保存为 .xlsx（Excel 工作簿）后交回';
  if (found.kind === 'zip' && found.entries.includes('content.xml') && !found.entries.includes('[Content_Types].xml'))
    return '这份报送表被另存成了 .ods 格式（LibreOffice/WPS 的开放文档），无法核对表样；请在原表中填报，保存为 .xlsx（Excel 工作簿）后交回';
  return null;
}

/** Checks every input cell of a matched file with the 月报's rules; accepted rows are collected for the one write. */
function checkCells(
  read: ReturnedKit,
  out: FileOutcome,
  byCode: Map<string, BatchRow>,
  taken: Map<number, string>,
): void {
  const file = out.file;
  for (const r of read.sheet!.rows) {
    const row = byCode.get(r.code);
    const cells = r.cells;
    if (INPUT_KEYS.every((k) => blank(cells[k]))) continue; // a row left empty: not reported this month
    const cellRef = (key: InputKey | null) => (key ? columnLetter(columnOfInput(key) - 1) : null);
    if (!row) {
      const name = textCell(r.locked.name);
      out.skipped.push(
        fileRefusal(
          file,
          `项目编号“${r.code}”${name ? `（${name}）` : ''}在台账中已不存在（项目已删除或编号已改），本行未采用，本表其他项目照常采用`,
          KIT_SHEET,
          r.row,
          'B',
        ),
      );
      continue;
    }
    const where = `项目“${row.name}”`;
    const raw: ReportRowRaw = {
      projectId: row.projectId,
      monthWan: typeof cells.monthWan === 'number' ? cells.monthWan : textCell(cells.monthWan),
      imageText: textCell(cells.imageText),
      imagePct: typeof cells.imagePct === 'number' ? cells.imagePct : textCell(cells.imagePct),
      issues: textCell(cells.issues),
      nextSteps: textCell(cells.nextSteps),
      needs: textCell(cells.needs),
    };
    const parsed = ReportRowSchema.safeParse({ ...raw, monthFen: raw.monthWan ?? '' });
    if (!parsed.success) {
      for (const is of parsed.error.issues) {
        const key = inputKeyOf(String(is.path[0] ?? ''));
        const label = key ? labelOf('progress', key) : '';
        const msg = label && !is.message.includes(label) ? `“${label}”${is.message}` : is.message;
        out.refused.push(fileRefusal(file, `${where}：${msg}`, KIT_SHEET, r.row, cellRef(key)));
      }
      continue;
    }
    const { projectId: _id, ...entry } = parsed.data;
    // The kit asks for 万元 with two decimals (its validation and 填报说明 say so): a finer figure was typed past them.
    if (entry.monthFen % FEN_PER_CENT_WAN !== 0) {
      const typed = String(cells.monthWan);
      // "12元" is read as 0.0012万元: say that it is in 元, not that it has too many decimals
      const why =
        /元\s*$/.test(typed) && !/万元\s*$/.test(typed)
          ? `“${typed}”是以元填写的（折合${formatWanExact(entry.monthFen)}万元），请以万元填写，最多两位小数`
          : `最多两位小数（单位万元），“${typed}”小数位过多`;
      out.refused.push(
        fileRefusal(
          file,
          `${where}：“${labelOf('progress', 'monthWan')}”${why}`,
          KIT_SHEET,
          r.row,
          cellRef('monthWan'),
        ),
      );
      continue;
    }
    if (row.state === '已报送' && !entriesEqual(entry, row.entry)) {
      // the cells that differ from what was submitted, named, and the first of them as the refusal's column
      const keys = row.entry ? changedKeys(row.entry, entry).map((k) => inputKeyOf(k)!) : [];
      const named = keys.map((k) => `“${labelOf('progress', k)}”`).join('、');
      out.refused.push(
        fileRefusal(
          file,
          `${where}：本月月报已报送${named ? `，${named}与已报送的不同` : ''}，如需修改请先由审核人退回`,
          KIT_SHEET,
          r.row,
          cellRef(keys[0] ?? null),
        ),
      );
      continue;
    }
    const other = taken.get(row.projectId);
    if (other !== undefined) {
      out.refused.push(
        fileRefusal(file, `${where}：在“${other}”中已经填报过，同一项目只取一份`, KIT_SHEET, r.row, null),
      );
      continue;
    }
    taken.set(row.projectId, file);
    out.accepted.push({ file, unit: out.kit!.unit_name, row: r.row, batchRow: row, raw, entry });
  }
}

/** 截至上月累计 by project: last month's 开工以来累计, from the one place figures are computed (the kit's and the check's). */
function lastMonthCum(ctx: Ctx, period: string): Map<number, number> {
  return new Map(periodFigures(ctx, addMonths(period, -1)).projects.map((p) => [p.id, p.cumFen]));
}

/** What a kit held in its locked cells, by project code, as issued (collect_kit.prefilled, migration 0013). */
/** `filled`: the row went out with the month's figures in it (absent in kits issued before it was kept). */
type KitPrefilled = Record<string, { name: string; yearPlanFen: number; lastCumFen: number; filled?: boolean }>;

const prefilledOf = (projects: readonly KitProject[]): KitPrefilled =>
  Object.fromEntries(
    projects.map((p) => [
      p.code,
      { name: p.name, yearPlanFen: p.yearPlanFen, lastCumFen: p.lastCumFen, filled: p.entry !== null },
    ]),
  );

/**
 * The locked cells a unit changed anyway (a copy saved without its protection, a script): 项目名称, 年度计划 and
 * 截至上月累计 are never taken from a return, but a unit that disputes them must be heard, so each one that differs
 * from what its kit was sent with is listed among the differences, marked 未采用. Compared with the kit as issued,
 * not with the ledger now: a 年度计划 the clerk corrected after the kits went out is not a change the unit made.
 * Kits issued before the ledger kept that (prefilled null) are compared with the ledger, the only record there is.
 */
function lockedCellsChanged(
  ctx: Ctx,
  period: string,
  outcomes: readonly FileOutcome[],
  byCode: ReadonlyMap<string, BatchRow>,
): CollectMergeReport['differences'] {
  const read = outcomes.filter((o) => o.read && !o.rejected && !o.alreadyMerged);
  if (read.length === 0) return [];
  let ledgerCum: Map<number, number> | null = null;
  const heldByLedger = (row: BatchRow) => {
    ledgerCum ??= lastMonthCum(ctx, period);
    return { name: row.name, yearPlanFen: row.yearPlanFen, lastCumFen: ledgerCum.get(row.projectId) ?? row.priorFen };
  };
  const header = (k: LockedKey) => KIT_COLUMNS[LOCKED_COLUMNS[k] - 1]!.header.replace(/[（(]万元[)）]$/, '');
  const out: CollectMergeReport['differences'] = [];
  for (const o of read) {
    const issued = o.kit?.prefilled ? (JSON.parse(o.kit.prefilled) as KitPrefilled) : null;
    for (const r of o.read!.sheet?.rows ?? []) {
      const row = byCode.get(r.code);
      if (!row) continue;
      const held = issued?.[r.code] ?? heldByLedger(row);
      const sent: Record<LockedKey, string> = {
        name: held.name,
        yearPlan: `${formatWan(held.yearPlanFen)}万元`,
        lastCum: `${formatWan(held.lastCumFen)}万元`,
      };
      for (const k of Object.keys(LOCKED_COLUMNS) as LockedKey[]) {
        const cell = r.locked[k];
        let file: string;
        if (k === 'name') file = textCell(cell) ?? '';
        else {
          const m = parseMoney(cell ?? '', '万元');
          file = m.ok ? `${formatWan(m.fen)}万元` : String(cell ?? '');
        }
        if (file !== sent[k])
          out.push({
            file: o.file,
            code: r.code,
            name: row.name,
            field: `${header(k)}（锁定格，未采用）`,
            before: sent[k],
            after: file,
          });
      }
    }
  }
  return out;
}

/**
 * Rows the kit sent out filled in (the month's report was entered before it was made) that came back with every
 * input empty: an empty row is not a report, so nothing is taken and the ledger keeps its figures, but a unit that
 * cleared the row may have meant to withdraw them, so each is listed among the differences. A row that went out
 * empty and came back empty says nothing, whatever the ledger got since.
 */
function clearedRows(
  outcomes: readonly FileOutcome[],
  byCode: ReadonlyMap<string, BatchRow>,
): CollectMergeReport['differences'] {
  const out: CollectMergeReport['differences'] = [];
  for (const o of outcomes) {
    if (!o.read || o.rejected || o.alreadyMerged || !o.kit?.prefilled) continue;
    const issued = JSON.parse(o.kit.prefilled) as KitPrefilled;
    for (const r of o.read.sheet?.rows ?? []) {
      const row = byCode.get(r.code);
      if (!issued[r.code]?.filled || !row?.entry || !INPUT_KEYS.every((k) => blank(r.cells[k]))) continue;
      out.push({
        file: o.file,
        code: r.code,
        name: row.name,
        field: '整行（交回时为空，未采用，台账保留原数）',
        before: `${labelOf('progress', 'monthWan')}${shown('monthFen', row.entry.monthFen)}`,
        after: null,
      });
    }
  }
  return out;
}

type MergeInput = { returns: { fileName: string; base64: string }[]; period?: string; dryRun: boolean };

export async function mergeReturns(ctx: Ctx, input: MergeInput): Promise<CollectMergeReport> {
  if (input.dryRun) return mergeRead(ctx, input, null);
  // The copy kept before the merge writes is made while the returned files are read; removed if it writes nothing.
  return withBackupAhead(ctx, '导入前', (take) => mergeRead(ctx, input, take));
}

/**
 * 累计超总投资 once a return's 本月 replaces the month's: the 月报's own flag, said before the merge writes.
 * `earlierFen`: what the merge changes in the project's earlier months (a two-month merge: October's new 本月 moves
 * November's 开工以来累计, which November's rows were read without).
 */
function overTotalWarning(r: ReportBatchRow, monthFen: number, earlierFen: number): string | null {
  const cumFen = r.cumFen - r.monthFen + monthFen + earlierFen;
  if (r.totalFen <= 0 || cumFen <= r.totalFen) return null;
  return `累计超总投资：开工以来累计将为${formatWan(cumFen)}万元，总投资${formatWan(r.totalFen)}万元`;
}

/**
 * The kit a returned file is (this town's, sent from this ledger; found by the identity inside, or by the key kept in
 * the file's properties when the identity was removed), whose month the file goes to when none is asked for: a late
 * October return merged after November's kits went out is October's. Null: no kit of this ledger (matchFile says why).
 */
function kitOf(ctx: Ctx, town: string, read: ReturnedKit): repo.KitRow | null {
  const key = read.identity ? (read.identity.town === town ? read.identity.kitKey : null) : read.keywordKey;
  const kit = key ? repo.findKitByKey(ctx.db, key) : undefined;
  return kit?.town === town ? kit : null;
}

type PendingReturn = ReturnFacts & { sha: string; accepted: number; refused: number };

/** One month's part of a merge: its files checked against its 月报 batch, what is taken and what it records. */
interface MonthMerge {
  period: string;
  accepted: Accepted[];
  /** the accepted rows that change the ledger */
  toWrite: Accepted[];
  differences: CollectMergeReport['differences'];
  /** the returns recorded for the month's kits (files matched to one; altered ones count as 有误) */
  pending: PendingReturn[];
  /** rows the write changed (the rows it would change, in a dry run) */
  changed: number;
}

/**
 * Checks the files of one month: each matched to its kit and its cells checked with the 月报's rules against the
 * month's batch, one project taken once in the month. Nothing is written here.
 */
function checkMonth(ctx: Ctx, town: string, period: string, files: readonly FileOutcome[], at: string): MonthMerge {
  const batch = monthlyReportBatch(ctx, period);
  const byCode = new Map(batch.rows.filter((r) => !r.isParent).map((r) => [rowCode(r), r]));
  const taken = new Map<number, string>();
  for (const out of files) {
    matchFile(ctx, town, period, out.file, out.read!, out);
    if (!out.rejected) checkCells(out.read!, out, byCode, taken);
    // A return with a wrong cell is taken whole or not at all, as an import is: nothing of it is written, and the
    // unit corrects it and sends it again (or the clerk types the month in the 月报 window).
    if (out.refused.length && out.accepted.length) {
      const held = out.accepted.length;
      out.accepted = [];
      out.reasons = returnReasons(out.refused);
      out.refused.push(
        fileRefusal(
          out.file,
          `有${out.refused.length}处错误，整份文件未采用（其余${held}个项目的数字也未写入），请改正后重新交回`,
        ),
      );
    }
  }
  const accepted = files.flatMap((o) => o.accepted);
  const toWrite = accepted.filter((a) => !entriesEqual(a.entry, a.batchRow.entry));
  const differences = accepted.flatMap((a) => {
    const before = a.batchRow.entry;
    if (!before) return [];
    return changedKeys(before, a.entry).map((k) => ({
      file: a.file,
      code: rowCode(a.batchRow),
      name: a.batchRow.name,
      field: labelOf('progress', k === 'monthFen' ? 'monthWan' : k),
      before: shown(k, before[k]),
      after: shown(k, a.entry[k]),
    }));
  });
  // A kit sent back with every input left empty is not a return: the unit stays 未报 on the roster and in the 督办通知.
  const recorded = files.filter(
    (o) =>
      o.kit &&
      o.kit.period === period &&
      !o.alreadyMerged &&
      !o.refusedBefore &&
      (o.altered || (o.identity && (o.accepted.length > 0 || o.refused.length > 0 || o.skipped.length > 0))),
  );
  return {
    period,
    accepted,
    toWrite,
    differences: [...differences, ...lockedCellsChanged(ctx, period, files, byCode), ...clearedRows(files, byCode)],
    pending: recorded.map((o) => ({
      kitId: o.kit!.id,
      byKind: o.kit!.by_kind,
      unit: o.kit!.unit_name,
      fileName: o.file,
      status: o.refused.length ? '有误' : '已报',
      at,
      reasons: o.refused.length ? (o.reasons ?? returnReasons(o.refused)) : null,
      sha: o.sha,
      accepted: o.accepted.length,
      refused: refusedPlaces(o.refused),
    })),
    changed: toWrite.length,
  };
}

/** Writes one month's part of a merge (inside the merge's transaction): its 月报 through the 月报 service, its returns. */
function writeMonth(ctx: Ctx, m: MonthMerge, at: string): void {
  if (m.toWrite.length)
    m.changed = saveMonthlyReports(
      ctx,
      m.period,
      m.toWrite.map((a) => a.raw),
    ).changed;
  const changes: ChangeEntry[] = [];
  for (const p of m.pending) {
    const id = repo.insertReturn(ctx.db, {
      kit_id: p.kitId,
      file_name: p.fileName,
      file_sha256: p.sha,
      status: p.status,
      accepted: p.accepted,
      refused: p.refused,
      merged_by: ctx.session.operator,
      merged_at: at,
      reasons: p.reasons ? JSON.stringify(p.reasons) : null,
    });
    changes.push({
      action: '导入',
      entity: 'collect_return',
      entityId: id,
      field: `${m.period}.status`,
      newValue: p.status,
      reason: `合并${p.unit}交回的${formatPeriodCn(m.period)}报送表“${p.fileName}”：采用${p.accepted}个项目，${p.refused ? `${p.refused}处未采用` : '无错误'}`,
    });
  }
  appendChanges(ctx.db, ctx.session.operator, at, changes);
}

async function mergeRead(
  ctx: Ctx,
  input: MergeInput,
  /** null: a dry run (nothing is written) */
  takeBackup: TakeBackup | null,
): Promise<CollectMergeReport> {
  const town = townName(ctx);
  const outcomes: FileOutcome[] = [];
  const seenSha = new Map<string, string>();
  for (const [i, f] of input.returns.entries()) {
    progressOf('读取交回的报送表', i, input.returns.length, 0, 40);
    const bytes = decodeBase64(f.base64);
    const out: FileOutcome = {
      file: f.fileName,
      sha: createHash('sha256').update(bytes).digest('hex'),
      kit: null,
      identity: null,
      refused: [],
      skipped: [],
      altered: false,
      accepted: [],
      rejected: false,
      alreadyMerged: false,
      refusedBefore: false,
    };
    outcomes.push(out);
    const twin = seenSha.get(out.sha);
    if (twin !== undefined) {
      out.rejected = true;
      out.alreadyMerged = true;
      out.refused.push(fileRefusal(f.fileName, `与本次选择的“${twin}”内容完全相同，未重复导入`));
      continue;
    }
    seenSha.set(out.sha, f.fileName);
    const otherFormat = await savedInAnotherFormat(bytes);
    const read: ReturnedKit | null = otherFormat ? null : await readReturn(bytes).catch(() => null);
    out.read = read ?? undefined;
    if (!read) {
      out.rejected = true;
      out.refused.push(fileRefusal(f.fileName, otherFormat ?? '无法读取：不是 Excel 工作簿（.xlsx），或文件已损坏'));
      continue;
    }
  }
  const asked = input.period ?? null;
  // A month asked for and closed since its kits went out takes no return: said by the preview too, not first by
  // the merge's write (the 月报 service refuses it there), and its roster is left as it was closed.
  if (asked) assertPeriodOpen(ctx, asked);
  const anyKit = asked !== null || repo.latestKitPeriod(ctx.db) !== null;
  // Each file goes to the month asked for (where one of another month is refused), else to its own kit's month.
  const byMonth = new Map<string | null, FileOutcome[]>();
  for (const out of outcomes) {
    if (out.rejected || !out.read) continue;
    if (!anyKit) {
      out.rejected = true;
      out.refused.push(fileRefusal(out.file, '本台账还没有发出过报送表，无法合并'));
      continue;
    }
    const month = asked ?? kitOf(ctx, town, out.read)?.period ?? null;
    pushTo(byMonth, month, out);
  }
  // No kit of this ledger: matchFile says why (another town's, not a kit, one this ledger never sent).
  for (const out of byMonth.get(null) ?? []) matchFile(ctx, town, null, out.file, out.read!, out);
  const at = nowIso(ctx);
  const months: MonthMerge[] = [];
  for (const period of [...byMonth.keys()].filter((k): k is string => k !== null).sort()) {
    const files = byMonth.get(period)!;
    // A late return of a month closed since (or before a closed one) is refused on its own; the other months go on.
    const closed = asked ? null : periodClosedText(ctx, period);
    if (closed) {
      for (const out of files) {
        out.kit = kitOf(ctx, town, out.read!); // named with its unit and month
        out.rejected = true;
        out.refused.push(fileRefusal(out.file, `本文件是${formatPeriodCn(period)}的报送表，${closed}；未导入`));
      }
      continue;
    }
    months.push(checkMonth(ctx, town, period, files, at));
  }

  let backupFile: string | null = null;
  const writing = months.filter((m) => m.toWrite.length > 0 || m.pending.length > 0);
  if (takeBackup && writing.length > 0) {
    backupFile = (await takeBackup()).file;
    // One transaction for all the months, as one backup before it: a merge is one act of the clerk's, so a failure
    // in any month leaves every month as it was (no October merged without its November), and the same files merged
    // again are known file by file. Months in order: October's figures are written before November's read them.
    ctx.db.tx(() => {
      for (const m of writing) writeMonth(ctx, m, at);
    });
  }
  const period = asked ?? months.at(-1)?.period ?? repo.latestKitPeriod(ctx.db);
  const roster = months.length
    ? months.flatMap((m) => rosterOf(ctx, m.period, input.dryRun ? m.pending : []))
    : period
      ? rosterOf(ctx, period)
      : [];
  // Months in order (as written): each row's warning counts the project's earlier months as merged. 有投资未开工 is
  // said as the 月报 save says it (investedBeforeStart), before the merge writes the amount.
  const movedFen = new Map<number, number>();
  const actStart = new Map(activeProjects(ctx.db).map((p) => [p.id, p.act_start]));
  const accepted = months.flatMap((m) =>
    m.accepted.map((a) => {
      const id = a.batchRow.projectId;
      const said = [
        overTotalWarning(a.batchRow, a.entry.monthFen, movedFen.get(id) ?? 0),
        investedBeforeStart(actStart.get(id) ?? null, m.period, a.entry.monthFen),
      ].filter((w): w is string => w !== null);
      const warning = said.length ? said.join('；') : null;
      movedFen.set(id, (movedFen.get(id) ?? 0) + a.entry.monthFen - a.batchRow.monthFen);
      return { ...a, period: m.period, warning };
    }),
  );
  return {
    period,
    months: months.map((m) => ({ period: m.period, accepted: m.accepted.length, changed: m.changed })),
    dryRun: input.dryRun,
    accepted: accepted.length,
    changed: months.reduce((a, m) => a + m.changed, 0),
    acceptedRows: accepted.map((a) => ({
      period: a.period,
      file: a.file,
      unit: a.unit,
      row: a.row,
      code: rowCode(a.batchRow),
      name: a.batchRow.name,
      monthFen: a.entry.monthFen,
      warning: a.warning,
    })),
    refused: outcomes.flatMap((o) => [...o.skipped, ...o.refused]),
    altered: outcomes.filter((o) => o.altered).map((o) => o.file),
    differences: months.flatMap((m) => m.differences),
    files: outcomes.map((o) => ({
      file: o.file,
      unit: o.kit?.unit_name ?? null,
      period: o.kit?.period ?? o.identity?.period ?? null,
      status: o.alreadyMerged
        ? '已合并过'
        : o.rejected
          ? '拒收'
          : o.refused.length
            ? '有误'
            : o.accepted.length || o.skipped.length
              ? '已报'
              : '未填写',
    })),
    roster,
    backupFile,
  };
}

// ---------------------------------------------------------------------------------------------------
// Printed: the paper 填报表 and the 督办通知
// ---------------------------------------------------------------------------------------------------

/**
 * One PDF per unit for units that fill on paper: the kits' projects and pre-filled figures from kitPlan (the same
 * function the workbooks are filled from). Without a deadline given, the one the month's kits went out with.
 */
export async function paperForms(
  ctx: Ctx,
  input: { period: string; by: CollectBy; deadline: string | null; contact: string | null },
): Promise<CollectPaperForms> {
  const { period, by } = input;
  assertPeriodOpen(ctx, period);
  const issued = repo
    .kitsOfPeriod(ctx.db, period)
    .filter((k) => k.by_kind === by)
    .at(-1);
  const { town, deadline, contact, groups } = kitPlan(ctx, {
    ...input,
    deadline: input.deadline ?? issued?.deadline ?? null,
  });
  const forms: CollectPaperForms['forms'] = [];
  let i = 0;
  for (const [unit, projects] of groups) {
    progressOf('生成纸质填报表', i++, groups.size, 0, 100);
    const doc = paperFormDocument({ town, period, by, unit, deadline, contact, projects });
    const pdf = await printPdf(ctx, doc.html);
    forms.push({
      unit,
      projects: projects.length,
      fileName: `${safeFileName(`${town}${formatPeriodCn(period)}月报填报表-${unit}`)}.pdf`,
      base64: pdf.toString('base64'),
    });
  }
  return { period, by, deadline, forms };
}

/** The 催报单 of a month: every unit not 已报 on the roster, as PDF through the printer port. */
export async function chaseList(ctx: Ctx, period: string): Promise<CollectChase> {
  const town = townName(ctx);
  const rows = rosterOf(ctx, period).filter((r) => r.status !== '已报');
  const doc = chaseDocument({ town, period, issued: todayIso(ctx.now()), sender: `${town}党政办公室`, rows });
  const pdf = await printPdf(ctx, doc.html);
  return {
    period,
    rows,
    title: doc.title,
    html: doc.html,
    fileName: `${safeFileName(`${town}${formatPeriodCn(period)}月报催报单`)}.pdf`,
    base64: pdf.toString('base64'),
  };
}

/**
 * The 督办通知: a page for each unit of the roster that has not returned (or returned with errors) after its deadline.
 * It names the projects of the unit's kit that still have no report for the month; when all have figures already
 * (entered in the office meanwhile) the kit itself is still owed, so it names all of the kit's projects.
 */
export async function overdueNotice(
  ctx: Ctx,
  input: { period: string; replyBy: string | null },
): Promise<CollectNotice> {
  const { period } = input;
  const town = townName(ctx);
  const today = todayIso(ctx.now());
  const replyBy = input.replyBy ?? addDays(today, 3);
  if (replyBy < today)
    throw validationError([{ path: 'replyBy', message: `回复期限（${formatDateCn(replyBy)}）不能早于今天` }]);
  const latestKit = new Map<string, repo.KitRow>();
  for (const k of repo.kitsOfPeriod(ctx.db, period)) latestKit.set(`${k.by_kind}|${k.unit_name}`, k);
  const byCode = new Map(
    monthlyReportBatch(ctx, period)
      .rows.filter((r) => !r.isParent)
      .map((r) => [rowCode(r), r]),
  );
  const units: OverdueUnit[] = [];
  for (const r of rosterOf(ctx, period)) {
    if (r.status === '已报' || today <= r.deadline) continue;
    const kit = latestKit.get(`${r.by}|${r.unit}`)!;
    const rows = (JSON.parse(kit.project_codes) as string[])
      .map((code) => byCode.get(code))
      .filter((row): row is BatchRow => row !== undefined);
    const missing = rows.filter((row) => row.entry === null);
    const projects = (missing.length ? missing : rows).map((row) => ({ code: rowCode(row), name: row.name }));
    units.push({ unit: r.unit, by: r.by, status: r.status, deadline: r.deadline, projects });
  }
  const sender = `${town}党政办公室`;
  const doc = overdueNoticeDocument({ town, period, issued: today, replyBy, sender, units });
  const pdf = await printPdf(ctx, doc.html);
  return {
    period,
    replyBy,
    units,
    title: doc.title,
    html: doc.html,
    fileName: `${safeFileName(`${town}${formatPeriodCn(period)}月报督办通知`)}.pdf`,
    base64: pdf.toString('base64'),
  };
}
