/**
 * The ledger search box: a query matches a project's name, code or location as typed, or the pinyin
 * of its name/location — initials (`pzz` finds 蒲州镇…) or full syllables (`puzhou`). Pinyin is costly,
 * so a row's key is built once when the list loads and each keystroke only does substring tests.
 */
import { pinyin } from 'pinyin-pro';

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

export function searchKey(r: Searchable): SearchKey {
  const text = [r.name, r.code ?? '', r.location ?? ''].join(SEP).toLowerCase().replace(/\s+/g, '');
  const parts = [syllablesOf(r.name), syllablesOf(r.location ?? '')];
  return {
    text,
    initials: parts.map((syllables) => syllables.map((p) => p[0]).join('')).join(SEP),
    full: parts.map((syllables) => syllables.join('')).join(SEP),
  };
}

/**
 * The toneless syllables of one text, kept for texts seen lately: the projects of a sheet share a few hundred
 * 建设地点 between them (10,000 rows of the bench county, 285 places), and pinyin-pro takes ~10 µs a text. The
 * answer depends on the whole text only (its word segmentation), so a kept one is exact.
 */
function syllablesOf(text: string): readonly string[] {
  let syllables = syllableMemo.get(text);
  if (!syllables) {
    if (syllableMemo.size >= SYLLABLE_MEMO_SIZE) syllableMemo.clear();
    syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
      .map((p) => p.replace(/\s+/g, '').toLowerCase())
      .filter(Boolean);
    syllableMemo.set(text, syllables);
  }
  return syllables;
}

const SYLLABLE_MEMO_SIZE = 5000;
const syllableMemo = new Map<string, readonly string[]>();

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
export function storedSearchKey(r: Searchable): string {
  const k = searchKey(r);
  return [k.text, k.initials, k.full].join(PART);
}

export function parseStoredSearchKey(s: string): SearchKey {
  const [text = '', initials = '', full = ''] = s.split(PART);
  return { text, initials, full };
}
