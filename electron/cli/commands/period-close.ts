import { formatPeriodCn } from '../../../shared/domain/period.ts';
import type { PeriodStatus } from '../../../shared/schemas/report.ts';
import { flagString } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { requirePeriod } from './lights.ts';

/** Closes a month as 审核人 (`--role 审核人`); exit 1 when refused or already closed. */
export const periodCloseCommand: CliCommand = {
  name: 'period-close',
  summary: '关账：冻结某月各项目数据快照（需 --role 审核人）',
  usage: 'period-close --period YYYY-MM --db FILE --role 审核人 [--operator 姓名] [--json]',
  async run({ args, io, json, call }) {
    const period = requirePeriod(flagString(args, 'period'));
    const s = await call<PeriodStatus>('periods:close', { period });
    io.out(json ? JSON.stringify(s) : `${formatPeriodCn(period)}已关账（${s.closedBy}，${s.closedAt}）`);
    return 0;
  },
};
