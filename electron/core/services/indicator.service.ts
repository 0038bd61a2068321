/** 指标: the catalogue with the town's baseline (基期) and actual (实际) values and computed attainment. */
import { attainment, indicatorValueIssue } from '../../../shared/domain/indicators.ts';
import type { IndicatorRow, IndicatorValueSave } from '../../../shared/schemas/indicator.ts';
import { appendChanges } from '../audit/change-log.ts';
import { diffShown, type Shown } from '../audit/diff.ts';
import { nowIso, type Ctx } from '../context.ts';
import { notFound, validationError } from '../errors.ts';
import * as repo from '../repositories/indicator.repository.ts';
import { INDICATOR_CATALOGUE } from '../seed/indicator-catalogue.ts';
import { formatDateCn } from '../../../shared/domain/display.ts';
import { laterThanToday } from './fact-dates.ts';

export function listIndicators(ctx: Ctx): IndicatorRow[] {
  const values = repo.listValues(ctx.db);
  return repo.listIndicators(ctx.db).map((i) => {
    const mine = values
      .filter((v) => v.indicator_id === i.id)
      .map((v) => ({ id: v.id, kind: v.kind, value: v.value, asOf: v.as_of, note: v.note }));
    // Values are ordered by date: the last of each kind is the current one.
    const baseline = mine.filter((v) => v.kind === '基期').at(-1) ?? null;
    const actual = mine.filter((v) => v.kind === '实际').at(-1) ?? null;
    const a = attainment(i.comparator, i.target, actual?.value ?? null);
    return {
      id: i.id,
      code: i.code,
      name: i.name,
      unit: i.unit,
      comparator: i.comparator,
      target: i.target,
      targetText: i.target_text,
      sourceDoc: i.source_doc,
      baseline,
      actual,
      values: mine,
      status: a.status,
      gap: a.gap,
    };
  });
}

const valueLabel = (name: string, v: { kind: string; value: number; as_of: string }, unit: string | null) =>
  `${name}${v.kind}值 ${v.value}${unit ?? ''}（${v.as_of}）`;

export function saveIndicatorValue(ctx: Ctx, v: IndicatorValueSave): IndicatorRow {
  const { db } = ctx;
  return db.tx(() => {
    const ind = repo.findIndicator(db, v.indicatorId);
    if (!ind) throw validationError([{ path: 'indicatorId', message: `指标（编号 ${v.indicatorId}）不存在` }]);
    const twin = repo.findValueAt(db, v.indicatorId, v.kind, v.asOf);
    if (twin && twin.id !== v.id)
      throw validationError([
        { path: 'asOf', message: `“${ind.name}”在${formatDateCn(v.asOf)}已有${v.kind}值，请修改原记录` },
      ]);
    const issue = indicatorValueIssue(ind.name, ind.unit, v.value);
    if (issue) throw validationError([{ path: 'value', message: issue }]);
    // A reading is a value measured on its date: one after today (2071 for 2017) would stand as the latest 实际值,
    // and the 达标 read from it, until that year came. The date a reading already has does not block its edit.
    const cur = v.id === null ? undefined : repo.findValue(db, v.id);
    if (v.id !== null && !cur) throw notFound('指标值', v.id);
    const late = laterThanToday(ctx, `${v.kind}值日期`, v.asOf, cur?.as_of);
    if (late) throw validationError([{ path: 'asOf', message: late }]);
    const cols = { indicator_id: v.indicatorId, kind: v.kind, value: v.value, as_of: v.asOf, note: v.note };
    const at = nowIso(ctx);
    if (!cur) {
      const id = repo.insertValue(db, cols);
      appendChanges(db, ctx.session.operator, at, [
        { action: '新增', entity: 'indicator_value', entityId: id, newValue: valueLabel(ind.name, cols, ind.unit) },
      ]);
    } else {
      if (cur.indicator_id !== v.indicatorId)
        throw validationError([{ path: 'indicatorId', message: '不能把数值改到另一个指标下，请删除后重新填写' }]);
      const shown = (x: { kind: string; value: number; as_of: string; note: string | null }): Shown => ({
        kind: x.kind,
        value: String(x.value),
        asOf: x.as_of,
        note: x.note,
      });
      repo.updateValue(db, cur.id, cols);
      appendChanges(
        db,
        ctx.session.operator,
        at,
        diffShown('indicator_value', cur.id, shown(cur), shown(cols)).map((e) => ({ ...e, reason: ind.name })),
      );
    }
    return listIndicators(ctx).find((r) => r.id === v.indicatorId)!;
  });
}

export function removeIndicatorValue(ctx: Ctx, id: number): { removed: number } {
  const { db } = ctx;
  return db.tx(() => {
    const cur = repo.findValue(db, id);
    if (!cur) throw notFound('指标值', id);
    const ind = repo.findIndicator(db, cur.indicator_id)!;
    repo.deleteValue(db, id);
    appendChanges(db, ctx.session.operator, nowIso(ctx), [
      { action: '删除', entity: 'indicator_value', entityId: id, oldValue: valueLabel(ind.name, cur, ind.unit) },
    ]);
    return { removed: 1 };
  });
}

/** Every new ledger starts with the §1.6 catalogue (called from onboarding, inside its transaction). */
export function loadIndicatorCatalogue(ctx: Ctx): number {
  return repo.insertCatalogue(ctx.db, INDICATOR_CATALOGUE);
}
