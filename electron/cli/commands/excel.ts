import { basename } from 'node:path';
import { formatWan } from '../../../shared/domain/money.ts';
import { importCountsText, type ImportCounts } from '../../../shared/domain/import-counts.ts';
import {
  EXPORT_TEMPLATES,
  type FileOut,
  type ImportPreview,
  type ImportProblem,
  type ImportReport,
  type ImportSummary,
  type TemplateFilled,
} from '../../../shared/schemas/excel.ts';
import { flagString } from '../args.ts';
import { CliFailure, EXIT, UsageError, type CliCommand } from '../command.ts';
import { refuseOnEmptyCountyLedger } from './county-guard.ts';
import { requirePeriod } from './lights.ts';
import { readInputFile, requireOutEnding, writeOutput } from '../output-file.ts';

function readInput(path: string | undefined, what: string): string {
  if (!path) throw new UsageError(`请指定${what}`);
  return readInputFile(path).toString('base64');
}

function requireOut(out: string | undefined): string {
  if (!out) throw new UsageError('请用 --out FILE.xlsx 指定输出文件');
  return requireOutEnding(out, '.xlsx');
}

export const exportCommand: CliCommand = {
  name: 'export',
  maxWords: 1,
  summary: '导出县级报表 T1 月报表 / T2 项目清单 / T3 重大项目表 / T4 资金到位及拨付 / T5 责任清单',
  usage:
    'export <T1|T2|T3|T4|T5> --period YYYY-MM --out FILE.xlsx [--campaign N（T5：责任清单编号）] --db FILE [--json]',
  async run({ args, io, json, call }) {
    const template = args.positionals[1];
    if (!template || !(EXPORT_TEMPLATES as readonly string[]).includes(template))
      throw new UsageError('请指定报表：T1、T2、T3、T4 或 T5');
    const period = requirePeriod(flagString(args, 'period'));
    const out = requireOut(flagString(args, 'out'));
    const campaignText = flagString(args, 'campaign');
    const campaignId = campaignText === undefined ? undefined : Number(campaignText);
    if (campaignId !== undefined && !(Number.isInteger(campaignId) && campaignId > 0))
      throw new UsageError('--campaign 应为责任清单的编号（正整数）');
    await refuseOnEmptyCountyLedger(call, `报表 ${template}`);
    const file = await call<FileOut>('excel:export', { template, period, campaignId });
    const bytes = Buffer.from(file.base64, 'base64');
    writeOutput(out, bytes);
    io.out(
      json
        ? JSON.stringify({ file: out, name: file.fileName, bytes: bytes.length })
        : `已导出 ${file.fileName} → ${out}`,
    );
    return EXIT.OK;
  },
};

export const exportTemplateCommand: CliCommand = {
  name: 'export-template',
  maxWords: 1,
  summary: '按县里的模板（.xlsx）填报：保留模板格式，表头下逐行填入并写合计',
  usage: 'export-template TEMPLATE.xlsx --period YYYY-MM --out FILE.xlsx [--mapping NAME] --db FILE',
  async run({ args, io, json, call }) {
    const path = args.positionals[1];
    const templateBase64 = readInput(path, '模板文件 TEMPLATE.xlsx');
    const out = requireOut(flagString(args, 'out'));
    const period = requirePeriod(flagString(args, 'period'));
    const file = await call<TemplateFilled>('excel:templateFill', {
      fileName: basename(path!),
      templateBase64,
      period,
      mappingName: flagString(args, 'mapping'),
    });
    const bytes = Buffer.from(file.base64, 'base64');
    writeOutput(out, bytes);
    // The columns no field was found or chosen for are left as the template had them: named, as the window names
    // them before the fill, so a county column the office must fill by hand is not found blank after sending.
    const blank = file.blankColumns.map((c) => ({ column: c.letter, header: c.header }));
    const blankText = blank.length
      ? `；未填的列（保持模板原样，可用 --mapping 指定）：${blank.map((c) => `${c.column}列“${c.header}”`).join('、')}`
      : '';
    io.out(
      json
        ? JSON.stringify({ file: out, bytes: bytes.length, blankColumns: blank })
        : `已按模板填报 → ${out}${blankText}`,
    );
    return EXIT.OK;
  },
};

/** The contract's import report (cli-contract.md "Import report"), from the preview that apply also follows. */
function importReport(
  preview: ImportSummary,
  problems: ImportProblem[],
  path: string,
  written: boolean,
  r: ImportCounts,
) {
  const pick = (level: 'error' | 'warning') =>
    problems
      .filter((p) => p.level === level)
      .map((p) => ({ sheet: p.sheet, row: p.row, column: p.column, reason: p.message }));
  return {
    file: path,
    sheet: preview.sheet,
    written,
    projects: preview.counts.projects,
    subProjects: preview.counts.subProjects,
    totalInvestmentFen: preview.counts.totalInvestmentFen,
    year: preview.year,
    month: preview.month,
    periodSource: preview.periodSource,
    unit: preview.unit,
    unitSource: preview.unitSource,
    missingFields: preview.missingFields,
    totalsChecked: preview.totalsChecked.map((t) => ({
      sheet: t.sheet,
      row: t.row,
      label: t.label,
      fileFen: t.fileFen,
      sumFen: t.sumFen,
    })),
    notices: preview.notices,
    // the units and people the import adds to 组织机构 (each also named, with its rows, in notices)
    newOrgs: preview.newOrgs,
    newStaff: preview.newStaff,
    notRead: notRead(preview),
    created: r.created,
    updated: r.updated,
    ...(r.unchanged !== undefined ? { unchanged: r.unchanged } : {}),
    skipped: r.skipped,
    errors: pick('error'),
    warnings: pick('warning'),
  };
}

/**
 * The file's columns the import leaves out, with why: a county T1's 本月完成投资, 1-N月累计, 形象进度 … are the monthly
 * reports' and were dropped without a word on the command line (the window's preview says it per column).
 */
const notRead = (preview: ImportSummary) =>
  preview.columns.flatMap((c) =>
    c.field === null && c.note ? [{ column: c.letter, header: c.header, reason: c.note }] : [],
  );

/** Why a file was refused, in one line: how many cells, and the first of them with its sheet, row and column. */
function refusedMessage(errors: { sheet: string; row: number; column: string; reason: string }[], file: string) {
  const first = errors[0]!;
  return `文件“${file}”有 ${errors.length} 处错误，未导入任何数据；第一处：${first.sheet} 第${first.row}行 ${first.column}列：${first.reason}`;
}

/** The preview in a few lines for the terminal: what the file is, what it lacks, where its 合计 disagree. */
function describePreview(preview: ImportSummary, problems: ImportProblem[], out: (t: string) => void): void {
  out(
    `工作表“${preview.sheet}”：项目 ${preview.counts.projects} 个（另有子项目 ${preview.counts.subProjects} 个），总投资 ${formatWan(preview.counts.totalInvestmentFen)} 万元`,
  );
  out(
    `年度：${preview.year}${preview.month ? `年${preview.month}月` : '年'}（${preview.periodSource}）；金额单位：${preview.unit}（${preview.unitSource}）`,
  );
  if (preview.missingFields.length) out(`本文件没有：${preview.missingFields.join('、')}，导入后可补录`);
  const left = notRead(preview);
  if (left.length) out(`以下 ${left.length} 列不导入：`);
  for (const c of left) out(`  ${c.column}列“${c.header}”——${c.reason}`);
  // the import's own warning of each 合计 row that disagrees (its 总投资, or the count its label states)
  const totalRows = new Set(preview.totalsChecked.map((t) => t.row));
  for (const p of problems.filter((x) => x.level === 'warning' && totalRows.has(x.row)))
    out(`合计不符：${p.sheet} ${p.message}`);
  for (const n of preview.notices) out(`注意：${n}`);
  if (preview.periodFromClock) out('（年度可用 --year 指定）');
}

export const importCommand: CliCommand = {
  name: 'import',
  maxWords: 1,
  startsLedger: true,
  summary: '导入已有台账（.xlsx/.xls/.et/.csv/.txt），先校验，全部无误才写入（写入前自动备份）',
  usage:
    'import FILE [--sheet NAME] [--mapping NAME] [--year YYYY] [--duplicates skip|update|create] [--hidden-rows import|skip] [--dry-run] --db FILE [--json]',
  async run({ args, io, json, call }) {
    const path = args.positionals[1];
    const base64 = readInput(path, '要导入的文件');
    const yearText = flagString(args, 'year');
    const year = yearText === undefined ? undefined : Number(yearText);
    if (year !== undefined && !(Number.isInteger(year) && year >= 1900 && year <= 2099))
      throw new UsageError('--year 应为四位年份，如 2019');
    const duplicates = flagString(args, 'duplicates') ?? 'skip';
    if (!['skip', 'update', 'create'].includes(duplicates))
      throw new UsageError('--duplicates 应为 skip、update 或 create');
    const hiddenRows = flagString(args, 'hidden-rows') ?? 'import';
    if (hiddenRows !== 'import' && hiddenRows !== 'skip')
      throw new UsageError('--hidden-rows 应为 import（表格中隐藏的行一并导入）或 skip（不导入）');
    const input = {
      fileName: basename(path!),
      base64,
      sheet: flagString(args, 'sheet'),
      mapping: flagString(args, 'mapping'),
      year,
      duplicates,
      hiddenRows,
    };
    // The import checks the file as its preview does and refuses it whole on any error: only a dry run, or a refused
    // file (for the rows at fault), asks for the preview — a county sheet is read once, not twice.
    if (!args.flags.has('dry-run')) {
      try {
        const done = await call<ImportReport>('excel:importApply', input);
        const r = importReport(done.summary, done.problems, path!, true, done);
        if (json) io.out(JSON.stringify({ ...r, backupFile: done.backupFile }));
        else {
          describePreview(done.summary, done.problems, io.out);
          io.out(`已导入：${importCountsText(done)}（导入前备份：${done.backupFile ?? '无'}）`);
        }
        return EXIT.OK;
      } catch (e) {
        if (!(e instanceof CliFailure && e.code === 'VALIDATION')) throw e;
        const preview = await call<ImportPreview>('excel:importPreview', input);
        if (!preview.problems.some((p) => p.level === 'error')) throw e;
        return previewOnly(preview);
      }
    }
    return previewOnly(await call<ImportPreview>('excel:importPreview', input));

    function previewOnly(preview: ImportPreview): number {
      const hasErrors = preview.problems.some((p) => p.level === 'error');
      const r = importReport(preview, preview.problems, path!, false, {
        created: preview.counts.create,
        updated: preview.counts.update,
        unchanged: preview.counts.unchanged,
        skipped: preview.counts.skip,
      });
      if (json) {
        if (!hasErrors) io.out(JSON.stringify(r));
        else {
          // A refused file is a refusal like any other: the envelope (ok, error) in front of the report, whose
          // errors list every cell at fault; the first of them in the message and on stderr.
          const message = refusedMessage(r.errors, basename(path!));
          io.out(JSON.stringify({ ok: false, error: { code: 'VALIDATION', message }, ...r }));
          io.err(`错误：${message}`);
        }
      } else {
        describePreview(preview, preview.problems, io.out);
        io.out(`${hasErrors ? '有错误，未写入任何数据' : '试导入（未写入）'}：${importCountsText(r)}`);
        for (const e of r.errors) io.err(`  ${e.sheet} 第${e.row}行 ${e.column}列：${e.reason}`);
      }
      return hasErrors ? EXIT.INVALID : EXIT.OK;
    }
  },
};
