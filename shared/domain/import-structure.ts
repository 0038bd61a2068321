/**
 * How a real county or town ledger is laid out under its header, read the way the clerk who made it reads it:
 * which rows are projects, which are section headings (一、工业 / （一）续建项目 / 1.市政类 / 一|工业 /
 * 龙海市合计2个), which are 合计/小计/总计 rows or 其中 breakdowns, where the notes and signatures below
 * the table begin, which rows are sub-projects of the row above, and which year and month the file is about.
 * Pure functions on cell texts, so the rules are unit-tested without a workbook.
 */
import { CATEGORIES, NATURES, STAGE_GROUPS } from './vocab.ts';
import { toHalfWidth } from './money.ts';

export type LedgerRowKind = 'data' | 'section' | 'total' | 'breakdown' | 'note' | 'end';

export interface LedgerRowShape {
  kind: LedgerRowKind;
  /** section: nesting level (一、 = 1, region subtotal = 1.5, （一） = 2, 1. = 3). */
  level?: number;
  /** section: the heading without ordinal and count ("工业"); total: the row's own label ("小计"). */
  label?: string;
  /**
   * total: what the row sums — 'sub' (小计: its section), 'grand' (总计/总合计/全…合计), 'total' (合计:
   * the whole table, or its section when a 总计 follows). Section headings that carry figures are subtotals of
   * the rows beneath them.
   */
  scope?: 'sub' | 'total' | 'grand';
}

/** Where the structural columns are (0-based), from the column mapping. */
export interface LedgerColumns {
  seq: number | null;
  name: number | null;
}

const CN = '一二三四五六七八九十';
const squash = (t: string) => toHalfWidth(t).replace(/[\s\u3000]+/g, '');
const isNumberText = (t: string) => /^[-+]?[\d.,，%]+$/.test(squash(t));

const TOTAL = /^(总合计|总计|合计|小计|共计|全[^，,]{0,8}合计|[（(]合计)/;
/** 龙海市合计2个, 开发区小计（3个）: a region's group heading that carries its subtotal (and its count). */
const REGION_TOTAL = /^([^一二三四五六七八九十（(\d].{0,19}?)(合计|小计)[（(]?(\d+)个(项目)?[)）]?$/;
/** 华安县小计, 城关镇合计: a region's closing subtotal (no count: it sums the rows above it). */
const REGION_CLOSE = /^([^一二三四五六七八九十（(\d].{0,19}?)(小计|合计)$/;
const CN_ORDINAL_SEQ = new RegExp(`^[（(]?[${CN}]+[)）、.．]?$`);
const CN_HEADING = new RegExp(`^[${CN}]+[、.．]`);
const CN_SUBHEADING = new RegExp(`^[（(][${CN}]+[)）]`);
const ARABIC_HEADING = /^\d{1,2}[、.．](?!\d)\s*\S/;
const BREAKDOWN = /^其中[:：]?/;
const NOTE = /^(注|备注|说明|附注|填表说明|注释)\s*[:：\d]/;
const FOOTER =
  /^(单位负责人|负责人|填报人|审核人|填表人|制表人|统计负责人|分管领导|联系电话|填报日期|填表日期|报送日期|主要负责人)[:：]/;
const ABOVE_TABLE_LINE = /^(填报单位|编制单位|报送单位|单位[:：]|统计截止|截止|截至|数据截止)/;

/** The signature lines under a table (单位负责人：… 填报人：…): the data ends there. */
export function isFooterText(text: string | null | undefined): boolean {
  return !!text && FOOTER.test(squash(String(text)));
}

/** A heading's text without ordinal, count and trailing 项目/类: "一、工业项目（5个）" → "工业". */
export function sectionLabel(text: string): string {
  return squash(text)
    .replace(new RegExp(`^[（(]?[${CN}]+[)）、.．]?`), '')
    .replace(/^\d{1,2}[、.．]/, '')
    .replace(/[（(][^)）]*[)）]$/, '')
    .replace(/(合计|小计)\d*个?$/, '')
    .replace(/(项目|类)$/, '')
    .trim();
}

/**
 * Classifies one row under the header. `texts` are the trimmed cell texts (numbers as written).
 * Only the first cells, the 序号 and the 名称 cell are read for the row's label, as a clerk reads it.
 */
export function classifyLedgerRow(texts: string[], cols: LedgerColumns): LedgerRowShape {
  const filled = texts.map((t, i) => ({ t: t.trim(), i })).filter((x) => x.t !== '');
  if (filled.length === 0) return { kind: 'note' };
  const words = filled.filter((x) => !isNumberText(x.t));
  const at = (i: number | null) => (i === null ? '' : (texts[i] ?? '').trim());
  const leads = [at(cols.seq), at(cols.name), ...filled.slice(0, 2).map((x) => x.t)].filter(Boolean).map(squash);
  const first = squash(filled[0]!.t);
  if (FOOTER.test(first)) return { kind: 'end' };
  if (NOTE.test(first) && words.length <= 2) return { kind: 'end' };
  for (const t of leads) {
    const region = REGION_TOTAL.exec(t);
    if (region && !TOTAL.test(t)) return { kind: 'section', level: 1.5, label: region[1]! };
    if (REGION_CLOSE.test(t) && !TOTAL.test(t) && !/^全/.test(t)) return { kind: 'total', scope: 'sub', label: t };
    if (TOTAL.test(t)) {
      const scope = /^小计/.test(t) ? 'sub' : /^(总合计|总计|全)/.test(t) ? 'grand' : 'total';
      return { kind: 'total', scope, label: t.replace(/[（(].*$/, '') };
    }
    if (BREAKDOWN.test(t)) {
      // 1-1 | 其中：商业街硬化工程 — a part numbered under its project (our own T1/T3, and counties that list parts
      // so) is a sub-project; an unnumbered 其中：中央资金 is a breakdown of the row above.
      if (!isPartSeq(squash(at(cols.seq)))) return { kind: 'breakdown' };
      break;
    }
  }
  // 一 | 工业: a Chinese ordinal in 序号 marks a category row, whatever else it carries (subtotals).
  const seq = squash(at(cols.seq));
  if (seq && CN_ORDINAL_SEQ.test(seq)) {
    const label = words.find((x) => x.i !== cols.seq)?.t ?? '';
    return { kind: 'section', level: /^[（(]/.test(seq) ? 2 : 1, label: sectionLabel(label) };
  }
  for (const t of leads) {
    if (CN_HEADING.test(t)) return { kind: 'section', level: 1, label: sectionLabel(t) };
    if (CN_SUBHEADING.test(t)) return { kind: 'section', level: 2, label: sectionLabel(t) };
  }
  // "1.市政类" alone on its row is a heading; "1.1" or "1" in 序号 with a name beside it is a project.
  if (words.length === 1 && ARABIC_HEADING.test(squash(words[0]!.t)) && words[0]!.i !== cols.name) {
    return { kind: 'section', level: 3, label: sectionLabel(words[0]!.t) };
  }
  if (words.length === 1 && ARABIC_HEADING.test(squash(words[0]!.t)) && filled.length === 1) {
    return { kind: 'section', level: 3, label: sectionLabel(words[0]!.t) };
  }
  if (words.length <= 2 && ABOVE_TABLE_LINE.test(first)) return { kind: 'note' };
  return { kind: 'data' };
}

/** Which ledger field a section heading fills: 七补齐类别, 推进分类, 建设性质, else the free 子类 (行业). */
export function sectionField(
  label: string,
): { field: 'category' | 'stageGroup' | 'nature' | 'subcategory'; value: string } | null {
  const t = label.replace(/项目$/, '');
  if (!t) return null;
  if ((CATEGORIES as readonly string[]).includes(t)) return { field: 'category', value: t };
  if ((STAGE_GROUPS as readonly string[]).includes(t)) return { field: 'stageGroup', value: t };
  if ((NATURES as readonly string[]).includes(t)) return { field: 'nature', value: t };
  const nature = (NATURES as readonly string[]).find((n) => t === n || t === `${n}类`);
  if (nature) return { field: 'nature', value: nature };
  return t.length <= 40 ? { field: 'subcategory', value: t } : null;
}

/** "3-2", "1.1", "1－2" → "3" / "1": the 序号 of the parent project. */
export function parentSeqOf(seq: string | null): string | null {
  if (!seq) return null;
  const m = /^(\d+(?:[.\-－—]\d+)*)[.\-－—]\d+$/.exec(toHalfWidth(seq).trim());
  return m ? m[1]!.replace(/[.－—]/g, (c) => (c === '.' ? '.' : '-')) : null;
}

/** A part's own 序号: 3-2 / 1.1 under its project, （1） or ①. */
function isPartSeq(seq: string): boolean {
  return !!seq && (parentSeqOf(seq) !== null || /^([（(]\d+[)）]|[①-⑳])$/.test(toHalfWidth(seq)));
}

/** A part's name as a county writes it under its project ("其中：商业街硬化工程"), without the 其中. */
export const partName = (name: string): string => name.replace(/^[\s\u3000]*其中[:：]\s*/, '');

/** A sub-project's own marks: an indented name (leading spaces, ——, ·), or a 序号 like （1） or ①. */
export function looksLikeSubItem(rawName: string, seq: string | null): boolean {
  if (/^[\s\u3000]+\S/.test(rawName) || /^[—\-－·•▪◦]+\s*\S/.test(rawName)) return true;
  return !!seq && /^([（(]\d+[)）]|[①-⑳])$/.test(toHalfWidth(seq).trim());
}

/** Same 序号 written two ways ("3－2" / "3-2" / "1.1"): compared after folding. */
export const seqKey = (seq: string) => toHalfWidth(seq).trim().replace(/[－—]/g, '-');

export interface TotalsRow {
  /** 1-based sheet row. */
  row: number;
  kind: 'data' | 'section' | 'total';
  level?: number;
  scope?: 'sub' | 'total' | 'grand';
  /** data: a top-level project (sub-projects are inside their parent's figure). */
  topLevel?: boolean;
  /** The 总投资 figure in 分 (data: the project's; section/total: the file's own), or null when blank. */
  fen: number | null;
}

export interface TotalsCheck {
  row: number;
  /** null: the row has no readable 总投资 (checked with `withBlank` for the count its label states only) */
  fileFen: number | null;
  sumFen: number;
  /** The top-level projects the row covers, and the sub-projects under them (for a count its label states). */
  projects: number;
  parts: number;
}

/**
 * Every 合计/小计 row and every section heading that carries a figure, checked against the top-level
 * projects it covers: a 小计 or a section's 合计 its section (rows above it, or beneath it when it heads the
 * section), a 合计/总计 the whole table (rows above it, or beneath it for 合计-first layouts).
 * `withBlank`: rows without a figure too (fileFen null), for a count their label states (一、工业（5个） over 4 rows).
 */
export function checkTotals(rows: TotalsRow[], withBlank = false): TotalsCheck[] {
  const out: TotalsCheck[] = [];
  const isData = (r: TotalsRow) => r.kind === 'data' && r.topLevel !== false;
  const sum = (list: TotalsRow[]) => list.filter(isData).reduce((a, r) => a + (r.fen ?? 0), 0);
  const anySection = rows.some((r) => r.kind === 'section');
  const isGrand = (x: TotalsRow) => x.kind === 'total' && x.scope !== 'sub';
  /** rows[i+1 …] up to (not including) the first row that `stop` accepts. */
  const beneath = (i: number, stop: (x: TotalsRow) => boolean) => {
    const end = rows.findIndex((x, j) => j > i && stop(x));
    return rows.slice(i + 1, end < 0 ? rows.length : end);
  };
  /** rows above i, back to (not including) the nearest row that `stop` accepts. */
  const above = (i: number, stop: (x: TotalsRow) => boolean) => {
    let j = i - 1;
    while (j >= 0 && !stop(rows[j]!)) j--;
    return rows.slice(j + 1, i);
  };
  rows.forEach((r, i) => {
    if (r.kind === 'data' || (r.fen === null && !withBlank)) return;
    let body: TotalsRow[];
    if (r.kind === 'section') {
      body = beneath(i, (x) => (x.kind === 'section' && (x.level ?? 1) <= (r.level ?? 1)) || isGrand(x));
    } else if (!rows.slice(0, i).some(isData)) {
      // 合计 first, under the header: the rows beneath it.
      body = beneath(i, (x) => (r.scope === 'sub' ? x.kind === 'section' || x.kind === 'total' : isGrand(x)));
    } else if (r.scope === 'sub' || (r.scope === 'total' && anySection && rows.slice(i + 1).some(isGrand))) {
      // A 小计, or a section's own 合计 before the table's 总计: its section.
      body = above(i, (x) => x.kind === 'section' || x.kind === 'total');
      // A 小计 right under its heading covers the rows beneath it.
      if (!body.some(isData)) body = beneath(i, (x) => x.kind === 'section' || x.kind === 'total');
    } else {
      body = rows.slice(0, i);
    }
    const projects = body.filter(isData).length;
    const parts = body.filter((x) => x.kind === 'data' && x.topLevel === false).length;
    if (projects > 0) out.push({ row: r.row, fileFen: r.fen, sumFen: sum(body), projects, parts });
  });
  return out;
}

export interface PeriodHint {
  /** Where the text was found, for the user to check ("标题（第1行）", "文件名"). */
  source: string;
  text: string;
}

export interface DetectedPeriod {
  year: number;
  month: number | null;
  source: string;
  /** The text the year was read from ("2019年重点项目进度表"). */
  text: string | null;
}

const YEAR = /((?:19|20)\d{2})\s*年/;
const MONTH_RANGE = /(?:1|一|元)\s*[-—–~～至到]\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月/;
const CN_MONTH: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
  十一: 11,
  十二: 12,
};
const monthOf = (m: string) => (/^\d+$/.test(m) ? Number(m) : (CN_MONTH[m] ?? null));

/** Year and month from one text: "统计截止：2019年9月30日", "2019年1-9月", "2019年重点项目", "2019-09", "201909". */
export function periodFromText(raw: string, fileName = false): { year: number; month: number | null } | null {
  const t = toHalfWidth(raw).replace(/\s+/g, '');
  const full = /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月/.exec(t);
  if (full && Number(full[2]) >= 1 && Number(full[2]) <= 12) {
    // "2019年1-9月" reads as 2019年1月 first: the range's end is the month meant.
    const range = MONTH_RANGE.exec(t.slice(full.index));
    const m = range ? monthOf(range[1]!) : Number(full[2]);
    return { year: Number(full[1]), month: m && m >= 1 && m <= 12 ? m : Number(full[2]) };
  }
  const y = YEAR.exec(t);
  if (y) {
    const range = MONTH_RANGE.exec(t);
    const m = range ? monthOf(range[1]!) : null;
    return { year: Number(y[1]), month: m && m >= 1 && m <= 12 ? m : null };
  }
  const iso = /(?:^|\D)((?:19|20)\d{2})[-_.](0?[1-9]|1[0-2])(?:\D|$)/.exec(t);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]) };
  if (fileName) {
    const compact = /(?:^|\D)((?:19|20)\d{2})(0[1-9]|1[0-2])(?:\D|$)/.exec(t);
    if (compact) return { year: Number(compact[1]), month: Number(compact[2]) };
    const bare = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(t);
    if (bare) return { year: Number(bare[1]), month: null };
  }
  return null;
}

/**
 * The period a file is about, from the most specific place it is written: a 统计截止 cell, then the title,
 * then the unit line and other lines above the header, then the file name. Null when none says.
 */
export function detectPeriod(hints: PeriodHint[], fileName: string): DetectedPeriod | null {
  const cutoff = hints.find((h) => /统计截止|截止|截至/.test(h.text) && periodFromText(h.text));
  const ordered = [...(cutoff ? [cutoff] : []), ...hints.filter((h) => h !== cutoff)];
  let best: DetectedPeriod | null = null;
  for (const h of ordered) {
    const p = periodFromText(h.text);
    if (!p) continue;
    if (!best) best = { ...p, source: h.source, text: h.text };
    else if (best.month === null && p.year === best.year && p.month !== null) best.month = p.month;
    if (best.month !== null) break;
  }
  const name = periodFromText(fileName.replace(/\.[a-z0-9]+$/i, ''), true);
  if (!best && name) return { ...name, source: '文件名', text: fileName };
  if (best && best.month === null && name && name.year === best.year) best.month = name.month;
  return best;
}
