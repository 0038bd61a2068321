/**
 * Command-line arguments through Node's own `node:util.parseArgs` (kept with Node, nothing to install): every
 * program declares its flags, a flag it does not know or a value left out is wrong usage with a Chinese message
 * (ArgsError; the CLI answers it with exit 2). What the commands read is kept as before: the positionals, and per
 * flag its text or `true` for a switch.
 */
import { parseArgs as parseNodeArgs } from 'node:util';

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/** The flags a program takes: those followed by a value and the switches. */
export interface FlagSpec {
  values: readonly string[];
  switches: readonly string[];
}

/** Wrong usage found in the arguments themselves; the message is Chinese and names the flag. */
export class ArgsError extends Error {}

/**
 * Every flag of every CLI command (electron/cli/commands/*, /work/shared/docs/cli-contract.md). One table for all
 * commands: a flag one command ignores is harmless, a mistyped one (--peroid) is refused instead of silently ignored.
 */
export const CLI_FLAGS: FlagSpec = {
  values: [
    'db',
    'period',
    'out',
    'role',
    'operator',
    'year',
    'town',
    'admin',
    'county',
    'towns',
    'name',
    'user',
    'mapping',
    'sheet',
    'duplicates',
    'hidden-rows',
    'campaign',
    'as-of',
    'by',
    'deadline',
    'contact',
    'project',
    'supervision',
    'briefing',
  ],
  switches: ['json', 'dry-run', 'paper', 'help', 'force', 'yes', 'record', 'signed-out'],
};

export function parseArgs(argv: string[], spec: FlagSpec): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const name of spec.values) options[name] = { type: 'string' };
  for (const name of spec.switches) options[name] = { type: 'boolean', ...(name === 'help' ? { short: 'h' } : {}) };
  let parsed;
  try {
    // A bare `--` is dropped, as the hand-written parser did: `npm run cli -- -- stats …` typed with one `--` too many
    // still works, and flags after it are still flags.
    parsed = parseNodeArgs({ args: argv.filter((a) => a !== '--'), options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new ArgsError(chineseMessage(e));
  }
  const flags = new Map<string, string | true>();
  for (const [name, value] of Object.entries(parsed.values)) {
    // A switch given as --json is true; strict parsing refuses --json=… so false never arrives here.
    if (value === true || typeof value === 'string') flags.set(name, value);
  }
  return { positionals: parsed.positionals, flags };
}

/** Node's parse errors (English) in the words of the rest of the CLI; the flag is taken from Node's message. */
function chineseMessage(e: unknown): string {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  const flag = /'(-{1,2}[^' <]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `不认识的参数：${flag}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(message)) return `${flag} 是开关，后面不能带取值`;
    return `${flag} 后面缺少取值（取值以“-”开头时写成 ${flag}=取值）`;
  }
  return `参数有误：${message.split('\n')[0]}`;
}

export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}
