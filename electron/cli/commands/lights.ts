import { isValidIsoDate, isValidPeriod } from '../../../shared/domain/dates.ts';
import { lightCounts, lightCountsText } from '../../../shared/domain/figure-rules.ts';
import { formatPeriodCn } from '../../../shared/domain/period.ts';
import { formatDateCn, formatInstantCn } from '../../../shared/domain/display.ts';
import { LEVEL_CN, unlitReason } from '../../../shared/domain/schedule.ts';
import type { PeriodFigures } from '../../../shared/schemas/figures.ts';
import { flagString } from '../args.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { refuseOnEmptyCountyLedger } from './county-guard.ts';

export function requirePeriod(value: string | undefined): string {
  if (!value || !isValidPeriod(value)) throw new UsageError('请用 --period YYYY-MM 指定期别，例如 --period 2017-09');
  return value;
}

export const lightsCommand: CliCommand = {
  name: 'lights',
  summary: '计算某期各项目（含子项目）的红黄绿灯及原因（只读；加 --record 记入预警历史）',
  usage: 'lights --period YYYY-MM --db FILE [--as-of YYYY-MM-DD] [--record] [--json]',
  async run({ args, io, json, call }) {
    const period = requirePeriod(flagString(args, 'period'));
    const asOf = flagString(args, 'as-of');
    // A flag's value that is no date is wrong usage (exit 2), as --period 2017-13 and --deadline 2017-02-30 are.
    if (asOf !== undefined && !isValidIsoDate(asOf))
      throw new UsageError(`--as-of 应为日历上存在的日期，如 2017-09-30（收到“${asOf}”）`);
    if (asOf !== undefined && asOf < `${period}-01`)
      throw new UsageError(`--as-of ${asOf} 早于${formatPeriodCn(period)}：基准日应在该月之内或之后`);
    await refuseOnEmptyCountyLedger(call, '红黄绿灯');
    // Looking writes nothing; --record is the command-line 记录本期灯色 (the lights at the month end).
    if (args.flags.get('record') === true) {
      if (asOf) throw new UsageError('--record 只记录月末基准日的灯色，不能与 --as-of 同用');
      const r = await call<{ recorded: boolean; computedAt: string | null }>('lights:record', { period });
      io.err(
        r.recorded
          ? `已记录${formatPeriodCn(period)}灯色（${formatInstantCn(r.computedAt)}）`
          : `${formatPeriodCn(period)}灯色与上次记录相同，未重复记录`,
      );
    }
    const f = await call<PeriodFigures>('figures:period', { period, asOf });
    const rows = f.projects.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      parentId: p.parentId,
      level: p.level,
      reason: p.levelReason,
      dimensions: p.lights.map((l) => ({
        dimension: l.dimension,
        level: l.level,
        value: l.value,
        threshold: l.threshold,
        reason: l.reason,
      })),
    }));
    // Counted as everywhere (shared/domain/figure-rules.ts): the projects without sub-projects, once each.
    const counts = lightCounts(f.projects);
    if (json) {
      io.out(
        JSON.stringify({
          period: f.period,
          asOf: f.asOf,
          townTimeSharePct: f.townTimeSharePct,
          counts,
          projects: rows,
        }),
      );
      return 0;
    }
    io.out(
      `${formatPeriodCn(f.period)}红黄绿灯（基准日 ${formatDateCn(f.asOf)}，全镇序时进度 ${f.townTimeSharePct}%）`,
    );
    io.out(lightCountsText(counts));
    for (const [i, r] of rows.entries()) {
      const reason = r.reason ?? (r.level ? null : unlitReason(f.projects[i]!, f.period));
      io.out(
        `${r.level ? LEVEL_CN[r.level] : '—'}  ${(r.code ?? '').padEnd(12)} ${r.name}${reason ? `：${reason}` : ''}`,
      );
    }
    return 0;
  },
};
