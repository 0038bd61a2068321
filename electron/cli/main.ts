/**
 * The command-line adapter over the same core and the same handleCall as the app:
 *   npm run cli -- <command> --db FILE [--json]
 */
import { OPERATOR_ROLES } from '../../shared/domain/vocab.ts';
import { isChannel } from '../../shared/ipc/channels.ts';
import { AppError } from '../core/errors.ts';
import { handleCall, toErrorBody } from '../core/handle-call.ts';
import { createCore, resolveDbPath } from '../core/index.ts';
import { clockBehind } from '../core/services/app.service.ts';
import { clockWarningText } from '../../shared/domain/display.ts';
import { createWarmChromiumPrinter } from '../printing/warm-chromium-printer.ts';
import { ArgsError, CLI_FLAGS, flagString, parseArgs, type ParsedArgs } from './args.ts';
import {
  CliFailure,
  EXIT,
  UNREADABLE_LEDGER,
  UsageError,
  type CallFn,
  type CliCommand,
  type CliIo,
} from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { cliLog, ledgerTraces } from './ledger-traces.ts';

const EXIT_TEXT = {
  0: '成功',
  1: '数据校验或业务错误（未写入任何数据）',
  2: '无法读取输入或用法错误',
} as const;

function helpText(): string {
  const lines = ['乡镇建设项目台账 命令行', '', '用法：npm run cli -- <命令> --db 数据库文件 [--json]', '', '命令：'];
  for (const c of COMMANDS) lines.push(`  ${c.usage.padEnd(60)} ${c.summary}`);
  lines.push('', `退出码：0 ${EXIT_TEXT[0]}；1 ${EXIT_TEXT[1]}；2 ${EXIT_TEXT[2]}。`);
  lines.push('数据库位置：--db 指定；否则取环境变量 TOWN_LEDGER_DB。');
  lines.push(
    '操作员：除 call 外，命令以本机管理员“命令行”的身份执行并记入修改记录（可用 --operator 姓名、--role 角色 另行指定）；',
  );
  lines.push(
    'call 须以 --user 姓名（密码取自环境变量 TOWN_LEDGER_PASSWORD）或 --signed-out 调用，与窗口中的权限完全相同。',
  );
  return lines.join('\n');
}

export async function runCli(
  argv: string[],
  io: CliIo = { out: (t) => console.log(t), err: (t) => console.error(t) },
): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, CLI_FLAGS);
  } catch (e) {
    if (!(e instanceof ArgsError)) throw e;
    // Wrong usage: the message names the flag, then how the command (if one was named) is used.
    const named = COMMANDS.find((c) => c.name === argv.find((a) => !a.startsWith('-')));
    return usage(
      io,
      argv.includes('--json'),
      e.message,
      named ? `用法：npm run cli -- ${named.usage}` : `\n${helpText()}`,
    );
  }
  const name = args.positionals[0];
  const asked = args.flags.has('help') || name === 'help';
  // No command is wrong usage; with --json its one document on stdout is the refusal, the help goes to stderr.
  if (!name && !asked && args.flags.get('json') === true)
    return usage(io, true, '请指定命令，例如 stats（npm run cli -- --help 列出全部命令）', `\n${helpText()}`);
  if (asked && args.flags.get('json') === true) {
    // --json keeps stdout to one JSON document even for --help: the commands a script can call, the text on stderr
    io.out(
      JSON.stringify({
        commands: COMMANDS.map(({ name, usage, summary }) => ({ name, usage, summary })),
        exitCodes: EXIT_TEXT,
      }),
    );
    io.err(helpText());
    return EXIT.OK;
  }
  if (!name || asked) {
    io.out(helpText());
    return asked ? EXIT.OK : EXIT.USAGE;
  }
  const command: CliCommand | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) return usage(io, args.flags.get('json') === true, `未知命令“${name}”。`, `\n${helpText()}`);
  const extra = args.positionals.slice(1 + (command.maxWords ?? 0));
  if (extra.length)
    return usage(
      io,
      args.flags.get('json') === true,
      `多余的参数：${extra.join(' ')}`,
      `用法：npm run cli -- ${command.usage}`,
    );
  if (command.runWithoutDb && (command.needsNoDb?.(args) ?? true)) return runWithoutDb(command, args, io);
  const dbFlag = flagString(args, 'db');
  const dbPath = dbFlag ?? (process.env.TOWN_LEDGER_DB ? resolveDbPath('', process.env) : undefined);
  const json = args.flags.get('json') === true;
  if (!dbPath) return usage(io, json, '请用 --db 指定数据库文件（或设置环境变量 TOWN_LEDGER_DB）', '');
  const traces = ledgerTraces(dbPath);
  // Only the commands that start a ledger may find no file; any other given a path where none is (a mistyped --db)
  // reported the zeros of a new empty ledger it had just created there.
  if (!traces.existed && !command.startsLedger && !command.answersNoLedger) {
    report(io, json, 'UNREADABLE', `数据库文件不存在：${dbPath}（新建台账请先运行 init --db ${dbPath}）`);
    return EXIT.USAGE;
  }
  const log = cliLog(dbPath, io, json);
  if (command.runWithoutCore) {
    try {
      return await command.runWithoutCore({ dbPath, args, io, json });
    } catch (e) {
      if (e instanceof UsageError) return usage(io, json, e.message, `用法：npm run cli -- ${command.usage}`);
      const body = toErrorBody(e, log);
      report(io, json, body.code, body.message);
      return body.code === 'UNREADABLE' ? EXIT.USAGE : EXIT.INVALID;
    }
  }
  // The CLI is the machine's local administrator (whoever can run it can open the file anyway); `call` is the
  // exception: it signs in like the window (commands/call.ts).
  const role = (command.roleFlagIsInput ? undefined : flagString(args, 'role')) ?? '管理员';
  if (!(OPERATOR_ROLES as readonly string[]).includes(role))
    return usage(io, json, `--role 应为：${OPERATOR_ROLES.join('、')}`, `用法：npm run cli -- ${command.usage}`);
  // One browser for the command's PDFs (collect:paperForms prints one per unit: one browser start, not one each),
  // ended with the command.
  const printer = createWarmChromiumPrinter();
  let core;
  try {
    core = await createCore({
      dbPath,
      operator: flagString(args, 'operator') ?? '命令行',
      role: role as (typeof OPERATOR_ROLES)[number],
      log,
      pdfPrinter: printer,
    });
  } catch (e) {
    await printer.close();
    traces.undo(false);
    const body = toErrorBody(e, log);
    report(io, json, body.code, body.message);
    return e instanceof AppError && UNREADABLE_LEDGER.has(e.code) ? EXIT.USAGE : EXIT.INVALID;
  }
  // Every record the command writes is dated by this PC's clock: one set years back is said on stderr (never in the
  // --json document), as the window says it in red.
  const behind = clockBehind(core.ctx);
  if (behind) io.err(`警告：${clockWarningText(behind)}`);
  const call: CallFn = async (channel, input) => {
    if (!isChannel(channel)) throw new UsageError(`未知通道 ${channel}`);
    const r = await handleCall(core, channel, input);
    if (!r.ok) throw new CliFailure(r.error.code, r.error.message);
    return r.data as never;
  };
  let code: number = EXIT.INVALID;
  try {
    code = await command.run({ core, args, io, json, call });
  } catch (e) {
    code = exitOf(e, command, io, json, log);
  } finally {
    core.close();
    await printer.close();
    // A dry run writes nothing either: not even the new ledger it read the file against.
    if (code !== EXIT.OK || args.flags.has('dry-run')) traces.undo(true);
  }
  return code;
}

/** A command's refusal reported (the one JSON document with --json), and its exit code. */
function exitOf(e: unknown, command: CliCommand, io: CliIo, json: boolean, log: (m: string) => void): number {
  if (e instanceof UsageError) return usage(io, json, e.message, `用法：npm run cli -- ${command.usage}`);
  if (e instanceof CliFailure) {
    report(io, json, e.code, e.message);
    return e.code === 'UNREADABLE' ? EXIT.USAGE : EXIT.INVALID;
  }
  const body = toErrorBody(e, log);
  report(io, json, body.code, body.message);
  return body.code === 'UNREADABLE' ? EXIT.USAGE : EXIT.INVALID;
}

async function runWithoutDb(command: CliCommand, args: ParsedArgs, io: CliIo): Promise<number> {
  try {
    return await command.runWithoutDb!({ args, io, json: args.flags.get('json') === true });
  } catch (e) {
    const json = args.flags.get('json') === true;
    if (e instanceof UsageError) return usage(io, json, e.message, `用法：npm run cli -- ${command.usage}`);
    io.err(`错误：${toErrorBody(e, io.err).message}`);
    return EXIT.INVALID;
  }
}

/**
 * A refusal: with --json the one JSON document on stdout is the error envelope; the Chinese message goes to
 * stderr either way, for whoever reads the terminal.
 */
function report(io: CliIo, json: boolean, code: string, message: string) {
  if (json) io.out(JSON.stringify({ ok: false, error: { code, message } }));
  io.err(`错误：${message}`);
}

/** Wrong usage (exit 2): with --json the one JSON document is its envelope too; how to use it goes to stderr. */
function usage(io: CliIo, json: boolean, message: string, how: string): number {
  if (json) io.out(JSON.stringify({ ok: false, error: { code: 'USAGE', message } }));
  io.err(`${message}\n${how}`);
  return EXIT.USAGE;
}
