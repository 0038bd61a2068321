/**
 * Every field of the project (domain §1.3) as a grid column: title, width, the value it sorts by, the
 * text it shows, and — for the common fields — how it is edited in place. Editing goes through the
 * same zod field rule (projectFields) as the form, and the core re-checks the merged record.
 */
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import { formatWan, formatWanExact } from '../../../../shared/domain/money.ts';
import {
  APPROVAL_KINDS, CATEGORIES, DELIVERY_MODES, NATURES, PROJECT_STATUSES, STAGE_GROUPS, SUBCATEGORIES,
} from '../../../../shared/domain/vocab.ts';
import type { Lookups } from '../../../../shared/schemas/org.ts';
import { vocabOptions, type Option } from '../../lib/options.ts';
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
}

export interface Names {
  org: (id: number | null) => string;
  staff: (id: number | null) => string;
}

export function namesOf(lk: Lookups | null): Names {
  const orgs = new Map(lk?.orgs.map((o) => [o.id, o.name]));
  const staff = new Map(lk?.staff.map((s) => [s.id, s.name]));
  return { org: (id) => (id === null ? '' : orgs.get(id) ?? ''), staff: (id) => (id === null ? '' : staff.get(id) ?? '') };
}

const opts = (list: readonly string[]) => () => vocabOptions(list);
const orgOpts = (lk: Lookups) => lk.orgs.map((o) => ({ value: o.id, label: o.name }));
const staffOpts = (lk: Lookups) => lk.staff.filter((s) => s.active).map((s) => ({ value: s.id, label: `${s.name}（${s.title}）` }));
const yesNo = (b: boolean) => (b ? '是' : '否');
const wanText = (fen: number) => formatWanExact(fen);

const text = (key: FieldKey & keyof ProjectRow, title: string, width: number, editable = true): LedgerColumn => ({
  key, title, width,
  value: (r) => (r[key] as string | null) ?? null,
  edit: editable ? { kind: 'text', field: key } : undefined,
  raw: (r) => (r[key] as string | null) ?? null,
});
const choice = (key: FieldKey & keyof ProjectRow, title: string, width: number, list: readonly string[], allowClear = true): LedgerColumn => ({
  key, title, width,
  value: (r) => (r[key] as string | null) ?? null,
  edit: { kind: 'select', field: key, options: opts(list), allowClear },
  raw: (r) => (r[key] as string | null) ?? null,
});
const date = (key: FieldKey & keyof ProjectRow, title: string, editable = true): LedgerColumn => ({
  key, title, width: 130,
  value: (r) => (r[key] as string | null) ?? null,
  text: (r) => formatDateCn(r[key] as string | null),
  edit: editable ? { kind: 'date', field: key } : undefined,
  raw: (r) => (r[key] as string | null) ?? null,
});

export const LEDGER_COLUMNS: LedgerColumn[] = [
  text('code', '项目编号', 110),
  { ...text('name', '项目名称', 300) },
  { key: 'planYear', title: '年度', width: 70, value: (r) => r.planYear },
  choice('category', '七补齐类别', 100, CATEGORIES),
  choice('subcategory', '子类', 90, SUBCATEGORIES),
  choice('stageGroup', '推进分类', 100, STAGE_GROUPS),
  choice('nature', '建设性质', 90, NATURES),
  text('location', '建设地点', 150),
  { key: 'village', title: '所在村(社区)', width: 120, value: (r, n) => r.villageName ?? n.org(r.villageOrgId) },
  text('scope', '建设内容及规模', 240),
  {
    key: 'totalFen', title: '总投资(万元)', width: 120, align: 'right',
    value: (r) => r.totalFen,
    text: (r) => (r.approx ? '约' : '') + formatWan(r.totalFen, { grouping: true }),
    edit: { kind: 'money', field: 'totalWan' },
    raw: (r) => wanText(r.totalFen),
  },
  { key: 'fundingSumFen', title: '资金构成合计(万元)', width: 140, align: 'right', value: (r) => r.fundingSumFen, text: (r) => formatWan(r.fundingSumFen, { grouping: true }) },
  { key: 'years', title: '建设起止年限', width: 110, value: (r) => (r.yearFrom ? `${r.yearFrom}-${r.yearTo ?? ''}` : null) },
  date('planStart', '计划开工'),
  date('planEnd', '计划竣工'),
  date('actStart', '实际开工'),
  date('actEnd', '实际竣工'),
  choice('status', '项目状态', 100, PROJECT_STATUSES, false),
  choice('approvalKind', '审批类型', 90, APPROVAL_KINDS),
  text('approvalNo', '立项批复文号', 150),
  text('approvalYm', '批复时间', 90),
  { key: 'owner', title: '实施主体', width: 140, value: (r, n) => n.org(r.ownerOrgId) || null },
  {
    key: 'lead', title: '牵头单位', width: 140, value: (r, n) => r.leadOrgName ?? (n.org(r.leadOrgId) || null),
    edit: { kind: 'select', field: 'leadOrgId', options: orgOpts, allowClear: true }, raw: (r) => r.leadOrgId,
  },
  { key: 'responsible', title: '责任单位', width: 180, value: (r) => r.responsibleOrgNames.join('、') || null },
  {
    key: 'leader', title: '包联领导', width: 100, value: (r, n) => r.leaderName ?? (n.staff(r.leaderStaffId) || null),
    edit: { kind: 'select', field: 'leaderStaffId', options: staffOpts, allowClear: true }, raw: (r) => r.leaderStaffId,
  },
  { key: 'manager', title: '责任人', width: 90, value: (r, n) => n.staff(r.managerStaffId) || null },
  text('contact', '联系人', 90),
  text('phone', '联系电话', 130),
  choice('delivery', '建设模式', 120, DELIVERY_MODES),
  { key: 'govFunded', title: '政府投资', width: 80, value: (r) => yesNo(r.govFunded) },
  { key: 'inStats', title: '已入统', width: 80, value: (r) => yesNo(r.inStats) },
  date('statsDate', '入统日期', false),
  { key: 'landMuHave', title: '已取得用地(亩)', width: 110, align: 'right', value: (r) => r.landMuHave },
  { key: 'landMuNeed', title: '拟申请用地(亩)', width: 110, align: 'right', value: (r) => r.landMuNeed },
  { key: 'openingCumFen', title: '至上年底累计(万元)', width: 140, align: 'right', value: (r) => r.openingCumFen, text: (r) => formatWan(r.openingCumFen, { grouping: true }) },
  { key: 'tags', title: '标记', width: 150, value: (r) => r.tags.join('、') || null },
  text('note', '备注', 200),
];

export const DEFAULT_COLUMNS = ['code', 'name', 'category', 'nature', 'totalFen', 'location', 'planStart', 'planEnd', 'status', 'lead', 'responsible', 'leader'];
/** The name column anchors the tree and the row actions, so it cannot be hidden. */
export const FIXED_COLUMNS = ['name'];
