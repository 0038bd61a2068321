/**
 * T1–T5 of domain §2 as declarative column specs over the period figures (periodFigures, which returns the frozen snapshot of a closed period) and the
 * project/funding/fund-flow/task tables. No figure is computed here a second way: 累计, 1-N月, 年度计划
 * and % come from the figures; totals are the frame's SUM formulas over these rows.
 */
import { checkpoint, progress } from '../../progress.ts';
import { isTopLevel, numberedTree, remarkText, unfundedFen } from '../../../../shared/domain/figure-rules.ts';
import { formatWan } from '../../../../shared/domain/money.ts';
import { daysInMonth } from '../../../../shared/domain/dates.ts';
import { yesNoText } from '../../../../shared/domain/cell-reads.ts';
import { formatPeriodCn, formatYearRange, responsibleUnitsText } from '../../../../shared/domain/display.ts';
import { parsePeriod, periodEnd } from '../../../../shared/domain/period.ts';
import { taskDaysOverdue } from '../../../../shared/domain/task-deadline.ts';
import { CATEGORIES, STAGE_GROUPS } from '../../../../shared/domain/vocab.ts';
import { T2_FUND_COLUMNS, t2FundColumn, T3_FUND_SOURCES, t3OtherFen } from '../../../../shared/domain/funds.ts';
import { TEMPLATE_TITLES, type ExportTemplate } from '../../../../shared/schemas/excel.ts';
import type { PeriodFigures, ProjectFigures } from '../../../../shared/schemas/figures.ts';
import type { Ctx } from '../../context.ts';
import * as repo from '../../repositories/excel.repository.ts';
import { approxProjectIds } from '../../repositories/project.repository.ts';
import { getSetting } from '../../repositories/setting.repository.ts';
import { periodFigures } from '../../services/period.service.ts';
import { campaignTasks } from '../../services/task.service.ts';
import { approxPlanSources, projectFundFigures, type ProjectFundFigures } from '../../services/fund-figures.ts';
import { totalsOf, townOverview } from '../../services/figure-set.service.ts';
import { projectFundWarnings, summarise, t4Group, T4_GROUPS, type T4Group } from '../../../../shared/domain/funds.ts';
import { shortOf } from '../../../../shared/fields/registry.ts';
import { newWorkbook } from '../new-workbook.ts';
import { workbookBuffer, writeReport, type Col, type Item, type ReportSpec, type Section } from './frame.ts';
import { fillerName } from '../../services/town-settings.service.ts';
import { projectPeople } from '../../services/project-people.ts';

/**
 * Column headers that name a ledger field come from the field registry (shared/fields/registry.ts), so the
 * export says what the form, grid and import say; the county's own wording (建设地址, 责任领导(包联领导), 1-N月累计 …)
 * stays literal here because it is the county layout's (domain §2), not the field's name.
 */
const P = (key: string): string => shortOf('project', key);
const R = (key: string): string => shortOf('progress', key);
const T = (key: string): string => shortOf('task', key);

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

export interface ExportContext {
  ctx: Ctx;
  period: string;
  year: number;
  month: number;
  town: string;
  /** 填报单位, the same as on the printouts (fillerName) */
  filler: string;
  figures: PeriodFigures;
  /** T5: the 责任清单 asked for (null: the first, as the 责任清单 page opens) */
  campaignId?: number | null;
}

export function exportContext(ctx: Ctx, period: string): ExportContext {
  const { year, month } = parsePeriod(period);
  return {
    ctx,
    period,
    year,
    month,
    town: getSetting(ctx.db, 'town.name') ?? '本镇',
    filler: fillerName(ctx),
    figures: periodFigures(ctx, period),
  };
}

const asOfText = (e: ExportContext) => `统计截止：${e.year}年${e.month}月${daysInMonth(e.year, e.month)}日`;
const unitOrg = (e: ExportContext) => `填报单位（盖章）：${e.filler}`;
const yearRange = (p: ProjectFigures) => formatYearRange(p.yearFrom, p.yearTo) || null;

/** Top-level projects each followed by their sub-projects (shown, not summed). */
/** Top-level projects of `list`, each followed by its parts (其中 rows), numbered as the county numbers them. */
function ordered(list: ProjectFigures[], all: ProjectFigures[]): { p: ProjectFigures; child: boolean; seq: string }[] {
  return numberedTree(list.filter(isTopLevel), all).map(({ item, depth, seq }) => ({ p: item, child: depth > 0, seq }));
}

function sectionsBy(
  e: ExportContext,
  keyOf: (p: ProjectFigures) => string,
  order: readonly string[],
  titleOf: (name: string, idx: number, tops: ProjectFigures[]) => string,
  values: (p: ProjectFigures, seq: string, child: boolean) => Item['values'],
  /** further cells of a project's row written 0.00"余" (a 资金构成 amount written as approximate) */
  approxKeysOf: (p: ProjectFigures) => string[] = () => [],
): Section[] {
  const all = e.figures.projects;
  const tops = all.filter(isTopLevel);
  // A 总投资 the ledger holds as approximate (860余) is written so (as T2 does): imported back it stays approximate.
  const approx = approxProjectIds(e.ctx.db);
  const names = [...order, ...new Set(tops.map(keyOf).filter((k) => !order.includes(k)))];
  const sections: Section[] = [];
  for (const name of names) {
    const mine = tops.filter((p) => keyOf(p) === name);
    if (mine.length === 0) continue;
    const items = ordered(mine, all).map(({ p, child, seq }) => {
      const approxKeys = [...(approx.has(p.id) ? ['total'] : []), ...approxKeysOf(p)];
      return { values: values(p, seq, child), summed: !child, ...(approxKeys.length ? { approxKeys } : {}) };
    });
    sections.push({ title: titleOf(name, sections.length, mine), items });
  }
  return sections;
}

function t1(e: ExportContext): ReportSpec {
  const Y = e.year;
  const N = e.month;
  const peopleOf = projectPeople(e.ctx);
  const columns: Col[] = [
    { key: 'seq', header: '序号', kind: 'seq' },
    { key: 'name', header: P('name'), kind: 'text' },
    { key: 'nature', header: P('nature'), kind: 'text' },
    { key: 'scope', header: P('scope'), kind: 'wrap' },
    { key: 'years', header: P('years'), kind: 'text' },
    { key: 'total', header: P('totalWan'), kind: 'money', sum: true },
    { key: 'prior', header: R('priorFen'), kind: 'money', sum: true },
    { key: 'plan', header: `${Y}年计划投资`, kind: 'money', sum: true },
    { key: 'month', header: '本月', group: `${Y}年完成投资`, kind: 'money', sum: true },
    { key: 'ytd', header: `1-${N}月累计`, group: `${Y}年完成投资`, kind: 'money', sum: true },
    { key: 'pct', header: '占年度计划%', group: `${Y}年完成投资`, kind: 'pct' },
    { key: 'cum', header: R('cumFen'), kind: 'money', sum: true },
    { key: 'image', header: R('imageText'), kind: 'wrap' },
    { key: 'planStart', header: P('planStart'), group: '建设时间', kind: 'date' },
    { key: 'planEnd', header: P('planEnd'), group: '建设时间', kind: 'date' },
    { key: 'leader', header: '责任领导(包联领导)', kind: 'text' },
    { key: 'orgs', header: P('responsibleOrgIds'), kind: 'text' },
    { key: 'issues', header: R('issues'), kind: 'wrap' },
    { key: 'next', header: '下步计划(需协调事项)', kind: 'wrap' },
    { key: 'note', header: '备注(预警)', kind: 'wrap' },
  ];
  return {
    sheetName: '月报表',
    title: `${e.town}${Y}年重点项目建设进展情况表（1-${N}月）`,
    unitOrg: unitOrg(e),
    asOfText: asOfText(e),
    unitText: '单位：万元',
    columns,
    sectionStyle: 'inline',
    totalPosition: 'top',
    totalLabel: '合计',
    ratios: [{ key: 'pct', num: 'ytd', den: 'plan' }],
    sections: sectionsBy(
      e,
      (p) => p.category ?? '其他',
      CATEGORIES,
      (name, i, tops) => `${CN_NUM[i] ?? i + 1}、${name}（${tops.length}个）`,
      (p, seq, child) => ({
        seq,
        name: child ? `其中：${p.name}` : p.name,
        nature: p.nature,
        scope: p.scope,
        years: yearRange(p),
        total: p.totalFen,
        prior: p.priorFen,
        plan: p.yearPlanFen,
        month: p.monthFen,
        ytd: p.ytdFen,
        pct: p.ytdPct,
        cum: p.cumFen,
        image: p.report?.imageText ?? null,
        planStart: p.planStart,
        planEnd: p.planEnd,
        leader: peopleOf(p).leader?.name ?? null,
        orgs: responsibleUnitsText(p.leadOrgName, p.responsibleOrgNames),
        issues: p.report?.issues ?? null,
        next: [p.report?.nextSteps, p.report?.needs].filter(Boolean).join('；') || null,
        note: remarkText(p, e.figures.period),
      }),
    ),
  };
}

/** Each project's fund figures (its sub-projects rolled up, fund-figures.ts) at the period's reference date. */
function fundsOf(e: ExportContext): Map<number, ProjectFundFigures> {
  return new Map(projectFundFigures(e.ctx, e.figures.asOf).map((f) => [f.id, f]));
}

/** A project's 资金构成 (计划) by source. */
export function planOf(f: ProjectFundFigures | undefined): Map<string, number> {
  return new Map((f?.lines ?? []).filter((l) => l.planFen !== 0).map((l) => [l.source, l.planFen]));
}

/** A project's 资金构成 summed over its sources (what 未落实 is taken from: 总投资 less this). */
export const plannedFen = (f: ProjectFundFigures | undefined): number =>
  (f?.lines ?? []).reduce((a, l) => a + l.planFen, 0);

function t2(e: ExportContext): ReportSpec {
  const funding = fundsOf(e);
  const approxFund = approxPlanSources(e.ctx);
  const extras = new Map(repo.projectExtras(e.ctx.db).map((x) => [x.id, x]));
  const peopleOf = projectPeople(e.ctx);
  const columns: Col[] = [
    { key: 'seq', header: '序号', kind: 'seq' },
    { key: 'code', header: P('code'), kind: 'text' },
    { key: 'year', header: P('planYear'), kind: 'int' },
    { key: 'category', header: P('category'), kind: 'text' },
    { key: 'name', header: P('name'), kind: 'text' },
    { key: 'location', header: P('location'), kind: 'text' },
    { key: 'scope', header: P('scope'), kind: 'wrap' },
    { key: 'nature', header: P('nature'), kind: 'text' },
    { key: 'total', header: P('totalWan'), kind: 'money', sum: true },
    ...T2_FUND_COLUMNS.map(
      (f): Col => ({ key: `fund:${f}`, header: f, group: shortOf('funding_plan', 'source'), kind: 'money', sum: true }),
    ),
    { key: 'years', header: P('years'), kind: 'text' },
    { key: 'planStart', header: P('planStart'), kind: 'date' },
    { key: 'planEnd', header: P('planEnd'), kind: 'date' },
    { key: 'status', header: P('status'), kind: 'text' },
    { key: 'owner', header: P('ownerOrgId'), kind: 'text' },
    { key: 'lead', header: P('leadOrgId'), kind: 'text' },
    { key: 'orgs', header: P('responsibleOrgIds'), kind: 'text' },
    { key: 'leader', header: '责任领导', kind: 'text' },
    { key: 'contact', header: P('contact'), kind: 'text' },
    { key: 'phone', header: P('phone'), kind: 'text' },
    { key: 'note', header: P('note'), kind: 'wrap' },
  ];
  return {
    sheetName: '项目清单',
    title: `${e.town}“擦亮小城镇”建设项目清单`,
    unitOrg: unitOrg(e),
    asOfText: asOfText(e),
    unitText: '单位：万元',
    columns,
    sectionStyle: 'none',
    totalPosition: 'bottom',
    totalLabel: '合计',
    sections: [
      {
        title: '',
        items: ordered(e.figures.projects, e.figures.projects).map(({ p, child, seq }) => {
          const x = extras.get(p.id);
          const f = planOf(funding.get(p.id));
          const fund: Record<string, number> = Object.fromEntries(T2_FUND_COLUMNS.map((c) => [`fund:${c}`, 0]));
          for (const [source, fen] of f) fund[`fund:${t2FundColumn(source)}`]! += fen;
          // a column holding an amount written as approximate (460余) reads 460.00余, as 总投资 does
          const approxKeys = [
            ...(x?.approx ? ['total'] : []),
            ...new Set([...(approxFund.get(p.id) ?? [])].map((s) => `fund:${t2FundColumn(s)}`)),
          ];
          return {
            summed: !child,
            ...(approxKeys.length ? { approxKeys } : {}),
            values: {
              seq,
              code: p.code,
              year: x?.plan_year ?? null,
              category: p.category,
              name: p.name,
              location: p.location,
              scope: p.scope,
              nature: p.nature,
              total: p.totalFen,
              ...fund,
              years: yearRange(p),
              planStart: p.planStart,
              planEnd: p.planEnd,
              status: p.status,
              owner: x?.owner_name ?? null,
              lead: p.leadOrgName,
              orgs: p.responsibleOrgNames.join('、') || null,
              leader: peopleOf(p).leader?.name ?? null,
              contact: x?.contact ?? null,
              phone: x?.phone ?? null,
              note: x?.note ?? null,
            },
          };
        }),
      },
    ],
  };
}

function t3(e: ExportContext): ReportSpec {
  const funding = fundsOf(e);
  const approxFund = approxPlanSources(e.ctx);
  const extras = new Map(repo.projectExtras(e.ctx.db).map((x) => [x.id, x]));
  const Y = e.year;
  const M = e.month;
  const columns: Col[] = [
    { key: 'seq', header: '序号', kind: 'seq' },
    { key: 'village', header: '所在村', kind: 'text' },
    { key: 'name', header: P('name'), kind: 'text' },
    { key: 'location', header: '建设地址', kind: 'text' },
    { key: 'years', header: '建设年限', kind: 'text' },
    { key: 'nature', header: P('nature'), kind: 'text' },
    { key: 'scope', header: P('scope'), kind: 'wrap' },
    { key: 'total', header: P('totalWan'), kind: 'money', sum: true },
    ...T3_FUND_SOURCES.map(
      (s): Col => ({
        key: `fund:${s}`,
        header: s === '县级资金' ? '区县资金' : s,
        group: shortOf('project', 'funding'),
        kind: 'money',
        sum: true,
      }),
    ),
    // The county's six columns leave out 自筹, 债券 and the rest: shown here, with what no 资金构成 row covers, so
    // that the group adds up to 总投资 (figure-rules.ts unfundedFen).
    { key: 'fund:其他', header: '其他来源', group: shortOf('project', 'funding'), kind: 'money', sum: true },
    { key: 'fund:未落实', header: '未落实', group: shortOf('project', 'funding'), kind: 'money', sum: true },
    { key: 'prior', header: `至${Y - 1}年底累计完成投资`, kind: 'money', sum: true },
    { key: 'plan', header: `${Y}年计划投资`, kind: 'money', sum: true },
    { key: 'image', header: '目前为止项目形象进度', kind: 'wrap' },
    { key: 'owner', header: '单位名称', group: '项目业主', kind: 'text' },
    { key: 'legal', header: shortOf('org_unit', 'legalRep'), group: '项目业主', kind: 'text' },
    { key: 'contact', header: '业主联系人', group: '项目业主', kind: 'text' },
    { key: 'phone', header: P('phone'), group: '项目业主', kind: 'text' },
    { key: 'planStart', header: '开工(计划开工)时间', kind: 'date' },
    { key: 'planEnd', header: '计划竣工时间', kind: 'date' },
    { key: 'stage', header: '四个一批范畴', kind: 'text' },
    { key: 'muHave', header: '已取得土地指标(亩)', kind: 'mu' },
    { key: 'muNeed', header: '拟申请土地指标(亩)', kind: 'mu' },
    { key: 'gov', header: '是否政府投资项目', kind: 'text' },
    { key: 'ytd', header: `1-${M}月累计完成投资额`, kind: 'money', sum: true },
    { key: 'month', header: `${M}月完成投资额`, kind: 'money', sum: true },
    { key: 'needs', header: '需协调解决问题', kind: 'wrap' },
    { key: 'note', header: P('note'), kind: 'wrap' },
  ];
  const order = [...STAGE_GROUPS].reverse(); // 投产达产, 加快建设, 促进开工, 前期储备
  const totalYtd = townOverview(e.figures).ytdFen;
  return {
    sheetName: '重大项目表',
    title: `${e.town}${Y}年重大项目表`,
    unitOrg: `${unitOrg(e)}\u3000填报人：\u3000\u3000审核人：`,
    asOfText: `此表统计时间截止${Y}年${M}月${daysInMonth(Y, M)}日，1-${M}月总完成额为：${formatWan(totalYtd)}万元`,
    unitText: '单位：万元、亩',
    columns,
    sectionStyle: 'after',
    totalPosition: 'bottom',
    totalLabel: '总合计',
    sections: sectionsBy(
      e,
      (p) => p.stageGroup ?? '未分类',
      order,
      (name, i, tops) =>
        `${CN_NUM[i] ?? i + 1}、${name}（项目共计：${tops.length}个；总投资：${formatWan(totalsOf(tops).totalFen)}万元；${Y}年计划投资：${formatWan(totalsOf(tops).yearPlanFen)}万元。）`,
      (p, seq, child) => {
        const x = extras.get(p.id);
        const fig = funding.get(p.id);
        const f = planOf(fig);
        const planned = plannedFen(fig);
        return {
          seq,
          village: x?.village_name ?? null,
          name: child ? `其中：${p.name}` : p.name,
          location: p.location,
          years: yearRange(p),
          nature: p.nature,
          scope: p.scope,
          total: p.totalFen,
          ...Object.fromEntries(T3_FUND_SOURCES.map((s) => [`fund:${s}`, f.get(s) ?? 0])),
          'fund:其他': t3OtherFen(f),
          // a part with no 资金构成 of its own is funded within its project's row above: blank, not all 未落实. Taken
          // from the 总投资 this row shows (a closed month's frozen one), so the eight columns add up to it.
          'fund:未落实': child && planned === 0 ? null : unfundedFen(p.totalFen, planned),
          prior: p.priorFen,
          plan: p.yearPlanFen,
          image: p.report?.imageText ?? null,
          owner: x?.owner_name ?? null,
          legal: x?.owner_legal_rep ?? null,
          contact: x?.contact ?? null,
          phone: x?.phone ?? null,
          planStart: p.planStart,
          planEnd: p.planEnd,
          stage: p.stageGroup,
          muHave: x?.land_mu_have ?? null,
          muNeed: x?.land_mu_need ?? null,
          gov: x ? yesNoText(x.gov_funded) : null,
          ytd: p.ytdFen,
          month: p.monthFen,
          needs: p.report?.needs ?? null,
          note: x?.note ?? null,
        };
      },
      // a 资金构成 column holding an amount written as approximate (460余) reads 460.00余; 其他来源 when it holds one
      (p) => [
        ...new Set(
          [...(approxFund.get(p.id) ?? [])].map((s) =>
            (T3_FUND_SOURCES as readonly string[]).includes(s) ? `fund:${s}` : 'fund:其他',
          ),
        ),
      ],
    ),
  };
}

const T4_KEYS: Record<T4Group, string> = { 上级补助: 'up', 县级配套: 'county', 镇自筹: 'town', 其他: 'other' };

function t4(e: ExportContext): ReportSpec {
  const funding = fundsOf(e);
  const approx = approxProjectIds(e.ctx.db);
  const approxFund = approxPlanSources(e.ctx);
  const money = (key: string, header: string, group?: string): Col => ({
    key,
    header,
    kind: 'money',
    sum: true,
    ...(group ? { group } : {}),
  });
  const columns: Col[] = [
    { key: 'seq', header: '序号', kind: 'seq' },
    { key: 'name', header: P('name'), kind: 'text' },
    money('total', P('totalWan')),
    ...T4_GROUPS.map((g) => money(`plan_${T4_KEYS[g]}`, g, '计划资金')),
    money('plan_sum', '小计', '计划资金'),
    ...T4_GROUPS.map((g) => money(`arr_${T4_KEYS[g]}`, g, '到位资金')),
    money('arr_sum', '小计', '到位资金'),
    { key: 'arrPct', header: '到位率%', kind: 'pct' },
    money('allocated', '已拨付'),
    money('paid', '已支付'),
    { key: 'paidPct', header: '支付率%', kind: 'pct' },
    money('award_applied', '申请', '以奖代补'),
    money('award_pre', '预拨', '以奖代补'),
    money('award_cash', '兑现', '以奖代补'),
    { key: 'note', header: '备注', kind: 'wrap' },
  ];
  return {
    sheetName: '资金到位及拨付',
    title: `${e.town}${e.year}年项目资金到位及拨付情况表`,
    unitOrg: unitOrg(e),
    asOfText: asOfText(e),
    unitText: '单位：万元',
    columns,
    sectionStyle: 'none',
    totalPosition: 'bottom',
    totalLabel: '合计',
    ratios: [
      { key: 'arrPct', num: 'arr_sum', den: 'plan_sum' },
      { key: 'paidPct', num: 'paid', den: 'arr_sum' },
    ],
    sections: [
      {
        title: '',
        items: ordered(e.figures.projects, e.figures.projects).map(({ p, child, seq }) => {
          // The same rolled-up figures as the 资金 page: a parent's row is its whole project, its parts shown under it.
          const s = summarise(funding.get(p.id)?.lines ?? []);
          const award = funding.get(p.id)?.award ?? null;
          const group = (g: T4Group) => s.byGroup.find((x) => x.group === g)!;
          // 计划资金 of a group holding an amount written as approximate reads 460.00余; its 小计 is a sum, exact
          const approxKeys = [
            ...(approx.has(p.id) ? ['total'] : []),
            ...new Set([...(approxFund.get(p.id) ?? [])].map((src) => `plan_${T4_KEYS[t4Group(src)]}`)),
          ];
          return {
            summed: !child,
            ...(approxKeys.length ? { approxKeys } : {}),
            values: {
              seq,
              name: child ? `其中：${p.name}` : p.name,
              total: p.totalFen,
              ...Object.fromEntries(T4_GROUPS.map((g) => [`plan_${T4_KEYS[g]}`, group(g).planFen])),
              plan_sum: s.total.planFen,
              ...Object.fromEntries(T4_GROUPS.map((g) => [`arr_${T4_KEYS[g]}`, group(g).arrivedFen])),
              arr_sum: s.total.arrivedFen,
              arrPct: s.total.arrivedPct,
              allocated: s.total.allocatedFen,
              paid: s.total.paidFen,
              paidPct: s.total.paidPct,
              award_applied: award?.appliedFen ?? 0,
              award_pre: award?.advancedFen ?? 0,
              award_cash: award?.redeemedFen ?? 0,
              // what the 资金 page warns of beside the row (支付 above 到位, 到位 above plan, 配套 short)
              note:
                projectFundWarnings(
                  funding.get(p.id)?.lines ?? [],
                  funding.get(p.id)?.needsMatching ?? false,
                  p.parentId,
                ).join('；') || null,
            },
          };
        }),
      },
    ],
  };
}

/**
 * One 责任清单 (campaign) a sheet, as the page shows one: the two templates' lists together ran 1–15 then 1–20 under
 * one title and a year neither was for. Its categories are titles only (a task list has no sums to subtotal: a
 * row “15 | 合计” under each read as a task).
 */
function t5(e: ExportContext): ReportSpec {
  // the page's own list: the same tasks, and each task's units in the same order
  const { campaign, tasks } = campaignTasks(e.ctx, e.campaignId);
  const columns: Col[] = [
    { key: 'seq', header: '序号', kind: 'seq' },
    { key: 'title', header: T('title'), kind: 'wrap' },
    { key: 'orgs', header: '责任部门', kind: 'text' },
    { key: 'lead', header: T('leadOrgId'), kind: 'text' },
    { key: 'deadline', header: T('deadline'), kind: 'date' },
    { key: 'progress', header: T('progressText'), kind: 'wrap' },
    { key: 'status', header: T('status'), kind: 'text' },
    { key: 'issues', header: T('issues'), kind: 'wrap' },
    { key: 'note', header: T('note'), kind: 'wrap' },
  ];
  const cats = [...new Set(tasks.map((t) => t.category ?? '其他'))];
  const asOf = periodEnd(e.period);
  return {
    sheetName: '责任清单',
    title: campaign ? `${e.town}责任清单推进表（${campaign.name}）` : `${e.town}责任清单推进表`,
    unitOrg: unitOrg(e),
    asOfText: asOfText(e),
    unitText: '',
    columns,
    sectionStyle: cats.length > 1 ? 'titles' : 'none',
    totalPosition: 'bottom',
    totalLabel: '合计',
    sections: cats.map((c, i) => ({
      title: `${CN_NUM[i] ?? i + 1}、${c}`,
      items: tasks
        .filter((t) => (t.category ?? '其他') === c)
        .map((t, k) => ({
          summed: true,
          values: {
            seq: t.no ?? String(k + 1),
            title: t.title,
            orgs: t.respOrgNames.join('、'),
            lead: t.leadOrgName,
            deadline: t.deadline,
            progress: t.progressText,
            status: statusAsOf(t, asOf),
            issues: t.issues,
            note: t.note,
          },
        })),
    })),
  };
}

/**
 * 完成情况 as of the 统计截止 day: a task past its 完成时限 and not 已完成 says so (未启动（逾期20天）), by the page's
 * rule (task-deadline.ts) — the county reads the lateness from this sheet, where a date alone did not tell it.
 */
function statusAsOf(t: { deadline: string | null; status: string }, asOf: string): string {
  const over = taskDaysOverdue(t, asOf);
  return over === null ? t.status : `${t.status}（逾期${over}天）`;
}

const BUILDERS: Record<ExportTemplate, (e: ExportContext) => ReportSpec> = { T1: t1, T2: t2, T3: t3, T4: t4, T5: t5 };

export async function exportTemplate(
  ctx: Ctx,
  template: ExportTemplate,
  period: string,
  campaignId?: number | null,
): Promise<{ fileName: string; buffer: Buffer }> {
  const e = exportContext(ctx, period);
  progress('汇总报表数据', 20);
  checkpoint();
  return writeTemplate({ ...e, campaignId: campaignId ?? null }, template);
}

/** The workbook from figures already at hand (the benchmark times this apart from periodFigures). */
export async function writeTemplate(
  e: ExportContext,
  template: ExportTemplate,
): Promise<{ fileName: string; buffer: Buffer }> {
  const title = `${e.town}${TEMPLATE_TITLES[template]}（${formatPeriodCn(e.period)}）`;
  const wb = await newWorkbook({ title, company: e.town, created: e.ctx.now() });
  // Stages a county's 20,000 rows take seconds each: the dialog moves, and a 取消 is heard between them.
  const report = BUILDERS[template](e);
  progress('写入表格', 40);
  checkpoint();
  writeReport(wb, report);
  progress('压缩生成文件', 65);
  checkpoint();
  const buffer = await workbookBuffer(wb);
  checkpoint();
  return { fileName: `${title}.xlsx`, buffer };
}
