/**
 * 组织机构: units, people (with rotation history) and the leading group. Every write is one
 * transaction with its change-log rows; names are checked here so the message can say which one clashes.
 */
import { byRank, leadingGroupIssues } from '../../../shared/domain/leading-group.ts';
import type { FieldIssue } from '../../../shared/ipc/result.ts';
import {
  staffCellRules,
  type LeadingGroup,
  type LeadingGroupSave,
  type OrgRow,
  type OrgSave,
  type StaffCellField,
  type StaffRotate,
  type StaffRow,
  type StaffSave,
} from '../../../shared/schemas/org.ts';
import { parseSheetCells, type SheetCell } from '../../../shared/schemas/sheet-cells.ts';
import { appendChanges, type ChangeEntry } from '../audit/change-log.ts';
import { diffShown, text, type Shown } from '../audit/diff.ts';
import { nowIso, type Ctx } from '../context.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import * as repo from '../repositories/org.repository.ts';
import { formatDateCn } from '../../../shared/domain/display.ts';
import { orgKey } from '../../../shared/domain/org-name.ts';
import { personKey } from '../../../shared/domain/person-cell.ts';
import { ledgerOrgs } from './ledger-orgs.ts';
import { townNames } from './town-settings.service.ts';

// ---------------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------------

export const listOrgRows = (ctx: Ctx): OrgRow[] => repo.listOrgRows(ctx.db);

const orgShown = (o: {
  name: string;
  shortName: string | null;
  level: string | null;
  kind: string | null;
  sort: number;
  note: string | null;
  legalRep: string | null;
}): Shown => ({
  name: o.name,
  shortName: o.shortName,
  level: o.level,
  kind: o.kind,
  sort: String(o.sort),
  note: o.note,
  legalRep: o.legalRep,
});

export function saveOrg(ctx: Ctx, o: OrgSave): OrgRow {
  const { db } = ctx;
  return db.tx(() => {
    const clash = repo.findOrgByName(db, o.name);
    if (clash && clash.id !== o.id)
      throw validationError([{ path: 'name', message: `单位名称“${o.name}”已存在，不能重复` }]);
    sameUnitCheck(ctx, o);
    const at = nowIso(ctx);
    let id: number;
    if (o.id === null) {
      const rec = { ...o, sort: o.sort ?? repo.nextOrgSort(db) };
      id = repo.insertOrg(db, rec);
      appendChanges(db, ctx.session.operator, at, [
        { action: '新增', entity: 'org_unit', entityId: id, newValue: o.name },
      ]);
    } else {
      const cur = repo.findOrg(db, o.id);
      if (!cur) throw notFound('单位', o.id);
      const rec = { ...o, sort: o.sort ?? cur.sort };
      const before = orgShown({
        name: cur.name,
        shortName: cur.short_name,
        level: cur.level,
        kind: cur.kind,
        sort: cur.sort,
        note: cur.note,
        legalRep: cur.legal_rep,
      });
      repo.updateOrg(db, o.id, rec);
      appendChanges(db, ctx.session.operator, at, diffShown('org_unit', o.id, before, orgShown(rec)));
      id = o.id;
    }
    return repo.listOrgRows(db).find((r) => r.id === id)!;
  });
}

/**
 * A name the import would take for an existing unit (ledger-orgs.ts: 蒲州镇 水利站, 永济市蒲州镇水利站 and 水利站 are
 * 蒲州镇水利站) makes no second unit here either: the clerk is told which unit it is. Nor may a 简称 be one another
 * unit already goes by: the import would take it for that unit, and this one could never be named by it. A unit
 * keeping its own name's (简称's) key is not checked, so two such units a ledger already has can still be edited.
 */
function sameUnitCheck(ctx: Ctx, o: OrgSave): void {
  const cur = o.id === null ? undefined : repo.findOrg(ctx.db, o.id);
  const units = ledgerOrgs(ctx.db, townNames(ctx), o.id ?? undefined);
  const issues: FieldIssue[] = [];
  const same = cur && orgKey(cur.name) === orgKey(o.name) ? undefined : units.find(o.name);
  if (same) {
    const short = same.shortName;
    const how =
      orgKey(same.name) === orgKey(o.name)
        ? '只差空格或全角、半角'
        : short && orgKey(short) === orgKey(o.name)
          ? '是它的简称'
          : short && units.key(short) === units.key(o.name) && units.key(same.name) !== units.key(o.name)
            ? `是它的简称“${short}”前加镇名`
            : '只差前面的镇名';
    issues.push({
      path: 'name',
      message: `单位名称“${o.name}”与已有单位“${same.name}”${how}，是同一单位，不能重复；请直接使用“${same.name}”`,
    });
  }
  const shortKept = cur?.short_name && o.shortName && orgKey(cur.short_name) === orgKey(o.shortName);
  const taken = o.shortName && !shortKept ? units.find(o.shortName) : undefined;
  if (taken)
    issues.push({
      path: 'shortName',
      message: `简称“${o.shortName}”已指单位“${taken.name}”，导入台账时会认作该单位；请换一个简称`,
    });
  if (issues.length) throw validationError(issues);
}

export function removeOrg(ctx: Ctx, id: number): { removed: number } {
  const { db } = ctx;
  return db.tx(() => {
    const cur = repo.findOrg(db, id);
    if (!cur) throw notFound('单位', id);
    const refs = repo.orgReferences(db, id);
    if (refs.length)
      throw new AppError('CONFLICT', `单位“${cur.name}”仍被使用，不能删除：它是${refs.join('、')}。请先改为其他单位。`);
    repo.deleteOrg(db, id);
    appendChanges(db, ctx.session.operator, nowIso(ctx), [
      { action: '删除', entity: 'org_unit', entityId: id, oldValue: cur.name },
    ]);
    return { removed: 1 };
  });
}

/**
 * Finds units by name as the import does (ledger-orgs.ts: 县 住建局 is 县住建局, a 简称 is its unit), creating the
 * missing ones (template loading); returns name → id.
 */
export function ensureOrgs(
  ctx: Ctx,
  orgs: readonly { name: string; level: string | null; kind: string | null }[],
  at: string,
): { ids: Map<string, number>; created: number } {
  const ids = new Map<string, number>();
  let created = 0;
  const units = ledgerOrgs(ctx.db, townNames(ctx));
  for (const o of orgs) {
    const found = units.find(o.name);
    if (found) {
      ids.set(o.name, found.id);
      continue;
    }
    const id = repo.insertOrg(ctx.db, {
      id: null,
      name: o.name,
      shortName: null,
      level: o.level as OrgSave['level'],
      kind: o.kind as OrgSave['kind'],
      note: null,
      legalRep: null,
      sort: repo.nextOrgSort(ctx.db),
    });
    appendChanges(ctx.db, ctx.session.operator, at, [
      { action: '新增', entity: 'org_unit', entityId: id, newValue: o.name },
    ]);
    units.add({ id, name: o.name, shortName: null });
    ids.set(o.name, id);
    created++;
  }
  return { ids, created };
}

// ---------------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------------

export const listStaffRows = (ctx: Ctx, active: boolean | null | undefined): StaffRow[] =>
  repo.listStaffRows(ctx.db, active);

function orgName(ctx: Ctx, id: number | null): string | null {
  return id === null ? null : (repo.findOrg(ctx.db, id)?.name ?? null);
}

function staffIssues(
  ctx: Ctx,
  s: { orgId: number | null; since: string | null; until: string | null; active: boolean },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (s.orgId !== null && !repo.findOrg(ctx.db, s.orgId))
    issues.push({ path: 'orgId', message: `单位（编号 ${s.orgId}）不存在` });
  if (s.since && s.until && s.until < s.since)
    issues.push({
      path: 'until',
      message: `离任日期（${formatDateCn(s.until)}）不能早于任职日期（${formatDateCn(s.since)}）`,
    });
  if (s.active && s.until)
    issues.push({ path: 'until', message: '在任人员不能填写离任日期；离任请用“人员交接”或取消“在任”' });
  return issues;
}

const staffShown = (
  ctx: Ctx,
  s: {
    name: string;
    title: string;
    orgId: number | null;
    phone: string | null;
    active: boolean;
    since: string | null;
    until: string | null;
    note: string | null;
  },
): Shown => ({
  name: s.name,
  title: s.title,
  orgId: orgName(ctx, s.orgId),
  phone: s.phone,
  active: text(s.active),
  since: s.since,
  until: s.until,
  note: s.note,
});

/**
 * One person in office: the same name and 职务 as the import compares them (personKey: 相 挺, as a document pads a
 * two-character name, is 相挺), so that the form does not make a second 相挺 the import and the leading group would
 * take for the first.
 */
const samePerson = (a: { name: string; title: string }, b: { name: string; title: string }) =>
  personKey(a.name) === personKey(b.name) && personKey(a.title) === personKey(b.title);

const twinMessage = (s: { name: string; title: string }, twin: { name: string; title: string }) =>
  twin.name === s.name
    ? `已有在任人员“${s.name}”（${s.title}），不能重复录入`
    : `已有在任人员“${twin.name}”（${twin.title}），“${s.name}”与其只差空格或全角、半角，是同一人，不能重复录入`;

/** The record's own rules and no second 在任 person of the same name and 职务 (the form and the grid alike). */
function staffRecordIssues(ctx: Ctx, s: StaffSave): FieldIssue[] {
  const issues = staffIssues(ctx, s);
  const twin = s.active ? repo.staffInOffice(ctx.db).find((p) => p.id !== s.id && samePerson(p, s)) : undefined;
  if (twin) issues.push({ path: 'name', message: twinMessage(s, twin) });
  return issues;
}

const staffColumns = (s: StaffSave) => ({
  name: s.name,
  title: s.title,
  org_id: s.orgId,
  phone: s.phone,
  active: s.active ? 1 : 0,
  since: s.since,
  until: s.until,
  note: s.note,
});

/**
 * A block of 人员 cells from the grid (a paste, a fill, a Delete, an undo step): every cell checked with its
 * field's rule and every changed person checked whole as the form is, then saved and logged in ONE transaction —
 * or nothing written and every refusal named by person and field (path `staff.<id>[.<field>]`).
 */
export function updateStaffCells(ctx: Ctx, cells: SheetCell<StaffCellField>[]): { staff: StaffRow[] } {
  const { db } = ctx;
  return db.tx(() => {
    const all = new Map(repo.listStaffRows(db, null).map((s) => [s.id, s]));
    const where = (id: number) => (all.has(id) ? `人员“${all.get(id)!.name}”` : `人员（编号 ${id}）`);
    const { patches, issues } = parseSheetCells(cells, staffCellRules, 'staff', where);
    const merged: StaffSave[] = [];
    for (const [id, patch] of patches) {
      const b = all.get(id);
      if (!b) {
        issues.push({ path: `staff.${id}`, message: `${where(id)}不存在` });
        continue;
      }
      const s: StaffSave = {
        id,
        name: b.name,
        title: b.title,
        orgId: b.orgId,
        phone: b.phone,
        active: b.active,
        since: b.since,
        until: b.until,
        note: b.note,
        ...patch,
      };
      const own = staffRecordIssues(ctx, s);
      // two people of the block made the same 在任 name and 职务 (the ledger does not hold either yet)
      const same = merged.find((m) => m.active && s.active && samePerson(m, s));
      if (same && own.length === 0) own.push({ path: 'name', message: twinMessage(s, same) });
      for (const i of own)
        issues.push({
          path: i.path in patch ? `staff.${id}.${i.path}` : `staff.${id}`,
          message: `${where(id)}：${i.message}`,
        });
      if (own.length === 0) merged.push(s);
    }
    if (issues.length) throw validationError(issues);
    const at = nowIso(ctx);
    const entries: ChangeEntry[] = [];
    for (const s of merged) {
      const b = all.get(s.id!)!;
      const before = staffShown(ctx, { ...b });
      repo.updateStaff(db, s.id!, staffColumns(s));
      entries.push(...diffShown('staff', s.id!, before, staffShown(ctx, s)));
    }
    appendChanges(db, ctx.session.operator, at, entries);
    const after = new Map(repo.listStaffRows(db, null).map((s) => [s.id, s]));
    return { staff: merged.map((s) => after.get(s.id!)!) };
  });
}

export function saveStaff(ctx: Ctx, s: StaffSave): StaffRow {
  const { db } = ctx;
  return db.tx(() => {
    const issues = staffRecordIssues(ctx, s);
    if (issues.length) throw validationError(issues);
    const cols = staffColumns(s);
    const at = nowIso(ctx);
    let id: number;
    if (s.id === null) {
      id = repo.insertStaff(db, cols);
      appendChanges(db, ctx.session.operator, at, [
        { action: '新增', entity: 'staff', entityId: id, newValue: `${s.name}（${s.title}）` },
      ]);
    } else {
      const cur = repo.findStaff(db, s.id);
      if (!cur) throw notFound('人员', s.id);
      const before = staffShown(ctx, {
        name: cur.name,
        title: cur.title,
        orgId: cur.org_id,
        phone: cur.phone,
        active: cur.active === 1,
        since: cur.since,
        until: cur.until,
        note: cur.note,
      });
      repo.updateStaff(db, s.id, cols);
      appendChanges(db, ctx.session.operator, at, diffShown('staff', s.id, before, staffShown(ctx, s)));
      id = s.id;
    }
    return repo.listStaffRows(db, null).find((r) => r.id === id)!;
  });
}

/**
 * 人员交接: the old person leaves office on `date` (kept, marked 离任, so history still names them);
 * the successor takes office the same day and, by default, takes over the group seats and projects.
 */
export function rotateStaff(ctx: Ctx, r: StaffRotate): { predecessor: StaffRow; successor: StaffRow } {
  const { db } = ctx;
  return db.tx(() => {
    const old = repo.findStaff(db, r.staffId);
    if (!old) throw notFound('人员', r.staffId);
    if (old.active !== 1) throw validationError([{ path: 'staffId', message: `“${old.name}”已离任，不能再交接` }]);
    if (old.since && r.date < old.since)
      throw validationError([
        {
          path: 'date',
          message: `交接日期（${formatDateCn(r.date)}）不能早于“${old.name}”的任职日期（${formatDateCn(old.since)}）`,
        },
      ]);
    if ((r.successorId === null) === (r.successor === undefined))
      throw validationError([{ path: 'successor', message: '请选择接任人，或填写新接任人的姓名' }]);
    const at = nowIso(ctx);
    const entries: ChangeEntry[] = [];
    let succId: number;
    if (r.successorId !== null) {
      if (r.successorId === old.id) throw validationError([{ path: 'successorId', message: '接任人不能是本人' }]);
      const s = repo.findStaff(db, r.successorId);
      if (!s) throw notFound('接任人', r.successorId);
      repo.updateStaff(db, s.id, { active: 1, since: r.date, until: null, title: old.title, org_id: old.org_id });
      entries.push({
        action: '修改',
        entity: 'staff',
        entityId: s.id,
        field: 'active',
        oldValue: text(s.active === 1),
        newValue: '是',
        reason: `接任${old.name}（${old.title}）`,
      });
      succId = s.id;
    } else {
      const n = r.successor!;
      const title = n.title ?? old.title;
      const orgId = n.orgId ?? old.org_id;
      const issues = staffIssues(ctx, { orgId, since: r.date, until: null, active: true });
      if (issues.length) throw validationError(issues.map((i) => ({ ...i, path: `successor.${i.path}` })));
      succId = repo.insertStaff(db, {
        name: n.name,
        title,
        org_id: orgId,
        phone: n.phone,
        active: 1,
        since: r.date,
        until: null,
        note: n.note ?? null,
      });
      entries.push({
        action: '新增',
        entity: 'staff',
        entityId: succId,
        newValue: `${n.name}（${title}）`,
        reason: `接任${old.name}`,
      });
    }
    repo.updateStaff(db, old.id, { active: 0, until: r.date });
    entries.push(
      {
        action: '修改',
        entity: 'staff',
        entityId: old.id,
        field: 'active',
        oldValue: '是',
        newValue: '否',
        reason: '人员交接',
      },
      {
        action: '修改',
        entity: 'staff',
        entityId: old.id,
        field: 'until',
        oldValue: old.until,
        newValue: r.date,
        reason: '人员交接',
      },
    );
    if (r.handOver) {
      const succName = repo.findStaff(db, succId)!.name;
      const moved = repo.handOverStaff(db, old.id, succId);
      for (const p of moved.leaderProjects)
        entries.push({
          action: '修改',
          entity: 'project',
          entityId: p.id,
          projectId: p.id,
          field: 'leaderStaffId',
          oldValue: old.name,
          newValue: succName,
          reason: '人员交接',
        });
      for (const p of moved.managerProjects)
        entries.push({
          action: '修改',
          entity: 'project',
          entityId: p.id,
          projectId: p.id,
          field: 'managerStaffId',
          oldValue: old.name,
          newValue: succName,
          reason: '人员交接',
        });
    }
    appendChanges(db, ctx.session.operator, at, entries);
    const rows = repo.listStaffRows(db, null);
    return { predecessor: rows.find((x) => x.id === old.id)!, successor: rows.find((x) => x.id === succId)! };
  });
}

// ---------------------------------------------------------------------------------------------------
// Leading group
// ---------------------------------------------------------------------------------------------------

export function getLeadingGroup(ctx: Ctx): LeadingGroup {
  const g = repo.findLeadingGroup(ctx.db);
  if (!g) return { group: null, members: [] };
  return {
    group: {
      id: g.id,
      name: g.name,
      docNo: g.doc_no,
      officeAt: g.office_at,
      officeDirectorStaffId: g.office_director_staff_id,
      establishedOn: g.established_on,
    },
    members: byRank(repo.listLgMembers(ctx.db, g.id)),
  };
}

const memberLine = (m: { role: string; name: string; title: string }) => `${m.role}：${m.name}（${m.title}）`;

export function saveLeadingGroup(ctx: Ctx, g: LeadingGroupSave): LeadingGroup {
  const { db } = ctx;
  return db.tx(() => {
    const issues: FieldIssue[] = [];
    const people = g.members.map((m, i) => {
      const s = repo.findStaff(db, m.staffId);
      if (!s) issues.push({ path: `members.${i}.staffId`, message: `第${i + 1}位成员（人员编号 ${m.staffId}）不存在` });
      return { ...m, name: s?.name ?? String(m.staffId), title: s?.title ?? '', sort: m.sort ?? i + 1 };
    });
    for (const message of leadingGroupIssues(people)) issues.push({ path: 'members', message });
    if (issues.length) throw validationError(issues);
    const before = getLeadingGroup(ctx);
    const director = people.find((m) => m.role === '办公室主任')?.staffId ?? null;
    const id = repo.upsertLeadingGroup(db, before.group?.id ?? null, {
      name: g.name,
      doc_no: g.docNo,
      office_at: g.officeAt,
      office_director_staff_id: director,
      established_on: g.establishedOn,
    });
    repo.replaceLgMembers(db, id, people);
    const after = getLeadingGroup(ctx);
    const shown = (x: LeadingGroup): Shown => ({
      name: x.group?.name ?? null,
      docNo: x.group?.docNo ?? null,
      officeAt: x.group?.officeAt ?? null,
      establishedOn: x.group?.establishedOn ?? null,
      members: x.members.length ? x.members.map(memberLine).join('；') : null,
    });
    const entries = before.group
      ? diffShown('leading_group', id, shown(before), shown(after))
      : [
          {
            action: '新增' as const,
            entity: 'leading_group' as const,
            entityId: id,
            newValue: `${g.name}（${people.length}人）`,
          },
        ];
    appendChanges(db, ctx.session.operator, nowIso(ctx), entries);
    return after;
  });
}
