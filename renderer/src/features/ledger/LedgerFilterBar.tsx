/**
 * The ledger's search box and filters. Each select is its own memoised component with options built once per
 * lookups list: a keystroke in the search box or a block of rows arriving must not re-render eleven antd selects.
 *
 * Eleven antd selects take longer to mount than the grid's first screen of rows, so until the rows are painted
 * each filter is drawn as a box of the same size and look; the real selects replace them in the next task (or at
 * once when the pointer or focus reaches one), so nothing moves and the rows come first.
 */
import { NAME_SEARCH, type Option, orgOption, staffOption, vocabOptions } from '../../lib/options.ts';
import { DownOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Tag } from 'antd';
import { memo, useEffect, useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import { afterPaint } from '../../lib/after-paint.ts';
import {
  CATEGORIES,
  NATURES,
  PROJECT_STATUSES,
  PROJECT_TAGS,
  STAGE_GROUPS,
  SUBCATEGORIES,
} from '../../../../shared/domain/vocab.ts';
import type { Lookups } from '../../../../shared/schemas/org.ts';
import type { LedgerFilters } from './ledger-view.ts';
import { shortOf } from '../../../../shared/fields/registry.ts';

/** Filter names are the fields' names in the registry (the grid's column titles without units). */
const P = (key: string): string => shortOf('project', key);

/** The filters' fixed vocabularies, each word with its pinyin once the lookups have come. */
const fixedOptions = (pinyinOf: Lookups['vocabPinyin'] | undefined) => ({
  category: vocabOptions(CATEGORIES, pinyinOf),
  subcategory: vocabOptions(SUBCATEGORIES, pinyinOf),
  status: vocabOptions(PROJECT_STATUSES, pinyinOf),
  nature: vocabOptions(NATURES, pinyinOf),
  stageGroup: vocabOptions(STAGE_GROUPS, pinyinOf),
  tag: vocabOptions(PROJECT_TAGS, pinyinOf),
});

interface FilterSelectProps {
  name: keyof LedgerFilters;
  placeholder: string;
  options: Option[];
  width: number;
  value: string | number | null | undefined;
  setFilters: Dispatch<SetStateAction<LedgerFilters>>;
  /** false: drawn as a look-alike box until `wake` */
  live: boolean;
  focused: boolean;
  wake: (name: keyof LedgerFilters, focus: boolean) => void;
}

const FilterSelect = memo(function FilterSelect(p: FilterSelectProps) {
  const { name, placeholder, options, width, value } = p;
  if (!p.live) {
    const label = value == null ? null : (options.find((o) => o.value === value)?.label ?? String(value));
    return (
      <div
        className="lg-select-ph"
        role="combobox"
        aria-expanded={false}
        aria-label={`筛选${placeholder}`}
        tabIndex={0}
        style={{ width }}
        onPointerEnter={() => p.wake(name, false)}
        onFocus={() => p.wake(name, true)}
      >
        <span className={label === null ? 'lg-select-ph-placeholder' : undefined}>{label ?? placeholder}</span>
        <DownOutlined className="lg-select-ph-arrow" />
      </div>
    );
  }
  return (
    <Select
      allowClear
      {...NAME_SEARCH}
      placeholder={placeholder}
      style={{ width }}
      options={options}
      value={value ?? undefined}
      aria-label={`筛选${placeholder}`}
      autoFocus={p.focused}
      onChange={(v) => p.setFilters((f) => ({ ...f, [name]: v ?? null }))}
    />
  );
});

export interface LedgerFilterBarProps {
  filters: LedgerFilters;
  setFilters: Dispatch<SetStateAction<LedgerFilters>>;
  query: string;
  setQuery: (q: string) => void;
  years: number[];
  lookups: Lookups | null;
  /** the 总览 light slice the ledger arrived with, in words, and how many projects it holds */
  onlyLabel: string | null;
  onlyCount: number | null;
  onClearOnly?: () => void;
  /** the grid's first rows are on screen: the real selects may mount */
  rowsShown: boolean;
}

export const LedgerFilterBar = memo(function LedgerFilterBar(p: LedgerFilterBarProps) {
  const { filters, setFilters, lookups } = p;
  const yearOptions = useMemo(() => p.years.map((y) => ({ value: y, label: `${y}年` })), [p.years]);
  const fixed = useMemo(() => fixedOptions(lookups?.vocabPinyin), [lookups]);
  const people = useMemo(() => {
    const orgs = lookups?.orgs ?? [];
    return {
      org: orgs.map(orgOption),
      village: orgs.filter((o) => o.level === '村').map(orgOption),
      staff: (lookups?.staff ?? []).map((s) => ({ ...staffOption(s), label: s.name })),
    };
  }, [lookups]);
  const [live, setLive] = useState(false);
  const [focused, setFocused] = useState<keyof LedgerFilters | null>(null);
  const wake = useMemo(
    () => (name: keyof LedgerFilters, focus: boolean) => {
      if (focus) setFocused(name);
      setLive(true);
    },
    [],
  );
  // after the frame with the rows has been painted
  useEffect(() => (!p.rowsShown || live ? undefined : afterPaint(() => setLive(true))), [p.rowsShown, live]);
  const select = (name: keyof LedgerFilters, placeholder: string, options: Option[], width = 110) => (
    <FilterSelect
      name={name}
      placeholder={placeholder}
      options={options}
      width={width}
      value={filters[name]}
      setFilters={setFilters}
      live={live}
      focused={focused === name}
      wake={wake}
    />
  );
  const anyFilter = p.query !== '' || Object.values(filters).some((v) => v != null);
  return (
    <Space wrap size={[8, 8]} style={{ marginBottom: 8 }}>
      <Input.Search
        allowClear
        placeholder="搜索名称、编号、地点或拼音首字母（如 pzz）"
        style={{ width: 300 }}
        value={p.query}
        onChange={(e) => p.setQuery(e.target.value)}
        aria-label="搜索项目"
      />
      {select('year', P('planYear'), yearOptions, 90)}
      {select('category', P('category'), fixed.category)}
      {select('subcategory', P('subcategory'), fixed.subcategory, 90)}
      {select('status', '状态', fixed.status, 90)}
      {select('nature', '性质', fixed.nature, 80)}
      {select('stageGroup', P('stageGroup'), fixed.stageGroup, 100)}
      {select('villageOrgId', '所在村', people.village)}
      {select('leadOrgId', P('leadOrgId'), people.org, 130)}
      {select('responsibleOrgId', P('responsibleOrgIds'), people.org, 130)}
      {select('leaderStaffId', P('leaderStaffId'), people.staff, 100)}
      {select('tag', P('tags'), fixed.tag, 100)}
      {p.onlyLabel && (
        <Tag closable color="volcano" onClose={() => p.onClearOnly?.()}>
          {p.onlyLabel}（{p.onlyCount ?? '…'}个）
        </Tag>
      )}
      {anyFilter && (
        <Button
          type="link"
          onClick={() => {
            setFilters({});
            p.setQuery('');
          }}
        >
          清除筛选
        </Button>
      )}
    </Space>
  );
});
