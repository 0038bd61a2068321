/**
 * Every field of the project (domain §1.3) as a grid column: title, width, the value it sorts by, the
 * text it shows, and — for the common fields — how it is edited in place. Editing goes through the
 * same zod field rule (projectFields) as the form, and the core re-checks the merged record.
 */
import { type Option, orgOption, staffOption, vocabOptions } from '../../lib/options.ts';
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import { formatApproxWan, formatYearRange } from '../../../../shared/domain/display.ts';
import { titleOf } from '../../../../shared/fields/registry.ts';
import { formatWan, formatWanExact } from '../../../../shared/domain/money.ts';
import {
  APPROVAL_KINDS,
  CATEGORIES,
  DELIVERY_MODES,
  NATURES,
  PROJECT_STATUSES,
  STAGE_GROUPS,
  SUBCATEGORIES,
} from '../../../../shared/domain/vocab.ts';
import type { Lookups } from '../../../../shared/schemas/org.ts';
import type { projectFields, ProjectRow } from '../../../../shared/schemas/project.ts';

export type FieldKey = keyof typeof projectFields;

export type Editor =
  | { kind: 'text'; field: FieldKey }
  | { kind: 'money'; field: FieldKey }
  | { kind: 'date'; field: FieldKey }
  | { kind: 'select'; field: FieldKey; options: (lk: Lookups) => Option[]; allowClear: boolean };

export interface LedgerColumn {
  key: string;
  title: string;
  width: number;
  align?: 'right';
  /** sort value (numbers for money and years) */
  value: (r: ProjectRow, names: Names) => string | number | null;
  /** shown text; defaults to value */
  text?: (r: ProjectRow, names: Names) => string;
  edit?: Editor;
  /** the current value in editor form */
  raw?: (r: ProjectRow) => string | number | null;
  /** never blank in any project (a required field): Ctrl+arrows run along it without reading the rows between */
  alwaysFilled?: true;
  /**
   * a column of days, typed into here or not (入统日期 is not): Ctrl+; over a read-only one says why, as typing
   * there does, rather than that Ctrl+; is only for date columns
   */
  day?: true;
}

export interface Names {
  org: (id: number | null) => string;
  staff: (id: number | null) => string;
}

export function namesOf(lk: Lookups | null): Names {
  const orgs = new Map(lk?.orgs.map((o) => [o.id, o.name]));
  const staff = new Map(lk?.staff.map((s) => [s.id, s.name]));
  return {
    org: (id) => (id === null ? '' : (orgs.get(id) ?? '')),
    staff: (id) => (id === null ? '' : (staff.get(id) ?? '')),
  };
}

/** Column titles come from the field registry, with the unit: 总投资(万元). */
const T = (key: string): string => titleOf('project', key);
const opts = (list: readonly string[]) => (lk: Lookups) => vocabOptions(list, lk.vocabPinyin);
const orgOpts = (lk: Lookups) => lk.orgs.map(orgOption);
const staffOpts = (lk: Lookups) => lk.staff.filter((s) => s.active).map(staffOption);
const yesNo = (b: boolean) => (b ? '是' : '否');
const wanText = (fen: number) => formatWanExact(fen);

const text = (key: FieldKey & keyof ProjectRow, title: string, width: number, editable = true): LedgerColumn => ({
  key,
  title,
  width,
  value: (r) => (r[key] as string | null) ?? null,
  edit: editable ? { kind: 'text', field: key } : undefined,
  raw: (r) => (r[key] as string | null) ?? null,
});
const choice = (
  key: FieldKey & keyof ProjectRow,
  title: string,
  width: number,
  list: readonly string[],
  allowClear = true,
): LedgerColumn => ({
  key,
  title,
  width,
  value: (r) => (r[key] as string | null) ?? null,
  edit: { kind: 'select', field: key, options: opts(list), allowClear },
  raw: (r) => (r[key] as string | null) ?? null,
});
const date = (key: FieldKey & keyof ProjectRow, title: string, editable = true): LedgerColumn => ({
  key,
  title,
  width: 130,
  value: (r) => (r[key] as string | null) ?? null,
  text: (r) => formatDateCn(r[key] as string | null),
  edit: editable ? { kind: 'date', field: key } : undefined,
  raw: (r) => (r[key] as string | null) ?? null,
  day: true,
});

export const LEDGER_COLUMNS: LedgerColumn[] = [
  text('code', T('code'), 110),
  { ...text('name', T('name'), 300), alwaysFilled: true },
  { key: 'planYear', title: T('planYear'), width: 70, value: (r) => r.planYear, alwaysFilled: true },
  choice('category', T('category'), 124, CATEGORIES),
  choice('subcategory', T('subcategory'), 90, SUBCATEGORIES),
  choice('stageGroup', T('stageGroup'), 100, STAGE_GROUPS),
  choice('nature', T('nature'), 90, NATURES),
  text('location', T('location'), 150),
  { key: 'village', title: T('villageOrgId'), width: 120, value: (r, n) => r.villageName ?? n.org(r.villageOrgId) },
  text('scope', T('scope'), 240),
  {
    key: 'totalFen',
    title: T('totalFen'),
    width: 120,
    align: 'right',
    value: (r) => r.totalFen,
    text: (r) => formatApproxWan(r.totalFen, r.approx, { grouping: true }),
    edit: { kind: 'money', field: 'totalWan' },
    raw: (r) => wanText(r.totalFen),
  },
  {
    key: 'fundingSumFen',
    title: T('fundingSumFen'),
    width: 140,
    align: 'right',
    value: (r) => r.fundingSumFen,
    text: (r) => formatWan(r.fundingSumFen, { grouping: true }),
  },
  {
    key: 'years',
    title: T('years'),
    width: 110,
    value: (r) => formatYearRange(r.yearFrom, r.yearTo) || null,
  },
  date('planStart', T('planStart')),
  date('planEnd', T('planEnd')),
  date('actStart', T('actStart')),
  date('actEnd', T('actEnd')),
  { ...choice('status', T('status'), 100, PROJECT_STATUSES, false), alwaysFilled: true },
  choice('approvalKind', T('approvalKind'), 90, APPROVAL_KINDS),
  text('approvalNo', T('approvalNo'), 150),
  text('approvalYm', T('approvalYm'), 90),
  { key: 'owner', title: T('ownerOrgId'), width: 140, value: (r, n) => n.org(r.ownerOrgId) || null },
  {
    key: 'lead',
    title: T('leadOrgId'),
    width: 140,
    value: (r, n) => r.leadOrgName ?? (n.org(r.leadOrgId) || null),
    edit: { kind: 'select', field: 'leadOrgId', options: orgOpts, allowClear: true },
    raw: (r) => r.leadOrgId,
  },
  {
    key: 'responsible',
    title: T('responsibleOrgIds'),
    width: 180,
    value: (r) => r.responsibleOrgNames.join('、') || null,
  },
  {
    key: 'leader',
    title: T('leaderStaffId'),
    width: 100,
    value: (r, n) => r.leaderName ?? (n.staff(r.leaderStaffId) || null),
    edit: { kind: 'select', field: 'leaderStaffId', options: staffOpts, allowClear: true },
    raw: (r) => r.leaderStaffId,
  },
  { key: 'manager', title: T('managerStaffId'), width: 90, value: (r, n) => n.staff(r.managerStaffId) || null },
  text('contact', T('contact'), 90),
  text('phone', T('phone'), 130),
  choice('delivery', T('delivery'), 120, DELIVERY_MODES),
  { key: 'govFunded', title: T('govFunded'), width: 80, value: (r) => yesNo(r.govFunded) },
  { key: 'inStats', title: T('inStats'), width: 80, value: (r) => yesNo(r.inStats) },
  date('statsDate', T('statsDate'), false),
  { key: 'landMuHave', title: T('landMuHave'), width: 110, align: 'right', value: (r) => r.landMuHave },
  { key: 'landMuNeed', title: T('landMuNeed'), width: 110, align: 'right', value: (r) => r.landMuNeed },
  {
    key: 'openingCumFen',
    title: T('openingCumFen'),
    width: 140,
    align: 'right',
    value: (r) => r.openingCumFen,
    text: (r) => formatWan(r.openingCumFen, { grouping: true }),
  },
  { key: 'tags', title: T('tags'), width: 150, value: (r) => r.tags.join('、') || null },
  text('note', T('note'), 200),
];

export const DEFAULT_COLUMNS = [
  'code',
  'name',
  'category',
  'nature',
  'totalFen',
  'location',
  'planStart',
  'planEnd',
  'status',
  'lead',
  'responsible',
  'leader',
];
/** The name column anchors the tree and the row actions, so it cannot be hidden. */
export const FIXED_COLUMNS = ['name'];
