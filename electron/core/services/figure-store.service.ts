/**
 * The figures kept in the ledger file (migration 0007_figure_store.ts): the open month's figures per project and
 * its 总览, brought up to date at the end of every transaction that wrote what they are read from, in that same
 * transaction. So a core that has just opened the ledger, a core after the CLI wrote, or the app after an import
 * reads them (and patches the projects written since, from the journal) instead of reading 700,000 reports.
 *
 * The kept figures are never trusted blindly: each carries the journal position it describes and the
 * environment (rules, names, reference date) it was judged under. A reader patches the projects written after
 * that position (figures-state.ts), and anything that cannot be patched is computed afresh. A write by a tool
 * that bypasses the core (the sqlite3 shell) leaves the kept figures behind the journal, never wrong.
 */
import { periodEnd } from '../../../shared/domain/period.ts';
import { DashboardSchema, type Dashboard } from '../../../shared/schemas/dashboard.ts';
import type { PeriodFigures } from '../../../shared/schemas/figures.ts';
import { nowIso, type Ctx } from '../context.ts';
import { checkpoint, stage } from '../progress.ts';
import * as repo from '../repositories/figure-store.repository.ts';
import { isPeriodClosed } from '../repositories/figures.repository.ts';
import { currentLayout, decoder, encoder, newLayout, type Layout } from './figure-codec.ts';
import { deepFreeze } from './derived-cache.ts';
import {
  baseOf,
  environment,
  figuresFromBase,
  figuresHead,
  pickProjects,
  sameEnvironment,
  type Env,
  type FiguresBase,
  type FiguresPick,
} from './figures.service.ts';
import { figuresBaseNow, keepingAtCommit, type StoredKept } from './figures-state.ts';

/** The key periodFigures keeps a period's standard figures under (reference date: the month's last day). */
export const standardFiguresKey = (period: string) => `figures|${period}|${periodEnd(period)}|`;

interface StoredEnv extends Omit<Env, 'orgNames' | 'staffNames'> {
  orgNames: [number, string][];
  staffNames: [number, string][];
}

const envText = (env: Env): string =>
  JSON.stringify({ ...env, orgNames: [...env.orgNames], staffNames: [...env.staffNames] } satisfies StoredEnv);

function envOf(text: string): Env {
  const e = JSON.parse(text) as StoredEnv;
  return { ...e, orgNames: new Map(e.orgNames), staffNames: new Map(e.staffNames) };
}

/**
 * The period's figures as kept in the file, if kept under the environment that judges now: the journal position
 * at once, the rows decoded only when read() (figures-state.ts keep: not when too much was written since).
 */
export function storedFigures(ctx: Ctx, period: string): StoredKept<FiguresBase> | null {
  return unlessDamaged(() => {
    const head = repo.storeHead(ctx.db, period);
    if (!head) return null;
    const now = environment(ctx, period, {});
    if (!sameEnvironment(envOf(head.env), now)) return null;
    return { seq: head.seq, read: () => unlessDamaged(() => readStoredRows(ctx, period, head.layout, now)) };
  });
}

/**
 * What the file keeps is only ever a shortcut: if it cannot be read (a table removed by a tool, a damaged row),
 * the reader computes from the ledger instead of failing the clerk's call.
 */
function unlessDamaged<T>(read: () => T | null): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

function readStoredRows(ctx: Ctx, period: string, layout: string, now: Env): FiguresBase {
  const decode = decoder(JSON.parse(layout) as Layout);
  const rows: { figures: ReturnType<typeof decode>; sort: number }[] = [];
  for (const [sort, data] of repo.storeRows(ctx.db, period)) rows.push({ figures: decode(data), sort });
  return baseOf(now, rows);
}

/**
 * A slice of the period's figures (channel figures:period with a page, a light or ids: the 红黄绿灯 page) from the
 * file, decoding only the rows it holds: they are picked (pickProjects, the rule the figures in memory are sliced
 * by) from the light and parenthood kept beside each row, read from an index of just those. A core that has just
 * opened a county's ledger answers the page's 100 rows without decoding the 20,000. Only while the file describes
 * the ledger as it is now (no write since, the same rules and names); else null, and the caller reads the figures.
 */
export function storedFiguresSlice(ctx: Ctx, period: string, pick: FiguresPick): PeriodFigures | null {
  return unlessDamaged(() => {
    const head = repo.storeHead(ctx.db, period);
    if (!head?.layout || head.seq !== repo.journalSeq(ctx.db)) return null;
    const now = environment(ctx, period, {});
    if (!sameEnvironment(envOf(head.env), now)) return null;
    const rows = repo
      .storeRowLights(ctx.db, period)
      .map(([pos, id, level, isParent]) => ({ pos, id, level, isParent: isParent === 1 }));
    const { projects, total } = pickProjects(rows, pick);
    const decode = decoder(JSON.parse(head.layout) as Layout);
    const figures = repo
      .storeRowsAt(
        ctx.db,
        period,
        projects.map((p) => p.pos),
      )
      .map(([, data]) => decode(data));
    if (figures.length !== projects.length) return null;
    const said = figuresHead(ctx, now);
    return total === undefined ? { ...said, projects: figures } : { ...said, projects: figures, projectsTotal: total };
  });
}

/** The period's 总览 as kept in the file, when it describes the ledger as it is now (no write since). */
export function storedDashboard(ctx: Ctx, period: string): Dashboard | null {
  return unlessDamaged(() => {
    const head = repo.storeHead(ctx.db, period);
    if (!head?.dashboard || head.seq !== repo.journalSeq(ctx.db)) return null;
    // One kept by an earlier version may lack a figure added since (the month's report tally): computed afresh.
    const kept = DashboardSchema.safeParse(JSON.parse(head.dashboard));
    return kept.success ? kept.data : null;
  });
}

/**
 * Brings the kept figures of `period` (the ledger's open month; null: none) up to the journal's position, inside
 * the committing transaction; other periods' are dropped. Rows are rewritten only for the projects whose figures
 * changed (a patch shares every other project's object with the figures before it), or all of them when the
 * figures were computed afresh. Kept in memory too once committed, so the next read costs nothing.
 */
export function upkeepFigureStore(
  ctx: Ctx,
  period: string | null,
  dashboardOf: (figures: PeriodFigures) => Dashboard,
): void {
  const { db } = ctx;
  const heads = repo.storeHeads(db);
  for (const h of heads) if (h.period !== period) repo.dropStore(db, h.period);
  if (!period || isPeriodClosed(db, period)) return;
  const head = heads.find((h) => h.period === period);
  const seq = repo.journalSeq(db);
  if (head && head.seq === seq) return;
  stage('更新统计数字');
  checkpoint(); // the dialog still offers 取消 here
  keepingAtCommit(db, () => {
    const key = standardFiguresKey(period);
    const got = figuresBaseNow(ctx, key, period, {}, () => storedFigures(ctx, period));
    const base = got.value;
    const previous = got.previous;
    // Only a patch of exactly what the file holds can be written as a difference. After writes around the core
    // (the sqlite3 shell) the figures kept in memory are newer than the file's, and a tree change among those
    // writes may have moved rows the difference would not name: the file's rows are written afresh (rare).
    const headLayout = head?.layout ? (JSON.parse(head.layout) as Layout) : null;
    const asDifference =
      head !== undefined &&
      previous !== null &&
      got.previousSeq === head.seq &&
      previous.projects.length === base.projects.length &&
      sameEnvironment(envOf(head.env), base.env) &&
      headLayout !== null &&
      currentLayout(headLayout);
    const layout: Layout = asDifference ? headLayout : newLayout(base.rolled[0]);
    const encode = encoder(layout);
    // The head first: the rows reference it (it is completed below, when the 总览 and the words are known).
    repo.writeStoreHead(db, { period, seq, env: envText(base.env), layout: '', dashboard: null }, nowIso(ctx));
    // Frozen now, at the write, as periodFigures hands them out: after an import rolled up 20,000 projects afresh,
    // freezing them on the next read was most of that read.
    for (const f of base.rolled) deepFreeze(f);
    const row = (i: number) => {
      const f = base.rolled[i]!;
      return {
        pos: i,
        projectId: base.projects[i]!.id,
        sort: base.projects[i]!.sort,
        data: encode(f),
        level: f.level,
        isParent: f.isParent,
      };
    };
    if (asDifference) {
      const changed: ReturnType<typeof row>[] = [];
      for (let i = 0; i < base.rolled.length; i++) if (base.rolled[i] !== previous.rolled[i]) changed.push(row(i));
      repo.writeStoreRows(db, period, changed);
    } else {
      repo.writeStoreRows(
        db,
        period,
        base.rolled.map((_, i) => row(i)),
        base.rolled.length,
      );
    }
    const dashboard = dashboardOf(figuresFromBase(ctx, base));
    repo.writeStoreHead(
      db,
      { period, seq, env: envText(base.env), layout: JSON.stringify(layout), dashboard: JSON.stringify(dashboard) },
      nowIso(ctx),
    );
  });
  // A cancel asked for meanwhile rolls the whole write back (figure-store-upkeep.ts): nothing of it was kept yet.
  checkpoint();
}
