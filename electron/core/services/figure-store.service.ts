/**
 * The figures kept in the ledger file (migration 0007_figure_store.ts): the open month's figures per project and
 * its 总览, brought up to date at the end of every transaction that wrote what they are read from, in that same
 * transaction. So a core that has just opened the ledger, a core after the CLI wrote, or the app after an import
 * reads them (and patches the projects written since, from the journal) instead of reading 700,000 reports.
 *
 * The kept figures are never trusted blindly: each carries the journal position it describes and the
 * environment (rules, names, reference date) it was judged under. A reader patches the projects written after
 * that position (figures-state.ts), and anything that cannot be patched is computed afresh. A write by a tool
 * that bypasses the core (the sqlite3 shell) leaves the kept figures behind the journal, never wrong. A kept value
 * edited by such a tool fails its MAC (kept-mac.ts) and is not used either.
 */
import { formatPeriodCn, periodEnd } from '../../../shared/domain/period.ts';
import { DashboardSchema, type Dashboard } from '../../../shared/schemas/dashboard.ts';
import type { PeriodFigures } from '../../../shared/schemas/figures.ts';
import { nowIso, type Ctx } from '../context.ts';
import type { Db } from '../db/connection.ts';
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
  figuresKey,
  pickProjects,
  rejudgedForDueDay,
  reportsPastDue,
  sameEnvironment,
  type Env,
  type FiguresBase,
  type FiguresPick,
} from './figures.service.ts';
import { figuresBaseNow, keepingAtCommit, type StoredKept } from './figures-state.ts';
import {
  headMac,
  keptKey,
  forgetRefused,
  keptRefused,
  refusedBefore,
  rowDigest,
  rowsMac,
  type KeptRowPlace,
} from './kept-mac.ts';

/** The key periodFigures keeps a period's standard figures under (reference date: the month's last day). */
export const standardFiguresKey = (ctx: Ctx, period: string) => figuresKey(ctx, period, {});

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

/** How a kept value is read: checked against its MAC (always, but by `verify`, which compares it with the ledger). */
export interface KeptReadOptions {
  unchecked?: boolean;
}

const rowsWhat = (period: string) => `${formatPeriodCn(period)}各项目数字`;
const headWhat = (period: string) => `${formatPeriodCn(period)}总览与各项目数字`;

/**
 * Whether a head is as this program wrote it: its MAC under the seal key. If not it is not used, and that is logged.
 * A connection without the seal key cannot tell: it computes afresh.
 */
function headIntact(ctx: Ctx, head: repo.StoreHead): boolean {
  const key = keptKey(ctx.db);
  if (!key) return false;
  if (head.mac !== null && head.mac === headMac(key, head)) return true;
  keptRefused(ctx.db, headWhat(head.period));
  return false;
}

/** Whether the places of the rows (in order) are those the head's MAC covers. */
function placesIntact(key: Buffer, head: repo.StoreHead, places: Iterable<KeptRowPlace>): boolean {
  const mac = rowsMac(key, head.period);
  for (const p of places) mac.add(p);
  return head.rowsMac !== null && mac.done() === head.rowsMac;
}

/**
 * Per connection: the digests of the kept rows (by position) as this core last wrote or checked them, with the rows'
 * MAC they were part of. A write's upkeep carries the MAC on from them instead of reading and checking the index
 * again (20–30 ms of every saved report on a county's ledger). What the MAC then covers is still only what this core
 * computed or checked: a row a tool changed meanwhile is not taken into it, and readers go on refusing it.
 */
const knownDigests = new WeakMap<Db, { period: string; rowsMac: string; digests: (string | null)[] }>();

/** The digests known for the head's rows, when they are the ones its MAC covers. */
function digestsOf(db: Db, head: repo.StoreHead): (string | null)[] | null {
  const known = knownDigests.get(db);
  return known && known.period === head.period && known.rowsMac === head.rowsMac ? known.digests : null;
}

/**
 * The period's figures as kept in the file, if kept under the environment that judges now: the journal position
 * at once, the rows decoded only when read() (figures-state.ts keep: not when too much was written since).
 */
export function storedFigures(ctx: Ctx, period: string, opts: KeptReadOptions = {}): StoredKept<FiguresBase> | null {
  return unlessDamaged(() => {
    const head = repo.storeHead(ctx.db, period);
    if (!head) return null;
    if (!opts.unchecked && !headIntact(ctx, head)) return null;
    const now = environment(ctx, period, {});
    const kept = envOf(head.env);
    // Kept before the month's 月报 fell due (the last write before the 5th), read after: judged again for that only.
    const dueDayPassed = !sameEnvironment(kept, now);
    if (dueDayPassed && !sameEnvironment({ ...kept, pastDue: now.pastDue }, now)) return null;
    const key = opts.unchecked ? undefined : keptKey(ctx.db);
    const read = () => {
      const base = readStoredRows(ctx, head, dueDayPassed ? kept : now, key);
      if (!base || !dueDayPassed) return base;
      const judged = rejudgedForDueDay(ctx, base, now);
      return typeof judged === 'string' ? null : judged;
    };
    return { seq: head.seq, read: () => unlessDamaged(read) };
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

/**
 * Every kept row decoded; with a key, each row's data hashed and its place streamed into the rows' MAC as it is read
 * (a county's 20,000 rows: about 30 ms beside the 200 of decoding them): null when they are not what was written.
 */
function readStoredRows(ctx: Ctx, head: repo.StoreHead, now: Env, key: Buffer | undefined): FiguresBase | null {
  const decode = decoder(JSON.parse(head.layout) as Layout);
  const mac = key && rowsMac(key, head.period);
  const digests: string[] = [];
  const rows: { figures: ReturnType<typeof decode>; sort: number }[] = [];
  for (const [pos, projectId, level, isParent, sort, data] of repo.storeRows(ctx.db, head.period)) {
    if (mac) {
      const digest = rowDigest(data);
      digests.push(digest);
      mac.add([pos, projectId, level, isParent, sort, digest]);
    }
    rows.push({ figures: decode(data), sort });
  }
  if (mac) {
    if (mac.done() !== head.rowsMac) {
      keptRefused(ctx.db, rowsWhat(head.period));
      return null;
    }
    knownDigests.set(ctx.db, { period: head.period, rowsMac: head.rowsMac, digests });
  }
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
    if (!headIntact(ctx, head)) return null;
    const now = environment(ctx, period, {});
    if (!sameEnvironment(envOf(head.env), now)) return null;
    // The whole index is checked (the rows a light filter leaves out are picked by it too), then each decoded row
    // against its digest in the index: a few milliseconds beside reading the index, none for the other rows' data.
    const places = repo.storeRowLights(ctx.db, period);
    if (!placesIntact(keptKey(ctx.db)!, head, places)) {
      keptRefused(ctx.db, rowsWhat(period));
      return null;
    }
    knownDigests.set(ctx.db, { period, rowsMac: head.rowsMac!, digests: places.map((p) => p[5]) });
    const rows = places.map(([pos, id, level, isParent, , digest]) => ({
      pos,
      id,
      level,
      isParent: isParent === 1,
      digest,
    }));
    const { projects, total } = pickProjects(rows, pick);
    const decode = decoder(JSON.parse(head.layout) as Layout);
    const kept = repo.storeRowsAt(
      ctx.db,
      period,
      projects.map((p) => p.pos),
    );
    if (kept.length !== projects.length) return null;
    if (kept.some(([, data], i) => rowDigest(data) !== projects[i]!.digest)) {
      keptRefused(ctx.db, rowsWhat(period));
      return null;
    }
    const figures = kept.map(([, data]) => decode(data));
    const said = figuresHead(ctx, now);
    return total === undefined ? { ...said, projects: figures } : { ...said, projects: figures, projectsTotal: total };
  });
}

/**
 * Whether the kept head was judged as the period is judged today: the same reference date and the month's 月报 as
 * much past their due day. A 总览 kept by the last write before the due day counts no 填报 light; read the day after
 * it, it would show a month of late reports as on time. (Rules and names change only by writes, which move the
 * journal.)
 */
export function judgedAsNow(ctx: Ctx, head: repo.StoreHead): boolean {
  const kept = JSON.parse(head.env) as Pick<Env, 'asOf' | 'pastDue' | 'rules'>;
  return kept.asOf === periodEnd(head.period) && kept.pastDue === reportsPastDue(ctx, head.period, kept.rules);
}

/** The period's 总览 as kept in the file, when it describes the ledger as it is now (no write since). */
export function storedDashboard(ctx: Ctx, period: string, opts: KeptReadOptions = {}): Dashboard | null {
  const kept = keptDashboard(ctx, period, opts);
  return kept && judgedAsNow(ctx, kept.head) ? kept.dashboard : null;
}

/**
 * The period's 总览 as kept in the file, read once for the 总览's channel: whole when judged as today (`dashboard`),
 * and its funding bars and monthly trend (`money`) whenever it describes the ledger as it is now, even if judged
 * before the month's 月报 fell due — neither turns on the due day (the lights, the report tally and the lagging ten
 * do). The first 总览 after the due day takes them from here instead of reading every fund flow and every 月报 of the
 * year again (about a second of a county's ledger).
 */
export function storedDashboardParts(
  ctx: Ctx,
  period: string,
): { dashboard: Dashboard | null; money: Pick<Dashboard, 'funding' | 'trend'> | null } {
  const kept = keptDashboard(ctx, period, {});
  if (!kept) return { dashboard: null, money: null };
  if (judgedAsNow(ctx, kept.head)) return { dashboard: kept.dashboard, money: null };
  const env = JSON.parse(kept.head.env) as Pick<Env, 'asOf'>;
  const money =
    env.asOf === periodEnd(period) ? { funding: kept.dashboard.funding, trend: kept.dashboard.trend } : null;
  return { dashboard: null, money };
}

function keptDashboard(ctx: Ctx, period: string, opts: KeptReadOptions) {
  return unlessDamaged(() => {
    const head = repo.storeHead(ctx.db, period);
    if (!head?.dashboard || head.seq !== repo.journalSeq(ctx.db)) return null;
    // Its MAC: a 总览 edited with a SQLite tool was shown to a 领导 as it was (15,140万 for 10,140万, in green).
    if (!opts.unchecked && !headIntact(ctx, head)) return null;
    // One kept by an earlier version may lack a figure added since (the month's report tally): computed afresh.
    const kept = DashboardSchema.safeParse(JSON.parse(head.dashboard));
    return kept.success ? { head, dashboard: kept.data } : null;
  });
}

/**
 * The digests of the kept rows when they are as this program wrote them (the head and the index against their
 * MACs), else null: those known to this core, or the index read and checked.
 */
function intactDigests(ctx: Ctx, head: repo.StoreHead, key: Buffer): (string | null)[] | null {
  if (!headIntact(ctx, head)) return null;
  const known = digestsOf(ctx.db, head);
  if (known) return known.slice();
  const places = repo.storeRowLights(ctx.db, head.period);
  if (placesIntact(key, head, places)) return places.map((p) => p[5]);
  keptRefused(ctx.db, rowsWhat(head.period));
  return null;
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
    const key = standardFiguresKey(ctx, period);
    const got = figuresBaseNow(ctx, key, period, {}, () => storedFigures(ctx, period));
    const base = got.value;
    const previous = got.previous;
    // Only a patch of exactly what the file holds can be written as a difference. After writes around the core
    // (the sqlite3 shell) the figures kept in memory are newer than the file's, and a tree change among those
    // writes may have moved rows the difference would not name: the file's rows are written afresh (rare).
    const headLayout = head?.layout ? (JSON.parse(head.layout) as Layout) : null;
    const sameRows =
      head !== undefined &&
      previous !== null &&
      got.previousSeq === head.seq &&
      previous.projects.length === base.projects.length &&
      sameEnvironment(envOf(head.env), base.env) &&
      headLayout !== null &&
      currentLayout(headLayout);
    // The rows the file holds are built on only when they are as this program wrote them (the head and the index
    // against their MACs, or the digests this core knows for that MAC): rows_mac then goes on from their digests and
    // never covers a row a SQLite tool put there. Without the seal key nothing is checked (and nothing written is used).
    const macKey = keptKey(db);
    // A row a reader here found changed (its data against its digest: not seen in the index) is healed by writing
    // every row afresh.
    const keptDigests =
      sameRows && macKey && !refusedBefore(db, rowsWhat(period)) ? intactDigests(ctx, head, macKey) : null;
    const asDifference = sameRows && (!macKey || keptDigests !== null);
    const layout: Layout = asDifference ? headLayout! : newLayout(base.rolled[0]);
    const encode = encoder(layout);
    // The head first: the rows reference it (it is completed below, when the 总览 and the words are known).
    const placeholder: repo.StoreHead = {
      period,
      seq,
      env: envText(base.env),
      layout: '',
      dashboard: null,
      rowsMac: null,
      mac: null,
    };
    repo.writeStoreHead(db, placeholder, nowIso(ctx));
    // Frozen now, at the write, as periodFigures hands them out: after an import rolled up 20,000 projects afresh,
    // freezing them on the next read was most of that read.
    for (const f of base.rolled) deepFreeze(f);
    const row = (i: number) => {
      const f = base.rolled[i]!;
      const data = encode(f);
      return {
        pos: i,
        projectId: base.projects[i]!.id,
        sort: base.projects[i]!.sort,
        data,
        level: f.level,
        isParent: f.isParent,
        digest: macKey ? rowDigest(data) : null,
      };
    };
    let digests: (string | null)[];
    if (asDifference) {
      const changed: ReturnType<typeof row>[] = [];
      for (let i = 0; i < base.rolled.length; i++) if (base.rolled[i] !== previous!.rolled[i]) changed.push(row(i));
      repo.writeStoreRows(db, period, changed);
      digests = keptDigests ?? [];
      for (const r of changed) digests[r.pos] = r.digest;
    } else {
      const rows = base.rolled.map((_, i) => row(i));
      repo.writeStoreRows(db, period, rows, base.rolled.length);
      digests = rows.map((r) => r.digest);
    }
    const dashboard = dashboardOf(figuresFromBase(ctx, base));
    const full: repo.StoreHead = {
      ...placeholder,
      layout: JSON.stringify(layout),
      dashboard: JSON.stringify(dashboard),
    };
    if (macKey) {
      // The rows' places from the figures in memory (each unchanged row's are those the checked index holds).
      const mac = rowsMac(macKey, period);
      for (let i = 0; i < base.rolled.length; i++) {
        const f = base.rolled[i]!;
        mac.add([i, base.projects[i]!.id, f.level, f.isParent ? 1 : 0, base.projects[i]!.sort, digests[i] ?? null]);
      }
      full.rowsMac = mac.done();
      full.mac = headMac(macKey, full);
      knownDigests.set(db, { period, rowsMac: full.rowsMac, digests });
    }
    repo.writeStoreHead(db, full, nowIso(ctx));
    forgetRefused(db, headWhat(period));
    if (!asDifference) forgetRefused(db, rowsWhat(period));
  });
  // A cancel asked for meanwhile rolls the whole write back (figure-store-upkeep.ts): nothing of it was kept yet.
  checkpoint();
}
