/**
 * A unit's name as offices write it in a ledger's 项目业主 / 牵头单位 / 责任单位 / 所在村 cell → how the ledger
 * compares it with its 组织机构 and keeps a new one. Offices pad and mix forms: 永济市 卫健委, 城 建 办 (spread out
 * to line up), ＸＹ公司 beside XY公司, （ beside (, and a town's own units with or without the town's name in front
 * (城建办, 蒲州镇城建办, 永济市蒲州镇城建办). None of that makes another unit.
 */

import { nameKey } from './cell-pieces.ts';

/** The comparison key of a unit's name (cell-pieces.ts nameKey, as for a person's). */
export { nameKey as orgKey };

/**
 * The key without the town's name in front (蒲州镇城建办, (蒲州镇)城建办 → 城建办), for the prefixes given (the town's
 * full and short name as keys, longest first); a name that is the town's name alone keeps it.
 */
export function withoutTown(key: string, townKeys: readonly string[]): string {
  for (const t of townKeys)
    for (const p of [t, `(${t})`]) if (t && key.length > p.length && key.startsWith(p)) return key.slice(p.length);
  return key;
}

/** A unit of the ledger as names find it. */
export interface NamedUnit {
  id: number;
  name: string;
  shortName: string | null;
}

export interface OrgFinder<U extends NamedUnit> {
  /** The unit a written name means: its name first, then a 简称, then either without the town's name in front. */
  find(text: string): U | undefined;
  /** The key a name is one unit by (blanks, full-width forms and the town's name in front aside). */
  key(text: string): string;
  /** A unit added while finding (a template's unit created on the way), found from now on. */
  add(unit: U): void;
}

/**
 * The ledger's units (in list order) as a clerk names them, for every place a unit is picked or made by its name —
 * the import's cells (import-orgs.ts), the 单位 form's duplicate check and a 责任清单 template's units (org.service.ts)
 * — so that 蒲州镇 水利站, 蒲州镇水利站, 永济市蒲州镇水利站 and 水利站 are one unit wherever they are written.
 * `town`: the town's names (town-settings.service.ts townNames), which its units are written with or without.
 */
export function orgFinder<U extends NamedUnit>(units: readonly U[], town: readonly string[]): OrgFinder<U> {
  const townKeys = [...new Set(town.map(nameKey))].sort((a, b) => b.length - a.length);
  const loose = (text: string) => withoutTown(nameKey(text), townKeys);
  const byName = new Map<string, U>();
  const byShort = new Map<string, U>();
  const byLoose = new Map<string, U>();
  const setFirst = (m: Map<string, U>, k: string, u: U) => {
    if (!m.has(k)) m.set(k, u);
  };
  const add = (u: U) => {
    setFirst(byName, nameKey(u.name), u);
    if (u.shortName) setFirst(byShort, nameKey(u.shortName), u);
    for (const n of [u.name, u.shortName]) if (n) setFirst(byLoose, loose(n), u);
  };
  for (const u of units) add(u);
  return {
    find: (text) => byName.get(nameKey(text)) ?? byShort.get(nameKey(text)) ?? byLoose.get(loose(text)),
    key: loose,
    add,
  };
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
