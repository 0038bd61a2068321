import { matchesName } from '../../../shared/domain/search.ts';
import type { OrgUnit, Staff } from '../../../shared/schemas/org.ts';

/** An antd Select option; a unit's or person's carries the name's pinyin for the search (below). */
export interface Option {
  value: string | number;
  label: string;
  pinyin?: string;
}

/**
 * A vocabulary (shared/domain/vocab.ts) as antd Select options: the words are both value and label; with the
 * lookups' vocabPinyin each carries its pinyin, so the pickers find 供水 by `gs` as they find a unit.
 */
export const vocabOptions = (list: readonly string[], pinyinOf?: Readonly<Record<string, string>>): Option[] =>
  list.map((v) => {
    const pinyin = pinyinOf?.[v];
    return pinyin === undefined ? { value: v, label: v } : { value: v, label: v, pinyin };
  });

/*
 * The options of every unit and person picker, and their search: a clerk finds 蒲州镇城建办 by typing `cjb` or
 * 周强 by `zq` / `zhouqiang`, as in the project picker — the name's pinyin comes from the core with the list
 * (pinyin-pro lives there only), as it does for the fixed vocabularies' words (vocabOptions).
 */
export const orgOption = (o: Pick<OrgUnit, 'id' | 'name' | 'pinyin'>): Option => ({
  value: o.id,
  label: o.name,
  pinyin: o.pinyin,
});

/** A person with the post, 周强（副镇长）: two people of one name are told apart. */
export const staffOption = (s: Pick<Staff, 'id' | 'name' | 'title' | 'pinyin'>): Option => ({
  value: s.id,
  label: `${s.name}（${s.title}）`,
  pinyin: s.pinyin,
});

/** antd Select's filterOption: the typed text within the label, or letters within the name's pinyin. */
export const filterByName = (input: string, option?: { label?: unknown; pinyin?: string }): boolean =>
  matchesName(String(option?.label ?? ''), option?.pinyin, input);

/** Spread on a Select: searchable by text and pinyin. */
export const NAME_SEARCH = { showSearch: true, filterOption: filterByName } as const;
