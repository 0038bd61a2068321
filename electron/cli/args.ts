/** Minimal argv parsing: positionals plus --flag and --key value (also --key=value). */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') continue;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else {
        const next = argv[i + 1];
        if (next !== undefined && !next.startsWith('--') && !BOOLEAN_FLAGS.has(a.slice(2))) {
          flags.set(a.slice(2), next);
          i++;
        } else flags.set(a.slice(2), true);
      }
    } else positionals.push(a);
  }
  return { positionals, flags };
}

const BOOLEAN_FLAGS = new Set(['json', 'dry-run', 'paper', 'help', 'quick', 'force', 'yes', 'record', 'no-open', 'signed-out']);

export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}
