/**
 * Options for a project Select, searched in the core as the clerk types (name, 编号, pinyin initials):
 * a county ledger has tens of thousands of projects, too many to send to every picker.
 */
import { useEffect, useState } from 'react';
import { call } from './api.ts';

export interface ProjectPicker {
  options: { value: number; label: string }[];
  /** Give to the Select's onSearch (with filterOption={false}: the core already filtered). */
  search: (text: string) => void;
}

export function useProjectPicker({ scope, keep = [], enabled = true, exclude }: { scope: 'top' | 'all'; keep?: readonly number[]; enabled?: boolean; exclude?: number }): ProjectPicker {
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<ProjectPicker['options']>([]);
  const keepKey = keep.join(',');
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const ids = keepKey ? keepKey.split(',').map(Number).slice(0, 200) : [];
    call('projects:pick', { query, scope, ids, limit: 50 }).then(
      (list) => live && setOptions(list.filter((o) => o.id !== exclude).map((o) => ({ value: o.id, label: `${o.code ?? ''} ${o.name}`.trim() }))),
      () => live && setOptions([]),
    );
    return () => {
      live = false;
    };
  }, [enabled, query, scope, keepKey, exclude]);
  return { options, search: setQuery };
}
