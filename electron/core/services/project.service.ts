/**
 * Project use-cases. Each runs in one transaction that also writes the change log, so data and
 * its trace commit together or not at all. Validation beyond the field schema (uniqueness, links,
 * cross-field dates) happens here, on the merged record, so a partial update cannot bypass it.
 */
import { yesNoText } from '../../../shared/domain/cell-reads.ts';
import { laterThanToday } from './fact-dates.ts';
import { formatWanExact } from '../../../shared/domain/money.ts';
import { projectFieldLabel as fieldLabel } from '../../../shared/fields/labels.ts';
import type { FieldIssue } from '../../../shared/ipc/result.ts';
import type { BulkPatch } from '../../../shared/schemas/project-parts.ts';
import {
  importRowParser,
  ProjectInputSchema,
  projectCrossFieldIssues,
  type Project,
  type ProjectData,
  type ProjectPatch,
  type ProjectRow,
} from '../../../shared/schemas/project.ts';
import { appendChanges, type ChangeEntry } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import { memoized } from '../memo.ts';
import * as repo from '../repositories/project.repository.ts';

/** A stored project back in input shape (万元 amounts as integer 分 already parsed). */
function toData(p: Project): ProjectData {
  return {
    code: p.code,
    name: p.name,
    planYear: p.planYear,
    parentId: p.parentId,
    category: p.category as ProjectData['category'],
    subcategory: p.subcategory,
    stageGroup: p.stageGroup as ProjectData['stageGroup'],
    nature: p.nature as ProjectData['nature'],
    location: p.location,
    villageOrgId: p.villageOrgId,
    scope: p.scope,
    totalWan: p.totalFen,
    approx: p.approx,
    yearFrom: p.yearFrom,
    yearTo: p.yearTo,
    planStart: p.planStart,
    planEnd: p.planEnd,
    actStart: p.actStart,
    actEnd: p.actEnd,
    status: p.status as ProjectData['status'],
    approvalKind: p.approvalKind as ProjectData['approvalKind'],
    approvalNo: p.approvalNo,
    approvalYm: p.approvalYm,
    ownerOrgId: p.ownerOrgId,
    leadOrgId: p.leadOrgId,
    responsibleOrgIds: p.responsibleOrgIds,
    leaderStaffId: p.leaderStaffId,
    managerStaffId: p.managerStaffId,
    contact: p.contact,
    phone: p.phone,
    delivery: p.delivery as ProjectData['delivery'],
    govFunded: p.govFunded,
    inStats: p.inStats,
    statsDate: p.statsDate,
    landMuHave: p.landMuHave,
    landMuNeed: p.landMuNeed,
    needsMatching: p.needsMatching,
    openingCumWan: p.openingCumFen,
    openingCumYear: p.openingCumYear,
    tags: p.tags,
    note: p.note,
  };
}

/** What the record rules need to know about the rest of the ledger. */
interface RecordLookups {
  codeOwner(code: string): number | undefined;
  nameYearOwner(name: string, year: number): number | undefined;
  parentRow(id: number): { deleted_at: string | null } | undefined;
  ancestorIds(id: number): number[];
  orgExists(id: number): boolean;
  staffExists(id: number): boolean;
}

const dbLookups = (db: Ctx['db']): RecordLookups => ({
  codeOwner: (code) => repo.findByCode(db, code)?.id,
  nameYearOwner: (name, year) => repo.findActiveByNameYear(db, name, year)?.id,
  parentRow: (id) => repo.findProjectRow(db, id),
  ancestorIds: (id) => repo.ancestorIds(db, id),
  orgExists: (id) => repo.orgExists(db, id),
  staffExists: (id) => repo.staffExists(db, id),
});

function recordIssues(look: RecordLookups, d: ProjectData, selfId: number | null): FieldIssue[] {
  const issues: FieldIssue[] = [...projectCrossFieldIssues(d)];
  if (d.code) {
    const other = look.codeOwner(d.code);
    if (other !== undefined && other !== selfId)
      issues.push({ path: 'code', message: `项目编号“${d.code}”已被其他项目使用（含回收站中的项目）` });
  }
  const same = look.nameYearOwner(d.name, d.planYear);
  if (same !== undefined && same !== selfId)
    issues.push({ path: 'name', message: `${d.planYear}年度已有同名项目“${d.name}”` });
  if (d.parentId !== null) {
    const parent = look.parentRow(d.parentId);
    if (!parent || parent.deleted_at) issues.push({ path: 'parentId', message: '上级项目不存在或已删除' });
    else if (selfId !== null && look.ancestorIds(d.parentId).includes(selfId))
      issues.push({ path: 'parentId', message: '上级项目不能是本项目或本项目的下级项目' });
  }
  for (const [path, orgId] of [
    ['villageOrgId', d.villageOrgId],
    ['ownerOrgId', d.ownerOrgId],
    ['leadOrgId', d.leadOrgId],
  ] as const) {
    if (orgId !== null && !look.orgExists(orgId)) issues.push({ path, message: `${fieldLabel(path)}不存在` });
  }
  for (const orgId of d.responsibleOrgIds)
    if (!look.orgExists(orgId)) issues.push({ path: 'responsibleOrgIds', message: `责任单位（编号 ${orgId}）不存在` });
  for (const [path, sid] of [
    ['leaderStaffId', d.leaderStaffId],
    ['managerStaffId', d.managerStaffId],
  ] as const) {
    if (sid !== null && !look.staffExists(sid)) issues.push({ path, message: `${fieldLabel(path)}不存在` });
  }
  return issues;
}

type ActualDates = Pick<ProjectData, 'actStart' | 'actEnd'>;

/**
 * 实际开工 / 实际竣工 record what has happened: a date after today is refused. Only a date this write sets is
 * judged, so one already in the ledger does not block the project's other edits until it is corrected. The import
 * judges its rows by it too (excel-import.service.ts), as errors of their cells.
 */
export function actualDateIssues(ctx: Ctx, d: ActualDates, before: ActualDates | null): FieldIssue[] {
  return (['actStart', 'actEnd'] as const).flatMap((k) => {
    const message = laterThanToday(ctx, fieldLabel(k), d[k], before?.[k]);
    return message ? [{ path: k, message }] : [];
  });
}

function checkRecord(ctx: Ctx, d: ProjectData, selfId: number | null, before: ActualDates | null): void {
  const issues = [...recordIssues(dbLookups(ctx.db), d, selfId), ...actualDateIssues(ctx, d, before)];
  if (issues.length) throw validationError(issues);
}

/** Text of a field value for the change log (money in 万元, lists joined). */
function shown(key: keyof ProjectData, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (key === 'totalWan' || key === 'openingCumWan') return `${formatWanExact(v as number)}万元`;
  if (Array.isArray(v)) return v.join('、');
  if (typeof v === 'boolean') return yesNoText(v);
  return String(v);
}

const ORG_FIELDS = new Set<keyof ProjectData>(['villageOrgId', 'ownerOrgId', 'leadOrgId', 'responsibleOrgIds']);
const STAFF_FIELDS = new Set<keyof ProjectData>(['leaderStaffId', 'managerStaffId']);

/** Links are logged by name (编号 7 means nothing to a reader of the history). */
function named(ctx: Ctx, key: keyof ProjectData, v: unknown): unknown {
  const one = (id: number) =>
    (ORG_FIELDS.has(key) ? repo.orgName(ctx.db, id) : repo.staffName(ctx.db, id)) ?? `编号${id}`;
  if (!ORG_FIELDS.has(key) && !STAFF_FIELDS.has(key)) return v;
  if (Array.isArray(v)) return v.map((id: number) => one(id));
  return typeof v === 'number' ? one(v) : v;
}

/**
 * Fields the ledger keeps as sets (project_org, project_tag: read back in id or tag order): their members are the
 * value, not the order they were written in. Compared in order, a county sheet listing 责任单位 in its own order
 * was a change at every import of it: a 修改 line per project in the 修改记录 and every project's figures read again.
 */
const SET_FIELDS = new Set<keyof ProjectData>(['responsibleOrgIds', 'tags']);

/** The same value (a list: the same members in the same order; a set field: the same members), so nothing to log. */
function sameValue(key: keyof ProjectData, a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b)) return false;
  if (!SET_FIELDS.has(key)) return a.length === b.length && a.every((x, i) => x === b[i]);
  const bs = new Set(b as unknown[]);
  const as = new Set(a as unknown[]);
  return as.size === bs.size && [...as].every((x) => bs.has(x));
}

function diff(ctx: Ctx, id: number, before: ProjectData, after: ProjectData): ChangeEntry[] {
  const out: ChangeEntry[] = [];
  for (const key of Object.keys(after) as (keyof ProjectData)[]) {
    // Names are looked up only for a value that moved: a re-imported sheet leaves most fields of most projects as they were.
    if (sameValue(key, before[key], after[key])) continue;
    const a = shown(key, named(ctx, key, before[key]));
    const b = shown(key, named(ctx, key, after[key]));
    if (a !== b)
      out.push({
        action: '修改',
        entity: 'project',
        entityId: id,
        projectId: id,
        field: key,
        oldValue: a,
        newValue: b,
      });
  }
  return out;
}

export function requireProject(ctx: Ctx, id: number): Project {
  const p = repo.getProject(ctx.db, id);
  if (!p) throw notFound('项目', id);
  return p;
}

const createdEntry = (id: number, data: ProjectData): ChangeEntry => ({
  action: '新增',
  entity: 'project',
  entityId: id,
  projectId: id,
  newValue: `${data.name}（总投资${shown('totalWan', data.totalWan)}）`,
});

export function createProject(ctx: Ctx, data: ProjectData): Project {
  return ctx.db.tx(() => {
    checkRecord(ctx, data, null, null);
    const at = nowIso(ctx);
    const id = repo.insertProject(ctx.db, data, at);
    appendChanges(ctx.db, ctx.session.operator, at, [createdEntry(id, data)]);
    return requireProject(ctx, id);
  });
}

export interface ProjectBatch {
  /** Checks and inserts one project exactly as createProject would; returns its id. `searchKey`: computed ahead for this data. */
  create(data: ProjectData, searchKey?: string): number;
  /** updateProject, keeping the batch's view of codes and names current. */
  update(id: number, patch: ProjectPatch): Project;
  /** Writes the change-log rows of the projects created so far (call before any other logged change, and at the end). */
  flush(): void;
}

/**
 * Many creates inside the caller's transaction (imports): the same rules as createProject, checked against
 * the ledger's codes and names read once and kept up to date in memory, one prepared INSERT per row, the
 * change-log rows appended in one go, and no read-back of each new project.
 */
export function projectBatch(ctx: Ctx): ProjectBatch {
  const { db } = ctx;
  const keys = repo.projectKeys(db);
  const base = dbLookups(db);
  const created = new Set<number>();
  const look: RecordLookups = {
    ...base,
    parentRow: (id) => (created.has(id) ? { deleted_at: null } : base.parentRow(id)),
    codeOwner: (code) => keys.byCode.get(code)?.id,
    nameYearOwner: (name, year) => keys.byNameYear.get(repo.nameYearKey(name, year))?.id,
    orgExists: memoized(base.orgExists),
    staffExists: memoized(base.staffExists),
  };
  const forget = (id: number, p: { code: string | null; name: string; planYear: number }) => {
    if (p.code && keys.byCode.get(p.code)?.id === id) keys.byCode.delete(p.code);
    const k = repo.nameYearKey(p.name, p.planYear);
    if (keys.byNameYear.get(k)?.id === id) keys.byNameYear.delete(k);
  };
  const remember = (id: number, p: { code: string | null; name: string; planYear: number }) => {
    if (p.code) keys.byCode.set(p.code, { id, name: p.name });
    keys.byNameYear.set(repo.nameYearKey(p.name, p.planYear), { id, name: p.name });
  };
  const at = nowIso(ctx);
  let pending: ChangeEntry[] = [];
  const batch: ProjectBatch = {
    create(data, searchKey) {
      const issues = recordIssues(look, data, null);
      if (issues.length) throw validationError(issues);
      const id = repo.insertProject(db, data, at, searchKey);
      created.add(id);
      remember(id, data);
      pending.push(createdEntry(id, data));
      return id;
    },
    update(id, patch) {
      batch.flush(); // keeps the change log in row order
      const before = requireProject(ctx, id);
      const after = updateProject(ctx, id, patch);
      forget(id, before);
      if (!after.deletedAt) remember(id, after);
      else if (after.code) keys.byCode.set(after.code, { id, name: after.name });
      return after;
    },
    flush() {
      appendChanges(db, ctx.session.operator, at, pending);
      pending = [];
    },
  };
  return batch;
}

/** The project, its data with the patch laid over it, and what that changes (the 修改 lines it would log). */
function patched(ctx: Ctx, id: number, patch: ProjectPatch, current: Project = requireProject(ctx, id)) {
  const before = toData(current);
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const merged = { ...before, ...defined } as ProjectData;
  return { current, merged, changes: diff(ctx, id, before, merged) };
}

/**
 * Whether the patch would change the project (read only; an import's preview tells the rows that would leave their
 * project as it was). A project in the 回收站 counts as changed: updating it is refused, and that must be seen.
 */
export function patchMoves(ctx: Ctx, project: Project, patch: ProjectPatch): boolean {
  const { changes } = patched(ctx, project.id, patch, project);
  return project.deletedAt !== null || changes.length > 0;
}

export function updateProject(ctx: Ctx, id: number, patch: ProjectPatch): Project {
  return ctx.db.tx(() => {
    const { current, merged, changes } = patched(ctx, id, patch);
    if (current.deletedAt) throw new AppError('CONFLICT', `项目“${current.name}”在回收站中，请先恢复再修改`);
    // Nothing moved (a re-import of the same sheet, a cell saved with its own value): nothing to check or write.
    if (changes.length === 0) return current;
    checkRecord(ctx, merged, id, current);
    const at = nowIso(ctx);
    repo.updateProjectColumns(ctx.db, id, merged, at);
    appendChanges(ctx.db, ctx.session.operator, at, changes);
    return requireProject(ctx, id);
  });
}

/**
 * A block of cell edits from the grid (a paste, a fill, a Delete, an undo): a different patch per project, all
 * saved in ONE transaction. Every project is checked; any refusal names the project and field (issue path
 * `project.<id>.<field>`, so the grid marks the cell) and nothing is written.
 */
export function updateProjectCells(ctx: Ctx, rows: { id: number; patch: ProjectPatch }[]): { projects: Project[] } {
  return ctx.db.tx(() => {
    const issues: FieldIssue[] = [];
    const seen = new Set<number>();
    const saved: Project[] = [];
    for (const { id, patch } of rows) {
      if (seen.has(id)) {
        issues.push({ path: `project.${id}`, message: `项目（编号 ${id}）在本批中出现了两次` });
        continue;
      }
      seen.add(id);
      let name = `项目（编号 ${id}）`;
      try {
        name = `项目“${requireProject(ctx, id).name}”`;
        saved.push(updateProject(ctx, id, patch));
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        if (e.issues?.length)
          for (const i of e.issues) issues.push({ path: `project.${id}.${i.path}`, message: `${name}：${i.message}` });
        else
          issues.push({
            path: `project.${id}`,
            message: e.message.startsWith(name) ? e.message : `${name}：${e.message}`,
          });
      }
    }
    if (issues.length) throw validationError(issues);
    return { projects: saved };
  });
}

/** Moves a project and its sub-projects to the 回收站 (recoverable). */
export function deleteProject(ctx: Ctx, id: number): { deleted: number } {
  return ctx.db.tx(() => {
    const p = requireProject(ctx, id);
    if (p.deletedAt) throw new AppError('CONFLICT', `项目“${p.name}”已在回收站中`);
    const ids = [id, ...descendants(ctx, id).filter((cid) => !repo.findProjectRow(ctx.db, cid)?.deleted_at)];
    const at = nowIso(ctx);
    repo.setDeletedAt(ctx.db, ids, at);
    appendChanges(
      ctx.db,
      ctx.session.operator,
      at,
      ids.map((pid) => ({
        action: '删除' as const,
        entity: 'project',
        entityId: pid,
        projectId: pid,
        reason: '移入回收站',
      })),
    );
    return { deleted: ids.length };
  });
}

function descendants(ctx: Ctx, id: number): number[] {
  const out: number[] = [];
  for (const c of repo.childIds(ctx.db, id)) out.push(c, ...descendants(ctx, c));
  return out;
}

/** Restores a project and the sub-projects that went to the 回收站 with it. */
export function restoreProject(ctx: Ctx, id: number): Project {
  return ctx.db.tx(() => {
    const p = requireProject(ctx, id);
    if (!p.deletedAt) throw new AppError('CONFLICT', `项目“${p.name}”不在回收站中`);
    if (p.parentId !== null && repo.findProjectRow(ctx.db, p.parentId)?.deleted_at)
      throw new AppError('CONFLICT', `项目“${p.name}”的上级项目也在回收站中，请先恢复上级项目`);
    const clash = repo.findActiveByNameYear(ctx.db, p.name, p.planYear);
    if (clash) throw new AppError('CONFLICT', `${p.planYear}年度已有同名项目“${p.name}”，无法恢复；请先改名`);
    const ids = [
      id,
      ...descendants(ctx, id).filter((cid) => repo.findProjectRow(ctx.db, cid)?.deleted_at === p.deletedAt),
    ];
    const at = nowIso(ctx);
    repo.setDeletedAt(ctx.db, ids, null);
    appendChanges(
      ctx.db,
      ctx.session.operator,
      at,
      ids.map((pid) => ({
        action: '恢复' as const,
        entity: 'project',
        entityId: pid,
        projectId: pid,
        reason: '从回收站恢复',
      })),
    );
    return requireProject(ctx, id);
  });
}

export function listProjects(ctx: Ctx, f: repo.ListFilter): ProjectRow[] {
  return repo.listProjectRows(ctx.db, f);
}

/** Parses raw input through the same schema as the contract (used by the CLI and importers). */
export function parseProjectInput(raw: unknown): ProjectData {
  const r = ProjectInputSchema.safeParse(raw);
  if (!r.success) throw validationError(r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return r.data;
}

let parseImportRow: ReturnType<typeof importRowParser> | null = null;

/** Parses one imported row: only the name is required (see ImportProjectInputSchema and importRowParser). */
export function parseImportProjectInput(raw: Record<string, unknown>): ProjectData {
  const r = (parseImportRow ??= importRowParser())(raw);
  if (!r.success) throw validationError(r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return r.data;
}

/**
 * Bulk edit from the ledger grid: every project is validated and logged as if edited alone, all in one
 * transaction — one refusal and nothing is written (the message names the project).
 */
export function bulkUpdateProjects(ctx: Ctx, ids: number[], patch: BulkPatch): { updated: number } {
  return ctx.db.tx(() => {
    let updated = 0;
    for (const id of new Set(ids)) {
      const current = requireProject(ctx, id);
      const one: ProjectPatch = {};
      if (patch.addResponsibleOrgIds?.length)
        one.responsibleOrgIds = [...new Set([...current.responsibleOrgIds, ...patch.addResponsibleOrgIds])];
      if (patch.leaderStaffId !== undefined) one.leaderStaffId = patch.leaderStaffId;
      if (patch.status !== undefined) one.status = patch.status;
      if (patch.addTag !== undefined) one.tags = [...new Set([...current.tags, patch.addTag])];
      try {
        if (updateProject(ctx, id, one) !== current) updated++;
      } catch (e) {
        if (e instanceof AppError) throw new AppError(e.code, `项目“${current.name}”：${e.message}`, e.issues);
        throw e;
      }
    }
    return { updated };
  });
}
