/**
 * Header texts of county and town ledgers → ledger fields. Real sheets write the same column many ways
 * (项目名称/工程名称, 总投资/计划总投资/总投资（万元）, 实施主体/建设单位/项目法人 …) and put units and years into the
 * header, so headers are normalised first and then matched against patterns in priority order.
 */
import { classifyLedgerRow, isFooterText as footerText } from './import-structure.ts';
import { foreignCurrency, toHalfWidth, type MoneyUnit } from './money.ts';
import { shortOf } from '../fields/registry.ts';

/** Header names of the ledger's own fields come from the field registry (shared/fields/registry.ts). */
const H = (key: string): string => shortOf('project', key);

export const IMPORT_FIELDS = {
  seq: '序号',
  code: H('code'),
  name: H('name'),
  planYear: H('planYear'),
  category: H('category'),
  subcategory: H('subcategory'),
  stageGroup: H('stageGroup'),
  nature: H('nature'),
  location: H('location'),
  village: H('villageOrgId'),
  scope: H('scope'),
  totalWan: H('totalWan'),
  yearRange: H('years'),
  planStart: H('planStart'),
  planEnd: H('planEnd'),
  actStart: H('actStart'),
  actEnd: H('actEnd'),
  status: H('status'),
  approvalKind: H('approvalKind'),
  approvalNo: H('approvalNo'),
  approvalYm: H('approvalYm'),
  ownerOrg: H('ownerOrgId'),
  // a fact of the 实施主体 (org_unit.legal_rep), not of the project: T3's 项目业主/法人代表
  ownerLegalRep: shortOf('org_unit', 'legalRep'),
  leadOrg: H('leadOrgId'),
  responsibleOrgs: H('responsibleOrgIds'),
  leader: '责任领导',
  manager: H('managerStaffId'),
  contact: H('contact'),
  phone: H('phone'),
  contactPhone: shortOf('collect_kit', 'contact'),
  delivery: H('delivery'),
  govFunded: H('govFunded'),
  landMuHave: H('landMuHave'),
  landMuNeed: H('landMuNeed'),
  foreignTotal: '总投资（外币，原值记入备注）',
  openingCumWan: H('openingCumWan'),
  yearPlanWan: H('yearPlanWan'),
  note: H('note'),
  'fund:上级补助': '资金来源·上级补助',
  'fund:县级配套': '资金来源·县级配套',
  'fund:镇级自筹': '资金来源·镇级自筹',
  'fund:村(户)自筹': '资金来源·村(户)自筹',
  'fund:债券': '资金来源·债券',
  'fund:社会资本': '资金来源·社会资本',
  'fund:中央资金': '资金构成·中央资金',
  'fund:省级资金': '资金构成·省级资金',
  'fund:市级资金': '资金构成·市级资金',
  'fund:县级资金': '资金构成·区县资金',
  'fund:银行贷款': '资金构成·银行贷款',
  'fund:企业自筹': '资金构成·企业自筹',
  // T3's 其他来源: every source but the six above (funds.ts t3OtherFen)
  'fund:其他': '资金构成·其他来源',
} as const;
export type ImportField = keyof typeof IMPORT_FIELDS;

export const MONEY_FIELDS: readonly ImportField[] = ['totalWan', 'openingCumWan', 'yearPlanWan'];
export const isMoneyField = (f: ImportField): boolean => MONEY_FIELDS.includes(f) || f.startsWith('fund:');

/** Patterns on the normalised header path; first field whose pattern matches wins, each field once. */
const PATTERNS: [ImportField, RegExp][] = [
  ['seq', /^(序号|序|编号序号)$/],
  ['code', /^(项目编号|项目代码|项目编码|编号)$/],
  ['contactPhone', /联系人(及|和|\/|、)?(联系)?电话/],
  ['name', /^(项目名称|工程名称|项目\(工程\)名称|建设项目名称|项目|名称)$/],
  ['planYear', /^(年度|计划年度|项目年度|申报年度)$/],
  ['category', /七补齐|^(项目)?类别$/],
  ['subcategory', /^子类$/],
  ['stageGroup', /四个一批|推进分类/],
  ['nature', /^(建设)?性质$/],
  ['village', /所在村/],
  ['location', /^(建设地点|建设地址|建设位置|项目地点|项目建设地点|地点|项目属地|项目地址|项目所在地|项目位置)$/],
  ['scope', /建设内容|建设规模/],
  ['openingCumWan', /^(至|到|截至|截止)(上年|\d{4}年)(底|末)?累计(完成)?(投资)?(额)?$/],
  [
    'yearPlanWan',
    /^(\d{4}年度?|本年度?|今年|年度)(计划|投资计划)(完成)?(投资)?(额)?(\(投资\))?$|^(本|\d{4})?年度?投资计划$|^年度?计划投资$|^(\d{4}年度?|本年度?|今年)(投资)?\/(计划|计划投资|投资计划)$/,
  ],
  // 估算/概算总投资: the one total the project has at its stage of design (the ledger keeps one 总投资)
  [
    'totalWan',
    /^(计划|项目|估算|概算)?总投资(额)?(估算|概算)?$|^(投资总额|投资估算|投资概算)$|^(计划|项目)?总投资(额)?\/(人民币|内资|折人民币|合计)$/,
  ],
  ['foreignTotal', /^(计划|项目)?总投资(额)?\/(外资|外币|美元|外商投资)$|^(外资|利用外资|外商投资)(额)?$/],
  // years only: 建设起止时间 (2017.3-2018.6) and 建设周期 (18个月) say more or other than a pair of years
  ['yearRange', /^(建设)?(起止)?(年限|期限)$|^(建设)?起止(年份|年度)$|^开工(年份|年度)?[-—–~～至到]竣工(年份|年度)?$/],
  ['planStart', /^(计划)?开工(\(计划开工\))?(时间|日期|年月)?$|计划开工/],
  ['planEnd', /计划(竣工|完工)|^(竣工|完工)(时间|日期|年月)$/],
  ['actStart', /实际开工/],
  ['actEnd', /实际(竣工|完工)/],
  ['status', /^(项目)?状态$|^项目类别\(完工/],
  ['approvalKind', /审批类型/],
  ['approvalNo', /批复文号|立项文号/],
  ['approvalYm', /批复(时间|日期)/],
  // 实施主体(项目法人) as county forms head it: the unit that builds the project and answers for it (domain.md §1.3,
  // T2's 项目法人单位, T3's 项目业主/单位名称). Not 项目法人代表: a person, that unit's 法人代表 (next). Not 责任主体: a
  // 责任单位 as often as an owner.
  [
    'ownerOrg',
    /实施主体|^项目法人(单位)?$|^(项目)?(建设|实施)单位$|^(项目)?业主(单位)?$|^项目单位$|^建设主体$|^项目业主\/单位名称$/,
  ],
  // The 实施主体's 法人代表 as county forms head it (T3's 项目业主/法人代表, 法定代表人, 项目法人代表): a person, kept on
  // the unit (import-orgs.ts), never the project's 联系人 or 责任人.
  ['ownerLegalRep', /^(项目|单位|业主)?(法人代表|法定代表人)(人)?(姓名)?$/],
  // 主管部门 of a town project is the 县直部门 or 站所 that leads it, as 牵头单位 in S1
  ['leadOrg', /^牵头(单位|部门)$|^(项目|行业)?主管(单位|部门)$/],
  ['responsibleOrgs', /^责任(单位|部门)$|^实施部门$/],
  ['leader', /(责任|包联|包保|联系|分管|挂点|挂钩|包挂|包抓)(市|县|区|镇)?(级)?领导/],
  // 责任人 is the project's own person in charge (domain.md: manager_staff_id), not its 包联领导
  ['manager', /^(项目)?(具体)?(责任|负责)人$/],
  ['contact', /^(业主)?联系人$|\/业主联系人$/],
  ['phone', /^(联系)?电话$|\/联系电话$/],
  ['delivery', /建设模式|实施方式/],
  // 是否政府投资项目 (T3) is a 是/否 column; a bare 政府投资 under a 资金 group is an amount (FUND_CONTEXT, proposeMapping)
  ['govFunded', /^(是否|属于)(为|属于)?政府投资(项目)?$|^政府投资(项目)?$/],
  // 土地指标(亩) as one group over 已落实/需新增 or as T3's two columns (已取得/拟申请土地指标); a single 用地 column says
  // neither which of the two it is, and is left unread
  [
    'landMuHave',
    /(土地|用地)(指标|面积)?\/?(已落实|已有|已取得|已批准?|已供)|(已落实|已有|已取得|已批准?)(的)?(土地|用地)(指标|面积)?$/,
  ],
  [
    'landMuNeed',
    /(土地|用地)(指标|面积)?\/?(需新增|新增|缺口|拟申请|需申请|尚需|待落实|未落实)|(需新增|新增|拟申请|需申请|尚需)(的)?(土地|用地)(指标|面积)?$/,
  ],
  // 备注(预警) is the county's column for the light and its reason (T1): computed by the light rules, never a note.
  ['note', /^备注(?!.*(预警|灯))/],
  ['fund:上级补助', /上级补助/],
  ['fund:县级配套', /县级配套/],
  // a bare 自筹 beside 中央/省/市/县 under 资金来源 is the town's own money (T4 groups every 自筹 as 镇自筹)
  ['fund:镇级自筹', /镇(级|政府)?自筹|^自筹(资金)?$/],
  ['fund:村(户)自筹', /村(\(户\)|户|集体)?自筹/],
  ['fund:债券', /债券/],
  ['fund:社会资本', /社会资本|招商/],
  ['fund:中央资金', /中央(资金)?$/],
  ['fund:省级资金', /省(级)?(资金)?$/],
  ['fund:市级资金', /市(级)?(资金)?$/],
  ['fund:县级资金', /(区县|县级|县)(资金)?$/],
  ['fund:银行贷款', /银行贷款/],
  ['fund:企业自筹', /企业自筹/],
  ['fund:其他', /^其他(来源|资金)?$/],
];

/** Funding columns only make sense under a 资金 group (省/市 alone could be anything). */
const FUND_CONTEXT = /资金|来源|构成/;

export interface HeaderUnit {
  /** The money unit the header states, if any. */
  unit: '万元' | '元' | null;
}

/** "总投资（万元）" → "总投资"; full-width folded, blanks and line breaks removed, unit read separately. */
export function normalizeHeader(text: string): string {
  return (
    toHalfWidth(String(text))
      .replace(/[（]/g, '(')
      .replace(/[）]/g, ')')
      .replace(/[／]/g, '/')
      .replace(/\s+/g, '')
      // the unit closing any level of a path: 总投资(万元), and 总投资(亿元)/合计 where the group header carries it
      .replace(/\((亿元|万元|元|万?美元|万?港元|亩|%|万元、亩)\)(?=\/|$)/g, '')
      .replace(/(\/|^)\((亿元|万元|元|万?美元)\)/g, '$1')
      .replace(/[：:]$/, '')
  );
}

/** A column's or a unit line's currency: an RMB unit, or a foreign currency that is never converted. */
export type ColumnUnit = MoneyUnit | { foreign: string };

export function headerUnit(path: string): ColumnUnit | null {
  const t = toHalfWidth(path);
  const foreign = foreignCurrency(t);
  if (foreign) return { foreign };
  if (/亿元/.test(t)) return '亿元';
  if (/万元/.test(t)) return '万元';
  if (/\(元\)|（元）|单位[:：]?元|\/元$/.test(t)) return '元';
  return null;
}

/** Proposes a field for each column header path ("group/sub"); a field is used once, first column wins. */
export function proposeMapping(paths: string[]): (ImportField | null)[] {
  const used = new Set<ImportField>();
  return paths.map((raw) => {
    if (!raw) return null;
    // 其中：利用外资 beside 总投资 names the column as 利用外资 does (the saved fingerprints keep the full header)
    const path = normalizeHeader(raw).replace(/(^|\/)其中[:：,，]?/g, '$1');
    const last = path.split('/').pop() ?? path;
    for (const [field, re] of PATTERNS) {
      if (used.has(field)) continue;
      if (field.startsWith('fund:')) {
        if (!FUND_CONTEXT.test(path) && !/上级补助|县级配套|自筹|债券|社会资本|银行贷款/.test(last)) continue;
        if (!re.test(last)) continue;
      } else if (!re.test(path) && !re.test(last)) continue;
      if (field === 'yearPlanWan' && /完成/.test(path.replace(/计划完成/, ''))) continue;
      if (field === 'govFunded' && !/是否/.test(last) && FUND_CONTEXT.test(path)) continue;
      used.add(field);
      return field;
    }
    return null;
  });
}

/** How many cells of a row read like known headers (to find the header row under a title). */
export function headerScore(texts: string[]): number {
  return proposeMapping(texts).filter((f) => f !== null).length;
}

/** The signature lines under a table (单位负责人：… 填报人：…): the data ends there. */
export const isFooterText = footerText;

/** One text read alone: a 合计/小计 row's label, a section heading (一、… （一）… 其中：…), or neither. */
export function isSectionOrTotal(text: string | null | undefined): 'section' | 'total' | null {
  if (!text) return null;
  const k = classifyLedgerRow([String(text)], { seq: null, name: null }).kind;
  return k === 'total' ? 'total' : k === 'section' || k === 'breakdown' ? 'section' : null;
}

/** Figures a county template may ask for besides the ledger fields (filled from the period figures); the 月报 fields' names from the registry. */
export const TEMPLATE_FIELDS = {
  ...IMPORT_FIELDS,
  monthWan: shortOf('progress', 'monthWan'),
  ytdWan: shortOf('progress', 'ytdFen'),
  cumWan: shortOf('progress', 'cumFen'),
  ytdPct: '占年度计划%',
  imageText: shortOf('progress', 'imageText'),
  issues: shortOf('progress', 'issues'),
  nextSteps: shortOf('progress', 'nextSteps'),
  level: '预警（红黄绿灯）',
  unfundedWan: '未落实资金',
} as const;
export type TemplateField = keyof typeof TEMPLATE_FIELDS;

const MONEY_TEMPLATE_FIELDS: string[] = [
  'totalWan',
  'openingCumWan',
  'yearPlanWan',
  'monthWan',
  'ytdWan',
  'cumWan',
  'unfundedWan',
];
/** A template field that holds an amount (filled in its column's unit), 资金构成 columns included. */
export const isMoneyTemplateField = (f: string): boolean => MONEY_TEMPLATE_FIELDS.includes(f) || f.startsWith('fund:');

/** A column's unit as a clerk reads it: 万元, 元, 亿元, or the foreign currency it states. */
export const columnUnitText = (u: ColumnUnit): string => (typeof u === 'object' ? u.foreign : u);

/**
 * 本月, 1-N月 (本年) and 开工以来累计 are different figures: a header is read as 累计 only when it says 累计 and
 * names no part of the year (1-9月累计 and 本年累计 are the year's), and as 本月 only when it names one month.
 */
const TEMPLATE_PATTERNS: [TemplateField, RegExp][] = [
  ['ytdPct', /占年度?计划|完成年度计划|年度计划完成率|完成率/],
  [
    'ytdWan',
    /1-\d*N?月|1-\{?N\}?月|年初至本月|自元月|今年累计|本年累计|年度累计|(本|今)年度?(已)?完成|^\d{4}年度?完成(投资)?(额)?$|^\d{4}年度?完成投资\/(1-|累计)/,
  ],
  ['monthWan', /本月(完成)?(投资)?(额)?$|当月完成|^\d{1,2}月(份)?完成投资额?$|\/\d{1,2}月(份)?完成投资额?$|\/本月$/],
  ['cumWan', /开工(以来|至今)?累计|自开工|累计(完成)?(投资)?(额)?$/],
  // 本月进展: the county PHP export's word for the month's 形象进度 (domain.md §2.1)
  ['imageText', /形象进度|工程进度|项目进度$|^本月(工作)?进展(情况)?$/],
  ['issues', /存在(的)?问题|问题和建议/],
  ['nextSteps', /下步(工作)?计划|工作计划|需协调/],
  ['level', /预警|红黄绿灯/],
  // T3's 资金构成/未落实: 总投资 less the 资金构成 (figure-rules.ts unfundedFen); a land column's 未落实 is 亩 (landMuNeed)
  ['unfundedWan', /(^|\/)(资金)?未落实(资金|金额|投资)?$/],
];

/** The period figure a header names (本月, 1-N月, 开工以来累计, 占年度计划%, 形象进度 …), if any. */
export function figureField(raw: string): Exclude<TemplateField, ImportField> | null {
  const path = normalizeHeader(raw ?? '');
  // 至上年底累计 is the opening balance (a ledger field), never the running 累计.
  if (/(上年|\d{4}年)(底|末)/.test(path)) return null;
  for (const [field, re] of TEMPLATE_PATTERNS) {
    if (field === 'unfundedWan' && /土地|用地|亩/.test(path)) continue;
    if (re.test(path)) return field as Exclude<TemplateField, ImportField>;
  }
  return null;
}

/** Template columns → fields: figure columns first (本月, 1-N月累计 …), then the ledger fields. */
export function proposeTemplateMapping(paths: string[]): (TemplateField | null)[] {
  const base = proposeMapping(paths);
  const used = new Set<TemplateField>(base.filter((f): f is ImportField => f !== null));
  return paths.map((raw, i) => {
    const field = figureField(raw ?? '');
    if (field && !used.has(field)) {
      used.add(field);
      if (base[i]) used.delete(base[i]!);
      return field;
    }
    return base[i] ?? null;
  });
}
