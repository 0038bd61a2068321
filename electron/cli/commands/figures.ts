import { formatWan } from '../../../shared/domain/money.ts';
import type { LedgerFigures } from '../../../shared/schemas/county.ts';
import type { CliCommand } from '../command.ts';
import { requirePeriod } from './lights.ts';
import { flagString } from '../args.ts';
import { formatDateCn, formatPeriodCn, monthsSpan } from '../../../shared/domain/display.ts';

const pct = (p: number | null) => (p === null ? '—' : `${p.toFixed(1)}%`);

export const figuresCommand: CliCommand = {
  name: 'figures',
  summary: '某期全部指标（项目数、总投资、资金、比率、红黄绿灯），口径见 docs/figures.md',
  usage: 'figures --period YYYY-MM --db FILE [--json]',
  async run({ args, io, json, call }) {
    const period = requirePeriod(flagString(args, 'period'));
    const f = await call<LedgerFigures>('figures:set', { period });
    if (json) {
      io.out(JSON.stringify(f));
      return 0;
    }
    const fen = (x: { fen: number }) => `${formatWan(x.fen)} 万元`;
    if (f.county !== undefined) {
      io.out(`${f.county}县级汇总（各乡镇之和）：`);
      for (const [town, t] of Object.entries(f.towns ?? {}))
        io.out(
          `  ${town}：项目 ${t.projects.top} 个，总投资 ${formatWan(t.investment.totalFen)} 万元，${monthsSpan(f.period)}完成 ${formatWan(t.investment.ytdFen)} 万元${t.closed ? '（已关账）' : ''}`,
        );
      if (f.missingTowns?.length) io.out(`  未报送：${f.missingTowns.join('、')}`);
    }
    io.out(`${formatPeriodCn(f.period)}指标（基准日 ${formatDateCn(f.asOf)}${f.closed ? '，已关账' : ''}）`);
    io.out(`项目 ${f.projects.top} 个（另有子项目 ${f.projects.sub} 个，计灯项目 ${f.projects.lightUnits} 个）`);
    io.out(
      `总投资 ${formatWan(f.investment.totalFen)} 万元，年度计划 ${formatWan(f.investment.yearPlanFen)} 万元，${monthsSpan(f.period)}完成 ${formatWan(f.investment.ytdFen)} 万元`,
    );
    io.out(
      `完成率 ${pct(f.rates.完成率)}，序时进度 ${pct(f.rates.序时进度)}，差距 ${f.rates.差距 ?? '—'} 个百分点（负数为落后）`,
    );
    io.out(
      `开工率 ${pct(f.rates.开工率)}，竣工率 ${pct(f.rates.竣工率)}，到位率 ${pct(f.rates.到位率)}，支付率 ${pct(f.rates.支付率)}`,
    );
    io.out(
      `红灯 ${f.lights.red} 个，黄灯 ${f.lights.yellow} 个，绿灯 ${f.lights.green} 个，未亮灯 ${f.lights.none} 个`,
    );
    for (const m of ['计划', '到位', '拨付', '支付']) io.out(`资金${m} ${fen(f.funds[m]!['合计']!)}`);
    io.out(`以奖代补 申报 ${fen(f.award.申报)}，预拨 ${fen(f.award.预拨)}，兑现 ${fen(f.award.兑现)}`);
    return 0;
  },
};
