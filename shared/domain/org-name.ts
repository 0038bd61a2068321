/**
 * A unit's name as offices write it in a ledger's 项目业主 / 牵头单位 / 责任单位 / 所在村 cell → how the ledger
 * compares it with its 组织机构 and keeps a new one. Offices pad and mix forms: 永济市 卫健委, 城 建 办 (spread out
 * to line up), ＸＹ公司 beside XY公司, （ beside (, and a town's own units with or without the town's name in front
 * (城建办, 蒲州镇城建办, 永济市蒲州镇城建办). None of that makes another unit.
 */

/** The comparison key of a unit's name (cell-pieces.ts nameKey, as for a person's). */
export { nameKey as orgKey } from './cell-pieces.ts';

/**
 * The key without the town's name in front (蒲州镇城建办, (蒲州镇)城建办 → 城建办), for the prefixes given (the town's
 * full and short name as keys, longest first); a name that is the town's name alone keeps it.
 */
export function withoutTown(key: string, townKeys: readonly string[]): string {
  for (const t of townKeys)
    for (const p of [t, `(${t})`]) if (t && key.length > p.length && key.startsWith(p)) return key.slice(p.length);
  return key;
}

const HAN = /\p{Script=Han}/u;

/** The name a new unit is kept under: blanks between Chinese characters dropped (永济市 卫健委), others made one. */
export function orgNameAsKept(text: string): string {
  const parts = text.trim().split(/[\s\u3000]+/);
  let out = parts[0] ?? '';
  for (const p of parts.slice(1)) {
    const joined = HAN.test(out.slice(-1)) || HAN.test(p.slice(0, 1));
    out += joined ? p : ` ${p}`;
  }
  return out;
}

/** A place (永济市, 蒲州镇, 城关街道): in front of a unit it is part of the unit's name, not a unit of its own. */
const PLACE = /(省|市|县|区|旗|镇|乡|街道)$/;

/**
 * A piece of a 责任单位 cell with blanks inside → the units it names, when the ledger does not know it whole:
 * single characters side by side are one name spread out (城 建 办); a place is joined to the unit after it
 * (蒲州镇 水利站, 永济市 卫健委) unless that is a place too (蒲州镇 韩阳镇: two towns); otherwise each part is a unit
 * (住建局 交通局).
 */
export function blankParts(piece: string): string[] {
  const words = piece.split(/[\s\u3000]+/).filter(Boolean);
  const spread: string[] = [];
  let run = false;
  for (const w of words) {
    const single = [...w].length === 1;
    if (single && run) spread[spread.length - 1] += w;
    else spread.push(w);
    run = single;
  }
  const out: string[] = [];
  for (const w of spread) {
    const prev = out[out.length - 1];
    if (prev !== undefined && PLACE.test(prev) && !PLACE.test(w)) out[out.length - 1] = `${prev} ${w}`;
    else out.push(w);
  }
  return out;
}
