/**
 * Options for a project Select, searched in the core as the clerk types (name, 编号, pinyin initials):
 * a county ledger has tens of thousands of projects, too many to send to every picker.
 */
import { useMemo, useState } from 'react';
import { useChannelQuery } from './use-channel-query.ts';

export interface ProjectPicker {
  options: { value: number; label: string }[];
  /** Give to the Select's onSearch (with filterOption={false}: the core already filtered). */
  search: (text: string) => void;
}

export function useProjectPicker({
  scope,
  keep = [],
  enabled = true,
  exclude,
}: {
  scope: 'top' | 'all';
  keep?: readonly number[];
  enabled?: boolean;
  exclude?: number;
}): ProjectPicker {
  const [query, setQuery] = useState('');
  // keyed by value: a new `keep` array with the same ids asks nothing again; a failed search offers no options
  const picked = useChannelQuery('projects:pick', { query, scope, ids: keep.slice(0, 200), limit: 50 }, { enabled });
  const options = useMemo(
    () =>
      (picked.error ? [] : (picked.data ?? []))
        .filter((o) => o.id !== exclude)
        .map((o) => ({ value: o.id, label: `${o.code ?? ''} ${o.name}`.trim() })),
    [picked.data, picked.error, exclude],
  );
  return { options, search: setQuery };
}
