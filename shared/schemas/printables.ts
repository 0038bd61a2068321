/** Printable documents: which exist, their print settings, the render call and the briefing issues. */
import { id, optIsoDate, optText, period, year } from './common.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';
import { SupervisionStatusSchema } from './supervision.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L_BRIEFING_ISSUE = labels('briefing_issue');

export const DOC_KINDS = [
  'briefing',
  'progress',
  'card',
  'lagging',
  'supervision',
  'wallchart',
  'leadingGroup',
  'tasks',
] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export const DOC_TITLES: Record<DocKind, string> = {
  briefing: '工作简报',
  progress: '重点项目建设进展情况表',
  card: '一项目一档',
  lagging: '滞后/预警清单',
  supervision: '督办单',
  wallchart: '挂图作战图',
  leadingGroup: '领导小组成员名单',
  tasks: '责任清单',
};

/**
 * The documents whose table is fitted to the paper by shrinking its type down to the 最小字号, then by A3 (the 20
 * columns of the 进展表: documents/progress.ts). The others keep their type: the setting is neither offered nor
 * named for them.
 */
export const FITS_BY_FONT: readonly DocKind[] = ['progress'];

/** The parts of each document a user may leave out; order = print order. */
export const DOC_SECTIONS: Record<DocKind, readonly { key: string; label: string }[]> = {
  briefing: [
    { key: 'overview', label: '总体情况' },
    { key: 'charts', label: '图表' },
    { key: 'highlights', label: '工作亮点' },
    { key: 'lights', label: '红黄灯项目' },
    { key: 'problems', label: '存在问题' },
    { key: 'nextSteps', label: '下步打算' },
  ],
  progress: [
    { key: 'subProjects', label: '子项目明细行' },
    { key: 'signature', label: '签字栏' },
  ],
  card: [
    { key: 'basic', label: '基本信息' },
    { key: 'funding', label: '资金构成与到位' },
    { key: 'milestones', label: '节点' },
    { key: 'reports', label: '近六个月月报' },
    { key: 'supervision', label: '问题与督办' },
    { key: 'photos', label: '现场照片' },
    { key: 'checklist', label: '档案清单' },
    { key: 'subProjectCards', label: '子项目各自成档（打印全部时）' },
  ],
  lagging: [{ key: 'rules', label: '预警规则说明' }],
  supervision: [{ key: 'history', label: '督办经过' }],
  wallchart: [{ key: 'legend', label: '图例' }],
  leadingGroup: [
    { key: 'phone', label: '联系电话' },
    { key: 'duty', label: '分工' },
    { key: 'office', label: '办公室' },
  ],
  tasks: [{ key: 'content', label: '工作内容' }],
};

/** The documents of no month: a roster and a task list are printed as they stand on the day of printing. */
export const UNDATED_DOCS: readonly DocKind[] = ['leadingGroup', 'tasks'];

export const PAPERS = ['A4', 'A3'] as const;
export const ORIENTATIONS = ['portrait', 'landscape'] as const;
export const ORIENTATION_CN = { portrait: '纵向', landscape: '横向' } as const;

export const PrintableSettingsSchema = z.object({
  paper: z.enum(PAPERS, { error: '纸张应为 A4 或 A3' }),
  orientation: z.enum(ORIENTATIONS, { error: '方向应为纵向或横向' }),
  sections: z.array(z.string().max(40)).max(20),
  /** Wide tables shrink to fit down to this size (pt) rather than clip. */
  minFontPt: z.number().min(6, '最小字号不能小于6磅').max(16, '最小字号不能大于16磅'),
});
export type PrintableSettings = z.infer<typeof PrintableSettingsSchema>;

/** A printable's kind, refused with the documents' Chinese titles. */
export const docKind = z.enum(DOC_KINDS, { error: `文档类型应为：${DOC_KINDS.map((k) => DOC_TITLES[k]).join('、')}` });

export const RenderInputSchema = z.object({
  doc: docKind,
  period: period(),
  projectId: id.optional(),
  supervisionId: id.optional(),
  briefingId: id.optional(),
  /** 责任清单: which list (行动方案); the first, as the 责任清单 page opens, when not given */
  campaignId: id.optional(),
  /** Unsaved overrides from the preview panel; missing keys come from the saved settings. */
  settings: PrintableSettingsSchema.partial().optional(),
});
export type RenderInput = z.infer<typeof RenderInputSchema>;

export const RenderOutputSchema = z.object({
  html: z.string(),
  title: z.string(),
  paper: z.enum(PAPERS),
  orientation: z.enum(ORIENTATIONS),
  /** Which typefaces the document asks for and which installed ones stand in. */
  fontsNote: z.string(),
});
export type RenderOutput = z.infer<typeof RenderOutputSchema>;

export const PdfOutputSchema = z.object({ fileName: z.string(), base64: z.string(), bytes: z.number().int() });

export const BriefingIssueSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  no: z.number().int(),
  supplement: z.boolean(),
  period: z.string(),
  issuedOn: z.string().nullable(),
  highlights: z.string().nullable(),
  problems: z.string().nullable(),
  nextSteps: z.string().nullable(),
  sendTo: z.string().nullable(),
  copyTo: z.string().nullable(),
  copies: z.number().int().nullable(),
});
export type BriefingIssue = z.infer<typeof BriefingIssueSchema>;

export const BriefingSaveSchema = z.object({
  id: id.optional(),
  year: year(L_BRIEFING_ISSUE.year),
  /** Omitted: the next free number of the year (增刊 are numbered on their own). */
  no: z.number().int('期号应为整数').min(1, '期号从1开始').max(999, '期号不能超过999').optional(),
  supplement: z.boolean().default(false),
  period: period(),
  issuedOn: optIsoDate(L_BRIEFING_ISSUE.issuedOn),
  highlights: optText(L_BRIEFING_ISSUE.highlights, 2000),
  problems: optText(L_BRIEFING_ISSUE.problems, 2000),
  nextSteps: optText(L_BRIEFING_ISSUE.nextSteps, 2000),
  sendTo: optText(L_BRIEFING_ISSUE.sendTo, 200),
  copyTo: optText(L_BRIEFING_ISSUE.copyTo, 200),
  copies: z
    .number()
    .int('印数应为整数')
    .min(1, '印数至少1份')
    .max(9999, '印数不能超过9999')
    .nullish()
    .transform((v) => v ?? null),
});
export type BriefingSave = z.infer<typeof BriefingSaveSchema>;

/** A briefing issue as shown for editing: a saved one, or a draft (id null) with texts drawn from the figures. */
export const BriefingDraftSchema = BriefingIssueSchema.extend({ id: z.number().int().nullable() });
export type BriefingDraft = z.infer<typeof BriefingDraftSchema>;

export const PrintableOptionsSchema = z.object({
  /** The period asked for, or the latest with monthly reports. */
  period: z.string(),
  supervisions: z.array(
    z.object({
      id: z.number().int(),
      no: z.string().nullable(),
      projectName: z.string(),
      color: z.string(),
      issued: z.string(),
      closed: z.boolean(),
      /** 办理中 | 已回复 | 已办结 | 已升级 (supervisionStatus): an escalated order is not one resolved */
      status: SupervisionStatusSchema,
    }),
  ),
  briefings: z.array(BriefingIssueSchema),
  /** The issue the briefing of this period prints: the latest saved one, or a draft. */
  briefing: BriefingDraftSchema,
});
export type PrintableOptions = z.infer<typeof PrintableOptionsSchema>;
