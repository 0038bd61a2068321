import { isValidPeriod } from '../../../shared/domain/dates.ts';
import { lightCounts } from '../../../shared/domain/figure-rules.ts';
import { LEVEL_CN } from '../../../shared/domain/schedule.ts';
import type { PeriodFigures } from '../../../shared/schemas/figures.ts';
import { flagString } from '../args.ts';
import { UsageError, type CliCommand } from '../command.ts';

export function requirePeriod(value: string | undefined): string {
  if (!value || !isValidPeriod(value)) throw new UsageError('请用 --period YYYY-MM 指定期别，例如 --period 2017-09');
  return value;
}

export const lightsCommand: CliCommand = {
  name: 'lights',
  summary: '计算某期各项目（含子项目）的红黄绿灯及原因',
  usage: 'lights --period YYYY-MM --db FILE [--as-of YYYY-MM-DD] [--json]',
  async run({ args, io, json, call }) {
    const period = requirePeriod(flagString(args, 'period'));
    const f = await call<PeriodFigures>('figures:period', { period, asOf: flagString(args, 'as-of') });
    const rows = f.projects.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      parentId: p.parentId,
      level: p.level,
      reason: p.levelReason,
      dimensions: p.lights.map((l) => ({ dimension: l.dimension, level: l.level, value: l.value, threshold: l.threshold, reason: l.reason })),
    }));
    // Counted as everywhere (shared/domain/figure-rules.ts): the projects without sub-projects, once each.
    const counts = lightCounts(f.projects);
    if (json) {
      io.out(JSON.stringify({ period: f.period, asOf: f.asOf, townTimeSharePct: f.townTimeSharePct, counts, projects: rows }));
      return 0;
    }
    io.out(`${f.period} 红黄绿灯（基准日 ${f.asOf}，全镇序时进度 ${f.townTimeSharePct}%）`);
    io.out(`计灯项目（没有子项目的项目）红灯 ${counts.red} 个、黄灯 ${counts.yellow} 个、绿灯 ${counts.green} 个、未亮灯 ${counts.none} 个；有子项目的项目显示其最差的灯，不另计数`);
    for (const r of rows) io.out(`${r.level ? LEVEL_CN[r.level] : '—'}  ${(r.code ?? '').padEnd(12)} ${r.name}${r.reason ? `：${r.reason}` : ''}`);
    return 0;
  },
};
