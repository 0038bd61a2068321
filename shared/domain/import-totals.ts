/**
 * What the import says of a file's own 合计/小计 row (or a section heading with figures) that disagrees with the
 * projects it covers: a row missed, typed twice, or a 合计 left stale. The rows still import (the ledger sums its
 * projects itself); the clerk is told row by row, so nobody has to re-add the county's figures by hand.
 */
import { formatWanUnit } from './display.ts';
import { toHalfWidth } from './money.ts';

/**
 * The number of projects a label states: 合计（24个）, 一、规划设计（1个）, 龙海市合计2个, 总计6个项目 → 24, 1, 2, 6;
 * null when it names none. Only a count at the label's end, as the county writes it after the words.
 */
export function statedProjectCount(label: string): number | null {
  const m = /(\d+)个(?:项目)?[)）]?$/.exec(toHalfWidth(label).replace(/[\s\u3000]+/g, ''));
  return m ? Number(m[1]) : null;
}

export interface TotalsFinding {
  row: number;
  /** The row's label as written. */
  label: string;
  /** null: the row shows no 总投资 (only a count its label states is checked) */
  fileFen: number | null;
  sumFen: number;
  /** Top-level projects the row covers, and their sub-projects (a county may count either way). */
  projects: number;
  parts: number;
}

/**
 * The warning for one checked total row, or null when it agrees: its 总投资 against the projects' sum, and a count
 * its label states against the projects it covers (with or without their sub-projects).
 */
export function totalsMismatchText(t: TotalsFinding): string | null {
  const stated = statedProjectCount(t.label);
  const countOff = stated !== null && stated !== t.projects && stated !== t.projects + t.parts;
  const fileFen = t.fileFen;
  const amountOff = fileFen !== null && fileFen !== t.sumFen;
  if (!countOff && !amountOff) return null;
  const head = `第${t.row}行“${t.label}”`;
  const check = '，请核对是否漏行、重复或合计未更新';
  const actual = `所计实有 ${t.projects} 个项目${t.parts ? `（另有子项目 ${t.parts} 个）` : ''}`;
  if (!amountOff) return `${head}写明 ${stated} 个项目，${actual}${check}`;
  const gap = `相差 ${formatWanUnit(Math.abs(fileFen - t.sumFen))}`;
  if (!countOff)
    return `${head}总投资 ${formatWanUnit(fileFen)}，与所计 ${t.projects} 个项目之和 ${formatWanUnit(t.sumFen)}不符（${gap}）${check}`;
  return `${head}写明 ${stated} 个项目、总投资 ${formatWanUnit(fileFen)}，${actual}、总投资之和 ${formatWanUnit(t.sumFen)}（${gap}）${check}`;
}
