/**
 * `verify` of the figures kept in the ledger file (figure-store.service.ts, funds-kept.ts): the open month's 总览,
 * each project's figures, the lights index the 红黄绿灯 page picks rows by, and the 资金 figures — each one that
 * claims to describe the ledger as it is now (its journal position is the journal's) — against the same figures
 * computed from the ledger rows by the functions the pages use. Their MACs (kept-mac.ts) stop a value edited with a
 * SQLite tool from being shown; they cannot catch a value the program itself kept wrong, or one re-stamped by someone
 * holding the key. What is behind the journal is not compared: every reader patches or recomputes it.
 *
 * It reads on a read-only connection of its own, in one read transaction: nothing this core keeps in memory (the
 * figures patched after each write) stands in for the ledger, and a write by another program meanwhile cannot make
 * the two sides describe different moments.
 */
import { formatDateCn, formatPeriodCn } from '../../../shared/domain/display.ts';
import type { ProjectFigures } from '../../../shared/schemas/figures.ts';
import type { Dashboard } from '../../../shared/schemas/dashboard.ts';
import type { FundsSummary } from '../../../shared/schemas/funds.ts';
import { createCtx, type Ctx } from '../context.ts';
import { openDatabase, type Db } from '../db/connection.ts';
import { MIGRATIONS } from '../db/migrations/index.ts';
import { appliedMigrations } from '../db/schema-version.ts';
import { corePaths } from '../paths.ts';
import { checkpoint, progressOf } from '../progress.ts';
import { isPeriodClosed } from '../repositories/figures.repository.ts';
import { journalSeq, storeHeads, storeRowLights } from '../repositories/figure-store.repository.ts';
import { fundStoreKeys } from '../repositories/fund-store.repository.ts';
import { dashboardOf } from '../services/dashboard.service.ts';
import { judgedAsNow, storedDashboard, storedFigures } from '../services/figure-store.service.ts';
import { computeFiguresBase, figuresFromBase, type FiguresBase } from '../services/figures.service.ts';
import type { ProjectFundFigures } from '../services/fund-figures.ts';
import { fundsFromLedger, fundsInFile } from '../services/funds-kept.ts';
import { periodFigures } from '../services/period.service.ts';
import { differenceText, valueText } from './kept-figure-words.ts';
import { keyedBy, valueDiff } from './value-diff.ts';

export interface KeptFiguresCheck {
  ok: boolean;
  /** kept values compared: each 总览, each project's row (with its place in the lights index), each 资金 text */
  checked: number;
  /** kept values behind the journal (recomputed by their next reader): not compared */
  stale: number;
  problems: string[];
  message: string;
}

const MAX_PROBLEMS = 50;
/** Between two progress reports and cancel checks, as the other checks of `verify` do. */
const EVERY = 8192;
const STAGE = '核对保存的统计数字';

/** Compares what the file keeps with the ledger (read-only). Reports progress 0–100 and stops at a cancel. */
export function verifyKeptFigures(db: Db): KeptFiguresCheck {
  const own = db.file === ':memory:' ? db : openDatabase(db.file, { readonly: true, mustExist: true });
  try {
    if (appliedMigrations(own.sqlite).length !== MIGRATIONS.length)
      return {
        ok: true,
        checked: 0,
        stale: 0,
        problems: [],
        message: '台账结构不是本版本的，未核对保存的统计数字（用本程序打开台账后再校验）',
      };
    const ctx = createCtx(own, corePaths(own.file), {});
    return own.sqlite.transaction(() => compareAll(ctx))();
  } finally {
    if (own !== db) own.close();
  }
}

interface Tally {
  checked: number;
  stale: number;
  problems: string[];
  more: boolean;
}

function compareAll(ctx: Ctx): KeptFiguresCheck {
  const t: Tally = { checked: 0, stale: 0, problems: [], more: false };
  const seq = journalSeq(ctx.db);
  const heads = storeHeads(ctx.db);
  const fundKeys = fundStoreKeys(ctx.db);
  const parts = heads.length + fundKeys.length;
  heads.forEach((head, i) => {
    if (head.seq !== seq || !judgedAsNow(ctx, head)) t.stale++;
    else comparePeriod(ctx, head.period, t, (done) => progressOf(STAGE, i + done, parts, 0, 100));
  });
  fundKeys.forEach((key, i) => {
    progressOf(STAGE, heads.length + i, parts, 0, 100);
    checkpoint();
    compareFunds(ctx, key, seq, t);
  });
  progressOf(STAGE, parts, parts, 0, 100);
  const ok = t.problems.length === 0;
  const staleNote =
    t.stale > 0 ? `；另有 ${t.stale} 项是台账修改或月报截止日之前保存的，下次读取时按台账重新计算，不作比较` : '';
  const message = ok
    ? `保存的统计数字与台账一致（核对 ${t.checked} 项）${staleNote}`
    : `保存的统计数字与台账不一致：${t.problems.join('；')}${t.more ? `；……（只列出前 ${MAX_PROBLEMS} 处）` : ''}`;
  return { ok, checked: t.checked, stale: t.stale, problems: t.problems, message };
}

function note(t: Tally, problem: string): void {
  if (t.problems.length < MAX_PROBLEMS) t.problems.push(problem);
  else t.more = true;
}

/** The 总览, the rows and the lights index kept for `period`, which claim the journal's position. */
function comparePeriod(ctx: Ctx, period: string, t: Tally, progress: (done: number) => void): void {
  progress(0);
  checkpoint();
  const month = formatPeriodCn(period);
  // A closed month's figures are its snapshot: its kept rows are not read (periodFigures), only its 总览 would be.
  const closed = isPeriodClosed(ctx.db, period);
  const truth = closed ? null : computeFiguresBase(ctx, period);
  checkpoint();
  const kept = storedDashboard(ctx, period, { unchecked: true });
  if (kept) {
    t.checked++;
    const computed = dashboardOf(ctx, period, () => (truth ? figuresFromBase(ctx, truth) : periodFigures(ctx, period)));
    for (const d of valueDiff(dashboardKeyed(kept), dashboardKeyed(computed)))
      note(t, `${month}总览的${differenceText(d, period)}`);
  }
  if (truth) compareRows(ctx, period, truth, t, progress);
}

/** The 总览 with its lists keyed by what names each item (a category, a fund group, a month). */
const dashboardKeyed = (d: Dashboard) => ({
  ...d,
  byCategory: keyedBy(d.byCategory, (c) => c.category),
  funding: keyedBy(d.funding, (g) => g.group),
  trend: keyedBy(d.trend, (m) => m.period),
});

/** A project's figures with its lights keyed by dimension. */
const projectKeyed = (f: ProjectFigures) => ({ ...f, lights: keyedBy(f.lights, (l) => l.dimension) });

function compareRows(ctx: Ctx, period: string, truth: FiguresBase, t: Tally, progress: (done: number) => void): void {
  // Kept under other rules or names the rows are not read by anyone (storedFigures): as good as behind the journal.
  const stored = storedFigures(ctx, period, { unchecked: true });
  const kept = stored?.read() ?? null;
  if (!kept) return;
  const month = formatPeriodCn(period);
  const places = storeRowLights(ctx.db, period);
  const n = Math.max(kept.rolled.length, truth.rolled.length);
  if (kept.rolled.length !== truth.rolled.length)
    note(t, `${month}保存了 ${kept.rolled.length} 个项目的数字，按台账应为 ${truth.rolled.length} 个`);
  for (let i = 0; i < n; i++) {
    if ((i & (EVERY - 1)) === 0) {
      progress(i / Math.max(1, n));
      checkpoint();
    }
    const k = kept.rolled[i];
    const c = truth.rolled[i];
    if (!k || !c) continue;
    t.checked++;
    if (k.id !== c.id) {
      note(t, `${month}第 ${i + 1} 个项目保存为“${k.name}”，按台账应为“${c.name}”（项目顺序与台账不同）`);
      continue;
    }
    const where = `${month}项目“${c.name}”`;
    for (const d of valueDiff(projectKeyed(k), projectKeyed(c))) note(t, `${where}的${differenceText(d, period)}`);
    const place = places[i];
    if (!place) continue;
    const [, , level, isParent, sort] = place;
    // The index the 红黄绿灯 page picks a light's rows by, without decoding them: its own copy of light and tree.
    if ((level ?? null) !== (c.level ?? null))
      note(
        t,
        `${where}在红黄绿灯索引中保存为 ${valueText('level', level)}，按台账计算为 ${valueText('level', c.level)}`,
      );
    if ((isParent === 1) !== c.isParent)
      note(t, `${where}在红黄绿灯索引中${isParent === 1 ? '记为有子项目' : '记为没有子项目'}，与台账不符`);
    if (sort !== truth.projects[i]!.sort) note(t, `${where}在红黄绿灯索引中的排列顺序与台账不同`);
  }
}

/** The 资金 figures kept at `key`, when they claim the journal's position. */
function compareFunds(ctx: Ctx, key: string, seq: number, t: Tally): void {
  const kept = fundsInFile(ctx, key);
  if (!kept?.figures) return; // unreadable: never read either, computed afresh by its reader
  if (kept.seq !== seq) {
    t.stale++;
    return;
  }
  t.checked++;
  const what = `资金数字（${key ? `截至${formatDateCn(key)}` : '全部流水'}）`;
  const truth = fundsFromLedger(ctx, key === '' ? null : key);
  if (kept.overall) {
    for (const d of valueDiff(overallKeyed(kept.overall), overallKeyed(truth.overall)))
      note(t, `${what}中全镇的${differenceText(d, null)}`);
  }
  const n = Math.max(kept.figures.length, truth.figures.length);
  if (kept.figures.length !== truth.figures.length)
    note(t, `${what}保存了 ${kept.figures.length} 个项目，按台账应为 ${truth.figures.length} 个`);
  for (let i = 0; i < n; i++) {
    if ((i & (EVERY - 1)) === 0) checkpoint();
    const k = kept.figures[i];
    const c = truth.figures[i];
    if (!k || !c) continue;
    if (k.id !== c.id) {
      note(t, `${what}第 ${i + 1} 个项目保存为“${k.name}”，按台账应为“${c.name}”（项目顺序与台账不同）`);
      continue;
    }
    for (const d of valueDiff(fundKeyed(k), fundKeyed(c)))
      note(t, `${what}中项目“${c.name}”的${differenceText(d, null)}`);
  }
}

const overallKeyed = (o: FundsSummary['overall']) => ({
  ...o,
  bySource: keyedBy(o.bySource, (l) => l.source),
  byGroup: keyedBy(o.byGroup, (g) => g.group),
});

const fundKeyed = (f: ProjectFundFigures) => ({ ...f, lines: keyedBy(f.lines, (l) => l.source) });
