/**
 * The command-line adapter over the same core and the same handleCall as the app:
 *   npm run cli -- <command> --db FILE [--json]
 */
import { OPERATOR_ROLES } from '../../shared/domain/vocab.ts';
import { isChannel } from '../../shared/ipc/channels.ts';
import { AppError } from '../core/errors.ts';
import { handleCall, toErrorBody } from '../core/handle-call.ts';
import { createCore, resolveDbPath } from '../core/index.ts';
import { flagString, parseArgs } from './args.ts';
import { CliFailure, EXIT, UsageError, type CallFn, type CliCommand, type CliIo } from './command.ts';
import { COMMANDS } from './commands/index.ts';

function helpText(): string {
  const lines = ['乡镇建设项目台账 命令行', '', '用法：npm run cli -- <命令> --db 数据库文件 [--json]', '', '命令：'];
  for (const c of COMMANDS) lines.push(`  ${c.usage.padEnd(60)} ${c.summary}`);
  lines.push('', '退出码：0 成功；1 数据校验或业务错误（未写入任何数据）；2 无法读取输入或用法错误。');
  lines.push('数据库位置：--db 指定；否则取环境变量 TOWN_LEDGER_DB。');
  lines.push('操作员：除 call 外，命令以本机管理员“命令行”的身份执行并记入修改记录（可用 --operator 姓名、--role 角色 另行指定）；');
  lines.push('call 须以 --user 姓名（密码取自环境变量 TOWN_LEDGER_PASSWORD）或 --signed-out 调用，与窗口中的权限完全相同。');
  return lines.join('\n');
}

export async function runCli(argv: string[], io: CliIo = { out: (t) => console.log(t), err: (t) => console.error(t) }): Promise<number> {
  const args = parseArgs(argv);
  const name = args.positionals[0];
  if (!name || args.flags.has('help') || name === 'help') {
    io.out(helpText());
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const command: CliCommand | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`未知命令“${name}”。\n\n${helpText()}`);
    return EXIT.USAGE;
  }
  if (command.runWithoutDb) return runWithoutDb(command, args, io);
  const dbFlag = flagString(args, 'db');
  const dbPath = dbFlag ?? (process.env.TOWN_LEDGER_DB ? resolveDbPath('', process.env) : undefined);
  if (!dbPath) {
    io.err('请用 --db 指定数据库文件（或设置环境变量 TOWN_LEDGER_DB）');
    return EXIT.USAGE;
  }
  const json = args.flags.get('json') === true;
  if (command.runWithoutCore) {
    try {
      return await command.runWithoutCore({ dbPath, args, io, json });
    } catch (e) {
      if (e instanceof UsageError) {
        io.err(`${e.message}\n用法：npm run cli -- ${command.usage}`);
        return EXIT.USAGE;
      }
      const body = toErrorBody(e, io.err);
      report(io, json, body.code, body.message);
      return body.code === 'UNREADABLE' ? EXIT.USAGE : EXIT.INVALID;
    }
  }
  // The CLI is the machine's local administrator (whoever can run it can open the file anyway); `call` is the
  // exception: it signs in like the window (commands/call.ts).
  const role = (command.roleFlagIsInput ? undefined : flagString(args, 'role')) ?? '管理员';
  if (!(OPERATOR_ROLES as readonly string[]).includes(role)) {
    io.err(`--role 应为：${OPERATOR_ROLES.join('、')}`);
    return EXIT.USAGE;
  }
  let core;
  try {
    core = await createCore({ dbPath, operator: flagString(args, 'operator') ?? '命令行', role: role as (typeof OPERATOR_ROLES)[number], log: (m) => io.err(m) });
  } catch (e) {
    const body = toErrorBody(e, io.err);
    report(io, json, body.code, body.message);
    return e instanceof AppError && (e.code === 'DB_DAMAGED' || e.code === 'UNREADABLE') ? EXIT.USAGE : EXIT.INVALID;
  }
  const call: CallFn = async (channel, input) => {
    if (!isChannel(channel)) throw new UsageError(`未知通道 ${channel}`);
    const r = await handleCall(core, channel, input);
    if (!r.ok) throw new CliFailure(r.error.code, r.error.message);
    return r.data as never;
  };
  try {
    return await command.run({ core, args, io, json, call });
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n用法：npm run cli -- ${command.usage}`);
      return EXIT.USAGE;
    }
    if (e instanceof CliFailure) {
      report(io, json, e.code, e.message);
      return e.code === 'UNREADABLE' ? EXIT.USAGE : EXIT.INVALID;
    }
    const body = toErrorBody(e, io.err);
    report(io, json, body.code, body.message);
    return body.code === 'UNREADABLE' ? EXIT.USAGE : EXIT.INVALID;
  } finally {
    core.close();
  }
}

async function runWithoutDb(command: CliCommand, args: ReturnType<typeof parseArgs>, io: CliIo): Promise<number> {
  try {
    return await command.runWithoutDb!({ args, io, json: args.flags.get('json') === true });
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n用法：npm run cli -- ${command.usage}`);
      return EXIT.USAGE;
    }
    io.err(`错误：${toErrorBody(e, io.err).message}`);
    return EXIT.INVALID;
  }
}

function report(io: CliIo, json: boolean, code: string, message: string) {
  io.err(json ? JSON.stringify({ ok: false, error: { code, message } }) : `错误：${message}`);
}
