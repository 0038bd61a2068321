/**
 * Light rules (overrides of §3.4 in `light_rule`) and the light history: each computation of a period's
 * lights is stored in `warning` when it differs from the last stored one, so a red that was later caught
 * up (turned yellow) stays visible as red in the history.
 */
import { pushTo } from '../../../shared/domain/collections.ts';
import { DEFAULT_LIGHT_RULES, type Dimension, type LightRules } from '../../../shared/domain/schedule.ts';
import type { PeriodFigures, ProjectFigures } from '../../../shared/schemas/figures.ts';
import type {
  LightHistoryRow,
  LightRulesInputSchema,
  LightRulesView,
  PeriodRules,
} from '../../../shared/schemas/lights.ts';
import type { z } from '../../../shared/schemas/zod-zh.ts';
import { appendChanges, type ChangeEntry } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import type { Db } from '../db/connection.ts';
import * as repo from '../repositories/lights.repository.ts';
import { lightRules } from './figures.service.ts';

/**
 * The rules in force (what the 预警规则 dialog edits) and, with a month asked for, the rules that month's lights were
 * judged by: a closed month's were kept at its close, and the dialog opened on its page says so rather than leaving
 * the rules in force beside lights they did not judge. The month's rules are periodLightRules' (period.service.ts,
 * which depends on this module), passed in by the channel.
 */
export function getLightRules(ctx: Ctx, periodRules?: PeriodRules): LightRulesView {
  return { rules: lightRules(ctx), defaults: { ...DEFAULT_LIGHT_RULES }, ...(periodRules ? { periodRules } : {}) };
}

export function saveLightRules(ctx: Ctx, input: z.output<typeof LightRulesInputSchema>): LightRulesView {
  return ctx.db.tx(() => {
    const before = lightRules(ctx);
    // statsThresholdWan is the contract's key; the schema has turned the 万元 typed there into 分.
    const { statsThresholdWan: statsThresholdFen, ...rest } = input;
    const after: LightRules = { ...rest, statsThresholdFen };
    const at = nowIso(ctx);
    const changes: ChangeEntry[] = [];
    for (const key of Object.keys(after) as (keyof LightRules)[]) {
      if (after[key] === before[key]) continue;
      repo.saveLightRule(ctx.db, key, String(after[key]));
      changes.push({
        action: '修改',
        entity: 'light_rule',
        field: key,
        oldValue: String(before[key]),
        newValue: String(after[key]),
      });
    }
    appendChanges(ctx.db, ctx.session.operator, at, changes);
    return getLightRules(ctx);
  });
}

type WarningValues = Omit<repo.WarningRow, 'id' | 'computed_at'>;
const keyOf = (r: { project_id: number; dimension: string }) => `${r.project_id}|${r.dimension}`;
const sigOf = (r: WarningValues) => `${r.level}|${r.value}|${r.threshold}`;

/**
 * The last computation stored per database and period, kept in memory so that recomputing after an edit does
 * not read ~100,000 history rows back. Trusted only while the table's own stamp (latest computed_at and its
 * row count) is the one it was stored under; anything else — a rollback, another connection — reads the table.
 */
interface Stored {
  at: string;
  rows: WarningValues[];
  /** Built on first comparison: the rows per project, and how many are yellow or red. */
  byProject?: Map<number, WarningValues[]>;
  notGreen?: number;
  /**
   * Projects' figures already found equal to the stored lights, with their yellow-or-red count. Figures are
   * frozen and, after a write, shared by every project the write did not touch (figures-state.ts): the next
   * comparison looks at the written projects only.
   */
  matched?: WeakMap<ProjectFigures, number>;
}
const lastStored = new WeakMap<Db, Map<string, Stored>>();

function lastComputation(db: Db, period: string): Stored | null {
  const stamp = repo.lastComputationStamp(db, period);
  if (!stamp) return null;
  const mem = lastStored.get(db)?.get(period);
  if (mem && mem.at === stamp.at && mem.rows.length === stamp.rows) return mem;
  return remember(db, period, stamp.at, repo.computationAt(db, period, stamp.at));
}

function remember(db: Db, period: string, at: string, rows: WarningValues[]): Stored {
  let byPeriod = lastStored.get(db);
  if (!byPeriod) lastStored.set(db, (byPeriod = new Map()));
  const stored: Stored = { at, rows };
  byPeriod.set(period, stored);
  return stored;
}

/**
 * Nothing to store: every light equals the stored one of its project and dimension, and no stored yellow or red
 * has gone (it would be stored as released). The usual case after an edit; compares fields, builds nothing.
 */
function unchanged(f: PeriodFigures, last: Stored): boolean {
  if (!last.byProject) {
    last.byProject = new Map();
    for (const r of last.rows) pushTo(last.byProject, r.project_id, r);
    last.notGreen = last.rows.filter((r) => r.level !== 'green').length;
    last.matched = new WeakMap();
  }
  let count = 0;
  let notGreen = 0;
  for (const p of f.projects) {
    const known = last.matched!.get(p);
    if (known !== undefined) {
      count += p.lights.length;
      notGreen += known;
      continue;
    }
    const stored = last.byProject.get(p.id);
    let mine = 0;
    for (const l of p.lights) {
      const r = stored?.find((s) => s.dimension === l.dimension);
      if (!r || r.level !== l.level || r.value !== l.value || r.threshold !== l.threshold) return false;
      if (l.level !== 'green') mine++;
    }
    if (Object.isFrozen(p)) last.matched!.set(p, mine);
    count += p.lights.length;
    notGreen += mine;
  }
  return count > 0 && notGreen === last.notGreen;
}

/** Same lights (project, dimension, level, value, threshold) in both lists, in any order. */
function sameLights(a: WarningValues[], b: WarningValues[]): boolean {
  if (a.length !== b.length) return false;
  const sigs = new Map<string, string>();
  for (const r of a) sigs.set(keyOf(r), sigOf(r));
  if (sigs.size !== a.length || new Set(b.map(keyOf)).size !== b.length) return false;
  return b.every((r) => sigs.get(keyOf(r)) === sigOf(r));
}

/** Stores this computation's lights for the period unless nothing changed since the last stored one. */
export function recordLights(ctx: Ctx, f: PeriodFigures): boolean {
  return ctx.db.tx(() => {
    const stored = lastComputation(ctx.db, f.period);
    if (stored && unchanged(f, stored)) return false;
    const last = stored?.rows ?? [];
    const current: WarningValues[] = f.projects.flatMap((p) =>
      p.lights.map((l) => ({
        project_id: p.id,
        period: f.period,
        dimension: l.dimension,
        level: l.level,
        rule: l.rule,
        value: l.value,
        threshold: l.threshold,
        text: l.reason,
      })),
    );
    const now = new Set(current.map(keyOf));
    // A yellow or red whose cause went away (e.g. the project started) is stored once as released.
    const released: WarningValues[] = last
      .filter((r) => r.level !== 'green' && !now.has(keyOf(r)))
      .map((r) => ({
        project_id: r.project_id,
        period: r.period,
        dimension: r.dimension,
        rule: r.rule,
        level: 'green',
        value: null,
        threshold: null,
        text: `已解除：${r.text}`,
      }));
    const effective = [...current, ...released];
    const comparable = last.filter((r) => r.level !== 'green' || now.has(keyOf(r)));
    if (effective.length === 0 || (last.length > 0 && sameLights(effective, comparable))) return false;
    const at = nextStamp(nowIso(ctx), repo.latestComputedAt(ctx.db));
    repo.insertWarnings(
      ctx.db,
      effective.map((r) => ({ ...r, computed_at: at })),
    );
    remember(ctx.db, f.period, at, effective);
    return true;
  });
}

/** computed_at is part of the row's identity: keep it strictly increasing even with a frozen clock. */
function nextStamp(now: string, latest: string | null): string {
  if (!latest || now > latest) return now;
  return new Date(Date.parse(latest) + 1).toISOString();
}

/** A project's stored lights, newest first, keeping only entries that differ from the previous computation. */
export function lightHistory(ctx: Ctx, projectId: number): LightHistoryRow[] {
  const rows = repo.warningsOfProject(ctx.db, projectId);
  const chronological = [...rows].sort((a, b) =>
    a.computed_at < b.computed_at ? -1 : a.computed_at > b.computed_at ? 1 : a.id - b.id,
  );
  const seen = new Map<string, string>();
  const kept: LightHistoryRow[] = [];
  for (const r of chronological) {
    const k = `${r.period}|${r.dimension}`;
    const sig = `${r.level}|${r.value}|${r.threshold}`;
    if (seen.get(k) === sig) continue;
    seen.set(k, sig);
    kept.push({
      period: r.period,
      computedAt: r.computed_at,
      dimension: r.dimension as Dimension,
      level: r.level as LightHistoryRow['level'],
      value: r.value,
      threshold: r.threshold,
      text: r.text,
    });
  }
  return kept.sort((a, b) =>
    a.period !== b.period
      ? a.period < b.period
        ? 1
        : -1
      : a.computedAt < b.computedAt
        ? 1
        : a.computedAt > b.computedAt
          ? -1
          : 0,
  );
}
