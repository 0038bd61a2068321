/**
 * Projects' pinyin search keys (shared/domain/search.ts) as the core makes them. pinyin-pro and its dictionary cost
 * the core some 15 MB the moment they load, and the keys are stored (project.search_key): a session that creates,
 * renames or imports no project never needs them. So it is loaded on first use, not at start.
 */
import { createRequire } from 'node:module';
import type * as PinyinPro from 'pinyin-pro';
import {
  namePinyin as pinyinOfName,
  searchKey as keyWith,
  storedSearchKey as storedWith,
  type Searchable,
  type SearchKey,
} from '../../shared/domain/search.ts';
import { PINYIN_SEARCHED_VOCABULARIES } from '../../shared/domain/vocab.ts';

let pinyin: typeof PinyinPro.pinyin | null = null;

/**
 * The toneless syllables of one text, kept for texts seen lately: the projects of a sheet share a few hundred
 * 建设地点 between them (10,000 rows of the bench county, 285 places), and pinyin-pro takes ~10 µs a text. The
 * answer depends on the whole text only (its word segmentation), so a kept one is exact.
 */
function syllablesOf(text: string): readonly string[] {
  let syllables = memo.get(text);
  if (!syllables) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    pinyin ??= (createRequire(import.meta.url)('pinyin-pro') as typeof PinyinPro).pinyin;
    syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
      .map((p) => p.replace(/\s+/g, '').toLowerCase())
      .filter(Boolean);
    memo.set(text, syllables);
  }
  return syllables;
}

const MEMO_SIZE = 5000;
const memo = new Map<string, readonly string[]>();

export const searchKey = (r: Searchable): SearchKey => keyWith(r, syllablesOf);
export const storedSearchKey = (r: Searchable): string => storedWith(r, syllablesOf);
export const namePinyin = (name: string): string => pinyinOfName(name, syllablesOf);

let vocabulary: Record<string, string> | null = null;
/** The pinyin of each word the pickers' vocabularies offer (fixed words: made once). */
export function vocabularyPinyin(): Record<string, string> {
  return (vocabulary ??= Object.fromEntries(PINYIN_SEARCHED_VOCABULARIES.flat().map((w) => [w, namePinyin(w)])));
}
