/**
 * 报送收集 on the command line (cli-contract.md "Collection kit and data package"): make the month's 报送表 into a
 * folder, merge the files that came back, print the roster. Each goes through the collect:* channels.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isValidIsoDate } from '../../../shared/domain/dates.ts';
import { formatDateCn, formatPeriodCn } from '../../../shared/domain/display.ts';
import {
  mergedMonthsText,
  refusalPlace,
  refusedPlaces,
  returnedFileText,
  untouchedReturnsText,
  wrongReturnText,
} from '../../../shared/domain/collect-report.ts';
import type {
  CollectMade,
  CollectMergeReport,
  CollectPaperForms,
  Roster,
  RosterEntry,
} from '../../../shared/schemas/collect.ts';
import { flagString } from '../args.ts';
import { CliFailure, EXIT, UsageError, type CliCommand, type CliIo } from '../command.ts';
import { requirePeriod } from './lights.ts';
import { writeOutput } from '../output-file.ts';
import { faultReasonCn } from '../../core/db/ledger-file.ts';
import { refuseOnEmptyCountyLedger } from './county-guard.ts';

const USAGE = [
  'collect make --period YYYY-MM --out DIR [--by unit|leader] [--deadline YYYY-MM-DD] [--contact 联系人] [--paper] --db FILE [--json]',
  'collect merge FILE|DIR… [--period YYYY-MM] [--dry-run] --db FILE [--json]',
  'collect roster --period YYYY-MM --db FILE [--json]',
].join('\n  ');

/** The .xlsx files named on the command line, a folder standing for the workbooks in it (Excel's ~$ lock files left out). */
function returnedFiles(paths: string[]): { path: string; fileName: string; base64: string }[] {
  if (paths.length === 0) throw new UsageError('请指定交回的报送表文件或所在文件夹');
  const files: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new CliFailure('UNREADABLE', `无法读取：${p}（文件或文件夹不存在）`);
    }
    if (isDir)
      files.push(
        ...readdirSync(p)
          // .xls/.et/.ods too: a kit saved in another format is named and refused with the way to fix it, not skipped
          .filter((f) => /\.(xlsx|xlsm|xls|et|ods)$/i.test(f) && !f.startsWith('~$'))
          .sort()
          .map((f) => join(p, f)),
      );
    else files.push(p);
  }
  if (files.length === 0) throw new CliFailure('UNREADABLE', `文件夹中没有报送表（.xlsx）文件：${paths.join('、')}`);
  return files.map((path) => {
    try {
      return { path, fileName: basename(path), base64: readFileSync(path).toString('base64') };
    } catch {
      throw new CliFailure('UNREADABLE', `无法读取文件：${path}`);
    }
  });
}

function printRoster(io: CliIo, roster: RosterEntry[]): void {
  for (const r of roster)
    io.out(
      `  ${r.unit}：${r.status}${r.file ? `（${r.file}，${formatDateCn(r.returnedAt)}交回${r.late ? `，晚于截止日${formatDateCn(r.deadline)}` : ''}）` : r.overdue ? `（已过截止日${formatDateCn(r.deadline)}）` : `（截止${formatDateCn(r.deadline)}）`}${r.status === '有误' ? `：${wrongReturnText(r.reasons)}` : ''}`,
    );
}

export const collectCommand: CliCommand = {
  name: 'collect',
  maxWords: Infinity,
  summary: '报送收集：按责任单位或包联领导生成月报报送表（make），合并交回的报送表（merge），查看报送情况（roster）',
  usage: USAGE,
  async run({ args, io, json, call }) {
    const sub = args.positionals[1];
    if (sub === 'make') {
      const period = requirePeriod(flagString(args, 'period'));
      const out = flagString(args, 'out');
      if (!out) throw new UsageError('请用 --out DIR 指定存放报送表的文件夹');
      // before the kits are recorded: a kit sent is a kit recorded, and none may be recorded that was not written
      if (existsSync(out) && !statSync(out).isDirectory())
        throw new UsageError(`--out 应为文件夹，“${out}”是一个文件；报送表未生成`);
      const by = flagString(args, 'by') ?? 'unit';
      if (by !== 'unit' && by !== 'leader') throw new UsageError('--by 应为 unit（按责任单位）或 leader（按包联领导）');
      const deadline = flagString(args, 'deadline');
      if (deadline !== undefined && !isValidIsoDate(deadline))
        throw new UsageError('--deadline 应为日期，如 2017-11-05');
      const paper = args.flags.get('paper') === true;
      // A county's 汇总库 has no units' projects to collect for: it asked for a 乡镇名称 instead of saying so.
      await refuseOnEmptyCountyLedger(call, '报送表');
      const choice = {
        period,
        by: by === 'unit' ? '责任单位' : '包联领导',
        deadline,
        contact: flagString(args, 'contact'),
      } as const;
      // the outermost folder this command makes (kits/2017-10 in a new kits/: kits/)
      let made0: string | null = null;
      for (let d = resolve(out); !existsSync(d); d = dirname(d)) made0 = d;
      try {
        mkdirSync(out, { recursive: true });
      } catch (e) {
        throw new UsageError(`无法建立文件夹“${out}”（${faultReasonCn(e)}）；报送表未生成`);
      }
      // a refused make leaves no folder of its own behind
      const made = await call<CollectMade>('collect:make', choice).catch((e: unknown) => {
        if (made0) rmSync(made0, { recursive: true, force: true });
        throw e;
      });
      // The paper forms go with these kits: the same deadline, the same projects and figures.
      const printed = paper
        ? await call<CollectPaperForms>('collect:paperForms', { ...choice, deadline: made.deadline })
        : null;
      const write = (fileName: string, base64: string) => {
        const file = join(out, fileName);
        writeOutput(file, Buffer.from(base64, 'base64'));
        return file;
      };
      const files = made.kits.map((k) => ({
        unit: k.unit,
        projects: k.projects,
        file: write(k.fileName, k.base64),
        kitKey: k.kitKey,
      }));
      const forms = (printed?.forms ?? []).map((f) => ({
        unit: f.unit,
        projects: f.projects,
        file: write(f.fileName, f.base64),
      }));
      if (json)
        io.out(
          JSON.stringify({
            period: made.period,
            by,
            deadline: made.deadline,
            kits: files,
            ...(paper ? { paperForms: forms } : {}),
          }),
        );
      else {
        io.out(
          `已生成${formatPeriodCn(period)}月报报送表 ${files.length} 份（截止${formatDateCn(made.deadline)}）→ ${out}`,
        );
        for (const f of files) io.out(`  ${f.unit}：${f.projects}个项目 ${basename(f.file)}`);
        if (paper) {
          io.out(`纸质填报表（PDF）${forms.length} 份：`);
          for (const f of forms) io.out(`  ${f.unit}：${basename(f.file)}`);
        }
      }
      return EXIT.OK;
    }
    if (sub === 'merge') {
      const periodText = flagString(args, 'period');
      const period = periodText === undefined ? undefined : requirePeriod(periodText);
      const files = returnedFiles(args.positionals.slice(2));
      const dryRun = args.flags.get('dry-run') === true;
      const r = await call<CollectMergeReport>('collect:merge', {
        returns: files.map(({ fileName, base64 }) => ({ fileName, base64 })),
        period,
        dryRun,
      });
      // Refused outright: no file belonged to a month the merge collected, so nothing was (or would be) recorded.
      const anyTaken = r.files.some((f) => f.unit !== null && r.months.some((m) => m.period === f.period));
      const refusal =
        !anyTaken && r.refused.length > 0
          ? `没有一份交回的报送表可以合并：${r.refused[0]!.file}：${r.refused[0]!.reason}${r.refused.length > 1 ? `（另有 ${r.refused.length - 1} 处，见报告）` : ''}`
          : null;
      // A refusal like any other: with --json the envelope in front of the report.
      if (json)
        io.out(JSON.stringify(refusal ? { ok: false, error: { code: 'VALIDATION', message: refusal }, ...r } : r));
      else {
        io.out(
          `${dryRun ? '预览（未写入）' : '已合并'}：${mergedMonthsText(r)}，未采用 ${refusedPlaces(r.refused)} 处`,
        );
        for (const x of r.refused)
          io.out(
            `  ${x.file}${x.sheet ? ` ${x.sheet}` : ''}${refusalPlace(x) ? ` ${refusalPlace(x)}` : ''}：${x.reason}`,
          );
        const untouched = untouchedReturnsText(r.files);
        if (untouched) io.out(`  ${untouched}`);
        for (const a of r.acceptedRows) if (a.warning) io.out(`  请核实：${a.name}（${a.file}）${a.warning}`);
        for (const d of r.differences)
          io.out(`  与台账不同：${d.name} ${d.field} ${d.before ?? '空'} → ${d.after ?? '空'}（${d.file}）`);
        // each file with the month it went to: a late return of last month is merged into last month
        io.out('交回的文件：');
        for (const f of r.files) io.out(`  ${returnedFileText(f)}`);
        if (r.backupFile) io.out(`合并前备份：${r.backupFile}`);
        for (const period of [...new Set(r.roster.map((e) => e.period))]) {
          io.out(`${formatPeriodCn(period)}报送情况：`);
          printRoster(
            io,
            r.roster.filter((e) => e.period === period),
          );
        }
      }
      if (!refusal) return EXIT.OK;
      io.err(`错误：${refusal}`);
      return EXIT.INVALID;
    }
    if (sub === 'roster') {
      const period = requirePeriod(flagString(args, 'period'));
      const r = await call<Roster>('collect:roster', { period });
      if (json) io.out(JSON.stringify(r));
      else {
        io.out(`${r.town}${formatPeriodCn(period)}月报报送情况${r.roster.length ? '' : '：本月尚未发出报送表'}`);
        printRoster(io, r.roster);
      }
      return EXIT.OK;
    }
    throw new UsageError('请指定 collect make、collect merge 或 collect roster');
  },
};
