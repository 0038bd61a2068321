/**
 * How a sheet's cell text becomes the value its field's rule takes, for the texts clerks type and paste from Excel:
 * a day (2017-10-31, 2017/10/31, 2017年10月31日, parsed by the one date reader of shared/domain), and units or
 * people named instead of numbered.
 */
import { parseDateText } from '../../../../shared/domain/dates.ts';
import { blankParts, orgFinder, type NamedUnit } from '../../../../shared/domain/org-name.ts';
import type { CellParse } from './RecordSheet.tsx';
import { markDayReader } from './today-key.ts';

/** A day, '' as none; a month alone is refused (a deadline or a start date is a day). */
export const parseDay = (label: string) => {
  const read = (t: string): CellParse => {
    if (t === '') return { ok: true, value: null };
    const d = parseDateText(t, label);
    if (!d.ok) return d;
    return d.monthOnly ? { ok: false, message: `${label}请写到日，如 2017-10-31` } : { ok: true, value: d.date };
  };
  return markDayReader(read); // its column is a date column: Ctrl+; enters today there
};

const unknownOrg = (name: string) => `“${name}”不是已有的单位，请先在“组织机构”中添加`;

/**
 * The units a sheet names, read as the import and the 单位 form read them (org-name.ts orgFinder): 蒲州镇 水利站,
 * 永济市蒲州镇水利站 and a 简称 水利站 are 蒲州镇水利站. `town`: the town's names (lookups:get townNames).
 */
type SheetOrg = NamedUnit;

/** One unit by its name, '' as none. */
export function parseOrg(orgs: readonly SheetOrg[], town: readonly string[]): (t: string) => CellParse {
  const units = orgFinder(orgs, town);
  return (t) => {
    if (t === '') return { ok: true, value: null };
    const u = units.find(t);
    return u ? { ok: true, value: u.id } : { ok: false, message: unknownOrg(t.trim()) };
  };
}

/**
 * Several units by name, separated by 、 (as the cell shows them), commas or semicolons; a piece with blanks inside
 * is one unit when known whole (蒲州镇 水利站), else its parts as the import reads them (住建局 交通局: two units).
 */
export function parseOrgs(orgs: readonly SheetOrg[], town: readonly string[]): (t: string) => CellParse {
  const units = orgFinder(orgs, town);
  // Longest first: a unit's own name may hold 、 (各镇、场、景区人民政府或管委会, from the 随县 template), so the
  // names the cell starts with are matched whole before the text is cut at its separators.
  const known = orgs.map((o) => o.name).sort((a, b) => b.length - a.length);
  const SEP = /[、,，;；\n]/;
  return (t) => {
    const pieces: string[] = [];
    let i = 0;
    while (i < t.length) {
      if (SEP.test(t[i]!) || /\s/.test(t[i]!)) {
        i++;
        continue;
      }
      const whole = known.find((n) => t.startsWith(n, i) && (i + n.length === t.length || SEP.test(t[i + n.length]!)));
      const end = whole ? i + whole.length : t.slice(i).search(SEP) < 0 ? t.length : i + t.slice(i).search(SEP);
      pieces.push(whole ?? t.slice(i, end).trim());
      i = end;
    }
    const ids: number[] = [];
    for (const piece of pieces)
      for (const name of units.find(piece) ? [piece] : blankParts(piece)) {
        const u = units.find(name);
        if (!u) return { ok: false, message: unknownOrg(name) };
        // one unit written twice (住建局、永济市住建局) is named once
        if (!ids.includes(u.id)) ids.push(u.id);
      }
    return { ok: true, value: ids };
  };
}
