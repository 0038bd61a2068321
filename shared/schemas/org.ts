import { LG_ROLES, ORG_KINDS, ORG_LEVELS } from '../domain/vocab.ts';
import { id, isoDate, oneOf, optId, optIsoDate, optOneOf, optText, reqText } from './common.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';
import { sheetCellsInput } from './sheet-cells.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L_LEADING_GROUP = labels('leading_group');
const L_LG_MEMBER = labels('lg_member');
const L_ORG_UNIT = labels('org_unit');
const L_STAFF = labels('staff');

export const OrgUnitSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  shortName: z.string().nullable(),
  level: z.string().nullable(),
  kind: z.string().nullable(),
  /** the name's pinyin for the pickers' search (shared/domain/search.ts namePinyin) */
  pinyin: z.string(),
});
export type OrgUnit = z.infer<typeof OrgUnitSchema>;

export const StaffSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  title: z.string(),
  orgId: z.number().int().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  /** the name's pinyin for the pickers' search (shared/domain/search.ts namePinyin) */
  pinyin: z.string(),
});
export type Staff = z.infer<typeof StaffSchema>;

export const LookupsSchema = z.object({
  orgs: z.array(OrgUnitSchema),
  staff: z.array(StaffSchema),
  /** each word of the pinyin-searched vocabularies (vocab.ts) → its pinyin (search.ts namePinyin) */
  vocabPinyin: z.record(z.string(), z.string()),
  /** the town's names (永济市蒲州镇, 蒲州镇): a unit typed with or without them in front is one unit (org-name.ts) */
  townNames: z.array(z.string()),
});
export type Lookups = z.infer<typeof LookupsSchema>;

// ---------------------------------------------------------------------------------------------------
// 组织机构 and 领导小组 (domain §1.2)
// ---------------------------------------------------------------------------------------------------

/**
 * One person's name in a box of its own (a unit's 法人代表): 2 to 20 characters as the 人员's 姓名, blanks inside taken
 * out (王  伟, a two-character name padded to three, is 王伟). A number or a second name is refused: the county's T3
 * prints the box in one cell as a person's name, and a telephone number there would go to the county as one.
 */
export const optPersonName = (label: string) =>
  z
    .string()
    .nullish()
    .transform((v) => (v == null ? null : v.replace(/[\s\u3000]+/g, '') || null))
    .superRefine((v, ctx) => {
      if (v === null) return;
      const say = (message: string) => ctx.addIssue({ code: 'custom', message });
      if (/[0-9０-９]/.test(v)) say(`${label}“${v}”应为姓名，不能含数字`);
      else if (/[,，、;；/／]/.test(v)) say(`${label}只填一人，“${v}”写了多人`);
      else if (v.length < 2) say(`${label}至少2个字`);
      else if (v.length > 20) say(`${label}不能超过20个字`);
    });

/** A unit's 法人代表 as the 单位 form and an imported sheet's 法人代表 column give it (the one check of both). */
export const LegalRepSchema = optPersonName(L_ORG_UNIT.legalRep);

export const OrgSaveSchema = z.object({
  id: optId,
  name: reqText(L_ORG_UNIT.name, 2, 60),
  shortName: optText(L_ORG_UNIT.shortName, 20),
  level: optOneOf(ORG_LEVELS, L_ORG_UNIT.level),
  kind: optOneOf(ORG_KINDS, L_ORG_UNIT.kind),
  sort: z
    .number({ error: '排序应为数字' })
    .int('排序应为整数')
    .min(0, '排序不能小于0')
    .max(9999, '排序不能大于9999')
    .optional(),
  note: optText(L_ORG_UNIT.note, 200),
  legalRep: LegalRepSchema,
});
export type OrgSave = z.output<typeof OrgSaveSchema>;

export const OrgRowSchema = OrgUnitSchema.extend({
  sort: z.number().int(),
  note: z.string().nullable(),
  legalRep: z.string().nullable(),
  staffCount: z.number().int(),
  projectCount: z.number().int(),
  taskCount: z.number().int(),
});
export type OrgRow = z.infer<typeof OrgRowSchema>;

/** Several numbers separated by "," "，" "、" or spaces (county template rule No11). */
const PHONE = /^[0-9+()（）-]{5,20}$/;
const phones = z
  .string()
  .nullish()
  .transform((v) => (v == null ? [] : v.split(/[,，、;；\s]+/).filter(Boolean)))
  .superRefine((list, ctx) => {
    for (const p of list)
      if (!PHONE.test(p))
        ctx.addIssue({ code: 'custom', message: `电话“${p}”不是有效号码（多个号码用逗号或空格分隔）` });
  })
  .transform((list) => (list.length ? list.join(',') : null));

const staffFields = {
  name: reqText(L_STAFF.name, 2, 20),
  title: reqText(L_STAFF.title, 2, 40),
  orgId: optId,
  phone: phones,
  since: optIsoDate(L_STAFF.since),
  note: optText(L_ORG_UNIT.note, 200),
};

/** The columns of the 人员 list a clerk types into (a sheet); 在任/离任 go through 编辑 and 交接. */
export const STAFF_CELL_FIELDS = ['name', 'title', 'orgId', 'phone', 'since', 'note'] as const;
export type StaffCellField = (typeof STAFF_CELL_FIELDS)[number];
export const staffCellRules = Object.fromEntries(STAFF_CELL_FIELDS.map((f) => [f, staffFields[f]])) as {
  [F in StaffCellField]: (typeof staffFields)[F];
};
/** A block of 人员 cells (a paste, a fill, an undo), saved in one transaction (staff:updateCells). */
export const StaffCellsInputSchema = z.object({ cells: sheetCellsInput(STAFF_CELL_FIELDS, L_STAFF, 5000) });

export const StaffSaveSchema = z.object({
  id: optId,
  ...staffFields,
  active: z.boolean().default(true),
  until: optIsoDate(L_STAFF.until),
});
export type StaffSave = z.output<typeof StaffSaveSchema>;

export const StaffRotateSchema = z.object({
  staffId: id,
  date: isoDate(L_STAFF.date),
  /** An existing (usually 离任) person who takes over, or a new one. */
  successorId: optId,
  successor: z.object(staffFields).partial({ title: true }).optional(),
  /** Hand the leading-group seats and the 包联/责任人 projects over to the successor. */
  handOver: z.boolean().default(true),
});
export type StaffRotate = z.output<typeof StaffRotateSchema>;

export const StaffRowSchema = StaffSchema.extend({
  orgName: z.string().nullable(),
  since: z.string().nullable(),
  until: z.string().nullable(),
  note: z.string().nullable(),
  /** Projects this person leads as 包联领导. */
  leaderOf: z.array(z.string()),
});
export type StaffRow = z.infer<typeof StaffRowSchema>;

export const StaffListQuerySchema = z.object({ active: z.boolean().nullish() }).optional().default({});

export const LgMemberSchema = z.object({
  staffId: id,
  name: z.string(),
  title: z.string(),
  orgName: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  role: z.string(),
  sort: z.number().int(),
  duty: z.string().nullable(),
});
export type LgMember = z.infer<typeof LgMemberSchema>;

export const LeadingGroupSchema = z.object({
  group: z
    .object({
      id,
      name: z.string(),
      docNo: z.string().nullable(),
      officeAt: z.string().nullable(),
      officeDirectorStaffId: z.number().int().nullable(),
      establishedOn: z.string().nullable(),
    })
    .nullable(),
  /** In printed order: by rank, then sort. */
  members: z.array(LgMemberSchema),
});
export type LeadingGroup = z.infer<typeof LeadingGroupSchema>;

export const LeadingGroupSaveSchema = z.object({
  name: reqText(L_LEADING_GROUP.name, 2, 60),
  docNo: optText(L_LEADING_GROUP.docNo, 60),
  officeAt: optText(L_LEADING_GROUP.officeAt, 60),
  establishedOn: optIsoDate(L_LEADING_GROUP.establishedOn),
  members: z
    .array(
      z.object({
        staffId: z.number({ error: '请选择成员' }).int().positive('请选择成员'),
        role: oneOf(LG_ROLES, L_LG_MEMBER.role),
        sort: z.number().int().min(0).max(999).optional(),
        duty: optText(L_LG_MEMBER.duty, 200),
      }),
    )
    .max(100, '成员不能超过100人'),
});
export type LeadingGroupSave = z.output<typeof LeadingGroupSaveSchema>;
