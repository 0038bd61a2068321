/**
 * How a sheet's cell text becomes the value its field's rule takes, for the texts clerks type and paste from Excel:
 * a day (2017-10-31, 2017/10/31, 2017年10月31日, parsed by the one date reader of shared/domain), and units or
 * people named instead of numbered.
 */
import { parseDateText } from '../../../../shared/domain/dates.ts';
import type { CellParse } from './RecordSheet.tsx';

/** A day, '' as none; a month alone is refused (a deadline or a start date is a day). */
export const parseDay =
  (label: string) =>
  (t: string): CellParse => {
    if (t === '') return { ok: true, value: null };
    const d = parseDateText(t, label);
    if (!d.ok) return d;
    return d.monthOnly ? { ok: false, message: `${label}请写到日，如 2017-10-31` } : { ok: true, value: d.date };
  };

const unknownOrg = (name: string) => `“${name}”不是已有的单位，请先在“组织机构”中添加`;

/** One unit by its name, '' as none. */
export function parseOrg(orgs: readonly { id: number; name: string }[]): (t: string) => CellParse {
  const idOf = new Map(orgs.map((o) => [o.name, o.id]));
  return (t) =>
    t === ''
      ? { ok: true, value: null }
      : idOf.has(t)
        ? { ok: true, value: idOf.get(t) }
        : { ok: false, message: unknownOrg(t) };
}

/** Several units by name, separated by 、 (as the cell shows them), commas or semicolons. */
export function parseOrgs(orgs: readonly { id: number; name: string }[]): (t: string) => CellParse {
  const idOf = new Map(orgs.map((o) => [o.name, o.id]));
  // Longest first: a unit's own name may hold 、 (各镇、场、景区人民政府或管委会, from the 随县 template), so the
  // names the cell starts with are matched whole before the text is cut at its separators.
  const known = [...idOf.keys()].sort((a, b) => b.length - a.length);
  const SEP = /[、,，;；\n]/;
  return (t) => {
    const names: string[] = [];
    let i = 0;
    while (i < t.length) {
      if (SEP.test(t[i]!) || /\s/.test(t[i]!)) {
        i++;
        continue;
      }
      const whole = known.find((n) => t.startsWith(n, i) && (i + n.length === t.length || SEP.test(t[i + n.length]!)));
      const end = whole ? i + whole.length : t.slice(i).search(SEP) < 0 ? t.length : i + t.slice(i).search(SEP);
      names.push(whole ?? t.slice(i, end).trim());
      i = end;
    }
    const missing = names.find((n) => !idOf.has(n));
    return missing ? { ok: false, message: unknownOrg(missing) } : { ok: true, value: names.map((n) => idOf.get(n)!) };
  };
}
