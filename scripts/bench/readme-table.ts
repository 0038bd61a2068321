/**
 * npm run bench:readme [-- FILE…]   (default bench-out/bench.json)
 * Rewrites the README's benchmark table — between `<!-- bench:begin -->` and `<!-- bench:end -->` — from the
 * JSON of bench runs, so the table shows what a run measured and nothing typed by hand: the date of each run,
 * its machine and data, then every row with its 状态. Several files (e.g. a full run and a later
 * `--only dashboard,lights` run) are listed in the order given, each with its own line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { table, type BenchReport } from './measure.ts';

export const BEGIN = '<!-- bench:begin -->';
export const END = '<!-- bench:end -->';

/** One line per run: when, where, on what data, which groups. */
export function runLine(r: BenchReport): string {
  const d = r.data;
  const when = `${r.date.slice(0, 10)} ${r.date.slice(11, 16)} UTC`;
  const data = [
    `${d.projects} 个项目`,
    d.reports !== null ? `${d.reports} 行月报` : null,
    `${d.fundFlows} 条资金流水`,
    `Excel 与文档用 ${d.ledgerRows} 个项目的台账`,
    `期间 ${d.period}`,
  ]
    .filter(Boolean)
    .join('、');
  const groups = r.groups ? `只测 ${r.groups.join('、')}` : '全部各组';
  const load = r.machine.load
    ? `，负载 ${r.machine.load[0].toFixed(1)} → ${r.machine.load[1].toFixed(1)}（开始 → 结束，1 分钟平均）`
    : '';
  return `${when}运行（${r.quick ? '--quick 小数据，仅验证脚本' : groups}）：${r.machine.cores} 核 ${r.machine.cpu ?? '未知处理器'}，Node ${r.machine.node}${load}；数据 ${data}；每项 ${r.runs} 次取中位数（慢的操作至多 3 次）。`;
}

/** The block between the markers: the run lines, then one table of all the runs' rows. */
export function readmeBlock(reports: BenchReport[]): string {
  if (reports.length === 0) throw new Error('没有测量结果');
  const lines = reports.map((r) => `- ${runLine(r)}`);
  return [
    `由 \`npm run bench:readme\` 根据测量结果（bench-out/bench.json）生成，请勿手改。`,
    '',
    ...lines,
    '',
    table(reports.flatMap((r) => r.results)),
  ].join('\n');
}

/** The README with the text between the markers replaced (the markers kept); refuses a README without them. */
export function spliceReadme(readme: string, block: string): string {
  const b = readme.indexOf(BEGIN);
  const e = readme.indexOf(END);
  if (b < 0 || e < 0 || e < b) throw new Error(`README 中没有成对的 ${BEGIN} / ${END} 标记`);
  if (readme.indexOf(BEGIN, b + 1) >= 0 || readme.indexOf(END, e + 1) >= 0)
    throw new Error(`README 中的 ${BEGIN} / ${END} 标记不止一对`);
  return `${readme.slice(0, b + BEGIN.length)}\n${block}\n${readme.slice(e)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = process.argv.slice(2);
  const reports = (files.length ? files : ['bench-out/bench.json']).map(
    (f) => JSON.parse(readFileSync(f, 'utf8')) as BenchReport,
  );
  const readmeFile = fileURLToPath(new URL('../../README.md', import.meta.url));
  writeFileSync(readmeFile, spliceReadme(readFileSync(readmeFile, 'utf8'), readmeBlock(reports)));
  console.error(`已更新 README.md 的性能表（${reports.reduce((n, r) => n + r.results.length, 0)} 行）`);
}
