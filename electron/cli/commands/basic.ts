import { formatWan } from '../../../shared/domain/money.ts';
import type { Stats } from '../../../shared/schemas/app.ts';
import type { LedgerStats } from '../../../shared/schemas/county.ts';
import { formatPeriodCn } from '../../../shared/domain/display.ts';
import { UsageError } from '../command.ts';
import { saveCounty } from './package.ts';
import type { CliCommand } from '../command.ts';
import { initFirstRun } from './trust.ts';

export const initCommand: CliCommand = {
  name: 'init',
  startsLedger: true,
  summary: '创建或升级数据库（迁移前自动备份）；首次可设乡镇名称、年度和管理员（密码取自 TOWN_LEDGER_PASSWORD）',
  usage: 'init --db FILE [--town NAME] [--year YYYY] [--admin NAME] [--county NAME [--towns 甲镇,乙镇]] [--json]',
  async run({ core, args, io, json, call }) {
    const m = core.migration;
    if (args.flags.has('county') && args.flags.has('town'))
      throw new UsageError('--town（乡镇台账）与 --county（县级汇总库）不能同时使用');
    const firstRun = await initFirstRun(args, call);
    // A county's ledger (县级汇总): named by --county, only on a ledger without projects (county.service.ts).
    const county = await saveCounty(args, call, 'county');
    if (json)
      io.out(
        JSON.stringify({
          dbFile: core.ctx.db.file,
          applied: m.applied,
          backupFile: m.backupFile,
          ...firstRun,
          ...(county ? { county: county.countyName, towns: county.towns } : {}),
        }),
      );
    else {
      if (county)
        io.out(
          `已设为县级汇总库：${county.countyName}${county.towns.length ? `，应报送的乡镇：${county.towns.join('、')}` : ''}`,
        );
      if (firstRun?.townRenamed)
        io.out(
          `乡镇名称已由“${firstRun.townRenamed.from}”改为“${firstRun.townRenamed.to}”（已记入修改记录，可在“设置”中改回）`,
        );
      if (firstRun)
        io.out(
          `已设置：${[firstRun.townName, firstRun.fiscalYear && `${firstRun.fiscalYear}年`, firstRun.admin && `管理员 ${firstRun.admin}`].filter(Boolean).join('，')}`,
        );
      io.out(m.applied.length ? `已完成数据库升级：${m.applied.join('、')}` : '数据库已是最新结构');
      if (m.backupFile) io.out(`升级前备份：${m.backupFile}`);
      io.out(`数据库文件：${core.ctx.db.file}`);
    }
    return 0;
  },
};

export const seedDemoCommand: CliCommand = {
  name: 'seed-demo',
  startsLedger: true,
  summary: '载入示例数据（蒲州镇2017，仅限空白台账）',
  usage: 'seed-demo --db FILE [--json]',
  async run({ io, json, call }) {
    // The sample is 蒲州镇's: a ledger set up for another town takes its name, and the clerk is told so
    const before = (await call<{ townName: string | null }>('app:info', {})).townName;
    const after = (await call<{ townName: string | null }>('app:onboard', { mode: 'demo' })).townName;
    const renamed = before && after && before !== after ? { from: before, to: after } : null;
    const stats = await call<Stats>('stats:summary', {});
    if (json)
      io.out(
        JSON.stringify({
          loaded: 'puzhou-2017',
          projects: stats.projects,
          totalInvestmentFen: stats.totalInvestmentFen,
          ...(renamed ? { townRenamed: renamed } : {}),
        }),
      );
    else {
      io.out(`已载入示例数据：蒲州镇2017，${stats.projects}个项目，总投资${formatWan(stats.totalInvestmentFen)}万元`);
      if (renamed)
        io.out(`示例数据属于${renamed.to}：乡镇名称已由“${renamed.from}”改为“${renamed.to}”（可在“设置”中改回）`);
    }
    return 0;
  },
};

export const statsCommand: CliCommand = {
  name: 'stats',
  summary: '台账统计：项目数、总投资（顶层项目，子项目不重复计）、按类别',
  usage: 'stats --db FILE [--json]',
  async run({ io, json, call }) {
    const s = await call<LedgerStats>('stats:summary', {});
    if (json) {
      io.out(JSON.stringify(s));
      return 0;
    }
    if (s.county !== undefined) {
      io.out(
        `${s.county}县级汇总${s.period ? `（${formatPeriodCn(s.period)}）` : '（尚未收到乡镇数据包）'}：项目 ${s.projects} 个，总投资 ${formatWan(s.totalInvestmentFen)} 万元`,
      );
      for (const t of s.towns ?? [])
        io.out(
          `  ${t.town.padEnd(6, '　')} ${String(t.projects).padStart(4)} 个  ${formatWan(t.totalInvestmentFen).padStart(12)} 万元`,
        );
      if (s.missingTowns?.length) io.out(`未报送：${s.missingTowns.join('、')}`);
      return 0;
    }
    io.out(`项目 ${s.projects} 个（另有子项目 ${s.subProjects} 个），总投资 ${formatWan(s.totalInvestmentFen)} 万元`);
    for (const c of s.byCategory)
      io.out(
        `  ${c.category.padEnd(6, '　')} ${String(c.projects).padStart(4)} 个  ${formatWan(c.totalInvestmentFen).padStart(12)} 万元`,
      );
    return 0;
  },
};
