/**
 * Users and calls (cli-contract "Users and calls (trust)"): `user add`, `channels`, `call`, and the first-run
 * options of `init`. Passwords come from the environment (TOWN_LEDGER_PASSWORD), never from the command line,
 * where other users of the machine could read them in the process list.
 */
import { OPERATOR_ROLES } from '../../../shared/domain/vocab.ts';
import { CHANNELS, isChannel } from '../../../shared/ipc/channels.ts';
import { writes } from '../../../shared/ipc/permissions.ts';
import type { AppErrorBody, Result } from '../../../shared/ipc/result.ts';
import type { Operator } from '../../../shared/schemas/operator.ts';
import { handleCall, toErrorBody } from '../../core/handle-call.ts';
import { createCore, type Core } from '../../core/index.ts';
import { flagString, type ParsedArgs } from '../args.ts';
import { EXIT, UNREADABLE_LEDGER, UsageError, type CallFn, type CliCommand, type CliIo } from '../command.ts';
import { cliLog, ledgerTraces } from '../ledger-traces.ts';
import { createWarmChromiumPrinter } from '../../printing/warm-chromium-printer.ts';

export const PASSWORD_ENV = 'TOWN_LEDGER_PASSWORD';

function passwordFromEnv(whose: string): string {
  const password = process.env[PASSWORD_ENV];
  if (!password) throw new UsageError(`请在环境变量 ${PASSWORD_ENV} 中给出${whose}的密码`);
  return password;
}

/** `init --town NAME --year YYYY --admin NAME`: the first run's settings and 管理员, as the first-run screen sets them. */
export async function initFirstRun(
  args: ParsedArgs,
  call: CallFn,
): Promise<{
  townName: string | null;
  fiscalYear: number | null;
  admin: string | null;
  townRenamed?: { from: string; to: string };
} | null> {
  const townName = flagString(args, 'town');
  const yearText = flagString(args, 'year');
  const adminName = flagString(args, 'admin');
  for (const f of ['town', 'year', 'admin'])
    if (args.flags.get(f) === true) throw new UsageError(`--${f} 后面缺少取值`);
  if (townName === undefined && yearText === undefined && adminName === undefined) return null;
  if (yearText !== undefined && !/^\d{4}$/.test(yearText))
    throw new UsageError(`--year 应为四位年份，例如 2017（收到“${yearText}”）`);
  const adminPassword = adminName === undefined ? undefined : passwordFromEnv(`管理员“${adminName}”`);
  const fiscalYear = yearText === undefined ? undefined : Number(yearText);
  // --town on a ledger set up for another town renames it: said (seed-demo's townRenamed), not done in silence
  const before = (await call<{ townName: string | null }>('app:info', {})).townName;
  await call('app:onboard', { mode: 'empty', townName, fiscalYear, adminName, adminPassword });
  const settings = await call<{ townName: string | null; fiscalYear: number | null }>('settings:get', {});
  const renamed = before && settings.townName && before !== settings.townName;
  return {
    townName: settings.townName,
    fiscalYear: settings.fiscalYear,
    admin: adminName ?? null,
    ...(renamed ? { townRenamed: { from: before, to: settings.townName! } } : {}),
  };
}

export const userAddCommand: CliCommand = {
  name: 'user',
  maxWords: 2,
  summary: '操作员：user add 姓名 --role 录入员|审核人|领导|管理员（密码取自环境变量 TOWN_LEDGER_PASSWORD）',
  usage: 'user add NAME --role 录入员|审核人|领导|管理员 --db FILE [--json]',
  roleFlagIsInput: true,
  async run({ args, io, json, call }) {
    const [, sub, name] = args.positionals;
    if (sub !== 'add')
      throw new UsageError(sub ? `未知的子命令“${sub}”，目前只有 user add` : '请给出子命令：user add 姓名 --role 角色');
    if (!name) throw new UsageError('请给出操作员姓名');
    const role = flagString(args, 'role');
    if (!role || !(OPERATOR_ROLES as readonly string[]).includes(role))
      throw new UsageError(`--role 应为：${OPERATOR_ROLES.join('、')}`);
    const password = passwordFromEnv(`操作员“${name}”`);
    const op = await call<Operator>('operators:save', { id: null, name, role, password });
    io.out(json ? JSON.stringify(op) : `已添加操作员：${op.name}（${op.role}），编号 ${op.id}`);
    return EXIT.OK;
  },
};

export const channelsCommand: CliCommand = {
  name: 'channels',
  summary: '列出全部调用通道及其是否写入台账',
  usage: 'channels [--json]',
  run: async () => EXIT.USAGE, // never called: runWithoutDb takes over
  async runWithoutDb({ io, json }) {
    const list = CHANNELS.map((name) => ({ name, writes: writes(name) }));
    if (json) io.out(JSON.stringify(list));
    else for (const c of list) io.out(`${c.name.padEnd(28)} ${c.writes ? '写入' : '只读'}`);
    return EXIT.OK;
  },
};

/** The field issues go along when there are any: a script learns which field was refused (patch.totalFen). */
const envelope = (r: Result<unknown>) =>
  r.ok
    ? { ok: true, value: r.data }
    : {
        ok: false,
        error: {
          code: r.error.code,
          message: r.error.message,
          ...(r.error.issues?.length ? { issues: r.error.issues } : {}),
        },
      };
const refusedExit = (e: AppErrorBody) => (e.code === 'UNREADABLE' ? EXIT.USAGE : EXIT.INVALID);

export const callCommand: CliCommand = {
  name: 'call',
  maxWords: 2,
  summary: '以某操作员（--user，密码取自 TOWN_LEDGER_PASSWORD）或未登录（--signed-out）身份调用一个通道，输出其结果',
  usage: 'call CHANNEL [JSON-INPUT] --db FILE (--user NAME | --signed-out) --json',
  run: async () => EXIT.USAGE, // never called: runWithoutCore takes over (the session must start signed out)
  async runWithoutCore({ dbPath, args, io }) {
    const [, channel, inputText] = args.positionals;
    if (!channel) throw new UsageError('请给出通道名，例如 projects:list（npm run cli -- channels 列出全部）');
    if (!isChannel(channel)) throw new UsageError(`未知的调用通道“${channel}”（npm run cli -- channels 列出全部）`);
    const user = flagString(args, 'user');
    const signedOut = args.flags.get('signed-out') === true;
    if (args.flags.get('user') === true) throw new UsageError('--user 后面缺少操作员姓名');
    if ((user === undefined) === !signedOut)
      throw new UsageError('请用 --user 姓名 或 --signed-out 二者之一说明以谁的身份调用');
    // Text that is not JSON goes in as a string: handleCall then answers as for any bad input (VALIDATION),
    // or FORBIDDEN first when the caller may not call the channel at all — whatever the input.
    let input: unknown = {};
    if (inputText !== undefined) {
      try {
        input = JSON.parse(inputText);
      } catch {
        input = inputText;
      }
    }
    const password = user === undefined ? undefined : passwordFromEnv(`操作员“${user}”`);
    let core: Core;
    // the same printer as every other command: a channel that prints (collect:notice, reports:pdf) prints here too
    const printer = createWarmChromiumPrinter();
    // What opening a file that is not a ledger made beside it is removed again (the CLI's other commands do the same).
    const traces = ledgerTraces(dbPath);
    try {
      core = await createCore({ dbPath, log: cliLog(dbPath, io, true), pdfPrinter: printer });
    } catch (e) {
      await printer.close();
      traces.undo(false);
      const error = toErrorBody(e, io.err);
      io.out(JSON.stringify({ ok: false, error: { code: error.code, message: error.message } }));
      io.err(`错误：${error.message}`);
      return UNREADABLE_LEDGER.has(error.code) ? EXIT.USAGE : EXIT.INVALID;
    }
    try {
      if (user !== undefined) {
        const signIn = await signInByName(core, user, password!);
        if (signIn) return print(io, signIn);
      }
      return print(io, await handleCall(core, channel, input));
    } finally {
      core.close();
      await printer.close();
    }
  },
};

function print(io: CliIo, r: Result<unknown>): number {
  io.out(JSON.stringify(envelope(r)));
  if (r.ok) return EXIT.OK;
  // exit 1 and 2 say why on stderr too, as every other command does; stdout keeps the envelope alone
  io.err(`错误：${r.error.message}`);
  return refusedExit(r.error);
}

/** Signs in through the same channels as the sign-in screen; the refusal's envelope when it fails. */
async function signInByName(core: Core, name: string, password: string): Promise<Result<unknown> | null> {
  const list = await handleCall(core, 'operators:list', {});
  if (!list.ok) return list;
  const op = (list.data as Operator[]).find((o) => o.name === name);
  if (!op) return { ok: false, error: { code: 'NOT_FOUND', message: `没有名为“${name}”的操作员` } };
  const r = await handleCall(core, 'session:login', { operatorId: op.id, password });
  return r.ok ? null : r;
}
