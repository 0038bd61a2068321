/**
 * 考核 use-cases: a town's self-assessment sheet on the S0 200-point scheme, item scores with their
 * rules, and the ranking with prize and fine tiers across the towns entered for a year and scheme.
 * Rank, tier and amount are derived on every read, so they always follow the scores.
 */
import {
  itemIssues,
  rankTowns,
  S0_SCHEME,
  S0_TOTAL_POINTS,
  totalMax,
  totalScore,
} from '../../../shared/domain/assessment.ts';
import {
  assessmentCellRules,
  type Assessment,
  type AssessmentCellField,
  type AssessmentRow,
  type Ranking,
} from '../../../shared/schemas/assessment.ts';
import { parseSheetCells, type SheetCell } from '../../../shared/schemas/sheet-cells.ts';
import { appendChanges, type ChangeEntry } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import * as repo from '../repositories/assessment.repository.ts';
import { S0_SCHEME_ITEMS } from '../seed/assessment-scheme-s0.ts';

type Row = NonNullable<ReturnType<typeof repo.findAssessment>>;
const toRow = (r: Row): AssessmentRow => ({
  id: r.id,
  year: r.year,
  scheme: r.scheme,
  town: r.town,
  totalMax: r.total_max,
  total: totalScore([{ score: r.total }]),
  scored: r.scored,
  itemCount: r.item_count,
});

export interface ItemInput {
  name: string;
  maxPoints: number;
  criteria: string | null;
  score: number | null;
  evidence: string | null;
  deductionReason: string | null;
}

export function listAssessments(ctx: Ctx, f: { year?: number; scheme?: string }): AssessmentRow[] {
  return repo.listAssessments(ctx.db, f.year, f.scheme).map(toRow);
}

export function getAssessment(ctx: Ctx, id: number): Assessment {
  const r = repo.findAssessment(ctx.db, id);
  if (!r) throw notFound('考核表', id);
  const items = repo.items(ctx.db, id).map((i) => ({
    id: i.id,
    name: i.name,
    maxPoints: i.max_points,
    criteria: i.criteria,
    score: i.score,
    evidence: i.evidence,
    deductionReason: i.deduction_reason,
  }));
  return { ...toRow(r), total: totalScore(items), items, itemsMax: totalMax(items) };
}

/** Creates a town's sheet (with the default items when the scheme is S0's) or renames it. */
export function saveAssessment(ctx: Ctx, d: { id?: number; year: number; scheme?: string; town: string }): Assessment {
  return ctx.db.tx(() => {
    const scheme = d.scheme ?? S0_SCHEME;
    const clash = repo.findByTown(ctx.db, d.year, scheme, d.town);
    if (clash && clash.id !== d.id)
      throw validationError([{ path: 'town', message: `${d.year}年“${scheme}”中已有“${d.town}”的考核表` }]);
    const at = nowIso(ctx);
    if (d.id !== undefined) {
      const before = repo.findAssessment(ctx.db, d.id);
      if (!before) throw notFound('考核表', d.id);
      repo.updateAssessment(ctx.db, d.id, { year: d.year, scheme, town: d.town });
      appendChanges(ctx.db, ctx.session.operator, at, [
        {
          action: '修改',
          entity: 'assessment',
          entityId: d.id,
          oldValue: `${before.year}年 ${before.scheme} ${before.town}`,
          newValue: `${d.year}年 ${scheme} ${d.town}`,
        },
      ]);
      return getAssessment(ctx, d.id);
    }
    const id = repo.insertAssessment(ctx.db, { year: d.year, scheme, town: d.town, totalMax: S0_TOTAL_POINTS });
    if (scheme === S0_SCHEME)
      repo.replaceItems(
        ctx.db,
        id,
        S0_SCHEME_ITEMS.map((i) => ({
          name: i.name,
          max_points: i.maxPoints,
          criteria: i.criteria,
          score: null,
          evidence: null,
          deduction_reason: null,
        })),
      );
    appendChanges(ctx.db, ctx.session.operator, at, [
      { action: '新增', entity: 'assessment', entityId: id, newValue: `${d.year}年 ${scheme} ${d.town}` },
    ]);
    return getAssessment(ctx, id);
  });
}

/** Replaces the sheet's items after checking every row; the scheme's total follows Σ分值. */
export function saveAssessmentItems(ctx: Ctx, id: number, items: ItemInput[]): Assessment {
  return ctx.db.tx(() => {
    const before = getAssessment(ctx, id);
    const issues = items.flatMap((item, k) =>
      itemIssues(item, k + 1).map((message) => ({ path: `items.${k}`, message })),
    );
    if (issues.length) throw validationError(issues);
    if (items.length === 0) throw new AppError('VALIDATION', '考核表至少需要一个评分项');
    repo.replaceItems(
      ctx.db,
      id,
      items.map((i) => ({
        name: i.name,
        max_points: i.maxPoints,
        criteria: i.criteria,
        score: i.score,
        evidence: i.evidence,
        deduction_reason: i.deductionReason,
      })),
    );
    repo.setTotalMax(ctx.db, id, totalMax(items));
    const after = totalScore(items);
    appendChanges(ctx.db, ctx.session.operator, nowIso(ctx), [
      {
        action: '修改',
        entity: 'assessment',
        entityId: id,
        field: 'items',
        oldValue: `${before.town} 得分${before.total}分`,
        newValue: `${before.town} 得分${after}分（${items.length}项）`,
      },
    ]);
    return getAssessment(ctx, id);
  });
}

const shownScore = (v: number | null) => (v === null ? null : `${v}分`);

/**
 * A block of 自评表 cells from the grid (得分, 佐证材料, 扣分原因 — a paste, a fill, a Delete, an undo step): each cell
 * checked with the item's rule, each changed item checked whole (half points, not above its 分值, a deduction with
 * its reason), then saved in place and logged per field in ONE transaction — or, when any cell is refused, nothing
 * written and every refusal named by item (path `item.<id>.<field>` or `item.<id>`, which the grid reads back).
 */
export function updateAssessmentCells(ctx: Ctx, id: number, cells: SheetCell<AssessmentCellField>[]): Assessment {
  return ctx.db.tx(() => {
    const sheet = getAssessment(ctx, id);
    const items = new Map(sheet.items.map((i, k) => [i.id, { item: i, row: k + 1 }]));
    const where = (itemId: number) => {
      const x = items.get(itemId);
      return x ? `第${x.row}项“${x.item.name}”` : `评分项（编号 ${itemId}）`;
    };
    const { patches, issues } = parseSheetCells(cells, assessmentCellRules, 'item', where);
    const merged: (typeof sheet.items)[number][] = [];
    for (const [itemId, patch] of patches) {
      const x = items.get(itemId);
      if (!x) {
        issues.push({
          path: `item.${itemId}`,
          message: `${where(itemId)}不在“${sheet.town}”${sheet.year}年的考核表中`,
        });
        continue;
      }
      const next = { ...x.item, ...patch };
      const own = itemIssues(next, x.row);
      for (const message of own) issues.push({ path: `item.${itemId}`, message });
      if (own.length === 0) merged.push(next);
    }
    if (issues.length) throw validationError(issues);
    const at = nowIso(ctx);
    const changes: ChangeEntry[] = [];
    for (const next of merged) {
      const was = items.get(next.id)!.item;
      repo.updateItem(ctx.db, next.id, {
        score: next.score,
        evidence: next.evidence,
        deduction_reason: next.deductionReason,
      });
      if (was.score !== next.score)
        changes.push({
          action: '修改',
          entity: 'assessment_item',
          entityId: next.id,
          field: 'score',
          oldValue: shownScore(was.score),
          newValue: shownScore(next.score),
        });
      for (const f of ['evidence', 'deductionReason'] as const)
        if (was[f] !== next[f])
          changes.push({
            action: '修改',
            entity: 'assessment_item',
            entityId: next.id,
            field: f,
            oldValue: was[f],
            newValue: next[f],
          });
    }
    appendChanges(ctx.db, ctx.session.operator, at, changes);
    return getAssessment(ctx, id);
  });
}

/**
 * The towns ranked, prizes and fines: only sheets that can be compared — every item scored, on the scheme's full
 * marks. A sheet not yet scored took the last place and its fine (0分, 倒数第一, 罚10万), and one whose items were
 * given 300 points in all outranked every town marked out of 200; each left out is named in the notes.
 */
export function rankAssessments(ctx: Ctx, year: number, scheme = S0_SCHEME): Ranking {
  const sheets = repo.listAssessments(ctx.db, year, scheme);
  const fullMarks = scheme === S0_SCHEME ? S0_TOTAL_POINTS : null;
  const left: string[] = [];
  const comparable = sheets.filter((r) => {
    if (r.item_count === 0 || r.scored < r.item_count)
      left.push(`${r.town}自评未完成（${r.item_count}项中已评${r.scored}项），未参加排名`);
    else if (fullMarks !== null && r.total_max !== fullMarks)
      left.push(`${r.town}自评表满分为${r.total_max}分，与考核方案的${fullMarks}分不符，未参加排名`);
    else return true;
    return false;
  });
  const result = rankTowns(comparable.map((r) => ({ entry: r, total: r.total })));
  return {
    year,
    scheme,
    rows: result.rows.map((r) => ({
      id: r.entry.id,
      town: r.entry.town,
      total: r.total,
      rank: r.rank,
      tier: r.tier,
      amountFen: r.amountFen,
      remark: r.remark,
    })),
    prizesFen: result.prizesFen,
    finesFen: result.finesFen,
    poolFen: result.poolFen,
    notes: [...left, ...result.notes],
  };
}

/** Eight example towns with plausible self-assessments (domain.md §5 extras): 6 prizes and 2 fines. */
const EXAMPLE_TOWNS: [string, number][] = [
  ['蒲州镇', 186.5],
  ['韩阳镇', 181],
  ['张营镇', 177.5],
  ['卿头镇', 172],
  ['开张镇', 168.5],
  ['栲栳镇', 163],
  ['虞乡镇', 151.5],
  ['城西街道', 142],
];

export function loadExampleAssessments(ctx: Ctx, year: number): Ranking {
  return ctx.db.tx(() => {
    if (repo.listAssessments(ctx.db, year, S0_SCHEME).length > 0)
      throw new AppError('CONFLICT', `${year}年已有考核表，示例只能载入没有考核表的年度`);
    for (const [town, target] of EXAMPLE_TOWNS) {
      const sheet = saveAssessment(ctx, { year, town });
      saveAssessmentItems(ctx, sheet.id, exampleScores(target));
    }
    return rankAssessments(ctx, year);
  });
}

/** Spreads (200 − target) deducted points over the items in proportion to their weight, in half points. */
function exampleScores(target: number): ItemInput[] {
  const toDeduct = S0_TOTAL_POINTS - target;
  const cuts = S0_SCHEME_ITEMS.map((i) => Math.floor(((toDeduct * i.maxPoints) / S0_TOTAL_POINTS) * 2) / 2);
  let rest = toDeduct - cuts.reduce((a, c) => a + c, 0);
  for (let k = 0; rest > 0; k = (k + 1) % cuts.length) {
    if (cuts[k]! + 0.5 <= S0_SCHEME_ITEMS[k]!.maxPoints) {
      cuts[k]! += 0.5;
      rest -= 0.5;
    }
  }
  return S0_SCHEME_ITEMS.map((i, k) => ({
    name: i.name,
    maxPoints: i.maxPoints,
    criteria: i.criteria,
    score: i.maxPoints - cuts[k]!,
    evidence: `${i.name}工作台账及现场照片`,
    deductionReason: cuts[k]! > 0 ? `现场检查${i.name}未完全达标，扣${cuts[k]}分` : null,
  }));
}
