/**
 * The town→county data package and 县级汇总 (cli-contract "Collection kit and data package"):
 *   package export --period YYYY-MM --out FILE.zip --db FILE     (a town's ledger)
 *   package verify FILE.zip                                      (no database: the zip against its manifest)
 *   package import FILE.zip --db COUNTY.db --json                (a county's ledger)
 *   county --db COUNTY.db [--name 县名] [--towns 甲镇,乙镇]       (the county's name and the towns it expects)
 */
import { basename } from 'node:path';
import { createHash } from 'node:crypto';
import { formatPeriodCn } from '../../../shared/domain/display.ts';
import { formatWan } from '../../../shared/domain/money.ts';
import type { CountySettings, PackageImport } from '../../../shared/schemas/county.ts';
import type { FileOut } from '../../../shared/schemas/excel.ts';
import { AppError } from '../../core/errors.ts';
import { verifyPackageBytes } from '../../core/services/package.service.ts';
import { flagString, type ParsedArgs } from '../args.ts';
import { CliFailure, EXIT, UsageError, type CallFn, type CliCommand, type CliIo } from '../command.ts';
import { requirePeriod } from './lights.ts';
import { readInputFile, requireOutEnding, writeOutput } from '../output-file.ts';

function readPackage(path: string | undefined): Buffer {
  if (!path) throw new UsageError('请指定数据包文件 FILE.zip');
  return readInputFile(path);
}

/** `package verify`: reads nothing but the zip, so it needs no database. */
async function verify(args: ParsedArgs, io: CliIo, json: boolean): Promise<number> {
  const path = args.positionals[2];
  let bytes: Buffer;
  try {
    bytes = readPackage(path);
  } catch (e) {
    if (e instanceof CliFailure) return refuse(io, json, e.code, e.message, EXIT.USAGE);
    throw e;
  }
  let v;
  try {
    v = (await verifyPackageBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), basename(path!)))
      .result;
  } catch (e) {
    if (e instanceof AppError)
      return refuse(io, json, e.code, e.message, e.code === 'UNREADABLE' ? EXIT.USAGE : EXIT.INVALID);
    throw e;
  }
  // A package that fails its check is refused like anything else: with --json the envelope's error beside the report.
  if (json) io.out(JSON.stringify(v.ok ? v : { ...v, error: { code: 'VALIDATION', message: v.message } }));
  if (v.ok) {
    if (!json) {
      io.out(v.message);
      for (const f of v.files) io.out(`  ${f.sha256}  ${f.name}`);
    }
    return EXIT.OK;
  }
  io.err(`错误：${v.message}`);
  for (const p of v.problems.slice(1)) io.err(`  文件“${p.file}”${p.reason}`);
  return EXIT.INVALID;
}

function refuse(io: CliIo, json: boolean, code: string, message: string, exit: number): number {
  if (json) io.out(JSON.stringify({ ok: false, error: { code, message } }));
  io.err(`错误：${message}`);
  return exit;
}

async function exportPackage(args: ParsedArgs, io: CliIo, json: boolean, call: CallFn): Promise<number> {
  const period = requirePeriod(flagString(args, 'period'));
  const out = flagString(args, 'out');
  if (!out) throw new UsageError('请用 --out FILE.zip 指定输出文件');
  requireOutEnding(out, '.zip');
  const file = await call<FileOut>('package:export', { period });
  const bytes = Buffer.from(file.base64, 'base64');
  // writeOutput says why a path cannot be written (a folder that is not there …): kept, not replaced by the bare path
  writeOutput(out, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (json) io.out(JSON.stringify({ file: out, name: file.fileName, period, bytes: bytes.length, sha256 }));
  else
    io.out(`已导出${formatPeriodCn(period)}数据包 ${file.fileName} → ${out}（${bytes.length} 字节，哈希值 ${sha256}）`);
  return EXIT.OK;
}

async function importPackage(args: ParsedArgs, io: CliIo, json: boolean, call: CallFn): Promise<number> {
  const path = args.positionals[2];
  const bytes = readPackage(path);
  const r = await call<PackageImport>('package:import', {
    fileName: basename(path!),
    base64: bytes.toString('base64'),
  });
  if (json) io.out(JSON.stringify(r));
  else io.out(`${r.message}：项目 ${r.projects} 个，总投资 ${formatWan(r.totalInvestmentFen)} 万元`);
  return EXIT.OK;
}

const SUBCOMMANDS = '子命令：package export、package verify、package import';

export const packageCommand: CliCommand = {
  name: 'package',
  maxWords: 2,
  startsLedger: true,
  summary: '报县数据包：export 导出某期数据包（T1–T5、指标JSON、清单）；verify 校验；import 导入县级汇总库',
  usage:
    'package export --period YYYY-MM --out FILE.zip --db FILE | package verify FILE.zip | package import FILE.zip --db COUNTY.db [--json]',
  needsNoDb: (args) => args.positionals[1] === 'verify',
  async runWithoutDb({ args, io, json }) {
    return verify(args, io, json);
  },
  async run({ args, io, json, call }) {
    const sub = args.positionals[1];
    if (sub === 'export') return exportPackage(args, io, json, call);
    if (sub === 'import') return importPackage(args, io, json, call);
    throw new UsageError(sub ? `未知的子命令“${sub}”；${SUBCOMMANDS}` : `请给出${SUBCOMMANDS}`);
  },
};

/** `--towns 甲镇,乙镇` (also 、 or ，): the list as given, empty names dropped. */
const townList = (text: string) =>
  text
    .split(/[,，、]/)
    .map((t) => t.trim())
    .filter(Boolean);

/** Sets the county's name and towns on `init --county` and `county`: the county:saveSettings channel. */
export async function saveCounty(
  args: ParsedArgs,
  call: CallFn,
  nameFlag: 'county' | 'name',
): Promise<CountySettings | null> {
  const name = flagString(args, nameFlag);
  const towns = flagString(args, 'towns');
  for (const f of [nameFlag, 'towns']) if (args.flags.get(f) === true) throw new UsageError(`--${f} 后面缺少取值`);
  if (name === undefined && towns === undefined) return null;
  const now = await call<CountySettings>('county:settings', {});
  const countyName = name ?? now.countyName;
  if (countyName === null) throw new UsageError('本数据库还不是县级汇总库：请先用 init --county 县名 设置');
  return call<CountySettings>('county:saveSettings', {
    countyName,
    towns: towns === undefined ? now.towns : townList(towns),
  });
}

export const countyCommand: CliCommand = {
  name: 'county',
  summary: '县级汇总设置：县名和应报送的乡镇（--towns 甲镇,乙镇），显示当前设置',
  usage: 'county --db COUNTY.db [--name 县名] [--towns 甲镇,乙镇] [--json]',
  async run({ args, io, json, call }) {
    const s = (await saveCounty(args, call, 'name')) ?? (await call<CountySettings>('county:settings', {}));
    if (json) io.out(JSON.stringify(s));
    else if (s.countyName === null) io.out('本数据库是乡镇台账（不是县级汇总库）');
    else io.out(`县级汇总：${s.countyName}；应报送的乡镇：${s.towns.length ? s.towns.join('、') : '（未设置）'}`);
    return EXIT.OK;
  },
};
