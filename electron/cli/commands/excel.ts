import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { EXPORT_TEMPLATES, type FileOut, type ImportPreview, type ImportReport } from '../../../shared/schemas/excel.ts';
import { flagString } from '../args.ts';
import { CliFailure, EXIT, UsageError, type CliCommand } from '../command.ts';
import { requirePeriod } from './lights.ts';

function readInput(path: string | undefined, what: string): string {
  if (!path) throw new UsageError(`请指定${what}`);
  try {
    return readFileSync(path).toString('base64');
  } catch {
    throw new CliFailure('UNREADABLE', `无法读取文件：${path}`);
  }
}

function requireOut(out: string | undefined): string {
  if (!out) throw new UsageError('请用 --out FILE.xlsx 指定输出文件');
  return out;
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: '导出县级报表 T1 月报表 / T2 项目清单 / T3 重大项目表 / T4 资金到位及拨付 / T5 责任清单',
  usage: 'export <T1|T2|T3|T4|T5> --period YYYY-MM --out FILE.xlsx --db FILE [--json]',
  async run({ args, io, json, call }) {
    const template = args.positionals[1];
    if (!template || !(EXPORT_TEMPLATES as readonly string[]).includes(template)) throw new UsageError('请指定报表：T1、T2、T3、T4 或 T5');
    const period = requirePeriod(flagString(args, 'period'));
    const out = requireOut(flagString(args, 'out'));
    const file = await call<FileOut>('excel:export', { template, period });
    const bytes = Buffer.from(file.base64, 'base64');
    writeFileSync(out, bytes);
    io.out(json ? JSON.stringify({ file: out, name: file.fileName, bytes: bytes.length }) : `已导出 ${file.fileName} → ${out}`);
    return EXIT.OK;
  },
};

export const exportTemplateCommand: CliCommand = {
  name: 'export-template',
  summary: '按县里的模板（.xlsx）填报：保留模板格式，表头下逐行填入并写合计',
  usage: 'export-template TEMPLATE.xlsx --period YYYY-MM --out FILE.xlsx [--mapping NAME] --db FILE',
  async run({ args, io, json, call }) {
    const path = args.positionals[1];
    const templateBase64 = readInput(path, '模板文件 TEMPLATE.xlsx');
    const out = requireOut(flagString(args, 'out'));
    const period = requirePeriod(flagString(args, 'period'));
    const file = await call<FileOut>('excel:templateFill', { fileName: basename(path!), templateBase64, period, mappingName: flagString(args, 'mapping') });
    const bytes = Buffer.from(file.base64, 'base64');
    writeFileSync(out, bytes);
    io.out(json ? JSON.stringify({ file: out, bytes: bytes.length }) : `已按模板填报 → ${out}`);
    return EXIT.OK;
  },
};

export const importCommand: CliCommand = {
  name: 'import',
  summary: '导入已有台账（.xlsx/.xls/.et/.csv/.txt），先校验，全部无误才写入（写入前自动备份）',
  usage: 'import FILE [--sheet NAME] [--mapping NAME] [--year YYYY] [--duplicates skip|update|create] [--dry-run] --db FILE [--json]',
  async run({ args, io, json, call }) {
    const path = args.positionals[1];
    const base64 = readInput(path, '要导入的文件');
    const year = flagString(args, 'year');
    const duplicates = flagString(args, 'duplicates') ?? 'skip';
    if (!['skip', 'update', 'create'].includes(duplicates)) throw new UsageError('--duplicates 应为 skip、update 或 create');
    const input = { fileName: basename(path!), base64, sheet: flagString(args, 'sheet'), mapping: flagString(args, 'mapping'), year: year ? Number(year) : undefined, duplicates };
    const preview = await call<ImportPreview>('excel:importPreview', input);
    const errors = preview.problems.filter((p) => p.level === 'error');
    const report = (r: { created: number; updated: number; skipped: number }, written: boolean) => ({
      file: path, sheet: preview.sheet, written, created: r.created, updated: r.updated, skipped: r.skipped,
      errors: errors.map((p) => ({ sheet: p.sheet, row: p.row, column: p.column, reason: p.message })),
      warnings: preview.problems.filter((p) => p.level === 'warning').map((p) => ({ sheet: p.sheet, row: p.row, column: p.column, reason: p.message })),
    });
    if (errors.length > 0 || args.flags.has('dry-run')) {
      const r = report({ created: preview.counts.create, updated: preview.counts.update, skipped: preview.counts.skip }, false);
      if (json) io.out(JSON.stringify(r));
      else {
        io.out(`${args.flags.has('dry-run') ? '试导入（未写入）' : '有错误，未写入任何数据'}：新增 ${r.created}，更新 ${r.updated}，跳过 ${r.skipped}`);
        for (const e of r.errors) io.err(`  ${e.sheet} 第${e.row}行 ${e.column}列：${e.reason}`);
      }
      return errors.length > 0 ? EXIT.INVALID : EXIT.OK;
    }
    const done = await call<ImportReport>('excel:importApply', input);
    const r = report(done, true);
    io.out(json ? JSON.stringify({ ...r, backupFile: done.backupFile }) : `已导入：新增 ${done.created}，更新 ${done.updated}，跳过 ${done.skipped}（导入前备份：${done.backupFile ?? '无'}）`);
    return EXIT.OK;
  },
};
