import { formatPeriodCn } from '../../../shared/domain/period.ts';
import { formatInstantCn } from '../../../shared/domain/display.ts';
import type { PeriodClosePreview, PeriodStatus, UnreportedProject } from '../../../shared/schemas/monthly-report.ts';
import { flagString } from '../args.ts';
import { CliFailure, type CliCommand } from '../command.ts';
import { refuseOnEmptyCountyLedger } from './county-guard.ts';
import { requirePeriod } from './lights.ts';

const line = (p: UnreportedProject) =>
  `  ${(p.code ?? '').padEnd(12)} ${p.parentName ? `${p.parentName} / ` : ''}${p.name}（${p.state ?? '未填报'}${p.leadOrgName ? `，${p.leadOrgName}` : ''}）`;

/**
 * Closes a month as the machine's administrator 命令行, or as a named 审核人 (`--role 审核人 --operator 姓名`); exit 1 when refused or already closed. Projects that owe the month's
 * report and have not submitted it are listed first, and the close then needs `--force` (or `--yes`): the
 * command-line form of the window's confirm dialog. With --json the refusal is one envelope on stdout that carries the list.
 */
export const periodCloseCommand: CliCommand = {
  name: 'period-close',
  summary:
    '关账：冻结某月各项目数据快照（可用 --role 审核人 --operator 姓名 记名，默认以本机管理员“命令行”执行；有项目未报送时列出并须加 --force 确认）',
  usage: 'period-close --period YYYY-MM --db FILE [--role 审核人 --operator 姓名] [--force|--yes] [--json]',
  async run({ args, io, json, call }) {
    const period = requirePeriod(flagString(args, 'period'));
    const confirmed = args.flags.get('force') === true || args.flags.get('yes') === true;
    // A month of a county's 汇总库 holds no projects to freeze: it was closed, empty, all the same.
    await refuseOnEmptyCountyLedger(call, '关账（各乡镇在本镇台账中关账）');
    const preview = await call<PeriodClosePreview>('periods:closePreview', { period });
    const { unreported } = preview;
    // Already closed: the close itself answers (refused, exit 1), with its own message.
    if (unreported.length && !preview.closed && !confirmed) {
      const message = `${formatPeriodCn(period)}有${unreported.length}个项目未报送月报，未关账；确认仍要关账请加 --force（或 --yes）`;
      if (json) {
        // One JSON document on stdout: the refusal's envelope, with the list it is about.
        io.out(
          JSON.stringify({
            ok: false,
            error: { code: 'CONFLICT', message },
            period,
            closed: false,
            mustReport: preview.mustReport,
            unreported,
          }),
        );
        io.err(`错误：${message}`);
        return 1;
      }
      io.out(
        [
          `${formatPeriodCn(period)}应报送月报${preview.mustReport}个项目，以下${unreported.length}个尚未报送：`,
          ...unreported.map(line),
        ].join('\n'),
      );
      throw new CliFailure('CONFLICT', message);
    }
    const s = await call<PeriodStatus>('periods:close', {
      period,
      ...(unreported.length ? { confirmUnreported: unreported.map((p) => p.id) } : {}),
    });
    if (json) io.out(JSON.stringify({ ...s, unreported }));
    else {
      io.out(`${formatPeriodCn(period)}已关账（${s.closedBy}，${formatInstantCn(s.closedAt)}）`);
      if (unreported.length)
        io.out([`经确认，关账时以下${unreported.length}个项目未报送：`, ...unreported.map(line)].join('\n'));
    }
    return 0;
  },
};
