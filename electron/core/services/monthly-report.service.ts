/**
 * 月报 (monthly reports): the batch screen's rows, saving a whole batch in one transaction, and the
 * 草稿 → 已报送 → 退回 states. The derived columns (累计, 占年度计划%) and the lights come from
 * periodFigures; nothing here computes them a second way.
 */
import {
  entriesEqual,
  investedBeforeStart,
  sameAsLastMonth,
  type ReportEntry,
} from '../../../shared/domain/dispatch.ts';
import { formatWan, formatWanExact } from '../../../shared/domain/money.ts';
import { formatInstantCn } from '../../../shared/domain/display.ts';
import { addMonths } from '../../../shared/domain/period.ts';
import { owesReport, reportDueDate } from '../../../shared/domain/schedule.ts';
import type { FieldIssue } from '../../../shared/ipc/result.ts';
import { labelOf } from '../../../shared/fields/registry.ts';
import { ReportRowSchema, type ReportBatch, type ReportRowRaw } from '../../../shared/schemas/monthly-report.ts';
import { appendChanges, type ChangeEntry } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { validationError } from '../errors.ts';
import { activeProjects } from '../repositories/figures.repository.ts';
import * as periodRepo from '../repositories/period.repository.ts';
import * as repo from '../repositories/monthly-report.repository.ts';
import { reportsPastDue } from './figures.service.ts';
import {
  assertPeriodBegun,
  assertPeriodOpen,
  periodFigures,
  periodLightRules,
  periodNotBegunText,
  periodStatus,
  recordPeriodLights,
} from './period.service.ts';

const toEntry = (r: repo.ProgressRow | undefined): ReportEntry | null =>
  r
    ? {
        monthFen: r.month_fen,
        imageText: r.image_text,
        imagePct: r.image_pct,
        issues: r.issues,
        nextSteps: r.next_steps,
        needs: r.needs,
      }
    : null;

/** Which rows of the batch to give: a page in the batch's order, and/or just these projects; the ordered ids of all. */
export interface BatchSlice {
  page?: { offset: number; limit: number } | undefined;
  projectIds?: readonly number[] | undefined;
  /** With the ordered ids of every row (the sheet pages the rows in by index). */
  ids?: boolean | undefined;
  /** With the ids whose report awaits 报送 (read when 报送 is clicked: it reads every row's state). */
  pending?: boolean | undefined;
}

/**
 * The batch screen of a period. Without a slice: every row (CLI, exports, tests). With a page or project ids: only
 * those rows, and `rowsTotal` — the 月报 sheet of a county (20 000 projects) reads the rows in view, a page at a time.
 */
export function monthlyReportBatch(ctx: Ctx, period: string, slice: BatchSlice = {}): ReportBatch {
  const f = periodFigures(ctx, period);
  const lastPeriod = addMonths(period, -1);
  const wanted = slice.projectIds && new Set(slice.projectIds);
  const listed = wanted ? f.projects.filter((p) => wanted.has(p.id)) : f.projects;
  const shown = slice.page ? listed.slice(slice.page.offset, slice.page.offset + slice.page.limit) : listed;
  // the 月报 of the rows given only (a page reads 30 rows of progress, not the county's 20 000 twice)
  const whole = shown === f.projects;
  const shownIds = shown.map((p) => p.id);
  const current = new Map(
    (whole ? repo.progressOfPeriod(ctx.db, period) : repo.progressOfProjects(ctx.db, period, shownIds)).map((r) => [
      r.project_id,
      r,
    ]),
  );
  const last = new Map(
    (whole ? repo.progressOfPeriod(ctx.db, lastPeriod) : repo.progressOfProjects(ctx.db, lastPeriod, shownIds)).map(
      (r) => [r.project_id, r],
    ),
  );
  // a closed month's 截止 is the one its 填报 lights were judged by (kept at the close), not today's rules'
  const rules = periodLightRules(ctx, period).rules;
  const dueDate = reportDueDate(period, rules);
  const pastDue = reportsPastDue(ctx, period, rules);
  const sliced = !!(slice.page || slice.projectIds);
  return {
    period,
    lastPeriod,
    dueDate,
    pastDue,
    notBegun: periodNotBegunText(ctx, period),
    status: periodStatus(ctx, period),
    session: { operator: ctx.session.operator, role: ctx.session.role },
    ...(sliced ? { rowsTotal: listed.length } : {}),
    ...(slice.ids ? { ids: f.projects.map((p) => p.id) } : {}),
    ...(slice.pending ? { pendingIds: awaitingSubmit(ctx, period, f.projects) } : {}),
    rows: shown.map((p) => {
      const row = current.get(p.id);
      const entry = toEntry(row);
      const lastEntry = toEntry(last.get(p.id));
      const owes = owesReport(p, period);
      const flags = [...p.flags];
      if (sameAsLastMonth(entry, lastEntry)) flags.unshift('与上月雷同');
      if (row && investedBeforeStart(p.actStart, period, row.month_fen)) flags.push('有投资未开工');
      if (pastDue && owes && row?.state !== '已报送') flags.unshift(row ? '未报送' : '未填报');
      return {
        projectId: p.id,
        code: p.code,
        name: p.name,
        parentId: p.parentId,
        isParent: p.isParent,
        leadOrgName: p.leadOrgName,
        totalFen: p.totalFen,
        yearPlanFen: p.yearPlanFen,
        priorFen: p.priorFen,
        monthFen: p.monthFen,
        ytdFen: p.ytdFen,
        cumFen: p.cumFen,
        ytdPct: p.ytdPct,
        mustReport: owes,
        last: lastEntry,
        entry,
        state: (row?.state ?? null) as ReportBatch['rows'][number]['state'],
        filledBy: row?.filled_by ?? null,
        filledAt: row?.filled_at ?? null,
        reviewedBy: row?.reviewed_by ?? null,
        returnReason: row?.return_reason ?? null,
        updatedAt: row?.updated_at ?? null,
        flags,
        level: p.level,
        levelReason: p.levelReason,
        lights: p.lights,
      };
    }),
  };
}

/** The projects of the batch, in its order, whose report of the period is 草稿 or 退回: what 报送 sends when nothing is ticked. */
function awaitingSubmit(ctx: Ctx, period: string, projects: readonly { id: number }[]): number[] {
  const states = periodRepo.reportStates(ctx.db, period);
  return projects
    .filter((p) => {
      const s = states.get(p.id);
      return s === '草稿' || s === '退回';
    })
    .map((p) => p.id);
}

type ProjectLite = { id: number; name: string; isParent: boolean; actStart: string | null };

function projectsById(ctx: Ctx): Map<number, ProjectLite> {
  const rows = activeProjects(ctx.db);
  const parents = new Set(rows.map((r) => r.parent_id).filter((x): x is number => x !== null));
  return new Map(
    rows.map((r) => [r.id, { id: r.id, name: r.name, isParent: parents.has(r.id), actStart: r.act_start }]),
  );
}

const shownValue = (key: keyof ReportEntry, v: unknown): string | null =>
  v === null || v === undefined ? null : key === 'monthFen' ? `${formatWanExact(v as number)}万元` : String(v);

/**
 * Saving or submitting reports is a command of record for the lights: the lights as they stood before the write
 * (what everybody saw) are recorded in the same transaction once the input is valid, and the lights after it once
 * it is committed — so a red month made up by this report stays in the history as red, then yellow (瓯海).
 * The second recording runs outside the write's transaction so the figures it computes are cached for the next read.
 */
function recordingLights<T extends { changed: number }>(
  ctx: Ctx,
  period: string,
  write: (recordBefore: () => void) => T,
): T {
  const r = write(() => recordPeriodLights(ctx, period));
  if (r.changed > 0) recordPeriodLights(ctx, period);
  return r;
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
/** A row whose every field is empty: no report for the month (a draft that was there is taken back). */
const isBlankRow = (r: ReportRowRaw) =>
  blank(r.monthWan) &&
  blank(r.imageText) &&
  blank(r.imagePct) &&
  blank(r.issues) &&
  blank(r.nextSteps) &&
  blank(r.needs);

/**
 * Saves every row of the batch in ONE transaction: any bad row → a message naming the project and field, nothing
 * written. A row with every field empty takes back the project's draft (草稿 or 退回) report of the month. `warnings`:
 * what the amounts saved say that the ledger contradicts (investedBeforeStart), said but never refused.
 */
export function saveMonthlyReports(
  ctx: Ctx,
  period: string,
  rows: ReportRowRaw[],
): { changed: number; unchanged: number; warnings: string[] } {
  return recordingLights(ctx, period, (recordBefore) =>
    ctx.db.tx(() => {
      assertPeriodOpen(ctx, period);
      assertPeriodBegun(ctx, period);
      const projects = projectsById(ctx);
      const issues: FieldIssue[] = [];
      const parsed: { project: ProjectLite; entry: ReportEntry; existing: repo.ProgressRow | undefined }[] = [];
      const cleared: { project: ProjectLite; existing: repo.ProgressRow }[] = [];
      let alreadyBlank = 0;
      const seen = new Set<number>();
      rows.forEach((raw, i) => {
        const project = projects.get(raw.projectId);
        if (!project)
          return issues.push({
            path: `rows.${i}.projectId`,
            message: `第${i + 1}行：项目（编号 ${raw.projectId}）不存在或已删除`,
          });
        const where = `项目“${project.name}”`;
        if (project.isParent)
          return issues.push({
            path: `rows.${i}.projectId`,
            message: `${where}是汇总项目，数据由子项目合计，不能直接填报`,
          });
        if (seen.has(project.id))
          return issues.push({ path: `rows.${i}.projectId`, message: `${where}在本批中出现了两次` });
        seen.add(project.id);
        const existing = repo.findProgress(ctx.db, project.id, period);
        if (raw.basedOn !== undefined && (existing?.updated_at ?? null) !== raw.basedOn)
          return issues.push({ path: `project.${project.id}.basedOn`, message: savedMeanwhile(where, existing) });
        if (isBlankRow(raw)) {
          // every field cleared (Delete over the row, or an undo back to no report): the draft is taken back
          if (existing?.state === '已报送')
            return issues.push({
              path: `project.${project.id}.state`,
              message: `${where}：本月月报已报送，如需修改请先由审核人退回`,
            });
          if (existing) cleared.push({ project, existing });
          else alreadyBlank++;
          return;
        }
        const r = ReportRowSchema.safeParse({ ...raw, monthFen: raw.monthWan ?? '' });
        if (!r.success) {
          for (const is of r.error.issues) {
            const field = String(is.path[0] ?? '');
            const label = labelOf('progress', field);
            const msg = label && !is.message.includes(label) ? `“${label}”${is.message}` : is.message;
            issues.push({
              path: `project.${project.id}.${field === 'monthFen' ? 'monthWan' : field}`,
              message: `${where}：${msg}`,
            });
          }
          return;
        }
        const { projectId: _id, ...entry } = r.data;
        if (existing?.state === '已报送' && !entriesEqual(entry, toEntry(existing)))
          return issues.push({
            path: `project.${project.id}.state`,
            message: `${where}：本月月报已报送，如需修改请先由审核人退回`,
          });
        parsed.push({ project, entry, existing });
      });
      if (issues.length) throw validationError(issues);
      recordBefore();

      const at = nowIso(ctx);
      const changes: ChangeEntry[] = [];
      let changed = 0;
      for (const { project, entry, existing } of parsed) {
        const before = toEntry(existing);
        if (entriesEqual(entry, before)) continue;
        const values = {
          month_fen: entry.monthFen,
          image_text: entry.imageText,
          image_pct: entry.imagePct,
          issues: entry.issues,
          next_steps: entry.nextSteps,
          needs: entry.needs,
        };
        const id = existing
          ? existing.id
          : repo.insertProgress(ctx.db, project.id, period, values, ctx.session.operator, at);
        if (existing) repo.updateProgressValues(ctx.db, existing.id, values, ctx.session.operator, at);
        changed++;
        for (const key of Object.keys(entry) as (keyof ReportEntry)[]) {
          const a = before ? shownValue(key, before[key]) : null;
          const b = shownValue(key, entry[key]);
          if (a !== b)
            changes.push({
              action: existing ? '修改' : '新增',
              entity: 'progress',
              entityId: id,
              projectId: project.id,
              field: `${period}.${key}`,
              oldValue: a,
              newValue: b,
            });
        }
      }
      for (const { project, existing } of cleared) {
        const before = toEntry(existing)!;
        repo.deleteProgress(ctx.db, existing.id);
        changed++;
        for (const key of Object.keys(before) as (keyof ReportEntry)[]) {
          const a = shownValue(key, before[key]);
          if (a !== null)
            changes.push({
              action: '删除',
              entity: 'progress',
              entityId: existing.id,
              projectId: project.id,
              field: `${period}.${key}`,
              oldValue: a,
              newValue: null,
            });
        }
      }
      appendChanges(ctx.db, ctx.session.operator, at, changes);
      // said by the save that writes the amount (the sheet saves a row at each cell edited: its 形象进度 typed later
      // does not say it again); the row's 标记 keeps saying it until the date or the amount is put right
      const warnings = parsed
        .filter(({ entry, existing }) => entry.monthFen !== existing?.month_fen)
        .flatMap(({ project, entry }) => {
          const w = investedBeforeStart(project.actStart, period, entry.monthFen);
          return w ? [`项目“${project.name}”：${w}`] : [];
        });
      return { changed, unchanged: parsed.length + cleared.length + alreadyBlank - changed, warnings };
    }),
  );
}

/**
 * The refusal of a row whose report changed after the clerk began typing over it: what the ledger holds now, and
 * who saved it, so the clerk can decide (the window keeps the typing; a second save then stands on the new report).
 */
function savedMeanwhile(where: string, now: repo.ProgressRow | undefined): string {
  if (!now) return `${where}：本月月报在您填写期间已被他人或其他程序删除，请核对后再保存（您的输入仍保留在表中）`;
  const entry = toEntry(now)!;
  const what = [`本月完成投资 ${formatWan(entry.monthFen, { grouping: true })}万元`, `形象进度“${entry.imageText}”`];
  return `${where}：本月月报在您填写期间已被${now.filled_by ?? '他人'}于${formatInstantCn(now.updated_at)}改为${what.join('、')}；您的输入未保存，仍保留在表中，核对后再点“保存草稿”即以您的输入为准`;
}

function changeStates(
  ctx: Ctx,
  period: string,
  projectIds: number[],
  check: (row: repo.ProgressRow | undefined, where: string) => string | null | 'skip',
  apply: (row: repo.ProgressRow, at: string) => ChangeEntry,
): { changed: number; unchanged: number } {
  return recordingLights(ctx, period, (recordBefore) =>
    ctx.db.tx(() => {
      assertPeriodOpen(ctx, period);
      assertPeriodBegun(ctx, period);
      const projects = projectsById(ctx);
      const issues: FieldIssue[] = [];
      const todo: repo.ProgressRow[] = [];
      let unchanged = 0;
      for (const id of projectIds) {
        const p = projects.get(id);
        if (!p) {
          issues.push({ path: `projectIds`, message: `项目（编号 ${id}）不存在或已删除` });
          continue;
        }
        const row = repo.findProgress(ctx.db, id, period);
        const problem = check(row, `项目“${p.name}”`);
        if (problem === 'skip') unchanged++;
        else if (problem) issues.push({ path: `project.${id}.state`, message: problem });
        else todo.push(row!);
      }
      if (issues.length) throw validationError(issues);
      recordBefore();
      const at = nowIso(ctx);
      appendChanges(
        ctx.db,
        ctx.session.operator,
        at,
        todo.map((row) => apply(row, at)),
      );
      return { changed: todo.length, unchanged };
    }),
  );
}

export function submitMonthlyReports(ctx: Ctx, period: string, projectIds: number[]) {
  return changeStates(
    ctx,
    period,
    projectIds,
    (row, where) => (!row ? `${where}：本月尚未填报，不能报送` : row.state === '已报送' ? 'skip' : null),
    (row, at) => {
      repo.markSubmitted(ctx.db, row.id, ctx.session.operator, at);
      return {
        action: '修改',
        entity: 'progress',
        entityId: row.id,
        projectId: row.project_id,
        field: `${period}.state`,
        oldValue: row.state,
        newValue: '已报送',
      };
    },
  );
}

export function returnMonthlyReports(ctx: Ctx, period: string, projectIds: number[], reason: string | null) {
  if (!reason) throw validationError([{ path: 'reason', message: '请填写退回原因' }]);
  return changeStates(
    ctx,
    period,
    projectIds,
    (row, where) => (row?.state === '已报送' ? null : `${where}：月报尚未报送，不能退回`),
    (row, at) => {
      repo.markReturned(ctx.db, row.id, ctx.session.operator, reason, at);
      return {
        action: '修改',
        entity: 'progress',
        entityId: row.id,
        projectId: row.project_id,
        field: `${period}.state`,
        oldValue: row.state,
        newValue: '退回',
        reason,
      };
    },
  );
}
