/**
 * The ledger search box: a query matches a project's name, code or location as typed, or the pinyin
 * of its name/location — initials (`pzz` finds 蒲州镇…) or full syllables (`puzhou`). Pinyin is costly,
 * so a row's key is built once when the list loads and each keystroke only does substring tests.
 */

/**
 * The toneless pinyin syllables of a text (蒲州镇 → pu, zhou, zhen). Given by the caller: the core loads pinyin-pro
 * only when it makes a key (electron/core/search-key.ts), as its dictionary costs some 15 MB the moment it loads.
 */
export type SyllablesOf = (text: string) => readonly string[];

export interface SearchKey {
  /** name, code and location, lower-cased, separated so a match cannot straddle two fields */
  text: string;
  /** first letter of each syllable of name and location */
  initials: string;
  /** full toneless pinyin of name and location, without spaces */
  full: string;
}

export interface Searchable {
  name: string;
  code?: string | null;
  location?: string | null;
}

const SEP = '\u0001';

export function searchKey(r: Searchable, syllablesOf: SyllablesOf): SearchKey {
  const text = [r.name, r.code ?? '', r.location ?? ''].join(SEP).toLowerCase().replace(/\s+/g, '');
  const parts = [syllablesOf(r.name), syllablesOf(r.location ?? '')];
  return {
    text,
    initials: parts.map((syllables) => syllables.map((p) => p[0]).join('')).join(SEP),
    full: parts.map((syllables) => syllables.join('')).join(SEP),
  };
}

/** Lower-cased, trimmed, inner spaces removed (people type `pu zhou`). */
export function normaliseQuery(q: string): string {
  return q.trim().toLowerCase().replace(/\s+/g, '');
}

/** True when the (normalised) query is empty or found in the key. */
export function matchesQuery(key: SearchKey, query: string): boolean {
  if (query === '') return true;
  if (key.text.includes(query)) return true;
  if (!/^[a-z0-9]+$/.test(query)) return false;
  return key.initials.includes(query) || key.full.includes(query);
}

/** Between the three parts of a stored key (the text part keeps its own field separators). */
const PART = '\u0002';

/** The key as one text column (project.search_key), so the core can search without recomputing pinyin. */
export function storedSearchKey(r: Searchable, syllablesOf: SyllablesOf): string {
  const k = searchKey(r, syllablesOf);
  return [k.text, k.initials, k.full].join(PART);
}

export function parseStoredSearchKey(s: string): SearchKey {
  const [text = '', initials = '', full = ''] = s.split(PART);
  return { text, initials, full };
}

/**
 * A person's or unit's name as the pickers search it (`zq` or `zhouqiang` finds 周强): initials and full toneless
 * pinyin, made by the core (it alone loads pinyin-pro) and sent with the name.
 */
export function namePinyin(name: string, syllablesOf: SyllablesOf): string {
  const syllables = syllablesOf(name);
  return [syllables.map((p) => p[0]).join(''), syllables.join('')].join(PART);
}

/** A picker's match: the query within the shown label, or (letters and digits) within the name's pinyin. */
export function matchesName(label: string, pinyin: string | undefined, query: string): boolean {
  const q = normaliseQuery(query);
  if (q === '' || label.toLowerCase().replace(/\s+/g, '').includes(q)) return true;
  return !!pinyin && /^[a-z0-9]+$/.test(q) && pinyin.split(PART).some((k) => k.includes(q));
}
