/**
 * 县级汇总 (county mode): the same app on a county's ledger. A ledger is a county's when its setting `county.name` is
 * set — by `init --county NAME` or the county:saveSettings channel, only on a ledger without projects of its own, so
 * a town's ledger never turns into a county's by accident. A county ledger keeps each town's figures apart, as the
 * town's data package brought them (package.service.ts); its totals are the towns' summed by one function
 * (shared/domain/county.ts). On a town's ledger nothing here changes what `figures` and `stats` answer.
 */
import { countyFigureSet } from '../../../shared/domain/county.ts';
import { formatPeriodCn } from '../../../shared/domain/display.ts';
import type {
  CountySettings,
  CountySettingsSave,
  CountySummary,
  CountyTown,
  LedgerFigures,
  LedgerStats,
  PackageFigures,
  PackageImport,
} from '../../../shared/schemas/county.ts';
import type { FigureSet } from '../../../shared/schemas/figures.ts';
import { appendChanges, type ChangeEntry } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import * as repo from '../repositories/county.repository.ts';
import { getSetting, setSetting } from '../repositories/setting.repository.ts';
import { countProjects } from '../repositories/stats.repository.ts';
import { figureSet } from './figure-set.service.ts';
import { statsSummary } from './stats.service.ts';

const KEY_NAME = 'county.name';
const KEY_TOWNS = 'county.towns';
/** The name a county ledger has until one is set (county:saveSettings, `county --name`). */
const DEFAULT_COUNTY = '本县';

export function countySettings(ctx: Ctx): CountySettings {
  const towns = getSetting(ctx.db, KEY_TOWNS);
  return { countyName: getSetting(ctx.db, KEY_NAME), towns: towns ? (JSON.parse(towns) as string[]) : [] };
}

export const isCounty = (ctx: Ctx): boolean => getSetting(ctx.db, KEY_NAME) !== null;

/** Makes this ledger a county's, or changes the county's name and its list of towns; logged like any setting. */
export function saveCountySettings(ctx: Ctx, s: CountySettingsSave): CountySettings {
  return ctx.db.tx(() => {
    const before = countySettings(ctx);
    if (before.countyName === null && countProjects(ctx.db) > 0)
      throw new AppError('CONFLICT', '本台账已有项目，是乡镇台账，不能改作县级汇总库；县级汇总请另建一个空白数据库');
    const entries: ChangeEntry[] = [];
    const change = (key: string, oldValue: string | null, newValue: string) => {
      if (oldValue === newValue) return;
      setSetting(ctx.db, key, newValue);
      entries.push({ action: '修改', entity: 'setting', field: key, oldValue, newValue });
    };
    change(KEY_NAME, before.countyName, s.countyName);
    change(KEY_TOWNS, before.countyName === null ? null : JSON.stringify(before.towns), JSON.stringify(s.towns));
    appendChanges(ctx.db, ctx.session.operator, nowIso(ctx), entries);
    return countySettings(ctx);
  });
}

function requireCounty(ctx: Ctx): string {
  const name = getSetting(ctx.db, KEY_NAME);
  if (name === null)
    throw new AppError('CONFLICT', '本数据库是乡镇台账，不是县级汇总库；县级汇总请另建一个空白数据库并设为县级汇总库');
  return name;
}

/** Keeps a verified package's figures as that town's for its period: one transaction; an earlier one is replaced. */
export function storeTownPackage(
  ctx: Ctx,
  p: { fileName: string; packageSha256: string; manifest: string; figures: PackageFigures },
): Omit<PackageImport, 'backupFile'> {
  const f = p.figures;
  return ctx.db.tx(() => {
    // A ledger without projects of its own that receives a package becomes a county's (named 本县 until set); a
    // town's ledger (it has projects) never does.
    const became = !isCounty(ctx);
    if (became) {
      if (countProjects(ctx.db) > 0) requireCounty(ctx);
      setSetting(ctx.db, KEY_NAME, DEFAULT_COUNTY);
      appendChanges(ctx.db, ctx.session.operator, nowIso(ctx), [
        {
          action: '修改',
          entity: 'setting',
          field: KEY_NAME,
          oldValue: null,
          newValue: DEFAULT_COUNTY,
          reason: '空白数据库导入乡镇数据包，设为县级汇总库',
        },
      ]);
    }
    const was = repo.findPackage(ctx.db, f.town, f.period);
    if (was) repo.deletePackage(ctx.db, was.id);
    const at = nowIso(ctx);
    const id = repo.insertPackage(ctx.db, {
      town: f.town,
      period: f.period,
      format_version: f.formatVersion,
      app_version: f.appVersion,
      file_name: p.fileName,
      package_sha256: p.packageSha256,
      manifest: p.manifest,
      closed: f.closed ? 1 : 0,
      close_snapshot_sha256: f.closeSnapshotSha256,
      audit_rows: f.auditHead.rows,
      audit_head: f.auditHead.hash,
      exported_at: f.exportedAt,
      imported_at: at,
      imported_by: ctx.session.operator,
    });
    const projects = f.totals.projects.top;
    const totalInvestmentFen = f.totals.investment.totalFen;
    repo.insertTownFigures(ctx.db, id, projects, totalInvestmentFen, JSON.stringify(f.totals));
    f.projects.forEach((x, pos) =>
      repo.insertTownProject(ctx.db, {
        package_id: id,
        pos,
        town_project_id: x.id,
        parent_town_project_id: x.parentId,
        code: x.code,
        name: x.name,
        category: x.category,
        status: x.status,
        level: x.level,
        total_fen: x.totalFen,
        prior_fen: x.priorFen,
        year_plan_fen: x.yearPlanFen,
        month_fen: x.monthFen,
        ytd_fen: x.ytdFen,
        cum_fen: x.cumFen,
      }),
    );
    const what = `${f.town}${formatPeriodCn(f.period)}数据包`;
    appendChanges(ctx.db, ctx.session.operator, at, [
      {
        action: '导入',
        entity: 'county_package',
        entityId: id,
        field: 'town',
        newValue: f.town,
        reason: `${was ? '重新导入（替换此前导入的同期数据）' : '导入'}${what}“${p.fileName}”，项目${projects}个`,
      },
    ]);
    return {
      town: f.town,
      period: f.period,
      projects,
      totalInvestmentFen,
      replaced: was !== undefined,
      message:
        (was ? `已重新导入${what}，替换了此前导入的同期数据` : `已导入${what}`) +
        (became ? '（本库原为空白数据库，已设为县级汇总库）' : ''),
    };
  });
}

/** The county's figures of a period (default: the newest period any town has sent). */
export function countySummary(ctx: Ctx, period?: string | null): CountySummary {
  const county = requireCounty(ctx);
  const { towns: expected } = countySettings(ctx);
  const p = period ?? repo.latestPeriod(ctx.db);
  const rows = p ? repo.townsOfPeriod(ctx.db, p) : [];
  const figures: Record<string, FigureSet> = {};
  const towns: CountyTown[] = rows.map((r) => {
    figures[r.town] = JSON.parse(r.figure_set) as FigureSet;
    return {
      town: r.town,
      period: r.period,
      projects: r.projects,
      totalInvestmentFen: r.total_investment_fen,
      closed: r.closed === 1,
      importedAt: r.imported_at,
      importedBy: r.imported_by,
      fileName: r.file_name,
    };
  });
  const sent = new Set(towns.map((t) => t.town));
  return {
    county,
    period: p,
    periods: repo.receivedPeriods(ctx.db),
    towns,
    missingTowns: expected.filter((t) => !sent.has(t)),
    totals: towns.length ? countyFigureSet(towns.map((t) => ({ town: t.town, figures: figures[t.town]! }))) : null,
    figures,
  };
}

/** `figures` (figures:set): a town's own figure set; on a county ledger the county's totals with each town's under `towns`. */
export function figuresOfLedger(ctx: Ctx, period: string): LedgerFigures {
  if (!isCounty(ctx)) return figureSet(ctx, period);
  const s = countySummary(ctx, period);
  // Before any town has sent the period, the county's totals are those of its own (empty) ledger: zero everywhere.
  const totals = s.totals ?? figureSet(ctx, period);
  return { ...totals, county: s.county, towns: s.figures, missingTowns: s.missingTowns };
}

/** `stats` (stats:summary): on a county ledger, the sum of the towns' packages of the newest period, with each town and the towns missing. */
export function statsOfLedger(ctx: Ctx): LedgerStats {
  if (!isCounty(ctx)) return statsSummary(ctx);
  const s = countySummary(ctx);
  const t = s.totals;
  const byCategory = t
    ? Object.entries(t.projects.byCategory).map(([category, c]) => ({
        category,
        projects: c.projects,
        totalInvestmentFen: c.totalFen,
      }))
    : [];
  return {
    projects: t?.projects.top ?? 0,
    subProjects: t?.projects.sub ?? 0,
    totalInvestmentFen: t?.investment.totalFen ?? 0,
    byCategory,
    // A package carries the period's figures, not each project's 计划年度: the county has no per-year split.
    byYear: [],
    county: s.county,
    period: s.period,
    towns: s.towns,
    missingTowns: s.missingTowns,
  };
}
