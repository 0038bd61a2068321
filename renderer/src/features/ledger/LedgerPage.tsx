/**
 * The project ledger (台账) grid: every field as a chosen column (saved per operator), sub-projects as a
 * tree, sort by any column (Chinese collation), filters and a pinyin-aware search, virtual rows for
 * 20,000 projects, spreadsheet-like in-place editing and keyboard moves, multi-select with bulk edit,
 * delete to the 回收站 and restore.
 *
 * The core does the filtering, searching and sorting (projects:page): the page holds the order of the
 * matching projects and the data of the rows fetched so far, a block at a time as the scroller reaches them.
 */
import {
  DeleteOutlined, EditOutlined, FolderOpenOutlined, PlusOutlined, ReloadOutlined, RollbackOutlined, SettingOutlined,
} from '@ant-design/icons';
import {
  App as AntApp, Button, Card, Checkbox, Input, Popover, Segmented, Select, Space, Statistic, Table, Tag, Tooltip, Typography,
  type TableColumnsType,
} from 'antd';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import { formatWan } from '../../../../shared/domain/money.ts';
import { formatPeriodCn } from '../../../../shared/domain/period.ts';
import { LEVEL_CN, type Level } from '../../../../shared/domain/schedule.ts';
import type { LedgerPage as PageData, LedgerSortKey } from '../../../../shared/schemas/ledger-grid.ts';
import {
  CATEGORIES, NATURES, PROJECT_STATUSES, PROJECT_TAGS, STAGE_GROUPS, SUBCATEGORIES,
} from '../../../../shared/domain/vocab.ts';
import { projectFields, type Project, type ProjectRow } from '../../../../shared/schemas/project.ts';
import { call } from '../../lib/api.ts';
import { useCall } from '../../lib/use-call.ts';
import { BulkEditModal } from './BulkEditModal.tsx';
import { CellEditor, type Move } from './CellEditor.tsx';
import { DEFAULT_COLUMNS, FIXED_COLUMNS, LEDGER_COLUMNS, namesOf, type LedgerColumn, type Names } from './ledger-columns.ts';
import { visibleRows, type FlatRow, type LedgerFilters } from './ledger-view.ts';
import { ProjectForm } from './ProjectForm.tsx';

const COLUMNS_KEY = 'ledger.columns';
/** Rows fetched per call as the scroller reaches them; the first screen comes with the order. */
const BLOCK = 100;
const FIRST = 50;
const opts = (list: readonly string[]) => list.map((v) => ({ value: v, label: v }));

interface Cell {
  id: number;
  col: string;
}

function useTableHeight(offset: number) {
  const [h, setH] = useState(() => Math.max(300, window.innerHeight - offset));
  useEffect(() => {
    const on = () => setH(Math.max(300, window.innerHeight - offset));
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, [offset]);
  return h;
}

/** A saved project back into its list row, with display names resolved from the lookups. */
function toRow(prev: ProjectRow, p: Project, names: Names): ProjectRow {
  return {
    ...prev, ...p,
    leadOrgName: names.org(p.leadOrgId) || null,
    leaderName: names.staff(p.leaderStaffId) || null,
    villageName: names.org(p.villageOrgId) || null,
    responsibleOrgNames: p.responsibleOrgIds.map(names.org),
  };
}

/** The 总览 light slice the grid arrived with (#/ledger?light=red&period=2017-09), in words. */
function lightLabel(f: LedgerFilters): string | null {
  if (!f.light || !f.period) return null;
  const name = f.light === 'none' ? '未亮灯' : `${LEVEL_CN[f.light as Level] ?? f.light}灯`;
  return `${formatPeriodCn(f.period)}${name}项目`;
}

export interface LedgerPageProps {
  onOpen: (id: number) => void;
  initialFilters?: LedgerFilters;
  onClearOnly?: () => void;
}

type Order = Pick<PageData, 'ids' | 'depths' | 'tops' | 'topsTotalFen'>;

export function LedgerPage({ onOpen, initialFilters = {}, onClearOnly }: LedgerPageProps) {
  const { message, modal } = AntApp.useApp();
  const [view, setView] = useState<'active' | 'trash'>('active');
  const [order, setOrder] = useState<Order | null>(null);
  const [years, setYears] = useState<number[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  /** Row data by id, as fetched; replaced on reload, patched on edits. */
  const rowsRef = useRef(new Map<number, ProjectRow>());
  const [rowsVersion, rowsChanged] = useReducer((n: number) => n + 1, 0);
  const [reloads, setReloads] = useState(0);
  const staleRows = useRef(false);
  const requestSeq = useRef(0);
  const [filters, setFilters] = useState<LedgerFilters>(initialFilters);
  const [queryText, setQueryText] = useState('');
  const [sort, setSort] = useState<{ key: LedgerSortKey; desc: boolean } | null>(null);
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const [chosen, setChosen] = useState<string[]>(DEFAULT_COLUMNS);
  const [selected, setSelected] = useState<number[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [active, setActive] = useState<Cell | null>(null);
  const [editing, setEditing] = useState<Cell | null>(null);
  const [editError, setEditError] = useState<string | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [formProject, setFormProject] = useState<Project | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<{ scrollTo: (c: { key?: React.Key; index?: number }) => void } | null>(null);
  const height = useTableHeight(400);

  useEffect(() => {
    performance.mark('ledger:mount');
  }, []);

  /** Asks the core again; `fresh` also drops the row data held (after writes that may touch many rows). */
  const reload = useCallback((fresh = true) => {
    if (fresh) staleRows.current = true;
    setReloads((n) => n + 1);
  }, []);
  useEffect(() => {
    const seq = ++requestSeq.current;
    performance.mark('ledger:filter-start');
    call('projects:page', { filters: { ...filters, query: queryText }, sort, deleted: view === 'trash', first: FIRST }).then(
      (p) => {
        if (seq !== requestSeq.current) return; // a later keystroke's answer is on its way
        if (staleRows.current) {
          rowsRef.current = new Map();
          staleRows.current = false;
          setSelected([]);
        }
        for (const r of p.rows) rowsRef.current.set(r.id, r);
        setOrder({ ids: p.ids, depths: p.depths, tops: p.tops, topsTotalFen: p.topsTotalFen });
        setYears(p.years);
        setLoadError(null);
        requestAnimationFrame(() => {
          performance.mark('ledger:filter-end');
          performance.measure('ledger:filter', 'ledger:filter-start', 'ledger:filter-end');
        });
      },
      (e: Error) => seq === requestSeq.current && setLoadError(e.message),
    );
  }, [filters, queryText, sort, view, reloads]);

  // After the page request: the first rows do not need the names lists (edits and hidden columns do).
  const lookups = useCall('lookups:get', {});
  const names = useMemo(() => namesOf(lookups.data), [lookups.data]);

  /* row data for the rest of the order, a block at a time, when a row of the block is rendered */
  const blocksAsked = useRef(new Set<number>());
  const orderRef = useRef(order);
  if (orderRef.current !== order) {
    // read during render by the cells of the new order (the columns are not rebuilt for a new order)
    orderRef.current = order;
    blocksAsked.current = new Set();
  }
  const needRow = (pos: number) => {
    const block = Math.floor(pos / BLOCK);
    const order = orderRef.current;
    if (!order || blocksAsked.current.has(block)) return;
    blocksAsked.current.add(block);
    const ids = order.ids.slice(block * BLOCK, (block + 1) * BLOCK).filter((id) => !rowsRef.current.has(id));
    if (ids.length === 0) return;
    const asked = blocksAsked.current; // the set of this order, even if another order arrives meanwhile
    call('projects:rows', { ids }).then(
      (rows) => {
        for (const r of rows) rowsRef.current.set(r.id, r);
        rowsChanged();
      },
      (e: Error) => {
        asked.delete(block);
        message.error(e.message);
      },
    );
  };
  useEffect(() => {
    call('settings:getUi', { key: COLUMNS_KEY }).then(
      ({ value }) => Array.isArray(value) && setChosen(value.filter((k): k is string => typeof k === 'string')),
      () => {},
    );
  }, []);

  const columnsShown = useMemo(
    () => LEDGER_COLUMNS.filter((c) => FIXED_COLUMNS.includes(c.key) || chosen.includes(c.key)),
    [chosen],
  );

  // rowsVersion: the held rows changed in place (a block arrived, an edit was saved)
  // Row objects stay the same while blocks of data arrive (cells read rowsRef): the table's per-row work over
  // 20,000 rows (selection keys, tree flattening) is redone only when the order or the collapsed set changes.
  const flat = useMemo(() => (order ? visibleRows(order, collapsed) : []), [order, collapsed]);

  useEffect(() => {
    if (flat.length === 0 || performance.getEntriesByName('ledger:first-rows').length) return;
    requestAnimationFrame(() => {
      performance.mark('ledger:first-rows');
      performance.measure('ledger:open', 'ledger:mount', 'ledger:first-rows');
    });
  }, [flat]);

  const defaultYear = years[0] ?? new Date().getFullYear();

  const saveColumns = (keys: string[]) => {
    setChosen(keys);
    call('settings:setUi', { key: COLUMNS_KEY, value: keys }).catch((e: Error) => message.error(e.message));
  };

  /* keyboard moves over the visible grid */
  const flatRef = useRef(flat);
  flatRef.current = flat;
  const move = (from: Cell, dir: Move | 'up') => {
    const flat = flatRef.current; // the rows on screen now (an edit's answer may have reordered them)
    const r = flat.findIndex((f) => f.id === from.id);
    const c = columnsShown.findIndex((col) => col.key === from.col);
    let nr = r;
    let nc = c;
    if (dir === 'down') nr = Math.min(flat.length - 1, r + 1);
    if (dir === 'up') nr = Math.max(0, r - 1);
    if (dir === 'right') nc = Math.min(columnsShown.length - 1, c + 1);
    if (dir === 'left') nc = Math.max(0, c - 1);
    const next = { id: flat[nr]!.id, col: columnsShown[nc]!.key };
    setActive(next);
    tableRef.current?.scrollTo({ index: nr });
    return next;
  };
  const startEdit = (cell: Cell) => {
    const col = columnsShown.find((c) => c.key === cell.col);
    if (view !== 'active' || !col?.edit) return;
    setEditError(null);
    setEditing(cell);
  };
  const gridKeys = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing || !active) return;
    const dirs: Record<string, Move | 'up'> = { ArrowDown: 'down', ArrowUp: 'up', ArrowLeft: 'left', ArrowRight: 'right' };
    if (dirs[e.key]) {
      e.preventDefault();
      move(active, dirs[e.key]!);
    } else if (e.key === 'Tab') {
      e.preventDefault();
      move(active, e.shiftKey ? 'left' : 'right');
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      startEdit(active);
    }
  };
  const commit = async (cell: Cell, col: LedgerColumn, value: unknown, dir: Move): Promise<boolean> => {
    const field = col.edit!.field;
    const row = rowsRef.current.get(cell.id);
    if (!row) return false;
    const before = col.raw ? col.raw(row) : null;
    const normalised = value === '' ? null : value;
    const done = () => {
      setEditing(null);
      setEditError(null);
      if (dir !== 'none') move(cell, dir);
      gridRef.current?.focus();
      return true;
    };
    if (normalised === before || (normalised === null && before === null)) return done();
    const check = projectFields[field].safeParse(normalised);
    if (!check.success) {
      const msg = check.error.issues[0]?.message ?? '输入有误';
      setEditError(msg);
      message.error(msg);
      return false;
    }
    try {
      const saved = await call('projects:update', { id: cell.id, patch: { [field]: normalised } });
      rowsRef.current.set(saved.id, toRow(row, saved, names));
      rowsChanged();
      reload(false); // the edit may move the row or take it out of the filter
      message.success(`已保存“${saved.name}”的${col.title}`);
      return done();
    } catch (e) {
      setEditError((e as Error).message);
      message.error((e as Error).message);
      return false;
    }
  };

  const remove = (r: ProjectRow) =>
    modal.confirm({
      title: `删除项目“${r.name}”？`,
      content: r.childCount ? `其下 ${r.childCount} 个子项目将一并移入回收站。可在回收站中恢复。` : '项目将移入回收站，可在回收站中恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          const { deleted } = await call('projects:delete', { id: r.id });
          message.success(`已移入回收站（${deleted} 个项目）`);
          reload();
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });
  const restore = async (r: ProjectRow) => {
    try {
      await call('projects:restore', { id: r.id });
      message.success(`已恢复“${r.name}”`);
      reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const openForm = async (id: number | null) => {
    try {
      setFormProject(id === null ? null : await call('projects:get', { id }));
      setFormOpen(true);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const toggle = (id: number) =>
    setCollapsed((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  const renderCell = (col: LedgerColumn, f: FlatRow) => {
    const r = rowsRef.current.get(f.id);
    if (!r) {
      needRow(f.pos);
      return col.key === 'name' ? <Typography.Text type="secondary" style={{ paddingLeft: f.depth * 18 + 22 }}>…</Typography.Text> : null;
    }
    if (editing && editing.id === r.id && editing.col === col.key && lookups.data)
      return (
        <CellEditor
          col={col} row={r} lookups={lookups.data} error={editError}
          onCommit={(v, dir) => commit(editing, col, v, dir)}
          onCancel={() => { setEditing(null); gridRef.current?.focus(); }}
        />
      );
    const v = col.value(r, names);
    const shown = col.text ? col.text(r, names) : v === null ? '' : String(v);
    if (col.key !== 'name') return col.key === 'status' ? <Tag>{shown}</Tag> : shown;
    return (
      <Space size={4} style={{ paddingLeft: f.depth * 18 }}>
        {f.hasChildren ? (
          <button type="button" className="tree-toggle" onClick={(e) => { e.stopPropagation(); toggle(f.id); }} aria-label={collapsed.has(r.id) ? '展开' : '收起'}>
            {collapsed.has(r.id) ? '▸' : '▾'}
          </button>
        ) : <span className="tree-toggle" />}
        <Typography.Text strong={r.parentId === null}>{shown}</Typography.Text>
        {r.itemsSumFen > 0 && r.itemsSumFen !== r.totalFen && (
          <Tooltip title={`建设子项合计 ${formatWan(r.itemsSumFen)} 万元，与总投资 ${formatWan(r.totalFen)} 万元不一致`}>
            <Tag color="orange">子项≠总投资</Tag>
          </Tooltip>
        )}
      </Space>
    );
  };

  // New columns re-render the header too: only when what the cells show changed, not for a new order of rows.
  const columns: TableColumnsType<FlatRow> = useMemo(() => [
    ...columnsShown.map((col) => ({
      key: col.key,
      title: col.title,
      width: col.width,
      align: col.align,
      ellipsis: col.key !== 'name',
      sorter: true,
      sortOrder: sort?.key === col.key ? (sort.desc ? ('descend' as const) : ('ascend' as const)) : null,
      render: (_: unknown, f: FlatRow) => renderCell(col, f),
      onCell: (f: FlatRow) => ({
        className: [
          active?.id === f.id && active.col === col.key ? 'cell-active' : '',
          col.edit && view === 'active' ? 'cell-editable' : '',
        ].join(' '),
        'data-col': col.key,
        onClick: () => setActive({ id: f.id, col: col.key }),
        onDoubleClick: () => startEdit({ id: f.id, col: col.key }),
      }) as React.HTMLAttributes<HTMLElement>,
    })),
    {
      title: '操作',
      key: 'ops',
      width: view === 'trash' ? 100 : 230,
      fixed: 'right',
      render: (_, { id }) => ((r = rowsRef.current.get(id)) =>
        !r ? null : view === 'trash' ? (
          <Button size="small" icon={<RollbackOutlined />} onClick={() => restore(r)}>恢复</Button>
        ) : (
          <Space size={4}>
            <Button size="small" icon={<FolderOpenOutlined />} onClick={() => onOpen(r.id)} aria-label={`档案 ${r.name}`}>档案</Button>
            <Button size="small" icon={<EditOutlined />} onClick={() => openForm(r.id)} aria-label={`编辑 ${r.name}`}>编辑</Button>
            <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(r)} aria-label={`删除 ${r.name}`}>删除</Button>
          </Space>
        ))(),
    },
  ],
  [rowsVersion, columnsShown, sort, active, editing, editError, view, collapsed, names, lookups.data]);
  const scrollX = columns.reduce((s, c) => s + ((c.width as number) ?? 100), 0) + 40;

  const orgOptions = (lookups.data?.orgs ?? []).map((o) => ({ value: o.id, label: o.name }));
  const villageOptions = (lookups.data?.orgs ?? []).filter((o) => o.level === '村').map((o) => ({ value: o.id, label: o.name }));
  const staffOptions = (lookups.data?.staff ?? []).map((s) => ({ value: s.id, label: s.name }));
  const filterSelect = <K extends keyof LedgerFilters>(key: K, placeholder: string, options: { value: string | number; label: string }[], width = 110) => (
    <Select
      allowClear showSearch optionFilterProp="label" placeholder={placeholder} style={{ width }} options={options}
      value={filters[key] ?? undefined} aria-label={`筛选${placeholder}`}
      onChange={(v) => setFilters((f) => ({ ...f, [key]: v ?? null }))}
    />
  );
  const anyFilter = queryText !== '' || Object.values(filters).some((v) => v != null);
  const onlyLabel = lightLabel(filters);

  return (
    <Card
      title={
        <Space size="large">
          <span>项目台账</span>
          <Segmented
            value={view}
            onChange={(v) => { setView(v as 'active' | 'trash'); setEditing(null); setActive(null); }}
            options={[{ value: 'active', label: '在册项目' }, { value: 'trash', label: '回收站' }]}
          />
        </Space>
      }
      extra={
        <Space>
          <Popover
            trigger="click"
            placement="bottomRight"
            title="显示的列（按操作员保存）"
            content={
              <Checkbox.Group
                style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 150px)', gap: 4 }}
                value={[...new Set([...chosen, ...FIXED_COLUMNS])]}
                onChange={(v) => saveColumns((v as string[]).filter((k) => !FIXED_COLUMNS.includes(k)))}
                options={LEDGER_COLUMNS.map((c) => ({ value: c.key, label: c.title, disabled: FIXED_COLUMNS.includes(c.key) }))}
              />
            }
          >
            <Button icon={<SettingOutlined />}>列</Button>
          </Popover>
          <Button icon={<ReloadOutlined />} onClick={() => reload()}>刷新</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)} disabled={!lookups.data}>新增项目</Button>
        </Space>
      }
    >
      <Space wrap size={[8, 8]} style={{ marginBottom: 8 }}>
        <Input.Search
          allowClear
          placeholder="搜索名称、编号、地点或拼音首字母（如 pzz）"
          style={{ width: 300 }}
          value={queryText}
          onChange={(e) => setQueryText(e.target.value)}
          aria-label="搜索项目"
        />
        {filterSelect('year', '年度', years.map((y) => ({ value: y, label: `${y}年` })), 90)}
        {filterSelect('category', '七补齐类别', opts(CATEGORIES))}
        {filterSelect('subcategory', '子类', opts(SUBCATEGORIES), 90)}
        {filterSelect('status', '状态', opts(PROJECT_STATUSES), 90)}
        {filterSelect('nature', '性质', opts(NATURES), 80)}
        {filterSelect('stageGroup', '推进分类', opts(STAGE_GROUPS), 100)}
        {filterSelect('villageOrgId', '所在村', villageOptions)}
        {filterSelect('leadOrgId', '牵头单位', orgOptions, 130)}
        {filterSelect('responsibleOrgId', '责任单位', orgOptions, 130)}
        {filterSelect('leaderStaffId', '包联领导', staffOptions, 100)}
        {filterSelect('tag', '标记', opts(PROJECT_TAGS), 100)}
        {onlyLabel && (
          <Tag closable color="volcano" onClose={() => onClearOnly?.()}>
            {onlyLabel}（{order ? order.ids.length : '…'}个）
          </Tag>
        )}
        {anyFilter && <Button type="link" onClick={() => { setFilters({}); setQueryText(''); }}>清除筛选</Button>}
      </Space>
      <Space size={40} style={{ marginBottom: 8 }} align="end">
        <Statistic title="项目（顶层）" value={order?.tops ?? 0} suffix="个" />
        <Statistic title="子项目" value={order ? order.ids.length - order.tops : 0} suffix="个" />
        <Statistic title="总投资" value={formatWan(order?.topsTotalFen ?? 0, { grouping: true })} suffix="万元" />
        {selected.length > 0 && view === 'active' && (
          <Space>
            <Typography.Text>已选 {selected.length} 个项目</Typography.Text>
            <Button onClick={() => setBulkOpen(true)} disabled={!lookups.data}>批量修改</Button>
            <Button type="link" onClick={() => setSelected([])}>取消选择</Button>
          </Space>
        )}
      </Space>
      {loadError && <Typography.Text type="danger">{loadError}</Typography.Text>}
      <div ref={gridRef} tabIndex={0} onKeyDown={gridKeys} className="ledger-grid" aria-label="项目台账表格">
        {useMemo(() => <Table<FlatRow>
          ref={tableRef as never}
          virtual
          rowKey={(f) => f.id}
          size="small"
          bordered
          loading={order === null && !loadError}
          columns={columns}
          dataSource={flat}
          pagination={false}
          scroll={{ x: scrollX, y: height }}
          rowSelection={view === 'active' ? {
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as number[]),
            columnWidth: 40,
          } : undefined}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            setSort(s?.order && s.columnKey ? { key: String(s.columnKey) as LedgerSortKey, desc: s.order === 'descend' } : null);
          }}
          showSorterTooltip={false}
          locale={{ emptyText: view === 'trash' ? '回收站是空的' : anyFilter ? '没有符合条件的项目' : '暂无项目，请点击“新增项目”' }}
        />,
        // Typing in the search box re-renders the page, not the table: it waits for the core's answer.
        [flat, columns, scrollX, selected, height, anyFilter, loadError, order, view])}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        点选单元格后：方向键移动，Enter 或双击修改，Enter 保存并下移，Tab 保存并右移，Esc 放弃。
      </Typography.Text>
      {lookups.data && (
        <>
          <ProjectForm
            open={formOpen}
            editing={formProject}
            defaultYear={defaultYear}
            lookups={lookups.data}
            onClose={() => setFormOpen(false)}
            onSaved={() => { setFormOpen(false); reload(); }}
          />
          <BulkEditModal
            ids={selected}
            lookups={lookups.data}
            open={bulkOpen}
            onClose={() => setBulkOpen(false)}
            onDone={() => { setBulkOpen(false); reload(); }}
          />
        </>
      )}
    </Card>
  );
}
