import { formatPeriodCn } from './display.ts';

/**
 * What a merge of returned 报送表 says about files it did not take as a return: a kit sent back untouched is not
 * a return (the unit stays 未报), and the clerk must be told so — the preview's counts alone (采用0 未采用0) read
 * as if nothing had been given at all. One text for the window and the CLI.
 */
export function untouchedReturnsText(files: readonly { file: string; status: string }[]): string | null {
  const empty = files.filter((f) => f.status === '未填写').map((f) => `“${f.file}”`);
  if (empty.length === 0) return null;
  return `${empty.length}个文件一格未填（${empty.join('、')}），不算交回，${empty.length > 1 ? '这些' : '该'}单位仍为未报`;
}

/** Where in a returned file a refusal is, as the clerk and the unit read it: 第5行F列 (empty for the whole file). */
export function refusalPlace(r: { row: number | null; column: string | null }): string {
  return `${r.row ? `第${r.row}行` : ''}${r.column ? `${r.column}列` : ''}`;
}

/** The reasons a return was found wrong, as kept with it (the file's own, each with its place). */
export function returnReasons(refused: readonly { row: number | null; column: string | null; reason: string }[]) {
  return refused.map((r) => (refusalPlace(r) ? `${refusalPlace(r)}：${r.reason}` : r.reason));
}

/**
 * The 备注 of a unit found wrong, for the 催报单 and the 报送情况: its first reasons, and how many more there are.
 * Without kept reasons (a return merged by an earlier version) it says only that the file is wrong.
 */
export function wrongReturnText(reasons: readonly string[] | null, shown = 3): string {
  if (!reasons?.length) return '交回的报送表有误，请改正后重新交回';
  const more = reasons.length > shown ? `等${reasons.length}处` : '';
  return `交回的报送表有误（${reasons.slice(0, shown).join('；')}${more}），请改正后重新交回`;
}

/**
 * How many places a merge did not take (未采用 N 处), for the window, the CLI and the count kept with a return: each
 * refused cell or row, and each file refused as a whole — not the line that sums up a file's wrong cells (有1处错误，
 * 整份文件未采用…), which was counted as one more: “未采用 2 处” beside “有1处错误”.
 */
export function refusedPlaces(refused: readonly { file: string; row: number | null }[]): number {
  const withCells = new Set(refused.filter((r) => r.row !== null).map((r) => r.file));
  return refused.filter((r) => r.row !== null || !withCells.has(r.file)).length;
}

/**
 * What a merge took, month by month (each file goes into its own month): “2017年10月采用 2 个项目的月报（其中 2 个已改变
 * 台账）；2017年11月采用 1 个…”. One text for the window and the CLI.
 */
export function mergedMonthsText(r: {
  period: string | null;
  dryRun: boolean;
  months: readonly { period: string; accepted: number; changed: number }[];
}): string {
  const months = r.months.length ? r.months : [{ period: r.period, accepted: 0, changed: 0 }];
  return months
    .map(
      (m) =>
        `${m.period ? formatPeriodCn(m.period) : ''}采用 ${m.accepted} 个项目的月报（其中 ${m.changed} 个${r.dryRun ? '将' : '已'}改变台账）`,
    )
    .join('；');
}

/** A returned file with the unit and month of the kit it is, and what became of it: “水利站.xlsx：蒲州镇水利站2017年10月报送表，已报”. */
export function returnedFileText(f: {
  file: string;
  unit: string | null;
  period: string | null;
  status: string;
}): string {
  const kit = f.unit && f.period ? `${f.unit}${formatPeriodCn(f.period)}报送表，` : '';
  return `${f.file}：${kit}${f.status}`;
}
