import { LG_ROLES, ORG_KINDS, ORG_LEVELS } from '../domain/vocab.ts';
import { id, isoDate, oneOf, optId, optIsoDate, optOneOf, optText, reqText } from './common.ts';
import { z } from './zod-zh.ts';

export const OrgUnitSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  shortName: z.string().nullable(),
  level: z.string().nullable(),
  kind: z.string().nullable(),
});
export type OrgUnit = z.infer<typeof OrgUnitSchema>;

export const StaffSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  title: z.string(),
  orgId: z.number().int().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
});
export type Staff = z.infer<typeof StaffSchema>;

export const LookupsSchema = z.object({ orgs: z.array(OrgUnitSchema), staff: z.array(StaffSchema) });
export type Lookups = z.infer<typeof LookupsSchema>;

// ---------------------------------------------------------------------------------------------------
// 组织机构 and 领导小组 (domain §1.2)
// ---------------------------------------------------------------------------------------------------


export const OrgSaveSchema = z.object({
  id: optId,
  name: reqText('单位名称', 2, 60),
  shortName: optText('简称', 20),
  level: optOneOf(ORG_LEVELS, '层级'),
  kind: optOneOf(ORG_KINDS, '类型'),
  sort: z.number({ error: '排序应为数字' }).int('排序应为整数').min(0, '排序不能小于0').max(9999, '排序不能大于9999').optional(),
  note: optText('备注', 200),
});
export type OrgSave = z.output<typeof OrgSaveSchema>;

export const OrgRowSchema = OrgUnitSchema.extend({ sort: z.number().int(), note: z.string().nullable(), staffCount: z.number().int(), projectCount: z.number().int(), taskCount: z.number().int() });
export type OrgRow = z.infer<typeof OrgRowSchema>;

/** Several numbers separated by "," "，" "、" or spaces (county template rule No11). */
const PHONE = /^[0-9+()（）-]{5,20}$/;
const phones = z
  .string()
  .nullish()
  .transform((v) => (v == null ? [] : v.split(/[,，、;；\s]+/).filter(Boolean)))
  .superRefine((list, ctx) => {
    for (const p of list) if (!PHONE.test(p)) ctx.addIssue({ code: 'custom', message: `电话“${p}”不是有效号码（多个号码用逗号或空格分隔）` });
  })
  .transform((list) => (list.length ? list.join(',') : null));

const staffFields = {
  name: reqText('姓名', 2, 20),
  title: reqText('职务', 2, 40),
  orgId: optId,
  phone: phones,
  since: optIsoDate('任职日期'),
  note: optText('备注', 200),
};

export const StaffSaveSchema = z.object({ id: optId, ...staffFields, active: z.boolean().default(true), until: optIsoDate('离任日期') });
export type StaffSave = z.output<typeof StaffSaveSchema>;

export const StaffRotateSchema = z.object({
  staffId: id,
  date: isoDate('交接日期'),
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
  name: reqText('领导小组名称', 2, 60),
  docNo: optText('成立文号', 60),
  officeAt: optText('办公室设在', 60),
  establishedOn: optIsoDate('成立日期'),
  members: z
    .array(
      z.object({
        staffId: z.number({ error: '请选择成员' }).int().positive('请选择成员'),
        role: oneOf(LG_ROLES, '组内角色'),
        sort: z.number().int().min(0).max(999).optional(),
        duty: optText('分工', 200),
      }),
    )
    .max(100, '成员不能超过100人'),
});
export type LeadingGroupSave = z.output<typeof LeadingGroupSaveSchema>;
